// ui/timeline_view.cpp - the Timeline window.
//
// [SECTION] Geometry and the rect batcher
// [SECTION] Input: zoom, pan, fit
// [SECTION] Ruler
// [SECTION] Rows: states and holds with folding
// [SECTION] Tooltip
// [SECTION] draw()
#include "ui/timeline_view.h"

#include <algorithm>
#include <cmath>

namespace interleave::ui {

namespace {
//-----------------------------------------------------------------------------
// [SECTION] Geometry and the rect batcher
//-----------------------------------------------------------------------------
constexpr float kLabelW = 96;    // thread names on the left
constexpr float kGroupedLabelW = 150;  // with process rows ("pid 3 grandchild", indented)
constexpr float kTreeIndent = 10;      // per level of the process tree
const ImU32 kProcessRowBg = IM_COL32(228, 233, 243, 255);
const ImU32 kLifeColor = IM_COL32(95, 115, 155, 255);   // a process's lifetime bar
const ImU32 kStartColor = IM_COL32(40, 150, 60, 255);
const ImU32 kExitColor = IM_COL32(60, 60, 70, 255);
const ImU32 kKillColor = IM_COL32(210, 40, 35, 255);
constexpr float kRowH = 24;
constexpr float kCoRowH = 14;             // a coroutine's thin row under its thread
constexpr float kCoBarY0 = 4, kCoBarY1 = 10;
constexpr float kStateY0 = 3, kStateY1 = 14;
constexpr float kHoldY0 = 16, kHoldY1 = 21;
constexpr float kRulerH = 20;
const ImU32 kFoldedColor = IM_COL32(105, 115, 140, 255);  // several states in one pixel

// The label column: wide enough for the longest thread name ("Thread-1 (increment)") and
// at least `least`, but at most 35% of the window, so the plot keeps most of the room.
float label_width(const RunModel& model, float least) {
  float widest = 0;
  for (const Lane& l : model.lanes()) widest = std::max(widest, ImGui::CalcTextSize(l.name.c_str()).x);
  const float indent = model.multi_process() ? 3 * kTreeIndent : 0;
  const float most = std::max(least, ImGui::GetContentRegionAvail().x * 0.35f);
  return std::clamp(widest + 16 + indent, least, most);
}

// Maps time to x and back for the visible range.
struct Axis {
  double t0, t1;
  float x0, w;
  double px_per_t() const { return w / std::max(t1 - t0, 1e-9); }
  float x(double t) const { return x0 + static_cast<float>((t - t0) * px_per_t()); }
  double t(float x) const { return t0 + (x - x0) / px_per_t(); }
};

// Merges touching rects of one colour into one, so long runs of identical pixel
// columns cost four vertices.
class RectBatcher {
 public:
  RectBatcher(ImDrawList* dl, float y0, float y1, size_t* count) : dl_(dl), y0_(y0), y1_(y1), count_(count) {}
  ~RectBatcher() { flush(); }
  void add(float xa, float xb, ImU32 c) {
    if (has_ && c == c_ && xa <= xb_ + 0.5f) {
      xb_ = std::max(xb_, xb);
      return;
    }
    flush();
    has_ = true;
    xa_ = xa;
    xb_ = xb;
    c_ = c;
  }
  void flush() {
    if (!has_) return;
    dl_->AddRectFilled(ImVec2(xa_, y0_), ImVec2(std::max(xb_, xa_ + 1.0f), y1_), c_);
    ++*count_;
    has_ = false;
  }

 private:
  ImDrawList* dl_;
  float y0_, y1_;
  size_t* count_;
  bool has_ = false;
  float xa_ = 0, xb_ = 0;
  ImU32 c_ = 0;
};

int64_t clamp_end(int64_t end, int64_t now) { return end == kOpenEnd ? std::max(now, int64_t{0}) : end; }

// A "nice" tick step (1, 2 or 5 times a power of ten) for about `n` ticks.
double nice_step(double range, int n) {
  double raw = range / std::max(n, 1);
  double p = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * p) return m * p;
  return 10 * p;
}
}  // namespace

