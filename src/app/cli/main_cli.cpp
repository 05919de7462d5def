// The terminal runner: `interleave list`, `interleave run`, `interleave --version`.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#ifndef __EMSCRIPTEN__
#include <poll.h>
#endif

#include "build_info.h"
#include "check_lesson.h"
#include "explore_cli.h"
#include "cli_args.h"
#include "cli_output.h"
#include "lesson/checks.h"
#include "lesson/lesson.h"
#include "lesson/lesson_json.h"
#include "lesson/lesson_run.h"
#include "py/runtime/program.h"

namespace {

// SIGINT / SIGTERM while a program runs: the handler only records it (nothing else is
// async-signal-safe); the driving loop stops the run, and everything printed is flushed.
std::atomic<int> g_signal{0};
extern "C" void on_signal(int sig) { g_signal.store(sig); }
interleave::py::Program* g_running = nullptr;  // the run drive() drives, for read_stdin_line

// Drives the program in short slices. A watcher thread passes a signal on to the run at
// once (Program::interrupt is thread-safe), so a long native operation or a compile stops
// within milliseconds instead of at the end of its slice.
void drive(interleave::py::Program& program) {
  using interleave::py::ProgramStatus;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  g_running = &program;
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    while (!done.load() && !g_signal.load()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (g_signal.load()) program.interrupt();
  });
  while (program.advance(200000, 0.05) == ProgramStatus::Running) {
  }
  done.store(true);
  watcher.join();
  g_running = nullptr;
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

// input()'s lines from the terminal or pipe, as they arrive, each with its "\n". It waits in
// short polls so Ctrl-C ends the wait (the run then stops) rather than waiting for Enter.
bool read_stdin_line(std::string& line) {
#ifndef __EMSCRIPTEN__
  while (std::cin.rdbuf()->in_avail() <= 0) {
    if (g_signal.load()) {
      if (g_running) g_running->interrupt();  // so input() ends as the stop, not as EOF
      return false;
    }
    pollfd p{0, POLLIN, 0};
    const int ready = ::poll(&p, 1, 50);
    if (ready > 0 || (ready < 0 && errno != EINTR)) break;
  }
#endif
  if (g_signal.load() || !std::getline(std::cin, line)) return false;
  if (!std::cin.eof()) line += '\n';
  return true;
}

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

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

interleave::lesson::RunOptions run_options(const Args& args) {
  interleave::lesson::RunOptions o;
  o.mode = args.mode;
  o.seed = args.seed;
  o.time_scale = args.time_scale;
  o.switch_interval_s = args.switch_interval_s;
  o.cores = args.cores;
  o.replay = args.replay;
  o.switch_points = args.switch_points;
  o.instruction_ns = args.instruction_ns;
  o.fork_ms = args.fork_ms;
  o.spawn_ms = args.spawn_ms;
  o.net_latency_us = args.net_latency_us;
  o.gil = args.gil;
  o.memory_mb = args.memory_mb;
  o.time_limit_s = args.time_limit_s;
  o.sets = args.sets;
  o.lang = args.lang.value_or("zh");
  return o;
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "interleave: run: %s\n", message.c_str());
  return 2;
}

