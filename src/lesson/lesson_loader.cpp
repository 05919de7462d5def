// Reads lesson.toml into a Lesson, validating every field against docs/lesson-format.md.
//
// [SECTION] Field readers (each names the field it failed on)
// [SECTION] Parameters, results, checks
// [SECTION] Lesson and catalogue
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include "lesson/lesson.h"
#include "lesson/params.h"

namespace interleave::lesson {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Field readers (each names the field it failed on)
//-----------------------------------------------------------------------------

// Errors travel as exceptions inside this file only, carrying "field: problem".
struct FieldError {
  std::string message;
};

[[noreturn]] void fail(const std::string& field, const std::string& problem) {
  throw FieldError{field + ": " + problem};
}

std::string req_string(const toml::table& t, const std::string& key, const std::string& where) {
  auto v = t[key].value<std::string>();
  if (!v) fail(where + key, "missing or not a string");
  return *v;
}

std::string opt_string(const toml::table& t, const std::string& key, const std::string& where,
                       std::string fallback = {}) {
  if (!t.contains(key)) return fallback;
  auto v = t[key].value<std::string>();
  if (!v) fail(where + key, "must be a string");
  return *v;
}

int64_t req_int(const toml::table& t, const std::string& key, const std::string& where) {
  auto v = t[key].value<int64_t>();
  if (!v || !t[key].is_integer()) fail(where + key, "missing or not a whole number");
  return *v;
}

std::optional<double> opt_number(const toml::table& t, const std::string& key,
                                 const std::string& where) {
  if (!t.contains(key)) return std::nullopt;
  auto v = t[key].value<double>();  // integers convert too
  if (!v) fail(where + key, "must be a number");
  return *v;
}

Text req_text(const toml::table& t, const std::string& key, const std::string& where) {
  const toml::table* text = t[key].as_table();
  if (!text) fail(where + key, "missing, or not a table { zh = \"...\", en = \"...\" }");
  return {req_string(*text, "zh", where + key + "."), req_string(*text, "en", where + key + ".")};
}

Text opt_text(const toml::table& t, const std::string& key, const std::string& where) {
  return t.contains(key) ? req_text(t, key, where) : Text{};
}

//-----------------------------------------------------------------------------
// [SECTION] Parameters, results, checks
//-----------------------------------------------------------------------------

ParamType param_type_from(const std::string& name, const std::string& where) {
  static const std::pair<const char*, ParamType> kTypes[] = {
      {"int", ParamType::Int},         {"float", ParamType::Float},
      {"bool", ParamType::Bool},       {"choice", ParamType::Choice},
      {"int_list", ParamType::IntList}, {"float_list", ParamType::FloatList},
      {"literal", ParamType::Literal}};
  for (auto& [text, type] : kTypes)
    if (name == text) return type;
  fail(where + "type", "'" + name + "' is not one of int, float, bool, choice, int_list, "
                                    "float_list, literal");
}

template <class T>
std::vector<T> number_list(const toml::array& array, const std::string& where) {
  std::vector<T> out;
  for (const auto& item : array) {
    auto v = item.value<T>();
    if (!v || (std::is_integral_v<T> && !item.is_integer())) fail(where, "list items must be numbers");
    out.push_back(*v);
  }
  return out;
}

// Reads a value of `type` from a TOML node (a default or a default_when value).
ParamValue value_from_node(const toml::node& node, ParamType type, const std::string& where) {
  switch (type) {
    case ParamType::Int:
      if (!node.is_integer()) fail(where, "must be a whole number");
      return *node.value<int64_t>();
    case ParamType::Float:
      if (!node.is_number()) fail(where, "must be a number");
      return *node.value<double>();
    case ParamType::Bool:
      if (!node.is_boolean()) fail(where, "must be true or false");
      return *node.value<bool>();
    case ParamType::Choice:
    case ParamType::Literal:
      if (!node.is_string()) fail(where, "must be a string");
      return *node.value<std::string>();
    case ParamType::IntList:
      if (!node.is_array()) fail(where, "must be a list");
      return number_list<int64_t>(*node.as_array(), where);
    case ParamType::FloatList:
      if (!node.is_array()) fail(where, "must be a list");
      return number_list<double>(*node.as_array(), where);
  }
  fail(where, "unknown type");
}

Param read_param(const toml::table& t, const std::string& where) {
  Param p;
  p.name = req_string(t, "name", where);
  const std::string at = where + p.name + ".";
  p.type = param_type_from(req_string(t, "type", at), at);
  p.min = opt_number(t, "min", at);
  p.max = opt_number(t, "max", at);
  if (p.min && p.max && *p.min > *p.max) fail(at + "min", "is above max");
  if (const toml::array* choices = t["choices"].as_array()) {
    for (const auto& c : *choices) {
      auto s = c.value<std::string>();
      if (!s) fail(at + "choices", "must be strings");
      p.choices.push_back(*s);
    }
  }
  if (p.type == ParamType::Choice && p.choices.empty()) fail(at + "choices", "a choice needs choices");
  if (t.contains("min_items")) p.min_items = req_int(t, "min_items", at);
  if (t.contains("max_items")) p.max_items = req_int(t, "max_items", at);
  if (!t.contains("default")) fail(at + "default", "missing");
  p.default_value = value_from_node(*t.get("default"), p.type, at + "default");
  std::string error;
  if (!validate_param_value(p, p.default_value, error)) fail(at + "default", error);
  if (const toml::array* conditional = t["default_when"].as_array()) {
    for (const auto& item : *conditional) {
      const toml::table* c = item.as_table();
      if (!c || !c->contains("value")) fail(at + "default_when", "items are { when = ..., value = ... }");
      ConditionalDefault d{req_string(*c, "when", at + "default_when."),
                           value_from_node(*c->get("value"), p.type, at + "default_when.value")};
      if (!validate_param_value(p, d.value, error)) fail(at + "default_when.value", error);
      p.default_when.push_back(std::move(d));
    }
  }
  p.binds = opt_string(t, "binds", at);
  if (!p.binds.empty() && p.binds != "run.cores" && p.binds != "run.switch_interval_ms" && p.binds != "run.gil")
    fail(at + "binds", "must be run.cores, run.switch_interval_ms or run.gil, got '" + p.binds + "'");
  p.sweep_max = opt_number(t, "sweep_max", at);
  if (const toml::array* skip = t["sweep_skip"].as_array()) {
    for (const auto& c : *skip) {
      auto v = c.value<std::string>();
      if (!v || std::find(p.choices.begin(), p.choices.end(), *v) == p.choices.end())
        fail(at + "sweep_skip", "must list some of the choices");
      p.sweep_skip.push_back(*v);
    }
  }
  p.label = opt_text(t, "label", at);
  return p;
}

Result read_result(const toml::table& t, const std::string& where) {
  Result r;
  r.name = req_string(t, "name", where);
  const std::string at = where + r.name + ".";
  r.source = opt_string(t, "source", at, "global");
  if (r.source != "global" && r.source.rfind("run.", 0) != 0)
    fail(at + "source", "must be \"global\" or \"run.<key>\"");
  if (t.contains("expected")) {
    if (auto n = t["expected"].value<double>()) r.expected = t["expected"].is_integer()
                                                    ? std::to_string(*t["expected"].value<int64_t>())
                                                    : std::to_string(*n);
    else r.expected = req_string(t, "expected", at);
  }
  r.label = opt_text(t, "label", at);
  return r;
}

Check read_check(const toml::table& t, const std::string& where) {
  Check c;
  c.name = req_string(t, "name", where);
  const std::string at = where + c.name + ".";
  c.when = opt_string(t, "when", at);
  c.expect = req_string(t, "expect", at);
  c.text = req_text(t, "text", at);
  c.schedule_dependent = t["schedule_dependent"].value_or(false);
  return c;
}

// One [[cases]] entry: a name and `set = { param = value, ... }`, each value of the
// parameter's type and in its range, kept as --set text.
Case read_case(const toml::table& t, const std::string& where, const std::vector<Param>& params) {
  Case c;
  c.name = req_string(t, "name", where);
  const std::string at = where + c.name + ".";
  const toml::table* set = t["set"].as_table();
  if (!set || set->empty()) fail(at + "set", "missing, or not a table { param = value, ... }");
  for (const auto& [key, node] : *set) {
    const std::string name(key.str());
    if (std::none_of(params.begin(), params.end(), [&](const Param& p) { return p.name == name; }))
      fail(at + "set." + name, "is not a parameter of the lesson");
  }
  for (const Param& p : params) {  // in declaration order (a TOML table has none)
    const toml::node* node = set->get(p.name);
    if (!node) continue;
    ParamValue value = value_from_node(*node, p.type, at + "set." + p.name);
    std::string error;
    if (!validate_param_value(p, value, error)) fail(at + "set." + p.name, error);
    c.sets.emplace_back(p.name, param_value_text(value));
  }
  return c;
}

// One [[challenges]] entry (docs/lesson-format.md, "Challenges").
Challenge read_challenge(const toml::table& t, const std::string& where, const std::vector<Param>& params) {
  Challenge c;
  c.id = req_string(t, "id", where);
  if (c.id.empty() || !std::all_of(c.id.begin(), c.id.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
      }))
    fail(where + "id", "'" + c.id + "' must be lowercase letters, digits and '-'");
  const std::string at = where + c.id + ".";
  c.title = req_text(t, "title", at);
  c.goal = req_text(t, "goal", at);
  const toml::array* allowed = t["allowed"].as_array();
  if (!allowed || allowed->empty()) fail(at + "allowed", "missing, or not a non-empty list of \"step\", \"params\", \"edit\"");
  for (const auto& node : *allowed) {
    auto v = node.value<std::string>();
    if (!v || std::none_of(std::begin(kChallengeAllowed), std::end(kChallengeAllowed), [&](const char* a) { return *v == a; }))
      fail(at + "allowed", "items must be \"step\", \"params\" or \"edit\", got " + (v ? "'" + *v + "'" : "a non-string"));
    if (std::find(c.allowed.begin(), c.allowed.end(), *v) != c.allowed.end()) fail(at + "allowed", "'" + *v + "' is listed twice");
    c.allowed.push_back(*v);
  }
  c.success = req_string(t, "success", at);
  if (c.success.find_first_not_of(" \t") == std::string::npos) fail(at + "success", "must be a Python expression, got an empty one");
  if (t.contains("solution")) {
    const toml::table* sol = t["solution"].as_table();
    if (!sol) fail(at + "solution", "must be a table { set = {...}, seed = N, schedule = \"s1...\" }");
    for (const auto& [key, node] : *sol)
      if (key.str() != "set" && key.str() != "seed" && key.str() != "schedule")
        fail(at + "solution." + std::string(key.str()), "is not a field of a solution (set, seed, schedule)");
    if (sol->contains("set")) {
      toml::table as_case;
      as_case.insert("name", "solution");  // errors name challenges.ID.solution.set.PARAM
      as_case.insert("set", *(*sol)["set"].node());
      c.sets = read_case(as_case, at, params).sets;
    }
    if (sol->contains("seed")) {
      const int64_t seed = req_int(*sol, "seed", at + "solution.");
      if (seed < 0) fail(at + "solution.seed", "must not be negative");
      c.seed = uint64_t(seed);
    }
    c.schedule = opt_string(*sol, "schedule", at + "solution.");
    if (!c.schedule.empty() && c.schedule.rfind("s1", 0) != 0)
      fail(at + "solution.schedule", "must be a replay token (it starts with s1), got '" + c.schedule + "'");
  }
  return c;
}

