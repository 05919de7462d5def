// libFuzzer entry: compile AND run arbitrary programs under small limits (instructions,
// memory, recursion). Any outcome is fine except a crash, a leak or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/memory.h"
#include "py/vm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 14) return 0;
  std::string src(reinterpret_cast<const char*>(data), size);
  // Memory is counted at the allocator as in a run (core/memory.h): MemoryError paths too.
  interleave::core::MemoryAccount* account = interleave::core::MemoryAccount::create(64u << 20);
  {
    interleave::py::VmConfig config;
    config.memory = account;
    config.limits = {.max_recursion = 200, .max_instructions = 20000, .max_memory_bytes = 64u << 20};
    interleave::py::VM vm(std::move(config));
    if (interleave::py::Thread* t = vm.load_main(src, "fuzz.py")) vm.run_to_end(*t);
  }
  interleave::core::MemoryAccount::retire(account);
  return 0;
}
