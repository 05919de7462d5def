// Deadlock detection (det) and the wait-for graph (both modes).
#include "helpers.h"

#include <thread>

using namespace itest;

TEST_CASE("Deadlock: opposite lock order is detected with the exact cycle", "[deadlock]") {
  Run run(det(0, StrategyKind::RoundRobin));
  Lock& a = run.create<Lock>("A");
  Lock& b = run.create<Lock>("B");
  spawn(run, {op::acquire(a), op::acquire(b), op::release(b), op::release(a)}, "T1");
  spawn(run, {op::acquire(b), op::acquire(a), op::release(a), op::release(b)}, "T2");
  REQUIRE(run.run() == RunStatus::Deadlock);
  REQUIRE(run.deadlock().has_value());
  const DeadlockReport& r = *run.deadlock();
  REQUIRE(r.cycle.size() == 2);
  CHECK(r.cycle[0].waiter == 1);
  CHECK(r.cycle[0].object == b.id());
  CHECK(r.cycle[0].owner == 2);
  CHECK(r.cycle[1].waiter == 2);
  CHECK(r.cycle[1].object == a.id());
  CHECK(r.cycle[1].owner == 1);
  CHECK(r.blocked == std::vector<ThreadId>{1, 2});
  CHECK(r.description == "T1 waits for B held by T2; T2 waits for A held by T1");
}

TEST_CASE("Deadlock: a thread re-acquiring a plain Lock deadlocks with itself", "[deadlock]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  spawn(run, {op::acquire(a), op::acquire(a)}, "T1");
  REQUIRE(run.run() == RunStatus::Deadlock);
  REQUIRE(run.deadlock()->cycle.size() == 1);
  CHECK(run.deadlock()->cycle[0].waiter == 1);
  CHECK(run.deadlock()->cycle[0].owner == 1);
}

TEST_CASE("Deadlock: waiting on an event nobody sets is reported without a cycle", "[deadlock]") {
  Run run(det());
  Event& e = run.create<Event>("E");
  spawn(run, {op::wait(e)}, "T1");
  REQUIRE(run.run() == RunStatus::Deadlock);
  CHECK(run.deadlock()->cycle.empty());
  CHECK(run.deadlock()->blocked == std::vector<ThreadId>{1});
}

TEST_CASE("Deadlock: a pending timeout is not a deadlock", "[deadlock]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  Lock& b = run.create<Lock>("B");
  ScriptTask* t1 = spawn(run, {op::acquire(a), op::acquire(b, true, 1.0), op::release(a)}, "T1");
  spawn(run, {op::acquire(b), op::acquire(a), op::release(a), op::release(b)}, "T2");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK_FALSE(t1->results()[1].ok);  // T1 backed off after 1 s, so T2 could finish
  CHECK(run.now() == kSecond);
}

TEST_CASE("Deadlock: join cycles appear in the wait-for graph", "[deadlock]") {
  Run run(det());
  spawn(run, {op::join_thread(2)}, "T1");
  spawn(run, {op::join_thread(1)}, "T2");
  REQUIRE(run.run() == RunStatus::Deadlock);
  REQUIRE(run.deadlock()->cycle.size() == 2);
  CHECK(run.deadlock()->cycle[0].object == 0);
}

TEST_CASE("Deadlock: lock ordering never deadlocks across 1,000 seeds", "[deadlock]") {
  int deadlocks = 0, finished = 0;
  for (uint64_t seed = 0; seed < 1000; ++seed) {
    Run run(det(seed, StrategyKind::Random));
    Lock& a = run.create<Lock>("A");
    Lock& b = run.create<Lock>("B");
    for (int i = 0; i < 3; ++i) spawn(run, {op::acquire(a), op::acquire(b), op::release(b), op::release(a)});
    RunStatus s = run.run();
    deadlocks += s == RunStatus::Deadlock;
    finished += s == RunStatus::Finished;
  }
  CHECK(deadlocks == 0);
  CHECK(finished == 1000);
}

TEST_CASE("Deadlock: random seeds find the opposite-order deadlock, and not always", "[deadlock]") {
  int deadlocks = 0;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    Run run(det(seed, StrategyKind::Random));
    Lock& a = run.create<Lock>("A");
    Lock& b = run.create<Lock>("B");
    spawn(run, {op::acquire(a), op::acquire(b), op::release(b), op::release(a)}, "T1");
    spawn(run, {op::acquire(b), op::acquire(a), op::release(a), op::release(b)}, "T2");
    if (run.run() == RunStatus::Deadlock) {
      ++deadlocks;
      CHECK(run.deadlock()->cycle.size() == 2);
    }
  }
  CHECK(deadlocks > 0);
  CHECK(deadlocks < 200);
}

TEST_CASE("Deadlock: free mode wait-for graph shows the cycle while threads hang", "[deadlock][free]") {
  Run run(free_mode());
  Lock& a = run.create<Lock>("A");
  Lock& b = run.create<Lock>("B");
  Barrier& both = run.create<Barrier>(2, "both");
  spawn(run, {op::acquire(a), op::wait(both), op::acquire(b)}, "T1");
  spawn(run, {op::acquire(b), op::wait(both), op::acquire(a)}, "T2");
  std::vector<WaitEdge> cycle;
  for (int i = 0; i < 2000 && cycle.size() != 2; ++i) {  // bounded poll, no timing assertion
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    cycle = run.wait_for_graph().find_cycle();
  }
  REQUIRE(cycle.size() == 2);
  CHECK(cycle[0].waiter == 1);
  CHECK(cycle[0].owner == 2);
  CHECK(cycle[1].owner == 1);
  // ~Run cancels both threads.
}
