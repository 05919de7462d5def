// Coroutines on the canvas: the run model's per-lane coroutines and running spans from
// CoroutineSwitch events (real det runs with ScriptTasks emitting them), their sub-lanes in
// the Threads window and their thin rows on the Timeline.
#include "ui/lanes_view.h"
#include "ui/run_model.h"
#include "ui/timeline_view.h"
#include "ui_harness.h"

using namespace uitest;
using namespace interleave::ui;
using interleave::core::CoroutineState;

namespace {
// Coroutine `co` of the running thread is now in `s`, as the runtime reports a switch.
ScriptOp co_state(Run& run, const ObjectId* co, CoroutineState s) {
  return op::call([&run, co, s](ThreadContext& t) { run.coroutine_state(t, *co, s); });
}

// One thread ("loop") switches between two coroutines by hand, like two greenlets:
// a runs 1 ms, b runs 2 ms, a runs 1 ms and ends, b runs 1 ms and ends. A second thread
// ("plain") has none.
struct TwoCoroutines {
  Run run{det(0)};
  ObjectId a = run.register_coroutine("Task-1");
  ObjectId b = run.register_coroutine("Task-2");
  TwoCoroutines() {
    spawn(run,
          {co_state(run, &a, CoroutineState::Running), op::cpu(kMs), co_state(run, &a, CoroutineState::Waiting),
           co_state(run, &b, CoroutineState::Running), op::cpu(2 * kMs), co_state(run, &b, CoroutineState::Ready),
           co_state(run, &a, CoroutineState::Running), op::cpu(kMs), co_state(run, &a, CoroutineState::Done),
           co_state(run, &b, CoroutineState::Running), op::cpu(kMs), co_state(run, &b, CoroutineState::Done)},
          "loop");
    spawn(run, {op::print("no coroutines here")}, "plain");
  }
};
}  // namespace

TEST_CASE("model: a thread's coroutines, their states and when each ran", "[ui][model][coroutines]") {
  TwoCoroutines c;
  RunModel m(c.run);
  REQUIRE(c.run.run() == RunStatus::Finished);
  m.drain();
  const Lane* loop = m.lane(1);
  REQUIRE(loop);
  REQUIRE(loop->coroutines.size() == 2);
  const CoroutineLane& a = loop->coroutines[0];
  const CoroutineLane& b = loop->coroutines[1];
  CHECK(a.id == c.a);
  CHECK(a.name == "Task-1");
  CHECK(b.name == "Task-2");
  CHECK(a.state == CoroutineState::Done);
  CHECK(b.state == CoroutineState::Done);
  CHECK(loop->running_coroutine == 0);
  // a: [0, 1 ms) and [3, 4 ms); b: [1, 3 ms) and [4, 5 ms), relative to a's first start.
  REQUIRE(a.runs.size() == 2);
  REQUIRE(b.runs.size() == 2);
  const int64_t t0 = a.runs[0].start;
  CHECK(a.runs[0].end - t0 == kMs);
  CHECK(b.runs[0].start - t0 == kMs);
  CHECK(b.runs[0].end - t0 == 3 * kMs);
  CHECK(a.runs[1].start - t0 == 3 * kMs);
  CHECK(a.runs[1].end - t0 == 4 * kMs);
  CHECK(b.runs[1].start - t0 == 4 * kMs);
  CHECK(b.runs[1].end - t0 == 5 * kMs);
  // Never two at once on one thread.
  CHECK(a.runs[0].end <= b.runs[0].start);
  CHECK(b.runs[0].end <= a.runs[1].start);
  // Coroutines are no objects: the Objects window does not list them.
  CHECK(m.object(c.a) == nullptr);
  CHECK(m.object(c.b) == nullptr);
  // A thread without coroutines has none.
  REQUIRE(m.lane(2));
  CHECK(m.lane(2)->coroutines.empty());
}

