// Barrier.
#include "helpers.h"

using namespace itest;

TEST_CASE("Barrier: everyone passes together with distinct indices", "[barrier]") {
  Run run(det(3, StrategyKind::Random));
  Barrier& b = run.create<Barrier>(3, "B");
  std::vector<VTime> passed(3, -1);
  std::vector<ScriptTask*> tasks;
  for (int i = 0; i < 3; ++i)
    tasks.push_back(spawn(run, {op::sleep(i + 1.0), op::wait(b), record_time(&passed[i]), op::wait(b)}));
  REQUIRE(run.run() == RunStatus::Finished);
  std::vector<int64_t> idx;
  for (auto* t : tasks) idx.push_back(t->results()[1].value);
  std::sort(idx.begin(), idx.end());
  CHECK(idx == std::vector<int64_t>{0, 1, 2});
  CHECK(tasks[0]->results()[1].value == 0);  // first to arrive (t=1)
  CHECK(tasks[2]->results()[1].value == 2);  // last to arrive releases
  for (VTime t : passed) CHECK(t == 3 * kSecond);
  CHECK(b.n_waiting() == 0);
  CHECK_FALSE(b.broken());
}

TEST_CASE("Barrier: a timeout breaks it for everyone (BrokenBarrierError)", "[barrier]") {
  Run run(det());
  Barrier& b = run.create<Barrier>(3, "B");
  ScriptTask* t1 = spawn(run, {op::wait(b, 1.0)});
  ScriptTask* t2 = spawn(run, {op::wait(b)});
  ScriptTask* t3 = spawn(run, {op::sleep(2), op::wait(b)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(t1->results()[0].error == ErrorKind::BrokenBarrier);
  CHECK(t2->results()[0].error == ErrorKind::BrokenBarrier);
  CHECK(t3->results()[1].error == ErrorKind::BrokenBarrier);
  CHECK(b.broken());
  CHECK(run.now() == 2 * kSecond);
}

TEST_CASE("Barrier: abort breaks waiters; reset makes it usable again", "[barrier]") {
  Run run(det());
  Barrier& b = run.create<Barrier>(2, "B");
  ScriptTask* w = spawn(run, {op::wait(b), op::sleep(2), op::wait(b)});
  ScriptTask* c = spawn(run, {op::sleep(1), op::call([&](ThreadContext& t) { b.abort(t); }),
                              op::call([&](ThreadContext& t) { b.reset(t); }), op::sleep(2), op::wait(b)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(w->results()[0].error == ErrorKind::BrokenBarrier);
  CHECK(w->results()[2].ok);
  CHECK(c->results()[4].ok);
  CHECK(Barrier::validate(0).error == ErrorKind::ValueError);
}

TEST_CASE("Barrier: free mode phases stay in lock-step", "[barrier][free]") {
  std::atomic<int> arrived{0};
  std::atomic<int> bad{0};
  {
    Run run(free_mode());
    Barrier& b = run.create<Barrier>(3, "B");
    for (int i = 0; i < 3; ++i) {
      std::vector<ScriptOp> ops;
      for (int phase = 0; phase < 50; ++phase) {
        ops.push_back(op::call([&arrived](ThreadContext&) { ++arrived; }));
        ops.push_back(op::wait(b));
        // After phase p's barrier every thread has arrived p+1 times.
        ops.push_back(op::call([&, phase](ThreadContext&) {
          if (arrived.load() < 3 * (phase + 1)) ++bad;
        }));
        ops.push_back(op::wait(b));
      }
      spawn(run, ops);
    }
    REQUIRE(run.run() == RunStatus::Finished);
  }
  CHECK(arrived.load() == 150);
  CHECK(bad.load() == 0);
}
