#include "lesson/program_drift.h"

#include <set>

#include "lesson/lesson_run.h"
#include "py/constants.h"
#include "py/lexer.h"

namespace interleave::lesson {
namespace {

// A literal as its tokens (kind and decoded text): what the parser reads, not how it is spaced.
std::vector<std::pair<py::TokKind, std::string>> literal_tokens(const std::string& literal) {
  std::vector<std::pair<py::TokKind, std::string>> out;
  for (const py::Token& t : py::lex(literal).tokens)
    if (t.kind != py::TokKind::Newline && t.kind != py::TokKind::End) out.emplace_back(t.kind, t.text);
  return out;
}

const py::Constant* find(const std::vector<py::Constant>& constants, const std::string& name) {
  for (const py::Constant& c : constants)
    if (c.name == name) return &c;
  return nullptr;
}

void compare_params(const Lesson& l, const std::string& zh, const std::string& en,
                    std::vector<std::string>& problems) {
  const auto zh_constants = py::find_constants(zh), en_constants = py::find_constants(en);
  for (const Param& p : l.params) {
    const py::Constant* a = find(zh_constants, p.name);
    const py::Constant* b = find(en_constants, p.name);
    if (!a || !b) {
      if (a || b)
        problems.push_back("parameter " + p.name + " is a constant of " + (a ? "main.py" : "main.en.py") +
                           " only (expected a line '" + p.name + " = ...' in both)");
      continue;
    }
    if (a->kind != b->kind || literal_tokens(a->literal) != literal_tokens(b->literal))
      problems.push_back("parameter " + p.name + " is " + a->literal + " in main.py (line " + std::to_string(a->line) +
                         ") but " + b->literal + " in main.en.py (line " + std::to_string(b->line) + ")");
  }
}

struct Outcome {
  std::set<std::string> results;
  int exit_code = 0;
};

std::optional<Outcome> run_at_defaults(const Lesson& l, const std::string& lang, const std::string& source,
                                       std::vector<std::string>& problems) {
  RunOptions options;
  options.lang = lang;
  std::string error;
  auto prepared = prepare_lesson_run(l, source, options, error);
  if (!prepared) {
    problems.push_back(program_file(l, lang) + " cannot run: " + error);
    return std::nullopt;
  }
  py::Program program(prepared->source, prepared->config);
  program.run_to_end();
  Outcome out;
  out.exit_code = program.exit_code();
  const nlohmann::json results = run_results(*prepared, program);  // kept alive for items()
  for (const auto& [name, value] : results.items())
    if (!value.is_null()) out.results.insert(name);
  return out;
}

std::string joined(const std::set<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "none" : s;
}

void compare_runs(const Lesson& l, const std::string& zh, const std::string& en, std::vector<std::string>& problems) {
  auto a = run_at_defaults(l, "zh", zh, problems);
  auto b = run_at_defaults(l, "en", en, problems);
  if (!a || !b) return;
  if (a->results != b->results)
    problems.push_back("at the defaults main.py reports " + joined(a->results) + " but main.en.py reports " +
                       joined(b->results));
  if (a->exit_code != b->exit_code)
    problems.push_back("at the defaults main.py ends with exit code " + std::to_string(a->exit_code) +
                       " but main.en.py with " + std::to_string(b->exit_code));
}

}  // namespace

std::vector<std::string> program_drift(const Lesson& l) {
  std::vector<std::string> problems;
  if (!l.has_en_program) return problems;
  auto zh = read_lesson_program(l, "zh"), en = read_lesson_program(l, "en");
  if (!zh || !en) {
    problems.push_back(std::string("cannot read ") + (zh ? "main.en.py" : "main.py"));
    return problems;
  }
  compare_params(l, *zh, *en, problems);
  compare_runs(l, *zh, *en, problems);
  return problems;
}

}  // namespace interleave::lesson
