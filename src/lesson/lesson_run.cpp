// Preparing runs of lessons and programs, and reporting them.
// [SECTION] options  [SECTION] lessons  [SECTION] plain programs  [SECTION] results
// [SECTION] report
#include "lesson/lesson_run.h"

#include <cmath>
#include <map>
#include <tuple>

#include "core/trace.h"
#include "lesson/lesson_json.h"
#include "py/constants.h"

namespace interleave::lesson {
namespace {

using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] options
//-----------------------------------------------------------------------------
// Defaults a lesson's [run] table (or the runtime, for a plain program) supplies.
struct Defaults {
  uint64_t seed = 1;
  int cores = 4;
  bool gil = true;
  double switch_interval_s = 0.005;
  std::string switch_points = "any";
  double instruction_ns = py::kDefaultInstructionNs;
  double time_scale = 1.0;
  double fork_ms = 2, spawn_ms = 50;
};

bool build_config(const Defaults& d, const RunOptions& o, py::ProgramConfig& cfg, uint64_t& seed, std::string& error) {
  if (o.mode != "det" && o.mode != "free") {
    error = "mode must be det or free, got '" + o.mode + "'";
    return false;
  }
  core::RunConfig& rc = cfg.run;
  rc.mode = o.mode == "det" ? core::Mode::Det : core::Mode::Free;
  seed = o.seed.value_or(d.seed);
  rc.seed = seed;
  rc.cores = o.cores.value_or(d.cores);
  if (rc.cores < 1 || rc.cores > 64) {
    error = "cores must be from 1 to 64, got " + std::to_string(rc.cores);
    return false;
  }
  rc.time_scale = o.time_scale.value_or(d.time_scale);
  if (!(rc.time_scale > 0 && rc.time_scale <= 1000)) {
    error = "time scale must be above 0 and at most 1000";
    return false;
  }
  rc.switch_interval = o.switch_interval_s.value_or(d.switch_interval_s);
  if (!(rc.switch_interval > 0 && rc.switch_interval <= 10)) {
    error = "switch interval must be seconds above 0 and at most 10";
    return false;
  }
  auto sp = py::parse_switch_points(o.switch_points.value_or(d.switch_points));
  if (!sp) {
    error = "switch points must be any or cpython, got '" + *o.switch_points + "'";
    return false;
  }
  cfg.switch_points = *sp;
  cfg.gil = o.gil.value_or(d.gil);
  cfg.instruction_ns = o.instruction_ns.value_or(d.instruction_ns);
  if (!(cfg.instruction_ns >= 0 && cfg.instruction_ns <= 1e6)) {
    error = "instruction_ns must be from 0 to 1000000";
    return false;
  }
  for (auto [name, given, dflt, out] : {std::tuple{"fork_ms", o.fork_ms, d.fork_ms, &cfg.fork_cost_s},
                                        std::tuple{"spawn_ms", o.spawn_ms, d.spawn_ms, &cfg.spawn_cost_s}}) {
    const double ms = given.value_or(dflt);
    if (!(ms >= 0 && ms <= 10000)) {
      error = std::string(name) + " must be milliseconds from 0 to 10000";
      return false;
    }
    *out = ms / 1000;
  }
  if (o.net_latency_us) {
    if (!(*o.net_latency_us >= 0 && *o.net_latency_us <= 1e6)) {
      error = "net_latency_us must be microseconds from 0 to 1000000";
      return false;
    }
    cfg.net_latency_s = *o.net_latency_us / 1e6;
  }
  if (o.memory_mb) {
    if (*o.memory_mb < 16 || *o.memory_mb > 1024) {
      error = "memory_mb must be from 16 to 1024, got " + std::to_string(*o.memory_mb);
      return false;
    }
    cfg.max_memory_bytes = size_t(*o.memory_mb) << 20;
  }
  if (o.time_limit_s) {
    if (!(*o.time_limit_s >= 1 && *o.time_limit_s <= 3600)) {
      error = "time_limit_s must be seconds from 1 to 3600";
      return false;
    }
    cfg.time_limit_s = *o.time_limit_s;
  }
  if (o.stdin_text.size() > kMaxStdinBytes) {
    error = "stdin must be at most 1 MB (" + std::to_string(kMaxStdinBytes) + " bytes), got " +
            std::to_string(o.stdin_text.size()) + " bytes";
    return false;
  }
  cfg.stdin_text = o.stdin_text;
  rc.strategy = core::StrategyKind::Random;
  if (o.step_mode) rc.strategy = core::StrategyKind::Ask;
  if (o.replay) {
    if (!core::decode_schedule(*o.replay)) {
      error = "the replay token '" + *o.replay + "' is not a schedule (it starts with s1, from a det run's \"schedule\")";
      return false;
    }
    rc.strategy = core::StrategyKind::Replay;
    rc.replay = *o.replay;
  }
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] lessons
//-----------------------------------------------------------------------------
// A parameter bound to a run setting (binds = "run.cores") moves that default.
void apply_binds(const Lesson& lesson, const ResolvedParams& params, Defaults& d) {
  for (const auto& [name, value] : params.values) {
    const Param* p = lesson.find_param(name);
    if (!p || p->binds.empty()) continue;
    double number = 0;
    if (auto* i = std::get_if<int64_t>(&value)) number = double(*i);
    else if (auto* f = std::get_if<double>(&value)) number = *f;
    else if (auto* b = std::get_if<bool>(&value)) number = *b ? 1 : 0;
    if (p->binds == "run.cores") d.cores = int(number);
    else if (p->binds == "run.switch_interval_ms") d.switch_interval_s = number / 1000;
    else if (p->binds == "run.gil") d.gil = number != 0;
  }
}

}  // namespace

