// The natives under multiprocessing (lib/multiprocessing): starting, joining and signalling
// simulated processes, the copying Channel and Pipe connections between them, memory
// shared by Value / Array, and os._exit / os.kill.
// [SECTION] processes  [SECTION] Channel  [SECTION] Connection  [SECTION] SharedCells
// [SECTION] install
#include "core/queue.h"
#include "py/runtime/native_args.h"
#include "py/runtime/native_class.h"
#include "py/runtime/runtime.h"
#include "py/runtime/transfer.h"

namespace interleave::py {
namespace {

NativeStatus none(Value* out) {
  *out = Value::none();
  return NativeStatus::Ok;
}

bool arg_str(VM& vm, Thread& t, const Value& v, const char* what, std::string* out) {
  if (!is_type(v, ObjType::Str)) {
    vm.raise(t, vm.cls.TypeError, std::string(what) + " must be str, not " + vm.type_name(v));
    return false;
  }
  *out = as<StrObj>(v)->s;
  return true;
}

bool arg_pid(VM& vm, Thread& t, const Value& v, core::ProcessId* out) {
  if (!v.is_int() || v.i < 1 || v.i > INT32_MAX) {
    vm.raise(t, vm.cls.ValueError, "no such process: " + (v.is_int() ? std::to_string(v.i) : vm.type_name(v)));
    return false;
  }
  *out = core::ProcessId(v.i);
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] processes
//-----------------------------------------------------------------------------
// process_start(process, method, name, daemon) -> pid. The child gets a copy of `process`
// (fork: with the parent's __main__ globals; spawn: by pickling, the program re-run as
// __mp_main__ in the child).
NATIVE(process_start) {
  BIND_FN("process_start", 4, "process", "method", "name", "daemon");
  std::string method, name;
  if (!arg_str(vm, t, av[1], "method", &method) || !arg_str(vm, t, av[2], "name", &name)) return NativeStatus::Error;
  const bool fork = method == "fork";
  core::Run& run = ProgramAccess::run(vm);
  const ProgramConfig& cfg = ProgramAccess::config(vm);
  const double cost = fork ? cfg.fork_cost_s : cfg.spawn_cost_s;
  if (run.mode() == core::Mode::Det && cost > 0) {  // the parent pays for the start
    core::Outcome r;
    NativeStatus st;
    const core::VTime ns = core::VTime(cost * 1e9);
    if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return c.sched->spend(c, ns); })) return st;
  }
  std::string payload;
  if (fork) {
    auto m = vm.modules.find("__main__");
    Value globals = m == vm.modules.end() ? Value::none() : Value::object(m->second->dict);
    Value both = Value::object(vm.new_tuple({globals, av[0]}));
    if (!pack_value(vm, t, both, TransferMode::Fork, &payload)) return NativeStatus::Error;
  } else if (!pack_value(vm, t, av[0], TransferMode::Inherit, &payload)) {
    return NativeStatus::Error;
  }
  bool daemon = false;
  if (!av[3].empty() && !vm.truthy(t, av[3], &daemon)) return NativeStatus::Error;
  core::Outcome o = ProgramAccess::start_process(t, name, daemon, fork, std::move(payload));
  if (!o.is_done()) {
    if (o.error == core::ErrorKind::CapacityError)
      return vm.raise(t, vm.cls.OSError, std::string("can't start new process: ") + o.message + " (a run may start at most " +
                                             std::to_string(run.config().max_processes - 2) + " besides the main one)");
    return vm.raise(t, vm.cls.RuntimeError, std::string(o.message));
  }
  *out = Value::integer(o.value);
  return NativeStatus::Ok;
}

