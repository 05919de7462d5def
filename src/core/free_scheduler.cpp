// core/free_scheduler.cpp
// [SECTION] Clock
// [SECTION] Threads: start, main loop, wait for the end
// [SECTION] Parking, waiting and waking
// [SECTION] Sleep, CPU work and the GIL
#include "core/free_scheduler.h"

#include "core/interpreter_lock.h"
#include "core/os_threads.h"
#include "core/run.h"

namespace interleave::core {

//-----------------------------------------------------------------------------
// [SECTION] Clock
//-----------------------------------------------------------------------------
FreeScheduler::FreeScheduler(Run& run, const RunConfig& cfg)
    : Scheduler(run), time_scale_(cfg.time_scale > 0 ? cfg.time_scale : 1.0), start_(Clock::now()) {}

FreeScheduler::~FreeScheduler() {
  cancel();
  join_all();
}

VTime FreeScheduler::now() const {
  auto real = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_).count();
  return static_cast<VTime>(static_cast<double>(real) / time_scale_);
}

FreeScheduler::Clock::time_point FreeScheduler::real_time(VTime v) const {
  double real_ns = static_cast<double>(v) * time_scale_;
  if (real_ns > 1e17) real_ns = 1e17;  // about three years: "never" without overflow
  return start_ + std::chrono::nanoseconds(static_cast<int64_t>(real_ns));
}

//-----------------------------------------------------------------------------
// [SECTION] Threads: start, main loop, wait for the end
//-----------------------------------------------------------------------------
void FreeScheduler::start_thread(ThreadContext& t) {
  std::lock_guard<std::mutex> g(threads_mu_);
  // A thread started while the run is being destroyed never runs: join_all() may
  // already have collected the OS threads (cancel() sets the flag before that).
  if (cancelled()) {
    t.set_state(ThreadState::Done);
    return;
  }
  {
    std::lock_guard<std::mutex> d(done_mu_);
    ++running_;
  }
  t.set_state(ThreadState::Runnable);
  started_.push_back(&t);
  try {
    OsThreads::shared().run([this, &t] { thread_main(&t); });
  } catch (...) {
    started_.pop_back();
    t.set_state(ThreadState::Done);
    std::lock_guard<std::mutex> d(done_mu_);
    --running_;
    throw;
  }
}

void FreeScheduler::thread_main(ThreadContext* t) {
  run_.trace().emit(t->trace, 0, EventKind::ThreadStart, 0, t->process->pid);
  // The lock is held even when the run was cancelled meanwhile (the task then never runs).
  // A thread killed before it ran has nothing to unwind: its task never runs either.
  if (gil_acquire(*t) && !t->is_killed()) {
    t->set_state(ThreadState::Running);
    while (!cancelled()) {
      if (t->task->step(*t) == StepResult::Done) break;
    }
  }
  gil_release(*t);
  t->set_state(ThreadState::Done);
  run_.on_thread_done(*t);
  // The last touch of this scheduler: join_all() may destroy it once the lock is free.
  std::lock_guard<std::mutex> d(done_mu_);
  --running_;
  done_cv_.notify_all();
}

bool FreeScheduler::wait_all(double real_timeout_s) {
  std::unique_lock<std::mutex> lk(done_mu_);
  auto done = [&] { return running_ == 0; };
  if (real_timeout_s < 0) {
    done_cv_.wait(lk, done);
    return true;
  }
  return done_cv_.wait_for(lk, std::chrono::duration<double>(real_timeout_s), done);
}

void FreeScheduler::join_all() { wait_all(-1); }

void FreeScheduler::cancel() {
  cancelled_.store(true, std::memory_order_release);
  std::vector<ThreadContext*> threads;
  {
    std::lock_guard<std::mutex> g(threads_mu_);
    threads = started_;
  }
  // Lock each parker so a thread between its predicate check and its wait cannot
  // miss the notification.
  for (ThreadContext* t : threads) {
    std::lock_guard<std::mutex> p(t->park_mu);
    t->park_cv.notify_all();
  }
  run_.for_each_process([](ProcessContext& p) {
    if (p.lock) p.lock->cancel();
  });
}

void FreeScheduler::kill(ThreadContext& t) {
  // The flag is set: lock the parker so a thread between its predicate check and its
  // wait cannot miss the notification.
  std::lock_guard<std::mutex> p(t.park_mu);
  t.park_cv.notify_all();
}

//-----------------------------------------------------------------------------
// [SECTION] Parking, waiting and waking
//-----------------------------------------------------------------------------
WaitStatus FreeScheduler::park(ThreadContext& t, VTime deadline) {
  std::unique_lock<std::mutex> pl(t.park_mu);
  auto ready = [&] { return t.permit || cancelled() || t.is_killed(); };
  if (deadline == kNoDeadline) {
    t.park_cv.wait(pl, ready);
  } else if (!t.park_cv.wait_until(pl, real_time(deadline), ready)) {
    return WaitStatus::TimedOut;
  }
  if (cancelled() || t.is_killed()) return WaitStatus::Cancelled;
  t.permit = false;
  return WaitStatus::Woken;
}