std::optional<PreparedRun> prepare_lesson_run(const Lesson& lesson, std::string source, const RunOptions& options,
                                              std::string& error) {
  PreparedRun run;
  run.lesson = &lesson;
  if (std::string bad = lang_error(options.lang); !bad.empty()) {
    error = bad;
    return std::nullopt;
  }
  auto params = resolve_params(lesson, options.sets, error);
  if (!params) return std::nullopt;
  if (!apply_conditional_defaults(lesson, *params, error)) return std::nullopt;
  run.params = std::move(*params);

  std::vector<std::pair<std::string, std::string>> literals;
  std::vector<py::Constant> constants = py::find_constants(source);
  for (const auto& [name, value] : run.params.values) {
    const Param* p = lesson.find_param(name);
    run.params_json[name] = param_value_json(value);
    bool present = false;
    for (const py::Constant& c : constants) present = present || c.name == name;
    if (!present) {
      // An edited program may have dropped a constant; the run goes ahead without it
      // only if the learner did not ask for a value.
      bool asked = false;
      for (const auto& n : run.params.explicit_names) asked = asked || n == name;
      if (!asked) continue;
      error = "parameter " + name + " is not a constant of the program any more (expected a line '" + name +
              " = ...' at the top level)";
      return std::nullopt;
    }
    literals.emplace_back(name, to_python_literal(value, p->type));
  }
  auto rewritten = py::override_constants(source, literals, error);
  if (!rewritten) return std::nullopt;
  run.source = std::move(*rewritten);

  Defaults d;
  d.seed = lesson.run.seed;
  d.cores = lesson.run.cores;
  d.gil = lesson.run.gil;
  d.switch_interval_s = lesson.run.switch_interval_ms / 1000;
  d.switch_points = lesson.run.switch_points;
  d.instruction_ns = lesson.run.instruction_ns;
  d.time_scale = lesson.run.time_scale;
  d.fork_ms = lesson.run.fork_ms;
  d.spawn_ms = lesson.run.spawn_ms;
  apply_binds(lesson, run.params, d);
  if (!build_config(d, options, run.config, run.seed, error)) return std::nullopt;
  run.default_seed = lesson.run.seed;
  run.config.filename = (lesson.dir / program_file(lesson, options.lang)).string();
  for (const Result& r : lesson.results)
    if (r.source == "global") run.config.watched.push_back(r.name);
  return run;
}

//-----------------------------------------------------------------------------
// [SECTION] plain programs
//-----------------------------------------------------------------------------
std::optional<PreparedRun> prepare_program_run(std::string source, std::string filename, const RunOptions& options,
                                               std::string& error) {
  PreparedRun run;
  std::vector<py::Constant> constants = py::find_constants(source);
  std::vector<std::pair<std::string, std::string>> literals;
  for (const auto& [name, value] : options.sets) {
    const py::Constant* c = nullptr;
    for (const py::Constant& k : constants)
      if (k.name == name) c = &k;
    if (!c) {
      error = "--set " + name + ": '" + name + "' is not a constant of the program (a top-level NAME = literal); " +
              (constants.empty() ? std::string("the program has none")
                                 : "its constants: " + py::describe_constants(constants));
      return std::nullopt;
    }
    auto literal = py::constant_literal(*c, value, error);
    if (!literal) {
      error = "--set " + name + "=" + value + ": " + error;
      return std::nullopt;
    }
    literals.emplace_back(name, *literal);
    run.params_json[name] = value;
  }
  auto rewritten = py::override_constants(source, literals, error);
  if (!rewritten) return std::nullopt;
  run.source = std::move(*rewritten);
  if (!build_config(Defaults{}, options, run.config, run.seed, error)) return std::nullopt;
  run.config.filename = std::move(filename);
  return run;
}