// The run `run` and `explore` ask for: a lesson (from `catalog`, which it points into) or
// a .py file. nullopt with `error` set when the target or an option is wrong.
std::optional<interleave::lesson::PreparedRun> prepare_target(const Args& args, interleave::lesson::Catalog& catalog,
                                                              std::string& error) {
  namespace lesson = interleave::lesson;
  const std::string& target = args.target;
  const bool is_file = (target.size() > 3 && target.substr(target.size() - 3) == ".py") ||
                       std::filesystem::is_regular_file(target);
  if (is_file) {
    auto source = read_file(target);
    if (!source) {
      error = "cannot open '" + target + "'";
      return std::nullopt;
    }
    // Tracebacks name the file by its absolute path, as CPython 3.11 does for __main__.
    std::error_code ec;
    std::string shown = std::filesystem::absolute(target, ec).lexically_normal().string();
    auto run = lesson::prepare_program_run(std::move(*source), ec ? target : shown, run_options(args), error);
    // open() sees the files beside the program, as when CPython runs it from its folder.
    if (run) {
      const std::filesystem::path folder = std::filesystem::path(ec ? target : shown).parent_path();
      run->config.file_root = folder.empty() ? "." : folder.string();
    }
    return run;
  }
  catalog = lesson::load_catalog(lessons_dir());
  const lesson::Lesson* l = catalog.find(target);
  if (!l) {
    std::string ids;
    for (const auto& x : catalog.lessons) ids += (ids.empty() ? "" : ", ") + x.id;
    error = "'" + target + "' is neither a lesson nor a .py file (lessons: " + ids + ")";
    return std::nullopt;
  }
  const std::string lang = args.lang.value_or("zh");
  auto source = lesson::read_lesson_program(*l, lang);
  if (!source) {
    error = "lesson " + target + " has no " + lesson::program_file(*l, lang);
    return std::nullopt;
  }
  auto run = lesson::prepare_lesson_run(*l, std::move(*source), run_options(args), error);
  if (run) run->config.file_root = l->dir.string();
  return run;
}

// The facts of a run made elsewhere, from `j` (the judge command's "facts"): mode (cpython),
// seed, default_seed, switch_points, virtual_time_s, wall_time_s, exit_code, deadlock.
std::optional<interleave::lesson::RunFacts> facts_from_json(const nlohmann::json& j, std::string& error) {
  interleave::lesson::RunFacts f;
  if (!j.is_object()) { error = "\"facts\" must be an object"; return std::nullopt; }
  try {
    f.mode = j.value("mode", "cpython");
    f.seed = j.value("seed", uint64_t(1));
    f.default_seed = j.value("default_seed", f.seed);
    f.switch_points = j.value("switch_points", f.mode == "cpython" ? "cpython" : "any");
    f.virtual_time_s = j.value("virtual_time_s", 0.0);
    f.wall_time_s = j.value("wall_time_s", f.virtual_time_s);
    f.exit_code = j.contains("exit_code") && j["exit_code"].is_number_integer() ? j["exit_code"].get<int>() : -1;
    if (j.contains("deadlock")) f.deadlock = j["deadlock"];
  } catch (const nlohmann::json::exception& e) {
    error = std::string("a fact has the wrong type: ") + e.what();
    return std::nullopt;
  }
  return f;
}

// The values the other run used ({name: text}, as --set writes them) in place of the resolved
// ones: read by type but not range-checked (a quick CPython run shortens its times).
bool use_given_params(interleave::lesson::PreparedRun& run, const nlohmann::json& given, std::string& error) {
  if (!given.is_object()) {
    error = "\"params\" must be an object {name: text}";
    return false;
  }
  for (const auto& [name, v] : given.items()) {
    const interleave::lesson::Param* p = run.lesson->find_param(name);
    const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    std::optional<interleave::lesson::ParamValue> value;
    if (p) value = interleave::lesson::parse_param_text(*p, text);
    if (!value) {
      error = p ? "params." + name + " is not a " + interleave::lesson::param_type_name(p->type) + ": '" + text + "'"
                : interleave::lesson::unknown_param_error(*run.lesson, name);
      return false;
    }
    for (auto& [n, old] : run.params.values)
      if (n == name) old = *value;
  }
  return true;
}

