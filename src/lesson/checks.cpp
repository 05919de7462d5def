// Conditional defaults and check expressions, evaluated by Interleave's interpreter.
// See checks.h for the contract and scripts/lesson_cpython.py for the CPython reference.
#include "lesson/checks.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>
#include <variant>

#include "core/failure.h"
#include "py/ast.h"
#include "py/compiler.h"
#include "py/parser.h"
#include "py/vm.h"

namespace interleave::lesson {
namespace {

using nlohmann::json;

constexpr uint64_t kInstructionBudget = 50'000'000;
constexpr size_t kMemoryBudget = 256u << 20;
constexpr const char* kMarker = "\x1dIL ";

// ---------------------------------------------------------------- Python literals

std::string py_float(double d) {
  if (std::isnan(d)) return "float(\"nan\")";
  if (std::isinf(d)) return d > 0 ? "float(\"inf\")" : "float(\"-inf\")";
  return json(d).dump();  // shortest round-trip, always with '.' or an exponent
}

std::string py_str(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += char(c);  // UTF-8 passes through
        }
    }
  }
  return out + "\"";
}

bool is_identifier(const std::string& s) {
  static const std::set<std::string> keywords = {
      "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
      "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
      "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
      "return", "try", "while", "with", "yield"};
  if (s.empty() || keywords.count(s) || s.rfind("_il_", 0) == 0) return false;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// Parses `src` and requires exactly one expression statement. On success fills `names`
// (every Name the expression reads) when given.
bool parse_single_expression(const std::string& src, std::string& error,
                             std::set<std::string>* names, bool literal_only) {
  py::ParseResult pr = py::parse(src);
  if (!pr.error.empty()) {
    error = pr.error;
    return false;
  }
  if (!pr.ast || pr.ast->body.size() != 1 || pr.ast->body[0]->kind != py::NK::ExprStmt ||
      !pr.ast->body[0]->a) {
    error = "SyntaxError: expected a single expression";
    return false;
  }
  const py::Node* root = pr.ast->body[0]->a;
  if (root->kind == py::NK::Starred) {
    error = "SyntaxError: can't use starred expression here";
    return false;
  }
  for (const auto& n : pr.ast->nodes) {
    if (n->kind == py::NK::Yield || n->kind == py::NK::YieldFrom) {
      error = "SyntaxError: 'yield' outside function";
      return false;
    }
    if (names && n->kind == py::NK::Name) names->insert(n->str);
  }
  if (literal_only) {
    // Only constants and displays of constants (ast.literal_eval's language, minus complex).
    std::vector<const py::Node*> stack{root};
    while (!stack.empty()) {
      const py::Node* n = stack.back();
      stack.pop_back();
      switch (n->kind) {
        case py::NK::Int: case py::NK::BigIntLit: case py::NK::Float: case py::NK::Str:
        case py::NK::None: case py::NK::True: case py::NK::False:
          break;
        case py::NK::UnaryOp:
          if (n->str != "-" && n->str != "+") {
            error = "ValueError: malformed literal";
            return false;
          }
          break;
        case py::NK::Tuple: case py::NK::List: case py::NK::Dict: case py::NK::Set:
          break;
        default:
          error = "ValueError: malformed literal";
          return false;
      }
      for (const py::Node* c : {n->a, n->b, n->c})
        if (c) stack.push_back(c);
      for (const py::Node* c : n->list) if (c) stack.push_back(c);
      for (const py::Node* c : n->list2) if (c) stack.push_back(c);
    }
  }
  return true;
}

// Parses and compiles `expr` as it will be embedded: catches every syntax error up front, so
// one broken expression never breaks the evaluation of the others.
bool validate_expression(py::VM& scratch, const std::string& expr, std::string& error,
                         std::set<std::string>* names, bool literal_only = false) {
  if (!parse_single_expression(expr, error, names, literal_only)) return false;
  py::CompileResult cr = py::compile_source("_il_x = (\n" + expr + "\n)\n", scratch.heap, "<check>");
  if (!cr.error.empty()) {
    error = cr.error;
    return false;
  }
  return true;
}

// The expression embedded in generated source, on lines of its own inside parentheses.
std::string wrap(const std::string& expr) { return "(\n" + expr + "\n)"; }

std::string param_literal(const ParamValue& v) {
  struct Visit {
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return py_float(d); }
    std::string operator()(bool b) const { return b ? "True" : "False"; }
    std::string operator()(const std::string& s) const { return py_str(s); }
    std::string operator()(const std::vector<int64_t>& xs) const {
      std::string out = "[";
      for (size_t i = 0; i < xs.size(); i++) out += (i ? ", " : "") + std::to_string(xs[i]);
      return out + "]";
    }
    std::string operator()(const std::vector<double>& xs) const {
      std::string out = "[";
      for (size_t i = 0; i < xs.size(); i++) out += (i ? ", " : "") + py_float(xs[i]);
      return out + "]";
    }
  };
  return std::visit(Visit{}, v);
}

