// py/native_fn.h - how a native function is defined (objects.h NativeFn) and the early
// return natives share; included by every file that defines natives, so the shape is
// written once.
#pragma once
#include "py/vm.h"

// A native's definition: `vm`, the calling thread `t`, the arguments `a`, the result `*out`.
#define NATIVE(name) NativeStatus name(VM& vm, Thread& t, CallArgs& a, Value* out)
// Returns Error from the native when `expr` is false (the exception is already raised).
#define TRY(expr) do { if (!(expr)) return NativeStatus::Error; } while (0)
