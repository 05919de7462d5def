// The schedule explorer (`interleave explore`): runs a prepared det program over many
// schedules until one fails, then minimises that schedule to the fewest preemptions.
//
//   auto prepared = prepare_lesson_run(lesson, source, options, error);   // det mode
//   ExploreOptions opts;                    // strategy, preemption bound, budget / time
//   ExploreResult r = explore(*prepared, opts);
//   if (r.found) replay r.token with `interleave run ... --replay TOKEN`
//
// A run fails when (a lesson) it ends with an exit code the lesson's [run] expect_exit does
// not list, or a check applies and fails; (a plain program) it deadlocks or exits non-zero
// (an uncaught exception, an AssertionError, a time limit). Strategies: random (a fresh seed
// per run), pct (PCT priorities with K change points), exhaustive (depth-first over every
// schedule with at most K preemptions, by iterative deepening from 0, so the first failure
// found has the fewest preemptions; with SwitchPoints::Any a running thread is never
// preempted before a step that touches only its own frame: partial-order reduction).
// docs/runtime.md, "Finding the schedule that breaks a program".
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lesson/lesson_run.h"

namespace interleave::lesson {

enum class ExploreStrategy : uint8_t { Random, Pct, Exhaustive };
const char* explore_strategy_name(ExploreStrategy s);  // "random" | "pct" | "exhaustive"

struct ExploreProgress {
  uint64_t tried = 0;        // schedules run so far (the search's, not the minimiser's)
  double seconds = 0;
  double per_second = 0;
  int bound = 0;             // exhaustive: the preemption bound being searched now
};

struct ExploreOptions {
  ExploreStrategy strategy = ExploreStrategy::Random;
  int max_preemptions = 2;   // pct: change points; exhaustive: the bound (0..kMaxPreemptions)
  uint64_t budget = 10000;   // at most this many schedules (1..kMaxBudget); 0 = no limit
  double time_s = 0;         // and at most this long (seconds); 0 = no limit
  uint64_t first_seed = 1;   // random / pct: strategy seeds first_seed, first_seed + 1, ...
  bool minimise = true;
  uint64_t minimise_budget = 2000;  // runs the minimiser may spend
  // Called from explore() at most about four times a second while it searches.
  std::function<void(const ExploreProgress&)> on_progress;
  // When set, the search is after runs that reach this goal (a challenge's success) instead
  // of failing ones; a found run's failure is {"goal", "", "the goal was reached"}.
  std::function<bool(const PreparedRun&, const py::Program&)> goal;
  // Set (by another thread) to end the search after the schedule it is running (the page's Stop).
  const std::atomic<bool>* cancel = nullptr;
};
inline constexpr int kMaxPreemptions = 10;
inline constexpr uint64_t kMaxBudget = 100'000'000;

struct ExploreFailure {
  std::string kind;     // "check" | "deadlock" | "exception"
  std::string name;     // check: the check's name; else empty
  std::string message;  // check: its text; deadlock: the cycle; exception: the end message
};

// One preemption of the found schedule: at choice point `point` (0-based, counting the
// points where more than one thread could run), at scheduler step `step`, thread `from`
// (which could have gone on) was switched for `to`.
struct Preemption {
  uint64_t point = 0;
  uint64_t step = 0;
  core::ThreadId from = 0, to = 0;
  std::string from_name, to_name;
};

struct ExploreResult {
  bool found = false;
  // Every schedule within the bound was run (exhaustive), or the program has only one
  // (no point where two threads could run; any strategy).
  bool exhausted = false;
  std::string error;          // the run could not be explored (not det, a syntax error, ...)
  bool cancelled = false;     // ExploreOptions::cancel ended the search
  uint64_t tried = 0;         // schedules run by the search
  uint64_t minimise_runs = 0; // runs spent minimising
  double seconds = 0;         // the search's time
  double per_second = 0;      // tried / seconds
  std::string token;          // the found (minimised) schedule: `run --replay TOKEN`
  int preemptions = 0;        // of the token's schedule
  int found_preemptions = 0;  // of the schedule as first found
  bool minimal = false;       // no failing schedule with fewer preemptions exists (searched)
  std::vector<Preemption> where;
  ExploreFailure failure;
  uint64_t steps = 0;         // scheduler steps of the failing run
};

// Checks the options (the returned text names the problem and the valid range; empty
// when they are fine).
std::string validate(const ExploreOptions& options);

// Explores `run` (prepared in det mode; its own strategy settings are replaced). Never
// throws; a run that cannot be explored comes back with `error` set.
ExploreResult explore(const PreparedRun& run, const ExploreOptions& options);

// The result as JSON: {found, token, tried, per_second, seconds, preemptions,
// found_preemptions, minimal, where[], failure: {kind, name, message} | null, exhausted,
// cancelled, strategy, max_preemptions, minimise_runs}.
nlohmann::json explore_json(const ExploreResult& r, const ExploreOptions& options);

}  // namespace interleave::lesson
