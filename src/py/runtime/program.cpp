// py/runtime/program.cpp - a Python program on a core::Run.
// [SECTION] names  [SECTION] construction  [SECTION] driving  [SECTION] the end of a program
// [SECTION] deadlocks  [SECTION] output and watched variables  [SECTION] results
// [SECTION] what natives reach (ProgramAccess)
#include "py/runtime/program.h"

#include <algorithm>
#include <thread>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include "core/det_scheduler.h"
#include "core/free_scheduler.h"
#include "core/interpreter_lock.h"
#include "py/bigint.h"
#include "py/bytecode.h"
#include "py/float_text.h"
#include "py/runtime/runtime.h"
#include "py/runtime/transfer.h"

namespace interleave::py {

struct Program::Impl {
  std::vector<std::unique_ptr<ProcessRt>> processes;
  std::mutex threads_mu;                        // threads: natives add to it from any thread
  std::vector<std::unique_ptr<ThreadRt>> threads;
  std::unordered_map<std::string, core::ObjectId> watched;
  std::mutex reported_mu;
  std::map<std::string, std::string> reported;  // interleave.report(name, value), as JSON
  std::atomic<bool> main_done{false};
  std::atomic<bool> budget_exhausted{false};
  std::atomic<bool> time_limit{false};
  std::atomic<bool> internal_error{false};
  std::atomic<bool> interrupted{false};         // interrupt() was called (any thread)
  std::string internal_message;
  std::string limit_message;                    // why a limit ended the run
  std::string main_exc_type, main_exc_text;     // the main thread's uncaught exception
  double active_s = 0;                          // det: real seconds spent advancing
  int64_t free_deadline_ns = 0;                 // free: when the time limit passes
  int main_exit = 0;
  double epoch_s = 0;
  std::string deadlock_key;                     // free mode: the stuck state last seen
  int64_t deadlock_since_ns = 0;
  // multiprocessing: objects shared between processes and what they are; shared memory
  // and pipes (not engine primitives, so owned here).
  std::mutex shared_mu;
  std::unordered_map<const void*, std::string> shared;
  std::vector<std::unique_ptr<SharedCells>> cells;
  std::vector<std::unique_ptr<core::Pipe>> pipes;
  std::unordered_map<const core::Pipe::End*, int> end_handles;  // open Connection objects, all processes
  std::map<int64_t, core::Channel*> ports;     // the in-memory network: bound ports (listening: non-null)
  int64_t next_ephemeral = 40000;
};

//-----------------------------------------------------------------------------
// [SECTION] names
//-----------------------------------------------------------------------------
const char* switch_points_name(SwitchPoints s) { return s == SwitchPoints::Any ? "any" : "cpython"; }

std::optional<SwitchPoints> parse_switch_points(std::string_view s) {
  if (s == "any") return SwitchPoints::Any;
  if (s == "cpython") return SwitchPoints::CPython;
  return std::nullopt;
}

const char* program_status_name(ProgramStatus s) {
  static const char* const names[] = {"running", "awaiting-choice", "finished", "deadlock", "cancelled"};
  return names[int(s)];
}

const char* end_reason_name(EndReason r) {
  static const char* const names[] = {"none",         "finished",  "exception",  "exit",
                                      "syntax-error", "deadlock",  "memory-limit", "time-limit",
                                      "instruction-limit", "stopped", "internal-error"};
  return names[int(r)];
}

//-----------------------------------------------------------------------------
// [SECTION] construction
//-----------------------------------------------------------------------------
Program::Program(std::string source, ProgramConfig config)
    : config_(std::move(config)),
      source_(std::move(source)),
      impl_(std::make_unique<Impl>()),
      stdout_(config_.max_output_bytes),
      stderr_(config_.max_output_bytes) {
  core::RunConfig rc = config_.run;
  rc.instruction_cost = rc.mode == core::Mode::Det ? core::VTime(std::llround(std::max(0.0, config_.instruction_ns))) : 0;
  run_ = std::make_unique<core::Run>(rc);
  if (run_->mode() == core::Mode::Det) coroutine_plan_ = run_->coroutine_plan();
  start_wall_ns_ = steady_ns();
  impl_->epoch_s = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  start();
}

Program::~Program() {
  // Threads first (they may be running natives of the VMs), then the VMs. Free mode:
  // joined while run_ is still set, since a cancelled thread may still be starting
  // a thread or printing through it (unique_ptr::reset clears it before deleting).
  run_->cancel();
  for_each_vm([](VM& vm) { vm.aborting = true; });
  if (core::FreeScheduler* f = run_->free()) f->join_all();
  run_.reset();
}

void Program::start() {
  if (!run_->config_error().empty()) {
    write_output("interleave: " + run_->config_error() + "\n", Stream::Stderr, nullptr);
    finish(ProgramStatus::Finished, 2);
    return;
  }
  core::Outcome po = run_->spawn_process(1, "MainProcess", false, process_has_gil());
  add_process(core::ProcessId(po.value), true);
}

// The first advance() compiles the program (not the constructor): a stop request or the time
// limit can end a long compile, and the run then ends as stopped or past its time limit.
// False when the run ended here (a SyntaxError is already written to stderr).
bool Program::compile_main() {
  ProcessRt* raw_proc = impl_->processes.front().get();
  VM& vm = *raw_proc->vm;
  const int64_t t0 = steady_ns();
  const bool det = run_->mode() == core::Mode::Det;
  if (config_.time_limit_s > 0) impl_->free_deadline_ns = t0 + int64_t(config_.time_limit_s * 1e9);
  if (det) arm_deadline(t0);
  else if (config_.time_limit_s > 0) vm.deadline_ns = impl_->free_deadline_ns;
  core::MemoryScope scope(raw_proc->memory);
  Thread* main = vm.load_main(source_, config_.filename);
  if (det) disarm_deadline(t0);
  if (vm.compile_stopped && impl_->interrupted) {
    run_->cancel();
    finish(ProgramStatus::Cancelled, 130);
    return false;
  }
  if (vm.compile_stopped) {  // the time limit passed
    if (!past_limits()) on_time_limit();
    finish(ProgramStatus::Finished, impl_->internal_error ? 70 : 124);
    return false;
  }
  if (!main) {
    compile_failed_ = true;
    finish(ProgramStatus::Finished, 1);
    return false;
  }
  if (!config_.watched.empty()) {
    for (const std::string& name : config_.watched) impl_->watched[name] = run_->register_variable(name);
    vm.watched_globals = vm.modules.at("__main__")->dict;
  }
  raw_proc->main = add_thread(raw_proc, main);
  raw_proc->main->is_main = true;
  return true;
}

// One line of the program's standard input with its "\n" ("\r\n" read as "\n", as a text
// stream reads it); false at its end. The main process's threads share the cursor (their
// VM reads it under the process's lock).
bool Program::read_stdin_line(std::string& line) {
  line.clear();
  if (config_.stdin_reader) {
    if (!config_.stdin_reader(line)) return false;
  } else {
    const std::string& in = config_.stdin_text;
    if (stdin_pos_ >= in.size()) return false;
    const size_t nl = in.find('\n', stdin_pos_);
    const size_t end = nl == std::string::npos ? in.size() : nl + 1;
    line.assign(in, stdin_pos_, end - stdin_pos_);
    stdin_pos_ = end;
  }
  if (line.size() >= 2 && line.ends_with("\r\n")) line.erase(line.size() - 2, 1);
  return true;
}

// open()'s view of the disk: files under config_.file_root by a relative name that stays
// inside it, read whole (at most the memory limit). Returns 0 or the errno for OSError.
int Program::read_beside(const std::string& path, std::string& contents, std::string& why) const {
  namespace fs = std::filesystem;
  if (config_.file_root.empty()) return 2;
  const fs::path rel = fs::path(path).lexically_normal();
  if (rel.is_absolute() || rel.empty() || *rel.begin() == "..") {
    why = "Permission denied (Interleave programs open only files in the program's folder, by a relative name)";
    return 13;
  }
  const fs::path full = fs::path(config_.file_root) / rel;
  std::error_code ec;
  if (fs::is_directory(full, ec)) {
    why = "Is a directory";
    return 21;
  }
  const auto size = fs::file_size(full, ec);
  if (ec) return 2;
  if (size > config_.max_memory_bytes) {
    why = "File too large (over the run's memory limit of " + std::to_string(config_.max_memory_bytes >> 20) + " MB)";
    return 27;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    why = "Permission denied";
    return 13;
  }
  contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return 0;
}

// Free mode always takes the GIL: one interpreter state is never run by two OS threads
// at once. (Det mode models a GIL-free process on its one host thread.)
bool Program::process_has_gil() const { return config_.gil || run_->mode() == core::Mode::Free; }

// The interpreter configuration of process `proc`: the run's limits, output, files and
// hooks (free mode: the GIL hand-over and cancellation checks), its own memory account;
// standard input for the main process only.
VmConfig Program::vm_config(ProcessRt* proc, bool main_process) {
  VmConfig c;
  c.embedder = proc;
  c.memory = proc->memory;
  c.limits.max_instructions = config_.max_instructions;
  c.limits.max_memory_bytes = config_.max_memory_bytes;
  c.breaker_switches = run_->mode() == core::Mode::Det && config_.switch_points == SwitchPoints::CPython;
  c.batch_sync = &PyTask::sync_batch;
  c.sink = [this](const std::string& text, Stream s, const Thread* t) { write_output(text, s, t); };
  if (main_process) c.read_line = [this](std::string& line) { return read_stdin_line(line); };  // children have none
  c.read_file = [this](const std::string& path, std::string& contents, std::string& why) {
    return read_beside(path, contents, why);
  };
  c.on_coroutine = [this](Thread& t, int64_t& slot, const std::string& name, CoState state) {
    if (t.host && thread_of(t).ctx) note_coroutine(thread_of(t), slot, name, state);
  };
  c.on_watched_store = [this](Thread& t, StrObj* name, const Value& v) {
    auto it = impl_->watched.find(name->s);
    if (it == impl_->watched.end() || !v.is_intlike() || !t.host) return;
    run_->watch(ctx_of(t), it->second, v.as_int());
  };
  c.random_seed = config_.run.seed + (proc->pid > 2 ? proc->pid : 0);
  c.random_entropy = run_->mode() == core::Mode::Free;
  if (run_->mode() == core::Mode::Free) {
    // The GIL changes hands (when asked) and cancellation is seen every few hundred
    // instructions; the CPU clock does not run while the thread waits for the lock.
    c.hook_interval = 256;
    c.yield_hook = [](Thread& t) {
      ThreadRt& rt = thread_of(t);
      leave_cpu(t);
      core::YieldAction act = rt.ctx->sched->yield_point(*rt.ctx);
      enter_cpu(t);
      return act == core::YieldAction::Cancel;
    };
    c.nested_cancel_hook = [](Thread& t) {
      return t.host && thread_of(t).ctx && thread_of(t).ctx->sched->unwinding(*thread_of(t).ctx);
    };
  }
  return c;
}

// A process's interpreter: a VM set up like every other (modules, output, limits, hooks),
// charged to the process's own memory account.
ProcessRt* Program::add_process(core::ProcessId pid, bool main_process) {
  auto proc = std::make_unique<ProcessRt>();
  proc->program = this;
  proc->pid = pid;
  proc->memory = core::MemoryAccount::create(config_.max_memory_bytes);
  core::MemoryScope scope(proc->memory);  // the interpreter's own start is the process's too
  proc->switch_interval_s = config_.run.switch_interval;
  proc->vm = std::make_unique<VM>(vm_config(proc.get(), main_process));
  VM& vm = *proc->vm;
  install_runtime_modules(vm);
  ProcessRt* raw = proc.get();
  std::lock_guard<std::mutex> g(impl_->threads_mu);
  if (!impl_->processes.empty()) {  // a child: the run's limits apply to it from the start
    VM& root = *impl_->processes.front()->vm;
    vm.deadline_ns = root.deadline_ns.load();
    vm.aborting = root.aborting.load();
  }
  impl_->processes.push_back(std::move(proc));
  return raw;
}

// A coroutine of `rt` changed state: registered (and named) on its first report, traced on
// its thread's lane, remembered for threads().
void Program::note_coroutine(ThreadRt& rt, int64_t& slot, const std::string& name, CoState state) {
  if (slot == 0) slot = run_->register_coroutine(name);
  const auto id = core::ObjectId(slot);
  run_->coroutine_state(*rt.ctx, id, core::CoroutineState(int64_t(state)));
  std::lock_guard<std::mutex> g(rt.coroutines_mu);
  auto [it, fresh] = rt.coroutine_index.emplace(id, rt.coroutines.size());
  if (fresh) rt.coroutines.push_back({id, name.empty() ? run_->trace().object_name(id) : name, state});
  else rt.coroutines[it->second].state = state;
}

ThreadRt* Program::add_thread(ProcessRt* proc, Thread* py) {
  auto rt = std::make_unique<ThreadRt>();
  rt->program = this;
  rt->process = proc;
  rt->py = py;
  py->host = rt.get();
  ThreadRt* raw = rt.get();
  std::lock_guard<std::mutex> g(impl_->threads_mu);
  impl_->threads.push_back(std::move(rt));
  return raw;
}

void Program::for_each_vm(const std::function<void(VM&)>& fn) {
  std::lock_guard<std::mutex> g(impl_->threads_mu);
  for (auto& p : impl_->processes) fn(*p->vm);
}

// The main thread starts with the first advance(), once the caller has set on_output
// (in free mode it runs at once, on its own OS thread).
void Program::start_main() {
  if (config_.time_limit_s > 0 && run_->mode() == core::Mode::Free)  // the deadline counts from the compile's start
    for_each_vm([&](VM& vm) { vm.deadline_ns = impl_->free_deadline_ns; });
  ProcessRt& proc = *impl_->processes.front();
  core::Outcome o = run_->spawn_thread(proc.pid, std::make_unique<PyTask>(proc.main), "MainThread", false, proc.main);
  if (o.is_done()) proc.main->tid = core::ThreadId(o.value);  // listed even if it never runs
  if (!o.is_done()) {
    write_output(std::string("interleave: cannot start the main thread: ") + o.message + "\n", Stream::Stderr, nullptr);
    finish(ProgramStatus::Finished, 1);
  }
}

uint64_t Program::quantum(const ProcessRt& proc) const {
  if (config_.switch_points == SwitchPoints::Any) return 1;
  double cost = config_.instruction_ns > 0 ? config_.instruction_ns : kDefaultInstructionNs;
  return std::max<uint64_t>(1, uint64_t(proc.switch_interval_s * 1e9 / cost));
}

//-----------------------------------------------------------------------------
// [SECTION] driving
//-----------------------------------------------------------------------------
ProgramStatus Program::advance(uint64_t max_steps, double max_wait_s) {
  if (!main_started_) {
    main_started_ = true;
    // What the constructor wrote (a configuration error) reaches on_output, set after it.
    if (on_output) {
      std::lock_guard<std::mutex> g(output_mu_);
      if (!stdout_.empty()) on_output(stdout_.text(), Stream::Stdout, 0);
      if (!stderr_.empty()) on_output(stderr_.text(), Stream::Stderr, 0);
    }
    if (status_ != ProgramStatus::Running || !compile_main()) return status_;
    start_main();
    if (status_ != ProgramStatus::Running) return status_;
  }
  if (status_ != ProgramStatus::Running && status_ != ProgramStatus::AwaitingChoice) return status_;
  return run_->mode() == core::Mode::Det ? advance_det(max_steps) : advance_free(max_wait_s);
}

ProgramStatus Program::run_to_end() {
  while (advance() == ProgramStatus::Running) {}
  return status_;
}

namespace {
std::string seconds_text(double s) {
  return (s == std::floor(s) && s < 1e15 ? std::to_string(int64_t(s)) : text::float_repr(s)) + " s";
}
}  // namespace

// Det: the deadline covers the time spent advancing only (pauses and step mode are free).
void Program::arm_deadline(int64_t now_ns) {
  if (config_.time_limit_s <= 0) return;
  const int64_t left = int64_t((config_.time_limit_s - impl_->active_s) * 1e9);
  for_each_vm([&](VM& vm) { vm.deadline_ns = now_ns + std::max<int64_t>(1, left); });
}

void Program::disarm_deadline(int64_t now_ns) {
  for_each_vm([](VM& vm) { vm.deadline_ns = 0; });
  impl_->active_s += double(steady_ns() - now_ns) / 1e9;
}

// True (and the run ended) when a time limit has passed.
bool Program::past_limits() {
  if (impl_->time_limit || impl_->internal_error) return true;
  std::string why;
  if (config_.time_limit_s > 0) {
    const bool det = run_->mode() == core::Mode::Det;
    if ((det && impl_->active_s >= config_.time_limit_s) || (!det && steady_ns() >= impl_->free_deadline_ns))
      why = "the run passed its time limit of " + seconds_text(config_.time_limit_s);
  }
  if (why.empty() && config_.max_virtual_s > 0 && run_->mode() == core::Mode::Det &&
      double(run_->now()) / 1e9 > config_.max_virtual_s)
    why = "the run passed its virtual time limit of " + seconds_text(config_.max_virtual_s);
  if (why.empty()) return false;
  end_by_limit(std::move(why));
  return true;
}

void Program::on_internal_error(const std::string& what) {
  if (impl_->internal_error.exchange(true)) return;
  impl_->internal_message = "internal error: " + what;
  write_output("interleave: " + impl_->internal_message + "\n", Stream::Stderr, nullptr);
  for_each_vm([](VM& vm) { vm.aborting = true; });
  run_->cancel();
}

void Program::on_time_limit() {
  end_by_limit("the run passed its time limit of " + seconds_text(config_.time_limit_s));
}

// Stops every thread; the caller's advance ends the run with EndReason::TimeLimit.
void Program::end_by_limit(std::string message) {
  if (!impl_->time_limit.exchange(true)) impl_->limit_message = std::move(message);
  for_each_vm([](VM& vm) { vm.aborting = true; });
  run_->cancel();
}

ProgramStatus Program::advance_det(uint64_t max_steps) {
  if (impl_->interrupted) {
    run_->cancel();
    finish(ProgramStatus::Cancelled, 130);
    return status_;
  }
  const int64_t t0 = steady_ns();
  arm_deadline(t0);
  // A replay's coroutine choices are made before the step they were made at: the slice
  // stops there (a run without them takes one slice, as always).
  core::RunStatus s;
  for (;;) {
    apply_coroutine_plan();
    const uint64_t now = steps(), due = next_planned_step();
    const bool cut = due > now && due - now < max_steps;
    s = run_->run(cut ? due - now : max_steps);
    const uint64_t taken = steps() - now;
    if (!cut || s != core::RunStatus::StepLimit || taken == 0) break;
    max_steps -= taken;
  }
  disarm_deadline(t0);
  if (impl_->interrupted) {  // interrupt() came during the slice: not a deadlock, not a finish
    run_->cancel();
    finish(ProgramStatus::Cancelled, 130);
    return status_;
  }
  if (past_limits()) {
    finish(ProgramStatus::Finished, impl_->internal_error ? 70 : 124);
    return status_;
  }
  switch (s) {
    case core::RunStatus::StepLimit: return status_ = ProgramStatus::Running;
    case core::RunStatus::AwaitingChoice: return status_ = ProgramStatus::AwaitingChoice;
    case core::RunStatus::Deadlock:
      record_deadlock(*run_->deadlock());
      finish(ProgramStatus::Deadlock, 3);
      return status_;
    case core::RunStatus::Finished:
    case core::RunStatus::Cancelled:
    case core::RunStatus::TimedOut:
      break;
  }
  if (impl_->main_done || impl_->budget_exhausted) finish(ProgramStatus::Finished, impl_->main_exit);
  else finish(ProgramStatus::Cancelled, 130);
  return status_;
}

ProgramStatus Program::advance_free(double max_wait_s) {
  const int64_t until = max_wait_s < 0 ? INT64_MAX : steady_ns() + int64_t(max_wait_s * 1e9);
  for (;;) {
    double slice = 0.05;
    if (max_wait_s >= 0) slice = std::max(0.0, std::min(slice, double(until - steady_ns()) / 1e9));
    core::RunStatus s = run_->wait(slice);
    if (past_limits()) {
      run_->wait(-1);  // every thread unwinds promptly once aborting
      finish(ProgramStatus::Finished, impl_->internal_error ? 70 : 124);
      return status_;
    }
    if (s == core::RunStatus::Finished || s == core::RunStatus::Cancelled) {
      if (impl_->main_done || impl_->budget_exhausted) finish(ProgramStatus::Finished, impl_->main_exit);
      else finish(ProgramStatus::Cancelled, 130);
      return status_;
    }
    if (!run_->free()->cancelled() && free_deadlock_settled()) {  // a cancelled run is ending anyway
      run_->cancel();
      run_->wait(-1);  // cancellation is prompt; the VMs are quiet afterwards
      finish(ProgramStatus::Deadlock, 3);
      return status_;
    }
    if (steady_ns() >= until) return status_ = ProgramStatus::Running;
  }
}

void Program::choose(core::ThreadId tid) { run_->choose(tid); }

uint64_t Program::steps() const {
  const core::DetScheduler* d = const_cast<core::Run&>(*run_).det();
  return d ? d->steps() : 0;
}

ProgramStatus Program::step(core::ThreadId prefer) {
  const uint64_t before = steps();
  if (prefer) choose(prefer);
  for (;;) {
    ProgramStatus s = advance(1);
    if (steps() > before || (s != ProgramStatus::Running && s != ProgramStatus::AwaitingChoice)) return s;
    if (s == ProgramStatus::AwaitingChoice) {
      std::vector<core::ThreadId> r = runnable_threads();
      if (r.empty()) return s;
      choose(std::find(r.begin(), r.end(), prefer) != r.end() ? prefer : r.front());
    }
  }
}

void Program::interrupt() {
  impl_->interrupted = true;
  for_each_vm([](VM& vm) { vm.aborting = true; });
  // Det's scheduler belongs to the driving thread (its loop stays free of atomics): the
  // aborting VMs end their threads within a step, and advance() cancels it.
  if (run_->mode() == core::Mode::Free) run_->cancel();
}

void Program::stop() {
  run_->cancel();
  if (run_->mode() == core::Mode::Free) {
    run_->wait(-1);
    if (status_ == ProgramStatus::Running) finish(impl_->main_done ? ProgramStatus::Finished : ProgramStatus::Cancelled,
                                                  impl_->main_done ? impl_->main_exit : 130);
  }
}

std::vector<core::ThreadId> Program::runnable_threads() const {
  core::DetScheduler* d = const_cast<core::Run&>(*run_).det();
  return d ? d->runnable() : std::vector<core::ThreadId>{};
}

//-----------------------------------------------------------------------------
// [SECTION] the end of a program
//-----------------------------------------------------------------------------
void Program::finish(ProgramStatus status, int exit_code) {
  record_end(false);
  status_ = status;
  exit_code_ = exit_code;
  if (status == ProgramStatus::Deadlock && deadlock_)
    write_output("interleave: deadlock: " + deadlock_->description + "\n", Stream::Stderr, nullptr);
  if (status == ProgramStatus::Cancelled) write_output("interleave: stopped\n", Stream::Stderr, nullptr);
  set_end_reason();
  if (end_reason_ == EndReason::TimeLimit) write_output("interleave: " + end_message_ + "\n", Stream::Stderr, nullptr);
}

void Program::set_end_reason() {
  auto last_line = [](const std::string& text) {
    size_t end = text.find_last_not_of('\n');
    if (end == std::string::npos) return std::string();
    size_t begin = text.rfind('\n', end);
    return text.substr(begin == std::string::npos ? 0 : begin + 1, end + 1 - (begin == std::string::npos ? 0 : begin + 1));
  };
  EndReason r;
  std::string msg;
  if (impl_->internal_error) {
    r = EndReason::InternalError;
    msg = impl_->internal_message;
  } else if (impl_->time_limit) {
    r = EndReason::TimeLimit;
    msg = impl_->limit_message;
  } else if (status_ == ProgramStatus::Deadlock) {
    r = EndReason::Deadlock;
    msg = "deadlock: " + (deadlock_ ? deadlock_->description : std::string("every thread is blocked"));
  } else if (status_ == ProgramStatus::Cancelled) {
    r = EndReason::Stopped;
    msg = "stopped";
  } else if (compile_failed_ && impl_->processes.front()->vm->compile_ran_out_of_memory) {
    r = EndReason::MemoryLimit;
    std::lock_guard<std::mutex> g(output_mu_);
    msg = last_line(stderr_.text());
  } else if (compile_failed_) {
    r = EndReason::SyntaxError;
    std::lock_guard<std::mutex> g(output_mu_);
    msg = last_line(stderr_.text());
  } else if (impl_->budget_exhausted) {
    r = EndReason::InstructionLimit;
    msg = "the run passed its budget of " + std::to_string(config_.max_instructions) + " instructions";
  } else if (!impl_->main_exc_type.empty() && exit_code_ != 0) {
    const bool memory = impl_->main_exc_type == "MemoryError";
    r = memory ? EndReason::MemoryLimit : EndReason::Exception;
    msg = impl_->main_exc_text.empty() ? impl_->main_exc_type : impl_->main_exc_type + ": " + impl_->main_exc_text;
    if (memory) msg += " (the memory limit is " + std::to_string(config_.max_memory_bytes >> 20) + " MB)";
  } else if (exit_code_ != 0) {
    r = EndReason::Exit;
    msg = "SystemExit: exit code " + std::to_string(exit_code_);
  } else {
    r = EndReason::Finished;
    msg = "the program finished";
  }
  end_reason_ = r;
  end_message_ = std::move(msg);
}

VM::SourceSpan Program::syntax_error_span() const {
  if (!compile_failed_ || impl_->processes.empty()) return {};
  return impl_->processes.front()->vm->syntax_error_span;
}

void Program::note_main_exception(const std::string& type, const std::string& text) {
  impl_->main_exc_type = type;
  impl_->main_exc_text = text;
}

std::string Program::stdout_text() const {
  std::lock_guard<std::mutex> g(output_mu_);
  return stdout_.text();
}

std::string Program::stderr_text() const {
  std::lock_guard<std::mutex> g(output_mu_);
  return stderr_.text();
}

size_t Program::memory_used() const {
  return impl_->processes.empty() ? 0 : impl_->processes.front()->memory->used();
}

size_t Program::memory_peak() const {
  return impl_->processes.empty() ? 0 : impl_->processes.front()->memory->peak();
}

void Program::on_main_done(int exit_code) {
  impl_->main_exit = exit_code;
  record_end(true);
  impl_->main_done = true;
  // Daemon threads die with the program: stop the run if any thread is still alive.
  bool others = false;
  // Daemon threads and processes still running (orphans, processes nobody joined) too.
  const core::ProcessId root = impl_->processes.front()->pid;
  run_->for_each_process([&](core::ProcessContext& p) {
    if (p.live_threads > (p.pid == root ? 1 : 0)) others = true;
  });
  if (others) run_->cancel();
}

void Program::on_budget_exhausted() {
  impl_->main_exit = 1;
  record_end(false);
  impl_->budget_exhausted = true;
  for_each_vm([](VM& vm) { vm.aborting = true; });
  run_->cancel();
}

void Program::record_end(bool again) {
  if (!again && end_vtime_.load() >= 0) return;
  // A reader that saw the clocks running read them before this store, so before the times
  // taken below; one that comes while they are taken waits for them.
  end_vtime_.store(kClocksStopping);
  end_wall_s_.store(kClocksStopping);
  end_wall_s_.store(double(steady_ns() - start_wall_ns_) / 1e9);
  end_vtime_.store(run_->now());
}

double Program::virtual_time_s() const {
  core::VTime end;
  while ((end = end_vtime_.load()) == kClocksStopping) std::this_thread::yield();
  return double(end >= 0 ? end : run_->now()) / 1e9;
}

double Program::wall_time_s() const {
  double end;
  while ((end = end_wall_s_.load()) == double(kClocksStopping)) std::this_thread::yield();
  return end >= 0 ? end : double(steady_ns() - start_wall_ns_) / 1e9;
}

uint64_t Program::context_switches() const {
  if (core::DetScheduler* d = const_cast<core::Run&>(*run_).det()) return d->context_switches();
  return gil_switches();
}

uint64_t Program::gil_switches() const {
  uint64_t n = 0;
  const_cast<core::Run&>(*run_).for_each_process([&](core::ProcessContext& p) {
    n += p.lock ? p.lock->switches() : p.gil_handoffs;  // free: the real lock; det: its model
  });
  return n;
}

uint64_t Program::threads_created() const { return run_->thread_count(); }

//-----------------------------------------------------------------------------
// [SECTION] deadlocks
//-----------------------------------------------------------------------------
void Program::record_deadlock(core::DeadlockReport report) { deadlock_ = std::move(report); }

// Free mode: a wait-for cycle among threads waiting without a timeout whose waits only
// their owners can end (joins, RLocks), or every live thread waiting without one (a cycle
// through plain Locks counts then: another thread could have released them), unchanged for
// free_deadlock_after_s.
bool Program::free_deadlock_settled() {
  core::WaitForGraph g = run_->wait_for_graph();
  std::vector<core::WaitEdge> cycle = g.find_cycle();
  std::string key;
  bool certain = true;
  for (const core::WaitEdge& e : cycle) {
    core::ThreadContext* w = run_->thread(e.waiter);
    if (!w || w->timed_wait.load(std::memory_order_relaxed)) return false;
    certain = certain && e.owner_only;
    key += std::to_string(e.waiter) + ">" + std::to_string(e.object) + ">" + std::to_string(e.owner) + ";";
  }
  if (!certain) key.clear();  // only proof enough when every thread is stuck (below)
  bool all_stuck = false;
  if (key.empty()) {
    size_t live = 0, stuck = 0;
    for (size_t tid = 1; tid <= run_->thread_count(); ++tid) {
      core::ThreadContext* t = run_->thread(core::ThreadId(tid));
      if (!t || t->get_state() == core::ThreadState::Done || t->is_killed()) continue;
      ++live;
      if (t->get_state() == core::ThreadState::Blocked && !t->timed_wait.load(std::memory_order_relaxed)) {
        ++stuck;
        key += std::to_string(tid) + ";";
      }
    }
    all_stuck = live > 0 && stuck == live;
    if (!all_stuck) key.clear();
  }
  if (key.empty()) {
    impl_->deadlock_key.clear();
    return false;
  }
  int64_t now = steady_ns();
  if (key != impl_->deadlock_key) {
    impl_->deadlock_key = key;
    impl_->deadlock_since_ns = now;
    return false;
  }
  if (double(now - impl_->deadlock_since_ns) / 1e9 < config_.free_deadlock_after_s) return false;
  core::DeadlockReport r;
  r.cycle = cycle;
  r.blocked = g.blocked;
  r.description = run_->describe_cycle(cycle);
  if (cycle.empty()) r.description = "every thread is blocked and nothing can wake them";
  record_deadlock(std::move(r));
  return true;
}

std::vector<std::string> Program::deadlock_cycle_names() const {
  std::vector<std::string> names;
  if (!deadlock_) return names;
  const core::Trace& tr = run_->trace();
  for (const core::WaitEdge& e : deadlock_->cycle) {
    names.push_back(tr.thread_name(e.waiter));
    if (e.object) names.push_back(tr.object_name(e.object));
  }
  return names;
}

//-----------------------------------------------------------------------------
// [SECTION] output and watched variables
//-----------------------------------------------------------------------------
constexpr size_t kMaxPartialLine = 16 << 10;

void Program::write_output(const std::string& text, Stream s, const Thread* t) {
  ThreadRt* rt = t ? static_cast<ThreadRt*>(t->host) : nullptr;
  {
    std::lock_guard<std::mutex> g(output_mu_);
    (s == Stream::Stdout ? stdout_ : stderr_).append(text);
  }
  if (rt && rt->ctx) {
    // Whole lines go to the trace (the thread's lane); stdout is also kept per thread.
    std::string& partial = rt->partial;
    if (s == Stream::Stdout) rt->out.append(text);
    if (partial.size() > kMaxPartialLine) {  // a line without end goes to the lane in pieces
      run_->print(*rt->ctx, partial);
      partial.clear();
    }
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\n') continue;
      partial.append(text, start, i - start);
      run_->print(*rt->ctx, partial);
      if (s == Stream::Stdout) ++rt->lines;
      partial.clear();
      start = i + 1;
    }
    partial.append(text, start, std::string::npos);
  }
  if (on_output) on_output(text, s, rt ? rt->tid.load() : 0);
}

