#include "core/failure.h"

#include <exception>

namespace interleave::core {

std::string current_exception_text() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an unidentified C++ exception";
  }
}

}  // namespace interleave::core
