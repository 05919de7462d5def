// core/det_scheduler.cpp
// [SECTION] Construction and thread start
// [SECTION] The scheduling loop
// [SECTION] Waiting, waking and timers
// [SECTION] Sleep, CPU bursts and virtual cores
#include "core/det_scheduler.h"

#include <algorithm>

#include "core/run.h"

namespace interleave::core {

//-----------------------------------------------------------------------------
// [SECTION] Construction and thread start
//-----------------------------------------------------------------------------
DetScheduler::DetScheduler(Run& run, const RunConfig& cfg, std::unique_ptr<Strategy> strategy)
    : Scheduler(run),
      strategy_(std::move(strategy)),
      cores_(cfg.cores < 1 ? 1 : cfg.cores),
      instruction_cost_(cfg.instruction_cost < 0 ? 0 : cfg.instruction_cost),
      batch_steps_(cfg.batch_steps) {}

void DetScheduler::emit(ThreadContext& t, EventKind k, ObjectId obj, int64_t value) {
  run_.trace().emit(t.trace, clock_, k, obj, value);
}

void DetScheduler::start_thread(ThreadContext& t) {
  auto pos = std::lower_bound(live_.begin(), live_.end(), &t,
                              [](ThreadContext* a, ThreadContext* b) { return a->id < b->id; });
  live_.insert(pos, &t);
  strategy_->on_thread_added(t.id);
  set_state(t, ThreadState::Runnable);
  if (t.is_killed()) ++dying_;  // born into a killed process
  emit(t, EventKind::ThreadStart, 0, t.process->pid);
}

std::vector<ThreadId> DetScheduler::runnable() const {
  std::vector<ThreadId> out;
  for (ThreadContext* t : ready_)
    if (eligible(*t)) out.push_back(t->id);
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] The scheduling loop
//-----------------------------------------------------------------------------
RunStatus DetScheduler::run(uint64_t max_steps) {
  for (uint64_t n = 0; n < max_steps;) {
    if (cancelled_) return RunStatus::Cancelled;
    if (dying_ > 0)
      if (ThreadContext* d = first_dying()) {
        step_thread(*d);
        ++n;
        continue;
      }
    runnable_.clear();
    for (ThreadContext* t : ready_)
      if (eligible(*t)) runnable_.push_back(t);
    if (runnable_.empty()) {
      if (live_.empty()) return RunStatus::Finished;
      dispatch_cores();
      if (!advance_time()) return RunStatus::Deadlock;
      continue;
    }
    int pick = 0;
    uint64_t budget = 1;
    if (runnable_.size() == 1) budget = batch_budget(max_steps - n);
    if (runnable_.size() > 1) {
      pick = -1;
      if (directed_) {
        for (size_t i = 0; i < runnable_.size(); ++i)
          if (runnable_[i]->id == directed_) pick = static_cast<int>(i);
        directed_ = 0;
      }
      if (pick < 0) pick = strategy_->pick(runnable_, last_);
      if (pick < 0 || static_cast<size_t>(pick) >= runnable_.size()) return RunStatus::AwaitingChoice;
      schedule_.push_back(static_cast<uint32_t>(pick));
    }
    directed_ = 0;  // a direction is for the very next step only
    ThreadContext& t = *runnable_[static_cast<size_t>(pick)];
    step_thread(t, budget);
    n += t.steps_used;
  }
  return RunStatus::StepLimit;
}

uint64_t DetScheduler::batch_budget(uint64_t steps_left) {
  // Bursts of 10 us and more are traced one by one (yield_point): those runs stay unbatched.
  if (!batch_steps_ || steps_left < 2 || dying_ > 0 || !core_queue_.empty() || instruction_cost_ >= 10'000) return 1;
  constexpr uint64_t kMaxBatch = 1u << 16;  // bounds the work between two looks at cancelled_
  uint64_t budget = std::min(steps_left, kMaxBatch);
  VTime at = next_timer_at();
  if (instruction_cost_ > 0 && at != kNoDeadline)
    budget = std::min<uint64_t>(budget, static_cast<uint64_t>(std::max<VTime>(0, at - clock_) / instruction_cost_));
  return budget < 2 ? 1 : budget;
}

VTime DetScheduler::next_timer_at() {
  while (!timers_.empty() && timers_.top().thread->timer_gen != timers_.top().gen) timers_.pop();
  return timers_.empty() ? kNoDeadline : timers_.top().at;
}

ThreadContext* DetScheduler::first_dying() const {
  for (ThreadContext* t : live_)
    if (t->is_killed() && eligible(*t)) return t;
  return nullptr;
}

void DetScheduler::step_thread(ThreadContext& t, uint64_t budget) {
  if (t.id != last_) ++switches_;
  last_ = t.id;
  t.step_budget = budget;
  t.steps_used = 1;
  if (budget > 1) batching_ = &t;
  run_.trace().set_step_wall(Trace::wall_ticks());
  set_state(t, ThreadState::Running);
  t.woken_from = nullptr;  // it uses its wake-up now (or waits again)
  // A thread killed before it ever ran has nothing to unwind: its task never runs.
  bool skip = t.is_killed() && !t.stepped;
  t.stepped = true;
  StepResult r = skip ? StepResult::Done : t.task->step(t);
  batching_ = nullptr;
  t.step_budget = 1;
  if (t.steps_used < 1 || t.steps_used > budget) t.steps_used = 1;  // a task that does not batch
  steps_ += t.steps_used;
  if (r == StepResult::Done) {
    if (t.is_killed()) --dying_;
    leave_core(t);
    set_state(t, ThreadState::Done);
    live_.erase(std::find(live_.begin(), live_.end(), &t));
    run_.on_thread_done(t);
    return;
  }
  // Blocked without a park (a task bug) or a plain yield: runnable again. A thread
  // that parked itself, sleeps or computes stays in that state.
  if (t.get_state() == ThreadState::Running) set_state(t, ThreadState::Runnable);
}

//-----------------------------------------------------------------------------
// [SECTION] Waiting, waking and timers
//-----------------------------------------------------------------------------
WaitStatus DetScheduler::wait(ThreadContext& t, WaitList& wl, Primitive* obj, std::unique_lock<std::mutex>&,
                              VTime deadline) {
  if (cancelled_ || t.is_killed()) return WaitStatus::Cancelled;
  wl.push(&t);
  t.waiting_on = &wl;
  t.blocked_on.store(obj, std::memory_order_relaxed);
  t.timed_wait.store(deadline != kNoDeadline, std::memory_order_relaxed);
  set_state(t, ThreadState::Blocked);
  if (deadline != kNoDeadline) add_timer(t, deadline);
  emit(t, EventKind::ThreadBlock, obj ? obj->id() : 0, 0);
  return WaitStatus::Suspended;
}

namespace {
bool is_ready(ThreadState s) { return s == ThreadState::Runnable || s == ThreadState::Running; }
bool by_id(const ThreadContext* a, const ThreadContext* b) { return a->id < b->id; }
}  // namespace

void DetScheduler::set_state(ThreadContext& t, ThreadState s) {
  const bool was = is_ready(t.get_state()), is = is_ready(s);
  t.set_state(s);
  if (was == is) return;
  if (is && batching_ && batching_ != &t) batching_->task->rival_ready();
  auto pos = std::lower_bound(ready_.begin(), ready_.end(), &t, by_id);
  if (is)
    ready_.insert(pos, &t);
  else if (pos != ready_.end() && *pos == &t)
    ready_.erase(pos);
}

void DetScheduler::make_runnable(ThreadContext& t) {
  ++t.timer_gen;  // a pending timeout no longer applies
  t.waiting_on = nullptr;
  t.woken_from = nullptr;
  t.blocked_on.store(nullptr, std::memory_order_relaxed);
  set_state(t, ThreadState::Runnable);
}

ThreadContext* DetScheduler::wake_one(WaitList& wl) {
  ThreadContext* t = wl.pop_front();
  if (!t) return nullptr;
  make_runnable(*t);
  t->woken_from = &wl;
  emit(*t, EventKind::ThreadUnblock, 0, 1);
  return t;
}

void DetScheduler::kill(ThreadContext& t) {
  if (t.get_state() == ThreadState::Done) return;
  ++dying_;
  if (batching_ && batching_ != &t) batching_->task->rival_ready();  // the dying go first
  if (WaitList* wl = t.woken_from) {  // woken but not run since: its wake-up goes on
    t.woken_from = nullptr;
    pass_on_wake(*wl, t);
  }
  switch (t.get_state()) {
    case ThreadState::Blocked:
      if (t.waiting_on) t.waiting_on->remove(&t);
      make_runnable(t);
      emit(t, EventKind::ThreadUnblock, 0, 0);
      break;
    case ThreadState::Sleeping:
      make_runnable(t);
      emit(t, EventKind::ThreadWake, 0, 0);
      break;
    case ThreadState::Computing:
    case ThreadState::WaitingCore:
      leave_core(t);  // the core (or its place in the queue) goes to others at once
      set_state(t, ThreadState::Runnable);
      break;
    default:  // Runnable, or Running (it killed its own process): its next call reports it
      break;
  }
}

void DetScheduler::add_timer(ThreadContext& t, VTime at) {
  timers_.push(Timer{at, timer_order_++, &t, ++t.timer_gen});
}

bool DetScheduler::advance_time() {
  while (!timers_.empty()) {
    Timer tm = timers_.top();
    if (tm.thread->timer_gen != tm.gen) {  // stale: woken another way
      timers_.pop();
      continue;
    }
    // Fire every timer due at this instant, in FIFO order.
    clock_ = std::max(clock_, tm.at);
    while (!timers_.empty() && timers_.top().at <= clock_) {
      Timer due = timers_.top();
      timers_.pop();
      if (due.thread->timer_gen == due.gen) fire_timer(*due.thread);
    }
    return true;
  }
  return false;
}

void DetScheduler::fire_timer(ThreadContext& t) {
  switch (t.get_state()) {
    case ThreadState::Blocked:
      if (t.waiting_on) t.waiting_on->remove(&t);
      make_runnable(t);
      emit(t, EventKind::ThreadUnblock, 0, 0);  // 0: by timeout
      break;
    case ThreadState::Sleeping:
      make_runnable(t);
      emit(t, EventKind::ThreadWake, 0, 0);
      break;
    case ThreadState::Computing:
      end_burst(t);
      break;
    default:
      break;
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Sleep, CPU bursts and virtual cores
//-----------------------------------------------------------------------------
Outcome DetScheduler::sleep(ThreadContext& t, double seconds) {
  if (cancelled_ || t.is_killed()) return t.cancel_op();
  if (!(seconds >= 0)) return Outcome::fail(ErrorKind::ValueError, "sleep length must be non-negative");
  VTime deadline = t.begin_op(clock_, seconds, true);
  if (clock_ >= deadline) {
    t.end_op();
    return Outcome::done();
  }
  set_state(t, ThreadState::Sleeping);
  add_timer(t, deadline);
  emit(t, EventKind::ThreadSleep, 0, deadline - clock_);
  return Outcome::suspend();
}

Outcome DetScheduler::spend(ThreadContext& t, VTime ns) {
  if (cancelled_ || t.is_killed()) return t.cancel_op();
  if (t.op_active && t.burst_done) {
    t.end_op();
    return Outcome::done();
  }
  if (ns <= 0) return Outcome::done();
  t.begin_op(clock_, 0, false);
  t.burst_traced = true;
  request_burst(t, ns, true);
  return Outcome::suspend();
}

YieldAction DetScheduler::yield_point(ThreadContext& t, uint64_t instructions) {
  if (cancelled_ || t.is_killed()) return YieldAction::Cancel;
  if (instruction_cost_ > 0 && instructions > 0) {
    // Bursts under 10 us (one bytecode when every bytecode is a switch point) are too
    // small to show: tracing each would double a race's trace for nothing a view draws.
    VTime ns = instruction_cost_ * static_cast<VTime>(instructions);
    t.burst_traced = ns >= 10'000;
    request_burst(t, ns, false);
  }
  return YieldAction::Yield;
}

void DetScheduler::pay_batch(ThreadContext& t, uint64_t instructions) {
  // What `instructions` one-instruction bursts in a row do when no timer falls among them
  // and no one else wants a core (batch_budget's promise): the clock and the thread's CPU
  // time move on, and the GIL is this thread's.
  VTime ns = instruction_cost_ * static_cast<VTime>(instructions);
  if (ns <= 0) return;
  clock_ += ns;
  t.cpu_used += ns;
  if (t.process->gil && t.process->gil_last != t.id) {
    ++t.process->gil_handoffs;
    t.process->gil_last = t.id;
  }
}

bool DetScheduler::eligible(const ThreadContext& t) const {
  return t.get_state() == ThreadState::Runnable && !(t.process->gil && t.process->cpu_demand > 0);
}

bool DetScheduler::can_burst(const ThreadContext& t) const {
  return busy_cores_ < cores_ && !(t.process->gil && t.process->cpu_running > 0);
}

void DetScheduler::request_burst(ThreadContext& t, VTime ns, bool is_op) {
  // Cores are handed out in dispatch_cores(), once every runnable thread has had its
  // say at this instant, so the choice is fair rather than first-stepped-first-served.
  t.burst_is_op = is_op;
  t.burst_ns = ns;
  set_state(t, ThreadState::WaitingCore);
  ++t.process->cpu_demand;
  core_queue_.push_back(&t);
}

void DetScheduler::leave_core(ThreadContext& t) {
  // A task that finished inside its own yield point's burst gives the core back.
  if (t.get_state() == ThreadState::Computing) {
    ++t.timer_gen;
    t.burst_is_op = false;
    end_burst(t);
  } else if (t.get_state() == ThreadState::WaitingCore) {
    core_queue_.erase(std::find(core_queue_.begin(), core_queue_.end(), &t));
    --t.process->cpu_demand;
  }
}

void DetScheduler::begin_burst(ThreadContext& t, VTime ns) {
  ++busy_cores_;
  ++t.process->cpu_running;
  t.cpu_used += ns;
  // The GIL changes hands when a burst of a GIL process goes to another thread (counted
  // as free mode's InterpreterLock counts its switches, the first holder included).
  if (t.process->gil && t.process->gil_last != t.id) {
    ++t.process->gil_handoffs;
    t.process->gil_last = t.id;
  }
  set_state(t, ThreadState::Computing);
  add_timer(t, clock_ + ns);
  if (t.burst_traced) emit(t, EventKind::CpuBegin, 0, ns);
}

void DetScheduler::end_burst(ThreadContext& t) {
  --busy_cores_;
  --t.process->cpu_running;
  --t.process->cpu_demand;
  if (t.burst_is_op) t.burst_done = true;
  set_state(t, ThreadState::Runnable);
  if (t.burst_traced) emit(t, EventKind::CpuEnd, 0, 0);
}

void DetScheduler::dispatch_cores() {
  // Like a fair-share OS scheduler: a free core goes to the waiting thread that has
  // used the least CPU so far (ties: the earliest request). This keeps N tasks on C
  // cores within one slice of N * work / C.
  while (busy_cores_ < cores_) {
    size_t best = core_queue_.size();
    for (size_t i = 0; i < core_queue_.size(); ++i) {
      ThreadContext* w = core_queue_[i];
      if (can_burst(*w) && (best == core_queue_.size() || w->cpu_used < core_queue_[best]->cpu_used)) best = i;
    }
    if (best == core_queue_.size()) return;
    ThreadContext* w = core_queue_[best];
    core_queue_.erase(core_queue_.begin() + static_cast<std::ptrdiff_t>(best));
    begin_burst(*w, w->burst_ns);
  }
}

}  // namespace interleave::core
