#include "ui/status_view.h"

#include "imgui.h"

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
  row("version", m.version.c_str());
  row("commit", m.commit.c_str());
  row("target", m.target.c_str());
  row("compiler", m.compiler.c_str());
  row("isolated", m.isolated ? "yes (SharedArrayBuffer available)" : "no");
  row("threads", m.threads_supported ? "real threads (pthreads on Web Workers)" : "none in this build");
  ImGui::EndTable();
}

void draw_counter(const StatusModel& m) {
  ImGui::Text("Worker thread counter: %llu", static_cast<unsigned long long>(m.worker_count));
  ImGui::Text("%.0f counts/s, frame %.1f ms", m.worker_rate_per_s, m.frame_ms);
  // A bar that cycles with the counter makes progress visible at a glance.
  float phase = static_cast<float>(m.worker_count % 1000) / 1000.0f;
  ImGui::ProgressBar(phase, ImVec2(-1, 0), "");
}

}  // namespace

void draw_status_view(const StatusModel& model, float x, float y, float width, float height) {
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
  ImGui::Begin("Status", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoResize);
  draw_counter(model);
  ImGui::Separator();
  draw_build_table(model);
  ImGui::End();
}

}  // namespace interleave::ui
