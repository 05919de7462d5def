// The terminal runner: `interleave list`, `interleave run`, `interleave --version`.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "build_info.h"
#include "cli_args.h"
#include "lesson/lesson.h"
#include "lesson/lesson_json.h"
#include "py/vm.h"

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

std::string json_escape(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); o += b; }
        else o += char(c);
    }
  }
  return o + "\"";
}

// `interleave run FILE.py`: runs a program on the Python-subset interpreter. Output goes
// straight to stdout/stderr, or, with --json, into one JSON object describing the run.
int run_target(const Args& args) {
  // Options that need the concurrency runtime are refused plainly until it exists.
  if (args.mode == "free") {
    std::fprintf(stderr, "interleave: run: --mode free needs the concurrency runtime, which is not part of this build yet (use --mode det)\n");
    return 2;
  }
  if (args.time_scale || args.switch_interval_s || args.cores || args.replay) {
    std::fprintf(stderr, "interleave: run: --time-scale, --switch-interval, --cores and --replay need the concurrency runtime, which is not part of this build yet\n");
    return 2;
  }
  const std::string& path = args.target;
  if (path.size() < 3 || path.substr(path.size() - 3) != ".py") {
    std::fprintf(stderr, "interleave: run: lessons are not available yet; give a .py file (got '%s')\n", path.c_str());
    return 2;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "interleave: run: cannot open '%s'\n", path.c_str());
    return 2;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string source = buf.str();

  auto wall_start = std::chrono::steady_clock::now();
  std::string out_text, err_text;
  int code = 0;
  {
    interleave::py::VM vm;
    // Runaway programs stop after this many bytecode instructions (about a minute of work).
    vm.limits.max_instructions = 5000000000ULL;
    if (const char* cap = std::getenv("INTERLEAVE_MAX_INSTRUCTIONS")) vm.limits.max_instructions = std::strtoull(cap, nullptr, 10);
    if (args.seed) vm.rng_state[0] ^= *args.seed;
    bool json = args.json;
    vm.sink = [&](const std::string& text, interleave::py::Stream s, const interleave::py::Thread*) {
      if (json) {
        (s == interleave::py::Stream::Stdout ? out_text : err_text) += text;
        return;
      }
      FILE* f = s == interleave::py::Stream::Stdout ? stdout : stderr;
      std::fwrite(text.data(), 1, text.size(), f);
      if (s == interleave::py::Stream::Stderr) std::fflush(stdout);
    };
    // Tracebacks name the file by its absolute path, as CPython 3.11 does for __main__.
    std::error_code ec;
    std::string shown = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (ec) shown = path;
    interleave::py::Thread* t = vm.load_main(source, shown);
    code = t ? vm.run_to_end(*t) : 1;
    std::fflush(stdout);
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  if (args.json) {
    std::string params = "{";
    for (size_t i = 0; i < args.sets.size(); i++) {
      if (i) params += ", ";
      params += json_escape(args.sets[i].first) + ": " + json_escape(args.sets[i].second);
    }
    params += "}";
    std::printf("{\"lesson\": %s, \"mode\": %s, \"seed\": %s, \"params\": %s, \"virtual_time_s\": null, "
                "\"wall_time_s\": %.6f, \"exit_code\": %d, \"stdout\": %s, \"stderr\": %s, \"threads\": [], "
                "\"results\": {}, \"checks\": [], \"deadlock\": null}\n",
                json_escape(path).c_str(), json_escape(args.mode).c_str(),
                args.seed ? std::to_string(*args.seed).c_str() : "null", params.c_str(), wall, code,
                json_escape(out_text).c_str(), json_escape(err_text).c_str());
  }
  return code;
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
