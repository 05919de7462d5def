#include "lesson/check_tally.h"

#include <algorithm>

namespace interleave::lesson {
namespace {

std::string codes_text(const std::vector<int>& codes) {
  std::string out;
  for (size_t i = 0; i < codes.size(); ++i) out += (i ? " or " : "") + std::to_string(codes[i]);
  return out;
}

}  // namespace

CheckTally::CheckTally(const Lesson& lesson) : lesson_(lesson), seen_(lesson.checks.size()) {}

std::vector<std::string> CheckTally::record(int exit_code, const std::vector<CheckOutcome>& outcomes) {
  ++runs_;
  std::vector<std::string> problems;
  const auto& expected = lesson_.run.expect_exit;
  const bool exit_ok = std::find(expected.begin(), expected.end(), exit_code) != expected.end();
  if (!exit_ok)
    problems.push_back("exit code " + std::to_string(exit_code) + ", expected " + codes_text(expected) +
                       " ([run] expect_exit)");
  for (const CheckOutcome& c : outcomes) {
    auto it = std::find_if(lesson_.checks.begin(), lesson_.checks.end(), [&](const Check& k) { return k.name == c.name; });
    Seen* seen = it == lesson_.checks.end() ? nullptr : &seen_[size_t(it - lesson_.checks.begin())];
    if (c.verdict == Verdict::Fail || c.verdict == Verdict::Error) {
      problems.push_back("check " + c.name + " is " + verdict_name(c.verdict) + (c.detail.empty() ? "" : ": ") + c.detail);
      if (seen) ++seen->failed;
    } else if (!seen) {
      continue;
    } else if (!exit_ok) {
      ++seen->untrusted;
    } else if (c.verdict == Verdict::Pass) {
      ++seen->pass;
    } else {
      ++seen->not_applicable;
      seen->last_detail = c.detail;
    }
  }
  return problems;
}

std::vector<std::string> CheckTally::never_passed() const {
  std::vector<std::string> lines;
  for (size_t i = 0; i < seen_.size(); ++i) {
    const Seen& s = seen_[i];
    if (s.pass > 0) continue;
    std::string how;
    if (s.not_applicable) how += "n/a " + std::to_string(s.not_applicable) + (s.last_detail.empty() ? "" : ": " + s.last_detail);
    if (s.failed) how += (how.empty() ? "" : ", ") + std::string("failed or erred ") + std::to_string(s.failed);
    if (s.untrusted) how += (how.empty() ? "" : ", ") + std::string("in runs with an unexpected exit code ") + std::to_string(s.untrusted);
    lines.push_back("check " + lesson_.checks[i].name + " never applied and passed in " + std::to_string(runs_) + " runs" +
                    (how.empty() ? "" : " (" + how + ")"));
  }
  return lines;
}

}  // namespace interleave::lesson
