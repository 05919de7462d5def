// The runtime: Python programs on real runs (det and free), as the CLI and the page run
// them - races, locks, deadlocks, virtual time, pools, exceptions, step mode, replay,
// daemon threads, cancellation and the run's caps.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "core/det_scheduler.h"
#include "py/runtime/program.h"

using namespace interleave;
using py::Program;
using py::ProgramConfig;
using py::ProgramStatus;

namespace {

ProgramConfig det(uint64_t seed = 1) {
  ProgramConfig c;
  c.run.mode = core::Mode::Det;
  c.run.seed = seed;
  c.run.cores = 4;
  return c;
}

ProgramConfig free_mode(double time_scale = 0.01) {
  ProgramConfig c;
  c.run.mode = core::Mode::Free;
  c.run.time_scale = time_scale;
  c.free_deadlock_after_s = 0.2;
  return c;
}

const char* kRace = R"(
import threading
num = 0
iterations = 10000
use_lock = False
lock = threading.Lock()
def work():
    global num
    for _ in range(iterations):
        if use_lock:
            with lock:
                num += 1
        else:
            num += 1
threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(num)
)";

std::string with(std::string src, const std::string& from, const std::string& to) {
  auto at = src.find(from);
  REQUIRE(at != std::string::npos);
  return src.replace(at, from.size(), to);
}

int64_t final_count(Program& p) { return std::stoll(p.stdout_text()); }

const char* kTwoLocks = R"(
import threading, time
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        time.sleep(0.1)
        with b:
            pass
def two():
    with b:
        time.sleep(0.1)
        with a:
            pass
t1 = threading.Thread(target=one, name="T1")
t2 = threading.Thread(target=two, name="T2")
t1.start(); t2.start(); t1.join(); t2.join()
print("done")
)";

}  // namespace

TEST_CASE("runtime: det race on num += 1 loses updates for the default seed and nearly every seed", "[runtime][race]") {
  int losing = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    Program p(kRace, det(seed));
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    REQUIRE(p.exit_code() == 0);
    int64_t n = final_count(p);
    CHECK(n <= 20000);
    if (n < 20000) ++losing;
    if (seed == 1) CHECK(n < 20000);
  }
  CHECK(losing >= 38);
}

TEST_CASE("runtime: with a Lock the race never loses an update (det seeds, free mode)", "[runtime][race]") {
  std::string src = with(kRace, "use_lock = False", "use_lock = True");
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    Program p(src, det(seed));
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(final_count(p) == 20000);
  }
  for (int i = 0; i < 3; ++i) {
    Program p(src, free_mode());
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(final_count(p) == 20000);
  }
}

TEST_CASE("runtime: a det run is reproducible and replays from its schedule token", "[runtime][replay]") {
  Program a(kRace, det(7));
  a.run_to_end();
  Program b(kRace, det(7));
  b.run_to_end();
  CHECK(a.stdout_text() == b.stdout_text());
  CHECK(a.run().trace().to_text() == b.run().trace().to_text());
  ProgramConfig rc = det(12345);
  rc.run.strategy = core::StrategyKind::Replay;
  rc.run.replay = a.schedule_token();
  Program r(kRace, rc);
  r.run_to_end();
  CHECK(r.stdout_text() == a.stdout_text());
  CHECK(r.run().trace().to_text() == a.run().trace().to_text());
}

TEST_CASE("runtime: two locks in opposite orders deadlock in det with the cycle named", "[runtime][deadlock]") {
  Program p(kTwoLocks, det());
  REQUIRE(p.run_to_end() == ProgramStatus::Deadlock);
  CHECK(p.exit_code() == 3);
  auto names = p.deadlock_cycle_names();
  REQUIRE(names.size() == 4);
  CHECK(std::set<std::string>(names.begin(), names.end()) == std::set<std::string>{"T1", "T2", "a", "b"});
  CHECK(p.stderr_text().find("deadlock: T1 waits for b held by T2; T2 waits for a held by T1") != std::string::npos);
  CHECK(p.stdout_text().empty());
}

TEST_CASE("runtime: taking the locks in one order never deadlocks", "[runtime][deadlock]") {
  std::string src = with(kTwoLocks, "    with b:\n        time.sleep(0.1)\n        with a:",
                         "    with a:\n        time.sleep(0.1)\n        with b:");
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    Program p(src, det(seed));
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.stdout_text() == "done\n");
  }
}

// A plain Lock has no owner: any thread may release it. Waiting for one that another thread
// will release (after a sleep) is no deadlock; CPython 3.11 printed these outputs.
TEST_CASE("runtime: free mode reports no deadlock for a Lock another thread releases", "[runtime][deadlock][free]") {
  const char* released_by_helper = R"(
import threading, time
lock = threading.Lock()
lock.acquire()
def releaser():
    time.sleep(0.6)
    print("releasing from", threading.current_thread().name)
    lock.release()
threading.Thread(target=releaser, name="helper").start()
lock.acquire()
print("main got the lock")
)";
  const char* baton_ring = R"(
import threading, time
N = 4
locks = [threading.Lock() for _ in range(N)]
for l in locks:
    l.acquire()
