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

// _interleave.coroutine(slot, name, state) -> slot: an asyncio task's step began or ended
// (state "running", "ready", "waiting" or "done"); VM::on_coroutine traces it. `slot` is
// 0 the first time, then what the previous call returned.
NATIVE(il_coroutine) {
  static const char* const states[] = {"running", "ready", "waiting", "done"};
  if (a.n != 3 || !a.args[0].is_int() || !is_type(a.args[1], ObjType::Str) || !is_type(a.args[2], ObjType::Str))
    return vm.raise(t, vm.cls.TypeError, "coroutine(slot: int, name: str, state: str)");
  const std::string& st = as<StrObj>(a.args[2])->s;
  int state = 0;
  while (state < 4 && st != states[state]) ++state;
  if (state == 4)
    return vm.raise(t, vm.cls.ValueError, "coroutine state must be running, ready, waiting or done, not '" + st + "'");
  int64_t slot = a.args[0].i;
  if (vm.on_coroutine) vm.on_coroutine(t, slot, as<StrObj>(a.args[1])->s, VM::CoState(state));
  *out = Value::integer(slot);
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
  def_native(vm, il, "coroutine", il_coroutine);

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
  vm.modules.erase("time");
  for (const LibraryModule& m : library_modules()) vm.module_sources[m.name] = m.source;
}

}  // namespace interleave::py