TEST_CASE("model: mid-run, the running coroutine's span is open and the others wait", "[ui][model][coroutines]") {
  TwoCoroutines c;
  RunModel m(c.run);
  // Step until b runs for the first time (its Running event is out).
  for (int i = 0; i < 200; ++i) {
    c.run.run(1);
    m.drain();
    const Lane* l = m.lane(1);
    if (l && l->running_coroutine == c.b) break;
  }
  const Lane* loop = m.lane(1);
  REQUIRE(loop);
  REQUIRE(loop->running_coroutine == c.b);
  const CoroutineLane* a = loop->coroutine(c.a);
  const CoroutineLane* b = loop->coroutine(c.b);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->state == CoroutineState::Waiting);
  CHECK(b->state == CoroutineState::Running);
  CHECK(b->runs.back().end == kOpenEnd);
  CHECK(a->runs.back().end != kOpenEnd);
}

TEST_CASE("model: a switch without the leaving half still ends the previous run", "[ui][model][coroutines]") {
  RunModel m(Mode::Det);
  m.name_coroutine(5, "hub");
  std::vector<TraceEvent> batch = {
      {0, 0, 0, 1, 1, 0, EventKind::ThreadStart, 0},
      {1, 10, 0, 1, 1, 5, EventKind::CoroutineSwitch, int64_t(CoroutineState::Running)},
      {2, 30, 0, 1, 1, 6, EventKind::CoroutineSwitch, int64_t(CoroutineState::Running)},
      {3, 50, 0, 1, 1, 0, EventKind::ThreadEnd, 0},
  };
  m.ingest(batch);
  const Lane* l = m.lane(1);
  REQUIRE(l);
  REQUIRE(l->coroutines.size() == 2);
  CHECK(l->coroutines[0].name == "hub");
  CHECK(l->coroutines[1].name == "co6");
  CHECK(l->coroutines[0].state == CoroutineState::Waiting);
  REQUIRE(l->coroutines[0].runs.size() == 1);
  CHECK(l->coroutines[0].runs[0].end == 30);
  // The thread's end closes the last run.
  REQUIRE(l->coroutines[1].runs.size() == 1);
  CHECK(l->coroutines[1].runs[0].start == 30);
  CHECK(l->coroutines[1].runs[0].end == 50);
  CHECK(l->running_coroutine == 0);
}

TEST_CASE("lanes view: coroutines are sub-lanes with their state; plain threads look as before",
          "[ui][lanes][coroutines]") {
  TwoCoroutines c;
  RunModel m(c.run);
  Headless gui;
  // Mid-run: b runs, a waits.
  for (int i = 0; i < 200 && !(m.lane(1) && m.lane(1)->running_coroutine == c.b); ++i) {
    c.run.run(1);
    m.drain();
  }
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 500, 600}); });
  CHECK(gui.has("Task-1"));
  CHECK(gui.has("[waiting]"));
  CHECK(gui.has("Task-2"));
  CHECK(gui.has("[running]"));
  REQUIRE(c.run.run() == RunStatus::Finished);
  m.drain();
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 500, 600}); });
  CHECK_FALSE(gui.has("[waiting]"));
  CHECK(gui.has("[done]"));
  // The sub-lanes sit between the thread's name and the next thread's.
  const size_t loop = gui.text.find("loop"), task = gui.text.find("Task-1"), plain = gui.text.find("plain");
  CHECK(loop < task);
  CHECK(task < plain);
  CHECK(gui.text.find("Task-", plain) == std::string::npos);

  // A run without coroutines draws exactly the same text as before (no sub-lane lines).
  TwoLockDeadlock d;
  RunModel dm(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  dm.drain();
  gui.frames([&] { draw_lanes_view(dm, ViewRect{0, 0, 400, 600}); });
  CHECK_FALSE(gui.has("coroutine"));
  CHECK_FALSE(gui.has("[running]"));
}

