// Shared helpers for the core tests.
#pragma once
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/det_scheduler.h"
#include "core/queue.h"
#include "core/run.h"
#include "core/script.h"
#include "core/sync.h"

namespace itest {
using namespace interleave::core;

inline RunConfig det(uint64_t seed = 0, StrategyKind s = StrategyKind::RoundRobin) {
  RunConfig c;
  c.mode = Mode::Det;
  c.seed = seed;
  c.strategy = s;
  return c;
}

inline RunConfig free_mode(double time_scale = 1.0) {
  RunConfig c;
  c.mode = Mode::Free;
  c.time_scale = time_scale;
  return c;
}

// Spawns a scripted thread in the main process and returns its task.
inline ScriptTask* spawn(Run& run, std::vector<ScriptOp> ops, const std::string& name = "T",
                         ProcessId pid = 1) {
  auto task = std::make_unique<ScriptTask>(std::move(ops));
  ScriptTask* raw = task.get();
  Outcome o = run.spawn_thread(pid, std::move(task), name);
  REQUIRE(o.is_done());
  return raw;
}

// An op that records the virtual time at which it runs.
inline ScriptOp record_time(VTime* out) {
  return op::call([out](ThreadContext& t) { *out = t.sched->now(); });
}

// An op that appends a label to a shared log (det mode: one host thread).
inline ScriptOp mark(std::vector<std::string>* log, std::string label) {
  return op::call([log, label](ThreadContext&) { log->push_back(label); });
}
}  // namespace itest