// process_payload() -> the Process object, in a child's main thread: fork installs the
// copied __main__ first; spawn imports the program as __mp_main__ (also known as __main__).
NATIVE(process_payload) {
  BIND_FN("process_payload", 0);
  ProcessRt& proc = ProgramAccess::process(t);
  if (!proc.forked) {
    Value m = vm.import_module(t, "__mp_main__");
    if (m.empty()) return NativeStatus::Error;
    vm.set_module("__main__", as<ModuleObj>(m));
  }
  Value v;
  if (!unpack_value(vm, t, proc.start_payload, &v)) return NativeStatus::Error;
  proc.start_payload.clear();
  proc.start_payload.shrink_to_fit();
  if (proc.forked) {
    auto* both = as<TupleObj>(v);
    if (is_type(both->items[0], ObjType::Dict)) {
      auto* main = vm.heap.alloc<ModuleObj>();
      main->name = "__main__";
      main->dict = as<DictObj>(both->items[0]);
      vm.set_module("__main__", main);
    }
    v = both->items[1];
  }
  *out = v;
  return NativeStatus::Ok;
}

// process_join(pid, timeout=None) -> exit code, or None when the timeout passed.
NATIVE(process_join) {
  BIND_FN("process_join", 1, "pid", "timeout");
  core::ProcessId pid;
  std::optional<double> timeout;
  if (!arg_pid(vm, t, av[0], &pid) || !arg_timeout(vm, t, av[1], &timeout)) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  core::Run& run = ProgramAccess::run(vm);
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return run.join_process(c, pid, timeout); })) return st;
  *out = r.ok ? Value::integer(r.value) : Value::none();
  return NativeStatus::Ok;
}

// process_poll(pid) -> exit code (reaping a zombie, as waitpid(WNOHANG)), or None while it runs.
NATIVE(process_poll) {
  BIND_FN("process_poll", 1, "pid");
  core::ProcessId pid;
  if (!arg_pid(vm, t, av[0], &pid)) return NativeStatus::Error;
  core::Run& run = ProgramAccess::run(vm);
  core::Outcome r = run.join_process(ctx_of(t), pid, 0.0);
  NativeStatus st;
  if (!op_completed(vm, t, r, &st)) return st;
  *out = r.ok ? Value::integer(r.value) : Value::none();
  return NativeStatus::Ok;
}

// process_state(pid) -> "running" | "zombie" | "reaped", and whether it is an orphan.
NATIVE(process_state) {
  BIND_FN("process_state", 1, "pid");
  core::ProcessId pid;
  if (!arg_pid(vm, t, av[0], &pid)) return NativeStatus::Error;
  core::ProcessContext* p = ProgramAccess::run(vm).process(pid);
  if (!p) return vm.raise(t, vm.cls.ValueError, "no such process: " + std::to_string(pid));
  static const char* const names[] = {"running", "zombie", "reaped"};
  *out = Value::object(vm.new_tuple({vm.str(names[int(p->state)]), Value::boolean(p->orphan)}));
  return NativeStatus::Ok;
}

// process_start_method() -> "fork" or "spawn": how the calling process was started (a child's
// multiprocessing sets its start method from it, as CPython's child does).
NATIVE(process_start_method) {
  BIND_FN("process_start_method", 0);
  *out = vm.str(ProgramAccess::process(t).forked ? "fork" : "spawn");
  return NativeStatus::Ok;
}

// ProcessLookupError(3, 'No such process'), what kill(2) reports for a pid that is gone.
NativeStatus raise_no_such_process(VM& vm, Thread& t) {
  Value* cls = vm.builtins->find(vm.intern("ProcessLookupError"));
  return vm.raise_value(t, vm.make_exception(as<ClassObj>(*cls), {Value::integer(3), vm.str("No such process")}));
}

