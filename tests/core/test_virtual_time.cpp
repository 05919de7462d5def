// Virtual time, virtual cores and the GIL in det mode; spend() and sleep().
#include <set>

#include "helpers.h"

using namespace itest;

namespace {
// `tasks` CPU-bound workers doing `work` seconds each in 10 ms slices (one slice per
// yield point), each in its own process or all in the main process.
VTime run_workers(int tasks, int cores, double work, bool processes, bool gil) {
  RunConfig cfg = det(1, StrategyKind::Random);
  cfg.cores = cores;
  cfg.instruction_cost = kSecond / 100;
  Run run(cfg);
  int slices = static_cast<int>(work * 100);
  ProcessId shared = 1;
  if (!processes) shared = static_cast<ProcessId>(run.spawn_process(1, "workers", false, gil).value);
  for (int i = 0; i < tasks; ++i) {
    ProcessId pid = processes ? static_cast<ProcessId>(run.spawn_process(1, "p", false, gil).value) : shared;
    spawn(run, op::repeat(slices, {op::call([](ThreadContext&) {})}), "w", pid);
  }
  REQUIRE(run.run() == RunStatus::Finished);
  return run.now();
}
}  // namespace

TEST_CASE("Virtual cores: time == max(work / tasks * work / cores)", "[vtime]") {
  struct Case { int tasks, cores; };
  for (Case c : {Case{1, 1}, Case{4, 1}, Case{4, 2}, Case{4, 4}, Case{3, 2}, Case{2, 8}, Case{16, 4}}) {
    INFO("tasks=" << c.tasks << " cores=" << c.cores);
    double work = 1.0;
    double expected = std::max(work, c.tasks * work / c.cores);
    VTime got = run_workers(c.tasks, c.cores, work, true, true);
    CHECK(std::abs(static_cast<double>(got) / kSecond - expected) <= 0.0100001);  // within one slice
  }
}

TEST_CASE("Virtual cores: the GIL serialises threads of one process", "[vtime][gil]") {
  CHECK(run_workers(4, 4, 1.0, false, true) == 4 * kSecond);   // threads + GIL: no speed-up
  CHECK(run_workers(4, 4, 1.0, false, false) == 1 * kSecond);  // threads, GIL off: parallel
  CHECK(run_workers(4, 4, 1.0, true, true) == 1 * kSecond);    // processes: parallel
}

TEST_CASE("spend() and sleep(): CPU work needs a core / sleeping does not", "[vtime]") {
  RunConfig cfg = det();
  cfg.cores = 1;
  Run run(cfg);
  VTime a_done = -1, b_done = -1, s_done = -1;
  // A and B compete for the one core only (their process has no GIL, which would also
  // keep a sibling from running the op after its burst); S sleeps meanwhile.
  auto workers = static_cast<ProcessId>(run.spawn_process(1, "workers", false, false).value);
  spawn(run, {op::cpu(3 * kSecond), record_time(&a_done)}, "A", workers);
  spawn(run, {op::cpu(2 * kSecond), record_time(&b_done)}, "B", workers);
  spawn(run, {op::sleep(4.0), record_time(&s_done)}, "S");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(a_done == 3 * kSecond);  // round-robin: A got the core first
  CHECK(b_done == 5 * kSecond);  // B waited for it
  CHECK(s_done == 4 * kSecond);  // sleeping overlaps with computing
}

TEST_CASE("sleep(): negative is a ValueError / time jumps when all wait", "[vtime]") {
  Run run(det());
  ScriptTask* t = spawn(run, {op::sleep(-1), op::sleep(1e6)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(t->results()[0].error == ErrorKind::ValueError);
  CHECK(run.now() == static_cast<VTime>(1e6) * kSecond);
}

TEST_CASE("Virtual cores: with a GIL and costly bytecode the strategy still picks who runs", "[vtime][gil]") {
  // Two threads of one GIL process race on a counter, every step costing CPU. Siblings
  // wait for the lock during a burst, then both compete again: seeds give different
  // interleavings (not a forced alternation), and time is the sum of all bursts.
  std::set<std::string> schedules;
  std::set<int64_t> finals;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    RunConfig cfg = det(seed, StrategyKind::Random);
    cfg.cores = 4;
    cfg.instruction_cost = 1000;
    Run run(cfg);
    std::atomic<int64_t> counter{0};
    for (int i = 0; i < 2; ++i) spawn(run, op::repeat(50, {op::read(counter), op::write(counter, 1)}), "T");
    REQUIRE(run.run() == RunStatus::Finished);
    CHECK(run.now() == 2 * 100 * 1000);  // 200 steps of 1 us, one at a time
    schedules.insert(run.schedule_token());
    finals.insert(counter.load());
  }
  CHECK(schedules.size() > 10);
  CHECK(finals.size() > 1);
}