std::vector<int> read_expect_exit(const toml::table& run) {
  if (!run.contains("expect_exit")) return {0};
  const toml::array* codes = run["expect_exit"].as_array();
  if (!codes || codes->empty()) fail("run.expect_exit", "must be a non-empty list of exit codes, e.g. [0, 3]");
  std::vector<int> out;
  for (const auto& c : *codes) {
    if (!c.is_integer() || *c.value<int64_t>() < -255 || *c.value<int64_t>() > 255)
      fail("run.expect_exit", "items must be whole numbers from -255 to 255");
    out.push_back(static_cast<int>(*c.value<int64_t>()));
  }
  return out;
}

template <class T, class Reader>
std::vector<T> read_array(const toml::table& t, const std::string& key, Reader reader) {
  std::vector<T> out;
  if (!t.contains(key)) return out;
  const toml::array* array = t[key].as_array();
  if (!array) fail(key, "must be an array of tables ([[" + key + "]])");
  for (const auto& node : *array) {
    const toml::table* item = node.as_table();
    if (!item) fail(key, "must be an array of tables ([[" + key + "]])");
    out.push_back(reader(*item, key + "."));
  }
  return out;
}

template <class T>
void require_unique_names(const std::vector<T>& items, const std::string& what) {
  for (size_t i = 0; i < items.size(); ++i)
    for (size_t j = i + 1; j < items.size(); ++j)
      if (items[i].name == items[j].name) fail(what, "'" + items[i].name + "' is declared twice");
}

