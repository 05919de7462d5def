#include "cli_args.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace interleave::cli {
namespace {

ParseResult fail(std::string message) { return {std::nullopt, std::move(message)}; }

bool parse_u64(const std::string& text, unsigned long long& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parse_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

// Options that take a value: "--name VALUE" or "--name=VALUE".
bool take_value(const std::vector<std::string>& argv, size_t& i, const std::string& name,
                std::string& value) {
  const std::string& arg = argv[i];
  if (arg == name) {
    if (i + 1 >= argv.size()) return false;
    value = argv[++i];
    return true;
  }
  if (arg.rfind(name + "=", 0) == 0) {
    value = arg.substr(name.size() + 1);
    return true;
  }
  return false;
}

// Sets the command's one positional argument; a second is an error naming what it takes.
std::string take_target(Args& args, const std::string& arg, const std::string& takes) {
  if (!args.target.empty()) return takes + ", got a second: '" + arg + "'";
  args.target = arg;
  return "";
}

std::string parse_run_option(const std::vector<std::string>& argv, size_t& i, Args& args) {
  const std::string& arg = argv[i];
  std::string value;
  auto needs_value = [&](const char* name) {
    return std::string(name) + " needs a value";
  };
  if (arg == "--json") { args.json = true; return ""; }
  if (take_value(argv, i, "--set", value)) {
    auto eq = value.find('=');
    if (eq == std::string::npos || eq == 0)
      return "--set takes NAME=VALUE, got '" + value + "'";
    args.sets.emplace_back(value.substr(0, eq), value.substr(eq + 1));
    return "";
  }
  if (take_value(argv, i, "--mode", value)) {
    if (value != "det" && value != "free") return "--mode must be det or free, got '" + value + "'";
    args.mode = value;
    return "";
  }
  if (take_value(argv, i, "--seed", value)) {
    unsigned long long seed = 0;
    if (!parse_u64(value, seed))
      return "--seed must be a whole number from 0 to 18446744073709551615, got '" + value + "'";
    args.seed = seed;
    return "";
  }
  if (take_value(argv, i, "--time-scale", value)) {
    double scale = 0;
    if (!parse_double(value, scale) || scale <= 0 || scale > 1000)
      return "--time-scale must be a number above 0 and at most 1000, got '" + value + "'";
    args.time_scale = scale;
    return "";
  }
  if (take_value(argv, i, "--switch-interval", value)) {
    double seconds = 0;
    if (!parse_double(value, seconds) || seconds <= 0 || seconds > 10)
      return "--switch-interval must be seconds above 0 and at most 10, got '" + value + "'";
    args.switch_interval_s = seconds;
    return "";
  }
  if (take_value(argv, i, "--cores", value)) {
    unsigned long long cores = 0;
    if (!parse_u64(value, cores) || cores < 1 || cores > 64)
      return "--cores must be a whole number from 1 to 64, got '" + value + "'";
    args.cores = static_cast<int>(cores);
    return "";
  }
  if (take_value(argv, i, "--replay", value)) {
    if (value.empty()) return "--replay needs a schedule token";
    args.replay = value;
    return "";
  }
  if (take_value(argv, i, "--switch-points", value)) {
    if (value != "any" && value != "cpython")
      return "--switch-points must be any or cpython, got '" + value + "'";
    args.switch_points = value;
    return "";
  }
  // Options taking a number in a closed range: the flag, the range, what the number counts.
  struct RangeOption { const char* flag; double lo, hi; const char* what; std::optional<double>* field; };
  for (const RangeOption& o : {RangeOption{"--instruction-ns", 0, 1e6, "a number", &args.instruction_ns},
                               RangeOption{"--fork-ms", 0, 10000, "milliseconds", &args.fork_ms},
                               RangeOption{"--spawn-ms", 0, 10000, "milliseconds", &args.spawn_ms},
                               RangeOption{"--net-latency-us", 0, 1e6, "microseconds", &args.net_latency_us},
                               RangeOption{"--time-limit", 1, 3600, "seconds", &args.time_limit_s}}) {
    if (!take_value(argv, i, o.flag, value)) continue;
    double v = 0;
    if (!parse_double(value, v) || v < o.lo || v > o.hi)
      return std::string(o.flag) + " must be " + o.what + " from " + std::to_string(int64_t(o.lo)) + " to " +
             std::to_string(int64_t(o.hi)) + ", got '" + value + "'";
    *o.field = v;
    return "";
  }
  if (take_value(argv, i, "--memory-mb", value)) {
    unsigned long long mb = 0;
    if (!parse_u64(value, mb) || mb < 16 || mb > 1024)
      return "--memory-mb must be a whole number from 16 to 1024, got '" + value + "'";
    args.memory_mb = static_cast<int>(mb);
    return "";
  }
  if (take_value(argv, i, "--lang", value)) {
    if (value != "zh" && value != "en") return "--lang must be zh or en, got '" + value + "'";
    args.lang = value;
    return "";
  }
  if (take_value(argv, i, "--gil", value)) {
    if (value != "on" && value != "off") return "--gil must be on or off, got '" + value + "'";
    args.gil = value == "on";
    return "";
  }
  for (const char* name : {"--set", "--mode", "--seed", "--time-scale", "--switch-interval",
                           "--cores", "--replay", "--switch-points", "--instruction-ns", "--gil",
                           "--memory-mb", "--time-limit", "--fork-ms", "--spawn-ms", "--lang",
                           "--net-latency-us"})
    if (arg == name) return needs_value(name);
  return "unknown option '" + arg + "' for run (see interleave --help)";
}

// explore's own options; false when `argv[i]` is not one of them.
bool parse_explore_option(const std::vector<std::string>& argv, size_t& i, Args& args, std::string& error) {
  std::string value;
  unsigned long long n = 0;
  double seconds = 0;
  if (take_value(argv, i, "--strategy", value)) {
    if (value != "random" && value != "pct" && value != "exhaustive")
      error = "--strategy must be random, pct or exhaustive, got '" + value + "'";
    args.explore_strategy = value;
  } else if (take_value(argv, i, "--max-preemptions", value)) {
    if (!parse_u64(value, n) || n > 10) error = "--max-preemptions must be a whole number from 0 to 10, got '" + value + "'";
    args.max_preemptions = int(n);
  } else if (take_value(argv, i, "--budget", value)) {
    if (!parse_u64(value, n) || n < 1 || n > 100000000)
      error = "--budget must be a whole number of schedules from 1 to 100000000, got '" + value + "'";
    args.budget = n;
  } else if (take_value(argv, i, "--time", value)) {
    if (!parse_double(value, seconds) || seconds < 0.1 || seconds > 86400)
      error = "--time must be seconds from 0.1 to 86400, got '" + value + "'";
    args.time_s = seconds;
  } else {
    for (const char* name : {"--strategy", "--max-preemptions", "--budget", "--time"})
      if (argv[i] == name) {
        error = std::string(name) + " needs a value";
        return true;
      }
    return false;
  }
  return true;
}

ParseResult parse_explore(const std::vector<std::string>& argv) {
  Args args;
  args.command = Command::Explore;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    std::string error;
    if (parse_explore_option(argv, i, args, error)) {
      if (!error.empty()) return fail(error);
    } else if (arg.rfind("--", 0) == 0) {
      error = parse_run_option(argv, i, args);
      if (!error.empty()) return fail(error);
    } else if (error = take_target(args, arg, "explore takes one lesson id or file"); !error.empty()) {
      return fail(error);
    }
  }
  if (args.target.empty()) return fail("explore needs a lesson id or a .py file");
  if (args.mode != "det") return fail("explore searches det schedules: --mode must be det");
  if (args.replay) return fail("explore makes its own schedules: --replay does not apply (use run --replay)");
  if (args.budget && args.time_s) return fail("explore takes --budget or --time, not both");
  return {args, ""};
}

}  // namespace

