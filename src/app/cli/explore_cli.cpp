// `interleave explore`: the CLI face of lesson/explore.h.
#include "explore_cli.h"

#include <cstdio>
#include <string>

#include <unistd.h>

#include "lesson/explore.h"

namespace interleave::cli {
namespace {

lesson::ExploreOptions explore_options(const Args& args) {
  lesson::ExploreOptions o;
  o.strategy = args.explore_strategy == "pct"          ? lesson::ExploreStrategy::Pct
               : args.explore_strategy == "exhaustive" ? lesson::ExploreStrategy::Exhaustive
                                                       : lesson::ExploreStrategy::Random;
  o.max_preemptions = args.max_preemptions;
  o.budget = args.time_s ? 0 : args.budget.value_or(10000);
  o.time_s = args.time_s.value_or(0);
  return o;
}

// How to replay it: the same target and settings, with the token.
std::string replay_command(const Args& args, const std::string& token) {
  std::string s = "interleave run " + args.target;
  for (const auto& [k, v] : args.sets) s += " --set " + k + "=" + v;
  if (args.switch_points) s += " --switch-points " + *args.switch_points;
  if (args.seed) s += " --seed " + std::to_string(*args.seed);
  if (args.cores) s += " --cores " + std::to_string(*args.cores);
  if (args.gil) s += *args.gil ? " --gil on" : " --gil off";
  return s + " --replay " + token;
}

void print_text(const lesson::ExploreResult& r, const lesson::ExploreOptions& o, const Args& args) {
  const char* strategy = lesson::explore_strategy_name(o.strategy);
  if (!r.found) {
    if (r.exhausted)
      std::printf("no failing schedule exists within %d preemption%s\n", o.max_preemptions,
                  o.max_preemptions == 1 ? "" : "s");
    else
      std::printf("no failing schedule found\n");
    std::printf("tried %llu schedule%s in %.2f s (%.0f per second, %s)\n", (unsigned long long)r.tried,
                r.tried == 1 ? "" : "s", r.seconds, r.per_second, strategy);
    return;
  }
  const lesson::ExploreFailure& f = r.failure;
  if (f.kind == "check")
    std::printf("found: check %s failed%s%s\n", f.name.c_str(), f.message.empty() ? "" : ": ", f.message.c_str());
  else
    std::printf("found: %s: %s\n", f.kind.c_str(), f.message.c_str());
  std::printf("token: %s\n", r.token.c_str());
  std::printf("tried %llu schedule%s in %.2f s (%.0f per second, %s), then %llu runs minimising\n",
              (unsigned long long)r.tried, r.tried == 1 ? "" : "s", r.seconds, r.per_second, strategy,
              (unsigned long long)r.minimise_runs);
  std::printf("preemptions: %d (first found with %d%s)\n", r.preemptions, r.found_preemptions,
              r.minimal ? "; none fails with fewer" : "");
  for (const lesson::Preemption& p : r.where)
    std::printf("  step %llu (choice point %llu): %s -> %s\n", (unsigned long long)p.step,
                (unsigned long long)p.point, p.from_name.c_str(), p.to_name.c_str());
  std::printf("replay: %s\n", replay_command(args, r.token).c_str());
}

}  // namespace

int explore_target(const lesson::PreparedRun& run, const Args& args) {
  lesson::ExploreOptions o = explore_options(args);
  if (std::string e = lesson::validate(o); !e.empty()) {
    std::fprintf(stderr, "interleave: explore: %s\n", e.c_str());
    return 2;
  }
  const bool progress = isatty(2);
  if (progress)
    o.on_progress = [exhaustive = o.strategy == lesson::ExploreStrategy::Exhaustive](const lesson::ExploreProgress& p) {
      std::fprintf(stderr, "\rtried %llu schedules, %.0f per second", (unsigned long long)p.tried, p.per_second);
      if (exhaustive) std::fprintf(stderr, ", now with up to %d preemption%s", p.bound, p.bound == 1 ? "" : "s");
      std::fflush(stderr);
    };
  lesson::ExploreResult r = lesson::explore(run, o);
  if (progress) std::fprintf(stderr, "\r\033[K");
  if (!r.error.empty() && !r.found) {
    std::fprintf(stderr, "interleave: explore: %s\n", r.error.c_str());
    return 70;
  }
  if (args.json) {
    nlohmann::json j = lesson::explore_json(r, o);
    if (!r.error.empty()) j["error"] = r.error;
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    print_text(r, o, args);
  }
  std::fflush(stdout);
  if (!r.error.empty()) {
    std::fprintf(stderr, "interleave: explore: %s\n", r.error.c_str());
    return 70;
  }
  return r.found ? 1 : 0;
}

}  // namespace interleave::cli