order = []
def runner(i):
    locks[i].acquire()
    order.append(i)
    time.sleep(0.3)
    locks[(i + 1) % N].release()
threads = [threading.Thread(target=runner, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
time.sleep(0.3)
locks[0].release()
for t in threads:
    t.join()
print("baton order", order)
)";
  const std::pair<const char*, const char*> cases[] = {
      {released_by_helper, "releasing from helper\nmain got the lock\n"},
      {baton_ring, "baton order [0, 1, 2, 3]\n"},
  };
  for (const auto& [code, expected] : cases) {
    ProgramConfig cfg = free_mode(1.0);  // real sleeps, longer than the detector's 0.2 s
    Program p(code, cfg);
    CHECK(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.exit_code() == 0);
    CHECK(p.stdout_text() == expected);
    CHECK(p.stderr_text() == "");
  }
}

TEST_CASE("runtime: free mode reports a deadlock and ends the run", "[runtime][deadlock][free]") {
  auto t0 = std::chrono::steady_clock::now();
  Program p(kTwoLocks, free_mode(1.0));
  REQUIRE(p.run_to_end() == ProgramStatus::Deadlock);
  CHECK(p.exit_code() == 3);
  CHECK(p.deadlock_cycle_names().size() == 4);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5 * INTERLEAVE_TIME_FACTOR));
}

TEST_CASE("runtime: virtual time equals CPython's for sleeps under a semaphore and a pool", "[runtime][time]") {
  const char* sem = R"(
import threading, time
sem = threading.Semaphore(3)
def hold():
    with sem:
        time.sleep(1)
start = time.perf_counter()
ts = [threading.Thread(target=hold) for _ in range(10)]
for t in ts: t.start()
for t in ts: t.join()
print(round(time.perf_counter() - start, 1))
)";
  Program p(sem, det());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() == "4.0\n");
  CHECK(std::abs(p.virtual_time_s() - 4.0) < 0.01);

  const char* pool = R"(
from concurrent.futures import ThreadPoolExecutor, as_completed
import time
def nap(s):
    time.sleep(s)
    return s
start = time.time()
with ThreadPoolExecutor(2) as ex:
    order = [f.result() for f in as_completed([ex.submit(nap, s) for s in (5, 1, 3, 2)])]
print(order, round(time.time() - start, 1))
)";
  Program q(pool, det());
  REQUIRE(q.run_to_end() == ProgramStatus::Finished);
  CHECK(q.stdout_text() == "[1, 3, 5, 2] 6.0\n");
}

TEST_CASE("runtime: an exception in a thread is printed as CPython does and the program goes on", "[runtime]") {
  const char* src = R"(
import threading
def boom():
    raise ValueError("bad input")
t = threading.Thread(target=boom, name="risky")
t.start()
t.join()
print("main continues", t.is_alive())
)";
  for (auto cfg : {det(), free_mode()}) {
    Program p(src, cfg);
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.exit_code() == 0);
    CHECK(p.stdout_text() == "main continues False\n");
    CHECK(p.stderr_text().rfind("Exception in thread risky:\nTraceback (most recent call last):\n", 0) == 0);
    CHECK(p.stderr_text().find("ValueError: bad input\n") != std::string::npos);
  }
}

TEST_CASE("runtime: the main thread waits for non-daemon threads; daemon threads stop with it", "[runtime]") {
  const char* src = R"(
import threading, time
def worker(s):
    time.sleep(s)
    print("worker", s, "done")
threading.Thread(target=worker, args=(2,)).start()
threading.Thread(target=worker, args=(30,), daemon=True).start()
time.sleep(1)
print("main done")
)";
  for (auto cfg : {det(), free_mode(0.1)}) {
    Program p(src, cfg);
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.stdout_text() == "main done\nworker 2 done\n");
    CHECK(std::abs(p.virtual_time_s() - 2.0) < (cfg.run.mode == core::Mode::Det ? 0.01 : 0.5));
  }
}

TEST_CASE("runtime: an uncaught exception in the main thread exits 1 after the other threads", "[runtime]") {
  const char* src = R"(
import threading, time
threading.Thread(target=lambda: (time.sleep(1), print("late"))).start()
print(1 / 0)
)";
  Program p(src, det());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.exit_code() == 1);
  CHECK(p.stdout_text() == "late\n");
  CHECK(p.stderr_text().find("ZeroDivisionError: division by zero") != std::string::npos);
}

TEST_CASE("runtime: step mode pauses at every choice; a step is exactly one yield point", "[runtime][step]") {
  ProgramConfig cfg = det();
  cfg.run.strategy = core::StrategyKind::Ask;
  Program p(kRace, cfg);
  ProgramStatus s = p.advance();
  while (s == ProgramStatus::Running) s = p.advance();
  REQUIRE(s == ProgramStatus::AwaitingChoice);
  REQUIRE(p.runnable_threads().size() >= 2);
  const uint64_t before = p.steps();
  core::ThreadId second = p.runnable_threads()[1];
  for (int i = 0; i < 10; ++i) {
    p.step(second);
    REQUIRE(p.steps() == before + uint64_t(i) + 1);
  }
  // Every step went to the chosen thread whenever it could run.
  p.stop();
  CHECK(p.advance() == ProgramStatus::Cancelled);
}

