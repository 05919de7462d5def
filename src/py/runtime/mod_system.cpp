// Clocks, sleep, os, sys additions and the interleave module, for a runtime VM.
// [SECTION] clocks and sleep  [SECTION] os  [SECTION] sys  [SECTION] interleave
// [SECTION] install
#include <thread>

#include "py/runtime/library.h"
#include "py/runtime/native_args.h"
#include "py/runtime/runtime.h"

namespace interleave::py {
namespace {


// A det run's wall clock starts at 2026-01-01 00:00:00 UTC, so dates are reproducible.
constexpr double kDetEpoch = 1767225600.0;

NativeStatus number(Value* out, double v) {
  *out = Value::floating(v);
  return NativeStatus::Ok;
}
NativeStatus nanos(Value* out, double seconds) {
  *out = Value::integer(static_cast<int64_t>(seconds * 1e9));
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] clocks and sleep
//-----------------------------------------------------------------------------
double epoch(VM& vm) {
  return ProgramAccess::run(vm).mode() == core::Mode::Det ? kDetEpoch : ProgramAccess::epoch_s(vm);
}

NATIVE(clock_time) { return number(out, epoch(vm) + now_s(t)); }
NATIVE(clock_time_ns) { return nanos(out, epoch(vm) + now_s(t)); }
NATIVE(clock_monotonic) { return number(out, now_s(t)); }
NATIVE(clock_monotonic_ns) { return nanos(out, now_s(t)); }
NATIVE(clock_thread_time) { return number(out, thread_cpu_s(t)); }
NATIVE(clock_thread_time_ns) { return nanos(out, thread_cpu_s(t)); }
NATIVE(clock_process_time) { return number(out, ProgramAccess::process_cpu_s(t)); }
NATIVE(clock_process_time_ns) { return nanos(out, ProgramAccess::process_cpu_s(t)); }

NATIVE(il_sleep) {
  if (a.n != 1 || a.kw) return vm.raise(t, vm.cls.TypeError, "time.sleep() takes exactly one argument (" + std::to_string(a.n) + " given)");
  double secs;
  if (!arg_number(vm, t, a.args[0], "sleep length", &secs)) {
    t.exc = Value();
    return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(a.args[0]) + "' object cannot be interpreted as an integer");
  }
  if (secs < 0) return vm.raise(t, vm.cls.ValueError, "sleep length must be non-negative");
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return c.sched->sleep(c, secs); })) return st;
  *out = Value::none();
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] os
//-----------------------------------------------------------------------------
NATIVE(os_getpid) {
  *out = Value::integer(process_of(vm).pid);
  return NativeStatus::Ok;
}
NATIVE(os_getppid) {
  core::ProcessContext* p = ProgramAccess::run(vm).process(process_of(vm).pid);
  *out = Value::integer(p ? p->ppid : 0);
  return NativeStatus::Ok;
}
NATIVE(os_cpu_count) {
  core::Run& run = ProgramAccess::run(vm);
  int64_t n = run.mode() == core::Mode::Det ? run.config().cores : int64_t(std::thread::hardware_concurrency());
  *out = n > 0 ? Value::integer(n) : Value::none();
  return NativeStatus::Ok;
}
NATIVE(os_getenv) {
  Value av[2];
  if (!bind_args(vm, t, a, "getenv", {"key", "default"}, 1, av, 0)) return NativeStatus::Error;
  *out = av[1].empty() ? Value::none() : av[1];  // the simulated machine has no environment
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] sys
//-----------------------------------------------------------------------------
NATIVE(sys_getswitchinterval) { return number(out, ProgramAccess::switch_interval_s(vm)); }
NATIVE(sys_setswitchinterval) {
  Value av[1];
  if (!bind_args(vm, t, a, "setswitchinterval", {"interval"}, 1, av, 0)) return NativeStatus::Error;
  double s;
  if (!arg_number(vm, t, av[0], "interval", &s)) return NativeStatus::Error;
  if (!(s > 0)) return vm.raise(t, vm.cls.ValueError, "switch interval must be strictly positive");
  ProgramAccess::set_switch_interval_s(vm, s);
  *out = Value::none();
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] interleave
//-----------------------------------------------------------------------------
// interleave.report(name, value): a named result of the run (CLI JSON `results`, the page).
NATIVE(il_report) {
  Value av[2];
  if (!bind_args(vm, t, a, "report", {"name", "value"}, 2, av, 0)) return NativeStatus::Error;
  if (!is_type(av[0], ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "report() name must be a str");
  std::string json;
  if (!ProgramAccess::to_json(vm, t, av[1], &json)) return NativeStatus::Error;
  ProgramAccess::report(vm, as<StrObj>(av[0])->s, std::move(json));
  *out = Value::none();
  return NativeStatus::Ok;
}

// The instance attribute `name` of `obj` as it is stored (no lookup through the class).
Value* own_attr(VM& vm, const Value& obj, const char* name) {
  if (!is_type(obj, ObjType::Instance) || !as<InstanceObj>(obj)->dict) return nullptr;
  return as<InstanceObj>(obj)->dict->find(vm.intern(name));
}

// What an asyncio task is after a step: done, waiting on a future, or scheduled again.
CoState task_state(VM& vm, const Value& task) {
  Value* state = own_attr(vm, task, "_state");
  if (state && is_type(*state, ObjType::Str) && as<StrObj>(*state)->s != "PENDING") return CoState::Done;
  Value* waiter = own_attr(vm, task, "_fut_waiter");
  return waiter && !waiter->is_none() ? CoState::Waiting : CoState::Ready;
}

// _interleave.task_state(task, what): asyncio's Task reports itself to the canvas (VmConfig::on_coroutine)
// when created ("new": ready), when a step begins ("step") and when it ends ("end": done,
// waiting or ready, from the task's _state and _fut_waiter). The task's `_trace_slot` keeps
// the runtime's key, its `_name` labels it. One native call per report: asyncio's own
// bytecodes cost virtual time, so the canvas adds as few as it can.
NATIVE(il_task_state) {
  if (a.n != 2 || !is_type(a.args[0], ObjType::Instance) || !is_type(a.args[1], ObjType::Str))
    return vm.raise(t, vm.cls.TypeError, "task_state(task, what: str)");
  const std::string& what = as<StrObj>(a.args[1])->s;
  CoState state;
  if (what == "new") state = CoState::Ready;
  else if (what == "step") state = CoState::Running;
  else if (what == "end") state = task_state(vm, a.args[0]);
  else return vm.raise(t, vm.cls.ValueError, "task_state: what must be 'new', 'step' or 'end', not '" + what + "'");
  *out = Value::none();
  if (!vm.config().on_coroutine || !as<InstanceObj>(a.args[0])->dict) return NativeStatus::Ok;
  Value* slot_v = own_attr(vm, a.args[0], "_trace_slot");
  Value* name_v = own_attr(vm, a.args[0], "_name");
  int64_t slot = slot_v && slot_v->is_int() ? slot_v->i : 0;
  const std::string name = name_v && is_type(*name_v, ObjType::Str) ? as<StrObj>(*name_v)->s : std::string("Task");
  vm.config().on_coroutine(t, slot, name, state);
  as<InstanceObj>(a.args[0])->dict->set(vm.intern("_trace_slot"), Value::integer(slot));
  return NativeStatus::Ok;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] install
//-----------------------------------------------------------------------------
void install_system_modules(VM& vm) {
  ModuleObj* il = vm.modules.at("_interleave");
  struct { const char* n; NativeFn f; } clocks[] = {
      {"sleep", il_sleep}, {"clock_time", clock_time}, {"clock_time_ns", clock_time_ns},
      {"monotonic", clock_monotonic}, {"monotonic_ns", clock_monotonic_ns},
      {"thread_time", clock_thread_time}, {"thread_time_ns", clock_thread_time_ns},
      {"process_time", clock_process_time}, {"process_time_ns", clock_process_time_ns}};
  for (auto& c : clocks) def_native(vm, il, c.n, c.f);
  def_native(vm, il, "task_state", il_task_state);

  ModuleObj* os = new_module(vm, "os");
  def_native(vm, os, "getpid", os_getpid);
  def_native(vm, os, "getppid", os_getppid);
  def_native(vm, os, "cpu_count", os_cpu_count);
  def_native(vm, os, "getenv", os_getenv);
  os->dict->set(vm.intern("environ"), Value::object(vm.new_dict()));
  os->dict->set(vm.intern("name"), vm.str("posix"));
  os->dict->set(vm.intern("sep"), vm.str("/"));
  os->dict->set(vm.intern("linesep"), vm.str("\n"));

  ModuleObj* sys = vm.modules.at("sys");
  def_native(vm, sys, "getswitchinterval", sys_getswitchinterval);
  def_native(vm, sys, "setswitchinterval", sys_setswitchinterval);

  ModuleObj* interleave = new_module(vm, "interleave");
  def_native(vm, interleave, "report", il_report);
  core::Run& run = ProgramAccess::run(vm);
  interleave->dict->set(vm.intern("mode"), vm.str(run.mode() == core::Mode::Det ? "det" : "free"));
  interleave->dict->set(vm.intern("seed"), Value::integer(int64_t(run.config().seed)));
}

void install_runtime_modules(VM& vm) {
  ModuleObj* il = new_module(vm, "_interleave");
  install_threading_natives(vm, il);
  install_queue_natives(vm, il);
  install_system_modules(vm);
  install_process_natives(vm, il);
  // The runtime's time module replaces the bare interpreter's; the Python-written
  // modules are found through module_sources.
  vm.set_module("time", nullptr);
  for (const LibraryModule& m : library_modules()) vm.module_sources[m.name] = m.source;
}

}  // namespace interleave::py
