// ui/canvas.cpp - tiles the views.
#include "ui/canvas.h"

#include <algorithm>
#include <cmath>

#include "ui/checks_view.h"
#include "ui/lanes_view.h"
#include "ui/objects_view.h"
#include "ui/ui_text.h"
#include "ui/waitfor_view.h"

namespace interleave::ui {

namespace {
constexpr float kWideFrom = 1000, kCompactBelow = 700;

CanvasLayout layout_compact(float x, float y, float w, float h) {
  CanvasLayout l;
  l.tabbed = true;
  const float left_w = std::floor(std::clamp(w * 0.42f, 200.0f, 300.0f));
  const float top_h = std::floor(h * 0.55f);
  const float tabs_h = std::floor(ImGui::GetFrameHeight() + 12);
  l.threads = {x, y, left_w, top_h};
  l.timeline = {x + left_w, y, w - left_w, top_h};
  l.tabs = {x, y + top_h, w, tabs_h};
  const ViewRect bottom{x, y + top_h + tabs_h, w, h - top_h - tabs_h};
  l.checks = l.objects = l.waitfor = l.outcomes = bottom;
  return l;
}
}  // namespace

CanvasLayout layout_canvas(float x, float y, float w, float h) {
  if (w < kCompactBelow) return layout_compact(x, y, w, h);
  CanvasLayout l;
  const bool wide = w >= kWideFrom;
  // Narrow canvases (beside the page's editor, in an iframe) give the lanes a bit more room.
  const float left_w = std::clamp(w * (wide ? 0.28f : 0.34f), 220.0f, 380.0f);
  const float rx = x + left_w, rw = w - left_w;
  const float tl_h = std::floor(h * 0.48f);
  const float bottom_y = y + tl_h, bottom_h = h - tl_h;
  l.timeline = {rx, y, rw, tl_h};
  if (wide) {
    float th = std::floor(h * 0.62f);
    l.threads = {x, y, left_w, th};
    l.checks = {x, y + th, left_w, h - th};
    float ow = std::floor(rw * 0.40f), ww = std::floor(rw * 0.30f);
    l.objects = {rx, bottom_y, ow, bottom_h};
    l.waitfor = {rx + ow, bottom_y, ww, bottom_h};
    l.outcomes = {rx + ow + ww, bottom_y, rw - ow - ww, bottom_h};
  } else {
    float th = std::floor(h * 0.5f), ch = std::floor(h * 0.25f);
    l.threads = {x, y, left_w, th};
    l.checks = {x, y + th, left_w, ch};
    l.outcomes = {x, y + th + ch, left_w, h - th - ch};
    float ow = std::floor(rw * 0.55f);
    l.objects = {rx, bottom_y, ow, bottom_h};
    l.waitfor = {rx + ow, bottom_y, rw - ow, bottom_h};
  }
  return l;
}

// The tab shows what just happened: a deadlock, the checks of a finished run, a batch.
void Canvas::follow_run(const RunModel& model, const OutcomeSeries* outcomes) {
  const bool deadlocked = model.deadlocked() || !model.wait_graph().cycle.empty();
  const bool has_checks = !model.checks().empty();
  const size_t n_outcomes = outcomes ? outcomes->values.size() : 0;
  if (deadlocked && !was_deadlocked_) set_tab(CanvasTab::WaitFor);
  else if (has_checks && !had_checks_ && !deadlocked) set_tab(CanvasTab::Checks);
  else if (n_outcomes > 0 && had_outcomes_ == 0) set_tab(CanvasTab::Outcomes);
  was_deadlocked_ = deadlocked;
  had_checks_ = has_checks;
  had_outcomes_ = n_outcomes;
}

void Canvas::draw_tab_strip(const ViewRect& r) {
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoScrollbar;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 6));
  ImGui::Begin("###canvas-tabs", nullptr, flags);
  ImGui::PopStyleVar();
  struct Tab {
    CanvasTab tab;
    Str title;
    const char* id;
  };
  static constexpr Tab kTabs[] = {{CanvasTab::Checks, Str::WinChecks, "Checks"},
                                  {CanvasTab::Objects, Str::WinObjects, "Objects"},
                                  {CanvasTab::WaitFor, Str::WinWaitFor, "Wait-for graph"},
                                  {CanvasTab::Outcomes, Str::WinOutcomes, "Outcomes"}};
  if (ImGui::BeginTabBar("canvas-tabs", ImGuiTabBarFlags_FittingPolicyResizeDown)) {
    for (const Tab& t : kTabs) {
      const std::string label = std::string(tr(t.title)) + "###tab-" + t.id;
      const ImGuiTabItemFlags f = pending_select_ && t.tab == tab_ ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(label.c_str(), nullptr, f)) {
        if (!pending_select_) tab_ = t.tab;
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  pending_select_ = false;
  ImGui::End();
}

void Canvas::draw(const RunModel& model, const OutcomeSeries* outcomes, float x, float y, float w, float h) {
  CanvasLayout l = layout_canvas(x, y, w, h);
  draw_lanes_view(model, l.threads, picking_, &clicked_);
  timeline_.draw(model, l.timeline);
  if (!l.tabbed) {
    draw_checks_view(model, l.checks);
    draw_objects_view(model, l.objects);
    draw_waitfor_view(model, l.waitfor);
    draw_outcomes_view(outcomes, l.outcomes);
    return;
  }
  follow_run(model, outcomes);
  draw_tab_strip(l.tabs);
  switch (tab_) {
    case CanvasTab::Checks: draw_checks_view(model, l.checks); break;
    case CanvasTab::Objects: draw_objects_view(model, l.objects); break;
    case CanvasTab::WaitFor: draw_waitfor_view(model, l.waitfor); break;
    case CanvasTab::Outcomes: draw_outcomes_view(outcomes, l.outcomes); break;
  }
}

}  // namespace interleave::ui
