// The status view: build information and a live counter driven by a worker thread, proof
// that threads run behind the canvas. Later views (lanes, timeline, graphs) sit beside it.
#pragma once
#include <cstdint>
#include <string>

namespace interleave::ui {

struct StatusModel {
  std::string version, commit, target, compiler;
  bool isolated = false;            // the page is cross-origin isolated (SharedArrayBuffer)
  bool threads_supported = false;   // this build runs real threads
  uint64_t worker_count = 0;        // the worker thread's counter, read atomically by the app
  double worker_rate_per_s = 0;     // counts per second over the last second
  float frame_ms = 0;
};

// Draws the view as one ImGui window at `pos` with `size` (logical pixels).
void draw_status_view(const StatusModel& model, float x, float y, float width, float height);

}  // namespace interleave::ui
