// core/sync.h - threading's primitives with Python's semantics, written once against
// the Scheduler interface: Lock, RLock, Semaphore / BoundedSemaphore, Condition,
// Event, Barrier. Every blocking method follows rule 2 of the contract in
// core/scheduler.h (Done / Suspend / Cancelled / Error) and takes the calling
// thread's context. Timeouts are in seconds (Python floats); std::nullopt = None.
// Every primitive knows its owners and waiters and emits trace events.
#pragma once
#include <atomic>
#include <optional>
#include <vector>

#include "core/run.h"
#include "core/scheduler.h"

namespace interleave::core {

// A primitive a Condition can be built on: it can be released fully and restored.
class Lockable : public Primitive {
 public:
  using Primitive::Primitive;
  virtual bool is_owned_by(const ThreadContext& t) const = 0;
  // Releases completely (an RLock at any depth) and returns what to restore.
  virtual int64_t release_save(ThreadContext& t) = 0;
  // Blocking acquire without timeout that does not touch t's pending-op state
  // (the Condition owns it). Done / Suspend / Cancelled.
  virtual Outcome acquire_restore(ThreadContext& t, int64_t saved) = 0;
};

// threading.Lock. Free-mode fast path: one CAS to acquire, one CAS to release, a
// trace append each; the mutex and wait list are touched only under contention.
class Lock final : public Lockable {
 public:
  explicit Lock(Run& run, std::string_view name = "Lock") : Lockable(run, name, "Lock") {}

  // acquire(blocking=True, timeout=-1). Done(ok = acquired). ValueError for
  // a negative timeout other than -1, or a timeout with blocking=False.
  Outcome acquire(ThreadContext& t, bool blocking = true, double timeout = -1) {
    if (t.is_killed()) return t.cancel_op();  // a killed thread takes nothing (rule 6)
    ThreadId none = 0;
    if (timeout == -1 && holder_.compare_exchange_strong(none, t.id, std::memory_order_seq_cst)) {
      if (t.op_active) t.end_op();
      if (trace_fast_) emit(t, EventKind::LockAcquire, 1);
      return Outcome::done(true);
    }
    return acquire_slow(t, blocking, timeout);
  }
  // release(): from any thread (Python allows it). RuntimeError "release unlocked lock".
  Outcome release(ThreadContext& t) {
    if (holder_.exchange(0, std::memory_order_seq_cst) == 0)  // was unlocked: stays so
      return Outcome::fail(ErrorKind::RuntimeError, msg::kReleaseUnlocked);
    if (det_ || nwaiters_.load(std::memory_order_seq_cst) > 0) {
      emit(t, EventKind::LockRelease, 0);
      wake_waiter();
    } else if (trace_fast_) {
      emit(t, EventKind::LockRelease, 0);
    }
    return Outcome::done(true);
  }
  bool locked() const { return holder_.load(std::memory_order_relaxed) != 0; }
  // The thread that acquired it last (0 when unlocked).
  ThreadId holder() const { return holder_.load(std::memory_order_relaxed); }

  void owners(std::vector<ThreadId>& out) const override;
  bool is_owned_by(const ThreadContext& t) const override { return holder() == t.id; }
  int64_t release_save(ThreadContext& t) override;
  Outcome acquire_restore(ThreadContext& t, int64_t saved) override;

 private:
  Outcome acquire_slow(ThreadContext& t, bool blocking, double timeout);
  Outcome take_blocking(ThreadContext& t, VTime deadline, bool manage_op);
  void wake_waiter();
  std::atomic<ThreadId> holder_{0};
  std::atomic<int> nwaiters_{0};  // threads in the slow path (free mode)
};

// threading.RLock: an owner and a count.
class RLock final : public Lockable {
 public:
  explicit RLock(Run& run, std::string_view name = "RLock") : Lockable(run, name, "RLock") {}
  // acquire(blocking=True, timeout=-1): re-entrant for the owner. Done(ok).
  Outcome acquire(ThreadContext& t, bool blocking = true, double timeout = -1);
  // RuntimeError "cannot release un-acquired lock" unless t owns it.
  Outcome release(ThreadContext& t);
  ThreadId owner() const { return owner_.load(std::memory_order_relaxed); }
  int64_t count() const { return count_.load(std::memory_order_relaxed); }

  void owners(std::vector<ThreadId>& out) const override;
  bool only_owners_release() const override { return true; }
  bool is_owned_by(const ThreadContext& t) const override { return owner() == t.id; }
  int64_t release_save(ThreadContext& t) override;
  Outcome acquire_restore(ThreadContext& t, int64_t saved) override;