TEST_CASE("lanes view: past twelve coroutines the rest are counted by state", "[ui][lanes][coroutines]") {
  RunModel m(Mode::Det);
  std::vector<TraceEvent> batch = {{0, 0, 0, 1, 1, 0, EventKind::ThreadStart, 0}};
  uint64_t seq = 1;
  for (ObjectId co = 1; co <= 20; ++co) {
    batch.push_back({seq, VTime(seq), 0, 1, 1, co, EventKind::CoroutineSwitch, int64_t(CoroutineState::Running)});
    ++seq;
    const auto after = co % 2 ? CoroutineState::Done : CoroutineState::Waiting;
    if (co < 20) batch.push_back({seq, VTime(seq), 0, 1, 1, co, EventKind::CoroutineSwitch, int64_t(after)});
    ++seq;
  }
  m.ingest(batch);
  Headless gui;
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 600, 800}); });
  CHECK(gui.has("co12"));
  CHECK_FALSE(gui.has("co13"));
  // 13..20: 13, 15, 17, 19 done; 14, 16, 18 waiting; 20 running.
  CHECK(gui.has("8 more coroutines: 1 running, 0 ready, 3 waiting, 4 done"));
}

TEST_CASE("timeline: one thin row per coroutine under its thread, bars where it ran", "[ui][timeline][coroutines]") {
  TwoCoroutines c;
  RunModel m(c.run);
  REQUIRE(c.run.run() == RunStatus::Finished);
  m.drain();
  Headless gui;
  TimelineView tv;
  gui.frames([&] { tv.draw(m, ViewRect{0, 0, 900, 400}); });
  CHECK(tv.stats().coroutine_rows == 2);
  CHECK(tv.stats().rows_drawn == 2);
  // Rows in order: loop, its two coroutines, then plain.
  const size_t loop = gui.text.find("loop\n"), a = gui.text.find("Task-1 [done]"), b = gui.text.find("Task-2 [done]"),
               plain = gui.text.find("plain\n");
  REQUIRE(loop != std::string::npos);
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  REQUIRE(plain != std::string::npos);
  CHECK(loop < a);
  CHECK(a < b);
  CHECK(b < plain);
  CHECK(gui.has("indented rows: coroutines"));
  // Each coroutine ran twice, apart: two bars each (they do not merge).
  CHECK(tv.stats().spans_visited >= 4);

  // Without coroutines: no coroutine rows, no legend line.
  TwoLockDeadlock d;
  RunModel dm(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  dm.drain();
  TimelineView tv2;
  gui.frames([&] { tv2.draw(dm, ViewRect{0, 0, 900, 400}); });
  CHECK(tv2.stats().coroutine_rows == 0);
  CHECK_FALSE(gui.has("indented rows: coroutines"));
}

// Clicks (press, release) down the Threads window at x = 60, every 4 px; returns the
// coroutines the view reported.
static std::vector<ObjectId> click_down_the_lanes(Headless& gui, const RunModel& m, bool picking) {
  std::vector<ObjectId> clicked;
  std::optional<CoroutineClick> click;
  ImGuiIO& io = ImGui::GetIO();
  for (float y = 30; y < 200; y += 4) {
    io.MousePos = ImVec2(60, y);
    gui.frame([&] { draw_lanes_view(m, ViewRect{0, 0, 500, 600}, picking, &click); });
    io.MouseDown[0] = true;
    gui.frame([&] { draw_lanes_view(m, ViewRect{0, 0, 500, 600}, picking, &click); });
    io.MouseDown[0] = false;
    gui.frame([&] { draw_lanes_view(m, ViewRect{0, 0, 500, 600}, picking, &click); });
    if (click) {
      CHECK(click->tid == 1);
      if (clicked.empty() || clicked.back() != click->coroutine) clicked.push_back(click->coroutine);
      click.reset();
    }
  }
  return clicked;
}

TEST_CASE("lanes view: in step mode a click on a waiting or ready coroutine picks it, never a running one",
          "[ui][lanes][coroutines]") {
  TwoCoroutines c;
  RunModel m(c.run);
  Headless gui;
  for (int i = 0; i < 200 && !(m.lane(1) && m.lane(1)->running_coroutine == c.b); ++i) {  // b runs, a waits
    c.run.run(1);
    m.drain();
  }
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 500, 600}); });
  CHECK(click_down_the_lanes(gui, m, true) == std::vector<ObjectId>{c.a});
  CHECK(click_down_the_lanes(gui, m, false).empty());  // not in step mode: the lanes only show
  REQUIRE(c.run.run() == RunStatus::Finished);  // both done: nothing to pick
  m.drain();
  CHECK(click_down_the_lanes(gui, m, true).empty());
}
