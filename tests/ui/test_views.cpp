// Objects, wait-for graph, checks, outcomes and the whole canvas over real runs.
#include <cmath>

#include "core/queue.h"
#include "ui/canvas.h"
#include "ui/checks_view.h"
#include "ui/objects_view.h"
#include "ui/outcomes_view.h"
#include "ui/waitfor_view.h"
#include "ui_harness.h"

using namespace uitest;
using namespace interleave::ui;

TEST_CASE("objects view: locks, RLock count, semaphore, event and queue in words", "[ui][objects]") {
  Run run(det(0));
  Lock& lk = run.create<Lock>("L");
  RLock& rl = run.create<RLock>("R");
  Semaphore& sem = run.create<Semaphore>(3, false, "S");
  Event& ev = run.create<Event>("E");
  Queue& q = run.create<Queue>(Queue::Order::Fifo, 4, Queue::Less{}, "Q");
  spawn(run, {op::acquire(lk), op::acquire(rl), op::acquire(rl), op::acquire(sem), op::set(ev), op::put(q, 1),
              op::put(q, 2), op::cpu(5 * kMs), op::release(lk)},
        "owner");
  spawn(run, {op::acquire(lk), op::release(lk)}, "waiter");
  RunModel m(run);
  // Step until "owner" has filled the queue and "waiter" waits for L.
  auto ready = [&] {
    return m.lane(2) && m.lane(2)->state == LaneState::Blocked && m.object(q.id())->value == 2;
  };
  while (!ready() && run.run(1) == RunStatus::StepLimit) m.drain();
  REQUIRE(m.lane(2)->state == LaneState::Blocked);
  CHECK(object_state_text(m, *m.object(lk.id())) == "held by owner");
  CHECK(object_waiters_text(m, *m.object(lk.id())) == "waiter");
  CHECK(object_state_text(m, *m.object(rl.id())) == "held by owner (count 2)");
  CHECK(object_state_text(m, *m.object(sem.id())) == "2 permits, held by owner");
  CHECK(object_state_text(m, *m.object(ev.id())) == "set");
  CHECK(object_state_text(m, *m.object(q.id())) == "2 items / max 4, 2 unfinished");
  Headless gui;
  gui.frames([&] { draw_objects_view(m, ViewRect{0, 0, 600, 300}); });
  CHECK(window_vertices("Objects") > 100);
  CHECK(gui.has("held by owner (count 2)"));
  CHECK(gui.has("2 items / max 4, 2 unfinished"));
  CHECK(gui.has("Semaphore"));
}

