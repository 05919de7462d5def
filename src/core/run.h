// core/run.h - a run: one execution with its scheduler, processes, threads,
// primitives, virtual clock, trace and cancellation.
//
// Destroying a Run cancels it, joins every OS thread (free mode) and frees
// everything; it works at any moment, including mid-deadlock or mid-sleep.
// Several runs may exist at once. All methods are thread-safe unless noted.
//
// Typical det use (C++ tests; the interpreter does the same with its own Task):
//   Run run(RunConfig{.mode = Mode::Det, .seed = 7});
//   Lock& a = run.create<Lock>("A");
//   ProcessId pid = run.main_process();
//   run.spawn_thread(pid, std::make_unique<ScriptTask>(ops...), "T1");
//   RunStatus s = run.run();            // Finished / Deadlock / ...
//   if (s == RunStatus::Deadlock) run.deadlock()->cycle ...
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/run_config.h"
#include "core/scheduler.h"
#include "core/trace.h"
#include "core/wait_graph.h"

namespace interleave::core {

class DetScheduler;
class FreeScheduler;

class Run {
 public:
  explicit Run(const RunConfig& cfg);
  ~Run();
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  // Empty when the config was valid; otherwise why (e.g. a malformed replay token).
  // An invalid config still yields a usable run with defaults for the bad fields.
  const std::string& config_error() const { return config_error_; }
  const RunConfig& config() const { return cfg_; }
  Mode mode() const { return cfg_.mode; }
  Scheduler& scheduler() { return *sched_; }
  Trace& trace() { return trace_; }
  const Trace& trace() const { return trace_; }
  DetScheduler* det();    // null in free mode
  FreeScheduler* free();  // null in det mode

  // --- Processes. The run starts with one process, pid 1 (main_process()).
  ProcessId main_process() const { return 1; }
  // Creates a process (value = pid) or fails with CapacityError / ValueError.
  Outcome spawn_process(ProcessId parent, std::string_view name, bool daemon = false, bool gil = true);
  ProcessContext* process(ProcessId pid);
  void set_exit_code(ProcessId pid, int code);
  // Process.join(timeout): waits until every thread of `pid` is done (Zombie), then
  // reaps it (Reaped). Done(ok = it exited); rule 2 of the contract applies.
  Outcome join_process(ThreadContext& self, ProcessId pid, std::optional<double> timeout = std::nullopt);
  void for_each_process(const std::function<void(ProcessContext&)>& fn);
  // Kills process `pid` (Process.terminate()/kill(), os._exit, Pool.terminate()): every
  // thread of it stops promptly, in both modes, and nothing else in the run is affected.
  //  - A thread blocked in any primitive, a join or a sleep wakes; it leaves the wait list
  //    (the wait-for graph and the other waiters' wake-ups stay right: a wake-up it was
  //    given and had not used yet goes to the next waiter) and its operation returns
  //    Cancelled. A running thread gets Cancel at its next yield point. Det: a thread in a
  //    CPU burst or waiting for a core leaves the core / the queue at once. Det steps the
  //    dying threads before anything else, so the process ends at the kill's instant.
  //  - From then on every operation of those threads returns Cancelled and every yield
  //    point Cancel (rule 6 in scheduler.h); threads the process starts later are killed
  //    at birth (their task never runs). Free: the process's interpreter lock is cancelled
  //    (InterpreterLock::cancel, that lock only), still handing it out one thread at a time.
  //  - The process becomes Zombie once its threads are done, as on a normal exit (set the
  //    exit code first, e.g. -15 for SIGTERM, so ProcessExit carries it); the trace shows
  //    ProcessKill then, just before ProcessExit. A process with no threads becomes Zombie
  //    at once (no lane: no events). Primitives its threads hold stay held (a killed process never releases a
  //    multiprocessing.Lock: CPython's documented hazard).
  // Done(ok = it was running and is now killed); Done(ok = false) when it had already
  // ended or been killed; ValueError for an unknown pid or pid 1 (the init process).
  // Det: call from the driving thread (natives run there); free: from any thread. A thread
  // may kill its own process (os._exit): its next operation or yield point reports it.
  Outcome kill_process(ProcessId pid);
  // True once kill_process(pid) has succeeded.
  bool process_killed(ProcessId pid) const;

