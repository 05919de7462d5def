// py/runtime/program.h - runs a Python program on a core::Run. The contract the CLI, the
// page and the tests use: one Program is one execution, with its scheduler, processes
// (a VM each), threads, trace and results. Destroying it cancels the run at any moment.
//
//   ProgramConfig cfg;                         // det mode, seed 1, 4 virtual cores, ...
//   Program p(source, cfg);
//   ProgramStatus s = p.run_to_end();          // Finished or Deadlock (or Cancelled)
//   p.exit_code(); p.stdout_text(); p.result_json("final"); p.virtual_time_s();
//
// Det mode is driven by the caller: advance(n) takes at most n scheduling steps and
// returns Running when there is more to do, or AwaitingChoice in step mode
// (StrategyKind::Ask) until choose(tid). Free mode runs on its own OS threads:
// advance() waits up to max_wait_s for it to end.
//
// Program semantics follow CPython: the program's stdout and stderr, tracebacks, exit
// code 1 for an uncaught exception in the main thread, SystemExit's code; when the
// main thread's module body ends, threading's exit hooks run and every non-daemon
// thread is waited for, then daemon threads stop. A deadlock (every live thread
// blocked, nothing pending; in free mode: a wait-for cycle that stays) ends the run
// with exit code 3 and a message naming the cycle.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/run.h"
#include "py/runtime/output_ring.h"
#include "py/vm.h"

