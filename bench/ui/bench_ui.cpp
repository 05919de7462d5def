// Benchmarks for src/ui (build with the native-release preset; run
// build/native-release/bench_ui).
//   BM_TimelineFrame_1MEvents/0: one frame of the timeline over 1M events, fully
//     zoomed out (everything folds); /1: zoomed in on 2 us. Goal: well under 16 ms.
//   BM_ModelDrain/<steps>: events per second the model drains from a real det run's
//     trace, draining after every slice of <steps> scheduler steps (as a frame would).
//   BM_ModelIngest: events per second applied from a ready batch (no run).
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "core/run.h"
#include "core/script.h"
#include "core/sync.h"
#include "imgui.h"
#include "ui/run_model.h"
#include "ui/timeline_view.h"
#include "ui/theme.h"

using namespace interleave::core;
using namespace interleave::ui;

namespace {
// 8 threads alternating CPU bursts and lock holds, one event every 100 ns.
std::vector<TraceEvent> synthetic_events(int threads, int per_thread) {
  std::vector<TraceEvent> batch;
  batch.reserve(static_cast<size_t>(threads) * per_thread);
  static const EventKind kinds[] = {EventKind::CpuBegin, EventKind::LockAcquire, EventKind::CpuEnd,
                                    EventKind::LockRelease};
  uint64_t seq = 0;
  for (int i = 0; i < per_thread; ++i)
    for (int t = 1; t <= threads; ++t, ++seq) {
      EventKind k = kinds[i % 4];
      bool lock = k == EventKind::LockAcquire || k == EventKind::LockRelease;
      batch.push_back(TraceEvent{seq, static_cast<VTime>(seq) * 100, 0, 1, static_cast<ThreadId>(t),
                                 lock ? static_cast<ObjectId>(t) : 0, k, k == EventKind::LockAcquire ? 1 : 0});
    }
  return batch;
}

struct ImGuiScope {
  ImGuiScope() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 720);
    io.IniFilename = nullptr;
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    apply_theme(1.0f);
  }
  ~ImGuiScope() { ImGui::DestroyContext(); }
};
}  // namespace

static void BM_TimelineFrame_1MEvents(benchmark::State& state) {
  RunModel model(Mode::Det);
  auto events = synthetic_events(8, 125000);
  model.ingest(events);
  ImGuiScope gui;
  TimelineView tl;
  if (state.range(0) == 1) {
    double mid = static_cast<double>(model.now()) / 2;
    tl.set_range(mid, mid + 2000);
  }
  ViewRect r{0, 0, 1280, 400};
  size_t vtx = 0;
  for (auto _ : state) {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    tl.draw(model, r);
    ImGui::Render();
    vtx = static_cast<size_t>(ImGui::GetDrawData()->TotalVtxCount);
  }
  state.counters["events"] = static_cast<double>(model.event_count());
  state.counters["vertices"] = static_cast<double>(vtx);
  state.counters["rects"] = static_cast<double>(tl.stats().rects);
  state.counters["spans_visited"] = static_cast<double>(tl.stats().spans_visited);
}
BENCHMARK(BM_TimelineFrame_1MEvents)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

static void BM_ModelDrain(benchmark::State& state) {
  // As the app does: the run advances a slice (untimed), the model drains it (timed).
  const int threads = 4, rounds = 12500;  // ~200k events per run
  const uint64_t slice = static_cast<uint64_t>(state.range(0));
  int64_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto run = std::make_unique<Run>(RunConfig{});
    Lock& l = run->create<Lock>("L");
    for (int t = 0; t < threads; ++t)
      run->spawn_thread(1, std::make_unique<ScriptTask>(op::repeat(rounds, {op::acquire(l), op::cpu(10), op::release(l)})),
                        "T" + std::to_string(t));
    auto model = std::make_unique<RunModel>(*run);
    RunStatus s;
    do {
      s = run->run(slice);
      state.ResumeTiming();
      events += static_cast<int64_t>(model->drain());
      state.PauseTiming();
    } while (s == RunStatus::StepLimit);
    model.reset();
    run.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(events);
}
BENCHMARK(BM_ModelDrain)->Arg(20000)->Arg(1u << 30)->Unit(benchmark::kMillisecond);

static void BM_ModelIngest(benchmark::State& state) {
  const auto events = synthetic_events(8, 125000);
  for (auto _ : state) {
    state.PauseTiming();
    auto batch = events;
    auto model = std::make_unique<RunModel>(Mode::Det);
    state.ResumeTiming();
    model->ingest(batch);
    benchmark::DoNotOptimize(model->now());
    state.PauseTiming();
    model.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(events.size()));
}
BENCHMARK(BM_ModelIngest)->Unit(benchmark::kMillisecond);
