// Random in-range parameter values for a lesson's check sweep (interleave check --sweep):
// every check must hold for any value in range, not only the defaults.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/base.h"
#include "lesson/lesson.h"

namespace interleave::lesson {

// One value per parameter (as --set text), drawn uniformly within its range, capped by
// the parameter's sweep_max; the bounds themselves come up often (they break programs
// first). Literal parameters keep their default.
std::vector<std::pair<std::string, std::string>> random_params(const Lesson& lesson, core::SplitMix64& rng);

}  // namespace interleave::lesson