void TimelineView::set_range(double begin, double end) {
  t0_ = begin;
  t1_ = std::max(end, begin + 1);
  follow_ = false;
}

//-----------------------------------------------------------------------------
// [SECTION] Input: zoom, pan, fit
//-----------------------------------------------------------------------------
void TimelineView::handle_input(const RunModel& model, float plot_x0, float plot_w) {
  if (!ImGui::IsItemHovered() && !ImGui::IsItemActive()) return;
  ImGuiIO& io = ImGui::GetIO();
  Axis ax{t0_, t1_, plot_x0, plot_w};
  if (io.MouseWheel != 0) {
    // Zoom around the time under the pointer so it stays put.
    double pivot = ax.t(std::clamp(io.MousePos.x, plot_x0, plot_x0 + plot_w));
    double k = std::pow(1.25, -io.MouseWheel);
    double span = std::max((t1_ - t0_) * k, 10.0);  // 10 units: ns or events
    double f = (pivot - t0_) / (t1_ - t0_);
    set_range(pivot - f * span, pivot - f * span + span);
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left) && io.MouseDelta.x != 0) {
    double dt = -io.MouseDelta.x / ax.px_per_t();
    set_range(t0_ + dt, t1_ + dt);
  }
  if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) fit();
  // A click, not a drag: the time under the pointer is picked.
  if (ImGui::IsItemDeactivated() && io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 16 &&
      io.MousePos.x >= plot_x0 && io.MousePos.x <= plot_x0 + plot_w)
    pick_ = ax.t(io.MousePos.x);
  (void)model;
}

void TimelineView::draw_marks(const RunModel& model, float plot_x0, float plot_w, float y0, float h) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Axis ax{t0_, t1_, plot_x0, plot_w};
  const ImU32 c = IM_COL32(214, 40, 120, 255);
  for (int64_t t : model.marks()) {
    const float x = ax.x(static_cast<double>(t));
    if (x < plot_x0 || x > plot_x0 + plot_w) continue;
    dl->AddLine(ImVec2(x, y0), ImVec2(x, y0 + h), c, 2.0f);
    dl->AddTriangleFilled(ImVec2(x - 6, y0), ImVec2(x + 6, y0), ImVec2(x, y0 + 8), c);
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Ruler
//-----------------------------------------------------------------------------
void TimelineView::draw_ruler(const RunModel& model, float x0, float w) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  Axis ax{t0_, t1_, x0, w};
  // Labels are relative to the run's start: wall clocks have a large origin.
  const double origin = static_cast<double>(model.begin_time());
  double step = nice_step(t1_ - t0_, std::max(2, static_cast<int>(w / 110)));
  double first = std::ceil((t0_ - origin) / step) * step + origin;
  dl->AddLine(ImVec2(x0, p.y + kRulerH - 1), ImVec2(x0 + w, p.y + kRulerH - 1), IM_COL32(180, 180, 190, 255));
  for (double t = first; t <= t1_ && step > 0; t += step) {
    float x = ax.x(t);
    dl->AddLine(ImVec2(x, p.y + kRulerH - 6), ImVec2(x, p.y + kRulerH - 1), IM_COL32(150, 150, 160, 255));
    std::string label = format_time(static_cast<int64_t>(std::llround(t - origin)), model.axis());
    // The last label would run past the plot's right edge: it ends at the edge instead.
    const float lx = std::min(x + 2, x0 + w - ImGui::CalcTextSize(label.c_str()).x - 2);
    dl->AddText(ImVec2(lx, p.y + 1), IM_COL32(90, 90, 100, 255), label.c_str());
  }
  ImGui::Dummy(ImVec2(w, kRulerH));
}