TEST_CASE("runtime: stop() ends a free-mode program promptly, even asleep or in an endless loop", "[runtime][free]") {
  for (const char* src : {"import time\ntime.sleep(1e6)\n",
                          "import threading\nwhile True:\n    pass\n",
                          "import threading\ne = threading.Event()\nthreading.Thread(target=e.wait).start()\ne.wait()\n"}) {
    ProgramConfig cfg = free_mode(1.0);
    cfg.free_deadlock_after_s = 1e9;
    Program p(src, cfg);
    CHECK(p.advance(UINT64_MAX, 0.1) == ProgramStatus::Running);
    auto t0 = std::chrono::steady_clock::now();
    p.stop();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(500 * INTERLEAVE_TIME_FACTOR));
    CHECK(p.status() == ProgramStatus::Cancelled);
  }
}

TEST_CASE("runtime: the run's thread cap is a RuntimeError, not a crash", "[runtime][caps]") {
  const char* src = R"(
import threading, time
started = 0
try:
    for _ in range(1000):
        threading.Thread(target=time.sleep, args=(1,)).start()
        started += 1
except RuntimeError as e:
    print(started, e)
)";
  ProgramConfig cfg = det();
  cfg.run.max_threads = 50;
  Program p(src, cfg);
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() == "49 can't start new thread: run capacity exceeded: too many threads\n");
}

TEST_CASE("runtime: an instruction budget stops a runaway program with a message", "[runtime][caps]") {
  ProgramConfig cfg = det();
  cfg.max_instructions = 100000;
  Program p("while True:\n    pass\n", cfg);
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.exit_code() == 1);
  CHECK(p.stderr_text().find("instruction budget exhausted (100000 instructions)") != std::string::npos);
}

TEST_CASE("runtime: CPython switch points never split num += 1; any-bytecode points do", "[runtime][race]") {
  ProgramConfig cfg = det();
  cfg.switch_points = py::SwitchPoints::CPython;
  cfg.run.switch_interval = 0.0005;
  Program p(kRace, cfg);
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(final_count(p) == 20000);
  CHECK(p.context_switches() > 4);  // the threads did take turns
}

TEST_CASE("runtime: a CPU-bound loop on thread_time takes virtual CPU; the GIL serialises threads", "[runtime][time]") {
  const char* src = R"(
import threading, time
def crunch():
    end = time.thread_time() + 0.5
    while time.thread_time() < end:
        pass
ts = [threading.Thread(target=crunch) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
)";
  ProgramConfig cfg = det();
  cfg.switch_points = py::SwitchPoints::CPython;
  cfg.instruction_ns = 1000;
  Program gil(src, cfg);
  REQUIRE(gil.run_to_end() == ProgramStatus::Finished);
  CHECK(std::abs(gil.virtual_time_s() - 2.0) < 0.02);  // 4 x 0.5 s, one at a time
  cfg.gil = false;
  Program nogil(src, cfg);
  REQUIRE(nogil.run_to_end() == ProgramStatus::Finished);
  CHECK(std::abs(nogil.virtual_time_s() - 0.5) < 0.02);  // 4 cores in parallel
}

TEST_CASE("runtime: watched globals are traced live and reported as JSON results", "[runtime]") {
  ProgramConfig cfg = det();
  cfg.watched = {"total"};
  Program p("import interleave\ntotal = 0\nfor i in range(5):\n    total += i\ninterleave.report('pair', (1, 'a'))\n", cfg);
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.result_json("total") == "10");
  CHECK(p.result_json("pair") == "{\"$tuple\": [1, \"a\"]}");
  int watches = 0;
  for (const core::TraceEvent& e : p.run().trace().collect()) watches += e.kind == core::EventKind::Watch;
  CHECK(watches == 6);
}

TEST_CASE("runtime: det counts GIL hand-overs, one per switch interval at most; none without a GIL", "[runtime][gil]") {
  // Two CPU-bound threads, 0.1 s of virtual CPU each, a 5 ms switch interval.
  const char* src = R"(
import threading, time
def spin():
    end = time.thread_time() + 0.1
    while time.thread_time() < end:
        pass
ts = [threading.Thread(target=spin) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
)";
  ProgramConfig cfg = det();
  cfg.switch_points = py::SwitchPoints::CPython;
  cfg.run.switch_interval = 0.005;
  cfg.run.instruction_cost = 1000;
  SECTION("with the GIL: the threads take turns, each keeping it for an interval") {
    Program p(src, cfg);
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.virtual_time_s() >= 0.2);                   // serialised
    CHECK(p.gil_switches() >= 3);                      // main, then both workers at least
    CHECK(p.gil_switches() <= 0.2 / 0.005 + 6);        // never more than once an interval
  }
  SECTION("without: they compute side by side and the count stays 0") {
    cfg.gil = false;
    Program p(src, cfg);
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.virtual_time_s() < 0.15);
    CHECK(p.gil_switches() == 0);
  }
}