const char* usage_text() {
  return "usage: interleave <command> [options]\n"
         "\n"
         "commands:\n"
         "  list [--json]                 list the lessons\n"
         "  run <lesson-id | file.py>     run a lesson or a Python program\n"
         "      --set NAME=VALUE          override a parameter (repeatable)\n"
         "      --mode det|free           deterministic green threads, or real threads (det)\n"
         "      --seed N                  scheduler seed for det mode\n"
         "      --time-scale X            free mode: scale real sleeps by X\n"
         "      --switch-interval S       free mode: GIL switch interval in seconds (0.005)\n"
         "      --cores N                 det mode: virtual cores, 1..64 (4)\n"
         "      --replay TOKEN            det mode: rerun a recorded schedule\n"
         "      --switch-points any|cpython  det mode: switch threads after any bytecode, or only where\n"
         "                                CPython 3.10+ would (loop back-edges, calls) (any)\n"
         "      --instruction-ns NS       det mode: virtual CPU time of one bytecode, 0..1000000 (4)\n"
         "      --fork-ms MS              det mode: virtual time a multiprocessing fork start costs, 0..10000 (2)\n"
         "      --spawn-ms MS             det mode: ... and a spawn start, 0..10000 (50)\n"
         "      --net-latency-us US       det mode: one-way latency of the in-memory network (sockets),\n"
         "                                0..1000000 (25)\n"
         "      --memory-mb N             memory limit per process in MB, 16..1024 (512): MemoryError past it\n"
         "      --time-limit S            the run's time limit in seconds, 1..3600 (30): exit code 124 past it\n"
         "      --gil on|off              det mode: off lets threads of the process compute in parallel (on)\n"
         "      --lang zh|en              a lesson's listing: main.py (Chinese) or main.en.py (English) (zh)\n"
         "      --json                    print one JSON object instead of the program's output\n"
         "  check <lesson-id>             run a lesson's checks over many runs; exit 1 if one fails\n"
         "      --seeds N                 det runs with seeds 1..N (20)\n"
         "      --free                    one free-mode run as well (its time scale: --time-scale, 0.2)\n"
         "      --sweep N                 N det runs with random in-range parameter values (0)\n"
         "      --lang zh|en              check one listing; without it both, and that they agree\n"
         "  explore <lesson-id | file.py> search det schedules for one that fails (a check, a deadlock,\n"
         "                                an uncaught exception), minimise it and print its replay token;\n"
         "                                exit 1 found, 0 none found, 2 bad arguments\n"
         "      --strategy random|pct|exhaustive  fresh seeds, PCT priorities, or every schedule (random)\n"
         "      --max-preemptions K       pct: change points; exhaustive: the bound, 0..10 (2)\n"
         "      --budget N                at most N schedules, 1..100000000 (10000)\n"
         "      --time S                  or search for S seconds, 0.1..86400\n"
         "      (and run's --set, --seed, --switch-points, --cores, --instruction-ns, --gil, --json)\n"
         "  params <lesson-id>            print the parameter values a run would use, as JSON (the one\n"
         "                                reading of --set, ranges and default_when; scripts use it)\n"
         "      --set NAME=VALUE          as for run (repeatable)\n"
         "      --lang zh|en              the listing whose constants are checked (zh)\n"
         "  judge <lesson-id>             judge the lesson's checks over a run made elsewhere (CPython:\n"
         "                                scripts/lesson_cpython.py): reads {\"params\": {name: text},\n"
         "                                \"facts\": {...}, \"results\": {...}} on stdin (params as that\n"
         "                                run used them, not range-checked), prints the verdicts as\n"
         "                                JSON; exit 0 judged, 2 bad arguments or input\n"
         "      --set NAME=VALUE, --lang zh|en   as for params\n"
         "  --version                     print the version and build\n"
         "  --help                        print this text\n";
}

