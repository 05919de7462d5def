// The Threads and Timeline windows over real runs, and the timeline's folding of
// a million events.
#include "ui/lanes_view.h"
#include "ui/run_model.h"
#include "ui/timeline_view.h"
#include "ui/view_common.h"
#include "ui_harness.h"

using namespace uitest;
using namespace interleave::ui;

namespace {
// A synthetic model with `per_thread` state changes and lock holds on each thread,
// one event every `step` ns.
void fill_synthetic(RunModel& m, int threads, int per_thread, int64_t step) {
  std::vector<TraceEvent> batch;
  batch.reserve(static_cast<size_t>(threads) * per_thread);
  uint64_t seq = 0;
  for (int i = 0; i < per_thread; ++i) {
    for (int t = 1; t <= threads; ++t) {
      static const EventKind kinds[] = {EventKind::CpuBegin, EventKind::LockAcquire, EventKind::CpuEnd,
                                        EventKind::LockRelease};
      EventKind k = kinds[i % 4];
      bool lock = k == EventKind::LockAcquire || k == EventKind::LockRelease;
      int64_t v = k == EventKind::LockAcquire ? 1 : 0;
      batch.push_back(TraceEvent{seq, static_cast<VTime>(seq) * step, 0, 1, static_cast<ThreadId>(t),
                                 lock ? static_cast<ObjectId>(t) : 0, k, v});
      ++seq;
    }
  }
  m.ingest(batch);
}
}  // namespace

TEST_CASE("lanes view: one lane per thread with badges and printed lines", "[ui][lanes]") {
  TwoLockDeadlock d;
  spawn(d.run, {op::print("hello from the printer"), op::print("second line")}, "Printer");
  RunModel m(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  m.drain();
  Headless gui;
  ImDrawData* data = gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 400, 600}); });
  REQUIRE(data->Valid);
  CHECK(window_vertices("Threads") > 100);
  REQUIRE(m.process(1));
  CHECK(gui.has(process_title(*m.process(1))));  // "pid 1 <its name>" heads the lanes
  CHECK(gui.has("Thread-1"));
  CHECK(gui.has("[blocked on lock_b]"));
  CHECK(gui.has("[blocked on lock_a]"));
  CHECK(gui.has("[done]"));
  CHECK(gui.has("hello from the printer"));
  CHECK(gui.has("second line"));
  CHECK(lane_state_text(m, *m.lane(1)) == "blocked on lock_b");
}

TEST_CASE("lanes view: capped output says how many lines are hidden", "[ui][lanes]") {
  Run run(det(0));
  spawn(run, op::repeat(50, {op::print("tick")}), "ticker");
  RunModelOptions o;
  o.max_lines_per_lane = 8;
  RunModel m(run, o);
  REQUIRE(run.run() == RunStatus::Finished);
  m.drain();
  Headless gui;
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 400, 600}); });
  CHECK(gui.has("42 earlier lines not shown"));
}