TEST_CASE("wait-for view: the deadlock cycle is laid out, red and in words", "[ui][waitfor]") {
  TwoLockDeadlock d;
  RunModel m(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  m.drain();
  ModelWaitGraph g = m.wait_graph();
  WaitForLayout l = layout_wait_for(m, g, ImVec2(100, 100), 50);
  REQUIRE(l.nodes.size() == 4);
  CHECK(l.nodes[0].label == "Thread-1");
  CHECK(l.nodes[1].label == "lock_a");
  CHECK(l.nodes[2].label == "Thread-2");
  CHECK(l.nodes[3].label == "lock_b");
  REQUIRE(l.edges.size() == 4);
  for (const auto& e : l.edges) {
    CHECK(e.in_cycle);
    CHECK(l.nodes[e.from].is_thread == e.waits);  // thread -> lock waits, lock -> thread holds
    // Alternating placement: every edge joins neighbours on the circle.
    int gap = std::abs(e.from - e.to);
    CHECK((gap == 1 || gap == 3));
  }
  // Deterministic: the same run lays out the same way.
  WaitForLayout again = layout_wait_for(m, m.wait_graph(), ImVec2(100, 100), 50);
  for (size_t i = 0; i < l.nodes.size(); ++i) CHECK(again.nodes[i].pos.x == l.nodes[i].pos.x);

  Headless gui;
  gui.frames([&] { draw_waitfor_view(m, ViewRect{0, 0, 400, 400}); });
  CHECK(gui.has("Deadlock: Thread-1 waits for lock_b held by Thread-2, which waits for lock_a held by Thread-1."));
  CHECK(gui.has("object lock_b"));
  // Red (the cycle colour) vertices are present in the window's draw list.
  ImDrawList* dl = window_draw_list("Wait-for graph");
  REQUIRE(dl);
  int red = 0;
  for (const ImDrawVert& v : dl->VtxBuffer) red += v.col == IM_COL32(215, 40, 40, 255);
  CHECK(red > 8);
}

TEST_CASE("wait-for view: no cycle when threads finish", "[ui][waitfor]") {
  Race r(1);
  RunModel m(r.run);
  REQUIRE(r.run.run() == RunStatus::Finished);
  m.drain();
  Headless gui;
  gui.frames([&] { draw_waitfor_view(m, ViewRect{0, 0, 400, 400}); });
  CHECK(gui.has("Nobody is waiting for a lock."));
  CHECK_FALSE(gui.has("Deadlock"));
}

TEST_CASE("checks view: values, expected values and verdict badges", "[ui][checks]") {
  Race r(9, 2, 5);
  RunModel m(r.run);
  REQUIRE(r.run.run() == RunStatus::Finished);
  m.drain();
  // The caller computes results from the run; a racy counter may lose updates.
  int64_t got = r.counter.load();
  std::vector<CheckResult> checks{
      {"counter", std::to_string(got), "10", got == 10 ? Verdict::Passed : Verdict::Failed},
      {"threads", std::to_string(m.lanes().size()), "2", m.lanes().size() == 2 ? Verdict::Passed : Verdict::Failed},
      {"elapsed", format_time(m.now(), m.axis()), "", Verdict::NotApplicable}};
  m.set_checks(checks);
  Headless gui;
  gui.frames([&] { draw_checks_view(m, ViewRect{0, 0, 400, 300}); });
  CHECK(gui.has("counter"));
  CHECK(gui.has(std::to_string(got)));
  CHECK(gui.has("[PASS]"));
  CHECK(gui.has(got == 10 ? "2 of 2 checks passed" : "1 of 2 checks passed"));
  CHECK(gui.has("[n/a]"));
  CHECK(gui.has(got == 10 ? "[PASS]" : "[FAIL]"));
}

TEST_CASE("outcomes: a racy counter over many seeds makes a histogram", "[ui][outcomes]") {
  OutcomeSeries s{"counter", {}, 8.0};
  for (uint64_t seed = 0; seed < 60; ++seed) {
    Race r(seed, 2, 4);
    REQUIRE(r.run.run() == RunStatus::Finished);
    s.values.push_back(static_cast<double>(r.counter.load()));
  }
  Histogram h = make_histogram(s.values);
  int total = 0;
  for (int c : h.counts) total += c;
  CHECK(total == 60);
  CHECK(h.discrete);
  CHECK(h.distinct > 1);  // nondeterminism made visible
  CHECK(h.lo + static_cast<double>(h.counts.size()) - 1 <= 8.0);
  Headless gui;
  gui.frames([&] { draw_outcomes_view(&s, ViewRect{0, 0, 500, 300}); });
  CHECK(gui.has("counter over 60 runs: " + std::to_string(h.distinct) + " distinct outcomes"));
  CHECK(window_vertices("Outcomes") > 40);
}

TEST_CASE("outcomes: continuous values get equal bins; the maximum is counted", "[ui][outcomes]") {
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i * 0.5);
  Histogram h = make_histogram(v, 10);
  CHECK_FALSE(h.discrete);
  REQUIRE(h.counts.size() == 10);
  int total = 0;
  for (int c : h.counts) total += c;
  CHECK(total == 101);
  CHECK(make_histogram({}).counts.empty());
  CHECK(make_histogram({3, 3, 3}).counts.size() == 1);
}

TEST_CASE("canvas: every view is drawn at 1280x720 and at 800x600", "[ui][canvas]") {
  for (ImVec2 size : {ImVec2(1280, 720), ImVec2(800, 600)}) {
    TwoLockDeadlock d;
    RunModel m(d.run);
    REQUIRE(d.run.run() == RunStatus::Deadlock);
    m.drain();
    m.set_checks({{"finished", "no", "yes", Verdict::Failed}});
    OutcomeSeries s{"x", {1, 2, 2, 3}, std::nullopt};
    Headless gui(size.x, size.y);
    Canvas canvas;
    ImDrawData* data = gui.frames([&] { canvas.draw(m, &s, 0, 0, size.x, size.y); });
    REQUIRE(data->Valid);
    for (const char* w : {"Threads", "Checks", "Timeline", "Objects", "Wait-for graph", "Outcomes"}) {
      INFO(w << " at " << size.x);
      ImGuiWindow* win = find_view_window(w);
      REQUIRE(win);
      CHECK(win->WasActive);
      CHECK(window_vertices(w) > 20);
      // Tiled inside the display.
      CHECK(win->Pos.x >= 0);
      CHECK(win->Pos.x + win->Size.x <= size.x + 0.5f);
      CHECK(win->Pos.y + win->Size.y <= size.y + 0.5f);
    }
    for (int i = 0; i < data->CmdListsCount; ++i) CHECK(data->CmdLists[i]->VtxBuffer.Size < 65536);
    CHECK(gui.has("Deadlock: Thread-1 waits for lock_b"));
  }
}

TEST_CASE("canvas: layouts tile without overlap", "[ui][canvas]") {
  for (float w : {800.0f, 1280.0f, 1920.0f}) {
    CanvasLayout l = layout_canvas(0, 0, w, w * 0.6f);
    const ViewRect rs[] = {l.threads, l.checks, l.timeline, l.objects, l.waitfor, l.outcomes};
    float area = 0;
    for (const ViewRect& r : rs) {
      CHECK(r.w > 100);
      CHECK(r.h > 100);
      area += r.w * r.h;
    }
    CHECK(area == Approx(w * w * 0.6f));
  }
}
