// The thread and synchronisation natives of _interleave: starting, joining and naming
// threads, and the classes lock, RLock, Semaphore, BoundedSemaphore, Condition, Event and
// Barrier, each instance backed by the run's engine primitive (core/sync.h).
// [SECTION] helpers  [SECTION] threads  [SECTION] lock  [SECTION] RLock
// [SECTION] Semaphore  [SECTION] Condition  [SECTION] Event  [SECTION] Barrier
// [SECTION] install
#include "core/sync.h"
#include "py/runtime/native_args.h"
#include "py/runtime/native_class.h"
#include "py/runtime/runtime.h"

namespace interleave::py {
namespace {

// BIND for methods (args[0] is self), BIND_FN for module functions.

NativeStatus none(Value* out) {
  *out = Value::none();
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] threads
//-----------------------------------------------------------------------------
// start_thread(bootstrap, name, daemon, registry, thread) -> ident. The thread object is
// entered in `registry` under its ident before the new thread can run.
NATIVE(il_start_thread) {
  BIND_FN("start_thread", 5, "bootstrap", "name", "daemon", "registry", "thread");
  if (!is_type(av[1], ObjType::Str) || !is_type(av[3], ObjType::Dict))
    return vm.raise(t, vm.cls.TypeError, "start_thread(bootstrap, name: str, daemon, registry: dict, thread)");
  bool daemon;
  if (!vm.truthy(t, av[2], &daemon)) return NativeStatus::Error;
  core::Outcome o = ProgramAccess::start_thread(t, av[0], as<StrObj>(av[1])->s, daemon);
  if (o.is_error()) {
    if (!t.exc.empty()) return NativeStatus::Error;  // the entry point was refused
    return vm.raise(t, vm.cls.RuntimeError, std::string("can't start new thread: ") + o.message);
  }
  as<DictObj>(av[3])->set(Value::integer(o.value), av[4]);
  *out = Value::integer(o.value);
  return NativeStatus::Ok;
}

core::ThreadContext* thread_arg(VM& vm, Thread& t, const Value& v) {
  core::ThreadContext* c = v.is_int() ? ProgramAccess::run(vm).thread(static_cast<core::ThreadId>(v.i)) : nullptr;
  if (!c) vm.raise(t, vm.cls.ValueError, "no such thread: " + std::string(v.is_int() ? std::to_string(v.i) : vm.type_name(v)));
  return c;
}

NATIVE(il_join_thread) {
  BIND_FN("join_thread", 1, "ident", "timeout");
  std::optional<double> timeout;
  if (!arg_timeout(vm, t, av[1], &timeout)) return NativeStatus::Error;
  core::ThreadContext* other = thread_arg(vm, t, av[0]);
  if (!other) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) {
        return ProgramAccess::run(vm).join_thread(c, other->id, timeout);
      }))
    return st;
  return none(out);
}

NATIVE(il_thread_alive) {
  BIND_FN("thread_alive", 1, "ident");
  core::ThreadContext* c = thread_arg(vm, t, av[0]);
  if (!c) return NativeStatus::Error;
  *out = Value::boolean(c->get_state() != core::ThreadState::Done);
  return NativeStatus::Ok;
}

NATIVE(il_rename_thread) {
  BIND_FN("rename_thread", 2, "ident", "name");
  core::ThreadContext* c = thread_arg(vm, t, av[0]);
  if (!c) return NativeStatus::Error;
  std::string name;
  if (!vm.to_str(t, av[1], &name)) return NativeStatus::Error;
  ProgramAccess::run(vm).rename_thread(c->id, name);
  return none(out);
}

NATIVE(il_get_ident) {
  *out = Value::integer(thread_of(t).tid);
  return NativeStatus::Ok;
}

NATIVE(il_main_ident) {
  *out = Value::integer(process_of(vm).main->tid);
  return NativeStatus::Ok;
}