 private:
  Outcome take_blocking(ThreadContext& t, VTime deadline, bool manage_op, int64_t count);
  bool try_take(ThreadContext& t, int64_t count);
  void wake_waiter();
  std::atomic<ThreadId> owner_{0};
  std::atomic<int64_t> count_{0};
  std::atomic<int> nwaiters_{0};
};

// threading.Semaphore / BoundedSemaphore. Holders (threads that acquired and have
// not released) are tracked for the wait-for graph.
class Semaphore final : public Primitive {
 public:
  // `value` < 0 is clamped to 0: check with validate() first (ValueError
  // "semaphore initial value must be >= 0").
  Semaphore(Run& run, int64_t value = 1, bool bounded = false, std::string_view name = "Semaphore");
  static Outcome validate(int64_t value);

  // acquire(blocking=True, timeout=None). Done(ok).
  Outcome acquire(ThreadContext& t, bool blocking = true, std::optional<double> timeout = std::nullopt);
  // release(n=1). Bounded: ValueError "Semaphore released too many times".
  Outcome release(ThreadContext& t, int64_t n = 1);
  int64_t value() const;
  bool bounded() const { return bounded_; }
  void owners(std::vector<ThreadId>& out) const override;

 private:
  int64_t value_;
  int64_t initial_;
  bool bounded_;
  std::vector<ThreadId> holders_;
};

// threading.Condition over a Lock or an RLock.
class Condition final : public Primitive {
 public:
  Condition(Run& run, Lockable& lock, std::string_view name = "Condition");
  // wait(timeout=None): releases the lock, waits for a notify or the timeout,
  // re-acquires the lock. Done(ok = notified). RuntimeError "cannot wait on
  // un-acquired lock". A multi-phase operation: in det mode it may Suspend while
  // waiting and again while re-acquiring; re-execute the call each time.
  // wait_for(predicate, timeout) is the interpreter's loop over wait() with the
  // remaining time (the predicate is Python code).
  Outcome wait(ThreadContext& t, std::optional<double> timeout = std::nullopt);
  // notify(n=1) / notify_all(). RuntimeError "cannot notify on un-acquired lock".
  Outcome notify(ThreadContext& t, int64_t n = 1);
  Outcome notify_all(ThreadContext& t);
  Lockable& lock() { return lock_; }

 private:
  Lockable& lock_;
};

// threading.Event.
class Event final : public Primitive {
 public:
  explicit Event(Run& run, std::string_view name = "Event") : Primitive(run, name, "Event") {}
  void set(ThreadContext& t);
  void clear(ThreadContext& t);
  bool is_set() const;
  // wait(timeout=None): Done(ok = the flag when it returns).
  Outcome wait(ThreadContext& t, std::optional<double> timeout = std::nullopt);

 private:
  bool flag_ = false;
};

// threading.Barrier. wait() gives Done(value = arrival index 0..parties-1) or
// Error BrokenBarrier (a timeout breaks the barrier, as in Python).
class Barrier final : public Primitive {
 public:
  // parties < 1 is clamped to 1: check with validate() ("parties must be > 0").
  Barrier(Run& run, int64_t parties, std::string_view name = "Barrier");
  static Outcome validate(int64_t parties);
  // With `defer_release`, the last thread to arrive (index parties-1) does not release
  // the others: it runs the barrier's action (Python code) and then calls release().
  Outcome wait(ThreadContext& t, std::optional<double> timeout = std::nullopt, bool defer_release = false);
  // Ends a deferred release: lets every waiter pass, or breaks the barrier when the
  // action failed (`passed` false).
  void release(ThreadContext& t, bool passed);
  void abort(ThreadContext& t);
  void reset(ThreadContext& t);
  int64_t parties() const { return parties_; }
  int64_t n_waiting() const;
  bool broken() const;

 private:
  void break_barrier(ThreadContext& t);
  int64_t parties_;
  int64_t count_ = 0;
  bool broken_ = false;
};

// Shared argument checks (CPython's messages).
// Lock/RLock.acquire(blocking, timeout): -1 means "no timeout".
Outcome check_lock_timeout(bool blocking, double timeout);
// timeout=None or >= 0, else ValueError with `message`.
Outcome check_optional_timeout(std::optional<double> timeout, const char* message);

}  // namespace interleave::core
