// core/sync.cpp
// [SECTION] Argument checks
// [SECTION] Lock
// [SECTION] RLock
// [SECTION] Semaphore
// [SECTION] Condition
// [SECTION] Event
// [SECTION] Barrier
#include "core/sync.h"

#include <algorithm>

namespace interleave::core {

//-----------------------------------------------------------------------------
// [SECTION] Argument checks
//-----------------------------------------------------------------------------
Outcome check_lock_timeout(bool blocking, double timeout) {
  if (!blocking && timeout != -1) return Outcome::fail(ErrorKind::ValueError, msg::kTimeoutNonBlocking);
  if (timeout < 0 && timeout != -1) return Outcome::fail(ErrorKind::ValueError, msg::kNegativeTimeout);
  if (timeout != timeout) return Outcome::fail(ErrorKind::ValueError, msg::kNegativeTimeout);  // NaN
  return Outcome::done();
}

Outcome check_optional_timeout(std::optional<double> timeout, const char* message) {
  if (timeout && !(*timeout >= 0)) return Outcome::fail(ErrorKind::ValueError, message);
  return Outcome::done();
}

//-----------------------------------------------------------------------------
// [SECTION] Lock
//-----------------------------------------------------------------------------
Outcome Lock::acquire_slow(ThreadContext& t, bool blocking, double timeout) {
  Outcome bad = check_lock_timeout(blocking, timeout);
  if (bad.is_error()) return bad;
  if (!blocking) {
    ThreadId none = 0;
    bool got = holder_.compare_exchange_strong(none, t.id, std::memory_order_seq_cst);
    if (got) emit(t, EventKind::LockAcquire, 1);
    return Outcome::done(got);
  }
  VTime deadline = t.begin_op(sched_.now(), timeout, timeout != -1);
  return take_blocking(t, deadline, true);
}

Outcome Lock::take_blocking(ThreadContext& t, VTime deadline, bool manage_op) {
  std::unique_lock<std::mutex> lk(mu_);
  for (;;) {
    // Announce ourselves before trying, so a releaser that misses our CAS sees us.
    nwaiters_.fetch_add(1, std::memory_order_seq_cst);
    ThreadId none = 0;
    if (holder_.compare_exchange_strong(none, t.id, std::memory_order_seq_cst)) {
      nwaiters_.fetch_sub(1, std::memory_order_relaxed);
      if (manage_op) t.end_op();
      emit(t, EventKind::LockAcquire, 1);
      return Outcome::done(true);
    }
    if (sched_.now() >= deadline) {
      nwaiters_.fetch_sub(1, std::memory_order_relaxed);
      if (manage_op) t.end_op();
      emit(t, EventKind::LockTimeout, 0);
      return Outcome::done(false);
    }
    WaitStatus st = sched_.wait(t, waiters_, this, lk, deadline);
    nwaiters_.fetch_sub(1, std::memory_order_relaxed);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      if (manage_op) t.end_op();
      return Outcome::cancelled();
    }
  }
}

void Lock::wake_waiter() {
  std::lock_guard<std::mutex> g(mu_);
  sched_.wake_one(waiters_);
}

void Lock::owners(std::vector<ThreadId>& out) const {
  if (ThreadId h = holder()) out.push_back(h);
}

int64_t Lock::release_save(ThreadContext& t) {
  release(t);
  return 1;
}

Outcome Lock::acquire_restore(ThreadContext& t, int64_t) { return take_blocking(t, kNoDeadline, false); }

//-----------------------------------------------------------------------------
// [SECTION] RLock
//-----------------------------------------------------------------------------
bool RLock::try_take(ThreadContext& t, int64_t count) {
  ThreadId none = 0;
  if (!owner_.compare_exchange_strong(none, t.id, std::memory_order_seq_cst)) return false;
  count_.store(count, std::memory_order_relaxed);
  emit(t, EventKind::LockAcquire, count);
  return true;
}

Outcome RLock::acquire(ThreadContext& t, bool blocking, double timeout) {
  if (t.is_killed()) return t.cancel_op();
  if (owner() == t.id) {
    int64_t c = count_.load(std::memory_order_relaxed) + 1;
    count_.store(c, std::memory_order_relaxed);
    emit(t, EventKind::LockAcquire, c);
    return Outcome::done(true);
  }
  Outcome bad = check_lock_timeout(blocking, timeout);
  if (bad.is_error()) return bad;
  if (timeout == -1 && try_take(t, 1)) {
    if (t.op_active) t.end_op();
    return Outcome::done(true);
  }
  if (!blocking) return Outcome::done(false);
  VTime deadline = t.begin_op(sched_.now(), timeout, timeout != -1);
  return take_blocking(t, deadline, true, 1);
}

