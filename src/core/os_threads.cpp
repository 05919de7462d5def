// core/os_threads.cpp
#include "core/os_threads.h"

#include <thread>

#include "core/memory.h"

namespace interleave::core {

OsThreads& OsThreads::shared() {
  static OsThreads* pool = new OsThreads();  // never destroyed: see the header
  return *pool;
}

OsThreads::OsThreads(std::chrono::milliseconds idle_timeout) : idle_timeout_(idle_timeout) {}

void OsThreads::run(std::function<void()> job) {
  MemoryScope uncounted(nullptr);  // the pool outlives the run whose thread asks
  std::lock_guard<std::mutex> g(mu_);
  jobs_.push_back(std::move(job));
  // Each queued job is promised to one idle thread; a job without one gets a new thread.
  if (int(jobs_.size()) > idle_) {
    try {
      start_thread();
    } catch (...) {
      jobs_.pop_back();
      throw;
    }
  }
  work_cv_.notify_one();
}

int OsThreads::reserve(int n) {
  MemoryScope uncounted(nullptr);
  std::lock_guard<std::mutex> g(mu_);
  int started = 0;
  while (idle_ - int(jobs_.size()) < n) {
    start_thread();
    ++started;
  }
  return started;
}

OsThreads::Counts OsThreads::counts() const {
  std::lock_guard<std::mutex> g(mu_);
  return Counts{idle_, busy_};
}

void OsThreads::start_thread() {
  std::thread(&OsThreads::park_loop, this).detach();
  ++idle_;  // counted at once, so that the next run() or reserve() sees it coming
}

void OsThreads::park_loop() {
  std::unique_lock<std::mutex> lk(mu_);
  for (;;) {
    if (!work_cv_.wait_for(lk, idle_timeout_, [&] { return !jobs_.empty(); })) {
      --idle_;
      return;
    }
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    --idle_;
    ++busy_;
    lk.unlock();
    job();
    job = nullptr;  // whatever the job holds goes before the thread is counted idle again
    lk.lock();
    --busy_;
    ++idle_;
  }
}

}  // namespace interleave::core