//-----------------------------------------------------------------------------
// [SECTION] Rows: states and holds with folding
//-----------------------------------------------------------------------------
namespace {
// Draws the visible part of one lane's state spans. Returns spans visited.
size_t draw_states(const Lane& lane, const Axis& ax, int64_t now, RectBatcher& out, size_t* folded) {
  const auto& v = lane.states;
  // First span still running at t0 (spans are contiguous: ends are sorted).
  auto it = std::partition_point(v.begin(), v.end(),
                                 [&](const StateSpan& s) { return static_cast<double>(clamp_end(s.end, now)) <= ax.t0; });
  size_t visited = 0;
  const float x_end = ax.x0 + ax.w;
  float drawn = ax.x0;  // pixels left of this are already covered by a fold
  while (it != v.end() && static_cast<double>(it->start) < ax.t1) {
    ++visited;
    float xa = std::max(ax.x(static_cast<double>(it->start)), drawn);
    float xb = std::min(ax.x(static_cast<double>(clamp_end(it->end, now))), x_end);
    if (xb <= xa) {  // entirely inside a column already folded
      ++it;
      continue;
    }
    if (xb - xa >= 1.0f) {
      out.add(xa, xb, state_color(it->state));
      ++it;
      continue;
    }
    // Sub-pixel: everything ending inside this pixel column becomes one rect.
    float col = std::floor(xa);
    double col_end = ax.t(col + 1.0f);
    auto next = std::partition_point(it, v.end(), [&](const StateSpan& s) {
      return static_cast<double>(clamp_end(s.end, now)) <= col_end;
    });
    bool many = next - it > 1;
    out.add(col, col + 1.0f, many ? kFoldedColor : state_color(it->state));
    if (many) ++*folded;
    drawn = col + 1.0f;
    it = std::max(next, it + 1);
  }
  return visited;
}

// Draws one lane's lock holds. Closed holds are searched from t0 - longest hold;
// open ones (a few) are drawn from the lane's open list.
size_t draw_holds(const Lane& lane, const Axis& ax, int64_t now, RectBatcher& out, size_t* folded) {
  const auto& v = lane.holds;
  double from = ax.t0 - static_cast<double>(lane.longest_hold);
  auto it = std::partition_point(v.begin(), v.end(), [&](const HoldSpan& h) { return static_cast<double>(h.start) < from; });
  size_t visited = 0;
  const float x_end = ax.x0 + ax.w;
  float drawn = ax.x0;
  while (it != v.end() && static_cast<double>(it->start) < ax.t1) {
    ++visited;
    if (it->end == kOpenEnd || static_cast<double>(it->end) <= ax.t0) {
      ++it;
      continue;
    }
    float xa = std::max(ax.x(static_cast<double>(it->start)), drawn);
    float xb = std::min(ax.x(static_cast<double>(it->end)), x_end);
    if (xb <= xa) {
      ++it;
      continue;
    }
    if (xb - xa >= 1.0f) {
      out.add(xa, xb, object_color(it->object));
      ++it;
      continue;
    }
    float col = std::floor(xa);
    double col_end = ax.t(col + 1.0f);
    auto next = std::partition_point(it, v.end(), [&](const HoldSpan& h) { return static_cast<double>(h.start) < col_end; });
    bool many = next - it > 1;
    out.add(col, col + 1.0f, many ? kFoldedColor : object_color(it->object));
    if (many) ++*folded;
    drawn = col + 1.0f;
    it = std::max(next, it + 1);
  }
  out.flush();
  for (uint32_t k : lane.open_holds) {
    const HoldSpan& h = v[k];
    float xa = std::max(ax.x(static_cast<double>(h.start)), ax.x0);
    float xb = std::min(ax.x(static_cast<double>(now)), x_end);
    if (xb > ax.x0 && xa < x_end) out.add(xa, std::max(xb, xa + 1.0f), object_color(h.object));
    out.flush();
  }
  return visited;
}
}  // namespace

