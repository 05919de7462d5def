// ui/checks_view.h - counters and checks: result values, expected values, verdicts.
#pragma once
#include "ui/run_model.h"
#include "ui/view_common.h"

namespace interleave::ui {

// Draws the "Checks" window over `r` from model.checks(): name, value, expected
// value and a PASS / FAIL / n/a badge per row, and a summary line ("2 of 3 passed").
void draw_checks_view(const RunModel& model, const ViewRect& r);

// "PASS", "FAIL" or "n/a".
const char* verdict_text(Verdict v);

}  // namespace interleave::ui