//-----------------------------------------------------------------------------
// [SECTION] results
//-----------------------------------------------------------------------------
namespace {
bool value_json(VM& vm, Thread& t, const Value& v, std::string& out, int depth) {
  if (depth > 64) {
    out += "\"...\"";
    return true;
  }
  switch (v.tag) {
    case Tag::Empty:
    case Tag::None: out += "null"; return true;
    case Tag::Bool: out += v.b ? "true" : "false"; return true;
    case Tag::Int: out += std::to_string(v.i); return true;
    case Tag::Float:
      if (std::isfinite(v.f)) out += text::float_repr(v.f);
      else json_quote(text::float_repr(v.f), false, out);
      return true;
    case Tag::Obj: break;
  }
  auto items = [&](const std::vector<Value>& xs) {
    out += '[';
    for (size_t i = 0; i < xs.size(); ++i) {
      if (i) out += ", ";
      if (!value_json(vm, t, xs[i], out, depth + 1)) return false;
    }
    out += ']';
    return true;
  };
  switch (v.o->type) {
    case ObjType::Str: json_quote(as<StrObj>(v)->s, false, out); return true;
    case ObjType::BigInt: {
      std::string digits;  // past CPython's digit limit a snapshot says so (int_str is quadratic)
      if (int_to_decimal(v, &digits)) out += digits;
      else json_quote("<int of " + std::to_string(int_bit_length(v)) + " bits>", false, out);
      return true;
    }
    case ObjType::List: return items(as<ListObj>(v)->items);
    case ObjType::Tuple:
      out += "{\"$tuple\": ";
      if (!items(as<TupleObj>(v)->items)) return false;
      out += '}';
      return true;
    case ObjType::Set: {
      std::vector<Value> keys;
      for (auto& e : as<SetObj>(v)->d.entries)
        if (!e.first.empty()) keys.push_back(e.first);
      return items(keys);
    }
    case ObjType::Dict: {
      out += '{';
      bool first = true;
      for (auto& [k, val] : as<DictObj>(v)->entries) {
        if (k.empty()) continue;
        if (!first) out += ", ";
        first = false;
        std::string key;
        if (!vm.to_str(t, k, &key)) return false;
        json_quote(key, false, out);
        out += ": ";
        if (!value_json(vm, t, val, out, depth + 1)) return false;
      }
      out += '}';
      return true;
    }
    default: {  // bytes, bytearray, instances, ...: their repr as a string
      std::string r;
      if (!vm.repr(t, v, &r)) return false;
      json_quote(r, false, out);
      return true;
    }
  }
}
}  // namespace

