// core/scheduler.h - the one scheduler interface every primitive is written against,
// the thread and process contexts, and the Task the interpreter implements.
//
// THE INTERPRETER CONTRACT (see also docs/core.md)
//
// 1. Threads are Tasks. The VM implements Task::step(ThreadContext&): run up to N
//    instructions and return Yield (more to do), Blocked (a core call returned
//    Suspend) or Done. It never recurses on the C++ stack. In det mode one host
//    thread steps every task; in free mode each task's step() runs on its own OS
//    thread, in a loop, until Done.
//
// 2. Blocking builtins call a primitive operation and switch on the Outcome:
//      Outcome o = lock.acquire(ctx, blocking, timeout);
//      if (o.is_suspend())   return StepResult::Blocked;   // pc stays on the call
//      if (o.is_cancelled()) unwind the thread;
//      if (o.is_error())     raise o.error with o.message;
//      push o.ok / o.value; advance pc;
//    Det: Suspend means the thread is parked; when the scheduler steps it again the
//    VM re-executes the same call, which retries. The first attempt's deadline is
//    kept in the ThreadContext (op_deadline) until the call completes, so timeouts
//    are exact in virtual time. Free: the call blocks the OS thread inside core,
//    dropping the process's interpreter lock (GIL) while blocked, and returns Done
//    or Cancelled. The same builtin code serves both modes.
//
// 3. Yield points: call sched.yield_point(ctx) every instruction (or every K):
//      switch (sched.yield_point(ctx)) {
//        case YieldAction::Continue: break;                       // keep running
//        case YieldAction::Yield:    save pc (after the instruction); return StepResult::Yield;
//        case YieldAction::Cancel:   unwind;
//      }
//    Det: always Yield (the strategy picks the next thread in the scheduler loop);
//    the per-instruction CPU cost (RunConfig::instruction_cost) is charged here as a
//    burst on a virtual core. Free: hands the GIL over when another thread asked for
//    it and the switch interval has passed (CPython's drop request); Cancel when the
//    run is being destroyed.
//    Either mode: Cancel as well once the thread's process is killed (Run::kill_process).
//
// 4. CPU time and sleeps: sched.spend(ctx, ns) and sched.sleep(ctx, seconds) are
//    operations like any other (Done / Suspend / Cancelled / Error) and follow rule 2.
//
// 5. Thread start/finish: Run::spawn_thread(pid, task, name) creates and starts a
//    thread (free: an OS thread now; det: runnable at the next scheduling point).
//    A thread finishes when its step() returns Done; joiners wake then. Use
//    Run::join_thread(ctx, tid, timeout) for Thread.join (rule 2 applies).
//
// 6. Killed processes (Run::kill_process): every operation of a killed thread returns
//    Cancelled and every yield point Cancel, so the task unwinds as for a cancelled run.
//    sched.unwinding(ctx) says whether the current thread must unwind (its process was
//    killed or the run is cancelled): a VM loop that retries after a yield-hook Cancel
//    checks it, not cancelled(), which is the run-wide flag only. A thread killed before
//    its task's first step never runs its task.
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/base.h"
#include "core/trace.h"

namespace interleave::core {

class Run;
class Scheduler;
class InterpreterLock;
struct ThreadContext;

enum class StepResult : uint8_t { Yield, Blocked, Done };
enum class YieldAction : uint8_t { Continue, Yield, Cancel };

// A resumable thread body. The interpreter implements it (its threads are VM states
// with heap frames); tests use ScriptTask (core/script.h).
class Task {
 public:
  virtual ~Task() = default;
  // Runs a bounded amount of work. Must not block except inside core operations
  // (free mode). Returns Done once the thread's function has returned.
  virtual StepResult step(ThreadContext& ctx) = 0;
  // Det batches: another thread became ready while this one runs a batch of steps
  // (ThreadContext::step_budget > 1). The task ends its step at its next switch point,
  // so the choice that the unbatched run would offer there is offered.
  virtual void rival_ready() {}
};

enum class ProcessState : uint8_t { Running, Zombie, Reaped };

// A simulated process: an isolation domain with its own heap (opaque to core).
struct ProcessContext {
  ProcessId pid = 0;
  ProcessId ppid = 0;
  std::string name;
  ProcessState state = ProcessState::Running;
  int exit_code = 0;
  bool daemon = false;
  bool orphan = false;                   // its parent ended first: pid 1 adopted (and reaps) it
  bool gil = true;                       // one thread of this process runs at a time
  int live_threads = 0;
  int cpu_running = 0;                   // det: threads in a CPU burst now
  int cpu_demand = 0;                    // det: threads in a burst or waiting for a core
  ThreadId gil_last = 0;                 // det with gil: the thread of the last burst
  uint64_t gil_handoffs = 0;             // det with gil: times a burst went to another thread
  std::atomic<bool> killed{false};       // Run::kill_process was called on it
  std::unique_ptr<InterpreterLock> lock; // free mode with gil: the interpreter lock
  class WaitList* exit_waiters = nullptr; // threads in Run::join_process (owned by Run)
};

// The simulated threads' FIFO of waiters on one primitive. Guarded by the
// primitive's mutex (free) or by being on the one host thread (det).
class WaitList {
 public:
  void push(ThreadContext* t) { waiters_.push_back(t); }
  bool remove(ThreadContext* t);
  ThreadContext* pop_front();
  bool empty() const { return waiters_.empty(); }
  size_t size() const { return waiters_.size(); }
  const std::vector<ThreadContext*>& threads() const { return waiters_; }

