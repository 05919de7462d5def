// The canvas fits the screen it is on: the compact layout (beside the editor at 1280x720,
// the 800x600 embed) tabs the bottom views and follows the run; long texts wrap inside their
// windows instead of running past the edge; the timeline's last axis label stays inside.
#include "core/queue.h"
#include "ui/canvas.h"
#include "ui/checks_view.h"
#include "ui/objects_view.h"
#include "ui_harness.h"

using namespace uitest;
using namespace interleave::ui;

namespace {
// The widest line a window laid out, against the room it had (a text wider than the room is
// cut at the window's edge: views must wrap it).
// Child windows (a list, a scrolling table) count too.
bool fits(const char* id) {
  ImGuiWindow* root = find_view_window(id);
  if (!root || !root->WasActive) return false;
  bool ok = true;
  for (ImGuiWindow* w : GImGui->Windows) {
    if (w->RootWindow != root || !w->WasActive) continue;
    const float room = w->ContentRegionRect.GetWidth();
    if (w->ContentSize.x > room + 1.0f) {
      UNSCOPED_INFO(w->Name << ": content " << w->ContentSize.x << " in " << room);
      ok = false;
    }
  }
  return ok;
}

const std::vector<CheckResult> kLongChecks = {
    {"Run many times to see how the final counter depends on the schedule and on the lock", "177167",
     "200000 (threads x updates per thread)", Verdict::Failed},
    {"lost updates", "22833", "", Verdict::NotApplicable},
    {"transitions", "MainThread: running → blocked → running → dead\nworker-1: new → runnable → running → dead", "", Verdict::Passed},
};
}  // namespace

TEST_CASE("canvas layout: compact below 700 px tabs the bottom views inside the display", "[ui][fit]") {
  for (ImVec2 size : {ImVec2(550, 600), ImVec2(654, 614)}) {
    Headless gui(size.x, size.y);
    CanvasLayout l = layout_canvas(0, 0, size.x, size.y);
    INFO(size.x << "x" << size.y);
    CHECK(l.tabbed);
    for (const ViewRect& r : {l.threads, l.timeline, l.tabs, l.checks}) {
      CHECK(r.x >= 0);
      CHECK(r.w >= 200);
      CHECK(r.x + r.w <= size.x + 0.5f);
      CHECK(r.y + r.h <= size.y + 0.5f);
    }
    CHECK(l.checks.w == size.x);   // the tabbed views get the full width
  }
  CHECK_FALSE(layout_canvas(0, 0, 800, 600).tabbed);
  CHECK_FALSE(layout_canvas(0, 0, 1294, 974).tabbed);
}

TEST_CASE("canvas: on a compact canvas a deadlock brings the Wait-for graph to the front", "[ui][fit]") {
  TwoLockDeadlock d;
  RunModel m(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  m.drain();
  m.set_deadlocked(true);
  Headless gui(550, 600);
  Canvas canvas;
  gui.frames([&] { canvas.draw(m, nullptr, 0, 0, 550, 600); }, 3);
  CHECK(canvas.tab() == CanvasTab::WaitFor);
  CHECK(gui.has("Deadlock: Thread-1 waits for lock_b"));
  ImGuiWindow* wf = find_view_window("Wait-for graph");
  REQUIRE(wf);
  CHECK(wf->WasActive);
  CHECK(wf->Size.x == 550);
  ImGuiWindow* objects = find_view_window("Objects");
  CHECK((!objects || !objects->WasActive));   // behind its tab
  // The learner picks another tab; it stays picked while nothing new happens.
  canvas.set_tab(CanvasTab::Objects);
  gui.frames([&] { canvas.draw(m, nullptr, 0, 0, 550, 600); }, 3);
  CHECK(canvas.tab() == CanvasTab::Objects);
  CHECK(find_view_window("Objects")->WasActive);
  CHECK(gui.has("held by Thread-1"));
}

TEST_CASE("canvas: long check texts and object states wrap inside narrow windows", "[ui][fit]") {
  TwoLockDeadlock d;
  RunModel m(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  m.drain();
  m.set_checks(kLongChecks);
  for (float w : {260.0f, 330.0f, 700.0f}) {
    INFO("width " << w);
    Headless gui(1280, 720);
    gui.frames([&] {
      draw_checks_view(m, ViewRect{0, 0, w, 400});
      draw_objects_view(m, ViewRect{w, 0, w, 300});
    });
    CHECK(fits("Checks"));
    CHECK(fits("Objects"));
    CHECK(gui.has("Run many times to see how the final counter depends on the schedule and on the lock"));
    CHECK(gui.has("worker-1: new → runnable → running → dead"));
  }
}

TEST_CASE("canvas: at 1280x720, 1920x1080 and 800x600 page sizes no view runs past its edge", "[ui][fit]") {
  // The canvas sizes the page gives: beside the editor (654x614, 1294x974) and embedded (550x600).
  for (ImVec2 size : {ImVec2(654, 614), ImVec2(1294, 974), ImVec2(550, 600), ImVec2(800, 600)}) {
    for (Lang lang : {Lang::En, Lang::Zh}) {
      set_ui_lang(lang);
      TwoLockDeadlock d;
      RunModel m(d.run);
      REQUIRE(d.run.run() == RunStatus::Deadlock);
      m.drain();
      m.set_checks(kLongChecks);
      OutcomeSeries s{"final", {177167, 180000, 200000}, 200000.0};
      Headless gui(size.x, size.y);
      Canvas canvas;
      INFO(size.x << "x" << size.y << (lang == Lang::Zh ? " zh" : " en"));
      for (CanvasTab tab : {CanvasTab::Checks, CanvasTab::Objects, CanvasTab::WaitFor, CanvasTab::Outcomes}) {
        canvas.set_tab(tab);
        gui.frames([&] { canvas.draw(m, &s, 0, 0, size.x, size.y); }, 3);
        for (const char* id : {"Checks", "Objects", "Wait-for graph", "Outcomes"}) {
          ImGuiWindow* w = find_view_window(id);
          if (w && w->WasActive) CHECK(fits(id));
        }
      }
    }
  }
  set_ui_lang(Lang::En);
}

TEST_CASE("fit_text: a label wider than its column ends in dots, cut between characters", "[ui][fit]") {
  Headless gui(800, 600);
  gui.frames([&] {
    CHECK(fit_text("Thread-1", 400) == "Thread-1");
    const std::string name = "Thread-12 (worker_with_a_long_name)";
    const std::string fitted = fit_text(name, 90);
    CHECK(fitted != name);
    CHECK(fitted.size() > 3);
    CHECK(fitted.substr(fitted.size() - 3) == "...");
    CHECK(name.rfind(fitted.substr(0, fitted.size() - 3), 0) == 0);   // a prefix of the name
    CHECK(ImGui::CalcTextSize(fitted.c_str()).x <= 90);
    // Chinese names are cut between characters (3-byte UTF-8), never inside one.
    const std::string zh = "计算一个很长很长的任务的线程";
    const std::string zh_fitted = fit_text(zh, 80);
    const std::string kept = zh_fitted.substr(0, zh_fitted.size() - 3);
    CHECK(zh.rfind(kept, 0) == 0);
    CHECK(kept.size() % 3 == 0);   // whole characters only
    // A smaller font fits more.
    CHECK(fit_text(name, 90, 0.8f).size() >= fitted.size());
  }, 1);
}