std::optional<std::string> Program::result_json(const std::string& name) const {
  {
    std::lock_guard<std::mutex> g(impl_->reported_mu);
    auto it = impl_->reported.find(name);
    if (it != impl_->reported.end()) return it->second;
  }
  if (impl_->processes.empty()) return std::nullopt;
  VM& vm = *impl_->processes.front()->vm;
  auto m = vm.modules.find("__main__");
  if (m == vm.modules.end()) return std::nullopt;
  Value* v = m->second->dict->find(vm.intern(name));
  if (!v) return std::nullopt;
  Thread scratch;
  scratch.nested = 1;
  std::string out;
  if (!value_json(vm, scratch, *v, out, 0)) return std::nullopt;
  return out;
}

std::vector<std::pair<std::string, std::string>> Program::reported() const {
  std::lock_guard<std::mutex> g(impl_->reported_mu);
  return {impl_->reported.begin(), impl_->reported.end()};
}

namespace {
// The innermost frame of the main file: the line the editor marks for the thread.
int current_line(const Thread& t, const std::string& filename) {
  for (auto it = t.frames.rbegin(); it != t.frames.rend(); ++it) {
    const Frame* f = *it;
    if (f->code->filename != filename || f->code->lines.empty()) continue;
    uint32_t pc = f->pc < f->code->lines.size() ? f->pc : uint32_t(f->code->lines.size()) - 1;
    return f->code->lines[pc];
  }
  return 0;
}
}  // namespace

