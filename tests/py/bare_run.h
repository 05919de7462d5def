// A program on a bare VM (no runtime, no scheduler): its output and its exit code, for the
// tests of the interpreter's own contracts.
#pragma once
#include <string>

#include "py/vm.h"

namespace interleave::py::testing {

struct Run {
  std::string out, err;
  VM vm;
  Thread* t = nullptr;
  explicit Run(const std::string& src, Limits limits = {}) : vm(config(limits)) { t = vm.load_main(src, "t.py"); }
  // A VM with `limits` whose output goes to out and err.
  VmConfig config(Limits limits) {
    VmConfig c;
    c.limits = limits;
    c.sink = [this](const std::string& s, Stream st, const Thread*) { (st == Stream::Stdout ? out : err) += s; };
    return c;
  }
  // Runs the program to its end: 0, or 1 after an uncaught exception (or a SyntaxError).
  int finish() { return t ? vm.run_to_end(*t) : 1; }
};

}  // namespace interleave::py::testing
