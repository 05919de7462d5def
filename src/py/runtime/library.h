// The runtime's modules written in Python (runtime/lib/*.py: threading, queue,
// concurrent.futures), embedded at build time by cmake/EmbedPython.cmake.
#pragma once
#include <vector>

namespace interleave::py {

struct LibraryModule {
  const char* name;    // import name, e.g. "concurrent.futures"
  const char* source;  // its Python source
};

const std::vector<LibraryModule>& library_modules();

}  // namespace interleave::py
