// core/interpreter_lock.h - a per-process interpreter lock (the GIL) for free mode.
//
// Modelled on CPython's ceval_gil.c: a thread that wants the lock waits on a condvar
// for at most the switch interval; if the holder has not changed meanwhile it sets
// a drop request. The holder sees the request at its next yield point, drops the
// lock and (FORCE_SWITCHING) waits until another thread has taken it before asking
// again, so the waiter really gets a turn. Blocking calls and sleeps drop the lock
// around the wait (FreeScheduler does that), so I/O-bound threads overlap.
// Built on mutex + condition variable only (TOOLCHAIN.md pitfall 7).
//
// Cancellation never breaks mutual exclusion: after cancel() take() and yield() still
// return only once the caller holds the lock (they report the cancel instead), so a
// cancelled thread unwinds its frames, raises, prints and frees under the lock, one
// thread at a time, like any other VM work. Every holder reaches a yield point or a
// blocking call soon, and both end at once after a cancel, so the hand-offs go on.
//
// The cancel is per lock, so per process: Run::kill_process cancels only the killed
// process's lock, letting its dying threads unwind one at a time while the other
// processes' locks (and threads) go on untouched.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "core/base.h"

namespace interleave::core {

struct ThreadContext;

class InterpreterLock {
 public:
  explicit InterpreterLock(double switch_interval_s);

  // Blocks until `t` holds the lock, also after cancel(). Returns false when the run is
  // cancelled: `t` holds the lock all the same (to unwind) and must drop() it.
  bool take(ThreadContext& t);
  // Releases the lock held by `t` and wakes one waiter.
  void drop(ThreadContext& t);
  // The holder's yield point: cheap unless a drop was requested, in which case it
  // hands the lock over and takes it back. Returns false when cancelled; `t` holds the
  // lock either way.
  bool yield(ThreadContext& t) {
    if (!drop_request_.load(std::memory_order_relaxed)) return true;
    return hand_over(t);
  }
  // take() and yield() return false from now on (still handing the lock out one at a
  // time); a holder waiting in yield() for its hand-over stops waiting.
  void cancel();

  ThreadId holder() const;
  uint64_t switches() const;  // times the lock changed hands
  void set_switch_interval(double seconds);

 private:
  bool hand_over(ThreadContext& t);
  mutable std::mutex mu_;
  std::condition_variable cv_;         // waiters for the lock
  std::condition_variable switch_cv_;  // a dropper waiting for the switch to happen
  bool locked_ = false;
  bool cancelled_ = false;
  ThreadId holder_ = 0;
  ThreadId last_holder_ = 0;
  uint64_t switch_number_ = 0;
  uint64_t switches_ = 0;
  int waiting_ = 0;
  std::atomic<bool> drop_request_{false};
  std::chrono::nanoseconds interval_;
};

}  // namespace interleave::core
