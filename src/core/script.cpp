// core/script.cpp - ScriptTask and its operations.
#include "core/script.h"

namespace interleave::core {

StepResult ScriptTask::step(ThreadContext& ctx) {
  while (pc_ < ops_.size()) {
    Outcome o = ops_[pc_](ctx, *this);
    if (o.is_suspend()) return StepResult::Blocked;
    if (o.is_cancelled()) return StepResult::Done;
    results_.push_back(o);
    ++pc_;
    switch (ctx.sched->yield_point(ctx)) {
      case YieldAction::Continue: break;
      case YieldAction::Yield: return StepResult::Yield;  // even after the last op: its CPU cost counts
      case YieldAction::Cancel: return StepResult::Done;
    }
  }
  return StepResult::Done;
}

namespace op {
ScriptOp acquire(Lock& l, bool blocking, double timeout) {
  return [&l, blocking, timeout](ThreadContext& t, ScriptTask&) { return l.acquire(t, blocking, timeout); };
}
ScriptOp release(Lock& l) {
  return [&l](ThreadContext& t, ScriptTask&) { return l.release(t); };
}
ScriptOp acquire(RLock& l, bool blocking, double timeout) {
  return [&l, blocking, timeout](ThreadContext& t, ScriptTask&) { return l.acquire(t, blocking, timeout); };
}
ScriptOp release(RLock& l) {
  return [&l](ThreadContext& t, ScriptTask&) { return l.release(t); };
}
ScriptOp acquire(Semaphore& s, bool blocking, std::optional<double> timeout) {
  return [&s, blocking, timeout](ThreadContext& t, ScriptTask&) { return s.acquire(t, blocking, timeout); };
}
ScriptOp release(Semaphore& s, int64_t n) {
  return [&s, n](ThreadContext& t, ScriptTask&) { return s.release(t, n); };
}
ScriptOp wait(Condition& c, std::optional<double> timeout) {
  return [&c, timeout](ThreadContext& t, ScriptTask&) { return c.wait(t, timeout); };
}
ScriptOp notify(Condition& c, int64_t n) {
  return [&c, n](ThreadContext& t, ScriptTask&) { return c.notify(t, n); };
}
ScriptOp notify_all(Condition& c) {
  return [&c](ThreadContext& t, ScriptTask&) { return c.notify_all(t); };
}
ScriptOp wait(Event& e, std::optional<double> timeout) {
  return [&e, timeout](ThreadContext& t, ScriptTask&) { return e.wait(t, timeout); };
}
ScriptOp set(Event& e) {
  return [&e](ThreadContext& t, ScriptTask&) {
    e.set(t);
    return Outcome::done();
  };
}
ScriptOp clear(Event& e) {
  return [&e](ThreadContext& t, ScriptTask&) {
    e.clear(t);
    return Outcome::done();
  };
}
ScriptOp wait(Barrier& b, std::optional<double> timeout) {
  return [&b, timeout](ThreadContext& t, ScriptTask&) { return b.wait(t, timeout); };
}
ScriptOp put(Queue& q, Item item, bool block, std::optional<double> timeout) {
  return [&q, item, block, timeout](ThreadContext& t, ScriptTask&) { return q.put(t, item, block, timeout); };
}
ScriptOp get(Queue& q, bool block, std::optional<double> timeout) {
  return [&q, block, timeout](ThreadContext& t, ScriptTask&) { return q.get(t, block, timeout); };
}
ScriptOp task_done(Queue& q) {
  return [&q](ThreadContext& t, ScriptTask&) { return q.task_done(t); };
}
ScriptOp join(Queue& q) {
  return [&q](ThreadContext& t, ScriptTask&) { return q.join(t); };
}
ScriptOp send(Channel& c, std::string bytes) {
  return [&c, bytes](ThreadContext& t, ScriptTask&) { return c.send(t, bytes); };
}
ScriptOp recv(Channel& c, std::string* out) {
  return [&c, out](ThreadContext& t, ScriptTask&) { return c.recv(t, *out); };
}
ScriptOp cpu(VTime ns) {
  return [ns](ThreadContext& t, ScriptTask&) { return t.sched->spend(t, ns); };
}
ScriptOp sleep(double seconds) {
  return [seconds](ThreadContext& t, ScriptTask&) { return t.sched->sleep(t, seconds); };
}
ScriptOp join_thread(ThreadId tid, std::optional<double> timeout) {
  return [tid, timeout](ThreadContext& t, ScriptTask&) { return t.run->join_thread(t, tid, timeout); };
}
ScriptOp read(std::atomic<int64_t>& var) {
  return [&var](ThreadContext&, ScriptTask& s) {
    s.reg = var.load(std::memory_order_relaxed);
    return Outcome::done(true, s.reg);
  };
}
ScriptOp write(std::atomic<int64_t>& var, int64_t delta) {
  return [&var, delta](ThreadContext&, ScriptTask& s) {
    var.store(s.reg + delta, std::memory_order_relaxed);
    return Outcome::done(true, s.reg + delta);
  };
}
ScriptOp print(std::string line) {
  return [line](ThreadContext& t, ScriptTask&) {
    t.run->print(t, line);
    return Outcome::done();
  };
}
ScriptOp call(std::function<void(ThreadContext&)> fn) {
  return [fn](ThreadContext& t, ScriptTask&) {
    fn(t);
    return Outcome::done();
  };
}
std::vector<ScriptOp> repeat(int n, const std::vector<ScriptOp>& body) {
  std::vector<ScriptOp> out;
  out.reserve(static_cast<size_t>(n) * body.size());
  for (int i = 0; i < n; ++i) out.insert(out.end(), body.begin(), body.end());
  return out;
}
}  // namespace op

}  // namespace interleave::core
