// Lock and RLock: exact det interleavings, errors, virtual-time timeouts, free stress.
#include "helpers.h"

#include <thread>

using namespace itest;

TEST_CASE("Lock: uncontended acquire and release complete at once", "[lock]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  ScriptTask* t = spawn(run, {op::acquire(a), op::release(a)});
  REQUIRE(run.run() == RunStatus::Finished);
  REQUIRE(t->results().size() == 2);
  CHECK(t->results()[0].ok);
  CHECK(t->results()[1].ok);
  CHECK_FALSE(a.locked());
}

TEST_CASE("Lock: a second thread blocks until the holder releases (round-robin)", "[lock]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  std::vector<std::string> log;
  spawn(run, {op::acquire(a), mark(&log, "T1 in"), mark(&log, "T1 out"), op::release(a)}, "T1");
  spawn(run, {op::acquire(a), mark(&log, "T2 in"), op::release(a)}, "T2");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(log == std::vector<std::string>{"T1 in", "T1 out", "T2 in"});
}

TEST_CASE("Lock: acquire timeout expires exactly in virtual time", "[lock]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  VTime gave_up = -1;
  spawn(run, {op::acquire(a), op::sleep(5.0), op::release(a)}, "holder");
  ScriptTask* w = spawn(run, {op::acquire(a, true, 2.0), record_time(&gave_up)}, "waiter");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK_FALSE(w->results()[0].ok);
  CHECK(gave_up == 2 * kSecond);
  CHECK(run.now() == 5 * kSecond);
}

TEST_CASE("Lock: a timed acquire succeeds when released before the deadline", "[lock]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  VTime got = -1;
  spawn(run, {op::acquire(a), op::sleep(1.5), op::release(a)}, "holder");
  ScriptTask* w = spawn(run, {op::acquire(a, true, 2.0), record_time(&got), op::release(a)}, "waiter");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(w->results()[0].ok);
  CHECK(got == 1500 * 1000 * 1000);
}

TEST_CASE("Lock: errors use CPython's messages", "[lock]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  ScriptTask* t = spawn(run, {op::release(a), op::acquire(a, true, -0.5), op::acquire(a, false, 1.0),
                              op::acquire(a), op::acquire(a, false)});
  REQUIRE(run.run() == RunStatus::Finished);
  const auto& r = t->results();
  REQUIRE(r.size() == 5);
  CHECK(r[0].error == ErrorKind::RuntimeError);
  CHECK(std::string(r[0].message) == "release unlocked lock");
  CHECK(r[1].error == ErrorKind::ValueError);
  CHECK(std::string(r[1].message) == "timeout value must be a non-negative number");
  CHECK(r[2].error == ErrorKind::ValueError);
  CHECK(r[3].ok);
  CHECK(r[4].is_done());
  CHECK_FALSE(r[4].ok);  // non-blocking on a held lock
}

TEST_CASE("Lock: may be released by another thread (Python semantics)", "[lock]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  spawn(run, {op::acquire(a)}, "T1");
  ScriptTask* t2 = spawn(run, {op::sleep(1.0), op::release(a)}, "T2");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(t2->results()[1].ok);
  CHECK_FALSE(a.locked());
}

TEST_CASE("RLock: re-entrant for the owner, counted, owner-only release", "[rlock]") {
  Run run(det());
  RLock& r = run.create<RLock>("R");
  std::vector<int64_t> counts;
  auto count = op::call([&](ThreadContext&) { counts.push_back(r.count()); });
  ScriptTask* t1 = spawn(run, {op::acquire(r), count, op::acquire(r), count, op::acquire(r), count, op::sleep(1),
                               op::release(r), count, op::release(r), count, op::release(r), count, op::release(r)},
                         "T1");
  ScriptTask* t2 = spawn(run, {op::release(r), op::sleep(2), op::acquire(r), op::release(r)}, "T2");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(counts == std::vector<int64_t>{1, 2, 3, 2, 1, 0});
  CHECK(t1->results().back().error == ErrorKind::RuntimeError);
  CHECK(std::string(t1->results().back().message) == "cannot release un-acquired lock");
  CHECK(t2->results()[0].error == ErrorKind::RuntimeError);
  CHECK(t2->results()[2].ok);
  CHECK(r.owner() == 0);
}

TEST_CASE("RLock: a contender gets it only after the last release", "[rlock]") {
  Run run(det());
  RLock& r = run.create<RLock>("R");
  VTime got = -1;
  spawn(run, {op::acquire(r), op::acquire(r), op::sleep(1), op::release(r), op::sleep(1), op::release(r)}, "T1");
  spawn(run, {op::acquire(r), record_time(&got), op::release(r)}, "T2");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(got == 2 * kSecond);
}

TEST_CASE("Lock: free mode, real threads keep a counter exact", "[lock][free]") {
  std::atomic<int64_t> counter{0};
  {
    Run run(free_mode());
    Lock& a = run.create<Lock>("A");
    for (int i = 0; i < 4; ++i)
      spawn(run, op::repeat(2000, {op::acquire(a), op::read(counter), op::write(counter, 1), op::release(a)}));
    REQUIRE(run.run() == RunStatus::Finished);
  }
  CHECK(counter.load() == 8000);
}

TEST_CASE("Lock: free mode timed acquire gives up; another thread releases", "[lock][free]") {
  Run run(free_mode());
  Lock& a = run.create<Lock>("A");
  Event& held = run.create<Event>("held");
  Event& done = run.create<Event>("done");
  spawn(run, {op::acquire(a), op::set(held), op::wait(done), op::release(a)}, "holder");
  ScriptTask* w = spawn(run, {op::wait(held), op::acquire(a, true, 0.02), op::set(done), op::acquire(a, true, 5.0)},
                        "waiter");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK_FALSE(w->results()[1].ok);
  CHECK(w->results()[3].ok);
}

TEST_CASE("RLock: free mode stress with nesting", "[rlock][free]") {
  std::atomic<int64_t> counter{0};
  {
    Run run(free_mode());
    RLock& r = run.create<RLock>("R");
    for (int i = 0; i < 4; ++i)
      spawn(run, op::repeat(1000, {op::acquire(r), op::acquire(r), op::read(counter), op::write(counter, 1),
                                   op::release(r), op::release(r)}));
    REQUIRE(run.run() == RunStatus::Finished);
  }
  CHECK(counter.load() == 4000);
}

TEST_CASE("Lock: a retried acquire keeps its first deadline (det)", "[lock]") {
  // The holder releases and re-takes the lock in one step at t=1: the waiter is
  // woken, retries, finds it held and parks again. Its timeout must still end at
  // t=2 (the first attempt's deadline), not t=1+2.
  Run run(det());
  Lock& a = run.create<Lock>("A");
  VTime gave_up = -1;
  ScriptOp release_and_retake = [&a](ThreadContext& t, ScriptTask&) {
    a.release(t);
    return a.acquire(t);
  };
  spawn(run, {op::acquire(a), op::sleep(1), release_and_retake, op::sleep(5), op::release(a)}, "holder");
  ScriptTask* w = spawn(run, {op::acquire(a, true, 2.0), record_time(&gave_up)}, "waiter");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK_FALSE(w->results()[0].ok);
  CHECK(gave_up == 2 * kSecond);
}

TEST_CASE("Free mode: sleeps are real, scaled by time_scale", "[free][vtime]") {
  Run run(free_mode(0.001));  // 1 ms real per virtual second
  VTime woke = -1;
  spawn(run, {op::sleep(20.0), record_time(&woke)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(woke >= 20 * kSecond);
}