// print_thread_exception(name, exc): what CPython's threading.excepthook prints.
NATIVE(il_print_thread_exception) {
  BIND_FN("print_thread_exception", 2, "name", "exc");
  std::string name;
  if (!vm.to_str(t, av[0], &name)) return NativeStatus::Error;
  vm.write("Exception in thread " + name + ":\n", Stream::Stderr, &t);
  vm.print_traceback(av[1], &t);
  return none(out);
}

//-----------------------------------------------------------------------------
// [SECTION] lock
//-----------------------------------------------------------------------------
// acquire(blocking=True, timeout=-1) for Lock and RLock.
template <class L>
NativeStatus acquire_lock(VM& vm, Thread& t, CallArgs& a, Value* out, NativeKind kind) {
  L* lk = self_native<L>(vm, t, a, kind);
  if (!lk) return NativeStatus::Error;
  BIND("acquire", 0, "blocking", "timeout");
  bool blocking;
  double timeout = -1;
  if (!arg_flag(vm, t, av[0], true, &blocking)) return NativeStatus::Error;
  if (!av[1].empty() && !arg_number(vm, t, av[1], "timeout", &timeout)) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return lk->acquire(c, blocking, timeout); })) return st;
  *out = Value::boolean(r.ok);
  return NativeStatus::Ok;
}

template <class L>
NativeStatus release_lock(VM& vm, Thread& t, CallArgs& a, Value* out, NativeKind kind) {
  L* lk = self_native<L>(vm, t, a, kind);
  if (!lk) return NativeStatus::Error;
  NativeStatus st;
  if (!op_completed(vm, t, lk->release(ctx_of(t)), &st)) return st;
  return none(out);
}