  // --- Threads. Creates and starts a thread in process `pid` (value = tid), or
  // fails with CapacityError ("run capacity exceeded: too many threads").
  Outcome spawn_thread(ProcessId pid, std::unique_ptr<Task> task, std::string_view name, bool daemon = false,
                       ThreadOwner* owner = nullptr);
  ThreadContext* thread(ThreadId tid);
  size_t thread_count() const;
  // Thread.join(timeout): rule 2 of the contract. Done(ok=false) when timed out.
  Outcome join_thread(ThreadContext& self, ThreadId target, std::optional<double> timeout = std::nullopt);
  // print(): the line goes to the trace's text arena (an instant in the export).
  void print(ThreadContext& t, std::string_view line);
  // A watched variable changed (value shown on the thread's lane). `var` comes from
  // register_variable.
  void watch(ThreadContext& t, ObjectId var, int64_t value);
  // An object id for a watched variable (type "variable" in the trace's names).
  ObjectId register_variable(std::string_view name);
  // An object id for a coroutine of a thread (type "coroutine" in the trace's names):
  // greenlets and asyncio tasks, labelled `name` in views.
  ObjectId register_coroutine(std::string_view name);
  // Coroutine `co` (from register_coroutine) of thread `t` is now in `state`
  // (EventKind::CoroutineSwitch on t's lane).
  void coroutine_state(ThreadContext& t, ObjectId co, CoroutineState state);
  // Renames a thread (Python's `t.name = ...` after start) for views and the trace.
  void rename_thread(ThreadId tid, std::string_view name);

  // --- Driving.
  // Det: steps until finished, deadlocked, awaiting a choice or `max_steps` steps.
  // Free: waits (blocking the caller) until every thread is done.
  RunStatus run(uint64_t max_steps = UINT64_MAX);
  // Free: like run() but gives up after `real_timeout_s` real seconds (TimedOut).
  RunStatus wait(double real_timeout_s);
  // Det: the thread to run at the next choice (step mode, StrategyKind::Ask, waits for
  // it; any other strategy is overridden once).
  void choose(ThreadId tid);
  void cancel();
  // The recorded schedule as a URL-safe token (det); "" in free mode. It holds the thread
  // choices and the coroutine choices recorded by record_coroutine_choice.
  std::string schedule_token() const;
  // Det: a coroutine choice made (or replayed) before the scheduler's next step; recorded
  // for the token. Choices must come in step order (the caller is the driving thread).
  void record_coroutine_choice(const CoroutineChoice& c);
  const std::vector<CoroutineChoice>& coroutine_choices() const { return coroutine_choices_; }
  // The coroutine choices to replay: RunConfig::coroutine_plan, or a Replay token's.
  const std::vector<CoroutineChoice>& coroutine_plan() const { return cfg_.coroutine_plan; }

  // --- Views.
  WaitForGraph wait_for_graph() const;
  // "T1 waits for B held by T2; T2 waits for A held by T1" (trace names).
  std::string describe_cycle(const std::vector<WaitEdge>& cycle) const;
  // Det: set when run() returned Deadlock.
  const std::optional<DeadlockReport>& deadlock() const { return deadlock_; }
  VTime now() const { return sched_->now(); }

  // --- Primitives. Owned by the run, alive until it is destroyed.
  template <class T, class... Args>
  T& create(Args&&... args) {
    auto p = std::make_unique<T>(*this, std::forward<Args>(args)...);
    T& ref = *p;
    std::lock_guard<std::mutex> g(mu_);
    owned_.push_back(std::move(p));
    return ref;
  }
  // Registry used by Primitive's constructor and destructor.
  ObjectId register_object(Primitive* p);
  void unregister_object(ObjectId id);
  Primitive* object(ObjectId id) const;

  // Called by the schedulers when a thread's task returned Done.
  void on_thread_done(ThreadContext& t);

 private:
  // An object id with no primitive behind it, named `name` of `type` in the trace.
  ObjectId register_named(std::string_view name, std::string_view type);
  // Running -> Zombie (with mu_ held): wakes its joiners, gives its children to pid 1.
  // `buf` (the last thread's lane) gets ProcessKill / ProcessExit; null: no events.
  void exit_process(ProcessContext& p, TraceBuffer* buf);
  // Zombie -> Reaped (with mu_ held) by `reaper` (its parent, or 1 for init): ProcessReap.
  void reap(ProcessContext& p, ProcessId reaper);
  RunConfig cfg_;
  std::string config_error_;
  Trace trace_;
  std::unique_ptr<Scheduler> sched_;
  mutable std::mutex mu_;  // registries below; also the joiners' wait lists
  std::vector<std::unique_ptr<ProcessContext>> processes_;
  std::vector<std::unique_ptr<WaitList>> exit_waiters_;  // one per process
  std::vector<std::unique_ptr<ThreadContext>> threads_;
  std::vector<Primitive*> objects_;
  std::vector<std::unique_ptr<Primitive>> owned_;
  std::optional<DeadlockReport> deadlock_;
  std::vector<CoroutineChoice> coroutine_choices_;  // det, driving thread only
};

}  // namespace interleave::core
