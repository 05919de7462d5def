// Standard modules implemented in the Python subset (runtime/lib: collections, functools, ...).
#pragma once
#include <string>

namespace interleave::py {

// The source of module `name`, or nullptr when it is not a Python-source module.
const char* prelude_module_source(const std::string& name);

}  // namespace interleave::py
