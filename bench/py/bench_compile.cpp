// Compile time of generated programs (build with the native-release preset):
//   BM_PyCompileConstants/<KB>: lex + parse + compile of a module of about <KB> kilobytes
//     whose lines each add fresh int, float and str constants and a fresh name, so the
//     constants and names tables grow with the source. Goal: time linear in size
//     (the 2 MB run took 14.9 s while the constants table was searched linearly).
#include <benchmark/benchmark.h>

#include <string>

#include "py/compiler.h"
#include "py/heap.h"

using namespace interleave;

namespace {

// About `bytes` of source, e.g. `v17 = 17 * 2.17 + len('s17')`.
std::string constants_program(size_t bytes) {
  std::string src;
  for (size_t i = 0; src.size() < bytes; i++) {
    std::string n = std::to_string(i);
    src += "v" + n + " = " + n + " * 2." + n + " + len('s" + n + "')\n";
  }
  return src;
}

void BM_PyCompileConstants(benchmark::State& state) {
  const std::string src = constants_program(size_t(state.range(0)) * 1024);
  for (auto _ : state) {
    py::Heap heap;
    py::CompileResult r = py::compile_source(src, heap, "<bench>");
    if (!r.code) state.SkipWithError(r.error.c_str());
    benchmark::DoNotOptimize(r.code);
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(src.size()));
}
BENCHMARK(BM_PyCompileConstants)->Arg(512)->Arg(1024)->Arg(2048)->Arg(4096)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
