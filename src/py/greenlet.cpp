// Greenlets (greenlet.h): switching a thread between stacks of heap frames.
// [SECTION] switching  [SECTION] natives
#include "py/greenlet.h"

namespace interleave::py {

//-----------------------------------------------------------------------------
// [SECTION] switching
//-----------------------------------------------------------------------------
namespace {

std::string label_of(VM& vm, const GreenletState& g) {
  if (is_type(g.obj, ObjType::Instance)) {
    DictObj* d = as<InstanceObj>(g.obj)->dict;
    Value* name = d ? d->find(vm.intern("name")) : nullptr;
    if (name && is_type(*name, ObjType::Str)) return as<StrObj>(*name)->s;
  }
  return vm.type_name(g.obj) + "-" + std::to_string(g.index);
}

}  // namespace

std::string greenlet_label(VM& vm, const GreenletState& g) { return label_of(vm, g); }

GreenletState* greenlet_state(VM& vm, const Value& obj) {
  if (!is_type(obj, ObjType::Instance) || !as<InstanceObj>(obj)->dict) return nullptr;
  Value* h = as<InstanceObj>(obj)->dict->find(vm.intern("_handle"));
  if (!h || !h->is_int() || h->i < 0 || size_t(h->i) >= vm.greenlets.size()) return nullptr;
  GreenletState* g = vm.greenlets[size_t(h->i)].get();
  return g->obj.tag == obj.tag && g->obj.o == obj.o ? g : nullptr;
}

namespace {

void report(VM& vm, Thread& t, GreenletState* g, CoState state) {
  if (!vm.config().on_coroutine || !g || g->is_main) return;
  vm.config().on_coroutine(t, g->trace_slot, g->trace_slot ? std::string() : label_of(vm, *g), state);
}

// Control passes from `from` to `to` on thread t: tells the runtime (views, --json).
void note_switch(VM& vm, Thread& t, GreenletState* from, GreenletState* to) {
  report(vm, t, from, from->dead ? CoState::Done : CoState::Waiting);
  report(vm, t, to, CoState::Running);
}

// Sets the running greenlet's frames aside and installs `to`'s (with `value` as the
// result of the switch() it is suspended in, unless it is Empty).
void swap_in(VM& vm, Thread& t, GreenletState* to, const Value& value) {
  GreenletState* from = t.greenlet;
  note_switch(vm, t, from, to);
  from->frames = std::move(t.frames);
  from->exc_stack = std::move(t.exc_stack);
  t.frames = std::move(to->frames);
  t.exc_stack = std::move(to->exc_stack);
  to->frames.clear();
  to->exc_stack.clear();
  t.greenlet = to;
  if (!value.empty()) {
    Frame* top = t.frames.back();
    top->slots[top->sp++] = value;
  }
}

// What a switch() returns for the values passed to it: the one argument, the tuple of
// several, the keyword dict alone, or (args, kwargs).
Value switch_value(VM& vm, const Value& args, const Value& kwargs) {
  auto& items = as<TupleObj>(args)->items;
  const bool has_kw = is_type(kwargs, ObjType::Dict) && as<DictObj>(kwargs)->size() > 0;
  if (!has_kw) return items.size() == 1 ? items[0] : args;
  if (items.empty()) return kwargs;
  return Value::object(vm.new_tuple({args, kwargs}));
}

}  // namespace

bool VM::greenlet_ended(Thread& t, const Value& value, bool raised) {
  GreenletState* g = t.greenlet;
  g->dead = true;
  GreenletState* parent = g->parent;
  while (parent && parent->dead) parent = parent->parent;
  if (!parent) return false;
  note_switch(*this, t, g, parent);
  // The finished greenlet's frames are gone: only the parent's come back.
  t.frames = std::move(parent->frames);
  t.exc_stack = std::move(parent->exc_stack);
  parent->frames.clear();
  parent->exc_stack.clear();
  t.greenlet = parent;
  if (!raised) {
    Frame* top = t.frames.back();
    top->slots[top->sp++] = value;
  }
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] natives
//-----------------------------------------------------------------------------
namespace {

GreenletState* state_of(VM& vm, Thread& t, const Value& h) {
  if (!h.is_int() || h.i < 0 || size_t(h.i) >= vm.greenlets.size()) {
    vm.raise(t, vm.cls.TypeError, "not a greenlet");
    return nullptr;
  }
  GreenletState* g = vm.greenlets[size_t(h.i)].get();
  if (g->thread && g->thread != &t) {
    vm.raise(t, vm.greenlet_error ? vm.greenlet_error : vm.cls.RuntimeError, "cannot switch to a different thread");
    return nullptr;
  }
  return g;
}

Value new_state(VM& vm, Thread& t, const Value& obj, GreenletState* parent, bool is_main) {
  auto g = std::make_unique<GreenletState>();
  g->obj = obj;
  g->parent = parent;
  g->thread = &t;
  g->is_main = is_main;
  g->started = is_main;
  g->index = vm.greenlets.size();
  vm.greenlets.push_back(std::move(g));
  return Value::integer(int64_t(vm.greenlets.size() - 1));
}

bool no_switch_in_callback(VM& vm, Thread& t) {
  if (t.nested == 0) return true;
  vm.raise(t, vm.cls.RuntimeError, "a greenlet cannot switch inside a callback from a builtin (__str__, a key function, ...)");
  return false;
}

NativeStatus g_current(VM& vm, Thread& t, CallArgs& a, Value* out) {
  (void)a;
  *out = t.greenlet ? t.greenlet->obj : Value::none();
  return NativeStatus::Ok;
}

// make_main(obj): the thread's own greenlet, represented by `obj`.
NativeStatus g_make_main(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n != 1) return vm.raise(t, vm.cls.TypeError, "make_main(obj)");
  if (t.greenlet) return vm.raise(t, vm.cls.RuntimeError, "this thread already has its main greenlet");
  *out = new_state(vm, t, a.args[0], nullptr, true);
  t.greenlet = vm.greenlets.back().get();
  return NativeStatus::Ok;
}

// new(obj, parent_handle) -> handle
NativeStatus g_new(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "new(obj, parent)");
  GreenletState* parent = state_of(vm, t, a.args[1]);
  if (!parent) return NativeStatus::Error;
  *out = new_state(vm, t, a.args[0], parent, false);
  return NativeStatus::Ok;
}

