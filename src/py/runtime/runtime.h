// py/runtime/runtime.h - the runtime's internals, shared by program.cpp, py_task.cpp and
// the native modules (mod_*.cpp). Not part of the public contract (see program.h).
//
// One ProcessRt per simulated process: its own VM (heap, modules) and core process.
// One ThreadRt per Python thread: the VM thread, its core ThreadContext and the
// accounting of virtual CPU. VmConfig::embedder points at the ProcessRt, Thread::host and
// ThreadContext::owner at the ThreadRt, so natives reach both from (vm, thread).
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/queue.h"
#include "core/run.h"
#include "py/runtime/program.h"
#include "py/vm.h"

namespace interleave::py {

struct ProcessRt;

// The classes whose instances are engine primitives (native_class.h).
enum class NativeKind : uint8_t {
  Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier,
  Queue, LifoQueue, PriorityQueue, SimpleQueue,
  Channel, Connection, SharedCells,  // multiprocessing's transports and shared memory
  Count
};

struct ThreadRt : ThreadHost, core::ThreadOwner {
  Program* program = nullptr;
  ProcessRt* process = nullptr;
  Thread* py = nullptr;
  core::ThreadContext* ctx = nullptr;   // set by the thread itself on its first step
  std::atomic<core::ThreadId> tid{0};   // read by the page's driver while the thread runs
  bool is_main = false;          // the program's main thread (the root process's)
  bool process_main = false;     // a child process's main thread: its end is the process's
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
  // Its coroutines (greenlets, asyncio tasks) as VmConfig::on_coroutine reported them, in order
  // of first report, with their latest state. coroutines_mu guards both (the summary may be
  // read while the thread runs).
  struct Coroutine {
    core::ObjectId id = 0;  // the trace's coroutine id (also the VM's slot for it)
    std::string name;
    CoState state = CoState::Running;
  };
  std::vector<Coroutine> coroutines;
  std::unordered_map<core::ObjectId, size_t> coroutine_index;
  mutable std::mutex coroutines_mu;
};

struct ProcessRt : VmEmbedder {
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
  ClassObj* PicklingError = nullptr;
  // A child process's start: what its main thread unpacks (transfer.h) - fork: (the
  // parent's __main__ globals, the Process object); spawn: the Process object.
  std::string start_payload;
  bool forked = false;
  // Set once the process's exit code is decided (a signal, os._exit or its end).
  std::atomic<bool> exit_decided{false};
  // Pipe ends this process holds open, one entry per Connection object (like file
  // descriptors: inherited at a fork, passed in messages, closed at exit).
  std::vector<core::Pipe::End*> open_ends;
  double switch_interval_s = 0.005;  // sys.setswitchinterval; det CPython switch points use it
  ClassObj* native_classes[int(NativeKind::Count)] = {};
  uint64_t next_name[int(NativeKind::Count)] = {};  // default names: Lock-1, Lock-2, ...
};

// The steady clock in nanoseconds (wall time of runs, free-mode CPU slices).
inline int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

inline ProcessRt& process_of(VM& vm) { return *static_cast<ProcessRt*>(vm.config().embedder); }
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

