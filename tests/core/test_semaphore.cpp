// Semaphore and BoundedSemaphore.
#include "helpers.h"

using namespace itest;

TEST_CASE("Semaphore: at most `permits` threads inside; time is ceil(n/p) * hold", "[semaphore]") {
  for (int permits : {1, 2, 3}) {
    Run run(det(7, StrategyKind::Random));
    Semaphore& s = run.create<Semaphore>(permits, false, "S");
    int inside = 0, peak = 0;
    auto enter = op::call([&](ThreadContext&) { peak = std::max(peak, ++inside); });
    auto leave = op::call([&](ThreadContext&) { --inside; });
    for (int i = 0; i < 5; ++i) spawn(run, {op::acquire(s), enter, op::sleep(1.0), leave, op::release(s)});
    REQUIRE(run.run() == RunStatus::Finished);
    CHECK(peak == permits);
    CHECK(run.now() == ((5 + permits - 1) / permits) * kSecond);
    CHECK(s.value() == permits);
  }
}

TEST_CASE("Semaphore: non-blocking and timed acquire", "[semaphore]") {
  Run run(det());
  Semaphore& s = run.create<Semaphore>(1, false, "S");
  VTime t_fail = -1;
  ScriptTask* t = spawn(run, {op::acquire(s), op::acquire(s, false), op::acquire(s, true, 0.5), record_time(&t_fail),
                              op::release(s), op::release(s), op::release(s, 2)});
  REQUIRE(run.run() == RunStatus::Finished);
  const auto& r = t->results();
  CHECK(r[0].ok);
  CHECK_FALSE(r[1].ok);
  CHECK_FALSE(r[2].ok);
  CHECK(t_fail == kSecond / 2);
  CHECK(r[4].ok);
  CHECK(r[5].ok);  // plain Semaphore: may go above its initial value
  CHECK(s.value() == 4);
}

TEST_CASE("BoundedSemaphore: releasing too many times is a ValueError", "[semaphore]") {
  Run run(det());
  Semaphore& s = run.create<Semaphore>(1, true, "B");
  ScriptTask* t = spawn(run, {op::acquire(s), op::release(s), op::release(s)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(t->results()[2].error == ErrorKind::ValueError);
  CHECK(std::string(t->results()[2].message) == "Semaphore released too many times");
  CHECK(s.value() == 1);
}

TEST_CASE("Semaphore: bad arguments", "[semaphore]") {
  CHECK(Semaphore::validate(-1).error == ErrorKind::ValueError);
  CHECK(std::string(Semaphore::validate(-1).message) == "semaphore initial value must be >= 0");
  Run run(det());
  Semaphore& s = run.create<Semaphore>(0, false, "S");
  ScriptTask* t = spawn(run, {op::acquire(s, true, -1.0), op::acquire(s, false, 1.0), op::release(s, 0)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(t->results()[0].error == ErrorKind::ValueError);
  CHECK(t->results()[1].error == ErrorKind::ValueError);
  CHECK(t->results()[2].error == ErrorKind::ValueError);
}

TEST_CASE("Semaphore: holders appear in the wait-for graph", "[semaphore][deadlock]") {
  Run run(det());
  Semaphore& s = run.create<Semaphore>(1, false, "S");
  Lock& a = run.create<Lock>("A");
  spawn(run, {op::acquire(s), op::sleep(1), op::acquire(a)}, "T1");
  spawn(run, {op::acquire(a), op::acquire(s)}, "T2");
  REQUIRE(run.run() == RunStatus::Deadlock);
  REQUIRE(run.deadlock()->cycle.size() == 2);
  CHECK(run.deadlock()->cycle[0].object == a.id());
  CHECK(run.deadlock()->cycle[1].object == s.id());
}

TEST_CASE("Semaphore: free mode stress never exceeds the permits", "[semaphore][free]") {
  std::atomic<int> inside{0}, peak{0};
  {
    Run run(free_mode());
    Semaphore& s = run.create<Semaphore>(2, true, "S");
    auto enter = op::call([&](ThreadContext&) {
      int now = ++inside;
      int p = peak.load();
      while (now > p && !peak.compare_exchange_weak(p, now)) {
      }
    });
    auto leave = op::call([&](ThreadContext&) { --inside; });
    for (int i = 0; i < 4; ++i) spawn(run, op::repeat(500, {op::acquire(s), enter, leave, op::release(s)}));
    REQUIRE(run.run() == RunStatus::Finished);
    CHECK(s.value() == 2);
  }
  CHECK(peak.load() <= 2);
  CHECK(peak.load() >= 1);
}
