// The queue natives of _interleave: Queue, LifoQueue, PriorityQueue and SimpleQueue over
// the engine's core::Queue, and the Empty / Full exceptions. Items are the VM's values,
// pinned (VM::pin) while they sit in a queue; the engine only sees their handles.
#include "core/queue.h"
#include "py/runtime/native_args.h"
#include "py/runtime/native_class.h"
#include "py/runtime/runtime.h"

namespace interleave::py {
namespace {


// The engine's order for each class.
core::Queue::Order order_of(NativeKind kind) {
  switch (kind) {
    case NativeKind::LifoQueue: return core::Queue::Order::Lifo;
    case NativeKind::PriorityQueue: return core::Queue::Order::Priority;
    default: return core::Queue::Order::Fifo;
  }
}

// The Python thread whose queue operation runs on this OS thread: the engine compares
// priority items on the thread that puts or gets (after a wait too), so a thread_local
// names it in both modes.
thread_local Thread* t_comparing = nullptr;
thread_local bool t_compare_failed = false;

// heapq's comparison of two queued values, with Python's `<`. The engine calls it with its
// mutex held, so it must not block: `<` on the course's items (numbers, strings, tuples)
// runs natively; a failing comparison (TypeError) is raised after the operation.
core::Queue::Less python_less(VM& vm) {
  return [&vm](core::Item x, core::Item y) {
    if (t_compare_failed || !t_comparing) return false;
    bool r = false;
    if (!vm.lt(*t_comparing, vm.pinned(uint32_t(x)), vm.pinned(uint32_t(y)), &r)) {
      t_compare_failed = true;
      return false;
    }
    return r;
  };
}

NativeStatus queue_init(VM& vm, Thread& t, CallArgs& a, Value* out, NativeKind kind) {
  const bool simple = kind == NativeKind::SimpleQueue;
  int64_t maxsize = 0;
  if (simple) {
    BIND("SimpleQueue", 0);
  } else {
    BIND("Queue", 0, "maxsize");
    if (!arg_int(vm, t, av[0], 0, "maxsize", &maxsize)) return NativeStatus::Error;
  }
  return init_native(vm, t, a, simple ? NativeKind::SimpleQueue : NativeKind::Queue,
                     [&](core::Run& run, const std::string& name) {
                       core::Queue::Less less = kind == NativeKind::PriorityQueue ? python_less(vm) : nullptr;
                       return &run.create<core::Queue>(order_of(kind), maxsize, less, name);
                     }, out);
}
NATIVE(fifo_init) { return queue_init(vm, t, a, out, NativeKind::Queue); }
NATIVE(lifo_init) { return queue_init(vm, t, a, out, NativeKind::LifoQueue); }
NATIVE(prio_init) { return queue_init(vm, t, a, out, NativeKind::PriorityQueue); }
NATIVE(simple_init) { return queue_init(vm, t, a, out, NativeKind::SimpleQueue); }

// Queue and SimpleQueue share their methods; `self` is either.
core::Queue* self_queue(VM& vm, Thread& t, const CallArgs& a) {
  if (a.n >= 1 && vm.isinstance(a.args[0], native_class(vm, NativeKind::SimpleQueue)))
    return self_native<core::Queue>(vm, t, a, NativeKind::SimpleQueue);
  return self_native<core::Queue>(vm, t, a, NativeKind::Queue);
}

// The comparisons of a priority queue operation raise here, after the engine is done.
bool compare_error() {
  t_comparing = nullptr;
  if (!t_compare_failed) return false;
  t_compare_failed = false;
  return true;  // vm.lt left its TypeError on the thread
}

NativeStatus put(VM& vm, Thread& t, core::Queue& q, const Value& item, bool block, std::optional<double> timeout,
                 Value* out) {
  uint32_t handle = vm.pin(item);
  t_comparing = &t;
  core::Outcome r;
  NativeStatus st;
  bool done = blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return q.put(c, handle, block, timeout); });
  bool bad_compare = compare_error();
  if (!done) vm.unpin(handle);  // re-pinned when the call is executed again
  if (bad_compare) return NativeStatus::Error;
  if (!done) return st;
  *out = Value::none();
  return NativeStatus::Ok;
}

NativeStatus get(VM& vm, Thread& t, core::Queue& q, bool block, std::optional<double> timeout, Value* out) {
  t_comparing = &t;
  core::Outcome r;
  NativeStatus st;
  bool done = blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return q.get(c, block, timeout); });
  bool bad_compare = compare_error();
  if (done) {
    *out = vm.pinned(uint32_t(r.value));
    vm.unpin(uint32_t(r.value));
  }
  if (bad_compare) return NativeStatus::Error;
  return done ? NativeStatus::Ok : st;
}

