// `interleave check LESSON`: runs a lesson many times - det seeds 1..N, once in free mode,
// a sweep of random in-range parameter values, and the lesson's fixed [[cases]] - and
// evaluates its checks on every run. A failing or erroring check, or an exit code the lesson
// does not expect, is printed with the run that broke it; so is a declared check that never
// applied and passed in any run, or a challenge no run reaches. Any of these: exit 1. A lesson with main.en.py has both
// listings checked (or the one --lang names), and, checked both, they must not drift apart.
#include "check_lesson.h"

#include <cstdio>

#include "lesson/challenges.h"
#include "lesson/check_tally.h"
#include "lesson/lesson_run.h"
#include "lesson/program_drift.h"
#include "lesson/sweep.h"

namespace interleave::cli {
namespace {

std::string describe(const lesson::RunOptions& o, const std::string& case_name = {}) {
  std::string s = o.mode;
  if (o.seed) s += " seed=" + std::to_string(*o.seed);
  if (!case_name.empty()) s += " case " + case_name + ":";
  for (const auto& [k, v] : o.sets) s += " " + k + "=" + v;
  return s;
}

// One run, recorded in `tally`; its problems are printed (with the results and the end of
// stderr) and counted in `failures`.
void check_run(const lesson::Lesson& l, const std::string& source, const lesson::RunOptions& o,
               const std::string& what, lesson::CheckTally& tally, int& failures) {
  std::string error;
  auto prepared = lesson::prepare_lesson_run(l, source, o, error);
  if (!prepared) {
    std::printf("  FAIL %s: cannot run: %s\n", what.c_str(), error.c_str());
    ++failures;
    return;
  }
  py::Program program(prepared->source, prepared->config);
  program.run_to_end();
  nlohmann::json results = lesson::run_results(*prepared, program);
  auto outcomes = lesson::evaluate_checks(l, prepared->params, results, lesson::run_facts(*prepared, program));
  auto problems = tally.record(program.exit_code(), outcomes);
  for (const auto& p : problems) std::printf("  FAIL %s: %s\n", what.c_str(), p.c_str());
  if (problems.empty()) return;
  failures += int(problems.size());
  std::printf("       results %s, virtual time %.6f s, exit code %d\n", results.dump().c_str(),
              program.virtual_time_s(), program.exit_code());
  const std::string& err = program.stderr_text();
  if (!err.empty()) std::printf("       stderr: %s\n", err.substr(err.size() > 400 ? err.size() - 400 : 0).c_str());
}

// Every challenge of the lesson must be reachable in this listing: its declared solution, or
// the schedule explorer, finds a run that meets it. Returns the failures.
int check_challenges(const lesson::Lesson& l, const std::string& lang, const std::string& label) {
  int failures = 0;
  for (const lesson::Challenge& c : l.challenges) {
    lesson::ChallengeReach r = lesson::reach_challenge(l, c, lang);
    if (r.reached) {
      std::printf("  ok %s: challenge %s is reachable (%s)\n", label.c_str(), c.id.c_str(), r.how.c_str());
      continue;
    }
    ++failures;
    if (!r.error.empty()) std::printf("  FAIL %s: challenge %s: %s\n", label.c_str(), c.id.c_str(), r.error.c_str());
    else std::printf("  FAIL %s: challenge %s is unreachable: no run found meets '%s' (%s)\n", label.c_str(),
                     c.id.c_str(), c.success.c_str(), r.how.c_str());
  }
  return failures;
}

// The checks over one listing; returns the number of failures and prints its closing line
// "LABEL: N runs, M failures" (LABEL: the id, with [zh] or [en] for a lesson with two).
int check_listing(const lesson::Lesson& l, const Args& args, const std::string& lang) {
  const std::string label = l.has_en_program ? l.id + " [" + lang + "]" : l.id;
  const std::string prefix = l.has_en_program ? lang + " " : "";
  auto source = lesson::read_lesson_program(l, lang);
  if (!source) {
    std::printf("  FAIL %s: cannot read %s\n", label.c_str(), lesson::program_file(l, lang).c_str());
    return 1;
  }
  lesson::CheckTally tally(l);
  int failures = 0;
  lesson::RunOptions base;
  base.switch_points = args.switch_points;
  base.lang = lang;
  auto run = [&](const lesson::RunOptions& o, const std::string& case_name = {}) {
    check_run(l, *source, o, prefix + describe(o, case_name), tally, failures);
  };
  for (int seed = 1; seed <= args.check_seeds; ++seed) {
    lesson::RunOptions o = base;
    o.seed = uint64_t(seed);
    o.sets = args.sets;
    run(o);
  }
  if (args.check_free) {
    lesson::RunOptions o = base;
    o.mode = "free";
    o.time_scale = args.time_scale.value_or(0.2);
    o.sets = args.sets;
    run(o);
  }
  // The same random values for both listings.
  core::SplitMix64 rng(0x5eed + std::hash<std::string>{}(l.id));
  for (int i = 0; i < args.check_sweep; ++i) {
    lesson::RunOptions o = base;
    o.sets = lesson::random_params(l, rng);
    run(o);
  }
  // The fixed cases and the rule that every check passes somewhere hold for the lesson as
  // declared; a check narrowed with --set leaves the checks it does not reach unexercised.
  const bool whole_lesson = args.sets.empty();
  if (whole_lesson) {
    for (const lesson::Case& c : l.cases) {
      lesson::RunOptions o = base;
      o.sets = c.sets;
      run(o, c.name);
    }
  }
  if (whole_lesson) failures += check_challenges(l, lang, label);
  for (const auto& line : tally.never_passed()) {
    std::printf("  %s %s: %s\n", whole_lesson ? "FAIL" : "note", label.c_str(), line.c_str());
    if (whole_lesson) ++failures;
  }
  std::printf("%s: %d runs, %d failures\n", label.c_str(), tally.runs(), failures);
  return failures;
}

}  // namespace

int check_lesson(const lesson::Lesson& l, const Args& args) {
  if (args.lang) return check_listing(l, args, *args.lang) ? 1 : 0;
  int failures = check_listing(l, args, "zh");
  if (!l.has_en_program) return failures ? 1 : 0;
  failures += check_listing(l, args, "en");
  const auto drift = lesson::program_drift(l);
  for (const auto& line : drift) std::printf("  FAIL %s: the listings drifted apart: %s\n", l.id.c_str(), line.c_str());
  std::printf("%s: main.py and main.en.py %s\n", l.id.c_str(), drift.empty() ? "agree" : "disagree");
  return failures || !drift.empty() ? 1 : 0;
}

}  // namespace interleave::cli
