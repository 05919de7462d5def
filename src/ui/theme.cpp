#include "ui/theme.h"

#include <cstdio>

#include "imgui.h"

namespace interleave::ui {

void apply_theme(float dpi_scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowBorderSize = 1.0f;
  style.WindowPadding = ImVec2(12, 10);
  style.ItemSpacing = ImVec2(8, 6);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1.00f);
  c[ImGuiCol_TitleBg] = ImVec4(0.90f, 0.91f, 0.93f, 1.00f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.84f, 0.87f, 0.93f, 1.00f);
  c[ImGuiCol_Border] = ImVec4(0.80f, 0.81f, 0.84f, 1.00f);
  c[ImGuiCol_PlotHistogram] = ImVec4(0.23f, 0.47f, 0.85f, 1.00f);
  // Sizes are in logical pixels; the framebuffer scale takes care of HiDPI for geometry,
  // so only the font needs the device pixel ratio (see load_ui_font).
  (void)dpi_scale;
}

bool load_ui_font(const char* ttf_path, float size_px, float dpi_scale, const char* cjk_path) {
  ImGuiIO& io = ImGui::GetIO();
  std::FILE* probe = std::fopen(ttf_path, "rb");
  if (!probe) return false;
  std::fclose(probe);
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  // Rasterise at device resolution and draw at logical size: crisp text on HiDPI. The ranges
  // are those the build keeps in the subset (src/app/web/CMakeLists.txt): Latin-1 alone would
  // leave the lessons' quotes and the views' arrows as '?'.
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x2018, 0x201D, 0x2022, 0x2022,
                                    0x2026, 0x2026, 0x2190, 0x2193, 0x2212, 0x2212, 0x25A0, 0x25A0,
                                    0x25B6, 0x25B6, 0x25CF, 0x25CF, 0x2713, 0x2713, 0x2717, 0x2717, 0};
  ImFont* font = io.Fonts->AddFontFromFileTTF(ttf_path, size_px * dpi_scale, &config, kRanges);
  if (!font) return false;
  io.FontGlobalScale = 1.0f / dpi_scale;
  if (cjk_path) {
    if (std::FILE* cjk = std::fopen(cjk_path, "rb")) {
      std::fclose(cjk);
      ImFontConfig merge;
      merge.MergeMode = true;
      merge.OversampleH = 1;
      io.Fonts->AddFontFromFileTTF(cjk_path, size_px * dpi_scale, &merge, io.Fonts->GetGlyphRangesChineseFull());
    }
  }
  return true;
}

}  // namespace interleave::ui
