// The terminal runner: `interleave list`, `interleave run`, `interleave --version`.
#include <cstdio>
#include <string>
#include <vector>

#include "build_info.h"
#include "cli_args.h"

namespace {

using interleave::cli::Args;
using interleave::cli::Command;

int print_version() {
  std::printf("interleave %s (%s, %s, %s, %s)\n", INTERLEAVE_VERSION, INTERLEAVE_COMMIT,
              INTERLEAVE_TARGET, INTERLEAVE_COMPILER, INTERLEAVE_BUILD_TYPE);
  return 0;
}

int list_lessons(const Args& args) {
  // The lesson catalogue arrives with the lessons issue; until then there are none.
  if (args.json) std::printf("[]\n");
  return 0;
}

int run_target(const Args& args) {
  std::fprintf(stderr, "interleave: run: the interpreter is not part of this build yet\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  auto parsed = interleave::cli::parse_args(words);
  if (!parsed.args) {
    std::fprintf(stderr, "interleave: %s\n", parsed.error.c_str());
    return 2;
  }
  const Args& args = *parsed.args;
  switch (args.command) {
    case Command::Help: std::fputs(interleave::cli::usage_text(), stdout); return 0;
    case Command::Version: return print_version();
    case Command::List: return list_lessons(args);
    case Command::Run: return run_target(args);
  }
  return 2;
}