namespace interleave::py {

// Det mode: where the scheduler may switch threads.
enum class SwitchPoints : uint8_t {
  Any,      // after any bytecode: the interleavings that make races visible
  CPython,  // like CPython 3.10+: after the switch interval, at a loop back-edge or a call
};
const char* switch_points_name(SwitchPoints s);
std::optional<SwitchPoints> parse_switch_points(std::string_view s);

// Det mode's default virtual CPU speed: the time of one bytecode, chosen so that virtual time
// approximates CPython 3.11's CPU time for the same work (bench/py/calibrate_instruction_ns.sh;
// docs/runtime.md, "The virtual CPU's speed"). A lesson may set its own ([run] instruction_ns).
inline constexpr double kDefaultInstructionNs = 4;

struct ProgramConfig {
  core::RunConfig run;                     // mode, strategy, seed, replay, cores, time_scale,
                                           // switch_interval (seconds), caps
  bool gil = true;                         // det: the program's process has a GIL (free mode
                                           // always has one: a VM runs on one thread at a time)
  SwitchPoints switch_points = SwitchPoints::Any;
  double instruction_ns = kDefaultInstructionNs;  // det: virtual CPU time of one bytecode
  uint64_t max_instructions = 5'000'000'000ull;  // per process; then RuntimeError
  // Per process, counted at the allocator (every object, buffer and output line): an
  // allocation past it raises MemoryError in the program.
  size_t max_memory_bytes = size_t(512) << 20;
  // The run's active time (det: time spent advancing it, so pauses and step mode do not
  // count; free: wall time since start), real seconds; past it the run ends (exit code
  // 124, EndReason::TimeLimit). 0 = none.
  double time_limit_s = 30;
  double max_virtual_s = 24 * 3600;        // det: virtual time past which the run ends; 0 = none
  size_t max_output_bytes = size_t(1) << 20;  // stdout and stderr each: the newest kept (OutputRing)
  // Det: virtual time a multiprocessing start costs the parent (CPython on a laptop: a fork
  // takes about a millisecond, a spawn starts an interpreter and imports the program).
  double fork_cost_s = 0.002;
  double spawn_cost_s = 0.05;  // CLI --fork-ms / --spawn-ms, lesson [run] fork_ms / spawn_ms
  // Det: one-way latency of the in-memory network (socket.py): a send, a connect or a close
  // reaches the peer this much virtual time later. 25 us is half the ~50 us round trip of
  // CPython 3.11 echoing a byte over Linux loopback (docs/runtime.md, "The in-memory
  // network"). Free mode adds none. CLI --net-latency-us.
  double net_latency_s = 25e-6;
  std::string filename = "main.py";        // as tracebacks name it
  // The main process's standard input, read by input() and sys.stdin: `stdin_text` (a replay
  // reads it again from its start), or, when set, `stdin_reader` (the CLI's own stdin: a line
  // with its "\n", false at the end). Child processes get none, as multiprocessing gives
  // them /dev/null.
  std::string stdin_text;
  std::function<bool(std::string& line)> stdin_reader;
  // open() reads files in this folder (the CLI: the program's own; relative names only, no
  // way out of it by ".."), or none when empty. What the program writes stays in the run.
  std::string file_root;
  std::vector<std::string> watched;        // globals of __main__ traced live when they change
  // Free mode: a wait-for cycle (or every thread blocked without a timeout) that stays
  // this long (real seconds) is reported as a deadlock.
  double free_deadlock_after_s = 0.5;
};

enum class ProgramStatus : uint8_t {
  Running,         // more to do: call advance() again
  AwaitingChoice,  // det step mode: choose(tid), then advance()
  Finished,        // the program ended (exit_code() says how)
  Deadlock,        // ended by a deadlock (exit code 3); deadlock() has the report
  Cancelled,       // stopped by stop() (exit code 130)
};
const char* program_status_name(ProgramStatus s);

// Why a run ended: every way, so the page and the CLI can say it.
enum class EndReason : uint8_t {
  None,              // still running
  Finished,          // the program ended normally (exit code 0)
  Exception,         // an uncaught exception ended the main thread (exit code 1)
  Exit,              // SystemExit with a non-zero code
  SyntaxError,       // the program did not compile
  Deadlock,          // exit code 3
  MemoryLimit,       // an uncaught MemoryError from the memory limit (exit code 1)
  TimeLimit,         // past time_limit_s or max_virtual_s (exit code 124)
  InstructionLimit,  // past max_instructions (exit code 1)
  Stopped,           // stop() or interrupt(): Stop / Reset (exit code 130)
  InternalError,     // Interleave itself failed (a C++ exception in a thread); exit code 70
};
const char* end_reason_name(EndReason r);  // "finished", "syntax-error", "memory-limit", ...

struct ThreadSummary {
  core::ThreadId tid = 0;
  core::ProcessId pid = 0;  // the simulated process it belongs to
  std::string name;
  bool daemon = false;
  std::string state;      // core's state name: "new", "runnable", "blocked", "done", ...
  int lines = 0;          // lines printed to stdout
  std::string out;        // what it printed to stdout
  int line = 0;           // the main file's line it is at (0 when not in the main file)
  // Its coroutines (greenlets, asyncio tasks), in order of first switch, with their last
  // state: "running", "ready", "waiting" or "done".
  struct Coroutine {
    std::string name;
    std::string state;
  };
  std::vector<Coroutine> coroutines;
};

// A coroutine that its thread's event loop (asyncio) or gevent hub could run next (det
// step mode; Program::ready_coroutines).
struct ReadyCoroutine {
  uint32_t index = 0;     // its place in the loop's ready queue: choose_coroutine's argument
  core::ObjectId id = 0;  // the trace's coroutine id; 0 for a greenlet that never ran yet
  std::string name;       // Task-2, Greenlet-0, ... (as the canvas names it)
};

// A simulated process of the run (multiprocessing), as the CLI's JSON reports it.
struct ProcessSummary {
  core::ProcessId pid = 0;
  core::ProcessId ppid = 0;        // 1 (init) once its parent ended first
  std::string name;                // MainProcess, Process-1, ForkPoolWorker-2, ...
  // "running"; "zombie": exited, not yet joined (reaped) by its parent; "reaped"; "orphan":
  // running after its parent ended (init adopted it, and reaps it when it exits).
  std::string state;
  std::optional<int> exit_code;    // once it exited: 0, n of sys.exit(n), 1, -15 (SIGTERM), ...
  bool daemon = false;
  bool orphan = false;
  std::string start_method;        // "fork", "spawn", or "" for the main process
  std::vector<core::ThreadId> threads;
};

// What the page shows of a thread while the run goes on.
struct LiveThread {
  core::ThreadId tid = 0;
  std::string name;
  std::string state;
  int line = 0;           // det: the main file's line it is at; free: 0 (its frames move)
};

// Det with SwitchPoints::Any (a step is one bytecode): whether the next step of the
// thread `ctx` (a thread of a Program) only touches its own frame - locals, constants, its
// value stack, jumps - so running it before or after any other thread's step gives the same
// state. False when it may touch anything shared, when unknown (not started, another
// switch-point mode), or for a thread that is not the interpreter's. The schedule explorer's
// partial-order reduction: it never preempts a thread before such a step.
bool next_step_is_local(const core::ThreadContext& ctx);
// Det: whether the thread `ctx` (a thread of a Program) is running Interleave's own Python
// library (threading, queue, concurrent.futures: code not from the program's file), where
// the schedule explorer does not preempt it. False for a thread not started yet.
bool next_step_in_library(const core::ThreadContext& ctx);

class Program {
 public:
  Program(std::string source, ProgramConfig config);
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // Receives every piece of output as it is written (set before the first advance()).
  // Free mode: called from the program's threads, one at a time.
  std::function<void(std::string_view text, Stream stream, core::ThreadId tid)> on_output;

