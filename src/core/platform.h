// core/platform.h - what differs between the platforms the engine is built for (native,
// and wasm in a browser's workers), in one place: the only header that asks which one it is.
#pragma once
#include <cstdint>

namespace interleave::core {

// C++ stack a thread may spend on native recursion (nested containers' repr, ==, hash)
// before the interpreter raises RecursionError. A browser worker's stack is small (512 KB,
// set at link time) and has no guard page, so the budget is checked, never trusted.
#ifdef __EMSCRIPTEN__
inline constexpr uintptr_t kNativeStackBudget = 384 * 1024;
#else
inline constexpr uintptr_t kNativeStackBudget = 4 * 1024 * 1024;  // of 8 MB thread stacks
#endif

}  // namespace interleave::core
