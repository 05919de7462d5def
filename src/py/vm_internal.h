// py/vm_internal.h - what vm.cpp and vm_dispatch.cpp (the interpreter loop) share; not part
// of the VM's contract (vm.h).
#pragma once
#include <utility>
#include <vector>

#include "py/vm.h"

namespace interleave::py {

// Cap on nested (callback) loops: each one costs a few KB of C++ stack (1 MB under wasm).
constexpr int kMaxNested = 150;

// Bounds the C++ recursion of repr / compare / hash over nested containers: beyond the
// recursion limit (Python frames included, as in CPython) they raise RecursionError instead
// of overflowing the C++ stack.
struct DepthGuard {
  Thread& t;
  bool ok;
  DepthGuard(VM& vm, Thread& th, const char* what) : t(th) {
    ok = int(t.frames.size()) + ++t.c_depth <= vm.limits().max_recursion && !VM::stack_exhausted(t);
    if (!ok) vm.raise(t, vm.cls.RecursionError, std::string("maximum recursion depth exceeded") + what);
  }
  ~DepthGuard() { --t.c_depth; }
};

// Outcome of calling any callable from the loop.
enum class CallOutcome { Value, Pushed, Error, Block };

// Calls `fn` with args[0..n) (+kw). Python functions are pushed as frames (no C++ recursion).
// no_meta: a class is called as type.__call__ does (its metaclass's __call__ is not asked).
CallOutcome call_any(VM& vm, Thread& t, const Value& fn, Value* args, int n,
                     const std::vector<std::pair<Value, Value>>* kw, Value* out, bool no_meta = false);

}  // namespace interleave::py
