// Command-line parsing for the terminal runner. Pure: no I/O, so tests can drive it.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace interleave::cli {

enum class Command { Help, Version, List, Run, Check, Explore, Params, Judge };

struct Args {
  Command command = Command::Help;
  bool json = false;
  std::string target;                                  // run: lesson id or file.py
  std::vector<std::pair<std::string, std::string>> sets;  // --set NAME=VALUE, in order
  std::string mode = "det";                            // det | free
  std::optional<unsigned long long> seed;
  std::optional<double> time_scale;
  std::optional<double> switch_interval_s;
  std::optional<int> cores;
  std::optional<std::string> replay;
  std::optional<std::string> switch_points;            // det: any | cpython
  std::optional<double> instruction_ns;                // det: virtual CPU time of one bytecode
  std::optional<double> fork_ms, spawn_ms;             // det: what a process start costs
  std::optional<double> net_latency_us;                // det: the in-memory network's one-way latency
  std::optional<bool> gil;                             // det: the program's process has a GIL
  std::optional<int> memory_mb;                        // the memory limit per process
  std::optional<double> time_limit_s;                  // the run's time limit (active seconds)
  // A lesson's listing: zh (main.py) | en (main.en.py). Unset: run zh; check both.
  std::optional<std::string> lang;
  // check: how the lesson's checks are exercised
  int check_seeds = 20;                                // det runs, seeds 1..N
  bool check_free = false;                             // one free-mode run too
  int check_sweep = 0;                                 // det runs with random in-range values
  // explore: how schedules are searched (lesson/explore.h)
  std::string explore_strategy = "random";             // random | pct | exhaustive
  int max_preemptions = 2;                             // 0..10
  std::optional<unsigned long long> budget;            // schedules, 1..100000000 (10000)
  std::optional<double> time_s;                        // seconds, 0.1..86400 (instead of a budget)
};

struct ParseResult {
  std::optional<Args> args;
  std::string error;  // set when args is empty: names the problem and the valid values
};

// Parses argv[1..]. Never exits; the caller prints `error` and exits 2.
ParseResult parse_args(const std::vector<std::string>& argv);

// The usage text printed by `interleave --help`.
const char* usage_text();

}  // namespace interleave::cli