// A parameter's value as source; Literal parameters are validated literal source.
bool param_source(py::VM& scratch, const Param* p, const ParamValue& v, std::string& out,
                  std::string& error) {
  if (p && p->type == ParamType::Literal && std::holds_alternative<std::string>(v)) {
    const std::string& src = std::get<std::string>(v);
    if (!validate_expression(scratch, src, error, nullptr, true)) return false;
    out = wrap(src);
    return true;
  }
  out = param_literal(v);
  return true;
}

const char* kHelpers = R"PY(import json as _il_json
def _il_emit(*rec):
    print("\n\x1dIL " + _il_json.dumps(list(rec)))
def _il_err(e):
    m = str(e)
    n = type(e).__name__
    if m:
        return n + ": " + m
    return n
)PY";

const char* kFunctions = R"PY(def ceil(x):
    i = int(x)
    if i < x:
        return i + 1
    return i
def floor(x):
    i = int(x)
    if i > x:
        return i - 1
    return i
def greedy_schedule(durations, workers):
    free = [0.0] * max(1, workers)
    finish = []
    for d in durations:
        k = 0
        for j in range(1, len(free)):
            if free[j] < free[k]:
                k = j
        free[k] += d
        finish.append(free[k])
    return finish
def time_close(a, b):
    if _il_det:
        return abs(a - b) <= 0.01 + 0.01 * abs(b)
    return abs(a - b) <= 0.15 + 0.05 * abs(b)
)PY";

struct ProgramRun {
  std::vector<json> records;
  std::string failure;  // last stderr line when the program did not finish cleanly
};

ProgramRun run_program(const std::string& source) {
  ProgramRun r;
  std::string out, err;
  py::VmConfig config;
  config.limits.max_instructions = kInstructionBudget;
  config.limits.max_memory_bytes = kMemoryBudget;
  config.sink = [&](const std::string& text, py::Stream s, const py::Thread*) {
    (s == py::Stream::Stdout ? out : err) += text;
  };
  py::VM vm(std::move(config));
  py::Thread* t = vm.load_main(source, "<checks>");
  int code = t ? vm.run_to_end(*t) : 1;
  size_t pos = 0;
  const std::string marker = kMarker;
  while ((pos = out.find(marker, pos)) != std::string::npos) {
    pos += marker.size();
    size_t end = out.find('\n', pos);
    std::string line = out.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    json rec = json::parse(line, nullptr, false);
    if (rec.is_array()) r.records.push_back(std::move(rec));
  }
  if (code != 0) {
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    size_t nl = err.rfind('\n');
    r.failure = nl == std::string::npos ? err : err.substr(nl + 1);
    if (r.failure.rfind("interleave: ", 0) == 0) r.failure = r.failure.substr(12);
    if (r.failure.empty()) r.failure = "the evaluation failed (exit code " + std::to_string(code) + ")";
  }
  return r;
}

void indent_into(std::string& out, const std::string& block, const std::string& pad) {
  size_t start = 0;
  while (start < block.size()) {
    size_t nl = block.find('\n', start);
    std::string line = block.substr(start, nl == std::string::npos ? std::string::npos : nl - start + 1);
    out += pad + line;
    if (nl == std::string::npos) {
      out += "\n";
      break;
    }
    start = nl + 1;
  }
}

}  // namespace