  ProgramStatus advance(uint64_t max_steps = UINT64_MAX, double max_wait_s = -1);
  ProgramStatus run_to_end();
  // Step mode: the thread to run at the pending choice (see DetScheduler::runnable()).
  void choose(core::ThreadId tid);
  // Det: runs exactly one yield point of one thread: `prefer` when it can run, else the
  // first that can (answering a pending choice). Returns the status after it.
  ProgramStatus step(core::ThreadId prefer = 0);
  // Det: yield points executed so far.
  uint64_t steps() const;
  // Cancels the run (from any thread). Blocked, sleeping and computing threads stop.
  // Free mode: waits for them.
  void stop();
  // Asks the run to stop without waiting for anything (from any thread, e.g. a page's
  // main thread): every running thread unwinds within an instruction chunk or one poll of
  // a long native operation, and det's scheduling loop returns after its current step.
  // The next advance() (or stop()) ends the run as Cancelled.
  void interrupt();

  ProgramStatus status() const { return status_; }
  // The process exit code once ended; 0 while running.
  int exit_code() const { return exit_code_; }
  // The output kept (the newest max_output_bytes of each stream; see OutputRing).
  std::string stdout_text() const;
  std::string stderr_text() const;
  // Why the run ended (None while it runs), and a one-line English account of it:
  // "SyntaxError: expected ':' (line 2)", "the run passed its time limit of 30 s", ...
  EndReason end_reason() const { return end_reason_; }
  const std::string& end_message() const { return end_message_; }
  // Where the SyntaxError that ended the run points in the main program (line 0: not one).
  VM::SourceSpan syntax_error_span() const;
  // Memory charged to the main process now and at most (bytes; core/memory.h).
  size_t memory_used() const;
  size_t memory_peak() const;
  const ProgramConfig& config() const { return config_; }
  core::Run& run() { return *run_; }
  const core::Run& run() const { return *run_; }

  // Virtual seconds from start to the end of the program (now, while it runs).
  double virtual_time_s() const;
  double wall_time_s() const;
  // Det: the recorded schedule as a replay token; "" in free mode.
  std::string schedule_token() const { return run_->schedule_token(); }
  uint64_t context_switches() const;
  // Times a GIL changed hands, summed over the processes (the first holder counts): free
  // mode counts the real lock's hand-overs, det mode the bursts that went to another
  // thread of a GIL process. 0 for processes without a GIL.
  uint64_t gil_switches() const;
  uint64_t threads_created() const;
  // The deadlock that ended the run (det: exact; free: detected), if any.
  const std::optional<core::DeadlockReport>& deadlock() const { return deadlock_; }
  // Thread and object names of the deadlock cycle in order: T0, lock_a, T1, lock_b.
  std::vector<std::string> deadlock_cycle_names() const;

  std::vector<ThreadSummary> threads() const;
  // Every process of the run, the main one first.
  std::vector<ProcessSummary> processes() const;
  // Cheap enough to call often; det: call it from the thread that advances the run.
  std::vector<LiveThread> live_threads() const;
  // A module-level global of __main__ (or a value given to interleave.report) as JSON:
  // numbers, strings, None as null, lists, dicts with string keys, tuples as
  // {"$tuple": [...]}; other objects as their repr string. nullopt when absent.
  std::optional<std::string> result_json(const std::string& name) const;
  // Values given to interleave.report(name, value), as JSON, by name.
  std::vector<std::pair<std::string, std::string>> reported() const;

  // Det step mode: the threads that can run now, and the main-file line each is at.
  std::vector<core::ThreadId> runnable_threads() const;

  // --- Coroutines in det step mode: within a thread, its event loop (asyncio) or gevent hub
  // picks the next ready coroutine from its ready queue, first in first out; a learner can
  // choose another. Call these between steps, on the thread that advances the run.
  // The coroutines thread `tid`'s running asyncio loop (else its gevent hub) has ready, in
  // the order it will run them: the first is its next pick. Empty in free mode, for a
  // thread without a loop or hub, and when nothing is ready.
  std::vector<ReadyCoroutine> ready_coroutines(core::ThreadId tid) const;
  // Makes the ready coroutine at `index` (a ReadyCoroutine::index) the next one thread
  // `tid`'s loop or hub runs: its entry moves to the front of the ready queue. The choice is
  // recorded in the schedule token, so a replay makes it again before the same step; choices
  // a replay still had planned from this step on are dropped (the learner steers from here).
  // False (nothing changes) when no coroutine is at `index` or in free mode.
  bool choose_coroutine(core::ThreadId tid, uint32_t index);
  // The coroutine thread `tid` runs now (its trace id), or 0 while it runs its own code:
  // the event loop, the gevent hub or the main greenlet.
  core::ObjectId running_coroutine(core::ThreadId tid) const;
  // Det: one coroutine step of thread `tid`: steps it (another thread only while it cannot
  // run) until the coroutine it runs switches out; while it runs its own code, until the
  // next coroutine has run and switched out. At most `max_steps` scheduler steps; stops
  // early when the run ends or waits for a choice no thread can take.
  ProgramStatus step_coroutine(core::ThreadId tid, uint64_t max_steps = 1'000'000);

