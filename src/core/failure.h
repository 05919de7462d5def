// core/failure.h - describing a C++ exception at a catch site.
//
// In the threaded wasm build (Emscripten 3.1.6, -fwasm-exceptions with -pthread), typed
// catch clauses never match: the prebuilt libc++abi's type matching does not work there,
// and only catch (...) catches. So code that may run in that build catches with
// catch (...) and asks current_exception_text() what it caught.
#pragma once
#include <string>

namespace interleave::core {

// Inside a catch block: the exception's what() where typed matching works, else
// "an unidentified C++ exception". Out of memory is told apart by take_allocation_failure()
// (core/memory.h), which works everywhere.
std::string current_exception_text();

}  // namespace interleave::core