// process_signal(pid, signum), also os.kill: the process ends with exit code -signum
// (terminate: 15, kill: 9). Nothing happens to a process that has already ended but is
// not yet reaped (a zombie); a pid that was reaped or never used raises
// ProcessLookupError. Signal 0 only asks whether the pid exists. Init (pid 1) ignores signals.
NATIVE(process_signal) {
  BIND_FN("process_signal", 2, "pid", "signum");
  core::ProcessId pid;
  if (!arg_pid(vm, t, av[0], &pid)) return NativeStatus::Error;
  if (!av[1].is_int()) return vm.raise(t, vm.cls.TypeError, "signal number must be an int");
  if (pid == 1) return none(out);
  core::ProcessContext* target = ProgramAccess::run(vm).process(pid);
  if (!target || target->state == core::ProcessState::Reaped) return raise_no_such_process(vm, t);
  if (av[1].i == 0) return none(out);  // os.kill(pid, 0): only asks whether it exists
  if (pid == ProgramAccess::process(t).pid) {
    ProgramAccess::end_process(vm, t, pid, -int(av[1].i));
    return vm.raise_stopped(t);
  }
  ProgramAccess::end_process(vm, t, pid, -int(av[1].i));
  return none(out);
}

// os._exit(n): the calling process ends at once, without cleanup.
NATIVE(os_exit) {
  BIND_FN("_exit", 1, "status");
  if (!av[0].is_intlike()) return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(av[0]) + "' object cannot be interpreted as an integer");
  ProcessRt& proc = ProgramAccess::process(t);
  if (thread_of(t).is_main || proc.main == nullptr || proc.main->is_main) {
    // The program's own process: the run ends with this exit code.
    return vm.raise_value(t, vm.make_exception(vm.cls.SystemExit, {Value::integer(av[0].as_int())}));
  }
  ProgramAccess::end_process(vm, t, proc.pid, int(av[0].as_int()));
  return vm.raise_stopped(t);
}

// print_exception(header, exc): `header` (unless "") then exc's traceback on stderr (a
// child's "Process Process-1:" report, a failed greenlet's).
NATIVE(print_exception) {
  BIND_FN("print_exception", 2, "header", "exc");
  std::string header;
  if (!vm.to_str(t, av[0], &header)) return NativeStatus::Error;
  if (!header.empty()) vm.write(header + "\n", Stream::Stderr, &t);
  vm.print_traceback(av[1], &t);
  return none(out);
}

// share(obj, kind) -> obj: obj's engine object is shared between processes from now on.
NATIVE(share) {
  BIND_FN("share", 2, "obj", "kind");
  std::string kind;
  if (!arg_str(vm, t, av[1], "kind", &kind)) return NativeStatus::Error;
  if (!is_type(av[0], ObjType::Instance) || !as<InstanceObj>(av[0])->native)
    return vm.raise(t, vm.cls.TypeError, "share() needs an object backed by the engine");
  ProgramAccess::share(vm, as<InstanceObj>(av[0])->native, kind);
  *out = av[0];
  return NativeStatus::Ok;
}

// label(channel, name): what the views call a Channel (a socket's channels are labelled by
// their addresses). Only the trace's name changes: deadlock reports keep the name it was
// created with.
NATIVE(label) {
  BIND_FN("label", 2, "channel", "name");
  std::string name;
  if (!arg_str(vm, t, av[1], "name", &name)) return NativeStatus::Error;
  CallArgs self{av, 1, nullptr};
  core::Channel* c = self_native<core::Channel>(vm, t, self, NativeKind::Channel);
  if (!c) return NativeStatus::Error;
  ProgramAccess::run(vm).trace().name_object(c->id(), name, c->type());
  *out = Value::none();
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Channel - multiprocessing.Queue's transport: messages packed by the sender
//-----------------------------------------------------------------------------
// Channel(maxsize=0, network=False): `network` makes it one direction of a connection of
// the in-memory network, whose messages take the run's latency to arrive (det only).
NATIVE(channel_init) {
  BIND("Channel", 0, "maxsize", "network");
  int64_t maxsize = 0;
  bool network = false;
  if (!arg_int(vm, t, av[0], 0, "maxsize", &maxsize) || !arg_flag(vm, t, av[1], false, &network)) return NativeStatus::Error;
  core::VTime latency = 0;
  if (network && ProgramAccess::run(vm).mode() == core::Mode::Det)
    latency = core::seconds_to_vtime(ProgramAccess::config(vm).net_latency_s);
  NativeStatus st = init_native(vm, t, a, NativeKind::Channel, [&](core::Run& run, const std::string& name) {
    return &run.create<core::Channel>(maxsize, name, latency);
  }, out);
  if (st == NativeStatus::Ok) ProgramAccess::share(vm, as<InstanceObj>(a.args[0])->native, "Queue");
  return st;
}

core::Channel* self_channel(VM& vm, Thread& t, CallArgs& a) {
  return self_native<core::Channel>(vm, t, a, NativeKind::Channel);
}

NATIVE(channel_send) {
  core::Channel* ch = self_channel(vm, t, a);
  if (!ch) return NativeStatus::Error;
  BIND("send", 1, "obj", "block", "timeout");
  bool block;
  std::optional<double> timeout;
  if (!arg_flag(vm, t, av[1], true, &block) || !arg_timeout(vm, t, av[2], &timeout)) return NativeStatus::Error;
  std::string bytes;
  if (!pack_value(vm, t, av[0], TransferMode::Pickle, &bytes)) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return ch->send(c, std::move(bytes), block, timeout); }))
    return st;
  return none(out);
}

