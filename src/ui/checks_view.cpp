// ui/checks_view.cpp - the Checks window.
#include "ui/checks_view.h"

namespace interleave::ui {

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::Passed: return "PASS";
    case Verdict::Failed: return "FAIL";
    case Verdict::NotApplicable: return "n/a";
  }
  return "?";
}

void draw_checks_view(const RunModel& model, const ViewRect& r) {
  if (begin_view_window("Checks", r)) {
    const auto& checks = model.checks();
    int passed = 0, judged = 0;
    for (const CheckResult& c : checks) {
      judged += c.judged && c.verdict != Verdict::NotApplicable;
      passed += c.judged && c.verdict == Verdict::Passed;
    }
    if (checks.empty()) ImGui::TextDisabled("No results yet.");
    else if (judged) ImGui::Text("%d of %d checks passed", passed, judged);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (!checks.empty() && ImGui::BeginTable("checks", 4, flags)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("Result", ImGuiTableColumnFlags_WidthStretch, 1.2f);
      ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("Expected", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("FAIL").x + 14);
      ImGui::TableHeadersRow();
      for (const CheckResult& c : checks) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.value.c_str());
        ImGui::TableNextColumn();
        if (c.expected.empty()) ImGui::TextDisabled("-");
        else ImGui::TextUnformatted(c.expected.c_str());
        ImGui::TableNextColumn();
        if (c.judged) badge(verdict_text(c.verdict), verdict_color(c.verdict));
      }
      ImGui::EndTable();
    }
  }
  end_view_window();
}

}  // namespace interleave::ui