// switch(handle, run, args, kwargs): `run` is called with them on the first switch.
NativeStatus g_switch(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n != 4) return vm.raise(t, vm.cls.TypeError, "switch(handle, run, args, kwargs)");
  GreenletState* to = state_of(vm, t, a.args[0]);
  if (!to || !no_switch_in_callback(vm, t)) return NativeStatus::Error;
  while (to->dead && to->parent) to = to->parent;  // a dead greenlet's switch goes to its parent
  if (to == t.greenlet) {
    *out = switch_value(vm, a.args[2], a.args[3]);
    return NativeStatus::Ok;
  }
  if (to->started) {
    swap_in(vm, t, to, switch_value(vm, a.args[2], a.args[3]));
    return NativeStatus::PushedFrame;
  }
  // First switch: its run(*args, **kwargs) becomes the bottom frame of its stack.
  Value fn = a.args[1];
  std::vector<Value> args = as<TupleObj>(a.args[2])->items;
  if (is_type(fn, ObjType::BoundMethod)) {
    args.insert(args.begin(), as<BoundMethodObj>(fn)->self);
    fn = as<BoundMethodObj>(fn)->func;
  }
  if (!is_type(fn, ObjType::Function) || as<FunctionObj>(fn)->code->is_generator)
    return vm.raise(t, vm.cls.TypeError, "a greenlet's run must be a Python function, not '" + vm.type_name(a.args[1]) + "'");
  std::vector<std::pair<Value, Value>> kw;
  if (is_type(a.args[3], ObjType::Dict))
    for (auto& e : as<DictObj>(a.args[3])->entries)
      if (!e.first.empty()) kw.push_back(e);
  to->started = true;
  swap_in(vm, t, to, Value());
  if (!vm.push_call(t, as<FunctionObj>(fn), args.data(), int(args.size()), kw.empty() ? nullptr : &kw,
                    Resume::GreenletEnd)) {
    // It never ran: it is dead, and the error is raised where switch() was called.
    Value exc = t.exc;
    to->dead = true;
    vm.greenlet_ended(t, Value(), true);
    t.exc = exc;
    return NativeStatus::Error;
  }
  return NativeStatus::PushedFrame;
}

