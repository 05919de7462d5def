// core/interpreter_lock.cpp - see the header for the protocol.
#include "core/interpreter_lock.h"

#include "core/scheduler.h"

namespace interleave::core {

static std::chrono::nanoseconds to_interval(double s) {
  if (!(s > 0)) s = 1e-6;
  return std::chrono::nanoseconds(static_cast<int64_t>(s * 1e9));
}

InterpreterLock::InterpreterLock(double switch_interval_s) : interval_(to_interval(switch_interval_s)) {}

void InterpreterLock::set_switch_interval(double seconds) {
  std::lock_guard<std::mutex> g(mu_);
  interval_ = to_interval(seconds);
}

bool InterpreterLock::take(ThreadContext& t) {
  std::unique_lock<std::mutex> lk(mu_);
  ++waiting_;
  while (locked_) {
    uint64_t seen = switch_number_;
    bool got = cv_.wait_for(lk, interval_, [&] { return !locked_; });
    // A whole interval without a switch: ask the holder to drop it (CPython's
    // SET_GIL_DROP_REQUEST). A cancelled holder drops it at its next yield point anyway.
    if (!got && locked_ && switch_number_ == seen && !cancelled_) drop_request_.store(true, std::memory_order_relaxed);
  }
  --waiting_;
  locked_ = true;
  holder_ = t.id;
  if (last_holder_ != t.id) ++switches_;
  last_holder_ = t.id;
  ++switch_number_;
  drop_request_.store(false, std::memory_order_relaxed);
  t.holds_gil = true;
  switch_cv_.notify_all();
  return !cancelled_;
}

void InterpreterLock::drop(ThreadContext& t) {
  std::lock_guard<std::mutex> g(mu_);
  if (!t.holds_gil) return;
  locked_ = false;
  holder_ = 0;
  t.holds_gil = false;
  cv_.notify_one();
}

bool InterpreterLock::hand_over(ThreadContext& t) {
  {
    std::unique_lock<std::mutex> lk(mu_);
    uint64_t seen = switch_number_;
    locked_ = false;
    holder_ = 0;
    t.holds_gil = false;
    cv_.notify_one();
    // FORCE_SWITCHING: do not race the waiter for the lock we just dropped.
    switch_cv_.wait(lk, [&] { return switch_number_ != seen || waiting_ == 0 || cancelled_; });
  }
  return take(t);
}

void InterpreterLock::cancel() {
  std::lock_guard<std::mutex> g(mu_);
  cancelled_ = true;
  switch_cv_.notify_all();  // a holder handing over stops waiting for the switch
}

ThreadId InterpreterLock::holder() const {
  std::lock_guard<std::mutex> g(mu_);
  return holder_;
}

uint64_t InterpreterLock::switches() const {
  std::lock_guard<std::mutex> g(mu_);
  return switches_;
}

}  // namespace interleave::core
