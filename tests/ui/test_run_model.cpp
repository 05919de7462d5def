// The run model against real runs: states, spans, lock owners and waiters, the
// deadlock cycle, incremental drains and out-of-order batches.
#include <algorithm>
#include <random>

#include "core/queue.h"
#include "ui/run_model.h"
#include "ui_harness.h"

using namespace uitest;
using interleave::ui::LaneState;
using interleave::ui::ObjectKind;
using interleave::ui::RunModel;

namespace {
// Spans of a lane are sorted, contiguous and never empty except the open last one.
void check_spans(const interleave::ui::Lane& l) {
  for (size_t i = 0; i + 1 < l.states.size(); ++i) {
    CHECK(l.states[i].start < l.states[i].end);
    CHECK(l.states[i].end == l.states[i + 1].start);
  }
  for (size_t i = 0; i + 1 < l.holds.size(); ++i) CHECK(l.holds[i].start <= l.holds[i + 1].start);
}
}  // namespace

TEST_CASE("model: a two-lock deadlock shows blocked lanes, owners, waiters and the cycle", "[ui][model]") {
  TwoLockDeadlock d;
  RunModel m(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  size_t n = m.drain();
  CHECK(n == m.event_count());
  CHECK(n > 0);
  REQUIRE(m.lanes().size() == 2);
  const auto* t1 = m.lane(1);
  const auto* t2 = m.lane(2);
  REQUIRE(t1);
  REQUIRE(t2);
  CHECK(t1->name == "Thread-1");
  CHECK(t1->state == LaneState::Blocked);
  CHECK(t1->blocked_on == d.b.id());
  CHECK(t2->blocked_on == d.a.id());
  const auto* a = m.object(d.a.id());
  REQUIRE(a);
  CHECK(a->kind == ObjectKind::Lock);
  CHECK(a->name == "lock_a");
  CHECK(a->owner == 1);
  CHECK(a->waiters == std::vector<ThreadId>{2});
  CHECK(m.object(d.b.id())->owner == 2);
  CHECK(m.deadlocked());
  // Each thread holds one lock from its acquire to now; the hold is still open.
  REQUIRE(t1->holds.size() == 1);
  CHECK(t1->holds[0].object == d.a.id());
  CHECK(t1->holds[0].end == interleave::ui::kOpenEnd);
  check_spans(*t1);
  check_spans(*t2);
  // Virtual time advanced by the CPU work, so the axis has a width.
  CHECK(m.now() >= 2 * kMs);

  auto g = m.wait_graph();
  REQUIRE(g.cycle.size() == d.run.deadlock()->cycle.size());
  for (size_t i = 0; i < g.cycle.size(); ++i) {
    CHECK(g.cycle[i].waiter == d.run.deadlock()->cycle[i].waiter);
    CHECK(g.cycle[i].object == d.run.deadlock()->cycle[i].object);
    CHECK(g.cycle[i].owner == d.run.deadlock()->cycle[i].owner);
  }
  CHECK(g.description == "Thread-1 waits for lock_b held by Thread-2, which waits for lock_a held by Thread-1");
}

TEST_CASE("model: a finished race has done lanes, printed lines and closed holds", "[ui][model]") {
  Race r(7, 3, 4);
  RunModel m(r.run);
  REQUIRE(r.run.run() == RunStatus::Finished);
  m.drain();
  REQUIRE(m.lanes().size() == 3);
  for (const auto& l : m.lanes()) {
    CHECK(l.state == LaneState::Done);
    CHECK(l.lines.size() == 4);
    CHECK(l.lines.front() == "wrote");
    // Zero-length spans are folded away: a thread that computes at once starts Running.
    CHECK((l.states.front().state == LaneState::Runnable || l.states.front().state == LaneState::Running));
    CHECK(l.states.back().state == LaneState::Done);
    bool ran = std::any_of(l.states.begin(), l.states.end(), [](auto& s) { return s.state == LaneState::Running; });
    CHECK(ran);
    check_spans(l);
  }
  CHECK_FALSE(m.deadlocked());
  CHECK(m.wait_graph().edges.empty());
}

TEST_CASE("model: draining every few steps equals draining once", "[ui][model]") {
  Race once(11), stepped(11);
  RunModel a(once.run), b(stepped.run);
  REQUIRE(once.run.run() == RunStatus::Finished);
  a.drain();
  int drains = 0;
  RunStatus s;
  while ((s = stepped.run.run(3)) == RunStatus::StepLimit) {
    b.drain();
    ++drains;
  }
  REQUIRE(s == RunStatus::Finished);
  b.drain();
  CHECK(drains > 2);
  REQUIRE(a.lanes().size() == b.lanes().size());
  CHECK(a.event_count() == b.event_count());
  for (size_t i = 0; i < a.lanes().size(); ++i) {
    const auto& x = a.lanes()[i];
    const auto& y = b.lanes()[i];
    CHECK(x.lines == y.lines);
    REQUIRE(x.states.size() == y.states.size());
    for (size_t k = 0; k < x.states.size(); ++k) {
      CHECK(x.states[k].start == y.states[k].start);
      CHECK(x.states[k].state == y.states[k].state);
    }
  }
}

TEST_CASE("model: a shuffled batch is applied in sequence order", "[ui][model]") {
  TwoLockDeadlock d;
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  std::vector<TraceEvent> events = d.run.trace().collect();
  RunModel ordered(Mode::Det), shuffled(Mode::Det);
  std::vector<TraceEvent> copy = events;
  ordered.ingest(copy);
  std::mt19937 rng(5);
  std::shuffle(events.begin(), events.end(), rng);
  shuffled.ingest(events);
  for (ThreadId t : {1u, 2u}) {
    CHECK(shuffled.lane(t)->state == ordered.lane(t)->state);
    CHECK(shuffled.lane(t)->blocked_on == ordered.lane(t)->blocked_on);
    CHECK(shuffled.lane(t)->states.size() == ordered.lane(t)->states.size());
  }
  CHECK(shuffled.object(d.a.id())->owner == 1);
  // Without a run, objects are named generically and typed from their events.
  CHECK(shuffled.object(d.a.id())->kind == ObjectKind::Lock);
  CHECK(shuffled.wait_graph().cycle.size() == 2);
}

TEST_CASE("model: semaphore, RLock, event, queue and condition state", "[ui][model]") {
  Run run(det(0));
  Semaphore& sem = run.create<Semaphore>(2, false, "slots");
  RLock& rl = run.create<RLock>("rlock");
  Event& ev = run.create<Event>("ready");
  Queue& q = run.create<Queue>(Queue::Order::Fifo, 5, Queue::Less{}, "jobs");
  Lock& cl = run.create<Lock>("cv_lock");
  Condition& cv = run.create<Condition>(cl, "cv");
  RunModel m(run);
  m.drain();  // objects are known before any event
  CHECK(m.object(sem.id())->value == 2);
  CHECK(m.object(q.id())->maxsize == 5);
  CHECK(m.object(cv.id())->kind == ObjectKind::Condition);
  CHECK(m.lanes().empty());

  spawn(run, {op::acquire(sem), op::acquire(rl), op::acquire(rl), op::set(ev), op::put(q, 10), op::put(q, 11),
              op::get(q), op::task_done(q), op::acquire(cl), op::wait(cv)},
        "worker");
  REQUIRE(run.run() == RunStatus::Deadlock);  // it waits on the condition forever
  m.drain();
  CHECK(m.object(sem.id())->value == 1);
  CHECK(m.object(sem.id())->holders == std::vector<ThreadId>{1});
  CHECK(m.object(rl.id())->owner == 1);
  CHECK(m.object(rl.id())->count == 2);
  CHECK(m.object(ev.id())->value == 1);
  CHECK(m.object(q.id())->value == 1);
  CHECK(m.object(q.id())->unfinished == 1);
  CHECK(m.object(cv.id())->waiters == std::vector<ThreadId>{1});
  CHECK(m.object(cl.id())->owner == 0);  // wait() released it
  CHECK(m.lane(1)->state == LaneState::Blocked);
  CHECK(m.lane(1)->blocked_on == cv.id());
  // One RLock hold despite two acquires (re-entrant), still open.
  auto holds = m.lane(1)->holds;
  CHECK(std::count_if(holds.begin(), holds.end(), [&](auto& h) { return h.object == rl.id(); }) == 1);
}

TEST_CASE("model: capped lines are counted, not dropped silently", "[ui][model]") {
  Run run(det(0));
  spawn(run, op::repeat(30, {op::print("line")}), "chatty");
  interleave::ui::RunModelOptions o;
  o.max_lines_per_lane = 10;
  RunModel m(run, o);
  REQUIRE(run.run() == RunStatus::Finished);
  m.drain();
  CHECK(m.lane(1)->lines.size() == 10);
  CHECK(m.lane(1)->lines_hidden == 20);
}

TEST_CASE("model: free mode drains while threads run and uses wall time", "[ui][model]") {
  RunConfig c;
  c.mode = Mode::Free;
  Run run(c);
  Lock& l = run.create<Lock>("L");
  RunModel m(run);
  CHECK(m.axis() == interleave::ui::TimeAxis::Wall);
  for (int t = 0; t < 3; ++t)
    spawn(run, op::repeat(200, {op::acquire(l), op::print("x"), op::release(l)}), "W" + std::to_string(t));
  size_t total = 0;
  while (run.wait(0.001) == RunStatus::TimedOut) total += m.drain();
  total += m.drain();
  CHECK(total == m.event_count());
  for (const auto& lane : m.lanes()) {
    CHECK(lane.state == LaneState::Done);
    CHECK(lane.lines.size() == 200);
    CHECK(lane.holds.size() == 200);
    for (const auto& h : lane.holds) CHECK(h.end != interleave::ui::kOpenEnd);
    check_spans(lane);
  }
  CHECK(m.object(l.id())->owner == 0);
  // Wall nanoseconds: the run took well under a minute of real time.
  CHECK(m.now() > m.begin_time());
  CHECK(m.now() - m.begin_time() < 60 * kSecond);
}

TEST_CASE("model: a three-thread cycle is described link by link", "[ui][model]") {
  Run run(det(0));
  Lock& a = run.create<Lock>("A");
  Lock& b = run.create<Lock>("B");
  Lock& c = run.create<Lock>("C");
  spawn(run, {op::acquire(a), op::cpu(kMs), op::acquire(b)}, "T1");
  spawn(run, {op::acquire(b), op::cpu(kMs), op::acquire(c)}, "T2");
  spawn(run, {op::acquire(c), op::cpu(kMs), op::acquire(a)}, "T3");
  RunModel m(run);
  REQUIRE(run.run() == RunStatus::Deadlock);
  m.drain();
  auto g = m.wait_graph();
  CHECK(g.edges.size() == 3);
  REQUIRE(g.cycle.size() == 3);
  CHECK(g.description == "T1 waits for B held by T2, which waits for C held by T3, which waits for A held by T1");
}

TEST_CASE("model: a semaphore's holders are owners in the wait-for graph", "[ui][model]") {
  Run run(det(0));
  Semaphore& s = run.create<Semaphore>(1, false, "S");
  Lock& l = run.create<Lock>("L");
  spawn(run, {op::acquire(s), op::cpu(kMs), op::acquire(l)}, "holder");
  spawn(run, {op::acquire(l), op::cpu(kMs), op::acquire(s)}, "taker");
  RunModel m(run);
  REQUIRE(run.run() == RunStatus::Deadlock);
  m.drain();
  auto g = m.wait_graph();
  REQUIRE(g.cycle.size() == 2);
  CHECK(g.description == "holder waits for L held by taker, which waits for S held by holder");
  CHECK(m.object(s.id())->value == 0);
}