Outcome RLock::take_blocking(ThreadContext& t, VTime deadline, bool manage_op, int64_t count) {
  std::unique_lock<std::mutex> lk(mu_);
  for (;;) {
    nwaiters_.fetch_add(1, std::memory_order_seq_cst);
    if (try_take(t, count)) {
      nwaiters_.fetch_sub(1, std::memory_order_relaxed);
      if (manage_op) t.end_op();
      return Outcome::done(true);
    }
    if (sched_.now() >= deadline) {
      nwaiters_.fetch_sub(1, std::memory_order_relaxed);
      if (manage_op) t.end_op();
      emit(t, EventKind::LockTimeout, 0);
      return Outcome::done(false);
    }
    WaitStatus st = sched_.wait(t, waiters_, this, lk, deadline);
    nwaiters_.fetch_sub(1, std::memory_order_relaxed);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      if (manage_op) t.end_op();
      return Outcome::cancelled();
    }
  }
}

Outcome RLock::release(ThreadContext& t) {
  if (owner() != t.id) return Outcome::fail(ErrorKind::RuntimeError, msg::kReleaseUnacquired);
  int64_t c = count_.load(std::memory_order_relaxed) - 1;
  count_.store(c, std::memory_order_relaxed);
  emit(t, EventKind::LockRelease, c);
  if (c == 0) {
    owner_.store(0, std::memory_order_seq_cst);
    if (sched_.mode() == Mode::Det || nwaiters_.load(std::memory_order_seq_cst) > 0) wake_waiter();
  }
  return Outcome::done(true);
}

void RLock::wake_waiter() {
  std::lock_guard<std::mutex> g(mu_);
  sched_.wake_one(waiters_);
}

void RLock::owners(std::vector<ThreadId>& out) const {
  if (ThreadId o = owner()) out.push_back(o);
}

int64_t RLock::release_save(ThreadContext& t) {
  int64_t c = count_.load(std::memory_order_relaxed);
  count_.store(0, std::memory_order_relaxed);
  emit(t, EventKind::LockRelease, 0);
  owner_.store(0, std::memory_order_seq_cst);
  if (sched_.mode() == Mode::Det || nwaiters_.load(std::memory_order_seq_cst) > 0) wake_waiter();
  return c;
}

Outcome RLock::acquire_restore(ThreadContext& t, int64_t saved) { return take_blocking(t, kNoDeadline, false, saved); }

//-----------------------------------------------------------------------------
// [SECTION] Semaphore
//-----------------------------------------------------------------------------
Semaphore::Semaphore(Run& run, int64_t value, bool bounded, std::string_view name)
    : Primitive(run, name, bounded ? "BoundedSemaphore" : "Semaphore"),
      value_(value < 0 ? 0 : value),
      initial_(value_),
      bounded_(bounded) {}

Outcome Semaphore::validate(int64_t value) {
  if (value < 0) return Outcome::fail(ErrorKind::ValueError, msg::kSemaphoreNegative);
  return Outcome::done();
}

Outcome Semaphore::acquire(ThreadContext& t, bool blocking, std::optional<double> timeout) {
  if (t.is_killed()) return t.cancel_op();
  if (!blocking && timeout) return Outcome::fail(ErrorKind::ValueError, msg::kTimeoutNonBlocking);
  Outcome bad = check_optional_timeout(timeout, msg::kNegativeTimeout);
  if (bad.is_error()) return bad;
  std::unique_lock<std::mutex> lk(mu_);
  VTime deadline = t.begin_op(sched_.now(), timeout.value_or(0), timeout.has_value());
  for (;;) {
    if (value_ > 0) {
      --value_;
      holders_.push_back(t.id);
      t.end_op();
      emit(t, EventKind::SemAcquire, value_);
      return Outcome::done(true);
    }
    if (!blocking || sched_.now() >= deadline) {
      t.end_op();
      return Outcome::done(false);
    }
    WaitStatus st = sched_.wait(t, waiters_, this, lk, deadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      t.end_op();
      return Outcome::cancelled();
    }
  }
}

