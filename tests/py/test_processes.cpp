// Simulated processes (multiprocessing) on real runs, in det and free mode: the process
// lifecycle the report shows (zombies, orphans, exit codes), deadlocks across processes,
// replay, caps, per-process memory and kills. CPython's observable behaviour is covered by
// the conformance corpus (tests/conformance/mp); these check what only the runtime sees.
#include <catch2/catch.hpp>

#include <string>

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

ProgramConfig free_mode() {
  ProgramConfig c;
  c.run.mode = core::Mode::Free;
  c.run.time_scale = 0.05;
  c.free_deadlock_after_s = 0.2;
  return c;
}

const py::ProcessSummary* find(const std::vector<py::ProcessSummary>& ps, const std::string& name) {
  for (const auto& p : ps)
    if (p.name == name) return &p;
  return nullptr;
}

const char* kZombieOrphan = R"(
import multiprocessing as mp, os, time
def grandchild():
    time.sleep(2)
def child():
    mp.Process(target=grandchild, name="grandchild").start()
    time.sleep(0.1)
    os._exit(5)
def quick():
    pass
if __name__ == "__main__":
    z = mp.Process(target=quick, name="zombie")
    z.start()
    c = mp.Process(target=child, name="child")
    c.start()
    time.sleep(1)
    print("zombie exit code", z.exitcode)
    c.join()
    print("child exit code", c.exitcode)
)";

}  // namespace

TEST_CASE("processes: a child not yet joined is a zombie, a grandchild whose parent exited is an orphan", "[processes]") {
  Program p(kZombieOrphan, det());
  while (p.advance(1) == ProgramStatus::Running && p.virtual_time_s() < 0.5) {}
  auto mid = p.processes();
  REQUIRE(find(mid, "zombie"));
  CHECK(find(mid, "zombie")->state == "zombie");
  CHECK(find(mid, "zombie")->exit_code == 0);
  CHECK(find(mid, "child")->state == "zombie");
  CHECK(find(mid, "child")->exit_code == 5);
  const py::ProcessSummary* g = find(mid, "grandchild");
  REQUIRE(g);
  CHECK(g->state == "orphan");
  CHECK(g->ppid == 1);
  CHECK_FALSE(g->exit_code.has_value());
  CHECK(find(mid, "MainProcess")->state == "running");
  CHECK(find(mid, "MainProcess")->start_method.empty());
  CHECK(find(mid, "child")->start_method == "fork");

  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() == "zombie exit code 0\nchild exit code 5\n");
  auto end = p.processes();
  CHECK(find(end, "zombie")->state == "reaped");  // p.exitcode reaped it
  CHECK(find(end, "child")->state == "reaped");   // join reaped it
  CHECK(find(end, "zombie")->ppid == find(end, "MainProcess")->pid);
}

TEST_CASE("processes: a parent joining a child that waits on a queue nobody feeds is a deadlock", "[processes]") {
  const char* src = R"(
import multiprocessing as mp
def wait_forever(q):
    q.get()
if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=wait_forever, args=(q,))
    p.start()
    p.join()
)";
  SECTION("det") {
    Program p(src, det());
    CHECK(p.run_to_end() == ProgramStatus::Deadlock);
    CHECK(p.exit_code() == 3);
  }
  SECTION("free") {
    Program p(src, free_mode());
    CHECK(p.run_to_end() == ProgramStatus::Deadlock);
    CHECK(p.exit_code() == 3);
  }
}

TEST_CASE("processes: a det run with processes replays exactly from its token", "[processes]") {
  const char* src = R"(
import multiprocessing as mp
def work(q, i):
    for k in range(3):
        q.put((i, k))
if __name__ == "__main__":
    q = mp.Queue()
    ps = [mp.Process(target=work, args=(q, i)) for i in range(3)]
    for p in ps:
        p.start()
    print([q.get() for _ in range(9)])
    for p in ps:
        p.join()
)";
  ProgramConfig first = det(11);
  first.run.strategy = core::StrategyKind::Random;
  Program a(src, first);
  REQUIRE(a.run_to_end() == ProgramStatus::Finished);
  ProgramConfig again = det(99);
  again.run.replay = a.schedule_token();
  Program b(src, again);
  REQUIRE(b.run_to_end() == ProgramStatus::Finished);
  CHECK(b.stdout_text() == a.stdout_text());
  CHECK(b.steps() == a.steps());
  CHECK(b.virtual_time_s() == a.virtual_time_s());
}

TEST_CASE("processes: past the run's process cap a start fails with a clear error", "[processes]") {
  const char* src = R"(
import multiprocessing as mp
def nothing():
    pass
if __name__ == "__main__":
    started = 0
    try:
        for i in range(200):
            p = mp.Process(target=nothing)
            p.start()
            p.join()
            started += 1
    except OSError as e:
        print(started, e)
)";
  Program p(src, det());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() ==
        "126 can't start new process: run capacity exceeded: too many processes (a run may start at most 126 besides the main one)\n");
}

TEST_CASE("processes: each process has its own memory limit", "[processes]") {
  const char* src = R"(
import multiprocessing as mp
def hog():
    data = []
    while True:
        data.append("x" * 100000)
if __name__ == "__main__":
    p = mp.Process(target=hog)
    p.start()
    p.join()
    print("child exit", p.exitcode, "parent fine")
)";
  ProgramConfig c = det();
  c.max_memory_bytes = size_t(32) << 20;
  Program p(src, c);
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() == "child exit 1 parent fine\n");
  CHECK(p.stderr_text().find("MemoryError") != std::string::npos);
  CHECK(p.exit_code() == 0);
}

TEST_CASE("processes: terminate() ends a child wherever it is, and its locks stay held", "[processes]") {
  const char* src = R"(
import multiprocessing as mp, time
def hold(lock, ready):
    lock.acquire()
    ready.set()
    while True:
        pass
if __name__ == "__main__":
    lock = mp.Lock()
    ready = mp.Event()
    p = mp.Process(target=hold, args=(lock, ready))
    p.start()
    ready.wait()
    p.terminate()
    p.join()
    print(p.exitcode, lock.acquire(timeout=0.2))
)";
  SECTION("det") {
    Program p(src, det());
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.stdout_text() == "-15 False\n");
  }
  SECTION("free") {
    Program p(src, free_mode());
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.stdout_text() == "-15 False\n");
  }
}

TEST_CASE("processes: CPU-bound processes run in parallel on det's virtual cores, threads share the GIL", "[processes]") {
  const char* src = R"(
import multiprocessing as mp, threading, time
def burn():
    total = 0
    for i in range(20000):
        total += i
if __name__ == "__main__":
    t0 = time.monotonic()
    ts = [threading.Thread(target=burn) for _ in range(4)]
    for t in ts: t.start()
    for t in ts: t.join()
    t1 = time.monotonic()
    ps = [mp.Process(target=burn) for _ in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    t2 = time.monotonic()
    print(round((t1 - t0) / (t2 - t1)))
)";
  ProgramConfig c = det();
  c.fork_cost_s = 0;  // the parallelism alone (a start's cost is a parameter of its own)
  Program p(src, c);
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() == "4\n");  // 4 cores: a quarter of the virtual time
}
