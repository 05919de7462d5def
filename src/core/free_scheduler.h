// core/free_scheduler.h - real OS threads, real (scaled) time.
//
// Each simulated thread runs its Task on an OS thread of its own (from OsThreads, which
// keeps finished ones parked for the next thread or run), calling step() until Done. Blocking parks the thread on its own mutex + condition variable (never a
// semaphore or atomic::wait: TOOLCHAIN.md pitfall 7), dropping its process's
// interpreter lock meanwhile. cancel() wakes every parked or sleeping thread at once,
// so a run can be destroyed mid-deadlock within milliseconds. A cancelled thread
// still takes its process's interpreter lock before it goes back to its task (which
// unwinds its Python frames): cancelling never lets two threads into one VM.
// A killed thread (Run::kill_process) is woken the same way, alone; its process's
// interpreter lock is cancelled, so its dying siblings unwind one at a time.
// Virtual time = real elapsed time / time_scale; sleeps last seconds * time_scale.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "core/run_config.h"
#include "core/scheduler.h"

namespace interleave::core {

class FreeScheduler final : public Scheduler {
 public:
  FreeScheduler(Run& run, const RunConfig& cfg);
  ~FreeScheduler() override;

  Mode mode() const override { return Mode::Free; }
  VTime now() const override;
  WaitStatus wait(ThreadContext& t, WaitList& wl, Primitive* obj, std::unique_lock<std::mutex>& lk,
                  VTime deadline) override;
  ThreadContext* wake_one(WaitList& wl) override;
  Outcome sleep(ThreadContext& t, double seconds) override;
  Outcome spend(ThreadContext& t, VTime ns) override;
  YieldAction yield_point(ThreadContext& t, uint64_t = 1) override {
    if (cancelled_.load(std::memory_order_relaxed) || t.is_killed()) return YieldAction::Cancel;
    if (t.holds_gil && !gil_yield(t)) return YieldAction::Cancel;
    return YieldAction::Continue;
  }
  void start_thread(ThreadContext& t) override;
  void cancel() override;
  bool cancelled() const override { return cancelled_.load(std::memory_order_relaxed); }
  void kill(ThreadContext& t) override;

  // Blocks the caller (not a simulated thread) until every started thread is done,
  // or `real_timeout_s` passes (< 0: no limit). Returns true when all are done.
  bool wait_all(double real_timeout_s);
  // Returns once every started thread has left this scheduler (after cancel(), or once
  // all are done); their OS threads go back to the pool.
  void join_all();

  // Drops / re-takes the process's interpreter lock around a blocking region.
  // gil_acquire() returns false when the run is cancelled, holding the lock all the same.
  void gil_release(ThreadContext& t);
  bool gil_acquire(ThreadContext& t);

 private:
  using Clock = std::chrono::steady_clock;
  bool gil_yield(ThreadContext& t);
  void thread_main(ThreadContext* t);
  WaitStatus park(ThreadContext& t, VTime deadline);
  Clock::time_point real_time(VTime v) const;

  double time_scale_;
  Clock::time_point start_;
  std::atomic<bool> cancelled_{false};
  std::mutex threads_mu_;
  std::vector<ThreadContext*> started_;
  std::mutex done_mu_;
  std::condition_variable done_cv_;
  int running_ = 0;  // started threads still inside thread_main
};

}  // namespace interleave::core