 private:
  std::vector<ThreadContext*> waiters_;
};

// What the embedder (the Python runtime) attaches to a thread: core keeps it for the
// embedder and never looks inside.
struct ThreadOwner {
 protected:
  ~ThreadOwner() = default;
};

// Everything core knows about one simulated thread.
struct ThreadContext {
  ThreadId id = 0;
  ProcessContext* process = nullptr;
  Run* run = nullptr;
  Scheduler* sched = nullptr;
  std::string name;
  std::unique_ptr<Task> task;
  TraceBuffer* trace = nullptr;
  ThreadOwner* owner = nullptr;         // the interpreter's record of this thread, or null
  std::atomic<ThreadState> state{ThreadState::New};  // written by the scheduler, read by views
  bool daemon = false;
  // Its process was killed (Run::kill_process): every operation from now on reports Cancelled.
  std::atomic<bool> killed{false};
  bool is_killed() const { return killed.load(std::memory_order_relaxed); }
  ThreadState get_state() const { return state.load(std::memory_order_relaxed); }
  void set_state(ThreadState s) { state.store(s, std::memory_order_relaxed); }

  // --- Pending operation (rule 2): the deadline of the first attempt.
  bool op_active = false;
  VTime op_deadline = kNoDeadline;
  bool burst_done = false;              // det spend(): the burst of this op finished

  // Starts or continues an operation: returns the deadline fixed by its first attempt.
  VTime begin_op(VTime now, double timeout_s, bool has_timeout) {
    if (!op_active) {
      op_active = true;
      op_deadline = has_timeout ? now + seconds_to_vtime(timeout_s) : kNoDeadline;
      burst_done = false;
    }
    return op_deadline;
  }
  void end_op() { op_active = false; op_deadline = kNoDeadline; op_phase = 0; op_signal = 0; }
  // Ends the pending operation of a killed (or cancelled) thread: the Cancelled outcome.
  Outcome cancel_op() {
    end_op();
    joining.store(nullptr, std::memory_order_relaxed);
    return Outcome::cancelled();
  }
  // Multi-phase operations (Condition.wait, Barrier.wait) keep their progress here.
  int op_phase = 0;
  int64_t op_value = 0;
  // Set by a waker under the primitive's mutex: 1 = notified / passed, 2 = broken.
  uint8_t op_signal = 0;

  // --- What the thread waits for (wait-for graph), set while blocked.
  WaitList* waiting_on = nullptr;                       // guarded like the list
  std::atomic<class Primitive*> blocked_on{nullptr};
  std::atomic<ThreadContext*> joining{nullptr};         // blocked in join_thread on it
  std::atomic<bool> timed_wait{false};                  // the current wait has a deadline

  // --- Det bookkeeping.
  uint64_t timer_gen = 0;               // invalidates stale timers
  VTime burst_ns = 0;                   // det: CPU burst waiting for a core
  VTime cpu_used = 0;                   // det: virtual CPU time consumed
  bool burst_is_op = false;
  bool burst_traced = true;             // det: the burst shows as CpuBegin/CpuEnd
  bool stepped = false;                 // det: its task has run at least once
  // Det batches: the scheduler lets a task take up to `step_budget` steps in one go when
  // no other thread could be chosen in between (see DetScheduler::batch_budget); the task
  // sets `steps_used` to the steps it took (1 unless it batched).
  uint64_t step_budget = 1;
  uint64_t steps_used = 1;
  // Det: the wait list a waker popped it from, until it next runs (a kill in between hands
  // the unused wake-up on to the next waiter).
  WaitList* woken_from = nullptr;

  // --- Free bookkeeping: a parker (mutex + condvar, never a semaphore).
  std::mutex park_mu;
  std::condition_variable park_cv;
  bool permit = false;
  bool holds_gil = false;

  WaitList joiners;                     // threads in join_thread(this)
};

// A synchronisation object known to the run: it has an id, a name, owners and
// waiters, so the wait-for graph can be built at any moment in either mode.
class Primitive {
 public:
  Primitive(Run& run, std::string_view name, const char* type);
  virtual ~Primitive();
  Primitive(const Primitive&) = delete;
  Primitive& operator=(const Primitive&) = delete;