NATIVE(channel_recv) {
  core::Channel* ch = self_channel(vm, t, a);
  if (!ch) return NativeStatus::Error;
  BIND("recv", 0, "block", "timeout");
  bool block;
  std::optional<double> timeout;
  if (!arg_flag(vm, t, av[0], true, &block) || !arg_timeout(vm, t, av[1], &timeout)) return NativeStatus::Error;
  std::string bytes;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return ch->recv(c, bytes, block, timeout); })) return st;
  return unpack_value(vm, t, bytes, out) ? NativeStatus::Ok : NativeStatus::Error;
}

NATIVE(channel_qsize) {
  core::Channel* ch = self_channel(vm, t, a);
  if (!ch) return NativeStatus::Error;
  *out = Value::integer(ch->size());
  return NativeStatus::Ok;
}

NATIVE(channel_poll) {
  core::Channel* ch = self_channel(vm, t, a);
  if (!ch) return NativeStatus::Error;
  *out = Value::boolean(ch->poll());
  return NativeStatus::Ok;
}

NATIVE(channel_close) {
  core::Channel* ch = self_channel(vm, t, a);
  if (!ch) return NativeStatus::Error;
  ch->close(ctx_of(t));
  return none(out);
}

//-----------------------------------------------------------------------------
// [SECTION] Connection - one end of a Pipe
//-----------------------------------------------------------------------------
// This Connection object was closed (in this process; other copies may be open).
bool conn_closed(VM& vm, InstanceObj* inst) {
  Value* c = inst->dict->find(vm.intern("_closed"));
  return c && c->is_bool() && c->b;
}

// The end behind `self`, or null with TypeError (not a Connection) or OSError (closed)
// raised unless `closed_ok`.
core::Pipe::End* self_end(VM& vm, Thread& t, CallArgs& a, bool closed_ok = false) {
  ClassObj* c = native_class(vm, NativeKind::Connection);
  if (a.n < 1 || !vm.isinstance(a.args[0], c) || !as<InstanceObj>(a.args[0])->native) {
    vm.raise(t, vm.cls.TypeError, "descriptor needs a 'Connection' object");
    return nullptr;
  }
  auto* inst = as<InstanceObj>(a.args[0]);
  if (!closed_ok && conn_closed(vm, inst)) {
    vm.raise(t, vm.cls.OSError, "handle is closed");
    return nullptr;
  }
  return static_cast<core::Pipe::End*>(inst->native);
}