// throw(handle, exc): raises `exc` in the greenlet where it is suspended.
NativeStatus g_throw(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "throw(handle, exc)");
  GreenletState* to = state_of(vm, t, a.args[0]);
  if (!to || !no_switch_in_callback(vm, t)) return NativeStatus::Error;
  const Value& exc = a.args[1];
  if (!to->started || to->dead || to == t.greenlet) {
    // Nothing of it runs: a GreenletExit is its (silent) end, anything else is raised here.
    if (!to->started) to->dead = true;
    if (vm.greenlet_exit && vm.isinstance(exc, vm.greenlet_exit) && to != t.greenlet) {
      *out = exc;
      return NativeStatus::Ok;
    }
    return vm.raise_value(t, exc);
  }
  swap_in(vm, t, to, Value());
  Frame* top = t.frames.back();
  top->throw_value = exc;
  top->throw_into_delegate = false;
  return NativeStatus::PushedFrame;
}

NativeStatus g_info(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n != 2 || !is_type(a.args[1], ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "info(handle, what)");
  GreenletState* g = state_of(vm, t, a.args[0]);
  if (!g) return NativeStatus::Error;
  const std::string& what = as<StrObj>(a.args[1])->s;
  if (what == "dead") *out = Value::boolean(g->dead);
  else if (what == "started") *out = Value::boolean(g->started);
  else if (what == "parent") *out = g->parent ? g->parent->obj : Value::none();
  else return vm.raise(t, vm.cls.ValueError, "info: " + what);
  return NativeStatus::Ok;
}

// set_parent(handle, parent_handle): ValueError on a cycle, as the greenlet package.
NativeStatus g_set_parent(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "set_parent(handle, parent)");
  GreenletState* g = state_of(vm, t, a.args[0]);
  GreenletState* p = g ? state_of(vm, t, a.args[1]) : nullptr;
  if (!p) return NativeStatus::Error;
  for (GreenletState* q = p; q; q = q->parent)
    if (q == g) return vm.raise(t, vm.cls.ValueError, "cyclic parent chain");
  g->parent = p;
  *out = Value::none();
  return NativeStatus::Ok;
}

// classes(GreenletExit, error): the exceptions the switching natives raise.
NativeStatus g_classes(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n != 2 || !is_type(a.args[0], ObjType::Class) || !is_type(a.args[1], ObjType::Class))
    return vm.raise(t, vm.cls.TypeError, "classes(GreenletExit, error)");
  vm.greenlet_exit = as<ClassObj>(a.args[0]);
  vm.greenlet_error = as<ClassObj>(a.args[1]);
  *out = Value::none();
  return NativeStatus::Ok;
}

}  // namespace

void install_greenlet_natives(VM& vm, ModuleObj* m) {
  def_native(vm, m, "current", g_current);
  def_native(vm, m, "make_main", g_make_main);
  def_native(vm, m, "new", g_new);
  def_native(vm, m, "switch", g_switch);
  def_native(vm, m, "throw", g_throw);
  def_native(vm, m, "info", g_info);
  def_native(vm, m, "set_parent", g_set_parent);
  def_native(vm, m, "classes", g_classes);
}

}  // namespace interleave::py