NATIVE(lock_init) {
  BIND("lock", 0);
  return init_native(vm, t, a, NativeKind::Lock, [&](core::Run& run, const std::string& name) {
    return &run.create<core::Lock>(name);
  }, out);
}
NATIVE(lock_acquire) { return acquire_lock<core::Lock>(vm, t, a, out, NativeKind::Lock); }
NATIVE(lock_release) { return release_lock<core::Lock>(vm, t, a, out, NativeKind::Lock); }
NATIVE(lock_exit) { return release_lock<core::Lock>(vm, t, a, out, NativeKind::Lock); }
NATIVE(lock_locked) {
  auto* lk = self_native<core::Lock>(vm, t, a, NativeKind::Lock);
  if (!lk) return NativeStatus::Error;
  *out = Value::boolean(lk->locked());
  return NativeStatus::Ok;
}
NATIVE(lock_repr) {
  auto* lk = self_native<core::Lock>(vm, t, a, NativeKind::Lock);
  if (!lk) return NativeStatus::Error;
  *out = vm.str(std::string("<") + (lk->locked() ? "locked" : "unlocked") + " _thread.lock object '" + lk->name() + "'>");
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] RLock
//-----------------------------------------------------------------------------
NATIVE(rlock_init) {
  BIND("RLock", 0);
  return init_native(vm, t, a, NativeKind::RLock, [&](core::Run& run, const std::string& name) {
    return &run.create<core::RLock>(name);
  }, out);
}
NATIVE(rlock_acquire) { return acquire_lock<core::RLock>(vm, t, a, out, NativeKind::RLock); }
NATIVE(rlock_release) { return release_lock<core::RLock>(vm, t, a, out, NativeKind::RLock); }
NATIVE(rlock_exit) { return release_lock<core::RLock>(vm, t, a, out, NativeKind::RLock); }
NATIVE(rlock_is_owned) {
  auto* lk = self_native<core::RLock>(vm, t, a, NativeKind::RLock);
  if (!lk) return NativeStatus::Error;
  *out = Value::boolean(lk->owner() == thread_of(t).tid);
  return NativeStatus::Ok;
}
NATIVE(rlock_repr) {
  auto* lk = self_native<core::RLock>(vm, t, a, NativeKind::RLock);
  if (!lk) return NativeStatus::Error;
  *out = vm.str(std::string("<") + (lk->owner() ? "locked" : "unlocked") + " _thread.RLock object '" + lk->name() +
                "' owner=" + std::to_string(lk->owner()) + " count=" + std::to_string(lk->count()) + ">");
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Semaphore
//-----------------------------------------------------------------------------
NativeStatus semaphore_init(VM& vm, Thread& t, CallArgs& a, Value* out, bool bounded) {
  BIND(bounded ? "BoundedSemaphore" : "Semaphore", 0, "value");
  int64_t value;
  if (!arg_int(vm, t, av[0], 1, "value", &value)) return NativeStatus::Error;
  NativeStatus st;
  if (!op_completed(vm, t, core::Semaphore::validate(value), &st)) return st;
  return init_native(vm, t, a, NativeKind::Semaphore, [&](core::Run& run, const std::string& name) {
    return &run.create<core::Semaphore>(value, bounded, name);
  }, out);
}
NATIVE(sem_init) { return semaphore_init(vm, t, a, out, false); }
NATIVE(bsem_init) { return semaphore_init(vm, t, a, out, true); }

NATIVE(sem_acquire) {
  auto* sem = self_native<core::Semaphore>(vm, t, a, NativeKind::Semaphore);
  if (!sem) return NativeStatus::Error;
  BIND("acquire", 0, "blocking", "timeout");
  bool blocking;
  std::optional<double> timeout;
  if (!arg_flag(vm, t, av[0], true, &blocking) || !arg_timeout(vm, t, av[1], &timeout)) return NativeStatus::Error;
  if (!blocking && timeout) return vm.raise(t, vm.cls.ValueError, "can't specify timeout for non-blocking acquire");
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return sem->acquire(c, blocking, timeout); })) return st;
  *out = Value::boolean(r.ok);
  return NativeStatus::Ok;
}
NATIVE(sem_release) {
  auto* sem = self_native<core::Semaphore>(vm, t, a, NativeKind::Semaphore);
  if (!sem) return NativeStatus::Error;
  BIND("release", 0, "n");
  int64_t n;
  if (!arg_int(vm, t, av[0], 1, "n", &n)) return NativeStatus::Error;
  if (n < 1) return vm.raise(t, vm.cls.ValueError, "n must be one or more");
  NativeStatus st;
  if (!op_completed(vm, t, sem->release(ctx_of(t), n), &st)) return st;
  return none(out);
}
NATIVE(sem_exit) {
  auto* sem = self_native<core::Semaphore>(vm, t, a, NativeKind::Semaphore);
  if (!sem) return NativeStatus::Error;
  NativeStatus st;
  if (!op_completed(vm, t, sem->release(ctx_of(t), 1), &st)) return st;
  return none(out);
}
NATIVE(sem_value) {
  auto* sem = self_native<core::Semaphore>(vm, t, a, NativeKind::Semaphore);
  if (!sem) return NativeStatus::Error;
  *out = Value::integer(sem->value());
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Condition
//-----------------------------------------------------------------------------
// The lock a Condition was built on, as the Lockable the engine wants.
core::Lockable* lockable_arg(VM& vm, Thread& t, const Value& v) {
  if (is_type(v, ObjType::Instance)) {
    auto* inst = as<InstanceObj>(v);
    if (inst->native && (vm.isinstance(v, native_class(vm, NativeKind::Lock)) ||
                         vm.isinstance(v, native_class(vm, NativeKind::RLock))))
      return static_cast<core::Lockable*>(static_cast<core::Primitive*>(inst->native));
  }
  vm.raise(t, vm.cls.TypeError, "Condition() needs a threading.Lock or threading.RLock, not '" + vm.type_name(v) + "'");
  return nullptr;
}

NATIVE(cond_init) {
  BIND("Condition", 0, "lock");
  core::Lockable* lock = nullptr;
  if (!av[0].empty() && !av[0].is_none()) {
    lock = lockable_arg(vm, t, av[0]);
    if (!lock) return NativeStatus::Error;
  }
  NativeStatus st = init_native(vm, t, a, NativeKind::Condition, [&](core::Run& run, const std::string& name) {
    if (!lock) lock = &run.create<core::RLock>(name + ".lock");
    return &run.create<core::Condition>(*lock, name);
  }, out);
  if (st == NativeStatus::Ok && !av[0].empty()) as<InstanceObj>(a.args[0])->dict->set(vm.intern("_lock"), av[0]);
  return st;
}

// acquire/release of the Condition's lock (a Lock or an RLock).
NativeStatus cond_lock_op(VM& vm, Thread& t, CallArgs& a, Value* out, bool acquire) {
  auto* c = self_native<core::Condition>(vm, t, a, NativeKind::Condition);
  if (!c) return NativeStatus::Error;
  core::Lockable& l = c->lock();
  if (!acquire) {
    core::Outcome o = dynamic_cast<core::Lock*>(&l) ? static_cast<core::Lock&>(l).release(ctx_of(t))
                                                   : static_cast<core::RLock&>(l).release(ctx_of(t));
    NativeStatus st;
    if (!op_completed(vm, t, o, &st)) return st;
    return none(out);
  }
  BIND("acquire", 0, "blocking", "timeout");
  bool blocking;
  double timeout = -1;
  if (!arg_flag(vm, t, av[0], true, &blocking)) return NativeStatus::Error;
  if (!av[1].empty() && !av[1].is_none() && !arg_number(vm, t, av[1], "timeout", &timeout)) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& ctx) {
        return dynamic_cast<core::Lock*>(&l) ? static_cast<core::Lock&>(l).acquire(ctx, blocking, timeout)
                                            : static_cast<core::RLock&>(l).acquire(ctx, blocking, timeout);
      }))
    return st;
  *out = Value::boolean(r.ok);
  return NativeStatus::Ok;
}
NATIVE(cond_acquire) { return cond_lock_op(vm, t, a, out, true); }
NATIVE(cond_release) { return cond_lock_op(vm, t, a, out, false); }