  ObjectId id() const { return id_; }
  const std::string& name() const { return name_; }
  const char* type() const { return type_; }
  // Threads a waiter on this object waits for (lock owners, semaphore holders).
  virtual void owners(std::vector<ThreadId>& out) const { (void)out; }
  // True when only those owners can free a waiter (an RLock). A plain Lock or a semaphore
  // may be released by any thread, so a wait for one is no proof of a deadlock by itself.
  virtual bool only_owners_release() const { return false; }
  // Threads blocked on this object now.
  std::vector<ThreadId> waiters() const;

 protected:
  void emit(ThreadContext& t, EventKind k, int64_t value);
  Run& run_;
  bool trace_fast_;                     // RunConfig::trace_fast_paths
  bool det_;                            // det mode (no virtual call on fast paths)
  Scheduler& sched_;
  mutable std::mutex mu_;               // guards the primitive's state and wait lists
  WaitList waiters_;

 private:
  ObjectId id_;
  std::string name_;
  const char* type_;
};

enum class WaitStatus : uint8_t { Woken, TimedOut, Suspended, Cancelled };

// The interface used by every primitive. Methods taking `lk` are called with the
// primitive's mutex held; `wait` may release and re-take it (free mode).
class Scheduler {
 public:
  explicit Scheduler(Run& run) : run_(run) {}
  virtual ~Scheduler() = default;
  virtual Mode mode() const = 0;
  // Current virtual time (ns). Free mode: real elapsed time divided by time_scale.
  virtual VTime now() const = 0;

  // Parks `t` on `wl` (waiting for `obj`) until woken, `deadline` passes or the run
  // is cancelled. Det: records the park and returns Suspended at once (the caller
  // returns Outcome::suspend()). Free: blocks, dropping `lk` and the GIL meanwhile,
  // and returns Woken / TimedOut / Cancelled with `lk` held again and `t` no longer
  // on `wl`. Either way the caller re-checks its condition (wake-ups are hints).
  virtual WaitStatus wait(ThreadContext& t, WaitList& wl, Primitive* obj, std::unique_lock<std::mutex>& lk,
                          VTime deadline) = 0;
  // Wakes the first waiter of `wl` and returns it (or null); the caller holds the
  // primitive's mutex and may set the waiter's op_signal before releasing it.
  virtual ThreadContext* wake_one(WaitList& wl) = 0;
  size_t wake_all(WaitList& wl, uint8_t signal = 0) {
    size_t n = 0;
    while (ThreadContext* t = wake_one(wl)) {
      if (signal) t->op_signal = signal;
      ++n;
    }
    return n;
  }

  // time.sleep(seconds): rule 2 of the contract. Negative: ValueError.
  virtual Outcome sleep(ThreadContext& t, double seconds) = 0;
  // Spends `ns` of CPU time (det: a burst on a virtual core; free: real busy work).
  virtual Outcome spend(ThreadContext& t, VTime ns) = 0;
  // The per-instruction hook (rule 3). `instructions` is how many instructions ran
  // since the last yield point (det charges instructions * instruction_cost of CPU).
  virtual YieldAction yield_point(ThreadContext& t, uint64_t instructions = 1) = 0;
  // Det batches: charges `instructions` that `t` ran in its current batch, before it does
  // something the clock or another thread can observe (a native call), so the clock, its
  // CPU time and the step count stand where one-step-at-a-time scheduling puts them.
  // Free mode: nothing to do.
  virtual void pay_batch(ThreadContext& t, uint64_t instructions) { (void)t; (void)instructions; }

  // Starts a thread created by the run (free: an OS thread; det: runnable).
  virtual void start_thread(ThreadContext& t) = 0;
  // Makes every blocked, sleeping or running thread return Cancelled promptly.
  virtual void cancel() = 0;
  virtual bool cancelled() const = 0;
  // Run::kill_process's part: `t` (already marked killed) stops promptly. Blocked or
  // sleeping, it leaves its wait list / timer and its pending operation returns
  // Cancelled; det: computing or waiting for a core, it leaves the core or the queue at
  // once. Det: from the driving thread; free: from any thread.
  virtual void kill(ThreadContext& t) = 0;
  // True when `t` must unwind: its process was killed or the run is cancelled.
  bool unwinding(const ThreadContext& t) const { return t.is_killed() || cancelled(); }
  // A woken waiter that will not use its wake-up (it was killed meanwhile) hands it to the
  // next waiter of `wl` (with the same op_signal), so a release, put or notify is not lost.
  // With the primitive's mutex held (free).
  void pass_on_wake(WaitList& wl, const ThreadContext& dead) {
    if (ThreadContext* next = wake_one(wl))
      if (dead.op_signal) next->op_signal = dead.op_signal;
  }

  Run& run() { return run_; }
  // The virtual time stamped on trace events: det's clock; 0 in free mode, where
  // Trace::collect derives it from the wall clock (keeps clock reads off fast paths).
  VTime trace_now() const { return clock_; }

 protected:
  Run& run_;
  VTime clock_ = 0;
};

}  // namespace interleave::core
