// ui/checks_view.cpp - the Checks window.
#include "ui/checks_view.h"

namespace interleave::ui {

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::Passed: return tr(Str::Pass);
    case Verdict::Failed: return tr(Str::Fail);
    case Verdict::NotApplicable: return tr(Str::NotApplicable);
  }
  return "?";
}

namespace {
// Narrower than this, a four-column table cuts its headers and texts: one block per row.
constexpr float kListBelow = 420;

void draw_checks_table(const std::vector<CheckResult>& checks) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("checks", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(Str::ColResult), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(tr(Str::ColValue), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr(Str::ColExpected), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(tr(Str::Fail)).x + 14);
  ImGui::TableHeadersRow();
  for (const CheckResult& c : checks) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", c.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", c.value.c_str());
    ImGui::TableNextColumn();
    if (c.expected.empty()) ImGui::TextDisabled("-");
    else ImGui::TextWrapped("%s", c.expected.c_str());
    ImGui::TableNextColumn();
    if (c.judged) badge(verdict_text(c.verdict), verdict_color(c.verdict));
  }
  ImGui::EndTable();
}

// One block per row: the badge and the wrapped name, then the value (and what was expected).
void draw_checks_list(const std::vector<CheckResult>& checks) {
  ImGui::BeginChild("checks-list", ImVec2(0, 0), false);
  for (const CheckResult& c : checks) {
    if (c.judged) {
      badge(verdict_text(c.verdict), verdict_color(c.verdict));
      ImGui::SameLine();
    }
    ImGui::TextWrapped("%s", c.name.c_str());
    ImGui::Indent(12);
    if (!c.value.empty()) ImGui::TextWrapped("%s", c.value.c_str());
    if (!c.expected.empty()) text_disabled_wrapped((std::string(tr(Str::ColExpected)) + ": " + c.expected).c_str());
    ImGui::Unindent(12);
    ImGui::Separator();
  }
  ImGui::EndChild();
}
}  // namespace

void draw_checks_view(const RunModel& model, const ViewRect& r) {
  if (begin_view_window(tr(Str::WinChecks), "Checks", r)) {
    const auto& checks = model.checks();
    int passed = 0, judged = 0;
    for (const CheckResult& c : checks) {
      judged += c.judged && c.verdict != Verdict::NotApplicable;
      passed += c.judged && c.verdict == Verdict::Passed;
    }
    if (checks.empty()) text_disabled_wrapped(tr(Str::NoResults));
    else if (judged) ImGui::TextUnformatted(trf(Str::ChecksPassedFmt, passed, judged).c_str());
    if (!checks.empty()) {
      if (ImGui::GetContentRegionAvail().x < kListBelow) draw_checks_list(checks);
      else draw_checks_table(checks);
    }
  }
  end_view_window();
}

}  // namespace interleave::ui