NATIVE(cond_wait) {
  auto* c = self_native<core::Condition>(vm, t, a, NativeKind::Condition);
  if (!c) return NativeStatus::Error;
  BIND("wait", 0, "timeout");
  std::optional<double> timeout;
  if (!arg_timeout(vm, t, av[0], &timeout)) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& ctx) { return c->wait(ctx, timeout); })) return st;
  *out = Value::boolean(r.ok);
  return NativeStatus::Ok;
}

NATIVE(cond_notify) {
  auto* c = self_native<core::Condition>(vm, t, a, NativeKind::Condition);
  if (!c) return NativeStatus::Error;
  BIND("notify", 0, "n");
  int64_t n;
  if (!arg_int(vm, t, av[0], 1, "n", &n)) return NativeStatus::Error;
  NativeStatus st;
  if (!op_completed(vm, t, c->notify(ctx_of(t), n), &st)) return st;
  return none(out);
}

NATIVE(cond_notify_all) {
  auto* c = self_native<core::Condition>(vm, t, a, NativeKind::Condition);
  if (!c) return NativeStatus::Error;
  NativeStatus st;
  if (!op_completed(vm, t, c->notify_all(ctx_of(t)), &st)) return st;
  return none(out);
}

//-----------------------------------------------------------------------------
// [SECTION] Event
//-----------------------------------------------------------------------------
NATIVE(event_init) {
  BIND("Event", 0);
  return init_native(vm, t, a, NativeKind::Event, [&](core::Run& run, const std::string& name) {
    return &run.create<core::Event>(name);
  }, out);
}
NATIVE(event_set) {
  auto* e = self_native<core::Event>(vm, t, a, NativeKind::Event);
  if (!e) return NativeStatus::Error;
  e->set(ctx_of(t));
  return none(out);
}
NATIVE(event_clear) {
  auto* e = self_native<core::Event>(vm, t, a, NativeKind::Event);
  if (!e) return NativeStatus::Error;
  e->clear(ctx_of(t));
  return none(out);
}
NATIVE(event_is_set) {
  auto* e = self_native<core::Event>(vm, t, a, NativeKind::Event);
  if (!e) return NativeStatus::Error;
  *out = Value::boolean(e->is_set());
  return NativeStatus::Ok;
}
NATIVE(event_wait) {
  auto* e = self_native<core::Event>(vm, t, a, NativeKind::Event);
  if (!e) return NativeStatus::Error;
  BIND("wait", 0, "timeout");
  std::optional<double> timeout;
  if (!arg_timeout(vm, t, av[0], &timeout)) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return e->wait(c, timeout); })) return st;
  *out = Value::boolean(r.ok);
  return NativeStatus::Ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Barrier
