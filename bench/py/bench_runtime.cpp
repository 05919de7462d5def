// Benchmarks for the runtime (build with the native-release preset):
//   BM_PyDetBytecodeSwitches: det yield points per second when every bytecode is a switch
//     point (two threads of plain Python loops; the strategy picks at each one)
//   BM_PyFreeGilHandoffs: free-mode GIL hand-offs per second between two CPU-bound threads
//     with a tiny switch interval (the hand-off itself is what is measured)
//   BM_PyShortStrings: a loop of short-string methods, formatting and bytes (the common case
//     the interrupt polls of long string operations must not slow down)
// The same two figures for wasm come from bench/py/runtime_rates.sh (the CLI under node).
#include <benchmark/benchmark.h>

#include <string>

#include "core/det_scheduler.h"
#include "py/runtime/program.h"

using namespace interleave;

namespace {

std::string two_loops(int n) {
  return "import threading\n"
         "def spin():\n"
         "    for _ in range(" + std::to_string(n) + "):\n"
         "        pass\n"
         "ts = [threading.Thread(target=spin) for _ in range(2)]\n"
         "for t in ts: t.start()\n"
         "for t in ts: t.join()\n";
}

void BM_PyDetBytecodeSwitches(benchmark::State& state) {
  const std::string src = two_loops(100000);
  uint64_t steps = 0;
  for (auto _ : state) {
    py::ProgramConfig cfg;
    cfg.run.mode = core::Mode::Det;
    cfg.instruction_ns = double(state.range(0));
    py::Program p(src, cfg);
    p.run_to_end();
    steps += p.steps();
  }
  state.counters["switches/s"] = benchmark::Counter(double(steps), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PyDetBytecodeSwitches)->Arg(0)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PyFreeGilHandoffs(benchmark::State& state) {
  const std::string src =
      "import threading, time\n"
      "def spin():\n"
      "    end = time.monotonic() + 0.3\n"
      "    while time.monotonic() < end:\n"
      "        pass\n"
      "ts = [threading.Thread(target=spin) for _ in range(2)]\n"
      "for t in ts: t.start()\n"
      "for t in ts: t.join()\n";
  uint64_t handoffs = 0;
  for (auto _ : state) {
    py::ProgramConfig cfg;
    cfg.run.mode = core::Mode::Free;
    cfg.run.switch_interval = 1e-6;
    py::Program p(src, cfg);
    p.run_to_end();
    handoffs += p.gil_switches();
  }
  state.counters["handoffs/s"] = benchmark::Counter(double(handoffs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PyFreeGilHandoffs)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);


void BM_PyShortStrings(benchmark::State& state) {
  const std::string src =
      "def run(n):\n"
      "    total = 0\n"
      "    for i in range(n):\n"
      "        s = 'ab%d' % i\n"
      "        total += len(s.ljust(8).upper().replace('a', 'xy')) + len(','.join(s.split('b')))\n"
      "        total += len(f'{i:>6}') + len(s.zfill(6).center(9)) + len(('x' + s).expandtabs())\n"
      "        total += len(b'ab'.hex()) + len(b'-'.join([b'a', b'b']))\n"
      "    return total\n"
      "run(200000)\n";
  for (auto _ : state) {
    py::ProgramConfig cfg;
    cfg.run.mode = core::Mode::Det;
    py::Program p(src, cfg);
    p.run_to_end();
  }
}
BENCHMARK(BM_PyShortStrings)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