// `interleave judge LESSON`: the lesson's checks evaluated by the interpreter the lesson's
// own runs use, over the parameters, facts and results another runner recorded (stdin), as JSON.
int judge_checks(const Args& args) {
  auto fail = [](const std::string& why) {
    std::fprintf(stderr, "interleave: judge: %s\n", why.c_str());
    return 2;
  };
  interleave::lesson::Catalog catalog;
  std::string error;
  auto prepared = prepare_target(args, catalog, error);
  if (!prepared || !prepared->lesson) return fail(prepared ? "judge takes a lesson id, not a file" : error);
  std::stringstream in;
  in << std::cin.rdbuf();
  const nlohmann::json input = nlohmann::json::parse(in.str(), nullptr, false);
  if (!input.is_object() || !input.contains("results") || !input["results"].is_object())
    return fail("stdin must be a JSON object {\"facts\": {...}, \"results\": {...}}");
  auto facts = facts_from_json(input.value("facts", nlohmann::json::object()), error);
  if (!facts) return fail(error);
  if (!use_given_params(*prepared, input.value("params", nlohmann::json::object()), error)) return fail(error);
  auto outcomes = interleave::lesson::evaluate_checks(*prepared->lesson, prepared->params, input["results"], *facts);
  std::printf("%s\n", interleave::lesson::checks_json(outcomes).dump().c_str());
  return 0;
}

// `interleave params LESSON`: the values a run of the lesson would start from, as JSON.
int print_params(const Args& args) {
  interleave::lesson::Catalog catalog;
  std::string error;
  if (args.target.size() > 3 && args.target.substr(args.target.size() - 3) == ".py") error = "params takes a lesson id, not a file";
  std::optional<interleave::lesson::PreparedRun> prepared;
  if (error.empty()) prepared = prepare_target(args, catalog, error);
  if (!prepared) {
    std::fprintf(stderr, "interleave: params: %s\n", error.c_str());
    return 2;
  }
  std::printf("%s\n", prepared->params_json.dump().c_str());
  return 0;
}

// `interleave run LESSON|FILE.py`: the program's stdout and stderr as CPython prints them
// (live), or with --json one object describing the run. Exit code: the program's.
int run_target(const Args& args) {
  namespace lesson = interleave::lesson;
  interleave::lesson::Catalog catalog;
  std::string error;
  std::optional<lesson::PreparedRun> prepared = prepare_target(args, catalog, error);
  if (!prepared) return usage_error(error);

  if (const char* cap = std::getenv("INTERLEAVE_MAX_INSTRUCTIONS"))
    prepared->config.max_instructions = std::strtoull(cap, nullptr, 10);
  prepared->config.stdin_reader = read_stdin_line;
  interleave::py::Program program(prepared->source, prepared->config);
  if (!args.json) {
    program.on_output = [](std::string_view text, interleave::py::Stream s, interleave::core::ThreadId) {
      FILE* f = s == interleave::py::Stream::Stdout ? stdout : stderr;
      if (s == interleave::py::Stream::Stderr) std::fflush(stdout);
      interleave::cli::write_out(f, text);
      if (s == interleave::py::Stream::Stderr) std::fflush(stderr);
    };
  }
  drive(program);
  std::fflush(stdout);
  if (args.json) interleave::cli::write_out(stdout, lesson::run_report(*prepared, program).dump(2) + "\n");
  std::fflush(stdout);  // wasm: main() runs on a pthread; flush before the runtime exits
  if (const int sig = g_signal.load()) {
    // As CPython ends on Ctrl-C (KeyboardInterrupt) or a TERM: 128 + the signal.
    if (sig == SIGINT) interleave::cli::write_out(stderr, "KeyboardInterrupt\n");
    std::fflush(stderr);
    return 128 + sig;
  }
  return program.exit_code();
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
    case Command::Check: {
      auto catalog = interleave::lesson::load_catalog(lessons_dir());
      const interleave::lesson::Lesson* l = catalog.find(args.target);
      if (!l) {
        std::fprintf(stderr, "interleave: check: no lesson '%s'\n", args.target.c_str());
        return 2;
      }
      return interleave::cli::check_lesson(*l, args);
    }
    case Command::Explore: {
      interleave::lesson::Catalog catalog;
      std::string error;
      auto prepared = prepare_target(args, catalog, error);
      if (!prepared) {
        std::fprintf(stderr, "interleave: explore: %s\n", error.c_str());
        return 2;
      }
      return interleave::cli::explore_target(*prepared, args);
    }
    case Command::Params: return print_params(args);
    case Command::Judge: return judge_checks(args);
  }
  return 2;
}