void TimelineView::add_row(Row row) {
  row.y = rows_.empty() ? 0 : rows_.back().y + rows_.back().h;
  row.h = row.coroutine ? kCoRowH : kRowH;
  rows_.push_back(row);
}

// A thread's row, then one thin row per coroutine of it (none: just the thread, as always).
void TimelineView::add_lane_rows(const Lane& lane, int depth) {
  add_row(Row{nullptr, &lane, depth});
  for (const CoroutineLane& c : lane.coroutines) add_row(Row{nullptr, &lane, depth + 1, &c});
}

long TimelineView::row_at(float dy) const {
  auto it = std::partition_point(rows_.begin(), rows_.end(), [&](const Row& r) { return r.y + r.h <= dy; });
  return dy < 0 || it == rows_.end() ? -1 : static_cast<long>(it - rows_.begin());
}

void TimelineView::layout_rows(const RunModel& model) {
  rows_.clear();
  if (!model.multi_process()) {
    for (const Lane& l : model.lanes()) add_lane_rows(l, 0);
    label_w_ = label_width(model, kLabelW);
    return;
  }
  label_w_ = label_width(model, kGroupedLabelW);
  for (const ProcessInfo& p : model.processes()) {
    add_row(Row{&p, nullptr, p.depth});
    for (ThreadId tid : p.lanes)
      if (const Lane* l = model.lane(tid)) add_lane_rows(*l, p.depth + 1);
  }
  for (const Lane& l : model.lanes())
    if (!model.process(l.pid)) add_lane_rows(l, 0);
}

// A coroutine's row: its name (indented under its thread's) and a thin bar, in its
// thread's colour, wherever it ran; sub-pixel runs fold into one pixel column each.
void TimelineView::draw_coroutine_row(const RunModel& model, const Row& row, float x, float y, float plot_x0,
                                      float plot_w) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const CoroutineLane& c = *row.coroutine;
  const Axis ax{t0_, t1_, plot_x0, plot_w};
  const float lx = x + kTreeIndent * static_cast<float>(row.depth);
  const std::string name = fit_text(c.name, plot_x0 - 4 - (lx + 8), 0.8f);
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.8f, ImVec2(lx + 8, y), IM_COL32(90, 90, 105, 255), name.c_str());
  ImGui::LogText("  %s [%s]\n", c.name.c_str(), core::coroutine_state_name(int64_t(c.state)));
  dl->AddLine(ImVec2(plot_x0, y + kCoRowH - 1), ImVec2(plot_x0 + plot_w, y + kCoRowH - 1), IM_COL32(230, 230, 236, 255));
  const int64_t now = model.now();
  auto it = std::partition_point(c.runs.begin(), c.runs.end(),
                                 [&](const CoroutineSpan& s) { return static_cast<double>(clamp_end(s.end, now)) <= ax.t0; });
  RectBatcher bars(dl, y + kCoBarY0, y + kCoBarY1, &stats_.rects);
  const ImU32 color = thread_color(row.lane->color);
  for (; it != c.runs.end() && static_cast<double>(it->start) < ax.t1; ++it) {
    ++stats_.spans_visited;
    const float xa = std::max(ax.x(static_cast<double>(it->start)), plot_x0);
    const float xb = std::min(ax.x(static_cast<double>(clamp_end(it->end, now))), plot_x0 + plot_w);
    bars.add(xa, std::max(xb, xa + 1.0f), color);  // a switch shorter than a pixel still shows
  }
}