// pipe(duplex) -> (end0, end1): Connection objects over the engine's Pipe.
NATIVE(pipe_new) {
  BIND_FN("Pipe", 0, "duplex");
  bool duplex;
  if (!arg_flag(vm, t, av[0], true, &duplex)) return NativeStatus::Error;
  std::string name = vm.assignment_target(t);
  core::Pipe* pipe = ProgramAccess::new_pipe(vm, duplex, name.empty() ? "Pipe" : name);
  std::vector<Value> ends;
  for (int i = 0; i < 2; ++i) {
    auto* inst = vm.heap.alloc<InstanceObj>();
    inst->cls = native_class(vm, NativeKind::Connection);
    inst->dict = vm.new_dict();
    inst->native = &pipe->end(i);
    ProgramAccess::share(vm, inst->native, "Connection");
    ProgramAccess::retain_end(vm, &pipe->end(i));
    ends.push_back(Value::object(inst));
  }
  *out = Value::object(vm.new_tuple(std::move(ends)));
  return NativeStatus::Ok;
}

NATIVE(conn_send) {
  core::Pipe::End* end = self_end(vm, t, a);
  if (!end) return NativeStatus::Error;
  BIND("send", 1, "obj");
  std::string bytes;
  if (!pack_value(vm, t, av[0], TransferMode::Pickle, &bytes)) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return end->send(c, std::move(bytes)); })) return st;
  return none(out);
}

NATIVE(conn_recv) {
  core::Pipe::End* end = self_end(vm, t, a);
  if (!end) return NativeStatus::Error;
  BIND("recv", 0);
  std::string bytes;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return end->recv(c, bytes); })) return st;
  return unpack_value(vm, t, bytes, out) ? NativeStatus::Ok : NativeStatus::Error;
}

NATIVE(conn_ready) {
  core::Pipe::End* end = self_end(vm, t, a);
  if (!end) return NativeStatus::Error;
  *out = Value::boolean(end->poll());
  return NativeStatus::Ok;
}

NATIVE(conn_close) {
  core::Pipe::End* end = self_end(vm, t, a, true);
  if (!end) return NativeStatus::Error;
  auto* inst = as<InstanceObj>(a.args[0]);
  if (conn_closed(vm, inst)) return none(out);
  inst->dict->set(vm.intern("_closed"), Value::boolean(true));
  ProgramAccess::release_end(vm, end, ctx_of(t));
  return none(out);
}

NATIVE(conn_is_closed) {
  core::Pipe::End* end = self_end(vm, t, a, true);
  if (!end) return NativeStatus::Error;
  *out = Value::boolean(conn_closed(vm, as<InstanceObj>(a.args[0])));
  return NativeStatus::Ok;
}

NATIVE(conn_readable) {
  core::Pipe::End* end = self_end(vm, t, a);
  if (!end) return NativeStatus::Error;
  *out = Value::boolean(end->readable());
  return NativeStatus::Ok;
}

NATIVE(conn_writable) {
  core::Pipe::End* end = self_end(vm, t, a);
  if (!end) return NativeStatus::Error;
  *out = Value::boolean(end->writable());
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] SharedCells - multiprocessing.Value / Array storage
//-----------------------------------------------------------------------------
SharedCells* self_cells(VM& vm, Thread& t, CallArgs& a) {
  ClassObj* c = native_class(vm, NativeKind::SharedCells);
  if (a.n < 1 || !vm.isinstance(a.args[0], c) || !as<InstanceObj>(a.args[0])->native) {
    vm.raise(t, vm.cls.TypeError, "descriptor needs a 'SharedCells' object");
    return nullptr;
  }
  return static_cast<SharedCells*>(as<InstanceObj>(a.args[0])->native);
}

// SharedCells(typecode, size): `size` zeroed cells of C type 'i' or 'd'.
NATIVE(cells_init) {
  BIND("SharedCells", 2, "typecode", "size");
  std::string code;
  if (!arg_str(vm, t, av[0], "typecode", &code)) return NativeStatus::Error;
  if (code != "i" && code != "d" && code != "l" && code != "f")
    return vm.raise(t, vm.cls.ValueError, "typecode must be one of 'i', 'l' (integers) or 'd', 'f' (floats), not '" + code + "'");
  int64_t n;
  if (!arg_int(vm, t, av[1], 0, "size", &n)) return NativeStatus::Error;
  if (n < 0 || n > (int64_t(1) << 24))
    return vm.raise(t, vm.cls.ValueError, "size must be between 0 and 16777216, not " + std::to_string(n));
  const char type = code == "d" || code == "f" ? 'd' : 'i';
  SharedCells* cells = ProgramAccess::new_shared_cells(vm, type, size_t(n));
  as<InstanceObj>(a.args[0])->native = cells;
  ProgramAccess::share(vm, cells, "Synchronized");
  return none(out);
}

