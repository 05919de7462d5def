// Free-mode cancellation: daemon threads at exit, stop() and the destruction of a
// Program while its threads compute, print, block, sleep, join or start threads. Each
// case checks the run's end state and that it ends (a watchdog aborts a hung case).
// Meant to be run many times under native-asan and native-tsan: every cancelled thread
// unwinds its Python frames, so these are the cases that raced on the VM's state.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "py/runtime/program.h"

using namespace interleave;
using py::Program;
using py::ProgramConfig;
using py::ProgramStatus;

namespace {

// Aborts the test binary when a case does not end within `seconds` (scaled for the
// sanitizers): a hang is a failure, never a stuck test run.
class Watchdog {
 public:
  explicit Watchdog(const char* what, double seconds = 60) : what_(what) {
    auto limit = std::chrono::duration<double>(seconds * INTERLEAVE_TIME_FACTOR);
    thread_ = std::thread([this, limit] {
      std::unique_lock<std::mutex> lk(mu_);
      if (!cv_.wait_for(lk, limit, [this] { return done_; })) {
        std::fprintf(stderr, "watchdog: '%s' did not end\n", what_);
        std::abort();
      }
    });
  }
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> g(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  const char* what_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

ProgramConfig free_mode() {
  ProgramConfig c;
  c.run.mode = core::Mode::Free;
  c.run.time_scale = 1.0;
  c.free_deadlock_after_s = 1e9;  // these programs stop because they are told to
  return c;
}

// Every thread the program started has ended.
void check_all_threads_done(const Program& p) {
  for (const py::ThreadSummary& t : p.threads()) {
    INFO("thread " << t.name);
    CHECK(t.state == "done");
  }
}

// Runs the program for about `seconds` of real time (it must still be running then).
void run_for(Program& p, double seconds) { REQUIRE(p.advance(UINT64_MAX, seconds) == ProgramStatus::Running); }

// Advances until the program has started `n` threads (the main one included), then
// for about `then_s` seconds more.
void run_until_started(Program& p, size_t n, double then_s) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30 * INTERLEAVE_TIME_FACTOR);
  while (p.live_threads().size() < n) {
    REQUIRE(std::chrono::steady_clock::now() < give_up);
    REQUIRE(p.advance(UINT64_MAX, 0.002) == ProgramStatus::Running);
  }
  run_for(p, then_s);
}

// Advances until `n` threads (the main one included) wait in a blocking call or a sleep.
void run_until_waiting(Program& p, size_t n) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30 * INTERLEAVE_TIME_FACTOR);
  for (;;) {
    size_t waiting = 0;
    std::string states;
    for (const py::LiveThread& t : p.live_threads()) {
      if (t.state == "blocked" || t.state == "sleeping") ++waiting;
      states += t.name + ": " + t.state + "\n";
    }
    if (waiting == n) return;
    INFO(states);
    REQUIRE(std::chrono::steady_clock::now() < give_up);
    REQUIRE(p.advance(UINT64_MAX, 0.005) == ProgramStatus::Running);
  }
}

void check_stopped(const Program& p) {
  CHECK(p.status() == ProgramStatus::Cancelled);
  CHECK(p.exit_code() == 130);
  CHECK(p.stderr_text() == "interleave: stopped\n");  // cancelled threads print no traceback
  check_all_threads_done(p);
}

// Eight endless threads computing and printing while the main thread ends.
std::string printing_threads(bool daemon) {
  return std::string(R"(
import threading
def work(n):
    i = 0
    while True:
        i += 1
        if i % 50 == 0:
            print("worker", n, i)
for n in range(8):
    threading.Thread(target=work, args=(n,), daemon=)") +
         (daemon ? "True" : "False") + R"().start()
print(f"main done {sum(range(20000))}")
)";
}

// 16 producers, 16 daemon consumers, a bounded joinable queue, no sleeps. `items` per
// producer; the consumers are still blocked in q.get() when the program ends.
std::string producer_consumer(int items) {
  return R"(
import queue, threading
q = queue.Queue(3)
taken = []
stats = threading.Lock()
def producer(p):
    for k in range()" + std::to_string(items) + R"():
        q.put((p, k))
def consumer():
    while True:
        item = q.get()
        with stats:
            taken.append(item)
        q.task_done()
cons = [threading.Thread(target=consumer, daemon=True) for _ in range(16)]
prods = [threading.Thread(target=producer, args=(p,)) for p in range(16)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
q.join()
print("consumed", len(taken), "distinct", len(set(taken)))
)";
}

// Nine threads waiting on every kind of primitive (or a join), one sleeping, the main
// thread joining them: 11 waiting threads in all.
const char* kEveryWait = R"(
import queue, threading, time
lock = threading.Lock()
lock.acquire()
rlock = threading.RLock()
rlock.acquire()
cond = threading.Condition()
event = threading.Event()
sem = threading.Semaphore(0)
barrier = threading.Barrier(5)
q = queue.Queue()
full = queue.Queue(1)
full.put(0)
def wait_cond():
    with cond:
        cond.wait()
sleeper = threading.Thread(target=time.sleep, args=(1e6,))
sleeper.start()
targets = [lock.acquire, rlock.acquire, wait_cond, event.wait, sem.acquire, barrier.wait, q.get,
           lambda: full.put(1), sleeper.join]
threads = [threading.Thread(target=f) for f in targets]
for t in threads:
    t.start()
for t in threads:
    t.join()
)";

// Threads that start threads as fast as they can (past the thread cap they go on
// trying), while the main thread computes or ends.
std::string spawners(bool daemon, const char* main_does) {
  return std::string(R"(
import threading
def leaf():
    sum(range(100))
def spawner():
    while True:
        try:
            threading.Thread(target=leaf, daemon=)") +
         (daemon ? "True" : "False") + R"().start()
        except RuntimeError:
            pass
for _ in range(4):
    threading.Thread(target=spawner, daemon=)" +
         (daemon ? "True" : "False") + R"().start()
)" + main_does + "\n";
}

}  // namespace

