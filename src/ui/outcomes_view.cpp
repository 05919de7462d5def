// ui/outcomes_view.cpp - the Outcomes window.
#include "ui/outcomes_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace interleave::ui {

int Histogram::bin_of(double v) const {
  if (counts.empty() || width <= 0) return -1;
  double f = (v - lo) / width;
  int i = static_cast<int>(std::floor(f));
  // The maximum belongs to the last bin of a continuous histogram.
  if (!discrete && i == static_cast<int>(counts.size())) i = static_cast<int>(counts.size()) - 1;
  return i >= 0 && i < static_cast<int>(counts.size()) ? i : -1;
}

Histogram make_histogram(const std::vector<double>& values, int max_bins) {
  Histogram h;
  std::vector<double> finite;
  for (double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  if (finite.empty() || max_bins < 1) return h;
  std::sort(finite.begin(), finite.end());
  h.distinct = static_cast<int>(std::unique(finite.begin(), finite.end()) - finite.begin());
  double mn = finite.front(), mx = finite[static_cast<size_t>(h.distinct) - 1];
  bool ints = std::all_of(finite.begin(), finite.end(), [](double v) { return v == std::floor(v); });
  if (ints && mx - mn + 1 <= max_bins) {
    h.discrete = true;
    h.lo = mn;
    h.width = 1;
    h.counts.assign(static_cast<size_t>(mx - mn + 1), 0);
  } else {
    h.lo = mn;
    h.width = mx > mn ? (mx - mn) / max_bins : 1;
    h.counts.assign(mx > mn ? static_cast<size_t>(max_bins) : 1, 0);
  }
  for (double v : values)
    if (int i = h.bin_of(v); i >= 0 && std::isfinite(v)) ++h.counts[static_cast<size_t>(i)];
  return h;
}

namespace {
std::string bin_label(const Histogram& h, size_t i) {
  char buf[32];
  double v = h.lo + static_cast<double>(i) * h.width;
  if (h.discrete) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

void draw_bars(const OutcomeSeries& s, const Histogram& h) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const float label_h = ImGui::GetTextLineHeight() + 2;
  if (avail.x < 20 || avail.y < 3 * label_h) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int top = *std::max_element(h.counts.begin(), h.counts.end());
  const float bar_w = avail.x / static_cast<float>(h.counts.size());
  const float plot_h = avail.y - 2 * label_h;
  const int expected_bin = s.expected ? h.bin_of(*s.expected) : -1;
  // Label every k-th bin so labels never overlap.
  size_t every = 1;
  while (bar_w * static_cast<float>(every) < ImGui::CalcTextSize("0000").x) every *= 2;
  for (size_t i = 0; i < h.counts.size(); ++i) {
    float x0 = p.x + static_cast<float>(i) * bar_w;
    float bh = top ? plot_h * static_cast<float>(h.counts[i]) / static_cast<float>(top) : 0;
    float y1 = p.y + label_h + plot_h;
    ImU32 c = static_cast<int>(i) == expected_bin ? IM_COL32(70, 170, 85, 255) : IM_COL32(59, 120, 217, 255);
    if (h.counts[i]) dl->AddRectFilled(ImVec2(x0 + 1, y1 - bh), ImVec2(x0 + bar_w - 1, y1), c);
    if (h.counts[i] && bar_w >= ImGui::CalcTextSize("000").x) {
      std::string n = std::to_string(h.counts[i]);
      dl->AddText(ImVec2(x0 + 2, y1 - bh - label_h), IM_COL32(60, 60, 70, 255), n.c_str());
    }
    if (i % every == 0) {
      std::string l = bin_label(h, i);
      dl->AddText(ImVec2(x0 + 2, y1 + 1), IM_COL32(60, 60, 70, 255), l.c_str());
      ImGui::LogText("%s:%d ", l.c_str(), h.counts[i]);
    }
  }
  ImGui::Dummy(avail);
}
}  // namespace

void draw_outcomes_view(const OutcomeSeries* series, const ViewRect& r) {
  if (begin_view_window(tr(Str::WinOutcomes), "Outcomes", r)) {
    if (!series || series->values.empty()) {
      text_disabled_wrapped(tr(Str::OutcomesHint));
    } else {
      Histogram h = make_histogram(series->values);
      ImGui::TextWrapped("%s", trf(h.distinct == 1 ? Str::OutcomesOverOneFmt : Str::OutcomesOverFmt, series->name.c_str(),
                                   series->values.size(), h.distinct).c_str());
      if (series->expected) {
        int hit = h.bin_of(*series->expected);
        int n = hit >= 0 ? h.counts[static_cast<size_t>(hit)] : 0;
        ImGui::TextDisabled("%s", trf(n == 1 ? Str::OutcomesExpectedOneFmt : Str::OutcomesExpectedFmt, *series->expected, n).c_str());
      }
      if (!h.counts.empty()) draw_bars(*series, h);
    }
  }
  end_view_window();
}

}  // namespace interleave::ui
