// A lesson as data: metadata, parameters, results and checks, read from lessons/<id>/.
// The format is described in docs/lesson-format.md; this header is its C++ contract.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "py/runtime/program.h"

namespace interleave::lesson {

// Text in the course's two languages.
struct Text {
  std::string zh, en;
  const std::string& in(const std::string& lang) const { return lang == "en" ? en : zh; }
};

enum class ParamType { Int, Float, Bool, Choice, IntList, FloatList, Literal };

// A parameter's value. Literal parameters hold Python source text (parsed by the interpreter).
using ParamValue = std::variant<int64_t, double, bool, std::string, std::vector<int64_t>,
                                std::vector<double>>;

struct ConditionalDefault {
  std::string when;  // a Python expression over the other parameters
  ParamValue value;
};

struct Param {
  std::string name;
  ParamType type = ParamType::Int;
  ParamValue default_value;
  std::optional<double> min, max;       // numbers; for lists, each item
  std::vector<std::string> choices;     // Choice
  int64_t min_items = 0, max_items = 64;  // lists
  std::vector<ConditionalDefault> default_when;
  std::string binds;                    // "run.cores", ... or empty
  // The randomised check sweep (interleave check --sweep) draws numbers up to this (and
  // lists up to this many items) to keep each run short; unset: the whole range.
  std::optional<double> sweep_max;
  // Choices the sweep leaves out: values whose feature Interleave does not have yet.
  std::vector<std::string> sweep_skip;
  Text label;
};

struct Result {
  std::string name;
  std::string source = "global";  // "global" or "run.<key>"
  // What the result should be, for views (the outcomes histogram's green bar): a number,
  // or the name of another result holding it ("expected"). Empty: nothing to compare with.
  std::string expected;
  Text label;
};

struct Check {
  std::string name;
  std::string when;    // empty: always applies
  std::string expect;  // a Python expression
  Text text;
  bool schedule_dependent = false;
};

struct RunDefaults {
  uint64_t seed = 1;
  int cores = 4;
  bool gil = true;
  double switch_interval_ms = 5;
  std::string switch_points = "any";  // det: "any" bytecode, or "cpython" switch points
  double instruction_ns = py::kDefaultInstructionNs;  // det: virtual CPU time of one bytecode
  double time_scale = 1.0;
  double fork_ms = 2;                 // det: virtual time a multiprocessing fork start costs
  double spawn_ms = 50;               // det: ... and a spawn start (a new interpreter)
  // The exit codes a run may end with (`interleave check` fails any other): [0] unless the
  // lesson is about something that ends a program otherwise (a deadlock ends with 3).
  std::vector<int> expect_exit = {0};
};

// A fixed parameter set that `interleave check` runs besides its seeds and random sweep,
// so that every check applies somewhere (a corner the sweep rarely draws).
struct Case {
  std::string name;
  std::vector<std::pair<std::string, std::string>> sets;  // NAME=VALUE as --set writes them
};

// A goal over the lesson's program for the learner to reach (docs/lesson-format.md,
// "Challenges"): `success` is a check expression (same namespace as checks) that a run must
// make true. `solution` is a known way there, which `interleave check` replays; without a
// seed or schedule there, check searches the schedules (explore) for a run that succeeds.
struct Challenge {
  std::string id;                    // lowercase letters, digits and '-'
  Text title, goal;
  std::vector<std::string> allowed;  // of "step", "params", "edit"
  std::string success;               // a Python expression
  std::vector<std::pair<std::string, std::string>> sets;  // solution.set, as --set texts
  std::optional<uint64_t> seed;      // solution.seed
  std::string schedule;              // solution.schedule: a replay token
};
inline constexpr const char* kChallengeAllowed[] = {"step", "params", "edit"};

struct Lesson {
  std::string id;
  int part = 0, order = 0;
  Text title, summary;
  RunDefaults run;
  std::vector<Param> params;
  std::vector<Result> results;
  std::vector<Check> checks;
  std::vector<Case> cases;
  std::vector<Challenge> challenges;
  std::filesystem::path dir;
  // The folder has main.en.py, the English listing; without it main.py serves both languages.
  bool has_en_program = false;

  const Param* find_param(const std::string& name) const;
};

// Reads and validates lessons/<id>/lesson.toml. On failure returns nullopt and sets `error`
// to a message naming the file, the field and what is wrong.
std::optional<Lesson> load_lesson(const std::filesystem::path& dir, std::string& error);

struct Catalog {
  std::vector<Lesson> lessons;      // sorted by (part, order, id)
  std::vector<std::string> errors;  // one per lesson folder that failed to load

  const Lesson* find(const std::string& id) const;
};

// Loads every lesson folder under `root` (a folder without lesson.toml is ignored).
Catalog load_catalog(const std::filesystem::path& root);

// Reads a file of the lesson folder (main.py, zh.md, en.md); nullopt if missing.
std::optional<std::string> read_lesson_file(const Lesson& lesson, const std::string& name);

// The course's languages: "zh" (the default) and "en". Returns "" for a valid `lang`, else
// the message naming the valid values ("--lang" style callers prefix their own flag name).
std::string lang_error(const std::string& lang);

// The listing of `lang`: main.py is the Chinese program, main.en.py the English one; a
// lesson without main.en.py shows main.py in both languages. `lang` must be zh or en.
std::string program_file(const Lesson& lesson, const std::string& lang);

// The text of program_file(lesson, lang); nullopt if the file cannot be read.
std::optional<std::string> read_lesson_program(const Lesson& lesson, const std::string& lang);

}  // namespace interleave::lesson
