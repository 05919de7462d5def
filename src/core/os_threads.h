// core/os_threads.h - OS threads kept parked between free-mode threads and between runs.
//
// Starting an OS thread is cheap natively (tens of microseconds) but not in the page: under
// Emscripten every pthread_create made off the browser's main thread is proxied to it, so a
// Python thread's start waits for the page's next event-loop turn (a frame, tens of ms),
// and a thread with no idle Web Worker waits for one to load (~50 ms). A parked thread is
// handed its job with one condition-variable notify instead.
//
//   OsThreads& pool = OsThreads::shared();
//   pool.reserve(8);                  // have 8 parked threads ready (page: free mode chosen)
//   pool.run([&] { thread_main(); }); // on a parked thread, or a new one when none is idle
//
// A parked thread that has no job for `idle_timeout` ends (so the page's Web Workers go back
// and can be trimmed); the pool itself lives until the process ends and is never destroyed.
// Jobs must not throw. The pool knows nothing of runs: a caller that must know when its jobs
// are over counts them itself (FreeScheduler::join_all).
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace interleave::core {

class OsThreads {
 public:
  struct Counts {
    int idle = 0;   // parked, waiting for a job
    int busy = 0;   // running a job
    int total() const { return idle + busy; }
  };

  // The process's pool, made on first use and never destroyed (parked threads may still
  // wait on it while static destructors run).
  static OsThreads& shared();

  explicit OsThreads(std::chrono::milliseconds idle_timeout = std::chrono::seconds(5));
  OsThreads(const OsThreads&) = delete;
  OsThreads& operator=(const OsThreads&) = delete;
  // Only for pools that own no parked threads any more (tests wait for them to time out).
  ~OsThreads() = default;

  // Runs `job` on an idle parked thread, or on a new OS thread when none is idle. Throws
  // std::system_error, as std::thread does, when a new thread cannot be made (nothing runs).
  void run(std::function<void()> job);

  // Makes sure at least `n` threads are idle, starting new ones as needed; they park at once.
  // Returns how many threads it started.
  int reserve(int n);

  Counts counts() const;

 private:
  void park_loop();
  void start_thread();  // with mu_ held

  const std::chrono::milliseconds idle_timeout_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_;
  std::deque<std::function<void()>> jobs_;  // handed out in order, one per parked thread
  int idle_ = 0;
  int busy_ = 0;
};

}  // namespace interleave::core
