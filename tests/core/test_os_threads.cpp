// OsThreads: parked OS threads run jobs, are reused, are made when none is idle and end
// after their idle timeout; free runs start their threads on the shared pool.
#include "core/os_threads.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "helpers.h"

using namespace itest;
using namespace std::chrono_literals;

namespace {

// Polls `done` for up to five seconds (no timing assertion: a loaded machine is slow).
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 5000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(1ms);
  }
  return done();
}

// A private pool that waits, when destroyed, for its parked threads to time out.
struct TestPool {
  OsThreads pool{50ms};
  ~TestPool() { eventually([&] { return pool.counts().total() == 0; }); }
};

}  // namespace

TEST_CASE("OsThreads: a job runs on a new thread, which parks and runs the next job", "[os_threads]") {
  TestPool p;
  std::atomic<int> ran{0};
  std::thread::id first, second;
  p.pool.run([&] { first = std::this_thread::get_id(); ++ran; });
  REQUIRE(eventually([&] { return ran == 1 && p.pool.counts().idle == 1; }));
  p.pool.run([&] { second = std::this_thread::get_id(); ++ran; });
  REQUIRE(eventually([&] { return ran == 2 && p.pool.counts().idle == 1; }));
  CHECK(first == second);
  CHECK(first != std::this_thread::get_id());
  CHECK(p.pool.counts().total() == 1);
}

TEST_CASE("OsThreads: jobs that wait for each other each get a thread of their own", "[os_threads]") {
  TestPool p;
  constexpr int kJobs = 16;
  std::atomic<int> arrived{0};
  std::atomic<bool> go{false};
  std::mutex ids_mu;
  std::set<std::thread::id> ids;
  for (int i = 0; i < kJobs; ++i)
    p.pool.run([&] {
      {
        std::lock_guard<std::mutex> g(ids_mu);
        ids.insert(std::this_thread::get_id());
      }
      ++arrived;
      while (!go) std::this_thread::sleep_for(1ms);
    });
  // Every job is running at once: none waits behind another in a queue.
  REQUIRE(eventually([&] { return arrived == kJobs; }));
  CHECK(p.pool.counts().busy == kJobs);
  go = true;
  REQUIRE(eventually([&] { return p.pool.counts().idle == kJobs; }));
  CHECK(ids.size() == size_t(kJobs));
}

TEST_CASE("OsThreads: reserve() parks threads ahead of need and jobs take them", "[os_threads]") {
  TestPool p;
  CHECK(p.pool.reserve(4) == 4);
  CHECK(p.pool.reserve(3) == 0);  // already there
  CHECK(p.pool.counts().idle == 4);
  std::atomic<int> running{0};
  std::atomic<bool> go{false};
  for (int i = 0; i < 4; ++i)
    p.pool.run([&] {
      ++running;
      while (!go) std::this_thread::sleep_for(1ms);
    });
  REQUIRE(eventually([&] { return running == 4; }));
  CHECK(p.pool.counts().total() == 4);  // no thread was made for them
  go = true;
}

TEST_CASE("OsThreads: idle threads end after the idle timeout", "[os_threads]") {
  OsThreads pool(20ms);
  pool.reserve(3);
  std::atomic<bool> ran{false};
  pool.run([&] { ran = true; });
  CHECK(eventually([&] { return ran.load(); }));
  CHECK(eventually([&] { return pool.counts().total() == 0; }));
}

TEST_CASE("OsThreads: free runs start their threads on parked OS threads", "[os_threads][free]") {
  // Twenty runs of four threads each, one after another: the threads of each run find the
  // previous run's OS threads parked instead of making new ones.
  std::mutex ids_mu;
  std::set<std::thread::id> ids;
  for (int r = 0; r < 20; ++r) {
    Run run(free_mode());
    for (int i = 0; i < 4; ++i)
      spawn(run, {op::call([&](ThreadContext&) {
              std::lock_guard<std::mutex> g(ids_mu);
              ids.insert(std::this_thread::get_id());
            })});
    REQUIRE(run.run() == RunStatus::Finished);
  }
  CHECK(ids.size() <= 16);  // 80 simulated threads on a handful of OS threads
  // Each OS thread parks again just after its simulated thread is done.
  CHECK(eventually([] { return OsThreads::shared().counts().busy == 0; }));
}
