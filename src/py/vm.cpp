// [SECTION] frames & threads  [SECTION] state setup  [SECTION] calls & argument binding
// [SECTION] generators  [SECTION] unwinding & tracebacks  [SECTION] running programs
// The interpreter loop (VM::execute) is in vm_dispatch.cpp.
#include "py/vm.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "py/bigint.h"
#include "py/bytecode.h"
#include "py/compiler.h"
#include "py/greenlet.h"
#include "py/prelude_modules.h"
#include "py/text_utf8.h"
#include "py/vm_internal.h"

namespace interleave::py {

// [SECTION] frames & threads

Frame::Frame(CodeObj* c, uint32_t extra) : code(c) {
  nslots = uint32_t(c->varnames.size() + c->cellvars.size() + c->freevars.size());
  capacity = nslots + uint32_t(c->stacksize) + extra;
  slots = new Value[capacity];
  sp = nslots;
}
Frame::~Frame() { delete[] slots; }

bool Frame::reset(CodeObj* c) {
  uint32_t n = uint32_t(c->varnames.size() + c->cellvars.size() + c->freevars.size());
  if (n + uint32_t(c->stacksize) > capacity) return false;
  code = c;
  func = nullptr;
  globals = locals = nullptr;
  nslots = n;
  sp = n;
  pc = 0;
  blocks.clear();
  gen = nullptr;
  resume = Resume::Call;
  resume_target = 0;
  init_self = Value();
  consume = ConsumeState();
  throw_value = Value();
  throw_into_delegate = false;
  exc_base = 0;
  line_of_call = 0;
  for (uint32_t i = 0; i < n; i++) slots[i] = Value();
  return true;
}

Frame* VM::acquire_frame(CodeObj* c) {
  while (!frame_pool_.empty()) {
    Frame* f = frame_pool_.back();
    frame_pool_.pop_back();
    if (f->reset(c)) return f;
    delete f;
  }
  return new Frame(c, 16);
}

void VM::release_frame(Frame* f) {
  if (frame_pool_.size() < 256) frame_pool_.push_back(f);
  else delete f;
}

Thread::~Thread() {
  for (Frame* f : frames) if (!f->gen) delete f;
}

void trace_frame(Heap& h, Frame* f) {
  h.mark(f->code);
  h.mark(f->func);
  h.mark(f->globals);
  h.mark(f->locals);
  h.mark(f->gen);
  h.mark(f->init_self);
  h.mark(f->throw_value);
  h.mark(f->consume.acc);
  h.mark(f->consume.arg);
  for (uint32_t i = 0; i < f->sp; i++) h.mark(f->slots[i]);
}

// [SECTION] state setup
VM::VM(VmConfig config) : config_(std::move(config)) {
  setup_builtins();
  install_builtins(*this);
  install_modules(*this);
}

VM::~VM() {
  for (auto& g : greenlets)
    for (Frame* f : g->frames)
      if (!f->gen) delete f;
  threads.clear();
  for (Frame* f : frame_pool_) delete f;
}

TupleObj* VM::new_tuple(std::vector<Value> items) {
  auto* t = heap.alloc<TupleObj>();
  t->items = std::move(items);
  return t;
}

NativeObj* VM::native(const std::string& name, NativeFn fn, Value self) {
  auto* n = heap.alloc<NativeObj>();
  n->name = name;
  n->fn = fn;
  n->self = self;
  return n;
}

ClassObj* VM::new_class(const std::string& name, ClassObj* base, bool builtin) {
  auto* c = heap.alloc<ClassObj>();
  c->name = name;
  c->base = base;
  c->dict = new_dict();
  c->is_builtin = builtin;
  c->is_exception = base && base->is_exception;
  if (builtin) c->dict->set(intern("__name__"), str(name));
  return c;
}

void VM::method(ClassObj* c, const std::string& name, NativeFn fn) {
  c->dict->set(intern(name), Value::object(native(name, fn)));
}

void VM::setup_builtins() {
  builtins = new_dict();
  auto& C = cls;
  C.object = new_class("object", nullptr, true);
  auto mk = [&](const char* n, ClassObj* base = nullptr) { return new_class(n, base ? base : cls.object, true); };
  C.type = mk("type"); C.int_ = mk("int"); C.float_ = mk("float"); C.bool_ = mk("bool", C.int_);
  C.str = mk("str"); C.list = mk("list"); C.tuple = mk("tuple"); C.dict = mk("dict"); C.set = mk("set");
  C.frozenset = mk("frozenset"); C.none = mk("NoneType"); C.function = mk("function");
  C.builtin_function = mk("builtin_function_or_method"); C.method = mk("method"); C.generator = mk("generator");
  C.coroutine = mk("coroutine");
  C.range = mk("range"); C.iterator = mk("iterator"); C.module = mk("module"); C.code = mk("code");
  C.cell = mk("cell"); C.slice = mk("slice"); C.file = mk("TextIOWrapper");
  C.super_ = mk("super"); C.dict_view = mk("dict_keys");
  C.staticmethod = mk("staticmethod"); C.classmethod = mk("classmethod"); C.property = mk("property");
  C.BaseException = mk("BaseException");
  C.BaseException->is_exception = true;
  auto ex = [&](const char* n, ClassObj* base) { return new_class(n, base, true); };
  C.Exception = ex("Exception", C.BaseException);
  C.StopIteration = ex("StopIteration", C.Exception);
  C.ArithmeticError = ex("ArithmeticError", C.Exception);
  C.ZeroDivisionError = ex("ZeroDivisionError", C.ArithmeticError);
  C.OverflowError = ex("OverflowError", C.ArithmeticError);
  C.FloatingPointError = ex("FloatingPointError", C.ArithmeticError);
  C.LookupError = ex("LookupError", C.Exception);
  C.KeyError = ex("KeyError", C.LookupError);
  C.IndexError = ex("IndexError", C.LookupError);
  C.ValueError = ex("ValueError", C.Exception);
  C.UnicodeError = ex("UnicodeError", C.ValueError);
  C.TypeError = ex("TypeError", C.Exception);
  C.NameError = ex("NameError", C.Exception);
  C.UnboundLocalError = ex("UnboundLocalError", C.NameError);
  C.AttributeError = ex("AttributeError", C.Exception);
  C.RuntimeError = ex("RuntimeError", C.Exception);
  builtins->set(intern("SystemError"), Value::object(ex("SystemError", C.Exception)));
  builtins->set(intern("ReferenceError"), Value::object(ex("ReferenceError", C.Exception)));
  builtins->set(intern("BufferError"), Value::object(ex("BufferError", C.Exception)));
  C.RecursionError = ex("RecursionError", C.RuntimeError);
  C.NotImplementedError = ex("NotImplementedError", C.RuntimeError);
  C.AssertionError = ex("AssertionError", C.Exception);
  C.MemoryError = ex("MemoryError", C.Exception);
  C.ImportError = ex("ImportError", C.Exception);
  C.ModuleNotFoundError = ex("ModuleNotFoundError", C.ImportError);
  C.OSError = ex("OSError", C.Exception);
  C.FileNotFoundError = ex("FileNotFoundError", C.OSError);
  C.PermissionError = ex("PermissionError", C.OSError);
  C.TimeoutError = ex("TimeoutError", C.OSError);
  C.EOFError = ex("EOFError", C.Exception);
  C.SyntaxError = ex("SyntaxError", C.Exception);
  C.Warning = ex("Warning", C.Exception);
  for (const char* name : {"UserWarning", "DeprecationWarning", "PendingDeprecationWarning", "SyntaxWarning",
                           "RuntimeWarning", "FutureWarning", "ImportWarning", "UnicodeWarning", "BytesWarning",
                           "ResourceWarning", "EncodingWarning"})
    builtins->set(intern(name), Value::object(ex(name, C.Warning)));
  builtins->set(intern("IndentationError"), Value::object(ex("IndentationError", C.SyntaxError)));
  C.KeyboardInterrupt = ex("KeyboardInterrupt", C.BaseException);
  C.GeneratorExit = ex("GeneratorExit", C.BaseException);
  C.SystemExit = ex("SystemExit", C.BaseException);
  for (ClassObj* c : {C.object, C.type, C.int_, C.float_, C.bool_, C.str, C.list, C.tuple, C.dict, C.set,
                      C.frozenset, C.range, C.slice, C.BaseException, C.Exception, C.StopIteration,
                      C.ArithmeticError, C.ZeroDivisionError, C.OverflowError, C.FloatingPointError,
                      C.LookupError, C.KeyError, C.IndexError, C.ValueError, C.UnicodeError, C.TypeError,
                      C.NameError, C.UnboundLocalError, C.AttributeError, C.RuntimeError, C.RecursionError,
                      C.NotImplementedError, C.AssertionError, C.MemoryError, C.ImportError,
                      C.ModuleNotFoundError, C.OSError, C.FileNotFoundError, C.PermissionError,
                      C.TimeoutError, C.EOFError, C.SyntaxError, C.Warning, C.KeyboardInterrupt,
                      C.GeneratorExit, C.SystemExit})
    builtins->set(intern(c->name), Value::object(c));
  // The rest of the OSError family (sockets, pipes): names only, CPython's hierarchy.
  ClassObj* connection = ex("ConnectionError", C.OSError);
  for (const char* name : {"ConnectionRefusedError", "ConnectionResetError", "ConnectionAbortedError", "BrokenPipeError"})
    builtins->set(intern(name), Value::object(ex(name, connection)));
  builtins->set(intern("ConnectionError"), Value::object(connection));
  for (const char* name : {"BlockingIOError", "InterruptedError", "IsADirectoryError", "NotADirectoryError",
                           "FileExistsError", "ChildProcessError", "ProcessLookupError"})
    builtins->set(intern(name), Value::object(ex(name, C.OSError)));
  builtins->set(intern("StopAsyncIteration"), Value::object(ex("StopAsyncIteration", C.Exception)));
  builtins->set(intern("IOError"), Value::object(C.OSError));
  builtins->set(intern("EnvironmentError"), Value::object(C.OSError));
}

ClassObj* VM::type_of(const Value& v) const {
  switch (v.tag) {
    case Tag::Empty:
    case Tag::None: return cls.none;
    case Tag::Bool: return cls.bool_;
    case Tag::Int: return cls.int_;
    case Tag::Float: return cls.float_;
    case Tag::Obj: break;
  }
  switch (v.o->type) {
    case ObjType::Str: return cls.str;
    case ObjType::BigInt: return cls.int_;
    case ObjType::List: return cls.list;
    case ObjType::Tuple: return cls.tuple;
    case ObjType::Dict: return cls.dict;
    case ObjType::Set: return as<SetObj>(v)->frozen ? cls.frozenset : cls.set;
    case ObjType::Function: return cls.function;
    case ObjType::Code: return cls.code;
    case ObjType::Class: return as<ClassObj>(v)->meta ? as<ClassObj>(v)->meta : cls.type;
    case ObjType::Instance: return as<InstanceObj>(v)->cls;
    case ObjType::BoundMethod: return cls.method;
    case ObjType::Native: return cls.builtin_function;
    case ObjType::Generator: return as<GeneratorObj>(v)->coroutine ? cls.coroutine : cls.generator;
    case ObjType::Range: return cls.range;
    case ObjType::Iterator: return cls.iterator;
    case ObjType::Cell: return cls.cell;
    case ObjType::Module: return cls.module;
    case ObjType::Slice: return cls.slice;
    case ObjType::File: return cls.file;
    case ObjType::Bytes: return as<BytesObj>(v)->mut ? cls.bytearray : cls.bytes;
  }
  return cls.object;
}

std::string VM::type_name(const Value& v) const {
  if (is_type(v, ObjType::Iterator)) {
    if (as<IteratorObj>(v)->is_view) {
      auto k = as<IteratorObj>(v)->kind;
      return k == IterKind::DictKeys ? "dict_keys" : k == IterKind::DictValues ? "dict_values" : "dict_items";
    }
    switch (as<IteratorObj>(v)->kind) {
      case IterKind::Enumerate: return "enumerate";
      case IterKind::Zip: return "zip";
      case IterKind::Map: return "map";
      case IterKind::Filter: return "filter";
      case IterKind::Reversed: return "list_reverseiterator";
      case IterKind::Range: return "range_iterator";
      case IterKind::Str: return "str_ascii_iterator";
      case IterKind::Bytes: return as<BytesObj>(as<IteratorObj>(v)->src)->mut ? "bytearray_iterator" : "bytes_iterator";
      case IterKind::DictKeys: return "dict_keyiterator";
      case IterKind::Gen: return as<GeneratorObj>(as<IteratorObj>(v)->src)->name;
      default: return "list_iterator";
    }
  }
  return type_of(v)->name;
}

bool VM::is_subclass(const ClassObj* c, const ClassObj* base) const {
  if (c && !c->mro.empty()) return std::find(c->mro.begin(), c->mro.end(), base) != c->mro.end() || base == cls.object;
  for (; c; c = c->base) if (c == base) return true;
  return base == cls.object;
}

std::vector<ClassObj*> VM::mro_of(ClassObj* c) const {
  if (!c->mro.empty()) return c->mro;
  std::vector<ClassObj*> out;
  for (; c; c = c->base) out.push_back(c);
  return out;
}

std::vector<ClassObj*> VM::bases_of(ClassObj* c) const {
  if (c->bases) {
    std::vector<ClassObj*> out;
    for (auto& b : c->bases->items) out.push_back(as<ClassObj>(b));
    return out;
  }
  return c->base ? std::vector<ClassObj*>{c->base} : std::vector<ClassObj*>{};
}

namespace {

// CPython's C3 merge of the bases' MROs and the bases list: repeatedly takes the first head
// that is in no list's tail. On failure *stuck holds the heads left (CPython's message).
bool c3_merge(std::vector<std::vector<ClassObj*>> seqs, std::vector<ClassObj*>* out, std::vector<ClassObj*>* stuck) {
  std::vector<size_t> pos(seqs.size(), 0);
  auto in_tail = [&](ClassObj* k) {
    for (size_t i = 0; i < seqs.size(); i++)
      if (std::find(seqs[i].begin() + long(std::min(pos[i] + 1, seqs[i].size())), seqs[i].end(), k) != seqs[i].end())
        return true;
    return false;
  };
  for (;;) {
    ClassObj* next = nullptr;
    bool left = false;
    for (size_t i = 0; i < seqs.size() && !next; i++) {
      if (pos[i] >= seqs[i].size()) continue;
      left = true;
      if (!in_tail(seqs[i][pos[i]])) next = seqs[i][pos[i]];
    }
    if (!left) return true;
    if (!next) {
      for (size_t i = 0; i < seqs.size(); i++)
        if (pos[i] < seqs[i].size() && std::find(stuck->begin(), stuck->end(), seqs[i][pos[i]]) == stuck->end())
          stuck->push_back(seqs[i][pos[i]]);
      return false;
    }
    out->push_back(next);
    for (size_t i = 0; i < seqs.size(); i++)
      if (pos[i] < seqs[i].size() && seqs[i][pos[i]] == next) pos[i]++;
  }
}

}  // namespace

bool VM::set_bases(Thread& t, ClassObj* c, const std::vector<ClassObj*>& bases) {
  if (bases.size() == 1) {  // one base: its MRO after c (a vector only if the base has one)
    if (!bases[0]->mro.empty()) {
      c->mro.assign(1, c);
      c->mro.insert(c->mro.end(), bases[0]->mro.begin(), bases[0]->mro.end());
    }
    return true;
  }
  for (size_t i = 0; i < bases.size(); i++)
    for (size_t j = i + 1; j < bases.size(); j++)
      if (bases[i] == bases[j]) {
        raise(t, cls.TypeError, "duplicate base class " + bases[i]->name);
        return false;
      }
  std::vector<std::vector<ClassObj*>> seqs;
  for (ClassObj* b : bases) seqs.push_back(mro_of(b));
  seqs.push_back(bases);
  std::vector<ClassObj*> mro{c}, stuck;
  if (!c3_merge(std::move(seqs), &mro, &stuck)) {
    std::string names;
    for (ClassObj* k : stuck) names += (names.empty() ? " " : ", ") + k->name;
    raise(t, cls.TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases" + names);
    return false;
  }
  std::vector<Value> items;
  for (ClassObj* b : bases) items.push_back(Value::object(b));
  c->bases = new_tuple(std::move(items));
  c->mro = std::move(mro);
  return true;
}

// [SECTION] calls & argument binding
namespace {

NativeStatus arg_error(VM& vm, Thread& t, const std::string& msg) { return vm.raise(t, vm.cls.TypeError, msg); }

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

// Binds call arguments into a fresh frame's slots (CPython's rules and messages).
bool bind_args(VM& vm, Thread& t, FunctionObj* fn, Frame* fr, Value* args, int n,
               const std::vector<std::pair<Value, Value>>* kw) {
  CodeObj* c = fn->code;
  // Messages name the function by its qualified name, as CPython 3.10+ does (C.m(), f.<locals>.g()).
  const std::string& shown = c->qualname.empty() ? fn->name : c->qualname;
  Value* s = fr->slots;
  int argc = c->argcount;
  int npos = std::min(n, argc);
  for (int i = 0; i < npos; i++) s[i] = args[i];
  int var_slot = argc + c->kwonlycount;
  if (n > argc) {
    if (!c->varargs) {
      int ndef = int(fn->defaults.size());
      std::string takes = ndef ? "from " + std::to_string(argc - ndef) + " to " + std::to_string(argc) : std::to_string(argc);
      int kwgiven = 0;
      if (kw) for (auto& kv : *kw)
        for (int i = argc; i < argc + c->kwonlycount; i++) if (c->varnames[i] == as<StrObj>(kv.first)->s) kwgiven++;
      std::string given = kwgiven ? std::to_string(n) + " positional argument" + (n == 1 ? "" : "s") + " (and " +
                                        std::to_string(kwgiven) + " keyword-only argument" + (kwgiven == 1 ? "" : "s") + ")"
                                  : std::to_string(n);
      arg_error(vm, t, shown + "() takes " + takes + " positional argument" + (argc == 1 && !ndef ? "" : "s") +
                           " but " + given + (n == 1 && !kwgiven ? " was" : " were") + " given");
      return false;
    }
    s[var_slot] = Value::object(vm.new_tuple(std::vector<Value>(args + argc, args + n)));
  } else if (c->varargs) {
    s[var_slot] = Value::object(vm.new_tuple());
  }
  DictObj* kwdict = nullptr;
  if (c->varkw) {
    kwdict = vm.new_dict();
    s[var_slot + (c->varargs ? 1 : 0)] = Value::object(kwdict);
  }
  if (kw) {
    for (auto& [k, v] : *kw) {
      const std::string& name = as<StrObj>(k)->s;
      int idx = -1;
      for (int i = 0; i < argc + c->kwonlycount; i++) if (c->varnames[i] == name) { idx = i; break; }
      if (idx < 0) {
        if (!kwdict) { arg_error(vm, t, shown + "() got an unexpected keyword argument '" + name + "'"); return false; }
        kwdict->set(k, v);
        continue;
      }
      if (!s[idx].empty()) { arg_error(vm, t, shown + "() got multiple values for argument '" + name + "'"); return false; }
      s[idx] = v;
    }
  }
  int ndef = int(fn->defaults.size());
  std::vector<std::string> missing;
  for (int i = npos; i < argc; i++) {
    if (!s[i].empty()) continue;
    if (i >= argc - ndef) s[i] = fn->defaults[i - (argc - ndef)];
    else missing.push_back("'" + c->varnames[i] + "'");
  }
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); i++) {
      if (i) list += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
      list += missing[i];
    }
    arg_error(vm, t, shown + "() missing " + plural(int(missing.size()), "required positional argument") + ": " + list);
    return false;
  }
  for (int i = argc; i < argc + c->kwonlycount; i++) {
    if (!s[i].empty()) continue;
    Value* d = fn->kwdefaults ? fn->kwdefaults->find(vm.intern(c->varnames[i])) : nullptr;
    if (!d) { arg_error(vm, t, shown + "() missing 1 required keyword-only argument: '" + c->varnames[i] + "'"); return false; }
    s[i] = *d;
  }
  size_t nvars = c->varnames.size();
  for (size_t i = 0; i < c->cellvars.size(); i++) {
    auto* cell = vm.heap.alloc<CellObj>();
    if (c->cell_param[i] >= 0) cell->v = s[c->cell_param[i]];
    s[nvars + i] = Value::object(cell);
  }
  for (size_t i = 0; i < c->freevars.size(); i++) s[nvars + c->cellvars.size() + i] = Value::object(fn->closure[i]);
  return true;
}

}  // namespace

