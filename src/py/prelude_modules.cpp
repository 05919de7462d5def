// Modules written in the Python subset itself (src/py/runtime/lib), compiled into each state
// on first import. Cheap to write and automatically preemptible like user code.
#include "py/prelude_modules.h"

#include <cstring>

#include "py/runtime/library.h"

namespace interleave::py {

const char* prelude_module_source(const std::string& name) {
  // Modules of runtime/lib that need no runtime: a bare interpreter has them too.
  static const char* const kStandalone[] = {"random", "collections", "functools", "operator", "itertools", "heapq",
                                            "bisect", "contextlib", "copy", "string", "textwrap", "typing", "abc",
                                            "statistics", "dataclasses", "enum"};
  for (const char* m : kStandalone) {
    if (name != m) continue;
    for (const LibraryModule& lib : library_modules())
      if (std::strcmp(lib.name, m) == 0) return lib.source;
  }
  return nullptr;
}

}  // namespace interleave::py
