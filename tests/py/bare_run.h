// A program on a bare VM (no runtime, no scheduler): its output and its exit code, for the
// tests of the interpreter's own contracts.
#pragma once
#include <string>

#include "py/vm.h"

namespace interleave::py::testing {

struct Run {
  VM vm;
  std::string out, err;
  Thread* t = nullptr;
  explicit Run(const std::string& src) {
    vm.sink = [this](const std::string& s, Stream st, const Thread*) { (st == Stream::Stdout ? out : err) += s; };
    t = vm.load_main(src, "t.py");
  }
  // Runs the program to its end: 0, or 1 after an uncaught exception (or a SyntaxError).
  int finish() { return t ? vm.run_to_end(*t) : 1; }
};

}  // namespace interleave::py::testing