RunDefaults read_run(const toml::table& t) {
  RunDefaults run;
  const toml::table* r = t["run"].as_table();
  if (!r) return run;
  if (r->contains("seed")) {
    int64_t seed = req_int(*r, "seed", "run.");
    if (seed < 0) fail("run.seed", "must not be negative");
    run.seed = static_cast<uint64_t>(seed);
  }
  if (r->contains("cores")) {
    run.cores = static_cast<int>(req_int(*r, "cores", "run."));
    if (run.cores < 1 || run.cores > 64) fail("run.cores", "must be from 1 to 64");
  }
  run.gil = (*r)["gil"].value_or(true);
  run.switch_interval_ms = opt_number(*r, "switch_interval_ms", "run.").value_or(5.0);
  if (!(run.switch_interval_ms > 0 && run.switch_interval_ms <= 10000))
    fail("run.switch_interval_ms", "must be above 0 and at most 10000");
  run.switch_points = opt_string(*r, "switch_points", "run.", "any");
  if (run.switch_points != "any" && run.switch_points != "cpython")
    fail("run.switch_points", "must be \"any\" or \"cpython\", got '" + run.switch_points + "'");
  run.instruction_ns = opt_number(*r, "instruction_ns", "run.").value_or(py::kDefaultInstructionNs);
  if (!(run.instruction_ns >= 0 && run.instruction_ns <= 1e6))
    fail("run.instruction_ns", "must be from 0 to 1000000");
  for (auto [key, field, dflt] : {std::tuple{"fork_ms", &run.fork_ms, 2.0}, std::tuple{"spawn_ms", &run.spawn_ms, 50.0}}) {
    *field = opt_number(*r, key, "run.").value_or(dflt);
    if (!(*field >= 0 && *field <= 10000)) fail(std::string("run.") + key, "must be milliseconds from 0 to 10000");
  }
  run.expect_exit = read_expect_exit(*r);
  run.time_scale = opt_number(*r, "time_scale", "run.").value_or(1.0);
  if (!(run.time_scale > 0 && run.time_scale <= 1000)) fail("run.time_scale", "must be above 0 and at most 1000");
  return run;
}

