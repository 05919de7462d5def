// The schedule explorer (see explore.h).
// [SECTION] runs and verdicts  [SECTION] the search  [SECTION] exhaustive (DFS)
// [SECTION] minimising  [SECTION] explore()  [SECTION] JSON
#include "lesson/explore.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "core/failure.h"
#include "core/strategy.h"

namespace interleave::lesson {
namespace {

using Clock = std::chrono::steady_clock;
using core::ChoiceLog;
using core::ThreadId;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

//-----------------------------------------------------------------------------
// [SECTION] runs and verdicts
//-----------------------------------------------------------------------------
struct RunOutcome {
  bool failed = false;
  ExploreFailure failure;
  std::string token;
  uint64_t steps = 0;
  ChoiceLog log;
  uint32_t preemptions = 0;
};

ExploreFailure exit_failure(const py::Program& p) {
  if (p.status() == py::ProgramStatus::Deadlock && p.deadlock()) return {"deadlock", "", p.deadlock()->description};
  std::string message = p.end_message();
  if (message.empty()) message = "exit code " + std::to_string(p.exit_code());
  return {"exception", "", message};
}

// A lesson run fails on an exit code its expect_exit does not list, or on a failing check;
// a plain program on a deadlock or a non-zero exit code.
std::optional<ExploreFailure> judge(const PreparedRun& run, const py::Program& p) {
  if (run.goal) {
    if (run.goal(run, p)) return ExploreFailure{"goal", "", "the goal was reached"};
    return std::nullopt;
  }
  if (!run.lesson) {
    if (p.status() == py::ProgramStatus::Deadlock || p.exit_code() != 0) return exit_failure(p);
    return std::nullopt;
  }
  const auto& ok = run.lesson->run.expect_exit;
  if (std::find(ok.begin(), ok.end(), p.exit_code()) == ok.end()) return exit_failure(p);
  auto outcomes = evaluate_checks(*run.lesson, run.params, run_results(run, p), run_facts(run, p));
  for (const CheckOutcome& o : outcomes) {
    if (o.verdict != Verdict::Fail) continue;
    std::string text;
    for (const Check& c : run.lesson->checks)
      if (c.name == o.name) text = c.text.en;
    return ExploreFailure{"check", o.name, text};
  }
  return std::nullopt;
}

bool same_failure(const ExploreFailure& a, const ExploreFailure& b) { return a.kind == b.kind && a.name == b.name; }

using MakeStrategy = std::function<std::unique_ptr<core::Strategy>(ChoiceLog&)>;

// One det run of `run` under the strategy `make` builds (which logs into the outcome).
RunOutcome run_once(const PreparedRun& run, const MakeStrategy& make) {
  RunOutcome out;
  py::ProgramConfig cfg = run.config;
  cfg.run.strategy = core::StrategyKind::Custom;
  ChoiceLog* log = &out.log;
  cfg.run.custom_strategy = [&make, log]() { return make(*log); };
  {
    py::Program program(run.source, cfg);
    program.run_to_end();
    if (auto f = judge(run, program)) {
      out.failed = true;
      out.failure = std::move(*f);
    }
    out.token = program.schedule_token();
    out.steps = program.steps();
  }
  out.preemptions = out.log.preemptions();
  return out;
}

MakeStrategy planned(std::vector<ThreadId> plan, bool reduce) {
  return [plan = std::move(plan), reduce](ChoiceLog& log) {
    core::PlanStrategy::LocalStep local;
    if (reduce)
      local = [](const core::ThreadContext& t) { return py::next_step_is_local(t) || py::next_step_in_library(t); };
    return std::make_unique<core::PlanStrategy>(plan, log, std::move(local));
  };
}

// The points where a run chose another thread than the non-preemptive default would.
std::vector<std::pair<uint32_t, ThreadId>> overrides(const ChoiceLog& log) {
  std::vector<std::pair<uint32_t, ThreadId>> out;
  for (uint32_t j = 0; j < log.points.size(); ++j) {
    const ChoiceLog::Point& p = log.points[j];
    if (p.chosen != log.default_choice(p)) out.emplace_back(j, p.chosen);
  }
  return out;
}

std::vector<ThreadId> plan_of(const std::vector<std::pair<uint32_t, ThreadId>>& picks) {
  std::vector<ThreadId> plan(picks.empty() ? 0 : picks.back().first + 1, 0);
  for (const auto& [j, tid] : picks) plan[j] = tid;
  return plan;
}

//-----------------------------------------------------------------------------
// [SECTION] the search
//-----------------------------------------------------------------------------
// Counts runs against a budget and a deadline; reports progress when asked to.
struct Meter {
  uint64_t runs = 0;
  uint64_t limit = 0;   // 0 = none
  double time_s = 0;    // 0 = none
  Clock::time_point t0 = Clock::now();
  Clock::time_point last_report = Clock::now();
  int bound = 0;
  const std::function<void(const ExploreProgress&)>* on_progress = nullptr;
  const std::atomic<bool>* cancel = nullptr;

  bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
  bool spent() const { return cancelled() || (limit && runs >= limit) || (time_s > 0 && since(t0) >= time_s); }
  void count() {
    ++runs;
    if (!on_progress || !*on_progress || std::chrono::duration<double>(Clock::now() - last_report).count() < 0.25) return;
    last_report = Clock::now();
    const double s = since(t0);
    (*on_progress)(ExploreProgress{runs, s, s > 0 ? double(runs) / s : 0, bound});
  }
};

// The failures a search is after: any (the search), or the one being minimised.
using Wanted = std::function<bool(const RunOutcome&)>;

//-----------------------------------------------------------------------------
// [SECTION] exhaustive (DFS)
//-----------------------------------------------------------------------------
// Depth-first over the choice points, each run replaying a plan (the choices down to the
// point being varied) and going on non-preemptively; a node's alternatives are the
// runnable threads not tried yet whose preemptions (so far plus this one) stay <= bound.
// Forced points (a local step) have no alternatives. Up to 64 runnable threads per point
// are branched on.
struct Dfs {
  struct Node {
    uint32_t first = 0, count = 0;
    ThreadId stay = 0, chosen = 0;
    bool forced = false;
    uint32_t cost_before = 0;  // preemptions at the points above it
    uint64_t tried = 0;        // bit i: runnable thread i was (or is being) tried
  };
  const PreparedRun& run;
  bool reduce;
  int bound;
  std::vector<Node> stack;
  std::vector<ThreadId> pool;  // the nodes' runnable threads
  std::vector<ThreadId> plan;
  bool pruned = false;  // an alternative was left out for the bound: a higher one has more

  // Runs schedules until `wanted` fails (the outcome), the meter is spent (nullopt,
  // complete = false) or every schedule within the bound ran (nullopt, complete = true).
  std::optional<RunOutcome> search(Meter& meter, const Wanted& wanted, bool& complete) {
    complete = false;
    for (;;) {
      if (meter.spent()) return std::nullopt;
      RunOutcome r = run_once(run, planned(plan, reduce));
      meter.count();
      if (wanted(r)) return r;
      extend(r.log);
      if (!backtrack()) {
        complete = true;
        return std::nullopt;
      }
    }
  }

  void extend(const ChoiceLog& log) {
    uint32_t cost = 0;
    if (!stack.empty()) cost = stack.back().cost_before + (stack.back().stay && stack.back().chosen != stack.back().stay);
    for (size_t j = stack.size(); j < log.points.size(); ++j) {
      const ChoiceLog::Point& p = log.points[j];
      Node n{uint32_t(pool.size()), p.count, p.stay, p.chosen, p.forced, cost, 0};
      for (uint32_t i = 0; i < p.count; ++i) {
        pool.push_back(log.tids[p.first + i]);
        if (log.tids[p.first + i] == p.chosen && i < 64) n.tried |= uint64_t(1) << i;
      }
      cost += log.is_preemption(p) ? 1 : 0;
      stack.push_back(n);
    }
  }