WaitStatus FreeScheduler::wait(ThreadContext& t, WaitList& wl, Primitive* obj, std::unique_lock<std::mutex>& lk,
                               VTime deadline) {
  if (cancelled() || t.is_killed()) return WaitStatus::Cancelled;
  {
    std::lock_guard<std::mutex> p(t.park_mu);
    t.permit = false;  // a stale wake-up from an earlier wait must not end this one
  }
  wl.push(&t);
  t.waiting_on = &wl;
  t.blocked_on.store(obj, std::memory_order_relaxed);
  t.timed_wait.store(deadline != kNoDeadline, std::memory_order_relaxed);
  t.set_state(ThreadState::Blocked);
  run_.trace().emit(t.trace, 0, EventKind::ThreadBlock, obj ? obj->id() : 0, 0);
  lk.unlock();
  gil_release(t);
  WaitStatus st = park(t, deadline);
  // Woken: waiting for the GIL is not blocked (the free deadlock detector counts Blocked).
  t.set_state(ThreadState::Runnable);
  if (!gil_acquire(t)) st = WaitStatus::Cancelled;
  lk.lock();
  // Still listed: nobody woke us (timeout or cancel). Otherwise a waker popped us,
  // which counts as woken even if the deadline passed meanwhile.
  bool listed = wl.remove(&t);
  if (!listed && st == WaitStatus::TimedOut) st = WaitStatus::Woken;
  if (!listed && st == WaitStatus::Cancelled) pass_on_wake(wl, t);  // killed after a waker chose it
  t.waiting_on = nullptr;
  t.blocked_on.store(nullptr, std::memory_order_relaxed);
  t.set_state(ThreadState::Running);
  run_.trace().emit(t.trace, 0, EventKind::ThreadUnblock, 0, st == WaitStatus::Woken ? 1 : 0);
  return st;
}

ThreadContext* FreeScheduler::wake_one(WaitList& wl) {
  ThreadContext* t = wl.pop_front();
  if (!t) return nullptr;
  t->waiting_on = nullptr;
  std::lock_guard<std::mutex> p(t->park_mu);
  t->permit = true;
  t->park_cv.notify_one();
  return t;
}

//-----------------------------------------------------------------------------
// [SECTION] Sleep, CPU work and the GIL
//-----------------------------------------------------------------------------
Outcome FreeScheduler::sleep(ThreadContext& t, double seconds) {
  if (unwinding(t)) return t.cancel_op();
  if (!(seconds >= 0)) return Outcome::fail(ErrorKind::ValueError, "sleep length must be non-negative");
  VTime deadline = now() + seconds_to_vtime(seconds);
  t.set_state(ThreadState::Sleeping);
  run_.trace().emit(t.trace, 0, EventKind::ThreadSleep, 0, seconds_to_vtime(seconds));
  gil_release(t);
  WaitStatus st;
  do {
    st = park(t, deadline);  // only cancel() or the deadline end a sleep
  } while (st == WaitStatus::Woken);
  t.set_state(ThreadState::Runnable);
  bool have_gil = gil_acquire(t);
  t.set_state(ThreadState::Running);
  run_.trace().emit(t.trace, 0, EventKind::ThreadWake, 0, 0);
  if (st == WaitStatus::Cancelled || !have_gil) return Outcome::cancelled();
  return Outcome::done();
}

Outcome FreeScheduler::spend(ThreadContext& t, VTime ns) {
  if (unwinding(t)) return t.cancel_op();
  if (ns <= 0) return Outcome::done();
  run_.trace().emit(t.trace, 0, EventKind::CpuBegin, 0, ns);
  VTime end = now() + ns;
  volatile uint64_t sink = 0;
  while (now() < end) {
    for (int i = 0; i < 1000; ++i) sink = sink + static_cast<uint64_t>(i);
    if (yield_point(t) == YieldAction::Cancel) {
      run_.trace().emit(t.trace, 0, EventKind::CpuEnd, 0, 0);  // the burst ends here
      return Outcome::cancelled();
    }
  }
  run_.trace().emit(t.trace, 0, EventKind::CpuEnd, 0, 0);
  return Outcome::done();
}

bool FreeScheduler::gil_yield(ThreadContext& t) {
  InterpreterLock* gil = t.process->lock.get();
  return !gil || gil->yield(t);
}

void FreeScheduler::gil_release(ThreadContext& t) {
  if (InterpreterLock* gil = t.process->lock.get()) gil->drop(t);
}

bool FreeScheduler::gil_acquire(ThreadContext& t) {
  InterpreterLock* gil = t.process->lock.get();
  return !gil || gil->take(t);
}

}  // namespace interleave::core