bool cell_index(VM& vm, Thread& t, SharedCells& c, const Value& v, size_t* out) {
  if (!v.is_intlike()) {
    vm.raise(t, vm.cls.TypeError, "array indices must be integers");
    return false;
  }
  int64_t i = v.as_int();
  if (i < 0) i += int64_t(c.size());
  if (i < 0 || i >= int64_t(c.size())) {
    vm.raise(t, vm.cls.IndexError, "invalid index");
    return false;
  }
  *out = size_t(i);
  return true;
}

NATIVE(cells_get) {
  SharedCells* c = self_cells(vm, t, a);
  if (!c) return NativeStatus::Error;
  BIND("get", 1, "index");
  size_t i;
  if (!cell_index(vm, t, *c, av[0], &i)) return NativeStatus::Error;
  std::lock_guard<std::mutex> g(c->mu);
  *out = c->typecode == 'd' ? Value::floating(c->doubles[i]) : Value::integer(c->ints[i]);
  return NativeStatus::Ok;
}

NATIVE(cells_set) {
  SharedCells* c = self_cells(vm, t, a);
  if (!c) return NativeStatus::Error;
  BIND("set", 2, "index", "value");
  size_t i;
  if (!cell_index(vm, t, *c, av[0], &i)) return NativeStatus::Error;
  const Value& v = av[1];
  if (c->typecode == 'd') {
    if (!v.is_intlike() && !v.is_float()) return vm.raise(t, vm.cls.TypeError, "must be real number, not " + vm.type_name(v));
    std::lock_guard<std::mutex> g(c->mu);
    c->doubles[i] = v.is_float() ? v.f : double(v.as_int());
  } else {
    if (!v.is_intlike()) return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(v) + "' object cannot be interpreted as an integer");
    std::lock_guard<std::mutex> g(c->mu);
    c->ints[i] = v.as_int();
  }
  return none(out);
}

NATIVE(cells_len) {
  SharedCells* c = self_cells(vm, t, a);
  if (!c) return NativeStatus::Error;
  *out = Value::integer(int64_t(c->size()));
  return NativeStatus::Ok;
}

NATIVE(cells_typecode) {
  SharedCells* c = self_cells(vm, t, a);
  if (!c) return NativeStatus::Error;
  *out = vm.str(std::string(1, c->typecode));
  return NativeStatus::Ok;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] network - the in-memory network under socket.py: ports and listeners
//-----------------------------------------------------------------------------
bool arg_port(VM& vm, Thread& t, const Value& v, int64_t* out) {
  if (!v.is_int() || v.i < 0 || v.i > 65535) {
    vm.raise(t, vm.cls.OverflowError, "bind(): port must be 0-65535.");
    return false;
  }
  *out = v.i;
  return true;
}

// net_bind(port) -> the port bound (a free one for 0), or None when it is taken.
NATIVE(net_bind) {
  BIND_FN("net_bind", 1, "port");
  int64_t port;
  if (!arg_port(vm, t, av[0], &port)) return NativeStatus::Error;
  int64_t got = ProgramAccess::bind_port(vm, port);
  *out = got < 0 ? Value::none() : Value::integer(got);
  return NativeStatus::Ok;
}

// net_listen(port, channel): connections to `port` arrive on `channel`.
NATIVE(net_listen) {
  BIND_FN("net_listen", 2, "port", "channel");
  int64_t port;
  if (!arg_port(vm, t, av[0], &port)) return NativeStatus::Error;
  if (!vm.isinstance(av[1], native_class(vm, NativeKind::Channel)) || !as<InstanceObj>(av[1])->native)
    return vm.raise(t, vm.cls.TypeError, "net_listen() needs a Channel");
  ProgramAccess::listen_port(vm, port, static_cast<core::Channel*>(static_cast<core::Primitive*>(as<InstanceObj>(av[1])->native)));
  return none(out);
}