std::vector<ThreadSummary> Program::threads() const {
  std::vector<ThreadSummary> out;
  std::lock_guard<std::mutex> g(impl_->threads_mu);
  for (const auto& rt : impl_->threads) {
    const core::ThreadContext* ctx = rt->tid ? run_->thread(rt->tid) : nullptr;
    if (!ctx) continue;
    ThreadSummary s;
    s.tid = rt->tid;
    s.pid = rt->process->pid;
    s.name = run_->trace().thread_name(rt->tid);
    s.daemon = ctx->daemon;
    s.state = core::thread_state_name(ctx->get_state());
    s.lines = rt->lines;
    s.out = rt->out.text();
    s.line = current_line(*rt->py, config_.filename);
    std::lock_guard<std::mutex> cg(rt->coroutines_mu);
    for (const ThreadRt::Coroutine& c : rt->coroutines)
      s.coroutines.push_back({c.name, core::coroutine_state_name(int64_t(c.state))});
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ProcessSummary> Program::processes() const {
  std::vector<ProcessSummary> out;
  std::unordered_map<core::ProcessId, const ProcessRt*> runtime;
  {
    std::lock_guard<std::mutex> g(impl_->threads_mu);
    for (const auto& p : impl_->processes) runtime[p->pid] = p.get();
  }
  const core::ProcessId root = impl_->processes.empty() ? 0 : impl_->processes.front()->pid;
  const_cast<core::Run&>(*run_).for_each_process([&](core::ProcessContext& p) {
    auto it = runtime.find(p.pid);
    if (it == runtime.end()) return;  // pid 1: the host
    ProcessSummary s;
    s.pid = p.pid;
    s.ppid = p.ppid;
    s.name = p.name;
    s.daemon = p.daemon;
    s.orphan = p.orphan;
    switch (p.state) {
      case core::ProcessState::Running: s.state = p.orphan ? "orphan" : "running"; break;
      case core::ProcessState::Zombie: s.state = "zombie"; break;
      case core::ProcessState::Reaped: s.state = "reaped"; break;
    }
    if (p.pid == root && p.state != core::ProcessState::Running) s.state = "reaped";  // by the shell
    if (p.state != core::ProcessState::Running) s.exit_code = p.exit_code;
    const ProcessRt& rt = *it->second;
    s.start_method = rt.main && rt.main->is_main ? "" : rt.forked ? "fork" : "spawn";
    out.push_back(std::move(s));
  });
  std::lock_guard<std::mutex> g(impl_->threads_mu);
  for (const auto& rt : impl_->threads) {
    if (!rt->tid) continue;
    for (ProcessSummary& s : out)
      if (s.pid == rt->process->pid) s.threads.push_back(rt->tid);
  }
  return out;
}

bool next_step_is_local(const core::ThreadContext& ctx) {
  const auto* rt = static_cast<const ThreadRt*>(ctx.owner);
  if (!ctx.stepped || !rt || !rt->py || !rt->program || rt->py->frames.empty()) return false;
  if (rt->program->config().switch_points != SwitchPoints::Any) return false;
  const Frame* f = rt->py->frames.back();
  if (f->resume != Resume::Call || f->pc >= f->code->code.size()) return false;
  // A whitelist: these read or write nothing but the frame (no attribute, global, item or
  // call, and no truth test or comparison that could run another object's Python code).
  switch (ins_op(f->code->code[f->pc])) {
    case NOP: case ROT_TWO: case ROT_THREE: case DUP_TOP: case DUP_TOP_TWO:
    case LOAD_CONST: case LOAD_FAST: case STORE_FAST: case JUMP: case BUILD_TUPLE:
    case SETUP_FINALLY: case POP_BLOCK: case LOAD_EMPTY:
      return true;
    default:
      return false;
  }
}

bool next_step_in_library(const core::ThreadContext& ctx) {
  const auto* rt = static_cast<const ThreadRt*>(ctx.owner);
  if (!ctx.stepped || !rt || !rt->py || !rt->program || rt->py->frames.empty()) return false;
  return rt->py->frames.back()->code->filename != rt->program->config().filename;
}

ThreadRt* Program::thread_rt(core::ThreadId tid) const {
  std::lock_guard<std::mutex> g(impl_->threads_mu);
  for (const auto& rt : impl_->threads)
    if (rt->tid == tid && rt->ctx && rt->py) return rt.get();
  return nullptr;
}

std::vector<LiveThread> Program::live_threads() const {
  std::vector<LiveThread> out;
  const bool det = run_->mode() == core::Mode::Det;
  std::lock_guard<std::mutex> g(impl_->threads_mu);
  for (const auto& rt : impl_->threads) {
    core::ThreadContext* ctx = rt->tid ? run_->thread(rt->tid) : nullptr;
    if (!ctx) continue;
    LiveThread l;
    l.tid = rt->tid;
    l.name = run_->trace().thread_name(rt->tid);
    l.state = core::thread_state_name(ctx->get_state());
    if (det) l.line = current_line(*rt->py, config_.filename);
    out.push_back(std::move(l));
  }
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] what natives reach (ProgramAccess)
//-----------------------------------------------------------------------------
core::Outcome ProgramAccess::start_thread(Thread& caller, const Value& fn, const std::string& name, bool daemon) {
  VM& vm = *thread_of(caller).process->vm;
  ProcessRt& proc = process_of(vm);
  Program& prog = *proc.program;
  Thread* nt = vm.new_thread(caller, fn, {});
  if (!nt) return core::Outcome::fail(core::ErrorKind::ValueError, "bad thread entry point");
  auto rt = std::make_unique<ThreadRt>();
  rt->program = &prog;
  rt->process = &proc;
  rt->py = nt;
  nt->host = rt.get();
  ThreadRt* raw = rt.get();
  {
    std::lock_guard<std::mutex> g(prog.impl_->threads_mu);
    prog.impl_->threads.push_back(std::move(rt));
  }
  core::Outcome o = prog.run_->spawn_thread(proc.pid, std::make_unique<PyTask>(raw), name, daemon, raw);
  if (o.is_done()) raw->tid = core::ThreadId(o.value);  // listed even if it never runs (a cancel)
  else nt->done = true;
  return o;
}

core::Run& ProgramAccess::run(VM& vm) { return *process_of(vm).program->run_; }
double ProgramAccess::epoch_s(VM& vm) { return process_of(vm).program->impl_->epoch_s; }
double ProgramAccess::switch_interval_s(VM& vm) { return process_of(vm).switch_interval_s; }

void ProgramAccess::set_switch_interval_s(VM& vm, double s) {
  ProcessRt& proc = process_of(vm);
  proc.switch_interval_s = s;
  if (core::ProcessContext* p = run(vm).process(proc.pid); p && p->lock) p->lock->set_switch_interval(s);
}

double ProgramAccess::process_cpu_s(Thread& t) {
  ThreadRt& me = thread_of(t);
  Program& prog = *me.program;
  double total = 0;
  std::lock_guard<std::mutex> g(prog.impl_->threads_mu);
  for (auto& rt : prog.impl_->threads) {
    if (rt->process != me.process || !rt->ctx) continue;
    if (rt.get() == &me) total += thread_cpu_s(t);
    else if (rt->ctx->sched->mode() == core::Mode::Det) total += double(rt->ctx->cpu_used) / 1e9;
    else total += double(rt->cpu_ns.load(std::memory_order_relaxed)) / 1e9 / rt->ctx->run->config().time_scale;
  }
  return total;
}

bool ProgramAccess::to_json(VM& vm, Thread& t, const Value& v, std::string* out) {
  out->clear();
  return value_json(vm, t, v, *out, 0);
}

void ProgramAccess::report(VM& vm, const std::string& name, std::string json) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->reported_mu);
  prog.impl_->reported[name] = std::move(json);
}

}  // namespace interleave::py