// `params|judge LESSON [--set NAME=VALUE]... [--lang zh|en]`: only the options that change values.
ParseResult parse_params(const std::vector<std::string>& argv, Command command) {
  const char* name = command == Command::Judge ? "judge" : "params";
  Args args;
  args.command = command;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg == "--set" || arg == "--lang" || arg.rfind("--set=", 0) == 0 || arg.rfind("--lang=", 0) == 0) {
      std::string error = parse_run_option(argv, i, args);
      if (!error.empty()) return fail(error);
    } else if (arg.rfind("--", 0) == 0) {
      return fail("unknown option '" + arg + "' for " + name + " (valid: --set, --lang)");
    } else if (std::string error = take_target(args, arg, std::string(name) + " takes one lesson id"); !error.empty()) {
      return fail(error);
    }
  }
  if (args.target.empty()) return fail(std::string(name) + " needs a lesson id");
  return {args, ""};
}

ParseResult parse_args(const std::vector<std::string>& argv) {
  Args args;
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") return {args, ""};
  const std::string& command = argv[0];
  if (command == "--version" || command == "version") {
    args.command = Command::Version;
    return {args, ""};
  }
  if (command == "list") {
    args.command = Command::List;
    for (size_t i = 1; i < argv.size(); ++i) {
      if (argv[i] == "--json") args.json = true;
      else return fail("unknown option '" + argv[i] + "' for list (valid: --json)");
    }
    return {args, ""};
  }
  if (command == "run") {
    args.command = Command::Run;
    for (size_t i = 1; i < argv.size(); ++i) {
      const std::string& arg = argv[i];
      if (arg.rfind("--", 0) == 0) {
        std::string error = parse_run_option(argv, i, args);
        if (!error.empty()) return fail(error);
      } else if (std::string error = take_target(args, arg, "run takes one lesson id or file"); !error.empty()) {
        return fail(error);
      }
    }
    if (args.target.empty()) return fail("run needs a lesson id or a .py file");
    return {args, ""};
  }
  if (command == "check") {
    args.command = Command::Check;
    for (size_t i = 1; i < argv.size(); ++i) {
      const std::string& arg = argv[i];
      std::string value;
      unsigned long long n = 0;
      if (arg == "--free") {
        args.check_free = true;
      } else if (take_value(argv, i, "--seeds", value)) {
        if (!parse_u64(value, n) || n < 1 || n > 10000) return fail("--seeds must be a whole number from 1 to 10000, got '" + value + "'");
        args.check_seeds = int(n);
      } else if (take_value(argv, i, "--sweep", value)) {
        if (!parse_u64(value, n) || n > 10000) return fail("--sweep must be a whole number from 0 to 10000, got '" + value + "'");
        args.check_sweep = int(n);
      } else if (arg.rfind("--", 0) == 0) {
        std::string error = parse_run_option(argv, i, args);
        if (!error.empty()) return fail(error);
      } else if (std::string error = take_target(args, arg, "check takes one lesson id"); !error.empty()) {
        return fail(error);
      }
    }
    if (args.target.empty()) return fail("check needs a lesson id");
    return {args, ""};
  }
  if (command == "explore") return parse_explore(argv);
  if (command == "params") return parse_params(argv, Command::Params);
  if (command == "judge") return parse_params(argv, Command::Judge);
  return fail("unknown command '" + command + "' (valid: list, run, check, explore, params, judge, --version, --help)");
}

}  // namespace interleave::cli