TEST_CASE("timeline: draws states and holds of a real run and follows it", "[ui][timeline]") {
  TwoLockDeadlock d;
  RunModel m(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  m.drain();
  Headless gui;
  TimelineView tl;
  gui.frames([&] { tl.draw(m, ViewRect{0, 0, 900, 300}); });
  CHECK(tl.following());
  CHECK(tl.view_begin() == m.begin_time());
  CHECK(tl.view_end() == m.now());
  CHECK(tl.stats().rows_drawn == 2);
  CHECK(tl.stats().rects >= 4);  // at least a state and a hold per thread
  CHECK(tl.stats().folded == 0);
  CHECK(gui.has("Thread-1"));
  CHECK(gui.has("[blocked]"));  // the legend
  CHECK(window_vertices("Timeline") > 50);
}

TEST_CASE("timeline: a million events fold to a bounded draw list", "[ui][timeline]") {
  RunModel m(Mode::Det);
  fill_synthetic(m, 8, 125000, 100);
  REQUIRE(m.event_count() == 1000000);
  size_t spans = 0;
  for (const auto& l : m.lanes()) spans += l.states.size() + l.holds.size();
  CHECK(spans >= 500000);
  Headless gui;
  TimelineView tl;
  gui.frames([&] { tl.draw(m, ViewRect{0, 0, 1280, 400}); });
  // Zoomed out: every column folds; visits scale with pixels, not with events.
  CHECK(tl.stats().rows_drawn == 8);
  CHECK(tl.stats().folded > 1000);
  CHECK(tl.stats().spans_visited < 8 * 2 * 1280 * 2);
  ImGuiWindow* tracks = nullptr;
  for (ImGuiWindow* w : GImGui->Windows)
    if (std::string(w->Name).find("###Timeline/tracks") != std::string::npos) tracks = w;  // "<title>###Timeline/tracks_..." 
  REQUIRE(tracks);
  CHECK(tracks->DrawList->VtxBuffer.Size < 65536);
  CHECK(tracks->DrawList->VtxBuffer.Size > 0);
  for (ImDrawList* dl : std::vector<ImDrawList*>(ImGui::GetDrawData()->CmdLists,
                                                 ImGui::GetDrawData()->CmdLists + ImGui::GetDrawData()->CmdListsCount))
    CHECK(dl->VtxBuffer.Size < 65536);

  // Zoomed in on 2 us in the middle: individual spans, nothing folded.
  double mid = static_cast<double>(m.now()) / 2;
  tl.set_range(mid, mid + 2000);
  gui.frame([&] { tl.draw(m, ViewRect{0, 0, 1280, 400}); });
  CHECK_FALSE(tl.following());
  CHECK(tl.stats().folded == 0);
  CHECK(tl.stats().spans_visited < 200);
  CHECK(tl.stats().rects > 8);
}

TEST_CASE("timeline: the wheel zooms around the pointer, double-click fits", "[ui][timeline]") {
  Race r(3);
  RunModel m(r.run);
  REQUIRE(r.run.run() == RunStatus::Finished);
  m.drain();
  Headless gui;
  TimelineView tl;
  ViewRect rect{0, 0, 900, 300};
  gui.frames([&] { tl.draw(m, rect); });
  double before = tl.view_end() - tl.view_begin();
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(500, 150);
  gui.frame([&] { tl.draw(m, rect); });
  io.MouseWheel = 2;
  gui.frame([&] { tl.draw(m, rect); });
  io.MouseWheel = 0;
  CHECK_FALSE(tl.following());
  CHECK(tl.view_end() - tl.view_begin() < before);
}

TEST_CASE("timeline: the vertex budget holds when nothing can fold or merge", "[ui][timeline]") {
  // 44 visible rows of spans about 1.3 px wide in alternating colours: too wide to
  // fold, never the same colour twice in a row. Unbounded this would be ~300K vertices.
  RunModel m(Mode::Det);
  fill_synthetic(m, 44, 4000, 1);
  Headless gui(1280, 1200);
  TimelineView tl;
  double end = static_cast<double>(m.now());
  tl.set_range(end / 2, end / 2 + 44 * 1000);  // ~1000 events per thread in view
  gui.frames([&] { tl.draw(m, ViewRect{0, 0, 1280, 1150}); });
  CHECK(tl.stats().rows_drawn >= 40);
  CHECK(tl.stats().simplified);
  for (int i = 0; i < ImGui::GetDrawData()->CmdListsCount; ++i)
    CHECK(ImGui::GetDrawData()->CmdLists[i]->VtxBuffer.Size < 65536);
}

TEST_CASE("timeline: dragging pans by the mouse movement", "[ui][timeline]") {
  TwoLockDeadlock d;
  RunModel m(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  m.drain();
  Headless gui;
  TimelineView tl;
  ViewRect rect{0, 0, 900, 300};
  gui.frames([&] { tl.draw(m, rect); });
  double t0 = tl.view_begin(), span = tl.view_end() - tl.view_begin();
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(500, 150);
  gui.frame([&] { tl.draw(m, rect); });
  io.MouseDown[0] = true;
  gui.frame([&] { tl.draw(m, rect); });
  for (int i = 0; i < 5; ++i) {
    io.MousePos.x -= 20;  // drag left: later times come into view
    gui.frame([&] { tl.draw(m, rect); });
  }
  io.MouseDown[0] = false;
  gui.frame([&] { tl.draw(m, rect); });
  CHECK_FALSE(tl.following());
  CHECK(tl.view_end() - tl.view_begin() == Approx(span));
  CHECK(tl.view_begin() > t0);
}

TEST_CASE("lanes view: watched variables show their latest value", "[ui][lanes]") {
  Run run(det(0));
  ObjectId var = 0;
  {
    // A variable id the way the interpreter would register one: a named trace object.
    Event& named = run.create<Event>("counter");
    var = named.id();
  }
  spawn(run, {op::call([&](ThreadContext& t) { run.watch(t, var, 1); }),
              op::call([&](ThreadContext& t) { run.watch(t, var, 2); })},
        "W");
  RunModel m(run);
  REQUIRE(run.run() == RunStatus::Finished);
  m.drain();
  REQUIRE(m.lane(1)->watches.size() == 1);
  CHECK(m.lane(1)->watches[0].value == 2);
  Headless gui;
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 400, 300}); });
  CHECK(gui.has("counter = 2"));
}
