// Run: processes, threads, caps, join, cancellation and destruction.
#include "helpers.h"

#include <chrono>
#include <functional>
#include <thread>

using namespace itest;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

TEST_CASE("Run: caps on threads and processes fail with a message", "[run][caps]") {
  RunConfig cfg = det();
  cfg.max_threads = 3;
  cfg.max_processes = 2;
  Run run(cfg);
  for (int i = 0; i < 3; ++i) spawn(run, {op::sleep(1)});
  Outcome t = run.spawn_thread(1, std::make_unique<ScriptTask>(std::vector<ScriptOp>{}), "extra");
  CHECK(t.error == ErrorKind::CapacityError);
  CHECK(std::string(t.message) == "run capacity exceeded: too many threads");
  CHECK(run.spawn_process(1, "child").is_done());
  Outcome p = run.spawn_process(1, "another");
  CHECK(p.error == ErrorKind::CapacityError);
  CHECK(std::string(p.message) == "run capacity exceeded: too many processes");
  CHECK(run.spawn_thread(9, std::make_unique<ScriptTask>(std::vector<ScriptOp>{}), "x").error == ErrorKind::ValueError);
  CHECK(run.run() == RunStatus::Finished);
}

TEST_CASE("Run: trace cap drops events with a message / never crashes", "[run][caps][trace]") {
  RunConfig cfg = det();
  cfg.max_trace_events_per_thread = 100;
  Run run(cfg);
  Lock& a = run.create<Lock>("A");
  spawn(run, op::repeat(200, {op::acquire(a), op::release(a)}));
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(run.trace().overflowed());
  CHECK(run.trace().collect().size() == 100);
  CHECK(run.trace().dropped() > 0);
  CHECK(run.trace().overflow_message().find("trace capacity exceeded") == 0);
}

TEST_CASE("Run: processes have pids / ppids / exit codes / zombies / orphans adopted", "[run]") {
  Run run(det());
  ProcessId parent = static_cast<ProcessId>(run.spawn_process(1, "parent").value);
  ProcessId child = static_cast<ProcessId>(run.spawn_process(parent, "child", true).value);
  CHECK(parent == 2);
  CHECK(child == 3);
  CHECK(run.process(child)->ppid == parent);
  CHECK(run.process(child)->daemon);
  spawn(run, {op::sleep(1)}, "p-main", parent);
  spawn(run, {op::sleep(2), op::call([&](ThreadContext& t) { run.set_exit_code(t.process->pid, 3); })}, "c-main",
        child);
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(run.process(parent)->state == ProcessState::Zombie);
  CHECK(run.process(child)->state == ProcessState::Reaped);  // an orphan: init (pid 1) reaped it
  CHECK(run.process(child)->orphan);
  CHECK_FALSE(run.process(parent)->orphan);
  CHECK(run.process(child)->exit_code == 3);
  CHECK(run.process(child)->ppid == 1);  // its parent exited first
}

TEST_CASE("Run: join_thread waits / times out / and refuses self-joins", "[run]") {
  Run run(det());
  VTime joined = -1;
  spawn(run, {op::sleep(3)}, "worker");
  ScriptTask* m = spawn(run, {op::join_thread(1, 1.0), op::join_thread(1), record_time(&joined), op::join_thread(2)},
                        "main");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK_FALSE(m->results()[0].ok);
  CHECK(m->results()[1].ok);
  CHECK(joined == 3 * kSecond);
  CHECK(std::string(m->results()[3].message) == "cannot join current thread");
}

TEST_CASE("Run: destroying a det run mid-deadlock frees everything", "[run][cancel]") {
  auto run = std::make_unique<Run>(det());
  Lock& a = run->create<Lock>("A");
  Lock& b = run->create<Lock>("B");
  spawn(*run, {op::acquire(a), op::acquire(b)});
  spawn(*run, {op::acquire(b), op::acquire(a)});
  REQUIRE(run->run() == RunStatus::Deadlock);
  run.reset();  // ASan checks nothing leaks
  SUCCEED();
}

