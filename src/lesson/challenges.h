// Challenges (lesson.toml [[challenges]]): whether one can be reached at all. `interleave
// check` refuses a lesson with a challenge no run reaches, so none is unsolvable.
//
//   ChallengeReach r = reach_challenge(lesson, lesson.challenges[0], "zh");
//   if (!r.reached) print r.error or "no run reaches it"
#pragma once
#include <string>

#include "lesson/lesson.h"
#include "lesson/lesson_run.h"

namespace interleave::lesson {

struct ChallengeReach {
  bool reached = false;
  std::string how;     // "seed N", "schedule", or "explore (S schedules)"
  std::string token;   // the schedule of a run that reached it
  std::string error;   // the run could not be made (bad solution parameters, no listing, ...)
};

// Runs the listing of `lang` (det, with the solution's parameters) for `c`: its solution's
// seed, or its schedule replayed, must make `success` true; without either, the schedule
// explorer searches (exhaustively up to 3 preemptions, then random seeds; at most 20 s) for
// a run that does. Never throws.
ChallengeReach reach_challenge(const Lesson& lesson, const Challenge& c, const std::string& lang);

// Whether `c`'s success expression holds for a finished run of `run` (a lesson run).
bool challenge_met(const Challenge& c, const PreparedRun& run, const py::Program& program);

}  // namespace interleave::lesson
