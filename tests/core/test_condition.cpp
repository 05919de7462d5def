// Condition and Event.
#include "helpers.h"

using namespace itest;

TEST_CASE("Condition: wait releases the lock, notify wakes one, wait re-acquires", "[condition]") {
  Run run(det());
  Lock& l = run.create<Lock>("L");
  Condition& c = run.create<Condition>(l, "C");
  std::vector<std::string> log;
  ScriptTask* w = spawn(run, {op::acquire(l), mark(&log, "w waits"), op::wait(c), mark(&log, "w woke"), op::release(l)},
                        "waiter");
  spawn(run, {op::sleep(1), op::acquire(l), mark(&log, "n notifies"), op::notify(c), mark(&log, "n still holds"),
              op::release(l)},
        "notifier");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(log == std::vector<std::string>{"w waits", "n notifies", "n still holds", "w woke"});
  CHECK(w->results()[2].ok);  // notified
  CHECK_FALSE(l.locked());
}

TEST_CASE("Condition: wait timeout returns False at the exact virtual time, lock re-held", "[condition]") {
  Run run(det());
  RLock& r = run.create<RLock>("R");
  Condition& c = run.create<Condition>(r, "C");
  VTime at = -1;
  int64_t depth = -1;
  ScriptTask* w = spawn(run, {op::acquire(r), op::acquire(r), op::wait(c, 2.5), record_time(&at),
                              op::call([&](ThreadContext&) { depth = r.count(); }), op::release(r), op::release(r)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK_FALSE(w->results()[2].ok);
  CHECK(at == 5 * kSecond / 2);
  CHECK(depth == 2);  // the RLock's depth was restored
}

TEST_CASE("Condition: notify(n) and notify_all wake the right number", "[condition]") {
  Run run(det());
  Lock& l = run.create<Lock>("L");
  Condition& c = run.create<Condition>(l, "C");
  int woke = 0;
  for (int i = 0; i < 4; ++i)
    spawn(run, {op::acquire(l), op::wait(c, 10.0), op::call([&](ThreadContext&) { ++woke; }), op::release(l)});
  int64_t n2 = -1, nall = -1;
  spawn(run, {op::sleep(1), op::acquire(l), op::call([&](ThreadContext& t) { n2 = c.notify(t, 2).value; }),
              op::release(l), op::sleep(1), op::acquire(l),
              op::call([&](ThreadContext& t) { nall = c.notify_all(t).value; }), op::release(l)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(n2 == 2);
  CHECK(nall == 2);
  CHECK(woke == 4);
  CHECK(run.now() == 2 * kSecond);
}

TEST_CASE("Condition: wait and notify without the lock are RuntimeErrors", "[condition]") {
  Run run(det());
  Lock& l = run.create<Lock>("L");
  Condition& c = run.create<Condition>(l, "C");
  ScriptTask* t = spawn(run, {op::wait(c), op::notify(c)});
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(std::string(t->results()[0].message) == "cannot wait on un-acquired lock");
  CHECK(std::string(t->results()[1].message) == "cannot notify on un-acquired lock");
}

TEST_CASE("Event: wait blocks until set; timeout returns the flag", "[event]") {
  Run run(det());
  Event& e = run.create<Event>("E");
  VTime woke = -1;
  ScriptTask* a = spawn(run, {op::wait(e), record_time(&woke)}, "A");
  ScriptTask* b = spawn(run, {op::wait(e, 0.5), op::sleep(1), op::set(e), op::wait(e, 0.5), op::clear(e),
                              op::wait(e, 0.25)},
                        "B");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(a->results()[0].ok);
  CHECK(woke == 1500 * 1000 * 1000);
  CHECK_FALSE(b->results()[0].ok);
  CHECK(b->results()[3].ok);
  CHECK_FALSE(b->results()[5].ok);
  CHECK(run.now() == 1750 * 1000 * 1000);
}

TEST_CASE("Condition: free mode producer/consumer hand-off loses nothing", "[condition][free]") {
  std::atomic<int64_t> produced{0}, consumed{0};
  {
    Run run(free_mode());
    Lock& l = run.create<Lock>("L");
    Condition& c = run.create<Condition>(l, "C");
    std::atomic<int64_t> items{0};
    std::vector<ScriptOp> producer = op::repeat(
        300, {op::acquire(l), op::call([&](ThreadContext&) { ++items; ++produced; }), op::notify(c), op::release(l)});
    // Consumers: wait_for(items > 0) written as the interpreter would, with a
    // bounded wait so a missed notify would show up as a count mismatch, not a hang.
    auto take = [&](ThreadContext& t) -> Outcome {
      for (;;) {
        if (items.load() > 0) {
          --items;
          ++consumed;
          return Outcome::done();
        }
        Outcome o = c.wait(t, 1.0);
        if (!o.is_done()) return o;
      }
    };
    std::vector<ScriptOp> consumer;
    for (int i = 0; i < 300; ++i) {
      consumer.push_back(op::acquire(l));
      consumer.push_back([take](ThreadContext& t, ScriptTask&) { return take(t); });
      consumer.push_back(op::release(l));
    }
    spawn(run, consumer, "consumer");
    spawn(run, producer, "producer");
    REQUIRE(run.run() == RunStatus::Finished);
  }
  CHECK(produced.load() == 300);
  CHECK(consumed.load() == 300);
}

TEST_CASE("Event: free mode set wakes every waiter", "[event][free]") {
  std::atomic<int> woke{0};
  {
    Run run(free_mode());
    Event& e = run.create<Event>("E");
    for (int i = 0; i < 4; ++i) spawn(run, {op::wait(e), op::call([&](ThreadContext&) { ++woke; })});
    spawn(run, {op::sleep(0.01), op::set(e)});
    REQUIRE(run.run() == RunStatus::Finished);
  }
  CHECK(woke.load() == 4);
}
