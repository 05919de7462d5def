// Benchmarks for the schedule explorer (lesson/explore.h), build with the native-release
// preset. Each iteration is one whole search of a program from tests/explore/; the
// "schedules/s" counter is the figure docs/runtime.md quotes.
//   BM_ExploreRace:     exhaustive, bound 2: finds the lost update (then replays it)
//   BM_ExploreDeadlock: exhaustive, bound 2: finds the two-lock deadlock
//   BM_ExploreLocked:   exhaustive, bound 1: runs every schedule of the locked counter
//   BM_ExploreRandom:   random seeds over the locked counter, 200 schedules
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "lesson/explore.h"

using namespace interleave;

namespace {

lesson::PreparedRun prepare(const std::string& name) {
  std::ifstream in(std::string(INTERLEAVE_EXPLORE_PROGRAMS) + "/" + name, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string error;
  auto p = lesson::prepare_program_run(buf.str(), name, {}, error);
  if (!p) std::abort();
  return *p;
}

void explore_bench(benchmark::State& state, const char* program, lesson::ExploreStrategy strategy, int bound,
                   uint64_t budget, bool expect_found) {
  lesson::PreparedRun run = prepare(program);
  lesson::ExploreOptions o;
  o.strategy = strategy;
  o.max_preemptions = bound;
  o.budget = budget;
  uint64_t schedules = 0;
  for (auto _ : state) {
    lesson::ExploreResult r = lesson::explore(run, o);
    if (r.found != expect_found || !r.error.empty()) state.SkipWithError("unexpected search result");
    schedules += r.tried + r.minimise_runs + (r.found ? 1 : 0);  // + the token's replay
  }
  state.counters["schedules/s"] = benchmark::Counter(double(schedules), benchmark::Counter::kIsRate);
}

void BM_ExploreRace(benchmark::State& s) {
  explore_bench(s, "counter_race.py", lesson::ExploreStrategy::Exhaustive, 2, 0, true);
}
void BM_ExploreDeadlock(benchmark::State& s) {
  explore_bench(s, "two_locks.py", lesson::ExploreStrategy::Exhaustive, 2, 0, true);
}
void BM_ExploreLocked(benchmark::State& s) {
  explore_bench(s, "counter_locked.py", lesson::ExploreStrategy::Exhaustive, 1, 0, false);
}
void BM_ExploreRandom(benchmark::State& s) {
  explore_bench(s, "counter_locked.py", lesson::ExploreStrategy::Random, 2, 200, false);
}

}  // namespace

BENCHMARK(BM_ExploreRace)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExploreDeadlock)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExploreLocked)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExploreRandom)->Unit(benchmark::kMillisecond);
