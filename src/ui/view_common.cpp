// ui/view_common.cpp - colours, badges and formatting shared by the views.
#include "ui/view_common.h"

#include <cinttypes>
#include <cstdio>

#include "imgui_internal.h"

namespace interleave::ui {

namespace {
std::string* g_capture = nullptr;  // see set_text_capture
}  // namespace

bool begin_view_window(const char* title, const char* id, const ViewRect& r) {
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
  // Views tile the canvas: the layout, not the learner, places them.
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
  const std::string name = std::string(title) + "###" + id;
  bool open = ImGui::Begin(name.c_str(), nullptr, flags);
  if (g_capture) ImGui::LogToBuffer();
  return open;
}

void end_view_window() {
  // ImGui's End() finishes and clears the log of a top-level window: copy it first.
  ImGuiContext& g = *GImGui;
  if (g_capture && g.LogEnabled && g.LogType == ImGuiLogType_Buffer) {
    g_capture->append(g.LogBuffer.c_str());
    g_capture->push_back('\n');
  }
  ImGui::End();
}

void set_text_capture(std::string* sink) { g_capture = sink; }

void same_line_if_fits(float width, float spacing) {
  const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + gap + width <= right) ImGui::SameLine(0, gap);
}

std::string fit_text(const std::string& text, float width, float scale) {
  const auto text_w = [&](const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x * scale; };
  if (text_w(text) <= width) return text;
  // Drop whole UTF-8 characters from the end until the rest and the dots fit.
  std::string kept = text;
  while (!kept.empty()) {
    size_t end = kept.size() - 1;
    while (end > 0 && (static_cast<unsigned char>(kept[end]) & 0xC0) == 0x80) --end;
    kept.resize(end);
    if (text_w(kept + "...") <= width) break;
  }
  return kept + "...";
}