  // Moves to the deepest node with an untried alternative within the bound; false if none.
  bool backtrack() {
    while (!stack.empty()) {
      Node& n = stack.back();
      for (uint32_t i = 0; !n.forced && i < n.count && i < 64; ++i) {
        if (n.tried >> i & 1) continue;
        const ThreadId tid = pool[n.first + i];
        if (n.cost_before + (n.stay && tid != n.stay ? 1u : 0u) > uint32_t(bound)) {
          pruned = true;
          continue;
        }
        n.tried |= uint64_t(1) << i;
        n.chosen = tid;
        plan.resize(stack.size());
        for (size_t j = 0; j < stack.size(); ++j) plan[j] = stack[j].chosen;
        return true;
      }
      pool.resize(n.first);
      stack.pop_back();
    }
    return false;
  }
};

// Iterative deepening: bounds 0..max_bound, so the first failure has the fewest preemptions.
// `complete` = every schedule within max_bound ran without a wanted failure.
std::optional<RunOutcome> deepen(const PreparedRun& run, bool reduce, int max_bound, Meter& meter, const Wanted& wanted,
                                 bool& complete) {
  complete = false;
  for (int b = 0; b <= max_bound; ++b) {
    meter.bound = b;
    Dfs dfs{run, reduce, b, {}, {}, {}};
    bool done = false;
    if (auto r = dfs.search(meter, wanted, done)) return r;
    if (!done) return std::nullopt;
    if (!dfs.pruned) break;  // every schedule ran within this bound: a higher one adds none
  }
  complete = true;
  return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] minimising
//-----------------------------------------------------------------------------
bool better(const RunOutcome& a, const RunOutcome& b) {
  if (a.preemptions != b.preemptions) return a.preemptions < b.preemptions;
  return overrides(a.log).size() < overrides(b.log).size();
}

// Delta debugging over the schedule's deviations from the non-preemptive default: drops
// chunks of them (halves, quarters, ... single ones) and keeps a change when the run still
// fails the same way with fewer preemptions (or as many and fewer deviations).
RunOutcome drop_deviations(const PreparedRun& run, RunOutcome cur, Meter& meter) {
  auto picks = overrides(cur.log);
  size_t n = 2;
  while (!picks.empty() && !meter.spent()) {
    const size_t chunk = (picks.size() + n - 1) / n;
    bool improved = false;
    for (size_t start = 0; start < picks.size() && !meter.spent(); start += chunk) {
      auto kept = picks;
      kept.erase(kept.begin() + long(start), kept.begin() + long(std::min(start + chunk, picks.size())));
      RunOutcome r = run_once(run, planned(plan_of(kept), false));
      meter.count();
      if (r.failed && same_failure(r.failure, cur.failure) && better(r, cur)) {
        cur = std::move(r);
        picks = overrides(cur.log);
        n = std::max<size_t>(n - 1, 2);
        improved = true;
        break;
      }
    }
    if (!improved) {
      if (chunk <= 1) break;
      n = std::min(n * 2, picks.size());
    }
  }
  return cur;
}

//-----------------------------------------------------------------------------
// [SECTION] explore()
//-----------------------------------------------------------------------------
// `exhausted`: the first run had no choice point, so every schedule is that one.
std::optional<RunOutcome> sample(const PreparedRun& run, const ExploreOptions& o, Meter& meter, bool& exhausted) {
  uint32_t pct_steps = 1;
  if (o.strategy == ExploreStrategy::Pct) {
    // The non-preemptive schedule first: it counts the choice points the change points fall in.
    RunOutcome r = run_once(run, planned({}, false));
    meter.count();
    if (r.failed) return r;
    if (r.log.points.empty()) {
      exhausted = true;
      return std::nullopt;
    }
    pct_steps = std::max<uint32_t>(1, uint32_t(r.log.points.size()));
  }
  for (uint64_t seed = o.first_seed; !meter.spent(); ++seed) {
    MakeStrategy make = [&](ChoiceLog& log) -> std::unique_ptr<core::Strategy> {
      std::unique_ptr<core::Strategy> inner;
      if (o.strategy == ExploreStrategy::Pct)
        inner = std::make_unique<core::PctStrategy>(seed, o.max_preemptions + 1, pct_steps);
      else
        inner = std::make_unique<core::RandomStrategy>(seed);
      return std::make_unique<core::RecordingStrategy>(std::move(inner), log);
    };
    RunOutcome r = run_once(run, make);
    meter.count();
    if (r.failed) return r;
    if (r.log.points.empty()) {
      exhausted = true;
      break;
    }
  }
  return std::nullopt;
}

std::vector<Preemption> preemptions_of(const ChoiceLog& log, const py::Program& replayed) {
  std::vector<Preemption> out;
  for (uint32_t j = 0; j < log.points.size(); ++j) {
    const ChoiceLog::Point& p = log.points[j];
    if (!log.is_preemption(p)) continue;
    out.push_back({j, p.step, p.stay, p.chosen, replayed.run().trace().thread_name(p.stay),
                   replayed.run().trace().thread_name(p.chosen)});
  }
  return out;
}

}  // namespace

const char* explore_strategy_name(ExploreStrategy s) {
  switch (s) {
    case ExploreStrategy::Random: return "random";
    case ExploreStrategy::Pct: return "pct";
    case ExploreStrategy::Exhaustive: return "exhaustive";
  }
  return "?";
}

std::string validate(const ExploreOptions& o) {
  if (o.max_preemptions < 0 || o.max_preemptions > kMaxPreemptions)
    return "--max-preemptions must be from 0 to " + std::to_string(kMaxPreemptions) + ", got " +
           std::to_string(o.max_preemptions);
  if (o.budget > kMaxBudget)
    return "--budget must be from 1 to " + std::to_string(kMaxBudget) + ", got " + std::to_string(o.budget);
  if (!(o.time_s >= 0 && o.time_s <= 86400)) return "--time must be seconds from 0.1 to 86400";
  return {};
}

ExploreResult explore(const PreparedRun& given, const ExploreOptions& o) {
  ExploreResult res;
  PreparedRun run = given;
  run.goal = o.goal;
  if (std::string e = validate(o); !e.empty()) {
    res.error = e;
    return res;
  }
  if (run.config.run.mode != core::Mode::Det) {
    res.error = "explore needs det mode";
    return res;
  }
  try {
    Meter meter;
    meter.limit = o.budget;
    meter.time_s = o.time_s;
    meter.on_progress = &o.on_progress;
    meter.cancel = o.cancel;
    std::optional<RunOutcome> found;
    const bool reduce = true;  // next_step_is_local itself holds back outside SwitchPoints::Any
    if (o.strategy == ExploreStrategy::Exhaustive) {
      found = deepen(run, reduce, o.max_preemptions, meter, [](const RunOutcome& r) { return r.failed; }, res.exhausted);
    } else {
      found = sample(run, o, meter, res.exhausted);
    }
    res.tried = meter.runs;
    res.seconds = since(meter.t0);
    res.per_second = res.seconds > 0 ? double(res.tried) / res.seconds : 0;
    res.cancelled = meter.cancelled();
    if (res.cancelled) res.exhausted = false;  // the search did not finish
    if (!found) return res;

    res.found = true;
    res.found_preemptions = int(found->preemptions);
    RunOutcome best = std::move(*found);
    res.minimal = o.strategy == ExploreStrategy::Exhaustive;  // iterative deepening found it
    if (o.minimise && !res.minimal && best.preemptions > 0) {
      Meter m;
      m.limit = o.minimise_budget;
      m.cancel = o.cancel;
      best = drop_deviations(run, std::move(best), m);
      // Then search every schedule with fewer preemptions for the same failure.
      const ExploreFailure target = best.failure;
      bool complete = false;
      if (best.preemptions > 0) {
        auto fewer = deepen(run, reduce, int(best.preemptions) - 1, m,
                            [&](const RunOutcome& r) { return r.failed && same_failure(r.failure, target); }, complete);
        if (fewer) best = std::move(*fewer);
        res.minimal = fewer.has_value() || complete;
      } else {
        res.minimal = true;
      }
      res.minimise_runs = m.runs;
    }
    if (best.preemptions == 0) res.minimal = true;
    res.token = best.token;
    res.preemptions = int(best.preemptions);
    res.failure = best.failure;
    res.steps = best.steps;
    // Replay the token as `run --replay` does: the names of the threads, and a check that
    // the token reproduces the failure.
    PreparedRun replay = run;
    replay.config.run.strategy = core::StrategyKind::Replay;
    replay.config.run.replay = best.token;
    py::Program again(replay.source, replay.config);
    again.run_to_end();
    auto f = judge(replay, again);
    if (!f || !same_failure(*f, best.failure)) res.error = "the found schedule did not replay to the same failure";
    res.where = preemptions_of(best.log, again);
  } catch (...) {
    res.error = "explore failed: " + core::current_exception_text();
  }
  return res;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON
//-----------------------------------------------------------------------------
nlohmann::json explore_json(const ExploreResult& r, const ExploreOptions& o) {
  using nlohmann::json;
  json where = json::array();
  for (const Preemption& p : r.where)
    where.push_back({{"point", p.point}, {"step", p.step}, {"from", p.from_name}, {"to", p.to_name},
                     {"from_tid", p.from}, {"to_tid", p.to}});
  json failure = nullptr;
  if (r.found) failure = {{"kind", r.failure.kind}, {"name", r.failure.name}, {"message", r.failure.message}};
  return json{{"found", r.found},
              {"token", r.found ? json(r.token) : json(nullptr)},
              {"tried", r.tried},
              {"seconds", r.seconds},
              {"per_second", r.per_second},
              {"preemptions", r.found ? json(r.preemptions) : json(nullptr)},
              {"found_preemptions", r.found ? json(r.found_preemptions) : json(nullptr)},
              {"minimal", r.minimal},
              {"minimise_runs", r.minimise_runs},
              {"where", where},
              {"steps", r.steps},
              {"failure", failure},
              {"exhausted", r.exhausted},
              {"cancelled", r.cancelled},
              {"strategy", explore_strategy_name(o.strategy)},
              {"max_preemptions", o.max_preemptions}};
}

}  // namespace interleave::lesson
