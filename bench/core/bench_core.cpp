// Benchmarks for src/core (build with the native-release preset).
//   BM_StdMutexUncontended vs BM_LockUncontended (free mode, instrumented): goal <= 1.5x
//   BM_TraceAppend: goal <= 3 ns per event
//   BM_DetSwitch: green-thread switches per second, goal >= 10M/s
//   BM_DetRaceInterleavings: complete 2-thread lost-update runs per second, goal >= 200k/s
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <atomic>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/det_scheduler.h"
#include "core/run.h"
#include "core/script.h"
#include "core/sync.h"

using namespace interleave::core;

namespace {
// A task that does nothing but hit its yield point: one switch per step.
class SpinTask final : public Task {
 public:
  StepResult step(ThreadContext& ctx) override {
    ctx.sched->yield_point(ctx);
    return StepResult::Yield;
  }
};

// A thread context outside any scheduler loop, for calling primitives directly.
struct Harness {
  Run run;
  ThreadContext* ctx;
  explicit Harness(Mode mode) : run(config(mode)) {
    run.spawn_thread(1, std::make_unique<SpinTask>(), "bench");
    ctx = run.thread(1);
  }
  static RunConfig config(Mode mode) {
    RunConfig c;
    c.mode = mode;
    return c;
  }
};

// Free mode without starting an OS thread: the caller acts as the simulated thread.
struct FreeCaller {
  Run run;
  ThreadContext ctx;
  explicit FreeCaller(bool trace_fast_paths = true) : run(free_config(trace_fast_paths)) {
    ctx.id = 1;
    ctx.process = run.process(1);
    ctx.run = &run;
    ctx.sched = &run.scheduler();
    ctx.trace = run.trace().open_buffer(1, 1);
  }
  static RunConfig free_config(bool trace_fast_paths) {
    RunConfig c = Harness::config(Mode::Free);
    c.trace_fast_paths = trace_fast_paths;
    return c;
  }
};
}  // namespace

static void BM_StdMutexUncontended(benchmark::State& state) {
  // Arg 1: with a second (idle) thread alive, as in any free-mode run. glibc's
  // pthread_mutex skips the LOCK prefix while a process is single-threaded, which
  // Arg 0 measures and no real run sees.
  std::mutex gate;
  std::condition_variable cv;
  bool stop = false;
  std::thread idle;
  if (state.range(0)) idle = std::thread([&] {
      std::unique_lock<std::mutex> lk(gate);
      cv.wait(lk, [&] { return stop; });
    });
  std::mutex m;
  for (auto _ : state) {
    m.lock();
    m.unlock();
  }
  if (idle.joinable()) {
    {
      std::lock_guard<std::mutex> g(gate);
      stop = true;
    }
    cv.notify_all();
    idle.join();
  }
}
BENCHMARK(BM_StdMutexUncontended)->Arg(0)->Arg(1)->ArgName("threads_alive");

static void BM_LockUncontended(benchmark::State& state) {
  // Arg 1: every acquire/release traced (the default). The per-thread cap (1M
  // events) fills after 500k iterations; later events take the drop branch, which
  // still pays for the sequence number and the clock read.
  // Arg 0: RunConfig::trace_fast_paths = false (only contended operations traced).
  FreeCaller c(state.range(0) != 0);
  Lock& lock = c.run.create<Lock>("L");
  for (auto _ : state) {
    lock.acquire(c.ctx);
    lock.release(c.ctx);
  }
  state.counters["trace_dropped"] = static_cast<double>(c.run.trace().dropped());
}
BENCHMARK(BM_LockUncontended)->Arg(1)->Arg(0)->ArgName("traced");

static void BM_TraceAppend(benchmark::State& state) {
  Mode mode = state.range(0) ? Mode::Free : Mode::Det;
  // Reuse freed chunks warm (no fresh mmap per chunk) so the figure is the append
  // itself, not first-touch page faults of an ever-growing log.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  auto trace = std::make_unique<Trace>(mode, 1u << 30);
  TraceBuffer* buf = trace->open_buffer(1, 1);
  int64_t i = 0;
  for (auto _ : state) {
    trace->emit(buf, i, EventKind::Custom, 1, i);
    ++i;
    if ((i & ((1 << 20) - 1)) == 0) {  // keep memory bounded: a fresh trace, warm memory
      state.PauseTiming();
      trace = std::make_unique<Trace>(mode, 1u << 30);
      buf = trace->open_buffer(1, 1);
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TraceAppend)->Arg(0)->Arg(1)->ArgName("free");

static void BM_DetSwitch(benchmark::State& state) {
  RunConfig cfg = Harness::config(Mode::Det);
  cfg.strategy = StrategyKind::RoundRobin;
  cfg.max_trace_events_per_thread = 64;
  Run run(cfg);
  run.spawn_thread(1, std::make_unique<SpinTask>(), "a");
  run.spawn_thread(1, std::make_unique<SpinTask>(), "b");
  DetScheduler& det = *run.det();
  constexpr uint64_t kBatch = 1000;
  for (auto _ : state) det.run(kBatch);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
  state.counters["switches/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DetSwitch);

static void BM_DetRaceInterleavings(benchmark::State& state) {
  uint64_t seed = 0;
  int64_t lost = 0;
  for (auto _ : state) {
    std::atomic<int64_t> x{0};
    RunConfig cfg = Harness::config(Mode::Det);
    cfg.seed = seed++;
    Run run(cfg);
    for (int t = 0; t < 2; ++t)
      run.spawn_thread(1, std::make_unique<ScriptTask>(op::repeat(5, {op::read(x), op::write(x, 1)})), "t");
    run.run();
    lost += x.load() != 10;
  }
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["lost_update_share"] = static_cast<double>(lost) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DetRaceInterleavings);
