// Challenges: reaching one (see challenges.h).
#include "lesson/challenges.h"

#include "core/failure.h"
#include "lesson/checks.h"
#include "lesson/explore.h"
#include "lesson/lesson_run.h"

namespace interleave::lesson {

bool challenge_met(const Challenge& c, const PreparedRun& run, const py::Program& program) {
  if (!run.lesson) return false;
  Lesson one = *run.lesson;  // judged alone: only this challenge's expression is evaluated
  one.challenges = {c};
  auto outcomes = evaluate_challenges(one, run.params, run_results(run, program), run_facts(run, program));
  return !outcomes.empty() && outcomes[0].verdict == Verdict::Pass;
}

namespace {

// One det run of `run` to its end: whether it met `c`, and its schedule.
bool run_meets(const Challenge& c, const PreparedRun& run, std::string& token) {
  py::Program program(run.source, run.config);
  program.run_to_end();
  token = program.schedule_token();
  return challenge_met(c, run, program);
}

}  // namespace

ChallengeReach reach_challenge(const Lesson& lesson, const Challenge& c, const std::string& lang) {
  ChallengeReach r;
  try {
    auto source = read_lesson_program(lesson, lang);
    if (!source) {
      r.error = "cannot read " + program_file(lesson, lang);
      return r;
    }
    RunOptions o;
    o.lang = lang;
    o.sets = c.sets;
    o.seed = c.seed;
    if (!c.schedule.empty()) o.replay = c.schedule;
    auto run = prepare_lesson_run(lesson, *source, o, r.error);
    if (!run) return r;
    if (c.seed || !c.schedule.empty()) {
      r.reached = run_meets(c, *run, r.token);
      r.how = c.schedule.empty() ? "seed " + std::to_string(*c.seed) : "schedule";
      return r;
    }
    ExploreOptions e;
    e.goal = [&c](const PreparedRun& pr, const py::Program& p) { return challenge_met(c, pr, p); };
    e.minimise = false;
    e.time_s = 10;
    e.strategy = ExploreStrategy::Exhaustive;
    e.max_preemptions = 3;
    e.budget = 5000;
    uint64_t tried = 0;
    ExploreResult found = explore(*run, e);
    tried += found.tried;
    if (!found.found && found.error.empty() && !found.exhausted) {
      e.strategy = ExploreStrategy::Random;
      e.budget = 2000;
      found = explore(*run, e);
      tried += found.tried;
    }
    r.error = found.error;
    r.reached = found.found && found.error.empty();
    r.token = found.token;
    r.how = "explore (" + std::to_string(tried) + " schedules)";
  } catch (...) {
    r.error = core::current_exception_text();
  }
  return r;
}

}  // namespace interleave::lesson
