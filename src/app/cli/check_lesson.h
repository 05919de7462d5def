// `interleave check LESSON`: the lesson's checks over many runs (see check_lesson.cpp).
#pragma once
#include "cli_args.h"
#include "lesson/lesson.h"

namespace interleave::cli {

// Checks the lesson (its listing in args.lang, or both and that they agree); exit code 0 or 1.
int check_lesson(const lesson::Lesson& lesson, const Args& args);

}  // namespace interleave::cli