 private:
  friend struct ProgramAccess;
  friend class PyTask;
  struct Impl;
  void start();
  bool process_has_gil() const;
  struct ProcessRt* add_process(core::ProcessId pid, bool main_process);
  // The VM configuration add_process gives process `proc`'s interpreter.
  VmConfig vm_config(struct ProcessRt* proc, bool main_process);
  struct ThreadRt* add_thread(struct ProcessRt* proc, Thread* py);
  bool read_stdin_line(std::string& line);  // input()'s source (ProgramConfig::stdin_text / _live)
  int read_beside(const std::string& path, std::string& contents, std::string& why) const;  // open()'s
  // VmConfig::on_coroutine for every VM of the run: traces the state and keeps it for threads().
  void note_coroutine(struct ThreadRt& rt, int64_t& slot, const std::string& name, CoState state);
  struct ThreadRt* thread_rt(core::ThreadId tid) const;
  // Det: makes the planned coroutine choices (a replay's) that are due before the next step.
  void apply_coroutine_plan();
  // The next planned coroutine choice's step, or UINT64_MAX when none is left.
  uint64_t next_planned_step() const;
  // Moves ready entry `index` of thread `rt`'s loop or hub to its front; false when none.
  bool move_coroutine_first(struct ThreadRt& rt, uint32_t index);
  std::vector<core::CoroutineChoice> coroutine_plan_;  // to replay, in step order
  size_t coroutine_plan_pos_ = 0;
  void for_each_vm(const std::function<void(VM&)>& fn);
  // A child process's main thread ended with `exit_code` (its Python code returned it).
  void on_process_main_done(struct ProcessRt& proc, int exit_code);
  bool compile_main();
  void start_main();
  ProgramStatus advance_det(uint64_t max_steps);
  ProgramStatus advance_free(double max_wait_s);
  void finish(ProgramStatus status, int exit_code);
  // The main thread ended (after its shutdown): daemon threads stop, the program ends.
  void on_main_done(int exit_code);
  void on_budget_exhausted();
  // A VM passed its deadline (any thread): the run ends by its time limit.
  void on_time_limit();
  // A thread's task failed inside Interleave (any thread): the run ends, reported as such.
  void on_internal_error(const std::string& what);
  // The main thread's uncaught exception, for the end reason.
  void note_main_exception(const std::string& type, const std::string& text);
  void arm_deadline(int64_t now_ns);
  void disarm_deadline(int64_t now_ns);
  bool past_limits();
  void end_by_limit(std::string message);
  void set_end_reason();
  uint64_t quantum(const struct ProcessRt& proc) const;
  void write_output(const std::string& text, Stream s, const Thread* t);
  bool free_deadlock_settled();
  void record_deadlock(core::DeadlockReport report);

  ProgramConfig config_;
  std::string source_;
  std::unique_ptr<core::Run> run_;
  std::unique_ptr<Impl> impl_;
  ProgramStatus status_ = ProgramStatus::Running;
  int exit_code_ = 0;
  OutputRing stdout_, stderr_;
  mutable std::mutex output_mu_;
  EndReason end_reason_ = EndReason::None;
  std::string end_message_;
  bool compile_failed_ = false;
  std::optional<core::DeadlockReport> deadlock_;
  // Set by the main thread as it ends (free mode: its OS thread), read by the driver: -1 while
  // the clocks run, kClocksStopping while record_end() takes the times (readers wait).
  static constexpr core::VTime kClocksStopping = -2;
  std::atomic<core::VTime> end_vtime_{-1};
  std::atomic<double> end_wall_s_{-1};
  // Keeps the clocks' end (unless kept already and not `again`) so that no reader that saw
  // them running read a later time than the one kept: the times never go back.
  void record_end(bool again);
  int64_t start_wall_ns_ = 0;
  bool main_started_ = false;
  size_t stdin_pos_ = 0;  // how much of config_.stdin_text input() has read
};

}  // namespace interleave::py
