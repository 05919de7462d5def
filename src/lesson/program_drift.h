// The two listings of a lesson (main.py in Chinese, main.en.py in English) must stay the
// same program in two voices: the same parameter lines and the same results. This compares
// them; `interleave check` (and so ctest) fails a lesson whose listings drifted apart.
#pragma once
#include <string>
#include <vector>

#include "lesson/lesson.h"

namespace interleave::lesson {

// Problems between the lesson's main.py and main.en.py, one line each, empty when they
// agree (and for a lesson without main.en.py):
//   - a declared parameter is a top-level constant in one listing and not in the other, or
//     its literal differs in kind or value (compared token by token, so spacing and quote
//     style do not count: [5, 1] equals [5,1], 'a' equals "a");
//   - a det run of each at the defaults (the lesson's seed) reports a different set of
//     result names, or ends with a different exit code.
// A listing that cannot be read or prepared is a problem too.
std::vector<std::string> program_drift(const Lesson& lesson);

}  // namespace interleave::lesson