//-----------------------------------------------------------------------------
// [SECTION] Lesson and catalogue
//-----------------------------------------------------------------------------

Lesson read_lesson(const toml::table& t, const std::filesystem::path& dir) {
  Lesson lesson;
  lesson.dir = dir;
  lesson.id = req_string(t, "id", "");
  if (lesson.id != dir.filename().string())
    fail("id", "'" + lesson.id + "' differs from its folder '" + dir.filename().string() + "'");
  lesson.part = static_cast<int>(req_int(t, "part", ""));
  if (lesson.part < 1 || lesson.part > 7) fail("part", "must be from 1 to 7");
  lesson.order = t.contains("order") ? static_cast<int>(req_int(t, "order", "")) : 0;
  lesson.title = req_text(t, "title", "");
  lesson.summary = opt_text(t, "summary", "");
  lesson.run = read_run(t);
  lesson.params = read_array<Param>(t, "params", read_param);
  lesson.results = read_array<Result>(t, "results", read_result);
  lesson.checks = read_array<Check>(t, "checks", read_check);
  require_unique_names(lesson.params, "params");
  require_unique_names(lesson.results, "results");
  lesson.cases = read_array<Case>(t, "cases", [&](const toml::table& item, const std::string& where) {
    return read_case(item, where, lesson.params);
  });
  require_unique_names(lesson.checks, "checks");
  require_unique_names(lesson.cases, "cases");
  lesson.challenges = read_array<Challenge>(t, "challenges", [&](const toml::table& item, const std::string& where) {
    return read_challenge(item, where, lesson.params);
  });
  for (size_t i = 0; i < lesson.challenges.size(); ++i)
    for (size_t j = i + 1; j < lesson.challenges.size(); ++j)
      if (lesson.challenges[i].id == lesson.challenges[j].id)
        fail("challenges", "'" + lesson.challenges[i].id + "' is declared twice");
  return lesson;
}

}  // namespace

