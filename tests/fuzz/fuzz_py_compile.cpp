// libFuzzer entry: lex, parse and compile arbitrary input. Any input must give either a
// code object or a SyntaxError message (or RecursionError for nesting too deep to
// compile); crashes, leaks and UB are bugs.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "py/compiler.h"
#include "py/heap.h"
#include "py/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  std::string_view src(reinterpret_cast<const char*>(data), size);
  interleave::py::Heap heap;
  interleave::py::CompileResult r = interleave::py::compile_source(src, heap, "fuzz.py");
  if (!r.code && r.error.rfind("SyntaxError: ", 0) != 0 && r.error.rfind("IndentationError: ", 0) != 0 &&
      r.error.rfind("TabError: ", 0) != 0 &&
      r.error != interleave::py::kTooDeep)
    __builtin_trap();  // errors are SyntaxErrors (or nesting too deep to compile)
  return 0;
}
