// ui/canvas.h - every view of a run, tiled over the space the app gives the canvas.
#pragma once
#include "ui/outcomes_view.h"
#include "ui/run_model.h"
#include "ui/timeline_view.h"
#include "ui/view_common.h"

namespace interleave::ui {

// Where each view goes. Wide (>= 1000 px): a left column of Threads over Checks,
// and on the right the Timeline over a row of Objects, Wait-for graph and Outcomes.
// Narrow (an 800x600 iframe): Outcomes moves under Checks so each cell stays usable.
struct CanvasLayout {
  ViewRect threads, checks, timeline, objects, waitfor, outcomes;
};
CanvasLayout layout_canvas(float x, float y, float width, float height);

// The canvas keeps what must survive between frames (the timeline's zoom and pan).
class Canvas {
 public:
  // Draws all views of `model` over the rectangle; `outcomes` may be null. Call
  // between ImGui::NewFrame() and ImGui::Render(), after model.drain().
  void draw(const RunModel& model, const OutcomeSeries* outcomes, float x, float y, float width, float height);
  TimelineView& timeline() { return timeline_; }

 private:
  TimelineView timeline_;
};

}  // namespace interleave::ui
