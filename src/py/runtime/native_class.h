// py/runtime/native_class.h - Python classes whose instances are backed by an engine
// primitive (threading.Lock, queue.Queue, ...). They are ordinary (subclassable) classes
// with native methods; an instance's InstanceObj::native points at its core::Primitive,
// which the run owns. The name shown in views comes from the assignment the constructor
// call feeds (`lock_a = threading.Lock()` -> "lock_a"), else "Lock-3".
#pragma once
#include <initializer_list>
#include <string>
#include <utility>

#include "core/run.h"
#include "py/runtime/runtime.h"

namespace interleave::py {

inline ClassObj* native_class(VM& vm, NativeKind kind) { return process_of(vm).native_classes[int(kind)]; }

inline ClassObj* define_native_class(VM& vm, ModuleObj* m, NativeKind kind, const char* name, ClassObj* base,
                                     const char* module,
                                     std::initializer_list<std::pair<const char*, NativeFn>> methods) {
  ClassObj* c = vm.new_class(name, base ? base : vm.cls.object, false);
  c->dict->set(vm.intern("__name__"), vm.str(name));
  c->dict->set(vm.intern("__module__"), vm.str(module));
  for (auto& [n, fn] : methods) vm.method(c, n, fn);
  process_of(vm).native_classes[int(kind)] = c;
  m->dict->set(vm.intern(name), Value::object(c));
  return c;
}

// A read-only attribute computed by `getter(self)`.
inline void add_native_property(VM& vm, ClassObj* c, const char* name, NativeFn getter) {
  auto* p = vm.heap.alloc<InstanceObj>();
  p->cls = vm.cls.property;
  p->dict = vm.new_dict();
  p->dict->set(vm.intern("__func__"), Value::object(vm.native(name, getter)));
  c->dict->set(vm.intern(name), Value::object(p));
}

// The engine object behind `self` (args[0]), or null with TypeError raised.
template <class T>
T* self_native(VM& vm, Thread& t, const CallArgs& a, NativeKind kind) {
  ClassObj* c = native_class(vm, kind);
  if (a.n < 1 || !is_type(a.args[0], ObjType::Instance) || !vm.isinstance(a.args[0], c)) {
    vm.raise(t, vm.cls.TypeError, "descriptor needs a '" + c->name + "' object");
    return nullptr;
  }
  void* p = as<InstanceObj>(a.args[0])->native;
  if (!p) {
    vm.raise(t, vm.cls.RuntimeError, "the " + c->name + " object was not initialised (call its __init__)");
    return nullptr;
  }
  return static_cast<T*>(static_cast<core::Primitive*>(p));
}

// __init__ of a native class: makes the engine object with `make(run, name)`.
template <class Make>
NativeStatus init_native(VM& vm, Thread& t, const CallArgs& a, NativeKind kind, Make&& make, Value* out) {
  ClassObj* c = native_class(vm, kind);
  if (a.n < 1 || !is_type(a.args[0], ObjType::Instance) || !vm.isinstance(a.args[0], c))
    return vm.raise(t, vm.cls.TypeError, "__init__ needs a '" + c->name + "' object");
  std::string name = vm.assignment_target(t);
  if (name.empty()) {
    ProcessRt& proc = process_of(vm);
    std::string type = as<InstanceObj>(a.args[0])->cls->name;
    if (type == "lock") type = "Lock";
    name = type + "-" + std::to_string(++proc.next_name[int(kind)]);
  }
  core::Primitive* p = make(ProgramAccess::run(vm), name);
  as<InstanceObj>(a.args[0])->native = p;
  *out = Value::none();
  return NativeStatus::Ok;
}

}  // namespace interleave::py