std::string json_to_python_literal(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "None";
    case json::value_t::boolean: return v.get<bool>() ? "True" : "False";
    case json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case json::value_t::number_float: return py_float(v.get<double>());
    case json::value_t::string: return py_str(v.get<std::string>());
    case json::value_t::array: {
      std::string out = "[";
      bool first = true;
      for (const auto& x : v) {
        out += (first ? "" : ", ") + json_to_python_literal(x);
        first = false;
      }
      return out + "]";
    }
    case json::value_t::object: {
      if (v.size() == 1 && v.contains("$tuple") && v["$tuple"].is_array()) {
        const json& items = v["$tuple"];
        std::string out = "(";
        for (size_t i = 0; i < items.size(); i++) out += (i ? ", " : "") + json_to_python_literal(items[i]);
        return out + (items.size() == 1 ? ",)" : ")");
      }
      std::string out = "{";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        out += (first ? "" : ", ") + py_str(it.key()) + ": " + json_to_python_literal(it.value());
        first = false;
      }
      return out + "}";
    }
    default: return "None";  // binary / discarded: not produced by the runner
  }
}

bool apply_conditional_defaults(const Lesson& lesson, ResolvedParams& params, std::string& error) {
  std::set<std::string> explicit_names(params.explicit_names.begin(), params.explicit_names.end());
  py::VM scratch;
  std::string program = kHelpers;
  // Every parameter as resolved so far.
  for (const auto& [name, value] : params.values) {
    if (!is_identifier(name)) continue;
    std::string src, err;
    if (!param_source(scratch, lesson.find_param(name), value, src, err)) {
      error = lesson.id + ": parameter " + name + ": its value is not a Python literal (" + err + ")";
      return false;
    }
    program += name + " = " + src + "\n";
  }
  bool any = false;
  for (size_t pi = 0; pi < params.values.size(); pi++) {
    const std::string& name = params.values[pi].first;
    const Param* p = lesson.find_param(name);
    if (!p || p->default_when.empty() || explicit_names.count(name) || !is_identifier(name)) continue;
    any = true;
    program += "_il_done = False\n";
    for (size_t ri = 0; ri < p->default_when.size(); ri++) {
      const ConditionalDefault& rule = p->default_when[ri];
      std::string err;
      if (!validate_expression(scratch, rule.when, err, nullptr)) {
        error = lesson.id + ": parameter " + name + ": default_when `" + rule.when + "`: " + err;
        return false;
      }
      std::string value_src;
      if (!param_source(scratch, p, rule.value, value_src, err)) {
        error = lesson.id + ": parameter " + name + ": default_when value for `" + rule.when +
                "` is not a Python literal (" + err + ")";
        return false;
      }
      std::string block;
      block += "try:\n    _il_w = bool(" + wrap(rule.when) + ")\n";
      block += "except Exception as _il_e:\n";
      block += "    _il_emit(" + std::to_string(pi) + ", " + std::to_string(ri) + ", \"error\", _il_err(_il_e))\n";
      block += "    raise SystemExit(0)\n";
      block += "if _il_w:\n    " + name + " = " + value_src + "\n";
      block += "    _il_done = True\n";
      block += "    _il_emit(" + std::to_string(pi) + ", " + std::to_string(ri) + ", \"match\", \"\")\n";
      program += "if not _il_done:\n";
      indent_into(program, block, "    ");
    }
  }
  if (!any) return true;
  ProgramRun run = run_program(program);
  ResolvedParams updated = params;
  for (const json& rec : run.records) {
    if (rec.size() != 4 || !rec[0].is_number_integer() || !rec[1].is_number_integer()) continue;
    size_t pi = rec[0].get<size_t>(), ri = rec[1].get<size_t>();
    if (pi >= updated.values.size()) continue;
    const Param* p = lesson.find_param(updated.values[pi].first);
    if (!p || ri >= p->default_when.size()) continue;
    if (rec[2] == "error") {
      error = lesson.id + ": parameter " + p->name + ": default_when `" + p->default_when[ri].when +
              "` raised " + rec[3].get<std::string>();
      return false;
    }
    updated.values[pi].second = p->default_when[ri].value;
  }
  if (!run.failure.empty()) {
    error = lesson.id + ": evaluating default_when failed: " + run.failure;
    return false;
  }
  params = std::move(updated);
  return true;
}