void text_disabled_wrapped(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

ImU32 thread_color(int index) {
  // Tableau-like hues, darkened enough for white text and visible on a light page.
  static const ImU32 kPalette[] = {
      IM_COL32(31, 119, 180, 255), IM_COL32(214, 96, 20, 255),  IM_COL32(44, 150, 44, 255),
      IM_COL32(200, 40, 42, 255),  IM_COL32(128, 90, 180, 255), IM_COL32(140, 86, 75, 255),
      IM_COL32(207, 90, 170, 255), IM_COL32(100, 100, 100, 255), IM_COL32(160, 160, 20, 255),
      IM_COL32(20, 160, 175, 255),
  };
  const int n = static_cast<int>(sizeof kPalette / sizeof kPalette[0]);
  return kPalette[((index % n) + n) % n];
}

ImU32 object_color(ObjectId id) {
  // Offset so the first lock does not share the first thread's colour.
  return thread_color(static_cast<int>(id) + 3);
}

ImU32 state_color(LaneState s) {
  switch (s) {
    case LaneState::New: return IM_COL32(200, 200, 205, 255);
    case LaneState::Runnable: return IM_COL32(150, 200, 240, 255);
    case LaneState::Running:
    case LaneState::Computing: return IM_COL32(90, 185, 100, 255);
    case LaneState::WaitingCore: return IM_COL32(150, 200, 240, 255);
    case LaneState::Blocked: return IM_COL32(235, 95, 85, 255);
    case LaneState::Sleeping: return IM_COL32(245, 200, 90, 255);
    case LaneState::Done: return IM_COL32(175, 175, 180, 255);
  }
  return IM_COL32(128, 128, 128, 255);
}

ImU32 coroutine_state_color(core::CoroutineState s) {
  switch (s) {
    case core::CoroutineState::Running: return state_color(LaneState::Running);
    case core::CoroutineState::Ready: return state_color(LaneState::Runnable);
    case core::CoroutineState::Waiting: return state_color(LaneState::Sleeping);
    case core::CoroutineState::Done: return state_color(LaneState::Done);
  }
  return state_color(LaneState::New);
}

ImU32 verdict_color(Verdict v) {
  switch (v) {
    case Verdict::Passed: return IM_COL32(110, 200, 120, 255);
    case Verdict::Failed: return IM_COL32(240, 110, 100, 255);
    case Verdict::NotApplicable: return IM_COL32(205, 205, 210, 255);
  }
  return IM_COL32(205, 205, 210, 255);
}

const char* state_label(LaneState s) {
  switch (s) {
    case LaneState::New: return tr(Str::StateNew);
    case LaneState::Runnable: return tr(Str::StateRunnable);
    case LaneState::Running:
    case LaneState::Computing: return tr(Str::StateRunning);
    case LaneState::WaitingCore: return tr(Str::StateRunnable);
    case LaneState::Blocked: return tr(Str::StateBlocked);
    case LaneState::Sleeping: return tr(Str::StateSleeping);
    case LaneState::Done: return tr(Str::StateDone);
  }
  return "?";
}

const char* coroutine_state_label(core::CoroutineState s) {
  switch (s) {
    case core::CoroutineState::Running: return tr(Str::CoRunning);
    case core::CoroutineState::Ready: return tr(Str::CoReady);
    case core::CoroutineState::Waiting: return tr(Str::CoWaiting);
    case core::CoroutineState::Done: return tr(Str::CoDone);
  }
  return "?";
}

std::string process_title(const ProcessInfo& p) { return "pid " + std::to_string(p.pid) + " " + p.name; }

std::string process_state_text(const ProcessInfo& p) {
  switch (p.state) {
    case ProcessStatus::Running: return tr(Str::ProcRunning);
    case ProcessStatus::Zombie: return tr(Str::ProcZombie);
    case ProcessStatus::Reaped: return tr(p.orphan ? Str::ProcReapedByInit : Str::ProcReaped);
    case ProcessStatus::Orphan: return tr(Str::ProcOrphan);
  }
  return "?";
}

std::string process_exit_text(const ProcessInfo& p) {
  if (!p.exited) return "";
  if (p.exit_code >= 0) return trf(Str::ExitFmt, p.exit_code);
  switch (-p.exit_code) {
    case 1: return "-SIGHUP";
    case 2: return "-SIGINT";
    case 6: return "-SIGABRT";
    case 9: return "-SIGKILL";
    case 15: return "-SIGTERM";
    default: return trf(Str::ExitFmt, p.exit_code);
  }
}

ImU32 process_state_color(ProcessStatus s) {
  switch (s) {
    case ProcessStatus::Running: return IM_COL32(150, 215, 160, 255);
    case ProcessStatus::Zombie: return IM_COL32(200, 175, 230, 255);
    case ProcessStatus::Reaped: return IM_COL32(205, 205, 210, 255);
    case ProcessStatus::Orphan: return IM_COL32(250, 195, 120, 255);
  }
  return IM_COL32(205, 205, 210, 255);
}

ImU32 process_exit_color(const ProcessInfo& p) {
  return p.exited && p.exit_code == 0 ? IM_COL32(215, 235, 215, 255) : IM_COL32(245, 170, 160, 255);
}

float badge_width(const char* text) { return ImGui::CalcTextSize(text).x + 12; }

void badge(const char* text, ImU32 fill) {
  ImVec2 ts = ImGui::CalcTextSize(text);
  ImVec2 pad(6, 1);
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 size(ts.x + 2 * pad.x, ts.y + 2 * pad.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), fill, size.y * 0.5f);
  dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), IM_COL32(20, 20, 25, 255), text);
  ImGui::LogText("[%s]", text);  // drawn text is not logged by ImGui; copy/export and tests read it
  ImGui::Dummy(size);
}

std::string format_time(int64_t t, TimeAxis axis) {
  char buf[48];
  if (axis == TimeAxis::Sequence) {
    std::snprintf(buf, sizeof buf, "#%" PRId64, t);
    return buf;
  }
  double a = t < 0 ? -static_cast<double>(t) : static_cast<double>(t);
  if (a >= 1e9) std::snprintf(buf, sizeof buf, "%.3g s", t / 1e9);
  else if (a >= 1e6) std::snprintf(buf, sizeof buf, "%.3g ms", t / 1e6);
  else if (a >= 1e3) std::snprintf(buf, sizeof buf, "%.3g us", t / 1e3);
  else std::snprintf(buf, sizeof buf, "%" PRId64 " ns", t);
  return buf;
}

}  // namespace interleave::ui