namespace interleave::py {

//-----------------------------------------------------------------------------
// [SECTION] processes
//-----------------------------------------------------------------------------
namespace {
// A child process's first code: multiprocessing unpacks its start payload and runs the
// Process object (_child_main), whose return value is the exit code.
constexpr const char* kChildBoot = "import multiprocessing as _mp\n_mp._child_main()\n";
}  // namespace

core::Outcome ProgramAccess::start_process(Thread& caller, const std::string& name, bool daemon, bool fork,
                                           std::string payload) {
  ProcessRt& parent = *thread_of(caller).process;
  Program& prog = *parent.program;
  core::Outcome po = prog.run_->spawn_process(parent.pid, name, daemon, prog.process_has_gil());
  if (!po.is_done()) return po;
  ProcessRt* child = prog.add_process(core::ProcessId(po.value), false);
  VM& vm = *child->vm;
  core::MemoryScope scope(child->memory);
  vm.filename = parent.vm->filename;
  vm.source_lines = parent.vm->source_lines;
  child->forked = fork;
  child->start_payload = std::move(payload);
  // A forked child imports random afresh and seeds it unseeded, as CPython reseeds random
  // in a forked child (os.register_at_fork).
  if (!fork) vm.module_sources["__mp_main__"] = prog.source_;
  Thread* boot = vm.load_module_thread(kChildBoot, "__mp_boot__", "<multiprocessing>");
  if (!boot) return core::Outcome::fail(core::ErrorKind::RuntimeError, "the child process could not start");
  ThreadRt* rt = prog.add_thread(child, boot);
  rt->process_main = true;
  child->main = rt;
  core::Outcome o = prog.run_->spawn_thread(child->pid, std::make_unique<PyTask>(rt), "MainThread", false, rt);
  if (!o.is_done()) {
    boot->done = true;
    return o;
  }
  rt->tid = core::ThreadId(o.value);
  return core::Outcome::done(true, po.value);
}

void Program::on_process_main_done(ProcessRt& proc, int exit_code) {
  if (!proc.exit_decided.exchange(true)) run_->set_exit_code(proc.pid, exit_code);
  if (proc.main && proc.main->ctx) ProgramAccess::release_all_ends(proc, *proc.main->ctx);
  // Its daemon threads end with it (as the main process's do).
  bool others = false;
  run_->for_each_process([&](core::ProcessContext& p) {
    if (p.pid == proc.pid && p.live_threads > 1) others = true;
  });
  if (others) {
    proc.vm->aborting = true;
    run_->kill_process(proc.pid);
  }
}

bool ProgramAccess::end_process(VM& vm, Thread& t, core::ProcessId pid, int code) {
  Program& prog = *process_of(vm).program;
  ProcessRt* target = find_process(vm, pid);
  core::ProcessContext* pc = prog.run_->process(pid);
  if (!target || !pc || pc->state != core::ProcessState::Running) return false;
  if (target->exit_decided.exchange(true)) return false;
  prog.run_->set_exit_code(pid, code);
  target->vm->aborting = true;
  prog.run_->kill_process(pid);
  release_all_ends(*target, ctx_of(t));  // the killer's context only wakes the peers
  return true;
}

ProcessRt* ProgramAccess::find_process(VM& vm, core::ProcessId pid) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->threads_mu);
  for (auto& p : prog.impl_->processes)
    if (p->pid == pid) return p.get();
  return nullptr;
}