std::vector<CheckOutcome> evaluate_challenges(const Lesson& lesson, const ResolvedParams& params,
                                              const json& results, const RunFacts& facts) {
  if (lesson.challenges.empty()) return {};
  Lesson goals = lesson;  // the same declarations (results, parameters), the goals as checks
  goals.checks.clear();
  for (const Challenge& c : lesson.challenges) {
    Check check;
    check.name = c.id;
    check.expect = c.success;
    check.text = c.title;
    goals.checks.push_back(std::move(check));
  }
  return evaluate_checks(goals, params, results, facts);
}

std::vector<CheckOutcome> evaluate_checks(const Lesson& lesson, const ResolvedParams& params,
                                          const json& results, const RunFacts& facts) {
  std::vector<CheckOutcome> outcomes;
  outcomes.reserve(lesson.checks.size());
  try {
    py::VM scratch;
    std::string program = kHelpers;
    program += std::string("_il_det = ") + (facts.mode == "det" ? "True" : "False") + "\n";
    program += kFunctions;
    // Facts first; parameters, then results, override them.
    program += "mode = " + py_str(facts.mode) + "\n";
    program += "run_mode = " + py_str(facts.mode) + "\n";
    program += "seed = " + std::to_string(facts.seed) + "\n";
    program += "default_seed = " + std::to_string(facts.default_seed) + "\n";
    program += "switch_points = " + py_str(facts.switch_points) + "\n";
    program += "virtual_time_s = " + py_float(facts.virtual_time_s) + "\n";
    program += "wall_time_s = " + py_float(facts.wall_time_s) + "\n";
    program += "exit_code = " + std::to_string(facts.exit_code) + "\n";
    program += "deadlock = " + json_to_python_literal(facts.deadlock) + "\n";
    std::string setup_error;
    for (const auto& [name, value] : params.values) {
      if (!is_identifier(name) || name == "run_mode") continue;
      std::string src, err;
      if (!param_source(scratch, lesson.find_param(name), value, src, err)) {
        setup_error = "parameter " + name + " is not a Python literal (" + err + ")";
        break;
      }
      program += name + " = " + src + "\n";
    }
    // Results: given, or taken from the facts for run.* sources; declared but absent: missing.
    std::set<std::string> missing;
    std::set<std::string> declared;
    const bool cpython = facts.mode == "cpython";
    if (cpython) missing.insert("deadlock");  // as scripts/lesson_cpython.py: n/a on CPython
    for (const Result& r : lesson.results) {
      declared.insert(r.name);
      if (!is_identifier(r.name)) continue;
      json value;
      bool have = false;
      if (results.is_object() && results.contains(r.name)) {
        value = results[r.name];
        have = true;
      } else if (r.source == "run.virtual_time_s") {
        value = facts.virtual_time_s, have = true;
      } else if (r.source == "run.wall_time_s") {
        value = facts.wall_time_s, have = true;
      } else if (r.source == "run.exit_code") {
        value = facts.exit_code, have = true;
      } else if (cpython && r.source.rfind("run.", 0) == 0) {
        have = false;  // only Interleave's runner measures the other run.* values
      } else if (r.source == "run.deadlocked") {
        value = !facts.deadlock.is_null(), have = true;
      } else if (r.source == "run.cycle") {
        value = facts.deadlock.is_object() && facts.deadlock.contains("cycle") ? facts.deadlock["cycle"]
                                                                                 : json();
        have = true;
      }
      if (have) {
        program += r.name + " = " + json_to_python_literal(value) + "\n";
      } else {
        missing.insert(r.name);
      }
    }
    if (results.is_object()) {  // undeclared extras are visible too
      for (auto it = results.begin(); it != results.end(); ++it)
        if (!declared.count(it.key()) && is_identifier(it.key()))
          program += it.key() + " = " + json_to_python_literal(it.value()) + "\n";
    }

    std::vector<bool> evaluated(lesson.checks.size(), false);
    for (size_t i = 0; i < lesson.checks.size(); i++) {
      const Check& c = lesson.checks[i];
      outcomes.push_back({c.name, Verdict::Error, ""});
      if (!setup_error.empty()) {
        outcomes.back().detail = setup_error;
        continue;
      }
      std::set<std::string> names;
      std::string err;
      if (!c.when.empty() && !validate_expression(scratch, c.when, err, &names)) {
        outcomes.back().detail = err;
        continue;
      }
      if (!validate_expression(scratch, c.expect, err, &names)) {
        outcomes.back().detail = err;
        continue;
      }
      std::string needs;
      for (const auto& n : names)
        if (missing.count(n)) needs += (needs.empty() ? "" : ", ") + n;
      if (!needs.empty()) {
        outcomes.back().verdict = Verdict::NotApplicable;
        outcomes.back().detail = "needs result " + needs;
        continue;
      }
      evaluated[i] = true;
      std::string idx = std::to_string(i);
      std::string block = "_il_w = True\n";
      if (!c.when.empty()) {
        block += "try:\n    _il_w = bool(" + wrap(c.when) + ")\n";
        block += "except Exception as _il_e:\n    _il_w = None\n";
        block += "    _il_emit(" + idx + ", \"error\", _il_err(_il_e))\n";
        block += "if _il_w is False:\n    _il_emit(" + idx + ", \"n/a\", \"when is false\")\n";
      }
      block += "if _il_w:\n";
      block += "    try:\n        _il_v = bool(" + wrap(c.expect) + ")\n";
      block += "    except Exception as _il_e:\n        _il_v = None\n";
      block += "        _il_emit(" + idx + ", \"error\", _il_err(_il_e))\n";
      block += "    if _il_v is True:\n        _il_emit(" + idx + ", \"pass\", \"\")\n";
      block += "    if _il_v is False:\n        _il_emit(" + idx + ", \"fail\", \"\")\n";
      program += block;
    }

    bool any = false;
    for (bool e : evaluated) any = any || e;
    if (!any) return outcomes;
    ProgramRun run = run_program(program);
    std::vector<bool> reported(outcomes.size(), false);
    for (const json& rec : run.records) {
      if (rec.size() != 3 || !rec[0].is_number_integer() || !rec[1].is_string()) continue;
      size_t i = rec[0].get<size_t>();
      if (i >= outcomes.size() || !evaluated[i] || reported[i]) continue;
      reported[i] = true;
      std::string v = rec[1].get<std::string>();
      CheckOutcome& o = outcomes[i];
      o.detail = rec[2].is_string() ? rec[2].get<std::string>() : "";
      o.verdict = v == "pass" ? Verdict::Pass : v == "fail" ? Verdict::Fail
                : v == "n/a" ? Verdict::NotApplicable : Verdict::Error;
    }
    for (size_t i = 0; i < outcomes.size(); i++) {
      if (evaluated[i] && !reported[i]) {
        outcomes[i].verdict = Verdict::Error;
        outcomes[i].detail = run.failure.empty() ? "the check was not evaluated" : run.failure;
      }
    }
  } catch (...) {  // not by type: see core/failure.h
    const std::string what = "internal error: " + core::current_exception_text();
    for (auto& o : outcomes) {
      if (o.detail.empty() && o.verdict == Verdict::Error) o.detail = what;
    }
    for (size_t i = outcomes.size(); i < lesson.checks.size(); i++)
      outcomes.push_back({lesson.checks[i].name, Verdict::Error, what});
  }
  return outcomes;
}

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::NotApplicable: return "n/a";
    case Verdict::Error: return "error";
  }
  return "error";
}

json checks_json(const std::vector<CheckOutcome>& outcomes) {
  json out = json::array();
  for (const auto& o : outcomes) {
    json passed = o.verdict == Verdict::Pass ? json(true) : o.verdict == Verdict::Fail ? json(false) : json();
    out.push_back({{"name", o.name}, {"passed", passed}, {"verdict", verdict_name(o.verdict)}, {"detail", o.detail}});
  }
  return out;
}

}  // namespace interleave::lesson
