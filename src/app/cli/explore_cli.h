// `interleave explore LESSON|FILE.py`: search det schedules for one that fails
// (lesson/explore.h) and print it - found or not, the replay token, the figures.
#pragma once
#include "cli_args.h"
#include "lesson/lesson_run.h"

namespace interleave::cli {

// Exit code: 1 a failing schedule was found, 0 none was, 2 bad options, 70 the search
// itself failed (e.g. the found schedule did not replay). Prints a text account on stdout,
// or with --json one object (lesson/explore.h, explore_json); progress goes to stderr when
// it is a terminal.
int explore_target(const lesson::PreparedRun& run, const Args& args);

}  // namespace interleave::cli