// A process row: its lifetime bar from start to exit (to now while it runs), a start
// marker, an exit marker labelled with its code (red when killed) and, while it was a
// zombie, "<defunct>" from its exit to its reaping (or now). Start and exit lines run down to
// `group_bottom`, across its threads' rows.
void TimelineView::draw_process_row(const RunModel& model, const ProcessInfo& p, float x, float y, float plot_x0,
                                    float plot_w, float group_bottom) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Axis ax{t0_, t1_, plot_x0, plot_w};
  const float x_end = plot_x0 + plot_w;
  dl->AddRectFilled(ImVec2(x, y + 1), ImVec2(x_end, y + kRowH - 1), kProcessRowBg, 3.0f);
  std::string title = process_title(p), state = process_state_text(p), exit = process_exit_text(p);
  const float tx = x + 4 + kTreeIndent * static_cast<float>(p.depth);
  dl->AddText(ImVec2(tx, y + 4), IM_COL32(30, 35, 60, 255), fit_text(title, plot_x0 - 4 - tx).c_str());
  ImGui::LogText("%s [%s]%s%s\n", title.c_str(), state.c_str(), exit.empty() ? "" : " ", exit.c_str());
  if (p.start == kOpenEnd) return;  // not started yet as far as the trace says
  const int64_t now = model.now();
  const double end = static_cast<double>(p.exited && p.end != kOpenEnd ? p.end : now);
  auto visible = [&](float px) { return px >= plot_x0 && px <= x_end; };
  const float xs = ax.x(static_cast<double>(p.start)), xe = ax.x(end);
  const float ya = y + 9, yb = y + 15;
  if (xe >= plot_x0 && xs <= x_end)
    dl->AddRectFilled(ImVec2(std::max(xs, plot_x0), ya), ImVec2(std::max(std::min(xe, x_end), xs + 1), yb), kLifeColor);
  const ProcessInfo* parent = p.orphan ? model.process(p.first_ppid) : nullptr;
  if (parent && parent->exited && parent->end != kOpenEnd) {
    // Orphaned when its parent ended: from then on init is its parent.
    const float xo = std::max(ax.x(static_cast<double>(parent->end)), plot_x0), xl = std::min(xe, x_end);
    if (xl > xo) {
      const ImU32 orange = process_state_color(ProcessStatus::Orphan);
      dl->AddRectFilled(ImVec2(xo, ya), ImVec2(xl, yb), orange);
      const char* what = tr(Str::ProcOrphan);
      if (xl - xo > ImGui::CalcTextSize(what).x + 12) dl->AddText(ImVec2(xo + 8, y + 4), IM_COL32(120, 70, 10, 255), what);
    }
  }
  if (p.exited && p.end != kOpenEnd && (p.state == ProcessStatus::Zombie || p.reap_time != kOpenEnd)) {
    // Exited, not yet waited for: a zombie until its parent (or init) reaps it.
    const int64_t reaped = p.reap_time != kOpenEnd ? p.reap_time : now;
    const float xz = std::min(ax.x(static_cast<double>(reaped)), x_end);
    if (xz > xe && xe < x_end) {
      dl->AddRectFilled(ImVec2(std::max(xe, plot_x0), ya), ImVec2(xz, yb), process_state_color(ProcessStatus::Zombie));
      // After the exit code's label (drawn below, right of the marker).
      const float tx = std::max(xe, plot_x0) + 12 + ImGui::CalcTextSize(process_exit_text(p).c_str()).x;
      if (xz - tx > ImGui::CalcTextSize("<defunct>").x + 4) dl->AddText(ImVec2(tx, y + 4), IM_COL32(80, 50, 110, 255), "<defunct>");
    }
  }
  if (visible(xs)) {
    dl->AddTriangleFilled(ImVec2(xs, y + 5), ImVec2(xs, y + 19), ImVec2(xs + 7, y + 12), kStartColor);
    dl->AddLine(ImVec2(xs, y + kRowH), ImVec2(xs, group_bottom), IM_COL32(40, 150, 60, 90));
    ++stats_.process_marks;
  }
  if (p.exited && p.end != kOpenEnd && visible(xe)) {
    const ImU32 c = p.killed ? kKillColor : kExitColor;
    dl->AddRectFilled(ImVec2(xe - 1, y + 3), ImVec2(xe + 2, y + kRowH - 3), c);
    dl->AddLine(ImVec2(xe, y + kRowH), ImVec2(xe, group_bottom), p.killed ? IM_COL32(210, 40, 35, 110) : IM_COL32(60, 60, 70, 70));
    // The code beside the marker, on whichever side has room.
    ImVec2 ts = ImGui::CalcTextSize(exit.c_str());
    // Right of the marker, unless that leaves the plot; never into the label column.
    float tx = xe + 5 + ts.x <= x_end ? xe + 5 : std::max(xe - 5 - ts.x, plot_x0);
    dl->AddRectFilled(ImVec2(tx - 2, y + 3), ImVec2(tx + ts.x + 2, y + 3 + ts.y), kProcessRowBg);
    dl->AddText(ImVec2(tx, y + 3), c, exit.c_str());
    ++stats_.process_marks;
  }
}

