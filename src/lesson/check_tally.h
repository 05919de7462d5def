// What `interleave check` concludes from many runs of one lesson (docs/lesson-format.md,
// "interleave check"): a run fails when one of its checks fails or errors, or when it ends
// with an exit code the lesson does not expect ([run] expect_exit); the lesson fails too
// when a declared check never applied and passed in any of its runs.
#pragma once
#include <string>
#include <vector>

#include "lesson/checks.h"
#include "lesson/lesson.h"

namespace interleave::lesson {

class CheckTally {
 public:
  // Keeps a reference to `lesson`: it must outlive the tally.
  explicit CheckTally(const Lesson& lesson);

  // Records one run and returns its problems, one line each ("check NAME is fail: ...",
  // "exit code 1, expected 0 ([run] expect_exit)"); empty when the run is fine. A run with
  // an unexpected exit code counts no check as passed: its results are not trusted.
  std::vector<std::string> record(int exit_code, const std::vector<CheckOutcome>& outcomes);

  // After the runs: one line per declared check that passed in none of them, with how its
  // runs went ("check NAME never applied and passed in 29 runs (n/a 29: when is false)").
  std::vector<std::string> never_passed() const;

  int runs() const { return runs_; }

 private:
  struct Seen {
    int pass = 0, not_applicable = 0, failed = 0, untrusted = 0;
    std::string last_detail;  // why it was last n/a
  };
  const Lesson& lesson_;
  std::vector<Seen> seen_;  // one per check, in lesson order
  int runs_ = 0;
};

}  // namespace interleave::lesson
