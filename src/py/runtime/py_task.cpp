// The Python thread as an engine Task (core/scheduler.h, "the interpreter contract"), and
// the thread's view of virtual CPU and time.
//
// Det: each step runs one quantum of bytecode (one instruction when any switch point is
// allowed, else a switch interval's worth ending at a CPython switch point), then pays
// for it at the yield point: instructions * instruction_cost of virtual CPU, on a core,
// under the process's GIL. Free: a step runs the thread until it ends; the VM's yield
// hook hands the GIL over every few hundred instructions when another thread asks.
#include <chrono>

#include "core/failure.h"
#include "py/runtime/runtime.h"

namespace interleave::py {

namespace {
bool det_mode(const ThreadRt& rt) { return rt.ctx->sched->mode() == core::Mode::Det; }
double cost_ns(const ThreadRt& rt) { return double(rt.ctx->run->config().instruction_cost); }
}  // namespace

//-----------------------------------------------------------------------------
// Virtual CPU and clocks
//-----------------------------------------------------------------------------
uint64_t pending_instructions(Thread& t) {
  ThreadRt& rt = thread_of(t);
  if (!det_mode(rt)) return 0;
  uint64_t ran = rt.process->vm->instructions_executed - rt.charged_mark;
  return ran > 1 ? ran - 1 : 0;  // the call now executing is paid when it completes
}

bool charge_before_blocking(Thread& t) {
  // Inside a callback from a builtin (a lock in __str__, a key function) the thread cannot
  // be suspended: the pending CPU is paid at its next ordinary yield point instead.
  if (t.nested > 0) return false;
  ThreadRt& rt = thread_of(t);
  uint64_t pending = pending_instructions(t);
  if (pending == 0 || cost_ns(rt) <= 0) return false;
  rt.ctx->sched->yield_point(*rt.ctx, pending);
  rt.charged_mark += pending;
  return true;
}

void leave_cpu(Thread& t) {
  ThreadRt& rt = thread_of(t);
  if (!rt.running_slice) return;
  rt.cpu_ns.fetch_add(steady_ns() - rt.slice_start_ns, std::memory_order_relaxed);
  rt.running_slice = false;
}

void enter_cpu(Thread& t) {
  ThreadRt& rt = thread_of(t);
  if (det_mode(rt)) return;
  rt.slice_start_ns = steady_ns();
  rt.running_slice = true;
}

double now_s(Thread& t) {
  ThreadRt& rt = thread_of(t);
  double ns = double(rt.ctx->sched->now());
  if (det_mode(rt)) ns += double(pending_instructions(t)) * cost_ns(rt);
  return ns / 1e9;
}

double thread_cpu_s(Thread& t) {
  ThreadRt& rt = thread_of(t);
  if (det_mode(rt)) return (double(rt.ctx->cpu_used) + double(pending_instructions(t)) * cost_ns(rt)) / 1e9;
  int64_t ns = rt.cpu_ns.load(std::memory_order_relaxed) + (rt.running_slice ? steady_ns() - rt.slice_start_ns : 0);
  return double(ns) / 1e9 / rt.ctx->run->config().time_scale;
}

//-----------------------------------------------------------------------------
// Engine outcomes in natives
//-----------------------------------------------------------------------------
bool op_completed(VM& vm, Thread& t, const core::Outcome& o, NativeStatus* st) {
  switch (o.kind) {
    case core::Outcome::Kind::Done: return true;
    case core::Outcome::Kind::Suspend: *st = NativeStatus::Block; return false;
    case core::Outcome::Kind::Cancelled:
      // The run is being stopped: unwind this thread without running its handlers.
      vm.aborting = true;
      *st = vm.raise(t, vm.cls.SystemExit, "the run was stopped");
      return false;
    case core::Outcome::Kind::Error: break;
  }
  ProcessRt& proc = process_of(vm);
  ClassObj* c = vm.cls.RuntimeError;
  std::string msg = o.message;
  switch (o.error) {
    case core::ErrorKind::ValueError: c = vm.cls.ValueError; break;
    case core::ErrorKind::Full: c = proc.Full; msg.clear(); break;
    case core::ErrorKind::Empty: c = proc.Empty; msg.clear(); break;
    case core::ErrorKind::BrokenBarrier: c = proc.BrokenBarrierError; msg.clear(); break;
    case core::ErrorKind::EOFError: c = vm.cls.EOFError; break;
    case core::ErrorKind::OSError: c = vm.cls.OSError; break;
    case core::ErrorKind::CapacityError: msg = "can't start new thread: " + msg; break;
    default: break;
  }
  *st = msg.empty() ? vm.raise_value(t, vm.make_exception(c, {})) : vm.raise(t, c, msg);
  return false;
}

//-----------------------------------------------------------------------------
// PyTask
//-----------------------------------------------------------------------------
core::StepResult PyTask::step(core::ThreadContext& ctx) {
  if (!rt_->ctx) {
    rt_->ctx = &ctx;
    rt_->tid = ctx.id;
  }
  // A killed process's thread ends where it stands: no more bytecode, no handlers (a real
  // kill runs no `finally`), and its exit code was decided by whoever killed it.
  if (ctx.is_killed()) return core::StepResult::Done;
  try {
    return ctx.sched->mode() == core::Mode::Det ? step_det(ctx) : step_free(ctx);
  } catch (...) {  // not by type: see core/failure.h
    // Interleave failed, not the program (the VM turns the program's MemoryError into a
    // Python exception itself): the run ends and says so; the host lives on.
    rt_->program->on_internal_error(core::take_allocation_failure() ? std::string("out of memory")
                                                                     : core::current_exception_text());
    return core::StepResult::Done;
  }
}

core::StepResult PyTask::step_det(core::ThreadContext& ctx) {
  VM& vm = *rt_->process->vm;
  Thread& t = *rt_->py;
  if (paying_for_end_) {
    paying_for_end_ = false;
    return body_ended(end_status_) ? core::StepResult::Yield : core::StepResult::Done;
  }
  t.switch_pending = false;
  rt_->charged_mark = vm.instructions_executed;
  uint64_t quantum = rt_->program->quantum(*rt_->process);
  // One instruction a step, and the scheduler allows a batch of them: run them in one go.
  batching_ = quantum == 1 && ctx.step_budget > 1 && !vm.config().breaker_switches;
  big_step_ = false;
  if (batching_) {
    quantum = ctx.step_budget;
    t.batching = true;
  }
  RunStatus st = vm.run(t, quantum);
  if (batching_) {
    batching_ = t.batching = false;
    ctx.steps_used = std::max<uint64_t>(1, vm.last_run_instructions);
  }
  uint64_t unpaid = vm.instructions_executed - rt_->charged_mark;
  // A batch's steps but its last are paid now, so the last one's burst is pending as it
  // would be unbatched (a run paused here shows the same clock). After a nested call the
  // last step is that call, already alone.
  if (ctx.steps_used > 1 && !big_step_ && unpaid > 1 && st != RunStatus::Blocked) {
    ctx.sched->pay_batch(ctx, unpaid - 1);
    unpaid = 1;
  }
  rt_->charged_mark = vm.instructions_executed;
  switch (st) {
    case RunStatus::Yield:
      return ctx.sched->yield_point(ctx, unpaid) == core::YieldAction::Cancel ? core::StepResult::Done
                                                                               : core::StepResult::Yield;
    case RunStatus::Blocked:
      return core::StepResult::Blocked;
    case RunStatus::Done:
    case RunStatus::Error:
      break;
  }
  if (unpaid > 0 && cost_ns(*rt_) > 0) {  // pay for the last instructions before ending
    ctx.sched->yield_point(ctx, unpaid);
    paying_for_end_ = true;
    end_status_ = st;
    return core::StepResult::Yield;
  }
  return body_ended(st) ? core::StepResult::Yield : core::StepResult::Done;
}

core::StepResult PyTask::step_free(core::ThreadContext& ctx) {
  VM& vm = *rt_->process->vm;
  Thread& t = *rt_->py;
  enter_cpu(t);
  for (;;) {
    RunStatus st = vm.run(t, 0);
    if (st == RunStatus::Yield || st == RunStatus::Blocked) {  // the yield hook saw a cancel or a kill
      if (ctx.sched->unwinding(ctx)) break;
      continue;
    }
    if (!body_ended(st)) break;
  }
  leave_cpu(t);
  return core::StepResult::Done;
}

void PyTask::rival_ready() {
  // Ends the batch where the one-step-at-a-time run would offer a choice: right after the
  // call that made the rival ready (a switch point), never inside a native's nested loop.
  if (batching_) rt_->py->switch_pending = true;
}

void PyTask::sync_batch(Thread& t, bool after) {
  ThreadRt& rt = thread_of(t);
  auto& task = static_cast<PyTask&>(*rt.ctx->task);
  VM& vm = *rt.process->vm;
  if (after) {
    // Its step costs 1 + nested instructions: paid alone, as the batch's last burst, it
    // starts and ends (and is traced) as it would unbatched, timers falling inside included.
    if (vm.instructions_executed != task.call_mark_) {
      task.big_step_ = true;
      t.switch_pending = true;
    }
    return;
  }
  task.call_mark_ = vm.instructions_executed;
  uint64_t pending = pending_instructions(t);
  if (pending == 0) return;
  rt.ctx->sched->pay_batch(*rt.ctx, pending);
  rt.charged_mark += pending;
}

bool PyTask::body_ended(RunStatus st) {
  VM& vm = *rt_->process->vm;
  Thread& t = *rt_->py;
  if (st == RunStatus::Error) {
    if (vm.aborting.load(std::memory_order_relaxed)) {  // the run is being stopped
      if (vm.time_limit_hit.load(std::memory_order_relaxed)) rt_->program->on_time_limit();
      return false;
    }
    if (vm.budget_exhausted) {
      vm.report_uncaught(t);
      rt_->program->on_budget_exhausted();
      return false;
    }
    if (rt_->is_main && phase_ == Phase::Body && !vm.isinstance(t.exc, vm.cls.SystemExit)) {
      Thread quiet;  // the message only: no Python __str__ side effects twice
      quiet.nested = 1;
      rt_->program->note_main_exception(vm.type_name(t.exc), vm.exception_str(quiet, t.exc));
    }
    int code = vm.report_uncaught(t);
    if (phase_ == Phase::Body) exit_code_ = code;
  }
  // A child process's main thread: multiprocessing's _child_main ran the Process and its
  // shutdown, and its SystemExit carried the exit code.
  if (rt_->process_main) {
    rt_->program->on_process_main_done(*rt_->process, exit_code_);
    return false;
  }
  if (!rt_->is_main) return false;
  if (phase_ == Phase::Body) {
    // The main thread's last act, as in CPython: threading's exit hooks and the wait for
    // every non-daemon thread.
    phase_ = Phase::Shutdown;
    auto it = vm.modules.find("threading");
    if (it != vm.modules.end()) {
      if (Value* fn = it->second->dict->find(vm.intern("_shutdown")); fn && vm.restart_thread(t, *fn, {})) return true;
    }
  }
  phase_ = Phase::Ended;
  rt_->program->on_main_done(exit_code_);
  return false;
}

}  // namespace interleave::py