// net_lookup(port) -> the listener's Channel, or None when nobody listens there.
NATIVE(net_lookup) {
  BIND_FN("net_lookup", 1, "port");
  int64_t port;
  if (!arg_port(vm, t, av[0], &port)) return NativeStatus::Error;
  core::Channel* ch = ProgramAccess::listener(vm, port);
  if (!ch) return none(out);
  auto* inst = vm.heap.alloc<InstanceObj>();
  inst->cls = native_class(vm, NativeKind::Channel);
  inst->dict = vm.new_dict();
  inst->native = static_cast<core::Primitive*>(ch);
  *out = Value::object(inst);
  return NativeStatus::Ok;
}

NATIVE(net_release) {
  BIND_FN("net_release", 1, "port");
  int64_t port;
  if (!arg_port(vm, t, av[0], &port)) return NativeStatus::Error;
  ProgramAccess::release_port(vm, port);
  return none(out);
}

// One socket of socket.py, read as its _readable() does: Yes / No, or Unknown when `v` is not
// such a socket (another class, a subclass that changed the attributes): select.py then asks it.
enum class Readiness { No, Yes, Unknown };

Readiness channel_ready(VM& vm, const Value& v) {
  if (v.is_none()) return Readiness::No;
  if (!vm.isinstance(v, native_class(vm, NativeKind::Channel)) || !as<InstanceObj>(v)->native) return Readiness::Unknown;
  auto* ch = static_cast<core::Channel*>(static_cast<core::Primitive*>(as<InstanceObj>(v)->native));
  return ch->poll() ? Readiness::Yes : Readiness::No;
}

// The attribute names socket_ready() reads, interned once per scan.
struct SocketNames {
  Value accepting, buffer, eof, in;
  explicit SocketNames(VM& vm)
      : accepting(vm.intern("_accepting")), buffer(vm.intern("_buffer")), eof(vm.intern("_eof")), in(vm.intern("_in")) {}
};

Readiness socket_ready(VM& vm, const SocketNames& names, const Value& v) {
  if (!is_type(v, ObjType::Instance) || !as<InstanceObj>(v)->dict) return Readiness::Unknown;
  DictObj* d = as<InstanceObj>(v)->dict;
  Value* accepting = d->find(names.accepting);
  Value* buffer = d->find(names.buffer);
  Value* eof = d->find(names.eof);
  Value* in = d->find(names.in);
  if (!accepting || !buffer || !eof || !in || !is_type(*buffer, ObjType::Bytes) || !eof->is_bool())
    return Readiness::Unknown;
  if (!accepting->is_none()) return channel_ready(vm, *accepting);
  if (!as<BytesObj>(*buffer)->b.empty() || eof->b) return Readiness::Yes;
  return channel_ready(vm, *in);
}

// channels_ready(channels) -> the channels that have a message (or are closed), in order.
// The gevent hub polls the channels its greenlets wait on through this.
NATIVE(channels_ready) {
  BIND_FN("channels_ready", 1, "channels");
  if (!is_type(av[0], ObjType::List)) return vm.raise(t, vm.cls.TypeError, "channels_ready() needs a list");
  ListObj* ready = vm.new_list();
  for (const Value& v : as<ListObj>(av[0])->items) {
    Readiness r = channel_ready(vm, v);
    if (r == Readiness::Unknown) return vm.raise(t, vm.cls.TypeError, "channels_ready() needs a list of Channels, got " + vm.type_name(v));
    if (r == Readiness::Yes) ready->items.push_back(v);
  }
  *out = Value::object(ready);
  return NativeStatus::Ok;
}