void TimelineView::draw_rows(const RunModel& model, float plot_x0, float plot_w) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec4 clip = dl->_ClipRectStack.back();
  const Axis ax{t0_, t1_, plot_x0, plot_w};
  const int vtx_start = dl->VtxBuffer.Size;
  for (size_t i = 0; i < rows_.size(); ++i) {
    const Row& row = rows_[i];
    float y = p.y + row.y;
    if (y + row.h < clip.y || y > clip.w) continue;  // outside the scrolled view
    if (row.process) {
      size_t last = i;
      while (last + 1 < rows_.size() && !rows_[last + 1].process) ++last;
      ++stats_.process_rows;
      draw_process_row(model, *row.process, p.x, y, plot_x0, plot_w, p.y + rows_[last].y + rows_[last].h);
      continue;
    }
    if (row.coroutine) {
      ++stats_.coroutine_rows;
      draw_coroutine_row(model, row, p.x, y, plot_x0, plot_w);
      continue;
    }
    const Lane& lane = *row.lane;
    ++stats_.rows_drawn;
    const float lx = p.x + kTreeIndent * static_cast<float>(row.depth);
    dl->AddRectFilled(ImVec2(lx, y + kStateY0), ImVec2(lx + 4, y + kHoldY1), thread_color(lane.color));
    // Names stay out of the plot (a name wider than the column ends in "..."; the tooltip has it).
    dl->AddText(ImVec2(lx + 8, y + 4), IM_COL32(40, 40, 50, 255), fit_text(lane.name, plot_x0 - 4 - (lx + 8)).c_str());
    ImGui::LogText("%s\n", lane.name.c_str());
    if (dl->VtxBuffer.Size - vtx_start > kVertexBudget) {
      // Out of budget (pathological colour alternation on many rows): one bar per row.
      stats_.simplified = true;
      dl->AddRectFilled(ImVec2(plot_x0, y + kStateY0), ImVec2(plot_x0 + plot_w, y + kStateY1), kFoldedColor);
      continue;
    }
    {
      RectBatcher states(dl, y + kStateY0, y + kStateY1, &stats_.rects);
      stats_.spans_visited += draw_states(lane, ax, model.now(), states, &stats_.folded);
    }
    RectBatcher holds(dl, y + kHoldY0, y + kHoldY1, &stats_.rects);
    stats_.spans_visited += draw_holds(lane, ax, model.now(), holds, &stats_.folded);
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Tooltip
//-----------------------------------------------------------------------------
void TimelineView::tooltip(const RunModel& model, float plot_x0, float plot_w, float rows_y0) {
  if (!ImGui::IsItemHovered()) return;
  ImVec2 m = ImGui::GetIO().MousePos;
  long row = row_at(m.y - rows_y0);
  if (row < 0) return;
  if (m.x < plot_x0) {
    // The label column: the row's whole name (a long one is cut there).
    const Row& r = rows_[static_cast<size_t>(row)];
    const std::string name = r.process ? process_title(*r.process) : r.coroutine ? r.coroutine->name : r.lane->name;
    ImGui::SetTooltip("%s", name.c_str());
    return;
  }
  const double origin = static_cast<double>(model.begin_time());
  auto when = [&](int64_t t) { return format_time(t - static_cast<int64_t>(origin), model.axis()); };
  if (const ProcessInfo* p = rows_[static_cast<size_t>(row)].process) {
    ImGui::BeginTooltip();
    ImGui::Text("%s: %s", process_title(*p).c_str(), process_state_text(*p).c_str());
    if (p->start != kOpenEnd) ImGui::Text("started at %s", when(p->start).c_str());
    if (p->exited && p->end != kOpenEnd)
      ImGui::Text("%s: %s (%s)", tr(p->killed ? Str::MarkKilled : Str::MarkExit), when(p->end).c_str(), process_exit_text(*p).c_str());
    if (p->reaped_by && p->reap_time != kOpenEnd)
      ImGui::Text("reaped by %s at %s", p->reaped_by == 1 ? "init (pid 1)" : ("pid " + std::to_string(p->reaped_by)).c_str(),
                  when(p->reap_time).c_str());
    if (p->orphan) ImGui::Text("its parent (pid %u) ended first: init (pid 1) adopted it", static_cast<unsigned>(p->first_ppid));
    ImGui::EndTooltip();
    return;
  }
  const Lane& lane = *rows_[static_cast<size_t>(row)].lane;
  double t = Axis{t0_, t1_, plot_x0, plot_w}.t(m.x);
  if (const CoroutineLane* c = rows_[static_cast<size_t>(row)].coroutine) {
    ImGui::BeginTooltip();
    ImGui::Text("%s (on %s): %s, ran %zu times", c->name.c_str(), lane.name.c_str(),
                core::coroutine_state_name(int64_t(c->state)), c->runs.size());
    auto run = std::partition_point(c->runs.begin(), c->runs.end(), [&](const CoroutineSpan& s) {
      return static_cast<double>(clamp_end(s.end, model.now())) <= t;
    });
    if (run != c->runs.end() && static_cast<double>(run->start) <= t)
      ImGui::TextUnformatted(trf(Str::TipRunningFromToFmt, when(run->start).c_str(), run->end == kOpenEnd ? tr(Str::Now) : when(run->end).c_str()).c_str());
    ImGui::EndTooltip();
    return;
  }
  auto it = std::partition_point(lane.states.begin(), lane.states.end(), [&](const StateSpan& s) {
    return static_cast<double>(clamp_end(s.end, model.now())) <= t;
  });
  if (it == lane.states.end() || static_cast<double>(it->start) > t) return;
  ImGui::BeginTooltip();
  if (it->object)
    ImGui::TextUnformatted(trf(Str::TipStateOnFmt, lane.name.c_str(), state_label(it->state), model.object_label(it->object).c_str()).c_str());
  else
    ImGui::Text("%s: %s", lane.name.c_str(), state_label(it->state));
  ImGui::TextUnformatted(trf(Str::TipFromToFmt, when(it->start).c_str(), it->end == kOpenEnd ? tr(Str::Now) : when(it->end).c_str()).c_str());
  ImGui::EndTooltip();
}

//-----------------------------------------------------------------------------
// [SECTION] draw()
//-----------------------------------------------------------------------------
namespace {
bool has_coroutines(const RunModel& model) {
  for (const Lane& l : model.lanes())
    if (!l.coroutines.empty()) return true;
  return false;
}

// "process: > start | exit | killed" with the markers the process rows use.
void draw_process_legend() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  same_line_if_fits(ImGui::CalcTextSize(tr(Str::LegendProcess)).x + 3 * 60, 14);
  ImGui::TextDisabled("%s", tr(Str::LegendProcess));
  auto mark = [&](const char* what, bool triangle, ImU32 c) {
    ImGui::SameLine();
    ImVec2 p = ImGui::GetCursorScreenPos();
    if (triangle) dl->AddTriangleFilled(ImVec2(p.x, p.y + 1), ImVec2(p.x, p.y + h - 1), ImVec2(p.x + 7, p.y + h * 0.5f), c);
    else dl->AddRectFilled(ImVec2(p.x + 2, p.y + 1), ImVec2(p.x + 5, p.y + h - 1), c);
    ImGui::Dummy(ImVec2(8, h));
    ImGui::SameLine(0, 3);
    ImGui::TextDisabled("%s", what);
  };
  mark(tr(Str::MarkStart), true, kStartColor);
  mark(tr(Str::MarkExit), false, kExitColor);
  mark(tr(Str::MarkKilled), false, kKillColor);
}
}  // namespace