Outcome Semaphore::release(ThreadContext& t, int64_t n) {
  if (n < 1) return Outcome::fail(ErrorKind::ValueError, "n must be one or more");
  std::lock_guard<std::mutex> g(mu_);
  if (bounded_ && value_ + n > initial_) return Outcome::fail(ErrorKind::ValueError, msg::kSemaphoreTooMany);
  value_ += n;
  for (int64_t i = 0; i < n && !holders_.empty(); ++i) {
    // Python semaphores have no owner; drop the releaser's own hold if it has one.
    auto it = std::find(holders_.begin(), holders_.end(), t.id);
    holders_.erase(it != holders_.end() ? it : holders_.begin());
  }
  emit(t, EventKind::SemRelease, value_);
  for (int64_t i = 0; i < n; ++i)
    if (!sched_.wake_one(waiters_)) break;
  return Outcome::done(true);
}

int64_t Semaphore::value() const {
  std::lock_guard<std::mutex> g(mu_);
  return value_;
}

void Semaphore::owners(std::vector<ThreadId>& out) const {
  std::lock_guard<std::mutex> g(mu_);
  for (ThreadId h : holders_)
    if (std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
}

//-----------------------------------------------------------------------------
// [SECTION] Condition
//-----------------------------------------------------------------------------
Condition::Condition(Run& run, Lockable& lock, std::string_view name)
    : Primitive(run, name, "Condition"), lock_(lock) {}

Outcome Condition::wait(ThreadContext& t, std::optional<double> timeout) {
  if (t.is_killed()) return t.cancel_op();
  // Phase 0: register as a waiter, then release the lock (in that order, under our
  // mutex, so a notify after the release cannot be lost).
  // Phase 1: wait for a notify (op_signal = 1) or the deadline.
  // Phase 2: re-acquire the lock with its saved state.
  if (t.op_phase == 0) {
    if (!lock_.is_owned_by(t)) return Outcome::fail(ErrorKind::RuntimeError, msg::kConditionNotOwned);
    double s = timeout ? std::max(0.0, *timeout) : 0;  // CPython: negative = don't wait
    if (s != s) s = 0;
    VTime deadline = t.begin_op(sched_.now(), s, timeout.has_value());
    std::unique_lock<std::mutex> lk(mu_);
    t.op_signal = 0;
    t.op_phase = 1;
    emit(t, EventKind::CondWait, 0);
    if (sched_.now() < deadline) {
      // Free: wait() pushes us and releases `lk` only once parked-to-be; the lock is
      // released while we hold `lk`, so a notifier (which needs `lk`) comes after.
      t.op_value = lock_.release_save(t);
      WaitStatus st = sched_.wait(t, waiters_, this, lk, deadline);
      if (st == WaitStatus::Suspended) return Outcome::suspend();
      if (st == WaitStatus::Cancelled) {
        t.end_op();
        return Outcome::cancelled();
      }
    } else {
      t.op_value = lock_.release_save(t);
    }
  }
  if (t.op_phase == 1) {
    std::unique_lock<std::mutex> lk(mu_);
    while (t.op_signal == 0 && sched_.now() < t.op_deadline) {
      WaitStatus st = sched_.wait(t, waiters_, this, lk, t.op_deadline);
      if (st == WaitStatus::Suspended) return Outcome::suspend();
      if (st == WaitStatus::Cancelled) {
        t.end_op();
        return Outcome::cancelled();
      }
    }
    t.op_phase = 2;
  }
  Outcome o = lock_.acquire_restore(t, t.op_value);
  if (o.is_suspend()) return o;
  bool notified = t.op_signal == 1;
  t.end_op();
  if (o.is_cancelled()) return o;
  return Outcome::done(notified);
}

Outcome Condition::notify(ThreadContext& t, int64_t n) {
  if (!lock_.is_owned_by(t)) return Outcome::fail(ErrorKind::RuntimeError, msg::kNotifyNotOwned);
  std::lock_guard<std::mutex> g(mu_);
  int64_t woken = 0;
  for (; woken < n; ++woken) {
    ThreadContext* w = sched_.wake_one(waiters_);
    if (!w) break;
    w->op_signal = 1;
  }
  emit(t, EventKind::CondNotify, woken);
  return Outcome::done(true, woken);
}

Outcome Condition::notify_all(ThreadContext& t) { return notify(t, INT64_MAX); }

//-----------------------------------------------------------------------------
// [SECTION] Event
//-----------------------------------------------------------------------------
void Event::set(ThreadContext& t) {
  std::lock_guard<std::mutex> g(mu_);
  flag_ = true;
  emit(t, EventKind::EventSet, 1);
  sched_.wake_all(waiters_, 1);
}

void Event::clear(ThreadContext& t) {
  std::lock_guard<std::mutex> g(mu_);
  flag_ = false;
  emit(t, EventKind::EventClear, 0);
}

bool Event::is_set() const {
  std::lock_guard<std::mutex> g(mu_);
  return flag_;
}

Outcome Event::wait(ThreadContext& t, std::optional<double> timeout) {
  if (t.is_killed()) return t.cancel_op();
  double s = timeout ? std::max(0.0, *timeout) : 0;
  if (s != s) s = 0;
  std::unique_lock<std::mutex> lk(mu_);
  VTime deadline = t.begin_op(sched_.now(), s, timeout.has_value());
  for (;;) {
    if (flag_ || sched_.now() >= deadline) {
      t.end_op();
      return Outcome::done(flag_);
    }
    WaitStatus st = sched_.wait(t, waiters_, this, lk, deadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      t.end_op();
      return Outcome::cancelled();
    }
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Barrier
//-----------------------------------------------------------------------------
Barrier::Barrier(Run& run, int64_t parties, std::string_view name)
    : Primitive(run, name, "Barrier"), parties_(parties < 1 ? 1 : parties) {}

Outcome Barrier::validate(int64_t parties) {
  if (parties < 1) return Outcome::fail(ErrorKind::ValueError, msg::kBarrierParties);
  return Outcome::done();
}

static Outcome broken_barrier() { return Outcome::fail(ErrorKind::BrokenBarrier, ""); }

Outcome Barrier::wait(ThreadContext& t, std::optional<double> timeout, bool defer_release) {
  if (t.is_killed()) return t.cancel_op();
  double s = timeout ? std::max(0.0, *timeout) : 0;
  if (s != s) s = 0;
  std::unique_lock<std::mutex> lk(mu_);
  if (t.op_phase == 0) {
    if (broken_) return broken_barrier();
    t.begin_op(sched_.now(), s, timeout.has_value());
    int64_t index = count_++;
    emit(t, EventKind::BarrierWait, index);
    if (count_ == parties_) {  // the last to arrive releases everyone
      t.end_op();
      if (defer_release) return Outcome::done(true, index);
      count_ = 0;
      sched_.wake_all(waiters_, 1);
      emit(t, EventKind::BarrierPass, index);
      return Outcome::done(true, index);
    }
    t.op_value = index;
    t.op_signal = 0;
    t.op_phase = 1;
  }
  for (;;) {
    if (t.op_signal == 1) {
      int64_t index = t.op_value;
      t.end_op();
      return Outcome::done(true, index);
    }
    if (t.op_signal == 2 || broken_) {
      t.end_op();
      return broken_barrier();
    }
    if (sched_.now() >= t.op_deadline) {
      break_barrier(t);
      t.end_op();
      return broken_barrier();
    }
    WaitStatus st = sched_.wait(t, waiters_, this, lk, t.op_deadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      t.end_op();
      return Outcome::cancelled();
    }
  }
}

void Barrier::release(ThreadContext& t, bool passed) {
  std::lock_guard<std::mutex> g(mu_);
  if (!passed) {
    break_barrier(t);
    return;
  }
  count_ = 0;
  sched_.wake_all(waiters_, 1);
  emit(t, EventKind::BarrierPass, parties_ - 1);
}

void Barrier::break_barrier(ThreadContext& t) {
  broken_ = true;
  count_ = 0;
  emit(t, EventKind::BarrierBroken, 0);
  sched_.wake_all(waiters_, 2);
}

void Barrier::abort(ThreadContext& t) {
  std::lock_guard<std::mutex> g(mu_);
  break_barrier(t);
}

void Barrier::reset(ThreadContext& t) {
  std::lock_guard<std::mutex> g(mu_);
  if (count_ > 0) sched_.wake_all(waiters_, 2);  // current waiters see a broken barrier
  count_ = 0;
  broken_ = false;
}

int64_t Barrier::n_waiting() const {
  std::lock_guard<std::mutex> g(mu_);
  return count_;
}

bool Barrier::broken() const {
  std::lock_guard<std::mutex> g(mu_);
  return broken_;
}

}  // namespace interleave::core
