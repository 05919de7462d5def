// `interleave check LESSON`: runs a lesson many times - det seeds 1..N, once in free mode,
// and a sweep of random in-range parameter values - and evaluates its checks on every
// run. A failing or erroring check is printed with the run that broke it; exit 1.
#include "check_lesson.h"

#include <cstdio>

#include "lesson/lesson_run.h"
#include "lesson/sweep.h"

namespace interleave::cli {
namespace {

std::string describe(const lesson::RunOptions& o) {
  std::string s = o.mode;
  if (o.seed) s += " seed=" + std::to_string(*o.seed);
  for (const auto& [k, v] : o.sets) s += " " + k + "=" + v;
  return s;
}

// One run: true when every check passed or did not apply.
bool check_run(const lesson::Lesson& l, const std::string& source, const lesson::RunOptions& o, int& failures) {
  std::string error;
  auto prepared = lesson::prepare_lesson_run(l, source, o, error);
  if (!prepared) {
    std::printf("  FAIL %s: cannot run: %s\n", describe(o).c_str(), error.c_str());
    ++failures;
    return false;
  }
  py::Program program(prepared->source, prepared->config);
  program.run_to_end();
  nlohmann::json results = lesson::run_results(*prepared, program);
  auto outcomes = lesson::evaluate_checks(l, prepared->params, results, lesson::run_facts(*prepared, program));
  bool ok = true;
  for (const auto& c : outcomes) {
    if (c.verdict == lesson::Verdict::Pass || c.verdict == lesson::Verdict::NotApplicable) continue;
    std::printf("  FAIL %s: check %s is %s%s%s\n", describe(o).c_str(), c.name.c_str(), lesson::verdict_name(c.verdict),
                c.detail.empty() ? "" : ": ", c.detail.c_str());
    std::printf("       results %s, virtual time %.6f s, exit code %d\n", results.dump().c_str(),
                program.virtual_time_s(), program.exit_code());
    const std::string& err = program.stderr_text();
    if (!err.empty()) std::printf("       stderr: %s\n", err.substr(err.size() > 400 ? err.size() - 400 : 0).c_str());
    ok = false;
    ++failures;
  }
  return ok;
}

}  // namespace

int check_lesson(const lesson::Lesson& l, const Args& args) {
  auto source = lesson::read_lesson_file(l, "main.py");
  if (!source) {
    std::fprintf(stderr, "interleave: check: lesson %s has no main.py\n", l.id.c_str());
    return 2;
  }
  int runs = 0, failures = 0;
  lesson::RunOptions base;
  base.switch_points = args.switch_points;
  for (int seed = 1; seed <= args.check_seeds; ++seed) {
    lesson::RunOptions o = base;
    o.seed = uint64_t(seed);
    o.sets = args.sets;
    check_run(l, *source, o, failures);
    ++runs;
  }
  if (args.check_free) {
    lesson::RunOptions o = base;
    o.mode = "free";
    o.time_scale = args.time_scale.value_or(0.2);
    o.sets = args.sets;
    check_run(l, *source, o, failures);
    ++runs;
  }
  core::SplitMix64 rng(0x5eed + std::hash<std::string>{}(l.id));
  for (int i = 0; i < args.check_sweep; ++i) {
    lesson::RunOptions o = base;
    o.sets = lesson::random_params(l, rng);
    check_run(l, *source, o, failures);
    ++runs;
  }
  std::printf("%s: %d runs, %d failed checks\n", l.id.c_str(), runs, failures);
  return failures ? 1 : 0;
}

}  // namespace interleave::cli
