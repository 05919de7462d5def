#include "ui/status_view.h"

#include "imgui.h"
#include "ui/ui_text.h"

namespace interleave::ui {
namespace {

void row(const char* label, const char* value) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", label);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(value);
}

void draw_build_table(const StatusModel& m) {
  if (!ImGui::BeginTable("build", 2, ImGuiTableFlags_SizingFixedFit)) return;
  row(tr(Str::StVersion), m.version.c_str());
  row(tr(Str::StCommit), m.commit.c_str());
  row(tr(Str::StTarget), m.target.c_str());
  row(tr(Str::StCompiler), m.compiler.c_str());
  row(tr(Str::StIsolated), tr(m.isolated ? Str::StIsolatedYes : Str::StNo));
  row(tr(Str::StThreads), tr(m.threads_supported ? Str::StThreadsReal : Str::StThreadsNone));
  ImGui::EndTable();
}

void draw_counter(const StatusModel& m) {
  ImGui::TextUnformatted(trf(Str::StCounterFmt, static_cast<unsigned long long>(m.worker_count)).c_str());
  ImGui::TextUnformatted(trf(Str::StRateFmt, m.worker_rate_per_s, m.frame_ms).c_str());
  // A bar that cycles with the counter makes progress visible at a glance.
  float phase = static_cast<float>(m.worker_count % 1000) / 1000.0f;
  ImGui::ProgressBar(phase, ImVec2(-1, 0), "");
}

}  // namespace

void draw_status_view(const StatusModel& model, float x, float y, float width, float height) {
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
  // The title in the UI's language; the window's id stays "###Status".
  const std::string title = std::string(tr(Str::WinStatus)) + "###Status";
  ImGui::Begin(title.c_str(), nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoResize);
  draw_counter(model);
  ImGui::Separator();
  draw_build_table(model);
  ImGui::End();
}

}  // namespace interleave::ui