//-----------------------------------------------------------------------------
// [SECTION] results
//-----------------------------------------------------------------------------
namespace {

// A state of core's thread model in the five-state model of the lessons (sleeping counts as
// blocked, a finished thread is dead).
const char* five_state_name(core::ThreadState s) {
  switch (s) {
    case core::ThreadState::New: return "new";
    case core::ThreadState::Running:
    case core::ThreadState::Computing: return "running";
    case core::ThreadState::Blocked:
    case core::ThreadState::Sleeping: return "blocked";
    case core::ThreadState::Done: return "dead";
    case core::ThreadState::Runnable:
    case core::ThreadState::WaitingCore: return "runnable";
  }
  return "?";
}

// Each thread's states in order, in the five-state model (being preempted and resumed stays
// "running"), read from the trace as the views read it (core::state_after).
json thread_transitions(const py::Program& program) {
  std::map<core::ThreadId, std::vector<std::string>> states;
  auto push = [&](core::ThreadId tid, const std::string& s) {
    auto& v = states[tid];
    if (!v.empty() && v.back() == s) return;
    if (s == "running" && v.size() >= 2 && v.back() == "runnable" && v[v.size() - 2] == "running") {
      v.pop_back();
      return;
    }
    if ((s == "blocked" || s == "dead") && !v.empty() && v.back() == "runnable") v.push_back("running");
    v.push_back(s);
  };
  std::map<core::ThreadId, core::ThreadState> now;
  for (const core::TraceEvent& e : program.run().trace().collect()) {
    core::ThreadState& state = now.try_emplace(e.tid, core::ThreadState::New).first->second;
    const core::ThreadState next = core::state_after(e.kind, state);
    if (e.kind == core::EventKind::ThreadStart) push(e.tid, five_state_name(core::ThreadState::New));
    if (next != state || core::sets_thread_state(e.kind)) push(e.tid, five_state_name(next));
    state = next;
  }
  json out = json::object();
  for (auto& [tid, v] : states) out[program.run().trace().thread_name(tid)] = v;
  return out;
}

json run_value(const std::string& source, const py::Program& program) {
  if (source == "run.virtual_time_s") return program.virtual_time_s();
  if (source == "run.wall_time_s") return program.wall_time_s();
  if (source == "run.exit_code") return program.exit_code();
  if (source == "run.deadlocked") return program.status() == py::ProgramStatus::Deadlock;
  if (source == "run.cycle") return program.deadlock_cycle_names();
  if (source == "run.context_switches") return program.context_switches();
  if (source == "run.gil_switches") return program.gil_switches();
  if (source == "run.threads_created") return program.threads_created();
  if (source == "run.os_threads_used")
    return program.run().mode() == core::Mode::Det ? uint64_t(1) : program.threads_created();
  if (source == "run.thread_transitions") return thread_transitions(program);
  return nullptr;
}

json parsed(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  json j = json::parse(*text, nullptr, false);
  return j.is_discarded() ? json(*text) : j;
}

}  // namespace

json run_results(const PreparedRun& run, const py::Program& program) {
  json results = json::object();
  for (const auto& [name, value] : program.reported()) results[name] = parsed(value);
  if (!run.lesson) return results;
  for (const Result& r : run.lesson->results) {
    if (results.contains(r.name)) continue;
    if (r.source == "global") {
      if (auto v = program.result_json(r.name)) results[r.name] = parsed(v);
    } else {
      results[r.name] = run_value(r.source, program);
    }
  }
  return results;
}

std::optional<double> expected_value(const PreparedRun& run, const json& results, const std::string& name) {
  if (!run.lesson) return std::nullopt;
  for (const Result& r : run.lesson->results) {
    if (r.name != name || r.expected.empty()) continue;
    if (results.contains(r.expected) && results[r.expected].is_number()) return results[r.expected].get<double>();
    char* end = nullptr;
    double v = std::strtod(r.expected.c_str(), &end);
    if (end && *end == 0) return v;
  }
  return std::nullopt;
}