static Frame* make_frame(VM& vm, Thread& t, FunctionObj* fn, Value* args, int n,
                         const std::vector<std::pair<Value, Value>>* kw) {
  Frame* fr = vm.acquire_frame(fn->code);
  fr->func = fn;
  fr->globals = fn->globals;
  if (!fn->code->fast_locals) fr->locals = vm.new_dict();
  if (!bind_args(vm, t, fn, fr, args, n, kw)) {
    vm.release_frame(fr);
    return nullptr;
  }
  return fr;
}

bool VM::push_call(Thread& t, FunctionObj* fn, Value* args, int n,
                   const std::vector<std::pair<Value, Value>>* kw, Resume resume) {
  if (int(t.frames.size()) >= config_.limits.max_recursion) {
    raise(t, cls.RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  Frame* fr = make_frame(*this, t, fn, args, n, kw);
  if (!fr) return false;
  if (fn->code->is_generator) {
    raise(t, cls.RuntimeError, "internal: generator pushed as a call");
    delete fr;
    return false;
  }
  fr->resume = resume;
  fr->exc_base = uint32_t(t.exc_stack.size());
  t.frames.push_back(fr);
  return true;
}


// Calls `fn` with args[0..n) (+kw). Python functions are pushed as frames (no C++ recursion).
// no_meta: a class is called as type.__call__ does (its metaclass's __call__ is not asked).
CallOutcome call_any(VM& vm, Thread& t, const Value& fn, Value* args, int n,
                     const std::vector<std::pair<Value, Value>>* kw, Value* out, bool no_meta) {
  if (fn.tag == Tag::Obj) {
    switch (fn.o->type) {
      case ObjType::Function: {
        auto* f = as<FunctionObj>(fn);
        if (f->code->is_generator) {
          Frame* fr = make_frame(vm, t, f, args, n, kw);
          if (!fr) return CallOutcome::Error;
          auto* g = vm.heap.alloc<GeneratorObj>();
          g->frame = fr;
          g->name = f->name;
          g->coroutine = f->code->is_coroutine;
          fr->gen = g;
          *out = Value::object(g);
          return CallOutcome::Value;
        }
        return vm.push_call(t, f, args, n, kw, Resume::Call) ? CallOutcome::Pushed : CallOutcome::Error;
      }
      case ObjType::Native: {
        CallArgs ca{args, n, kw};
        switch (as<NativeObj>(fn)->fn(vm, t, ca, out)) {
          case NativeStatus::Ok: return CallOutcome::Value;
          case NativeStatus::Error: return CallOutcome::Error;
          case NativeStatus::Block: return CallOutcome::Block;
          case NativeStatus::PushedFrame: return CallOutcome::Pushed;
        }
        return CallOutcome::Error;
      }
      case ObjType::BoundMethod: {
        auto* bm = as<BoundMethodObj>(fn);
        std::vector<Value> full;
        full.reserve(n + 1);
        full.push_back(bm->self);
        full.insert(full.end(), args, args + n);
        // bound Python methods bind straight from the copy; the frame owns its own slots
        return call_any(vm, t, bm->func, full.data(), n + 1, kw, out);
      }
      case ObjType::Class: {
        auto* c = as<ClassObj>(fn);
        if (c->meta && !no_meta) {  // the metaclass's __call__(cls, *args)
          if (FunctionObj* mc = vm.python_method(fn, "__call__")) {
            std::vector<Value> full{fn};
            full.insert(full.end(), args, args + n);
            return call_any(vm, t, Value::object(mc), full.data(), n + 1, kw, out);
          }
        }
        Value ctor;
        ClassObj* owner = vm.find_class_attr(c, vm.heap.intern("__new__"), &ctor);
        if (c->is_builtin && !c->is_exception) {
          if (owner && is_type(ctor, ObjType::Native)) {
            std::vector<Value> full;
            full.push_back(fn);
            full.insert(full.end(), args, args + n);
            return call_any(vm, t, ctor, full.data(), n + 1, kw, out);
          }
          vm.raise(t, vm.cls.TypeError, "cannot create '" + c->name + "' instances");
          return CallOutcome::Error;
        }
        Value self;
        if (owner && !owner->is_builtin) {
          // A user __new__(cls, *args): its result is the call's; __init__ runs only on an
          // instance of the class (CPython's rule). Called nested.
          if (is_type(ctor, ObjType::Instance) && as<InstanceObj>(ctor)->cls == vm.cls.staticmethod)
            ctor = *as<InstanceObj>(ctor)->dict->find(vm.intern("__func__"));
          std::vector<Value> full{fn};
          full.insert(full.end(), args, args + n);
          if (!vm.call_value(t, ctor, std::move(full), &self, kw)) return CallOutcome::Error;
          if (!vm.isinstance(self, c)) {
            *out = self;
            return CallOutcome::Value;
          }
          if (is_type(self, ObjType::Instance) && c->is_exception && as<InstanceObj>(self)->args.empty())
            as<InstanceObj>(self)->args = Value::object(vm.new_tuple(std::vector<Value>(args, args + n)));
        } else {
          if (!vm.check_abstract(t, c)) return CallOutcome::Error;
          auto* inst = vm.heap.alloc<InstanceObj>();
          inst->cls = c;
          inst->dict = vm.new_dict();
          if (c->is_exception) inst->args = Value::object(vm.new_tuple(std::vector<Value>(args, args + n)));
          self = Value::object(inst);
        }
        Value init;
        ClassObj* init_owner = vm.find_class_attr(c, vm.heap.intern("__init__"), &init);
        if (!init_owner || !is_type(init, ObjType::Function)) {
          // object.__init__ is not called: arguments for it are object.__new__'s error
          if (init_owner && init_owner != vm.cls.object && is_type(init, ObjType::Native)) {
            std::vector<Value> full{self};
            full.insert(full.end(), args, args + n);
            Value ignored;
            CallArgs ca{full.data(), n + 1, kw};
            if (as<NativeObj>(init)->fn(vm, t, ca, &ignored) != NativeStatus::Ok) return CallOutcome::Error;
          } else if ((n > 0 || (kw && !kw->empty())) && !c->is_exception && !(owner && !owner->is_builtin)) {
            vm.raise(t, vm.cls.TypeError, c->name + "() takes no arguments");
            return CallOutcome::Error;
          }
          *out = self;
          return CallOutcome::Value;
        }
        std::vector<Value> full{self};
        full.insert(full.end(), args, args + n);
        if (!vm.push_call(t, as<FunctionObj>(init), full.data(), n + 1, kw, Resume::Init)) return CallOutcome::Error;
        t.frames.back()->init_self = self;
        return CallOutcome::Pushed;
      }
      case ObjType::Instance: {
        Value call;
        bool found = false;
        if (!vm.lookup_attr(t, fn, vm.heap.intern("__call__"), &call, &found)) return CallOutcome::Error;
        if (found) return call_any(vm, t, call, args, n, kw, out);
        break;
      }
      default: break;
    }
  }
  vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(fn) + "' object is not callable");
  return CallOutcome::Error;
}

bool VM::raise_abstract(Thread& t, ClassObj* c) {
  auto& names = c->abstract_names->items;
  std::string list;
  for (size_t i = 0; i < names.size(); i++) list += (i ? ", " : "") + as<StrObj>(names[i])->s;
  raise(t, cls.TypeError, "Can't instantiate abstract class " + c->name + " with abstract method" +
                              (names.size() > 1 ? "s " : " ") + list);
  return false;
}

// CPython's update_bases: a base that is not a class but has __mro_entries__ (typing's
// Generic[T], a generic alias) is replaced by what it returns; the bases as written are kept
// in __orig_bases__.
bool VM::resolve_mro_entries(Thread& t, std::vector<Value>* bases, DictObj* ns) {
  if (std::all_of(bases->begin(), bases->end(), [](const Value& b) { return is_type(b, ObjType::Class); })) return true;
  Value orig = Value::object(new_tuple(*bases));
  std::vector<Value> out;
  for (const Value& b : as<TupleObj>(orig)->items) {
    Value fn, r;
    bool found = false;
    if (!is_type(b, ObjType::Class) && !lookup_attr(t, b, heap.intern("__mro_entries__"), &fn, &found)) return false;
    if (!found) {
      out.push_back(b);
      continue;
    }
    if (!call_value(t, fn, {orig}, &r)) return false;
    if (!is_type(r, ObjType::Tuple)) {
      raise(t, cls.TypeError, "__mro_entries__ must return a tuple");
      return false;
    }
    out.insert(out.end(), as<TupleObj>(r)->items.begin(), as<TupleObj>(r)->items.end());
  }
  ns->set(intern("__orig_bases__"), orig);
  *bases = std::move(out);
  return true;
}

namespace {

// CPython's solid_base: the nearest ancestor along __base__ whose instances have a C layout of
// their own (Python classes add only a __dict__). Exceptions with extra fields in CPython 3.11
// have their own; the other builtin exceptions share BaseException's.
ClassObj* solid_base(VM& vm, ClassObj* c) {
  static const char* const kOwnLayout[] = {"BaseException", "StopIteration", "SystemExit", "ImportError", "OSError",
                                           "SyntaxError", "UnicodeEncodeError", "UnicodeDecodeError",
                                           "UnicodeTranslateError", "AttributeError", "NameError",
                                           "BaseExceptionGroup"};
  for (; c && c != vm.cls.object; c = c->base) {
    if (!c->is_builtin) continue;
    if (!c->is_exception) return c;
    for (const char* n : kOwnLayout)
      if (c->name == n) return c;
  }
  return vm.cls.object;
}

}  // namespace

// CPython's best_base: the base whose layout extends all the others' (__base__), or
// "multiple bases have instance lay-out conflict" (class X(int, str)).
ClassObj* VM::best_base(Thread& t, const std::vector<ClassObj*>& bases) {
  ClassObj *base = nullptr, *winner = nullptr;
  for (ClassObj* b : bases) {
    ClassObj* candidate = solid_base(*this, b);
    if (!winner || (is_subclass(candidate, winner) && candidate != winner)) {
      winner = candidate;
      base = b;
    } else if (!is_subclass(winner, candidate)) {
      raise(t, cls.TypeError, "multiple bases have instance lay-out conflict");
      return nullptr;
    }
  }
  return base;
}

// CPython's _PyType_CalculateMetaclass: the most derived of the given metaclass and the bases'
// (null for type), or "metaclass conflict".
bool VM::calculate_meta(Thread& t, const std::vector<ClassObj*>& bases, const Value& meta_arg, ClassObj** meta) {
  *meta = nullptr;
  if (!meta_arg.empty() && !meta_arg.is_none()) {
    if (!is_type(meta_arg, ObjType::Class)) {
      raise(t, cls.TypeError, "metaclass must be a class");  // Interleave: only classes as metaclasses
      return false;
    }
    if (as<ClassObj>(meta_arg) != cls.type) *meta = as<ClassObj>(meta_arg);
  }
  for (ClassObj* b : bases) {
    ClassObj* m = b->meta;
    if (!m || (*meta && is_subclass(*meta, m))) continue;  // type, or already as derived
    if (*meta && !is_subclass(m, *meta)) {
      raise(t, cls.TypeError, "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass "
                              "of the metaclasses of all its bases");
      return false;
    }
    *meta = m;
  }
  return true;
}

// A classmethod, staticmethod or property: its functions get the class cell too, so super()
// works in them (CPython's __class__ cell reaches every function of the class body).
bool VM::wraps_functions(const Value& v) const {
  if (!is_type(v, ObjType::Instance)) return false;
  ClassObj* k = as<InstanceObj>(v)->cls;
  return k == cls.classmethod || k == cls.staticmethod || k == cls.property;
}

void VM::set_class_cell_in_wrapper(const Value& v, ClassObj* c) {
  for (const char* field : {"__func__", "__fset__"}) {
    Value* f = as<InstanceObj>(v)->dict->find(Value::object(heap.intern(field)));
    if (f && is_type(*f, ObjType::Function) && as<FunctionObj>(*f)->class_cell.empty())
      as<FunctionObj>(*f)->class_cell = Value::object(c);
  }
}

ClassObj* VM::make_class(Thread& t, const std::string& name, const std::vector<Value>& base_values, DictObj* ns,
                         const Value& meta_arg, bool in_type_new) {
  std::vector<ClassObj*> bases;
  for (const Value& v : base_values) {
    if (!is_type(v, ObjType::Class)) {
      raise(t, cls.TypeError, "bases must be types");
      return nullptr;
    }
    bases.push_back(as<ClassObj>(v));
  }
  if (bases.empty()) bases.push_back(cls.object);
  ClassObj* meta;
  if (!calculate_meta(t, bases, meta_arg, &meta)) return nullptr;
  std::vector<Value> bases_items;
  for (ClassObj* k : bases) bases_items.push_back(Value::object(k));
  if (base_values.empty()) bases_items.clear();  // class C: gets bases () (CPython)
  Value bases_v = Value::object(new_tuple(std::move(bases_items)));
  if (meta && !in_type_new) {  // the metaclass's own __new__ makes the class
    Value mnew;
    if (ClassObj* owner = find_class_attr(meta, heap.intern("__new__"), &mnew); owner && !owner->is_builtin) {
      if (is_type(mnew, ObjType::Instance) && as<InstanceObj>(mnew)->cls == cls.staticmethod)
        mnew = *as<InstanceObj>(mnew)->dict->find(intern("__func__"));
      Value made;
      if (!call_value(t, mnew, {Value::object(meta), str(name), bases_v, Value::object(ns)}, &made)) return nullptr;
      if (!is_type(made, ObjType::Class)) {
        raise(t, cls.TypeError, "Interleave: a metaclass __new__ must return a class");
        return nullptr;
      }
      Value minit, r;
      if (ClassObj* io = find_class_attr(meta, heap.intern("__init__"), &minit); io && !io->is_builtin)
        if (!call_value(t, minit, {made, str(name), bases_v, Value::object(ns)}, &r)) return nullptr;
      return as<ClassObj>(made);
    }
  }
  ClassObj* b = best_base(t, bases);
  if (!b) return nullptr;
  for (ClassObj* k : bases)
    if (k->is_builtin && !k->is_exception && k != cls.object && k != cls.type) {
      raise(t, cls.TypeError, "subclassing the builtin type '" + k->name + "' is not supported by Interleave");
      return nullptr;
    }
  auto* c = heap.alloc<ClassObj>();
  c->name = name;
  c->base = b;
  c->dict = ns;
  c->is_exception = b->is_exception;
  c->meta = meta;
  if (!set_bases(t, c, bases)) return nullptr;
  // CPython's type_new: a class defining __eq__ but not __hash__ is unhashable
  if (ns->find(Value::object(heap.intern("__eq__"))) && !ns->find(Value::object(heap.intern("__hash__"))))
    ns->set(Value::object(heap.intern("__hash__")), Value::none());
  bool descriptors = false;
  for (auto& e : c->dict->entries) {
    if (is_type(e.second, ObjType::Function)) as<FunctionObj>(e.second)->class_cell = Value::object(c);
    else if (wraps_functions(e.second)) set_class_cell_in_wrapper(e.second, c);
    else if (is_type(e.second, ObjType::Instance) && !as<InstanceObj>(e.second)->cls->is_builtin) descriptors = true;
  }
  Value cv = Value::object(c);
  if (descriptors) {  // __set_name__(owner, name) of the namespace's objects, in definition order
    std::vector<std::pair<Value, Value>> items;
    for (auto& e : c->dict->entries)
      if (!e.first.empty() && is_type(e.second, ObjType::Instance) && !as<InstanceObj>(e.second)->cls->is_builtin)
        items.push_back(e);
    for (auto& [k, v] : items) {
      Value hook, r;
      if (!find_class_attr(as<InstanceObj>(v)->cls, heap.intern("__set_name__"), &hook)) continue;
      if (!call_value(t, hook, {v, cv, k}, &r)) return nullptr;
    }
  }
  Value hook;
  if (ClassObj* owner = find_attr_after(c, c, heap.intern("__init_subclass__"), &hook); owner && !owner->is_builtin) {
    if (is_type(hook, ObjType::Instance) && as<InstanceObj>(hook)->cls == cls.classmethod)
      hook = *as<InstanceObj>(hook)->dict->find(intern("__func__"));
    Value r;
    if (!call_value(t, hook, {cv}, &r)) return nullptr;
  }
  if (meta && !in_type_new) {  // the metaclass's __init__(cls, name, bases, ns)
    Value minit, r;
    if (ClassObj* io = find_class_attr(meta, heap.intern("__init__"), &minit); io && !io->is_builtin)
      if (!call_value(t, minit, {cv, str(name), bases_v, Value::object(ns)}, &r)) return nullptr;
  }
  return c;
}

NativeStatus VM::construct(Thread& t, ClassObj* c, Value* args, int n, const std::vector<std::pair<Value, Value>>* kw,
                           Value* out) {
  switch (call_any(*this, t, Value::object(c), args, n, kw, out, true)) {
    case CallOutcome::Value: return NativeStatus::Ok;
    case CallOutcome::Pushed: return NativeStatus::PushedFrame;
    case CallOutcome::Block: return NativeStatus::Block;
    case CallOutcome::Error: break;
  }
  return NativeStatus::Error;
}

bool VM::call_value(Thread& t, const Value& fn, std::vector<Value> args, Value* out,
                    const std::vector<std::pair<Value, Value>>* kw) {
  size_t depth = t.frames.size();
  CallOutcome r = call_any(*this, t, fn, args.data(), int(args.size()), kw, out);
  if (r == CallOutcome::Value) return true;
  if (r == CallOutcome::Error) return false;
  if (r == CallOutcome::Block) {
    raise(t, cls.RuntimeError, "a blocking call cannot run inside a callback from a builtin");
    return false;
  }
  // A frame was pushed: run it to completion in a nested, non-preemptible loop.
  // Nested loops use the C++ stack, so their depth is capped well below its size.
  if (t.nested >= kMaxNested || stack_exhausted(t)) {
    Frame* pushed = t.frames.back();
    t.frames.pop_back();
    if (pushed->gen) { pushed->gen->running = false; } else delete pushed;
    raise(t, cls.RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  Frame* top = t.frames.back();
  if (top->resume == Resume::Call) top->resume = Resume::Nested;
  if (run_nested(t, depth) != RunStatus::Done) return false;
  *out = t.result;
  return true;
}

// On the path of every step: the guard is inlined, and the rare failure handled out of line.
inline RunStatus VM::execute_guarded(Thread& t, uint64_t budget, size_t base_depth) {
  for (;;) {
    try {
      return execute(t, budget, base_depth);
    } catch (...) {  // not by type: the threaded wasm build cannot match types (core/failure.h)
      if (!core::take_allocation_failure()) throw;
      if (!raise_memory_error(t, base_depth)) return RunStatus::Error;
    }
  }
}

// After an allocation failed inside execute(): MemoryError in the thread's current frame.
// The frame's saved pc/sp may lag the loop's: a handler resets sp, and an unhandled error
// drops the frame, so neither is read stale. False when nothing handles it.
bool VM::raise_memory_error(Thread& t, size_t base_depth) {
  core::MemoryLimitLift lift;  // raising and unwinding (tracebacks) allocate too
  raise(t, cls.MemoryError, "");
  return t.frames.size() > base_depth && unwind(t, base_depth);
}

RunStatus VM::run_nested(Thread& t, size_t depth) {
  t.nested++;
  nested_total_++;
  RunStatus st;
  if (stack_exhausted(t)) {  // no deeper on the C++ stack: raise in the pushed frame
    raise(t, cls.RecursionError, "maximum recursion depth exceeded");
    st = unwind(t, depth) ? execute_guarded(t, 0, depth) : RunStatus::Error;
  } else {
    st = execute_guarded(t, 0, depth);
  }
  while (st == RunStatus::Blocked) {
    // A nested loop cannot be suspended: the blocked call raises (catchable) instead.
    t.frames.back()->pc++;  // past the call, so the traceback names its line
    raise(t, cls.RuntimeError, "a blocking call cannot run inside a callback from a builtin");
    st = unwind(t, depth) ? execute_guarded(t, 0, depth) : RunStatus::Error;
  }
  t.nested--;
  nested_total_--;
  return st;
}

bool VM::run_module_body(Thread& t, CodeObj* code, ModuleObj* mod) {
  size_t depth = t.frames.size();
  Frame* fr = new Frame(code, 0);
  fr->globals = mod->dict;
  fr->locals = mod->dict;
  fr->resume = Resume::Nested;
  fr->exc_base = uint32_t(t.exc_stack.size());
  t.frames.push_back(fr);
  return run_nested(t, depth) == RunStatus::Done;
}

// [SECTION] generators
NativeStatus VM::resume_generator(Thread& t, GeneratorObj* g, const Value& sent, Resume resume, uint32_t target) {
  if (!g->frame) return raise_value(t, make_exception(cls.StopIteration, {}));
  if (g->running) return raise(t, cls.ValueError, "generator already executing");
  Frame* f = g->frame;
  if (!g->started) {
    if (!sent.empty() && !sent.is_none())
      return raise(t, cls.TypeError, "can't send non-None value to a just-started generator");
    g->started = true;
  } else {
    f->slots[f->sp++] = sent.empty() ? Value::none() : sent;
  }
  if (int(t.frames.size()) >= config_.limits.max_recursion) return raise(t, cls.RecursionError, "maximum recursion depth exceeded");
  g->running = true;
  f->resume = resume;
  f->resume_target = target;
  f->exc_base = uint32_t(t.exc_stack.size());
  t.frames.push_back(f);
  return NativeStatus::PushedFrame;
}

NativeStatus VM::throw_generator(Thread& t, GeneratorObj* g, const Value& exc, Resume resume, uint32_t target) {
  if (g->running) return raise(t, cls.ValueError, "generator already executing");
  if (!g->frame || !g->started) {  // nothing to run: it ends, and the exception is the caller's
    if (g->frame) {
      release_frame(g->frame);
      g->frame = nullptr;
    }
    return raise_value(t, exc);
  }
  Frame* f = g->frame;
  const auto& code = f->code->code;
  // Suspended inside `yield from` (YF_SEND; YIELD_VALUE; JUMP back): the delegate gets it.
  const bool delegating = f->pc >= 2 && f->pc < code.size() && ins_op(code[f->pc]) == JUMP &&
                          ins_arg(code[f->pc]) == f->pc - 2 && ins_op(code[f->pc - 2]) == YF_SEND;
  if (delegating) f->pc -= 2;
  f->throw_value = exc;
  f->throw_into_delegate = delegating;
  return resume_generator(t, g, Value::none(), resume, target);
}

bool VM::get_awaitable(Thread& t, const Value& v, Value* out) {
  if (is_type(v, ObjType::Generator) && as<GeneratorObj>(v)->coroutine) {
    auto* g = as<GeneratorObj>(v);
    if (g->awaited || (!g->frame && g->started)) {
      raise(t, cls.RuntimeError, "cannot reuse already awaited coroutine");
      return false;
    }
    g->awaited = true;
    *out = v;
    return true;
  }
  Value method;
  bool found = false;
  if (!is_type(v, ObjType::Generator) && is_type(v, ObjType::Instance) &&
      !lookup_attr(t, v, heap.intern("__await__"), &method, &found))
    return false;
  if (!found) {
    raise(t, cls.TypeError, "object " + type_name(v) + " can't be used in 'await' expression");
    return false;
  }
  // __await__ is a generator function (asyncio's Future): calling it runs nothing.
  if (!call_value(t, method, {}, out)) return false;
  if (!is_type(*out, ObjType::Generator) && !is_type(*out, ObjType::Iterator)) {
    raise(t, cls.TypeError, "__await__() returned non-iterator of type '" + type_name(*out) + "'");
    return false;
  }
  if (is_type(*out, ObjType::Generator) && as<GeneratorObj>(*out)->coroutine) {
    raise(t, cls.TypeError, "__await__() returned a coroutine");
    return false;
  }
  return true;
}

GeneratorObj* VM::generator_of(const Value& it) {
  if (it.tag != Tag::Obj) return nullptr;
  if (it.o->type == ObjType::Generator) return as<GeneratorObj>(it);
  if (it.o->type == ObjType::Iterator && as<IteratorObj>(it)->kind == IterKind::Gen) return as<GeneratorObj>(as<IteratorObj>(it)->src);
  return nullptr;
}

NativeStatus VM::consume(Thread& t, GeneratorObj* g, const ConsumeState& st, Value* out) {
  if (!g->frame) {  // exhausted already: the builtin's result for no items
    ConsumeState done = st;
    bool stop = false;
    return done.fn(*this, t, done, nullptr, &stop, out) ? NativeStatus::Ok : NativeStatus::Error;
  }
  NativeStatus r = resume_generator(t, g, Value(), Resume::Consume, 0);
  if (r == NativeStatus::PushedFrame) g->frame->consume = st;
  return r;
}

// [SECTION] unwinding & tracebacks
static void add_tb(InstanceObj* e, Frame* f, int line) {
  if (!e->tb) { e->tb = new std::vector<std::pair<std::string, int>>(); e->tb_files = new std::vector<std::string>(); }
  e->tb->emplace_back(f->code->name, line);
  e->tb_files->push_back(f->code->filename);
}

// `v` as an exception instance (a class is called with no arguments), or false with
// TypeError `what` raised.
bool VM::exception_instance(Thread& t, Value& v, const char* what) {
  if (is_type(v, ObjType::Class) && as<ClassObj>(v)->is_exception) {
    Value inst;
    if (!call_value(t, v, {}, &inst)) return false;
    v = inst;
  }
  if (is_type(v, ObjType::Instance) && as<InstanceObj>(v)->cls->is_exception) return true;
  raise(t, cls.TypeError, what);
  return false;
}

// An exception raised while another is handled has that one as its __context__ (PEP 3134),
// unless that would make a cycle.
void VM::set_context(Thread& t, InstanceObj* e) {
  if (t.exc_stack.empty()) return;
  const Value handled = t.exc_stack.back();
  if (!is_type(handled, ObjType::Instance) || as<InstanceObj>(handled) == e) return;
  Value* link = nullptr;
  for (Value c = handled; is_type(c, ObjType::Instance); c = *link) {
    link = as<InstanceObj>(c)->dict->find(intern("__context__"));
    if (!link) break;
    if (is_type(*link, ObjType::Instance) && as<InstanceObj>(*link) == e) { *link = Value::none(); break; }
  }
  e->dict->set(intern("__context__"), handled);
}

bool VM::unwind(Thread& t, size_t base_depth) {
  Value exc = t.exc;
  auto* e = is_type(exc, ObjType::Instance) ? as<InstanceObj>(exc) : nullptr;
  bool reraise = t.reraising;
  t.reraising = false;
  if (e && !reraise && (!e->tb || e->tb->empty())) set_context(t, e);  // raised here, not passing through
  if (t.frames.size() > base_depth && e && !(reraise && e->tb && !e->tb->empty()) && !t.frames.back()->code->hidden) {
    Frame* f = t.frames.back();
    int line = f->pc > 0 ? f->code->lines[f->pc - 1] : f->code->lines.empty() ? 0 : f->code->lines[0];
    if (!e->tb || e->tb->empty() || e->tb->back().second != line || e->tb->back().first != f->code->name) add_tb(e, f, line);
  }
  while (t.frames.size() > base_depth) {
    Frame* f = t.frames.back();
    // An exhausted budget or an aborting run cannot be caught.
    if (!f->blocks.empty() && !budget_exhausted && !aborting.load(std::memory_order_relaxed)) {
      Block b = f->blocks.back();
      f->blocks.pop_back();
      f->sp = b.sp;
      t.exc_stack.resize(std::min<size_t>(t.exc_stack.size(), f->exc_base + b.exc_depth));
      t.exc_stack.push_back(exc);
      f->slots[f->sp++] = exc;
      f->pc = b.handler;
      t.exc = Value();
      return true;
    }
    t.frames.pop_back();
    t.exc_stack.resize(std::min<size_t>(t.exc_stack.size(), f->exc_base));
    int call_line = f->line_of_call;
    Resume how = f->resume;
    uint32_t target = f->resume_target;
    if (f->gen) {
      f->gen->running = false;
      f->gen->frame = nullptr;
    }
    release_frame(f);
    if (how == Resume::GreenletEnd) {
      // A greenlet's run let an exception out: its parent gets it where it switched away
      // (GreenletExit is a quiet end: the parent's switch() returns it).
      const bool quiet = e && greenlet_exit && is_subclass(e->cls, greenlet_exit) && !aborting.load(std::memory_order_relaxed);
      if (greenlet_ended(t, exc, !quiet)) {
        if (quiet) {
          t.exc = Value();
          return true;
        }
        continue;
      }
    }
    if (how == Resume::NextItem && t.frames.size() > base_depth && e && !budget_exhausted &&
        is_subclass(e->cls, cls.StopIteration)) {
      // the __next__ of a for loop's iterator raised StopIteration: the loop is over
      Frame* caller = t.frames.back();
      caller->sp--;  // the iterator
      caller->pc = target;
      t.exc = Value();
      return true;
    }
    if (t.frames.size() > base_depth && e && !t.frames.back()->code->hidden) {
      Frame* caller = t.frames.back();
      add_tb(e, caller, call_line ? call_line : caller->code->lines[caller->pc > 0 ? caller->pc - 1 : 0]);
    }
  }
  return false;
}

void VM::set_module(const std::string& name, ModuleObj* m) {
  if (m) modules[name] = m;
  else modules.erase(name);
  if (!sys_modules) return;
  if (m) sys_modules->set(intern(name), Value::object(m));
  else sys_modules->erase(intern(name));
}

void VM::print_traceback(const Value& exc, const Thread* t) {
  std::vector<const InstanceObj*> seen;
  write(traceback_text(exc, seen), Stream::Stderr, t);
}

// The chain first (the cause, or the context unless suppressed), then this exception, as
// CPython prints them; `seen` stops a cycle.
std::string VM::traceback_text(const Value& exc, std::vector<const InstanceObj*>& seen) {
  std::string out;
  if (is_type(exc, ObjType::Instance)) {
    auto* e = as<InstanceObj>(exc);
    seen.push_back(e);
    auto attr = [&](const char* name) {
      Value* v = e->dict ? e->dict->find(intern(name)) : nullptr;
      return v ? *v : Value::none();
    };
    auto unseen = [&](const Value& v) {
      return is_type(v, ObjType::Instance) && std::find(seen.begin(), seen.end(), as<InstanceObj>(v)) == seen.end();
    };
    const Value cause = attr("__cause__"), context = attr("__context__");
    const Value suppress = attr("__suppress_context__");
    if (unseen(cause))
      out += traceback_text(cause, seen) + "\nThe above exception was the direct cause of the following exception:\n\n";
    else if (unseen(context) && !(suppress.is_bool() && suppress.b))
      out += traceback_text(context, seen) + "\nDuring handling of the above exception, another exception occurred:\n\n";
    if (e->tb && !e->tb->empty()) {
      out += "Traceback (most recent call last):\n";
      for (size_t i = e->tb->size(); i-- > 0;) {
        auto& [fn, line] = (*e->tb)[i];
        out += "  File \"" + (*e->tb_files)[i] + "\", line " + std::to_string(line) + ", in " + fn + "\n";
        if (line >= 1 && size_t(line) <= source_lines.size() && (*e->tb_files)[i] == filename) {
          std::string src = source_lines[size_t(line) - 1];
          size_t a = src.find_first_not_of(" \t");
          if (a != std::string::npos) out += "    " + src.substr(a) + "\n";
        }
      }
    }
    Thread tmp;
    tmp.nested = 1;
    std::string msg = exception_str(tmp, exc);
    std::string name = e->cls->name;
    out += msg.empty() ? name + "\n" : name + ": " + msg + "\n";
  } else {
    out += "Error\n";
  }
  return out;
}

// [SECTION] running programs
// CPython's lines above a SyntaxError: the file and line, the source line without its
// indentation, and a caret under the error's column when it has one. Nothing when the
// error names no line (source that is not UTF-8).
std::string VM::syntax_error_location(const std::string& fname, const CompileResult& cr) const {
  if (cr.error_line < 1) return "";
  std::string out = "  File \"" + fname + "\", line " + std::to_string(cr.error_line) + "\n";
  if (size_t(cr.error_line) > source_lines.size()) return out;
  const std::string& src = cr.error_text.empty() ? source_lines[size_t(cr.error_line) - 1] : cr.error_text;
  size_t a = src.find_first_not_of(" \t\f");
  if (a == std::string::npos) return out;
  std::string text = src.substr(a);
  if (!text.empty() && text.back() == '\r') text.pop_back();
  text = text.substr(0, text.find('\0'));  // CPython shows a line up to a null byte
  out += "    " + text + "\n";
  long caret = long(cr.error_col) - 1 - long(a);  // columns count code points; indentation is ASCII
  if (cr.error_col > 0 && caret >= 0) {
    const long shown = long(text::utf8_length(text));
    caret = std::min(caret, shown);
    const long width = cr.error_end_col > cr.error_col ? std::min<long>(cr.error_end_col - cr.error_col, std::max(1L, shown - caret)) : 1;
    out += "    " + std::string(size_t(caret), ' ') + std::string(size_t(width), '^') + "\n";
  }
  return out;
}

Thread* VM::load_main(const std::string& source, const std::string& fname) {
  filename = fname;
  source_lines.clear();
  size_t st = 0;
  for (size_t i = 0; i <= source.size(); i++) {
    if (i == source.size() || source[i] == '\n') {
      source_lines.push_back(source.substr(st, i - st));
      st = i + 1;
    }
  }
  if (!source_lines.empty() && source_lines[0].compare(0, 3, "\xEF\xBB\xBF") == 0) source_lines[0].erase(0, 3);  // BOM
  CompileResult cr;
  WorkMeter wm(this);  // a stop request or the time limit ends a long compile
  try {
    core::MemoryScope scope(config_.memory);
    cr = compile_source(source, heap, fname, &wm);
  } catch (...) {  // not by type: see core/failure.h
    if (!core::take_allocation_failure()) throw;
    compile_ran_out_of_memory = true;
    write("interleave: the program is too large to compile within the memory limit (" +
              std::to_string((config_.memory ? config_.memory->limit() : 0) >> 20) + " MB)\n",
          Stream::Stderr, nullptr);
    return nullptr;
  }
  if (cr.stopped) {
    compile_stopped = true;
    return nullptr;
  }
  if (!cr.code) {
    if (cr.error_text.empty())
      syntax_error_span = {cr.error_line, cr.error_col, cr.error_col > 0 ? std::max(cr.error_end_col, cr.error_col + 1) : 0};
    std::string out = syntax_error_location(fname, cr);
    std::string msg = cr.error;
    if (msg.find("not supported by Interleave") != std::string::npos) msg += " (line " + std::to_string(cr.error_line) + ")";
    write(out + msg + "\n", Stream::Stderr, nullptr);
    return nullptr;
  }
  auto* mod = heap.alloc<ModuleObj>();
  mod->name = "__main__";
  mod->dict = new_dict();
  mod->dict->set(intern("__name__"), str("__main__"));
  mod->dict->set(intern("__file__"), str(fname));
  set_module("__main__", mod);
  auto t = std::make_unique<Thread>();
  t->id = threads.size() + 1;
  Frame* fr = new Frame(cr.code, 0);
  fr->globals = mod->dict;
  fr->locals = mod->dict;
  t->frames.push_back(fr);
  threads.push_back(std::move(t));
  return threads.back().get();
}

FunctionObj* VM::attr_function(const Value& obj, StrObj* name, const Value* store, std::vector<Value>* args) {
  if (!is_type(obj, ObjType::Instance)) return nullptr;
  auto* inst = as<InstanceObj>(obj);
  if (inst->cls->is_builtin || inst->cls == cls.super_) return nullptr;
  auto python = [](const Value& v) {
    return is_type(v, ObjType::Function) && !as<FunctionObj>(v)->code->is_generator ? as<FunctionObj>(v) : nullptr;
  };
  Value m;
  const bool on_class = find_class_attr(inst->cls, name, &m) != nullptr;
  const bool property = on_class && is_type(m, ObjType::Instance) && as<InstanceObj>(m)->cls == cls.property;
  if (store) {
    Value hook;
    if (ClassObj* owner = find_class_attr(inst->cls, heap.intern("__setattr__"), &hook); owner && !owner->is_builtin) {
      if (FunctionObj* fn = python(hook)) {
        *args = {obj, Value::object(name), *store};
        return fn;
      }
    }
    Value* setter = property ? as<InstanceObj>(m)->dict->find(intern("__fset__")) : nullptr;
    if (FunctionObj* fn = setter ? python(*setter) : nullptr) {
      *args = {obj, *store};
      return fn;
    }
    return nullptr;
  }
  if (property) {
    Value* getter = as<InstanceObj>(m)->dict->find(intern("__func__"));
    FunctionObj* fn = getter ? python(*getter) : nullptr;
    if (fn) *args = {obj};
    return fn;
  }
  if (on_class || (inst->dict && inst->dict->find(Value::object(name)))) return nullptr;
  // Special names (__class__, __dict__, an exception's args) are the VM's own: nested path.
  if (inst->cls->is_exception || (name->s.size() > 4 && name->s.compare(0, 2, "__") == 0)) return nullptr;
  Value hook;
  if (ClassObj* owner = find_class_attr(inst->cls, heap.intern("__getattr__"), &hook); owner && !owner->is_builtin) {
    if (FunctionObj* fn = python(hook)) {
      *args = {obj, Value::object(name)};
      return fn;
    }
  }
  return nullptr;
}

Thread* VM::load_module_thread(const std::string& source, const std::string& module, const std::string& fname) {
  CompileResult cr = compile_source(source, heap, fname);
  if (!cr.code) {
    write(cr.error + "\n", Stream::Stderr, nullptr);
    return nullptr;
  }
  auto* mod = heap.alloc<ModuleObj>();
  mod->name = module;
  mod->dict = new_dict();
  mod->dict->set(intern("__name__"), str(module));
  set_module(module, mod);
  auto t = std::make_unique<Thread>();
  t->id = threads.size() + 1;
  Frame* fr = new Frame(cr.code, 0);
  fr->globals = mod->dict;
  fr->locals = mod->dict;
  t->frames.push_back(fr);
  threads.push_back(std::move(t));
  return threads.back().get();
}

// [SECTION] threads and pinned values for the embedder
// Unwraps `fn` into a Python function and its full argument list (self first for a
// bound method), or raises TypeError on `caller`.
static FunctionObj* python_callable(VM& vm, Thread& caller, const Value& fn, std::vector<Value>& args) {
  Value f = fn;
  if (is_type(f, ObjType::BoundMethod)) {
    auto* bm = as<BoundMethodObj>(f);
    args.insert(args.begin(), bm->self);
    f = bm->func;
  }
  if (!is_type(f, ObjType::Function) || as<FunctionObj>(f)->code->is_generator) {
    vm.raise(caller, vm.cls.TypeError, "a thread's entry point must be a Python function, not '" + vm.type_name(fn) + "'");
    return nullptr;
  }
  return as<FunctionObj>(f);
}

bool VM::restart_thread(Thread& t, const Value& fn, std::vector<Value> args) {
  FunctionObj* f = python_callable(*this, t, fn, args);
  if (!f) return false;
  t.done = false;
  t.exc = Value();
  t.result = Value();
  if (!push_call(t, f, args.data(), int(args.size()), nullptr, Resume::Call)) {
    t.done = true;
    return false;
  }
  return true;
}

Thread* VM::new_thread(Thread& caller, const Value& fn, std::vector<Value> args) {
  FunctionObj* f = python_callable(*this, caller, fn, args);
  if (!f) return nullptr;
  auto nt = std::make_unique<Thread>();
  nt->id = threads.size() + 1;
  if (!push_call(*nt, f, args.data(), int(args.size()), nullptr, Resume::Call)) {
    caller.exc = nt->exc;
    return nullptr;
  }
  threads.push_back(std::move(nt));
  return threads.back().get();
}

uint32_t VM::pin(const Value& v) {
  if (!free_pins_.empty()) {
    uint32_t h = free_pins_.back();
    free_pins_.pop_back();
    pins_[h] = v;
    return h;
  }
  pins_.push_back(v);
  return uint32_t(pins_.size() - 1);
}

void VM::unpin(uint32_t handle) {
  pins_[handle] = Value();
  free_pins_.push_back(handle);
}

std::string VM::assignment_target(const Thread& t) const {
  if (t.frames.empty()) return "";
  const Frame* f = t.frames.back();
  const auto& code = f->code->code;
  uint32_t pc = f->pc;
  while (pc < code.size() && ins_op(code[pc]) == DUP_TOP) pc++;  // a = b = Lock()
  if (pc >= code.size()) return "";
  uint32_t arg = ins_arg(code[pc]);
  switch (ins_op(code[pc])) {
    case STORE_NAME: case STORE_GLOBAL: case STORE_ATTR:
      return as<StrObj>(f->code->names[arg])->s;
    case STORE_FAST:
      return arg < f->code->varnames.size() ? f->code->varnames[arg] : "";
    case STORE_DEREF: {  // slots: fast locals, then cells, then free variables
      size_t cell = arg - f->code->varnames.size(), nc = f->code->cellvars.size();
      if (arg < f->code->varnames.size()) return "";
      if (cell < nc) return f->code->cellvars[cell];
      return cell - nc < f->code->freevars.size() ? f->code->freevars[cell - nc] : "";
    }
    default: return "";
  }
}

int64_t VM::steady_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool WorkMeter::poll() {
  if (vm_) vm_->metered_work.fetch_add(pending_, std::memory_order_relaxed);
  pending_ = 0;
  if (!stopped_ && vm_) stopped_ = vm_->interrupt_requested();
  return stopped_;
}

RunStatus VM::abort_thread(Thread& t, ClassObj* c, const std::string& msg, size_t base_depth) {
  {
    core::MemoryLimitLift lift;  // the error must be raisable at the memory limit too
    raise(t, c, msg);
  }
  // not catchable by design: drop every frame down to the base
  while (t.frames.size() > base_depth) {
    Frame* d = t.frames.back();
    t.frames.pop_back();
    if (d->gen) { d->gen->frame = nullptr; d->gen->running = false; }
    delete d;
  }
  return RunStatus::Error;
}



RunStatus VM::run(Thread& t, uint64_t max_instructions) {
  if (t.done || t.frames.empty()) return RunStatus::Done;
  core::MemoryScope scope(config_.memory);
  char anchor;
  if (t.nested == 0) t.stack_anchor = reinterpret_cast<uintptr_t>(&anchor);
  RunStatus st = execute_guarded(t, max_instructions, 0);
  if (st == RunStatus::Done || st == RunStatus::Error) t.done = true;
  return st;
}

int VM::run_to_end(Thread& t) {
  for (;;) {
    RunStatus st = run(t, 0);
    if (st == RunStatus::Done) return 0;
    if (st == RunStatus::Yield) continue;
    if (st == RunStatus::Blocked) {
      write("interleave: the program blocked forever (no other thread can wake it)\n", Stream::Stderr, &t);
      return 1;
    }
    return report_uncaught(t);
  }
}

int VM::report_uncaught(Thread& t) {
  if (budget_exhausted) {
    write("interleave: " + exception_str(t, t.exc) + "\n", Stream::Stderr, &t);
    return 1;
  }
  if (isinstance(t.exc, cls.SystemExit)) {
    auto* e = as<InstanceObj>(t.exc);
    auto& args = as<TupleObj>(e->args)->items;
    if (args.empty() || args[0].is_none()) return 0;
    if (args[0].is_intlike()) return int(args[0].as_int());
    std::string msg;
    to_str(t, args[0], &msg);
    write(msg + "\n", Stream::Stderr, &t);
    return 1;
  }
  print_traceback(t.exc, &t);
  return 1;
}

void VM::collect_garbage() {
  core::MemoryLimitLift lift;  // the collector's own work lists may grow at the limit
  heap.collect([this](Heap& h) {
    h.mark(builtins);
    h.mark(helpers_);
    for (auto& [k, m] : modules) h.mark(m);
    for (const Value& v : pins_) h.mark(v);
    ClassObj* const* all = reinterpret_cast<ClassObj* const*>(&cls);
    for (size_t i = 0; i < sizeof(cls) / sizeof(ClassObj*); i++) h.mark(all[i]);
    for (auto& th : threads) {
      for (Frame* f : th->frames) trace_frame(h, f);
      for (auto& v : th->exc_stack) h.mark(v);
      h.mark(th->exc);
      h.mark(th->result);
    }
    for (auto& g : greenlets) {
      h.mark(g->obj);
      h.mark(g->run);
      for (Frame* f : g->frames) trace_frame(h, f);
      for (auto& v : g->exc_stack) h.mark(v);
    }
  });
  gc_threshold_ = std::max<size_t>(32u << 20, heap.bytes() * 2);
  memory_after_gc_ = config_.memory ? config_.memory->used() : 0;
}

}  // namespace interleave::py