//-----------------------------------------------------------------------------
NATIVE(barrier_init) {
  BIND("Barrier", 1, "parties", "action", "timeout");
  int64_t parties;
  if (!arg_int(vm, t, av[0], 1, "parties", &parties)) return NativeStatus::Error;
  std::optional<double> timeout;
  if (!arg_timeout(vm, t, av[2], &timeout)) return NativeStatus::Error;
  NativeStatus st;
  if (!op_completed(vm, t, core::Barrier::validate(parties), &st)) return st;
  st = init_native(vm, t, a, NativeKind::Barrier, [&](core::Run& run, const std::string& name) {
    return &run.create<core::Barrier>(parties, name);
  }, out);
  if (st != NativeStatus::Ok) return st;
  DictObj* d = as<InstanceObj>(a.args[0])->dict;
  d->set(vm.intern("_action"), av[1].empty() ? Value::none() : av[1]);
  d->set(vm.intern("_timeout"), timeout ? Value::floating(*timeout) : Value::none());
  return NativeStatus::Ok;
}

NATIVE(barrier_wait) {
  auto* b = self_native<core::Barrier>(vm, t, a, NativeKind::Barrier);
  if (!b) return NativeStatus::Error;
  BIND("wait", 0, "timeout");
  DictObj* d = as<InstanceObj>(a.args[0])->dict;
  std::optional<double> timeout;
  Value tv = av[0].empty() || av[0].is_none() ? *d->find(vm.intern("_timeout")) : av[0];
  if (!arg_timeout(vm, t, tv, &timeout)) return NativeStatus::Error;
  Value action = *d->find(vm.intern("_action"));
  const bool has_action = !action.is_none();
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return b->wait(c, timeout, has_action); })) return st;
  if (has_action && r.value == b->parties() - 1) {
    // The last to arrive runs the action before anyone passes (CPython's order).
    Value ignored;
    bool ok = vm.call_value(t, action, {}, &ignored);
    b->release(ctx_of(t), ok);
    if (!ok) return NativeStatus::Error;
  }
  *out = Value::integer(r.value);
  return NativeStatus::Ok;
}

NATIVE(barrier_reset) {
  auto* b = self_native<core::Barrier>(vm, t, a, NativeKind::Barrier);
  if (!b) return NativeStatus::Error;
  b->reset(ctx_of(t));
  return none(out);
}
NATIVE(barrier_abort) {
  auto* b = self_native<core::Barrier>(vm, t, a, NativeKind::Barrier);
  if (!b) return NativeStatus::Error;
  b->abort(ctx_of(t));
  return none(out);
}
NATIVE(barrier_parties) {
  auto* b = self_native<core::Barrier>(vm, t, a, NativeKind::Barrier);
  if (!b) return NativeStatus::Error;
  *out = Value::integer(b->parties());
  return NativeStatus::Ok;
}
NATIVE(barrier_n_waiting) {
  auto* b = self_native<core::Barrier>(vm, t, a, NativeKind::Barrier);
  if (!b) return NativeStatus::Error;
  *out = Value::integer(b->n_waiting());
  return NativeStatus::Ok;
}
NATIVE(barrier_broken) {
  auto* b = self_native<core::Barrier>(vm, t, a, NativeKind::Barrier);
  if (!b) return NativeStatus::Error;
  *out = Value::boolean(b->broken());
  return NativeStatus::Ok;
}

