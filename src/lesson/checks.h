// The lesson's live layer: conditional defaults (default_when) and the check expressions,
// both evaluated by Interleave's own interpreter (docs/lesson-format.md, "Checks").
// Semantics match scripts/lesson_cpython.py, the CPython reference.
//
// How values reach the interpreter: a small Python program is generated in which every
// value is rendered as a Python literal by this module (ints, floats in shortest round-trip
// form, True/False/None, escaped strings, lists, dicts, tuples); Literal parameters are
// pasted only after the parser confirmed they are a single literal expression, and every
// expression (`when`, `expect`) only after it parsed as exactly one expression statement.
// Each verdict is printed as one marked JSON line (json.dumps) and read back from stdout.
// A fresh VM per call, with an instruction budget (50M bytecodes, shared by all checks of the
// call; a check that exhausts it is Error, the checks before it keep their verdicts). Limit:
// the budget counts bytecodes only, so a native builtin looping in C++ (sum(range(10**12)))
// is not interrupted - lesson expressions are trusted to be small.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lesson/lesson.h"
#include "lesson/params.h"

namespace interleave::lesson {

// Run facts the checks may use (from the runner): mode "det"|"free"|"cpython", seed,
// default_seed, switch_points, virtual_time_s, wall_time_s, exit_code, deadlock (null or
// {"cycle": [...]}). `mode` also decides time_close's tolerance: 10 ms + 1 % for "det",
// 0.15 s + 5 % of the expected value otherwise.
struct RunFacts {
  std::string mode = "det";
  uint64_t seed = 1, default_seed = 1;
  std::string switch_points = "any";
  double virtual_time_s = 0, wall_time_s = 0;
  int exit_code = 0;
  nlohmann::json deadlock;  // null, or {"cycle": [...]}
};

// Applies default_when rules (first match wins) to parameters the user did not set
// explicitly (params.explicit_names), in declaration order; each `when` is evaluated with
// the interpreter over all parameters as resolved so far (so a parameter's rules see the
// conditional defaults of the parameters declared before it). On failure returns false,
// leaves `params` unchanged and sets `error` naming the lesson, the parameter and the
// expression (a syntax error, or the exception the expression raised).
bool apply_conditional_defaults(const Lesson& lesson, ResolvedParams& params, std::string& error);

enum class Verdict { Pass, Fail, NotApplicable, Error };

struct CheckOutcome {
  std::string name;
  Verdict verdict = Verdict::Error;
  std::string detail;  // Error: the message; NotApplicable: why (missing result / when false)
};

// Evaluates every check of the lesson, in lesson order, over the namespace
//   facts (mode, run_mode, seed, default_seed, switch_points, virtual_time_s, wall_time_s,
//   exit_code, deadlock), the functions ceil, floor, greedy_schedule, time_close and the
//   builtins, then every parameter (a parameter named like a fact wins; run_mode stays),
//   then every result.
// `results` is a JSON object keyed by result name. JSON arrays become lists; an object
// {"$tuple": [...]} becomes a tuple (e.g. queue items (priority, name)); other objects
// become dicts. A result with source run.virtual_time_s / run.wall_time_s / run.exit_code /
// run.deadlocked / run.cycle that `results` lacks is taken from `facts` (in "cpython" mode,
// as in scripts/lesson_cpython.py, only the first three are, and `deadlock` counts as missing).
// A check whose `when` or `expect` names a declared result that `results` lacks (and the
// facts cannot supply) is NotApplicable with detail "needs result <name>[, <name>...]",
// decided statically from the names the expressions read. A false `when` is
// NotApplicable with detail "when is false". `expect` true -> Pass, false -> Fail.
// A syntax error or a raised exception in `when` or `expect` -> Error, detail the Python
// exception's last traceback line ("ZeroDivisionError: division by zero",
// "SyntaxError: ..."). Never throws.
std::vector<CheckOutcome> evaluate_checks(const Lesson& lesson, const ResolvedParams& params,
                                          const nlohmann::json& results, const RunFacts& facts);

// The lesson's challenges judged over one run, as evaluate_checks judges checks: one outcome
// per challenge (name = its id), Pass when its `success` holds.
std::vector<CheckOutcome> evaluate_challenges(const Lesson& lesson, const ResolvedParams& params,
                                              const nlohmann::json& results, const RunFacts& facts);

const char* verdict_name(Verdict v);  // "pass" | "fail" | "n/a" | "error"

// [{name, passed: true|false|null, verdict: "pass"|"fail"|"n/a"|"error", detail}]
// (passed is null for n/a and error).
nlohmann::json checks_json(const std::vector<CheckOutcome>& outcomes);

// The Python literal of a JSON value as described for evaluate_checks (exposed for tests
// and for the runner, which may want to show results the way checks see them).
std::string json_to_python_literal(const nlohmann::json& value);

}  // namespace interleave::lesson