void ProgramAccess::share(VM& vm, const void* native, std::string kind) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  prog.impl_->shared[native] = std::move(kind);
}

std::string ProgramAccess::shared_kind(VM& vm, const void* native) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  auto it = prog.impl_->shared.find(native);
  return it == prog.impl_->shared.end() ? std::string() : it->second;
}

SharedCells* ProgramAccess::new_shared_cells(VM& vm, char typecode, size_t n) {
  Program& prog = *process_of(vm).program;
  auto cells = std::make_unique<SharedCells>();
  cells->typecode = typecode;
  if (typecode == 'd') cells->doubles.assign(n, 0.0);
  else cells->ints.assign(n, 0);
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  prog.impl_->cells.push_back(std::move(cells));
  return prog.impl_->cells.back().get();
}

void ProgramAccess::retain_end(VM& vm, core::Pipe::End* end) {
  ProcessRt& proc = process_of(vm);
  std::lock_guard<std::mutex> g(proc.program->impl_->shared_mu);
  proc.program->impl_->end_handles[end]++;
  proc.open_ends.push_back(end);
}

void ProgramAccess::retain_in_flight(VM& vm, core::Pipe::End* end) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  prog.impl_->end_handles[end]++;
}

void ProgramAccess::adopt_end(VM& vm, core::Pipe::End* end) {
  ProcessRt& proc = process_of(vm);
  std::lock_guard<std::mutex> g(proc.program->impl_->shared_mu);
  proc.open_ends.push_back(end);
}

