// ui/canvas.h - every view of a run, tiled over the space the app gives the canvas.
#pragma once
#include <optional>
#include <utility>

#include "ui/lanes_view.h"
#include "ui/outcomes_view.h"
#include "ui/run_model.h"
#include "ui/timeline_view.h"
#include "ui/view_common.h"

namespace interleave::ui {

// The four views that share the bottom area as tabs on a compact canvas.
enum class CanvasTab : int { Checks, Objects, WaitFor, Outcomes };

// Where each view goes. Wide (>= 1000 px): a left column of Threads over Checks,
// and on the right the Timeline over a row of Objects, Wait-for graph and Outcomes.
// Medium (700..999 px): Outcomes moves under Checks so each cell stays usable.
// Compact (< 700 px: beside the editor at 1280x720, an 800x600 embed): Threads and the
// Timeline share the top; below them a tab strip (`tabs`) picks which of Checks, Objects,
// Wait-for graph and Outcomes fills the bottom (`checks` .. `outcomes` are all that rect).
struct CanvasLayout {
  ViewRect threads, checks, timeline, objects, waitfor, outcomes;
  bool tabbed = false;
  ViewRect tabs;
};
CanvasLayout layout_canvas(float x, float y, float width, float height);

// The canvas keeps what must survive between frames (the timeline's zoom and pan, the
// compact layout's tab).
class Canvas {
 public:
  // Draws all views of `model` over the rectangle; `outcomes` may be null. Call
  // between ImGui::NewFrame() and ImGui::Render(), after model.drain(). On a compact
  // canvas only the chosen tab's view is drawn; the tab follows the run: the Wait-for graph
  // when it deadlocks, the Checks when its results arrive, Outcomes when a batch starts.
  void draw(const RunModel& model, const OutcomeSeries* outcomes, float x, float y, float width, float height);
  TimelineView& timeline() { return timeline_; }
  // Det step mode: coroutine sub-lanes take clicks ("run it next") while this is on.
  void set_coroutine_picking(bool on) { picking_ = on; }
  // The last coroutine sub-lane clicked since the previous call, if any.
  std::optional<CoroutineClick> take_coroutine_click() { return std::exchange(clicked_, std::nullopt); }
  CanvasTab tab() const { return tab_; }
  void set_tab(CanvasTab t) { tab_ = t; pending_select_ = true; }

 private:
  void follow_run(const RunModel& model, const OutcomeSeries* outcomes);
  void draw_tab_strip(const ViewRect& r);

  TimelineView timeline_;
  bool picking_ = false;
  std::optional<CoroutineClick> clicked_;
  CanvasTab tab_ = CanvasTab::Objects;
  bool pending_select_ = false;   // tab_ changed by the run: the tab bar is told once
  bool was_deadlocked_ = false;
  bool had_checks_ = false;
  size_t had_outcomes_ = 0;
};

}  // namespace interleave::ui