RunFacts run_facts(const PreparedRun& run, const py::Program& program) {
  RunFacts f;
  f.mode = program.run().mode() == core::Mode::Det ? "det" : "free";
  f.seed = run.seed;
  f.default_seed = run.default_seed;
  f.switch_points = py::switch_points_name(run.config.switch_points);
  f.virtual_time_s = program.virtual_time_s();
  f.wall_time_s = program.wall_time_s();
  f.exit_code = program.exit_code();
  if (program.status() == py::ProgramStatus::Deadlock) f.deadlock = {{"cycle", program.deadlock_cycle_names()}};
  return f;
}

//-----------------------------------------------------------------------------
// [SECTION] report
//-----------------------------------------------------------------------------
json run_report(const PreparedRun& run, const py::Program& program) {
  json j;
  j["lesson"] = run.lesson ? json(run.lesson->id) : json(nullptr);
  j["program"] = run.config.filename;
  j["mode"] = program.run().mode() == core::Mode::Det ? "det" : "free";
  j["seed"] = run.seed;
  // The det scheduler's settings the run used (free mode: real threads, none apply).
  if (program.run().mode() == core::Mode::Det)
    j["scheduler"] = {{"switch_points", py::switch_points_name(run.config.switch_points)},
                      {"gil", run.config.gil},
                      {"cores", run.config.run.cores},
                      {"instruction_ns", run.config.instruction_ns}};
  else
    j["scheduler"] = nullptr;
  j["params"] = run.params_json;
  j["status"] = py::program_status_name(program.status());
  j["virtual_time_s"] = program.virtual_time_s();
  j["wall_time_s"] = program.wall_time_s();
  j["exit_code"] = program.exit_code();
  j["end"] = {{"reason", py::end_reason_name(program.end_reason())}, {"message", program.end_message()}};
  if (const auto at = program.syntax_error_span(); at.line > 0) {
    j["end"]["line"] = at.line;  // where the editor marks the error
    if (at.col > 0) { j["end"]["col"] = at.col; j["end"]["end_col"] = at.end_col; }
  }
  j["memory_peak_bytes"] = program.memory_peak();
  j["stdout"] = program.stdout_text();
  j["stderr"] = program.stderr_text();
  json threads = json::array();
  for (const py::ThreadSummary& t : program.threads()) {
    json coroutines = json::array();
    for (const py::ThreadSummary::Coroutine& c : t.coroutines) coroutines.push_back({{"name", c.name}, {"state", c.state}});
    threads.push_back({{"name", t.name}, {"ident", t.tid}, {"pid", t.pid}, {"state", t.state}, {"daemon", t.daemon},
                       {"lines", t.lines}, {"stdout", t.out}, {"line", t.line}, {"coroutines", coroutines}});
  }
  j["threads"] = threads;
  json processes = json::array();
  for (const py::ProcessSummary& p : program.processes())
    processes.push_back({{"pid", p.pid}, {"ppid", p.ppid}, {"name", p.name}, {"state", p.state},
                         {"exitcode", p.exit_code ? json(*p.exit_code) : json(nullptr)}, {"daemon", p.daemon},
                         {"orphan", p.orphan},
                         {"start_method", p.start_method.empty() ? json(nullptr) : json(p.start_method)},
                         {"threads", p.threads}});
  j["processes"] = processes;
  json results = run_results(run, program);
  j["results"] = results;
  j["checks"] = run.lesson ? checks_json(evaluate_checks(*run.lesson, run.params, results, run_facts(run, program)))
                           : json::array();
  if (run.lesson && !run.lesson->challenges.empty()) {
    json challenges = json::array();
    for (const CheckOutcome& o : evaluate_challenges(*run.lesson, run.params, results, run_facts(run, program)))
      challenges.push_back({{"id", o.name}, {"solved", o.verdict == Verdict::Pass}, {"verdict", verdict_name(o.verdict)},
                            {"detail", o.detail}});
    j["challenges"] = challenges;
  }
  if (program.status() == py::ProgramStatus::Deadlock && program.deadlock())
    j["deadlock"] = {{"cycle", program.deadlock_cycle_names()}, {"description", program.deadlock()->description}};
  else
    j["deadlock"] = nullptr;
  j["schedule"] = program.schedule_token();
  j["trace_events"] = program.run().trace().collect().size();
  j["context_switches"] = program.context_switches();
  j["steps"] = program.steps();
  return j;
}

}  // namespace interleave::lesson