  // ---- processes (multiprocessing)
  // Starts a child of the caller's process: `payload` as ProcessRt::start_payload says.
  // Value = the child's pid, or an error outcome (CapacityError past the run's cap).
  static core::Outcome start_process(Thread& caller, const std::string& name, bool daemon, bool fork,
                                     std::string payload);
  // The process the caller runs in.
  static ProcessRt& process(Thread& t) { return *thread_of(t).process; }
  // Ends process `pid` now with exit code `code` (a signal: -15, -9; os._exit: n): its
  // threads stop wherever they are. False when it had already ended.
  static bool end_process(VM& vm, Thread& t, core::ProcessId pid, int code);
  // The runtime's record of a process, or null.
  static ProcessRt* find_process(VM& vm, core::ProcessId pid);
  // Objects shared between processes (multiprocessing's): `kind` names them in pickling
  // errors ("Lock", "Queue", "Connection"). shared_kind is "" for anything else.
  static void share(VM& vm, const void* native, std::string kind);
  static std::string shared_kind(VM& vm, const void* native);
  // Memory shared between processes (multiprocessing.Value / Array): owned by the program.
  static struct SharedCells* new_shared_cells(VM& vm, char typecode, size_t n);
  // Connection handles, counted like file descriptors: an end closes for real (its peer
  // sees EOFError) once no process holds it open. retain_end: a process got a Connection
  // object for `end`; release_end: it closed one (or exited: release_all_ends).
  static void retain_end(VM& vm, core::Pipe::End* end);
  // A Connection object packed into a message or a start payload is a handle in flight
  // (counted at once, as a duplicated descriptor); the process that unpacks it adopts it.
  static void retain_in_flight(VM& vm, core::Pipe::End* end);
  static void adopt_end(VM& vm, core::Pipe::End* end);
  static void release_end(VM& vm, core::Pipe::End* end, core::ThreadContext& ctx);
  static void release_all_ends(ProcessRt& proc, core::ThreadContext& ctx);
  // A Pipe between processes (its channels are the run's; the ends live as long as it).
  static core::Pipe* new_pipe(VM& vm, bool duplex, const std::string& name);
  static const ProgramConfig& config(VM& vm);
  // The run's in-memory network (socket): ports bound on the one simulated machine, and the
  // channel a listening socket accepts connections from. bind_port(0) picks a free port
  // (deterministic); a taken port gives -1. listen/lookup/release are by port.
  static int64_t bind_port(VM& vm, int64_t port);
  static void listen_port(VM& vm, int64_t port, core::Channel* accept);
  static core::Channel* listener(VM& vm, int64_t port);
  static void release_port(VM& vm, int64_t port);
};

// multiprocessing.Value / Array storage: cells of one C type, shared by every process.
struct SharedCells {
  char typecode = 'i';                 // 'i' (int64 here) or 'd' (double)
  std::mutex mu;                       // free mode: a cell is read and written whole
  std::vector<int64_t> ints;
  std::vector<double> doubles;
  size_t size() const { return typecode == 'd' ? doubles.size() : ints.size(); }
};

// A Python thread as the engine's Task (py_task.cpp).
class PyTask final : public core::Task {
 public:
  explicit PyTask(ThreadRt* rt) : rt_(rt) {}
  core::StepResult step(core::ThreadContext& ctx) override;
  void rival_ready() override;
  // VmConfig::batch_sync of every det VM: pays the batch's instructions before a call (see
  // Scheduler::pay_batch); after one that ran nested code, ends the batch there.
  static void sync_batch(Thread& t, bool after);

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
  bool batching_ = false;        // det: this step runs a batch of one-instruction steps
  bool big_step_ = false;        // det batch: it ends after a call that ran nested code
  uint64_t call_mark_ = 0;       // det batch: instructions_executed as the current call began
  RunStatus end_status_ = RunStatus::Done;
};

// ---- virtual CPU (py_task.cpp)
// Det: instructions this thread ran in its current quantum and has not paid for,
// excluding the call now executing. Free: 0.
uint64_t pending_instructions(Thread& t);
// A blocking native's first duty in det mode: pay for the pending instructions, so a
// sleep or wait starts at the right virtual time. True when the thread now waits for a
// core: the native must return NativeStatus::Block (it is re-executed afterwards).
bool charge_before_blocking(Thread& t);  // false inside a nested loop (t.nested)
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
void install_process_natives(VM& vm, ModuleObj* m);    // mod_process.cpp
// A new empty queue of `kind` (Queue, LifoQueue, PriorityQueue, SimpleQueue) for `vm`'s
// values, e.g. fork's copy of a queue.Queue (mod_queue.cpp).
core::Primitive* new_queue_like(VM& vm, NativeKind kind, int64_t maxsize, const std::string& name);

}  // namespace interleave::py
