// ui/lanes_view.cpp - the Threads window.
#include "ui/lanes_view.h"

#include <algorithm>

namespace interleave::ui {

namespace {
constexpr int kVisibleLines = 4;  // lines shown per lane before it scrolls

void draw_lines(const Lane& lane) {
  if (lane.lines.empty() && lane.lines_hidden == 0) {
    ImGui::TextDisabled("(no output)");
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
        ImGui::TextDisabled("%llu earlier lines not shown", static_cast<unsigned long long>(lane.lines_hidden));
        continue;
      }
      const std::string& s = lane.lines[static_cast<size_t>(i - (lane.lines_hidden ? 1 : 0))];
      ImGui::TextUnformatted(s.data(), s.data() + s.size());
    }
  }
  // Follow the newest output while the learner has not scrolled up.
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - line_h) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  ImGui::PopID();
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
  // Watched variables on one line: "x = 3   y = 7".
  for (size_t i = 0; i < lane.watches.size(); ++i) {
    if (i) ImGui::SameLine(0, 16);
    ImGui::Text("%s = %lld", lane.watches[i].name.c_str(), static_cast<long long>(lane.watches[i].value));
  }
  draw_lines(lane);
}
}  // namespace

std::string lane_state_text(const RunModel& model, const Lane& lane) {
  if (lane.state == LaneState::Blocked && lane.blocked_on) return "blocked on " + model.object_label(lane.blocked_on);
  return lane_state_name(lane.state);
}

void draw_lanes_view(const RunModel& model, const ViewRect& r) {
  if (begin_view_window("Threads", r)) {
    if (model.lanes().empty()) ImGui::TextDisabled("No threads yet.");
    // Group by process; within a process keep creation order.
    std::vector<const Lane*> order;
    for (const Lane& l : model.lanes()) order.push_back(&l);
    std::stable_sort(order.begin(), order.end(), [](const Lane* a, const Lane* b) { return a->pid < b->pid; });
    ProcessId shown = 0;
    for (const Lane* l : order) {
      if (l->pid != shown) {
        shown = l->pid;
        ImGui::TextDisabled("Process %u", static_cast<unsigned>(shown));
        ImGui::Separator();
      }
      draw_lane(model, *l);
    }
    if (!model.trace_note().empty()) ImGui::TextWrapped("%s", model.trace_note().c_str());
  }
  end_view_window();
}

}  // namespace interleave::ui