TEST_CASE("Run: destroying a free run mid-deadlock and mid-sleep returns within 100 ms", "[run][cancel][free]") {
  auto run = std::make_unique<Run>(free_mode());
  Lock& a = run->create<Lock>("A");
  Lock& b = run->create<Lock>("B");
  Queue& q = run->create<Queue>();
  Event& ready = run->create<Event>("ready");
  Barrier& both = run->create<Barrier>(2, "both");
  ProcessId gil_proc = static_cast<ProcessId>(run->spawn_process(1, "gil", false, true).value);
  spawn(*run, {op::acquire(a), op::wait(both), op::acquire(b)}, "T1");
  spawn(*run, {op::acquire(b), op::wait(both), op::acquire(a)}, "T2");
  spawn(*run, {op::sleep(1000.0)}, "sleeper");
  spawn(*run, {op::get(q)}, "getter");
  spawn(*run, {op::set(ready), op::cpu(1000 * kSecond)}, "spinner", gil_proc);
  spawn(*run, {op::wait(ready), op::cpu(1000 * kSecond)}, "gil-waiter", gil_proc);
  // Wait (bounded, no timing assertion) until the deadlock has formed.
  for (int i = 0; i < 2000 && run->wait_for_graph().find_cycle().size() != 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(run->wait_for_graph().find_cycle().size() == 2);
  auto t0 = Clock::now();
  run.reset();
  CHECK(ms_since(t0) < 100.0 * INTERLEAVE_TIME_FACTOR);
}

TEST_CASE("Run: cancel() makes blocked operations return Cancelled", "[run][cancel][free]") {
  Run run(free_mode());
  Event& e = run.create<Event>("never");
  Outcome seen;
  std::atomic<bool> started{false};
  spawn(run, {op::call([&](ThreadContext&) { started = true; }),
              [&](ThreadContext& t, ScriptTask&) { return seen = e.wait(t); }});
  while (!started) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  run.cancel();
  CHECK(run.run() == RunStatus::Cancelled);
  CHECK(seen.is_cancelled());
}

TEST_CASE("Run: threads spawning threads while the run is destroyed leave nothing behind", "[run][cancel][free]") {
  auto run = std::make_unique<Run>(free_mode());
  Run* r = run.get();
  std::atomic<int> spawned{0};
  // Each thread spawns another, then sleeps: a chain that is still growing when
  // the run is destroyed.
  std::function<ScriptOp()> spawner = [&]() -> ScriptOp {
    return op::call([&, r](ThreadContext& t) {
      Outcome o = r->spawn_thread(t.process->pid,
                                  std::make_unique<ScriptTask>(std::vector<ScriptOp>{spawner(), op::sleep(100)}), "c");
      if (o.is_done()) ++spawned;
    });
  };
  spawn(*run, {spawner(), op::sleep(100)});
  while (spawned.load() < 20) std::this_thread::yield();
  run.reset();
  CHECK(spawned.load() >= 20);
}

TEST_CASE("Run: join_process waits for every thread of the child and reaps it", "[run]") {
  Run run(det());
  ProcessId child = static_cast<ProcessId>(run.spawn_process(1, "child").value);
  spawn(run, {op::sleep(1)}, "c1", child);
  spawn(run, {op::sleep(2), op::call([&](ThreadContext& t) { run.set_exit_code(t.process->pid, 7); })}, "c2", child);
  Outcome early, joined;
  VTime at = -1;
  spawn(run, {[&](ThreadContext& t, ScriptTask&) { return early = run.join_process(t, child, 0.5); },
              [&](ThreadContext& t, ScriptTask&) { return joined = run.join_process(t, child); }, record_time(&at)},
        "parent");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK_FALSE(early.ok);
  CHECK(joined.ok);
  CHECK(joined.value == 7);
  CHECK(at == 2 * kSecond);
  CHECK(run.process(child)->state == ProcessState::Reaped);
}
