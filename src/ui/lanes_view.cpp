// ui/lanes_view.cpp - the Threads window.
#include "ui/lanes_view.h"

#include <algorithm>
#include <cstdio>

namespace interleave::ui {

namespace {
constexpr int kVisibleLines = 4;  // lines shown per lane before it scrolls
constexpr size_t kWrapUpTo = 64;  // a lane with at most this many lines wraps them; more are clipped

void show_full_line(const std::string& s) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// A few lines wrap at the lane's edge (the child is as tall as they need, up to
// kVisibleLines lines, then scrolls).
void draw_wrapped_lines(const Lane& lane) {
  const float line_h = ImGui::GetTextLineHeightWithSpacing(), wrap = ImGui::GetContentRegionAvail().x;
  float need = 0;
  for (const std::string& s : lane.lines)
    need += ImGui::CalcTextSize(s.data(), s.data() + s.size(), false, wrap).y + ImGui::GetStyle().ItemSpacing.y;
  const float h = std::min(need, line_h * kVisibleLines) + ImGui::GetStyle().WindowPadding.y;
  ImGui::PushID(static_cast<int>(lane.tid));
  ImGui::BeginChild("lines", ImVec2(0, h), false);
  ImGui::PushTextWrapPos(0.0f);
  for (const std::string& s : lane.lines) ImGui::TextUnformatted(s.data(), s.data() + s.size());
  ImGui::PopTextWrapPos();
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - line_h) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  ImGui::PopID();
}

void draw_lines(const Lane& lane) {
  if (lane.lines.empty() && lane.lines_hidden == 0) {
    ImGui::TextDisabled("%s", tr(Str::NoOutput));
    return;
  }
  if (lane.lines_hidden == 0 && lane.lines.size() <= kWrapUpTo) {
    draw_wrapped_lines(lane);
    return;
  }
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const int rows = static_cast<int>(lane.lines.size()) + (lane.lines_hidden ? 1 : 0);
  const float h = line_h * static_cast<float>(std::min(rows, kVisibleLines)) + ImGui::GetStyle().WindowPadding.y;
  ImGui::PushID(static_cast<int>(lane.tid));
  ImGui::BeginChild("lines", ImVec2(0, h), false);
  ImGuiListClipper clipper;
  clipper.Begin(rows, line_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      if (lane.lines_hidden && i == 0) {
        ImGui::TextDisabled("%s", trf(Str::EarlierLinesFmt, static_cast<unsigned long long>(lane.lines_hidden)).c_str());
        continue;
      }
      const std::string& s = lane.lines[static_cast<size_t>(i - (lane.lines_hidden ? 1 : 0))];
      ImGui::TextUnformatted(s.data(), s.data() + s.size());
      // A line wider than the lane is cut at its edge: the pointer shows all of it.
      if (ImGui::GetItemRectMax().x > ImGui::GetWindowPos().x + ImGui::GetWindowWidth() && ImGui::IsItemHovered())
        show_full_line(s);
    }
  }
  // Follow the newest output while the learner has not scrolled up.
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - line_h) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  ImGui::PopID();
}

constexpr size_t kMaxCoroutineRows = 12;  // sub-lanes shown per thread; the rest are counted

// Step mode's coroutine clicks while draw_lanes_view runs (null out: not picking). Kept here
// rather than passed through every lane-drawing helper; the view draws on one thread.
std::optional<CoroutineClick>* g_clicked = nullptr;

// A click target under a coroutine's sub-lane (drawn over by the row itself afterwards).
void coroutine_target(const Lane& lane, const CoroutineLane& c, float h) {
  if (!g_clicked || c.state == core::CoroutineState::Running || c.state == core::CoroutineState::Done) return;
  const ImVec2 start = ImGui::GetCursorPos();
  ImGui::PushID(static_cast<int>(c.id));
  if (ImGui::Selectable("##run-next", false, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, h)))
    *g_clicked = CoroutineClick{lane.tid, c.id};
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", trf(Str::CoClickRunNextFmt, c.name.c_str()).c_str());
  ImGui::PopID();
  ImGui::SetCursorPos(start);
}

// Its coroutines as sub-lanes: "> name [waiting]", the running one marked; past the cap
// one line counts the rest by state.
void draw_coroutines(const Lane& lane) {
  if (lane.coroutines.empty()) return;
  ImGui::Indent(14);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  const size_t shown = std::min(lane.coroutines.size(), kMaxCoroutineRows);
  for (size_t i = 0; i < shown; ++i) {
    const CoroutineLane& c = lane.coroutines[i];
    coroutine_target(lane, c, h);
    ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + 3, p.y + h - 2), thread_color(lane.color));
    ImGui::Dummy(ImVec2(6, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(c.name.c_str());
    ImGui::SameLine();
    badge(coroutine_state_label(c.state), coroutine_state_color(c.state));
  }
  if (lane.coroutines.size() > shown) {
    size_t by_state[4] = {0, 0, 0, 0};
    for (size_t i = shown; i < lane.coroutines.size(); ++i) ++by_state[size_t(lane.coroutines[i].state) & 3];
    ImGui::TextDisabled("%s", trf(Str::MoreCoroutinesFmt, lane.coroutines.size() - shown, by_state[0], by_state[1],
                                  by_state[2], by_state[3]).c_str());
  }
  ImGui::Unindent(14);
}

