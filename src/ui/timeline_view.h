// ui/timeline_view.h - thread states and lock holds over time, Tracy style.
//
// One row per thread: a bar coloured by state (runnable, running, blocked,
// sleeping, done) and under it thin bars for the locks it holds. Only the visible
// range is visited: spans are found by binary search, and spans narrower than a
// pixel are folded into one rect per pixel column (jumping over them with another
// binary search), so the cost of a frame depends on the width in pixels, not on
// the number of events. Adjacent rects of one colour are merged, and a vertex
// budget keeps any draw list far below 64K vertices (16-bit indices natively).
//
// With several processes (RunModel::multi_process) the rows are grouped: one process
// row per process in process-tree order (its lifetime as a bar, a start marker, an
// exit marker with its code - red when killed - and "<defunct>" while a zombie),
// followed by its threads' rows; start and exit are also marked across the group.
#pragma once
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "ui/run_model.h"
#include "ui/view_common.h"

namespace interleave::ui {

class TimelineView {
 public:
  // What the last draw() did (tests and the benchmark read it).
  struct FrameStats {
    size_t rows_drawn = 0;     // thread rows inside the clip rect
    size_t process_rows = 0;   // process rows inside the clip rect (grouped runs)
    size_t coroutine_rows = 0; // coroutine rows inside the clip rect (under their threads)
    size_t process_marks = 0;  // start / exit / kill markers drawn on them
    size_t spans_visited = 0;  // spans looked at (after the binary search)
    size_t rects = 0;          // rects emitted after merging
    size_t folded = 0;         // pixel columns that folded several spans
    bool simplified = false;   // the vertex budget was reached: rows drawn as plain bars
  };

  // Draws the "Timeline" window over `r`. Mouse wheel zooms around the pointer,
  // dragging pans, double-click fits the whole run again. While fitted, the view
  // follows the run as it grows. A thread with coroutines gets one thin row per
  // coroutine under its own, with a bar in the thread's colour wherever it ran.
  void draw(const RunModel& model, const ViewRect& r);

  // Shows [begin, end) on the model's axis and stops following.
  void set_range(double begin, double end);
  // Shows the whole run and follows it.
  void fit() { follow_ = true; }
  double view_begin() const { return t0_; }
  double view_end() const { return t1_; }
  bool following() const { return follow_; }
  const FrameStats& stats() const { return stats_; }
  // A click on the tracks (pressed and released without dragging) asks to go to that time
  // on the axis: taken once, by the caller (the page seeks the run there).
  std::optional<double> take_pick() { return std::exchange(pick_, std::nullopt); }

  // Vertices one frame may add to the tracks' draw list (well under 65,536).
  static constexpr int kVertexBudget = 40000;

 private:
  // One row of the tracks: a process (grouped runs), a thread's lane or, under it, one of
  // its coroutines (a thin row: when it ran).
  struct Row {
    const ProcessInfo* process = nullptr;
    const Lane* lane = nullptr;
    int depth = 0;  // tree depth: indents the label
    const CoroutineLane* coroutine = nullptr;  // of `lane`
    float y = 0;    // top, from the first row's
    float h = 0;
  };
  void layout_rows(const RunModel& model);
  void add_row(Row row);
  void add_lane_rows(const Lane& lane, int depth);
  void draw_coroutine_row(const RunModel& model, const Row& row, float x, float y, float plot_x0, float plot_w);
  // The row under height `dy` below the first row's top, or -1.
  long row_at(float dy) const;
  void draw_process_row(const RunModel& model, const ProcessInfo& p, float x, float y, float plot_x0, float plot_w,
                        float group_bottom);
  void handle_input(const RunModel& model, float plot_x0, float plot_w);
  void draw_ruler(const RunModel& model, float x0, float w);
  // The model's marks: a line across the rows and a triangle on top, each.
  void draw_marks(const RunModel& model, float plot_x0, float plot_w, float y0, float h);
  void draw_rows(const RunModel& model, float plot_x0, float plot_w);
  void tooltip(const RunModel& model, float plot_x0, float plot_w, float rows_y0);

  std::vector<Row> rows_;  // this frame's rows (rebuilt each draw)
  float label_w_ = 96;     // the label column: wider when process rows are shown
  double t0_ = 0, t1_ = 1;
  bool follow_ = true;
  std::optional<double> pick_;
  FrameStats stats_;
};

}  // namespace interleave::ui
