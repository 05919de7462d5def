// core/run_config.h - the parameters of a run and the status of driving it.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/base.h"
#include "core/strategy.h"

namespace interleave::core {

struct RunConfig {
  Mode mode = Mode::Det;
  // --- det
  StrategyKind strategy = StrategyKind::Random;
  uint64_t seed = 0;
  int pct_depth = 3;                 // PCT: d (d-1 change points)
  uint32_t pct_max_steps = 1000;     // PCT: where change points may fall
  std::string replay;                // StrategyKind::Replay: a schedule token
  // StrategyKind::Custom: builds the run's strategy (called once, as the run is made).
  std::function<std::unique_ptr<Strategy>()> custom_strategy;
  // Coroutine choices to replay (step mode's steering of an event loop, strategy.h), in
  // step order. StrategyKind::Replay takes them from the token's coroutine part instead.
  std::vector<CoroutineChoice> coroutine_plan;
  int cores = 1;                     // virtual cores (>= 1)
  VTime instruction_cost = 0;        // virtual CPU ns charged per yield point
  // Det: a thread that is the only choice takes many steps at once (DetScheduler's
  // batches). The run is the same either way; off is for tests and benchmarks.
  bool batch_steps = true;
  // --- free
  double time_scale = 1.0;           // real seconds per virtual second (> 0)
  double switch_interval = 0.005;    // GIL switch interval, real seconds
  // --- caps (exceeding one fails the operation with a message)
  uint32_t max_threads = 2048;       // threads ever created in the run
  uint32_t max_processes = 128;      // processes ever created in the run (pid 1, the host's, counts)
  uint32_t max_trace_events_per_thread = 1u << 20;
  uint64_t max_trace_events = uint64_t(1) << 22;  // in the whole run (then only lifecycle and prints)
  // Trace uncontended Lock/RLock acquire/release too (free mode's fast path). Off,
  // only contended operations (waits, wake-ups, timeouts) and every other
  // primitive's events are traced: the Lock then costs about what std::mutex does.
  bool trace_fast_paths = true;
};

enum class RunStatus : uint8_t {
  Finished,        // every thread is done
  Deadlock,        // det: every live thread blocked and no timer pending
  StepLimit,       // det: max_steps taken; call run() again to continue
  AwaitingChoice,  // det, StrategyKind::Ask: call choose(tid), then run() again
  Cancelled,       // the run was cancelled
  TimedOut,        // free: wait() gave up (threads still running)
};
const char* run_status_name(RunStatus s);

}  // namespace interleave::core
