// The free-mode interpreter lock (GIL): hand-over on request, release around waits.
#include "helpers.h"

#include "core/free_scheduler.h"
#include "core/interpreter_lock.h"

using namespace itest;

TEST_CASE("GIL: CPU-bound threads of one process take turns (drop requests)", "[gil][free]") {
  RunConfig cfg = free_mode();
  cfg.switch_interval = 0.001;
  Run run(cfg);
  ProcessId pid = static_cast<ProcessId>(run.spawn_process(1, "py", false, true).value);
  std::atomic<int> inside{0}, overlap{0};
  auto body = [&](ThreadContext& t, ScriptTask&) -> Outcome {
    // 40 ms of "bytecode" with a yield point per chunk; the GIL must be held inside.
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(40);
    while (std::chrono::steady_clock::now() < end) {
      if (++inside > 1) ++overlap;
      --inside;
      if (t.sched->yield_point(t) == YieldAction::Cancel) return Outcome::cancelled();
    }
    return Outcome::done();
  };
  spawn(run, {body}, "A", pid);
  spawn(run, {body}, "B", pid);
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(overlap.load() == 0);                          // never two at once
  CHECK(run.process(pid)->lock->switches() >= 3);      // handed over, not run to completion
}

TEST_CASE("GIL: a sleeping thread releases it so others run", "[gil][free]") {
  Run run(free_mode());
  ProcessId pid = static_cast<ProcessId>(run.spawn_process(1, "py", false, true).value);
  Event& started = run.create<Event>("started");
  std::mutex m;
  std::vector<std::string> log;
  auto mark_safe = [&](std::string s) {
    return op::call([&, s](ThreadContext&) {
      std::lock_guard<std::mutex> g(m);
      log.push_back(s);
    });
  };
  spawn(run, {op::set(started), op::sleep(0.2), mark_safe("sleeper woke")}, "sleeper", pid);
  spawn(run, {op::wait(started), mark_safe("other ran")}, "other", pid);
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(log == std::vector<std::string>{"other ran", "sleeper woke"});
}

TEST_CASE("GIL: separate processes run at the same time", "[gil][free]") {
  Run run(free_mode());
  std::atomic<int> inside{0}, peak{0};
  Barrier& b = run.create<Barrier>(2, "b");
  auto body = op::call([&](ThreadContext&) {
    int n = ++inside;
    int p = peak.load();
    while (n > p && !peak.compare_exchange_weak(p, n)) {
    }
  });
  for (int i = 0; i < 2; ++i) {
    ProcessId pid = static_cast<ProcessId>(run.spawn_process(1, "p", false, true).value);
    // Both inside at once, then the barrier: impossible if one lock covered both.
    spawn(run, {body, op::wait(b), op::call([&](ThreadContext&) { --inside; })}, "t", pid);
  }
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(peak.load() == 2);
}
