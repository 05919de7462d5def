// A run of a lesson or of a plain program, from what the user asked for to the report:
// the one place where lesson data, the CLI's and the page's options and the runtime meet.
//
//   auto prepared = prepare_lesson_run(lesson, source, options, error);   // or prepare_program_run
//   py::Program program(prepared->source, prepared->config);
//   program.run_to_end();
//   nlohmann::json report = run_report(*prepared, program);               // DESIGN.md "Contracts"
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lesson/checks.h"
#include "lesson/lesson.h"
#include "lesson/params.h"
#include "py/runtime/program.h"

namespace interleave::lesson {

// What the user asked for (CLI flags, page controls). Unset options take the lesson's
// [run] defaults, or the runtime's for a plain program.
struct RunOptions {
  std::string mode = "det";                          // det | free
  std::optional<uint64_t> seed;
  std::optional<double> time_scale;                  // free: real seconds per virtual second
  std::optional<double> switch_interval_s;           // the GIL's switch interval
  std::optional<int> cores;                          // det: virtual cores
  std::optional<std::string> replay;                 // det: a schedule token
  std::optional<std::string> switch_points;          // det: any | cpython
  std::optional<double> instruction_ns;              // det: virtual CPU time of one bytecode
  std::optional<double> fork_ms, spawn_ms;           // det: what a process start costs, 0..10000 ms
  std::optional<double> net_latency_us;              // det: the network's one-way latency, 0..1e6 us
  std::optional<bool> gil;                           // det: the program's process has a GIL
  std::optional<int> memory_mb;                      // memory limit per process, 16..1024 (512)
  std::optional<double> time_limit_s;                // the run's time limit, 1..3600 s (30)
  bool step_mode = false;                            // det: the caller picks every thread
  std::string stdin_text;                            // input()'s lines, at most kMaxStdinBytes
  std::vector<std::pair<std::string, std::string>> sets;  // NAME=VALUE, in order
  std::string lang = "zh";                           // a lesson's listing: zh (main.py) | en (main.en.py)
};

// A run's standard input (RunOptions::stdin_text) is refused past this size.
inline constexpr size_t kMaxStdinBytes = size_t(1) << 20;

struct PreparedRun {
  const Lesson* lesson = nullptr;   // null for a plain program
  std::string source;               // the program with the parameters' values in place
  py::ProgramConfig config;
  ResolvedParams params;            // a lesson's parameters, all of them
  nlohmann::json params_json = nlohmann::json::object();  // name -> value, as the report shows it
  uint64_t seed = 1;
  uint64_t default_seed = 1;
  // The explorer's goal (ExploreOptions::goal, set by explore() on its copy): when set, a
  // run counts as "found" when this holds instead of when it fails. Unset elsewhere.
  std::function<bool(const PreparedRun&, const py::Program&)> goal;
};

// Checks the options (valid values named in `error`), resolves the lesson's parameters
// (unknown names and out-of-range values refused with the valid ranges; conditional
// defaults applied), puts their values into `source` (the lesson's listing in
// options.lang, or the learner's edit of it; tracebacks name that listing's file) and builds the runtime's configuration from the lesson's [run]
// table, the parameters bound to run settings, and the options.
std::optional<PreparedRun> prepare_lesson_run(const Lesson& lesson, std::string source, const RunOptions& options,
                                              std::string& error);
// A plain program: --set overrides its top-level constants, read as each constant's kind.
std::optional<PreparedRun> prepare_program_run(std::string source, std::string filename, const RunOptions& options,
                                               std::string& error);

// The lesson's results as JSON (declared globals, interleave.report values, and run.*
// values the runtime measures); a plain program's interleave.report values.
nlohmann::json run_results(const PreparedRun& run, const py::Program& program);
RunFacts run_facts(const PreparedRun& run, const py::Program& program);
// The value result `name` should have (its `expected`: a number, or another result), if any.
std::optional<double> expected_value(const PreparedRun& run, const nlohmann::json& results, const std::string& name);

// The run as one JSON object: lesson, mode, seed, params, status, virtual_time_s,
// wall_time_s, exit_code, stdout, stderr, threads[], results{}, checks[], deadlock
// (null or {cycle[], description}), schedule, trace_events.
nlohmann::json run_report(const PreparedRun& run, const py::Program& program);

}  // namespace interleave::lesson
