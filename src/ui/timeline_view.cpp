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
constexpr float kRowH = 24;
constexpr float kStateY0 = 3, kStateY1 = 14;
constexpr float kHoldY0 = 16, kHoldY1 = 21;
constexpr float kRulerH = 20;
const ImU32 kFoldedColor = IM_COL32(105, 115, 140, 255);  // several states in one pixel

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
  (void)model;
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
    dl->AddText(ImVec2(x + 2, p.y + 1), IM_COL32(90, 90, 100, 255), label.c_str());
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

void TimelineView::draw_rows(const RunModel& model, float plot_x0, float plot_w) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec4 clip = dl->_ClipRectStack.back();
  const Axis ax{t0_, t1_, plot_x0, plot_w};
  const int vtx_start = dl->VtxBuffer.Size;
  const auto& lanes = model.lanes();
  for (size_t i = 0; i < lanes.size(); ++i) {
    const Lane& lane = lanes[i];
    float y = p.y + static_cast<float>(i) * kRowH;
    if (y + kRowH < clip.y || y > clip.w) continue;  // outside the scrolled view
    ++stats_.rows_drawn;
    dl->AddRectFilled(ImVec2(p.x, y + kStateY0), ImVec2(p.x + 4, y + kHoldY1), thread_color(lane.color));
    dl->AddText(ImVec2(p.x + 8, y + 4), IM_COL32(40, 40, 50, 255), lane.name.c_str());
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
  if (m.x < plot_x0) return;
  long row = static_cast<long>(std::floor((m.y - rows_y0) / kRowH));
  if (row < 0 || row >= static_cast<long>(model.lanes().size())) return;
  const Lane& lane = model.lanes()[static_cast<size_t>(row)];
  double t = Axis{t0_, t1_, plot_x0, plot_w}.t(m.x);
  auto it = std::partition_point(lane.states.begin(), lane.states.end(), [&](const StateSpan& s) {
    return static_cast<double>(clamp_end(s.end, model.now())) <= t;
  });
  if (it == lane.states.end() || static_cast<double>(it->start) > t) return;
  const double origin = static_cast<double>(model.begin_time());
  ImGui::BeginTooltip();
  ImGui::Text("%s: %s%s%s", lane.name.c_str(), lane_state_name(it->state), it->object ? " on " : "",
              it->object ? model.object_label(it->object).c_str() : "");
  ImGui::Text("from %s to %s", format_time(it->start - static_cast<int64_t>(origin), model.axis()).c_str(),
              it->end == kOpenEnd ? "now" : format_time(it->end - static_cast<int64_t>(origin), model.axis()).c_str());
  ImGui::EndTooltip();
}

//-----------------------------------------------------------------------------
// [SECTION] draw()
//-----------------------------------------------------------------------------
void TimelineView::draw(const RunModel& model, const ViewRect& r) {
  stats_ = FrameStats{};
  if (follow_) {
    t0_ = static_cast<double>(model.begin_time());
    t1_ = std::max(static_cast<double>(model.now()), t0_ + 1);
  }
  if (begin_view_window("Timeline", r)) {
    // Legend: what the colours mean.
    for (LaneState s : {LaneState::Runnable, LaneState::Running, LaneState::Blocked, LaneState::Sleeping,
                        LaneState::Done}) {
      badge(lane_state_name(s), state_color(s));
      ImGui::SameLine();
    }
    ImGui::TextDisabled("thin bars: locks held");
    if (model.lanes().empty()) {
      ImGui::TextDisabled("No events yet.");
    } else {
      float x0 = ImGui::GetCursorScreenPos().x;
      float plot_x0 = x0 + kLabelW;
      float plot_w = std::max(ImGui::GetContentRegionAvail().x - kLabelW, 10.0f);
      draw_ruler(model, plot_x0, plot_w);
      // Rows scroll vertically; the wheel is kept for zooming.
      ImGui::BeginChild("tracks", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
      float rows_y0 = ImGui::GetCursorScreenPos().y;
      draw_rows(model, plot_x0, plot_w);
      float content_h = static_cast<float>(model.lanes().size()) * kRowH;
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