void TimelineView::draw(const RunModel& model, const ViewRect& r) {
  stats_ = FrameStats{};
  if (follow_) {
    t0_ = static_cast<double>(model.begin_time());
    t1_ = std::max(static_cast<double>(model.now()), t0_ + 1);
  }
  if (begin_view_window(tr(Str::WinTimeline), "Timeline", r)) {
    // Legend: what the colours mean; it wraps on a narrow canvas.
    bool first = true;
    for (LaneState s : {LaneState::Runnable, LaneState::Running, LaneState::Blocked, LaneState::Sleeping,
                        LaneState::Done}) {
      if (!first) same_line_if_fits(badge_width(state_label(s)));
      first = false;
      badge(state_label(s), state_color(s));
    }
    same_line_if_fits(ImGui::CalcTextSize(tr(Str::LegendLocks)).x);
    ImGui::TextDisabled("%s", tr(Str::LegendLocks));
    if (has_coroutines(model)) {
      same_line_if_fits(ImGui::CalcTextSize(tr(Str::LegendCoroutines)).x, 14);
      ImGui::TextDisabled("%s", tr(Str::LegendCoroutines));
    }
    if (model.multi_process()) draw_process_legend();
    if (!model.marks().empty()) {
      ImGui::SameLine(0, 14);
      ImGui::TextColored(ImVec4(0.84f, 0.16f, 0.47f, 1), "| preemption (%d)", int(model.marks().size()));
    }
    layout_rows(model);
    if (model.lanes().empty()) {
      ImGui::TextDisabled("%s", tr(Str::NoEvents));
    } else {
      float x0 = ImGui::GetCursorScreenPos().x;
      float plot_x0 = x0 + label_w_;
      // Rows taller than the view get a scrollbar inside "tracks": the plot ends before it, or
      // its right edge (exit labels, the newest spans) would sit under the bar.
      const float rows_h = rows_.empty() ? 0 : rows_.back().y + rows_.back().h;
      const bool scrolls = rows_h > ImGui::GetContentRegionAvail().y - kRulerH;
      const float bar = scrolls ? ImGui::GetStyle().ScrollbarSize : 0;
      float plot_w = std::max(ImGui::GetContentRegionAvail().x - label_w_ - bar, 10.0f);
      draw_ruler(model, plot_x0, plot_w);
      // Rows scroll vertically; the wheel is kept for zooming.
      ImGui::BeginChild("tracks", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
      float rows_y0 = ImGui::GetCursorScreenPos().y;
      draw_rows(model, plot_x0, plot_w);
      float content_h = rows_.empty() ? 0 : rows_.back().y + rows_.back().h;
      draw_marks(model, plot_x0, plot_w, rows_y0, content_h);
      ImGui::InvisibleButton("plot", ImVec2(std::max(ImGui::GetContentRegionAvail().x, 1.0f),
                                            std::max(content_h, ImGui::GetContentRegionAvail().y)));
      handle_input(model, plot_x0, plot_w);
      tooltip(model, plot_x0, plot_w, rows_y0);
      ImGui::EndChild();
    }
  }
  end_view_window();
}

}  // namespace interleave::ui
