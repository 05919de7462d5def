// py/runtime/runtime.h - the runtime's internals, shared by program.cpp, py_task.cpp and
// the native modules (mod_*.cpp). Not part of the public contract (see program.h).
//
// One ProcessRt per simulated process: its own VM (heap, modules) and core process.
// One ThreadRt per Python thread: the VM thread, its core ThreadContext and the
// accounting of virtual CPU. VM::embedder points at the ProcessRt, Thread::host and
// ThreadContext::user at the ThreadRt, so natives reach both from (vm, thread).
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/run.h"
#include "py/runtime/program.h"
#include "py/vm.h"

namespace interleave::py {

struct ProcessRt;

// The classes whose instances are engine primitives (native_class.h).
enum class NativeKind : uint8_t {
  Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier,
  Queue, LifoQueue, PriorityQueue, SimpleQueue, Count
};

struct ThreadRt {
  Program* program = nullptr;
  ProcessRt* process = nullptr;
  Thread* py = nullptr;
  core::ThreadContext* ctx = nullptr;   // set by the thread itself on its first step
  std::atomic<core::ThreadId> tid{0};   // read by the page's driver while the thread runs
  bool is_main = false;
  // Det: vm.instructions_executed when this thread's CPU was last charged. Instructions
  // since then are "pending": already run, not yet paid for in virtual time.
  uint64_t charged_mark = 0;
  // Free: CPU time (real ns) used while holding the GIL, and when the current slice began.
  std::atomic<int64_t> cpu_ns{0};
  int64_t slice_start_ns = 0;
  bool running_slice = false;
  // Output attribution.
  int lines = 0;
  OutputRing out{size_t(256) << 10};  // what it printed to stdout, the newest kept
  std::string partial;     // that unfinished line, for the trace (bounded: see write_output)
};

struct ProcessRt {
  Program* program = nullptr;
  // Everything this process allocates is charged here (core/memory.h); it outlives the VM.
  core::MemoryAccount* memory = nullptr;
  std::unique_ptr<VM> vm;
  ~ProcessRt() {
    vm.reset();
    core::MemoryAccount::retire(memory);
  }
  core::ProcessId pid = 0;
  ThreadRt* main = nullptr;
  // Exception classes the engine's errors map to (created in this VM).
  ClassObj* Empty = nullptr;
  ClassObj* Full = nullptr;
  ClassObj* BrokenBarrierError = nullptr;
  double switch_interval_s = 0.005;  // sys.setswitchinterval; det CPython switch points use it
  ClassObj* native_classes[int(NativeKind::Count)] = {};
  uint64_t next_name[int(NativeKind::Count)] = {};  // default names: Lock-1, Lock-2, ...
};

// The steady clock in nanoseconds (wall time of runs, free-mode CPU slices).
inline int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

inline ProcessRt& process_of(VM& vm) { return *static_cast<ProcessRt*>(vm.embedder); }
inline ThreadRt& thread_of(Thread& t) { return *static_cast<ThreadRt*>(t.host); }
inline core::ThreadContext& ctx_of(Thread& t) { return *thread_of(t).ctx; }

// ---- the program's side, used by natives (program.cpp)
struct ProgramAccess {
  // Starts a Python thread in the caller's process running `fn()`; value = tid, or an
  // error outcome (t.exc is set when `fn` itself was refused).
  static core::Outcome start_thread(Thread& caller, const Value& fn, const std::string& name, bool daemon);
  static core::Run& run(VM& vm);
  // Free mode: the real Unix time when the run started.
  static double epoch_s(VM& vm);
  // CPU seconds used by every thread of the caller's process.
  static double process_cpu_s(Thread& t);
  static double switch_interval_s(VM& vm);
  static void set_switch_interval_s(VM& vm, double s);
  // A value as result JSON (program.h, result_json); false with an exception set.
  static bool to_json(VM& vm, Thread& t, const Value& v, std::string* out);
  static void report(VM& vm, const std::string& name, std::string json);
};

// A Python thread as the engine's Task (py_task.cpp).
class PyTask final : public core::Task {
 public:
  explicit PyTask(ThreadRt* rt) : rt_(rt) {}
  core::StepResult step(core::ThreadContext& ctx) override;

 private:
  core::StepResult step_det(core::ThreadContext& ctx);
  core::StepResult step_free(core::ThreadContext& ctx);
  // The thread's Python code returned or raised: report it; the main thread then runs
  // threading._shutdown. True when there is more to run.
  bool body_ended(RunStatus st);

  enum class Phase : uint8_t { Body, Shutdown, Ended };
  ThreadRt* rt_;
  Phase phase_ = Phase::Body;
  int exit_code_ = 0;
  bool paying_for_end_ = false;  // det: the last instructions' CPU is being paid for
  RunStatus end_status_ = RunStatus::Done;
};

// ---- virtual CPU (py_task.cpp)
// Det: instructions this thread ran in its current quantum and has not paid for,
// excluding the call now executing. Free: 0.
uint64_t pending_instructions(Thread& t);
// A blocking native's first duty in det mode: pay for the pending instructions, so a
// sleep or wait starts at the right virtual time. True when the thread now waits for a
// core: the native must return NativeStatus::Block (it is re-executed afterwards).
bool charge_before_blocking(Thread& t);
// Free mode: the thread is about to block / has woken (keeps its CPU clock honest).
void leave_cpu(Thread& t);
void enter_cpu(Thread& t);
// The thread's view of time (seconds): virtual now (+ its pending CPU in det) / its CPU time.
double now_s(Thread& t);
double thread_cpu_s(Thread& t);

// ---- natives (native_args.h has the argument helpers)
// Maps a finished engine operation onto the native's status. Returns true when the
// operation completed (the caller sets *out); otherwise *st is what to return: Block
// (det: parked), or Error (a Python exception was raised; a cancelled run raises an
// uncatchable one).
bool op_completed(VM& vm, Thread& t, const core::Outcome& o, NativeStatus* st);
// Runs a blocking engine operation in the contract's way: charge pending CPU first (det),
// keep the CPU clock out of the wait (free), then map the outcome.
template <class Op>
bool blocking_op(VM& vm, Thread& t, NativeStatus* st, core::Outcome* result, Op&& op) {
  if (charge_before_blocking(t)) {
    *st = NativeStatus::Block;
    return false;
  }
  leave_cpu(t);
  *result = op(ctx_of(t));
  enter_cpu(t);
  return op_completed(vm, t, *result, st);
}

// Installs the native modules into a runtime VM: _interleave (threads, primitives, queues),
// time, os, interleave, and sys additions; registers the Python library modules.
void install_runtime_modules(VM& vm);
void install_threading_natives(VM& vm, ModuleObj* m);  // mod_threading.cpp
void install_queue_natives(VM& vm, ModuleObj* m);      // mod_queue.cpp
void install_system_modules(VM& vm);                   // mod_system.cpp

}  // namespace interleave::py