NATIVE(q_put) {
  core::Queue* q = self_queue(vm, t, a);
  if (!q) return NativeStatus::Error;
  BIND("put", 1, "item", "block", "timeout");
  bool block;
  std::optional<double> timeout;
  if (!arg_flag(vm, t, av[1], true, &block) || !arg_timeout(vm, t, av[2], &timeout)) return NativeStatus::Error;
  return put(vm, t, *q, av[0], block, timeout, out);
}
NATIVE(q_put_nowait) {
  core::Queue* q = self_queue(vm, t, a);
  if (!q) return NativeStatus::Error;
  BIND("put_nowait", 1, "item");
  return put(vm, t, *q, av[0], false, std::nullopt, out);
}
NATIVE(q_get) {
  core::Queue* q = self_queue(vm, t, a);
  if (!q) return NativeStatus::Error;
  BIND("get", 0, "block", "timeout");
  bool block;
  std::optional<double> timeout;
  if (!arg_flag(vm, t, av[0], true, &block) || !arg_timeout(vm, t, av[1], &timeout)) return NativeStatus::Error;
  return get(vm, t, *q, block, timeout, out);
}
NATIVE(q_get_nowait) {
  core::Queue* q = self_queue(vm, t, a);
  if (!q) return NativeStatus::Error;
  BIND("get_nowait", 0);
  return get(vm, t, *q, false, std::nullopt, out);
}
NATIVE(q_task_done) {
  auto* q = self_native<core::Queue>(vm, t, a, NativeKind::Queue);
  if (!q) return NativeStatus::Error;
  NativeStatus st;
  if (!op_completed(vm, t, q->task_done(ctx_of(t)), &st)) return st;
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(q_join) {
  auto* q = self_native<core::Queue>(vm, t, a, NativeKind::Queue);
  if (!q) return NativeStatus::Error;
  core::Outcome r;
  NativeStatus st;
  if (!blocking_op(vm, t, &st, &r, [&](core::ThreadContext& c) { return q->join(c); })) return st;
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(q_qsize) {
  core::Queue* q = self_queue(vm, t, a);
  if (!q) return NativeStatus::Error;
  *out = Value::integer(q->qsize());
  return NativeStatus::Ok;
}
NATIVE(q_empty) {
  core::Queue* q = self_queue(vm, t, a);
  if (!q) return NativeStatus::Error;
  *out = Value::boolean(q->empty());
  return NativeStatus::Ok;
}
NATIVE(q_full) {
  auto* q = self_native<core::Queue>(vm, t, a, NativeKind::Queue);
  if (!q) return NativeStatus::Error;
  *out = Value::boolean(q->full());
  return NativeStatus::Ok;
}
NATIVE(q_maxsize) {
  auto* q = self_native<core::Queue>(vm, t, a, NativeKind::Queue);
  if (!q) return NativeStatus::Error;
  *out = Value::integer(q->maxsize());
  return NativeStatus::Ok;
}
NATIVE(q_unfinished) {
  auto* q = self_native<core::Queue>(vm, t, a, NativeKind::Queue);
  if (!q) return NativeStatus::Error;
  *out = Value::integer(q->unfinished_tasks());
  return NativeStatus::Ok;
}

}  // namespace

core::Primitive* new_queue_like(VM& vm, NativeKind kind, int64_t maxsize, const std::string& name) {
  core::Queue::Less less = kind == NativeKind::PriorityQueue ? python_less(vm) : nullptr;
  return &ProgramAccess::run(vm).create<core::Queue>(order_of(kind), maxsize, less, name);
}

void install_queue_natives(VM& vm, ModuleObj* m) {
  ProcessRt& proc = process_of(vm);
  auto exception = [&](const char* name) {
    ClassObj* c = vm.new_class(name, vm.cls.Exception, false);
    c->dict->set(vm.intern("__module__"), vm.str("queue"));
    m->dict->set(vm.intern(name), Value::object(c));
    return c;
  };
  proc.Empty = exception("Empty");
  proc.Full = exception("Full");

  ClassObj* fifo = define_native_class(vm, m, NativeKind::Queue, "Queue", nullptr, "queue",
      {{"__init__", fifo_init}, {"put", q_put}, {"put_nowait", q_put_nowait}, {"get", q_get},
       {"get_nowait", q_get_nowait}, {"task_done", q_task_done}, {"join", q_join}, {"qsize", q_qsize},
       {"empty", q_empty}, {"full", q_full}});
  add_native_property(vm, fifo, "maxsize", q_maxsize);
  add_native_property(vm, fifo, "unfinished_tasks", q_unfinished);
  define_native_class(vm, m, NativeKind::LifoQueue, "LifoQueue", fifo, "queue", {{"__init__", lifo_init}});
  define_native_class(vm, m, NativeKind::PriorityQueue, "PriorityQueue", fifo, "queue", {{"__init__", prio_init}});
  define_native_class(vm, m, NativeKind::SimpleQueue, "SimpleQueue", nullptr, "queue",
      {{"__init__", simple_init}, {"put", q_put}, {"put_nowait", q_put_nowait}, {"get", q_get},
       {"get_nowait", q_get_nowait}, {"qsize", q_qsize}, {"empty", q_empty}});
}

}  // namespace interleave::py