NATIVE(enter_returns_true) {
  // __enter__ of the locks: acquire() with its defaults, which returns True.
  CallArgs only_self{a.args, 1, nullptr};
  ClassObj* c = as<InstanceObj>(a.args[0])->cls;
  Value acquire;
  if (!vm.find_class_attr(c, vm.heap.intern("acquire"), &acquire)) return vm.raise(t, vm.cls.TypeError, "no acquire()");
  return as<NativeObj>(acquire)->fn(vm, t, only_self, out);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] install
//-----------------------------------------------------------------------------
void install_threading_natives(VM& vm, ModuleObj* m) {
  auto def = [&](const char* name, NativeFn fn) { m->dict->set(vm.intern(name), Value::object(vm.native(name, fn))); };
  def("start_thread", il_start_thread);
  def("join_thread", il_join_thread);
  def("thread_alive", il_thread_alive);
  def("rename_thread", il_rename_thread);
  def("get_ident", il_get_ident);
  def("main_ident", il_main_ident);
  def("print_thread_exception", il_print_thread_exception);

  ClassObj* lock = define_native_class(vm, m, NativeKind::Lock, "lock", nullptr, "_thread",
      {{"__init__", lock_init}, {"acquire", lock_acquire}, {"release", lock_release}, {"locked", lock_locked},
       {"__enter__", enter_returns_true}, {"__exit__", lock_exit}, {"__repr__", lock_repr},
       {"acquire_lock", lock_acquire}, {"release_lock", lock_release}, {"locked_lock", lock_locked}});
  (void)lock;
  define_native_class(vm, m, NativeKind::RLock, "RLock", nullptr, "_thread",
      {{"__init__", rlock_init}, {"acquire", rlock_acquire}, {"release", rlock_release},
       {"__enter__", enter_returns_true}, {"__exit__", rlock_exit}, {"_is_owned", rlock_is_owned},
       {"__repr__", rlock_repr}});
  ClassObj* sem = define_native_class(vm, m, NativeKind::Semaphore, "Semaphore", nullptr, "threading",
      {{"__init__", sem_init}, {"acquire", sem_acquire}, {"release", sem_release},
       {"__enter__", enter_returns_true}, {"__exit__", sem_exit}});
  add_native_property(vm, sem, "_value", sem_value);
  define_native_class(vm, m, NativeKind::BoundedSemaphore, "BoundedSemaphore", sem, "threading",
      {{"__init__", bsem_init}});
  ClassObj* cond = define_native_class(vm, m, NativeKind::Condition, "Condition", nullptr, "threading",
      {{"__init__", cond_init}, {"acquire", cond_acquire}, {"release", cond_release},
       {"__enter__", enter_returns_true}, {"__exit__", cond_release}, {"wait", cond_wait},
       {"notify", cond_notify}, {"notify_all", cond_notify_all}, {"notifyAll", cond_notify_all}});
  (void)cond;
  define_native_class(vm, m, NativeKind::Event, "Event", nullptr, "threading",
      {{"__init__", event_init}, {"set", event_set}, {"clear", event_clear}, {"is_set", event_is_set},
       {"isSet", event_is_set}, {"wait", event_wait}});
  ClassObj* barrier = define_native_class(vm, m, NativeKind::Barrier, "Barrier", nullptr, "threading",
      {{"__init__", barrier_init}, {"wait", barrier_wait}, {"reset", barrier_reset}, {"abort", barrier_abort}});
  add_native_property(vm, barrier, "parties", barrier_parties);
  add_native_property(vm, barrier, "n_waiting", barrier_n_waiting);
  add_native_property(vm, barrier, "broken", barrier_broken);

  ProcessRt& proc = process_of(vm);
  proc.BrokenBarrierError = vm.new_class("BrokenBarrierError", vm.cls.RuntimeError, false);
  proc.BrokenBarrierError->dict->set(vm.intern("__module__"), vm.str("threading"));
  m->dict->set(vm.intern("BrokenBarrierError"), Value::object(proc.BrokenBarrierError));
}

}  // namespace interleave::py