TEST_CASE("cancel: daemon threads computing and printing stop when the program ends", "[cancel][free]") {
  Watchdog w("daemons printing at exit");
  Program p(printing_threads(true), free_mode());
  // The clocks are read while the main thread ends (the page's driver does so): they
  // never go back.
  double vtime = 0, wall = 0;
  while (p.advance(UINT64_MAX, 0.001) == ProgramStatus::Running) {
    CHECK(p.virtual_time_s() >= vtime);
    CHECK(p.wall_time_s() >= wall);
    vtime = p.virtual_time_s();
    wall = p.wall_time_s();
  }
  REQUIRE(p.status() == ProgramStatus::Finished);
  CHECK(p.exit_code() == 0);
  CHECK(p.stderr_text().empty());
  // Daemon output may interleave with it (as in CPython), but it is printed once, whole.
  const std::string& out = p.stdout_text();
  auto at = out.find("main done 199990000");
  CHECK(at != std::string::npos);
  CHECK(out.find("main done", at + 1) == std::string::npos);
  check_all_threads_done(p);
  CHECK(p.threads().size() == 9);
}

TEST_CASE("cancel: daemon consumers blocked on a queue stop when the program ends", "[cancel][free]") {
  Watchdog w("daemon consumers at exit");
  Program p(producer_consumer(100), free_mode());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.exit_code() == 0);
  CHECK(p.stdout_text() == "consumed 1600 distinct 1600\n");
  CHECK(p.stderr_text().empty());
  check_all_threads_done(p);
  CHECK(p.threads().size() == 33);
}

TEST_CASE("cancel: stop() during a producer-consumer run with 32 threads", "[cancel][free]") {
  Watchdog w("stop producer-consumer");
  Program p(producer_consumer(1'000'000), free_mode());
  run_until_started(p, 33, 0.03);
  p.stop();
  check_stopped(p);
  CHECK(p.stdout_text().empty());
  CHECK(p.threads().size() == 33);
}

TEST_CASE("cancel: stop() while threads wait on locks, conditions, queues, a barrier, sleep and join",
          "[cancel][free]") {
  Watchdog w("stop every wait");
  Program p(kEveryWait, free_mode());
  run_until_waiting(p, 11);
  p.stop();
  check_stopped(p);
  CHECK(p.threads().size() == 11);
}

TEST_CASE("cancel: stop() while the main thread waits for non-daemon threads at exit", "[cancel][free]") {
  Watchdog w("stop during shutdown");
  const char* src = R"(
import threading
lock = threading.Lock()
lock.acquire()
for _ in range(4):
    threading.Thread(target=lock.acquire).start()
print("main body done")
)";
  Program p(src, free_mode());
  run_until_waiting(p, 5);
  p.stop();
  CHECK(p.stdout_text() == "main body done\n");
  check_stopped(p);
}

TEST_CASE("cancel: stop() ends a thread looping forever inside a callback from a builtin", "[cancel][free]") {
  Watchdog w("stop nested loops");
  // list.index calls __eq__ and print calls __str__ in nested loops, which never reach
  // the yield hook (nor hand the GIL over: the main thread waits for it meanwhile).
  for (const char* call : {"[Endless()].index(0)", "print(Endless())"}) {
    INFO(call);
    const std::string src = std::string(R"(
import threading
class Endless:
    def __eq__(self, other):
        while True:
            pass
    def __str__(self):
        while True:
            pass
threading.Thread(target=lambda: )") + call + R"().start()
while True:
    pass
)";
    Program p(src, free_mode());
    run_until_started(p, 2, 0.03);
    p.stop();
    check_stopped(p);
    CHECK(p.threads().size() == 2);
  }
}

TEST_CASE("cancel: threads started while the run stops", "[cancel][free]") {
  Watchdog w("spawners");
  SECTION("stop() while four threads start threads") {
    ProgramConfig cfg = free_mode();
    cfg.run.max_threads = 400;
    Program p(spawners(false, "while True:\n    pass"), cfg);
    run_until_started(p, 8, 0.03);
    p.stop();
    check_stopped(p);
    CHECK(p.threads().size() >= 8);
  }
  SECTION("the program ends while daemon threads start daemon threads") {
    ProgramConfig cfg = free_mode();
    cfg.run.max_threads = 400;
    Program p(spawners(true, "print(sum(range(30000)))"), cfg);
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.exit_code() == 0);
    CHECK(p.stdout_text() == "449985000\n");
    CHECK(p.stderr_text().empty());
    check_all_threads_done(p);
  }
}

TEST_CASE("cancel: a Program destroyed mid-run stops its threads and writes nothing afterwards", "[cancel][free]") {
  Watchdog w("destroy mid-run");
  struct Seen {
    std::atomic<int> writes{0};
  };
  const std::string programs[] = {printing_threads(false), producer_consumer(1'000'000), kEveryWait,
                                  spawners(false, "while True:\n    pass")};
  for (const std::string& src : programs) {
    for (double after_s : {0.0, 0.002, 0.03}) {
      INFO("after " << after_s << " s:" << src);
      auto seen = std::make_shared<Seen>();
      {
        auto p = std::make_unique<Program>(src, free_mode());
        p->on_output = [seen](std::string_view, py::Stream, core::ThreadId) { ++seen->writes; };
        CHECK(p->advance(UINT64_MAX, after_s) != ProgramStatus::Cancelled);
        p.reset();
      }
      const int at_destruction = seen->writes.load();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      CHECK(seen->writes.load() == at_destruction);
    }
  }
}