void ProgramAccess::release_end(VM& vm, core::Pipe::End* end, core::ThreadContext& ctx) {
  ProcessRt& proc = process_of(vm);
  bool last = false;
  {
    std::lock_guard<std::mutex> g(proc.program->impl_->shared_mu);
    auto it = std::find(proc.open_ends.begin(), proc.open_ends.end(), end);
    if (it == proc.open_ends.end()) return;
    proc.open_ends.erase(it);
    last = --proc.program->impl_->end_handles[end] == 0;
  }
  if (last) end->close(ctx);
}

void ProgramAccess::release_all_ends(ProcessRt& proc, core::ThreadContext& ctx) {
  while (!proc.open_ends.empty()) release_end(*proc.vm, proc.open_ends.back(), ctx);
}

core::Pipe* ProgramAccess::new_pipe(VM& vm, bool duplex, const std::string& name) {
  Program& prog = *process_of(vm).program;
  auto pipe = std::make_unique<core::Pipe>(*prog.run_, duplex, name);
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  prog.impl_->pipes.push_back(std::move(pipe));
  return prog.impl_->pipes.back().get();
}

const ProgramConfig& ProgramAccess::config(VM& vm) { return process_of(vm).program->config_; }

int64_t ProgramAccess::bind_port(VM& vm, int64_t port) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  auto& ports = prog.impl_->ports;
  if (port == 0) {
    while (ports.count(prog.impl_->next_ephemeral)) ++prog.impl_->next_ephemeral;
    port = prog.impl_->next_ephemeral++;
  } else if (ports.count(port)) {
    return -1;
  }
  ports[port] = nullptr;
  return port;
}

void ProgramAccess::listen_port(VM& vm, int64_t port, core::Channel* accept) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  prog.impl_->ports[port] = accept;
}

core::Channel* ProgramAccess::listener(VM& vm, int64_t port) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  auto it = prog.impl_->ports.find(port);
  return it == prog.impl_->ports.end() ? nullptr : it->second;
}

void ProgramAccess::release_port(VM& vm, int64_t port) {
  Program& prog = *process_of(vm).program;
  std::lock_guard<std::mutex> g(prog.impl_->shared_mu);
  prog.impl_->ports.erase(port);
}

}  // namespace interleave::py