// net_channels(sockets) -> for each socket.py socket, the channel a message would arrive on
// (a listener's connections, else its incoming stream; None when it has neither), or None
// when an item is not one of socket.py's sockets. select() polls these while it waits.
NATIVE(net_channels) {
  BIND_FN("net_channels", 1, "sockets");
  if (!is_type(av[0], ObjType::List)) return vm.raise(t, vm.cls.TypeError, "net_channels() needs a list");
  const SocketNames names(vm);
  ListObj* chans = vm.new_list();
  for (const Value& v : as<ListObj>(av[0])->items) {
    if (!is_type(v, ObjType::Instance) || !as<InstanceObj>(v)->dict) return none(out);
    DictObj* d = as<InstanceObj>(v)->dict;
    Value* accepting = d->find(names.accepting);
    Value* in = d->find(names.in);
    if (!accepting || !in) return none(out);
    chans->items.push_back(accepting->is_none() ? *in : *accepting);
  }
  *out = Value::object(chans);
  return NativeStatus::Ok;
}

// net_readable(sockets) -> the readable ones, in order, or None when an item is not one of
// socket.py's sockets. select() polls through this once a millisecond: a scan in Python
// would cost every watched socket a few dozen bytecodes per poll (docs/runtime.md, "The
// in-memory network").
NATIVE(net_readable) {
  BIND_FN("net_readable", 1, "sockets");
  if (!is_type(av[0], ObjType::List)) return vm.raise(t, vm.cls.TypeError, "net_readable() needs a list");
  ListObj* ready = vm.new_list();
  const SocketNames names(vm);
  for (const Value& v : as<ListObj>(av[0])->items) {
    Readiness r = socket_ready(vm, names, v);
    if (r == Readiness::Unknown) return none(out);
    if (r == Readiness::Yes) ready->items.push_back(v);
  }
  *out = Value::object(ready);
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] install
//-----------------------------------------------------------------------------
void install_process_natives(VM& vm, ModuleObj* m) {
  struct { const char* n; NativeFn f; } fns[] = {
      {"process_start", process_start},   {"process_payload", process_payload}, {"process_join", process_join},
      {"process_poll", process_poll},     {"process_state", process_state},     {"process_signal", process_signal},
      {"process_start_method", process_start_method},
      {"share", share},                   {"Pipe", pipe_new},                   {"print_exception", print_exception},
      {"net_bind", net_bind},             {"net_listen", net_listen},           {"net_lookup", net_lookup},
      {"net_release", net_release},       {"net_readable", net_readable},       {"channels_ready", channels_ready},
      {"net_channels", net_channels},      {"label", label}};
  for (auto& f : fns) def_native(vm, m, f.n, f.f);
  define_native_class(vm, m, NativeKind::Channel, "Channel", nullptr, "multiprocessing",
                      {{"__init__", channel_init}, {"send", channel_send}, {"recv", channel_recv},
                       {"qsize", channel_qsize}, {"poll", channel_poll}, {"close", channel_close}});
  define_native_class(vm, m, NativeKind::Connection, "Connection", nullptr, "multiprocessing.connection",
                      {{"send", conn_send}, {"recv", conn_recv}, {"_ready", conn_ready}, {"close", conn_close}, {"_is_closed", conn_is_closed},
                       {"_readable", conn_readable}, {"_writable", conn_writable}});
  define_native_class(vm, m, NativeKind::SharedCells, "SharedCells", nullptr, "multiprocessing",
                      {{"__init__", cells_init}, {"get", cells_get}, {"set", cells_set}, {"__len__", cells_len},
                       {"typecode", cells_typecode}});
  ClassObj* pickling = vm.new_class("PicklingError", vm.cls.Exception, false);
  pickling->dict->set(vm.intern("__module__"), vm.str("_pickle"));
  m->dict->set(vm.intern("PicklingError"), Value::object(pickling));
  process_of(vm).PicklingError = pickling;
  ModuleObj* os = vm.modules.at("os");
  def_native(vm, os, "_exit", os_exit);
  def_native(vm, os, "kill", process_signal);
}

}  // namespace interleave::py
