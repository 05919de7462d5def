// The terminal runner: `interleave list`, `interleave run`, `interleave --version`.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "build_info.h"
#include "cli_args.h"
#include "lesson/lesson.h"
#include "lesson/lesson_json.h"

namespace {

using interleave::cli::Args;
using interleave::cli::Command;

int print_version() {
  std::printf("interleave %s (%s, %s, %s, %s)\n", INTERLEAVE_VERSION, INTERLEAVE_COMMIT,
              INTERLEAVE_TARGET, INTERLEAVE_COMPILER, INTERLEAVE_BUILD_TYPE);
  return 0;
}

// INTERLEAVE_LESSONS overrides the lessons folder of the source tree the binary was built from.
std::string lessons_dir() {
  const char* env = std::getenv("INTERLEAVE_LESSONS");
  return env && *env ? env : INTERLEAVE_LESSONS_DIR;
}

// Broken lessons are reported on stderr and make the exit code 1; the rest still list.
int list_lessons(const Args& args) {
  auto catalog = interleave::lesson::load_catalog(lessons_dir());
  if (args.json) {
    std::printf("%s\n", interleave::lesson::catalog_json(catalog).dump(2).c_str());
  } else {
    for (const auto& l : catalog.lessons)
      std::printf("%-28s part %d  %s / %s\n", l.id.c_str(), l.part, l.title.en.c_str(),
                  l.title.zh.c_str());
    if (catalog.lessons.empty()) std::printf("(no lessons in %s)\n", lessons_dir().c_str());
  }
  for (const auto& error : catalog.errors) std::fprintf(stderr, "interleave: %s\n", error.c_str());
  return catalog.errors.empty() ? 0 : 1;
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