const Param* Lesson::find_param(const std::string& name) const {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

const Lesson* Catalog::find(const std::string& id) const {
  for (const auto& l : lessons)
    if (l.id == id) return &l;
  return nullptr;
}

std::optional<Lesson> load_lesson(const std::filesystem::path& dir, std::string& error) {
  const auto file = dir / "lesson.toml";
  toml::parse_result parsed = toml::parse_file(file.string());
  if (!parsed) {
    std::ostringstream out;
    out << file.string() << ":" << parsed.error().source().begin.line << ": "
        << parsed.error().description();
    error = out.str();
    return std::nullopt;
  }
  try {
    Lesson lesson = read_lesson(parsed.table(), dir);
    if (!std::filesystem::exists(dir / "main.py")) fail("main.py", "the lesson has no program");
    lesson.has_en_program = std::filesystem::exists(dir / "main.en.py");
    return lesson;
  } catch (const FieldError& e) {
    error = file.string() + ": " + e.message;
    return std::nullopt;
  }
}

Catalog load_catalog(const std::filesystem::path& root) {
  Catalog catalog;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
    if (!entry.is_directory() || !std::filesystem::exists(entry.path() / "lesson.toml")) continue;
    std::string error;
    if (auto lesson = load_lesson(entry.path(), error)) catalog.lessons.push_back(std::move(*lesson));
    else catalog.errors.push_back(error);
  }
  if (ec) catalog.errors.push_back(root.string() + ": " + ec.message());
  std::sort(catalog.lessons.begin(), catalog.lessons.end(), [](const Lesson& a, const Lesson& b) {
    return std::tie(a.part, a.order, a.id) < std::tie(b.part, b.order, b.id);
  });
  return catalog;
}

std::optional<std::string> read_lesson_file(const Lesson& lesson, const std::string& name) {
  std::ifstream in(lesson.dir / name, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string lang_error(const std::string& lang) {
  if (lang == "zh" || lang == "en") return "";
  return "the language must be zh or en, got '" + lang + "'";
}

std::string program_file(const Lesson& lesson, const std::string& lang) {
  return lang == "en" && lesson.has_en_program ? "main.en.py" : "main.py";
}

std::optional<std::string> read_lesson_program(const Lesson& lesson, const std::string& lang) {
  return read_lesson_file(lesson, program_file(lesson, lang));
}

}  // namespace interleave::lesson
