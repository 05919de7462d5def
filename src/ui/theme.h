// The canvas's look: colours, spacing and fonts shared by every view.
#pragma once

namespace interleave::ui {

// Applies Interleave's light theme to the current ImGui context, scaled for `dpi_scale`
// (the device pixel ratio), so lines stay crisp on HiDPI screens.
void apply_theme(float dpi_scale);

// Loads the UI font from `ttf_path` at `size_px` logical pixels, rasterised at the device
// pixel ratio, and merges the CJK glyphs of `cjk_path` when given (a subset made at build
// time of the characters the lessons use). Returns false (and keeps ImGui's built-in
// font) if the first file cannot be read.
bool load_ui_font(const char* ttf_path, float size_px, float dpi_scale, const char* cjk_path = nullptr);

}  // namespace interleave::ui