void draw_lane(const RunModel& model, const Lane& lane) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  float h = ImGui::GetTextLineHeight();
  dl->AddRectFilled(p, ImVec2(p.x + 4, p.y + h), thread_color(lane.color));
  ImGui::Dummy(ImVec2(8, h));
  ImGui::SameLine();
  ImGui::TextUnformatted(lane.name.c_str());
  ImGui::SameLine();
  std::string state = lane_state_text(model, lane);
  badge(state.c_str(), state_color(lane.state));
  // Watched variables on one line while they fit: "x = 3   y = 7".
  for (size_t i = 0; i < lane.watches.size(); ++i) {
    char text[160];
    std::snprintf(text, sizeof text, "%s = %lld", lane.watches[i].name.c_str(), static_cast<long long>(lane.watches[i].value));
    if (i) same_line_if_fits(ImGui::CalcTextSize(text).x, 16);
    ImGui::TextUnformatted(text);
  }
  draw_coroutines(lane);
  draw_lines(lane);
}
constexpr float kTreeIndent = 16;  // per level of the process tree

// "pid 3 child [zombie <defunct>] [exit 0] daemon" on a tinted strip; the badges go on
// the title's line when they fit, else on the next (narrow canvases).
void draw_process_header(const ProcessInfo& p) {
  const std::string title = process_title(p), state = process_state_text(p), exit = process_exit_text(p);
  const float spacing = ImGui::GetStyle().ItemSpacing.x, pad = 12;  // badge: text + 2 x 6 px
  float need = ImGui::CalcTextSize(title.c_str()).x + ImGui::CalcTextSize(state.c_str()).x + pad + spacing;
  if (!exit.empty()) need += ImGui::CalcTextSize(exit.c_str()).x + pad + spacing;
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool wrap = need > avail;
  // Very narrow: the exit badge gets a line of its own too.
  const bool wrap_exit = wrap && !exit.empty() &&
                         ImGui::CalcTextSize(state.c_str()).x + ImGui::CalcTextSize(exit.c_str()).x + 2 * pad + spacing > avail;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight() + 4 + ImGui::GetTextLineHeightWithSpacing() * ((wrap ? 1 : 0) + (wrap_exit ? 1 : 0));
  dl->AddRectFilled(ImVec2(pos.x - 4, pos.y - 1), ImVec2(pos.x + ImGui::GetContentRegionAvail().x, pos.y + h),
                    IM_COL32(228, 233, 243, 255), 3.0f);
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + 1));
  ImGui::TextUnformatted(title.c_str());
  if (!wrap) ImGui::SameLine();
  badge(state.c_str(), process_state_color(p.state));
  if (!exit.empty()) {
    if (!wrap_exit) ImGui::SameLine();
    badge(exit.c_str(), process_exit_color(p));
  }
  if (p.daemon) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr(Str::Daemon));
  }
}

// One process: its "pid 2 MainProcess" line (the pid alone would leave a learner asking where
// process 1 is), then its lanes in creation order.
void draw_flat(const RunModel& model) {
  std::vector<const Lane*> order;
  for (const Lane& l : model.lanes()) order.push_back(&l);
  std::stable_sort(order.begin(), order.end(), [](const Lane* a, const Lane* b) { return a->pid < b->pid; });
  ProcessId shown = 0;
  for (const Lane* l : order) {
    if (l->pid != shown) {
      shown = l->pid;
      const ProcessInfo* p = model.process(shown);
      ImGui::TextDisabled("%s", p ? process_title(*p).c_str() : trf(Str::ProcessFmt, static_cast<unsigned>(shown)).c_str());
      ImGui::Separator();
    }
    draw_lane(model, *l);
  }
}

// One group per process in tree order, children indented under their parent.
void draw_grouped(const RunModel& model) {
  for (const ProcessInfo& p : model.processes()) {
    const float indent = kTreeIndent * static_cast<float>(p.depth);
    if (indent > 0) ImGui::Indent(indent);
    draw_process_header(p);
    if (p.lanes.empty()) ImGui::TextDisabled("%s", tr(Str::NoThreadsInProcess));
    for (ThreadId tid : p.lanes)
      if (const Lane* l = model.lane(tid)) draw_lane(model, *l);
    if (indent > 0) ImGui::Unindent(indent);
    ImGui::Spacing();
  }
  // Lanes not yet attributed to a process (named before their first event).
  for (const Lane& l : model.lanes())
    if (!model.process(l.pid)) draw_lane(model, l);
}
}  // namespace

std::string lane_state_text(const RunModel& model, const Lane& lane) {
  if (lane.state == LaneState::Blocked && lane.blocked_on) return trf(Str::BlockedOnFmt, model.object_label(lane.blocked_on).c_str());
  return state_label(lane.state);
}

void draw_lanes_view(const RunModel& model, const ViewRect& r, bool picking, std::optional<CoroutineClick>* clicked) {
  g_clicked = picking ? clicked : nullptr;
  if (begin_view_window(tr(Str::WinThreads), "Threads", r)) {
    if (model.lanes().empty()) ImGui::TextDisabled("%s", tr(Str::NoThreads));
    if (model.multi_process()) draw_grouped(model);
    else draw_flat(model);
    if (!model.trace_note().empty()) ImGui::TextWrapped("%s", model.trace_note().c_str());
  }
  end_view_window();
  g_clicked = nullptr;
}

}  // namespace interleave::ui
