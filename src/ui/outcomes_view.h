// ui/outcomes_view.h - a histogram of one numeric result over many runs: the
// picture of nondeterminism (a racy counter lands on many values, a locked one on one).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ui/view_common.h"

namespace interleave::ui {

// The caller's data: one value per run.
struct OutcomeSeries {
  std::string name;                 // the result's name, e.g. "counter"
  std::vector<double> values;
  std::optional<double> expected;   // the bar holding it is drawn green
};

struct Histogram {
  bool discrete = false;            // one bin per integer value
  double lo = 0, width = 1;         // bin i covers [lo + i*width, lo + (i+1)*width)
  std::vector<int> counts;
  int distinct = 0;                 // distinct values seen
  int bin_of(double v) const;       // -1 when outside
};

// Integer data spanning at most `max_bins` values gets one bin per value; anything
// else gets `max_bins` equal bins over [min, max]. Empty input: no bins.
Histogram make_histogram(const std::vector<double>& values, int max_bins = 24);

// Draws the "Outcomes" window over `r` (a note when `series` is null or empty).
void draw_outcomes_view(const OutcomeSeries* series, const ViewRect& r);

}  // namespace interleave::ui
