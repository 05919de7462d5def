// py/runtime/transfer.cpp - packing values into bytes in one VM and rebuilding them in
// another (transfer.h has the rules).
// [SECTION] format  [SECTION] packing  [SECTION] unpacking  [SECTION] entry points
#include "py/runtime/transfer.h"

#include <cstring>
#include <unordered_map>

#include "core/queue.h"
#include "core/sync.h"
#include "py/bytes.h"
#include "py/runtime/native_class.h"
#include "py/runtime/runtime.h"

namespace interleave::py {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] format
//-----------------------------------------------------------------------------
// One byte of opcode per record; objects that may be shared or cyclic get a memo index in
// the order they first appear (the reader numbers them the same way) and come back as Ref.
enum class Op : uint8_t {
  None, True, False, Int, Float, Str, BigInt, Ref,
  List, Tuple, Dict, Set, FrozenSet, Range, Slice,
  ClassRef,      // module, qualified name
  NativeClass,   // a runtime class by its NativeKind
  FuncRef,       // module, qualified name
  BuiltinRef,    // a builtin function: module (or "" for builtins), name
  Instance,      // class, attribute dict, exception args, engine handle
  Bound,         // self, method name
  Module,        // name (fork only)
  ModuleDict,    // the dict of a module by name (fork only: a function's globals)
  Code, Func, Class, Cell,  // fork only: copied as they are
  Generator,     // fork only: the child's copy is exhausted (frames are not copied)
  Iterator,      // fork only: a builtin iterator's position
  File,          // fork only: an open in-memory file
  Bytes, ByteArray,  // the bytes, by value
};

enum class Handle : uint8_t { None, Shared, Clone };

constexpr int kMaxDepth = 900;  // CPython's pickle recurses too; deep chains fail cleanly

void put_u8(std::string& o, uint8_t v) { o.push_back(char(v)); }
void put_u32(std::string& o, uint32_t v) { o.append(reinterpret_cast<const char*>(&v), 4); }
void put_u64(std::string& o, uint64_t v) { o.append(reinterpret_cast<const char*>(&v), 8); }
void put_str(std::string& o, const std::string& s) {
  put_u32(o, uint32_t(s.size()));
  o += s;
}

// The kind of runtime class `c` is exactly, or Count.
NativeKind native_kind_of_class(VM& vm, const ClassObj* c) {
  ProcessRt& proc = process_of(vm);
  for (int k = 0; k < int(NativeKind::Count); ++k)
    if (proc.native_classes[k] == c) return NativeKind(k);
  return NativeKind::Count;
}

// The runtime class an instance with an engine object derives from.
NativeKind native_kind_of(VM& vm, const Value& v) {
  ProcessRt& proc = process_of(vm);
  for (int k = 0; k < int(NativeKind::Count); ++k)
    if (proc.native_classes[k] && vm.isinstance(v, proc.native_classes[k])) return NativeKind(k);
  return NativeKind::Count;
}

// CPython's type name in "cannot pickle '...' object" for threading's primitives.
const char* unpicklable_name(NativeKind k) {
  switch (k) {
    case NativeKind::RLock:
    case NativeKind::Condition: return "_thread.RLock";
    default: return "_thread.lock";
  }
}

std::string module_name_of(VM& vm, DictObj* globals) {
  if (!globals) return "";
  Value* n = globals->find(vm.intern("__name__"));
  return n && is_type(*n, ObjType::Str) ? as<StrObj>(*n)->s : "";
}

//-----------------------------------------------------------------------------
// [SECTION] packing
//-----------------------------------------------------------------------------
class Packer {
 public:
  Packer(VM& vm, Thread& t, TransferMode mode, std::string& out) : vm_(vm), t_(t), mode_(mode), out_(out) {}

  bool value(const Value& v) {
    switch (v.tag) {
      case Tag::Empty:
      case Tag::None: put_u8(out_, uint8_t(Op::None)); return true;
      case Tag::Bool: put_u8(out_, uint8_t(v.b ? Op::True : Op::False)); return true;
      case Tag::Int: put_u8(out_, uint8_t(Op::Int)); put_u64(out_, uint64_t(v.i)); return true;
      case Tag::Float: {
        uint64_t bits;
        std::memcpy(&bits, &v.f, 8);
        put_u8(out_, uint8_t(Op::Float));
        put_u64(out_, bits);
        return true;
      }
      case Tag::Obj: break;
    }
    if (depth_ > kMaxDepth) return fail(vm_.cls.RecursionError, "maximum recursion depth exceeded while pickling an object");
    auto seen = memo_.find(v.o);
    if (seen != memo_.end()) {
      put_u8(out_, uint8_t(Op::Ref));
      put_u32(out_, seen->second);
      return true;
    }
    ++depth_;
    bool ok = object(v);
    --depth_;
    return ok;
  }

 private:
  bool fail(ClassObj* c, const std::string& msg) {
    vm_.raise(t_, c, msg);
    return false;
  }
  bool cannot(const std::string& type) { return fail(vm_.cls.TypeError, "cannot pickle '" + type + "' object"); }
  void remember(const Obj* o) { memo_.emplace(o, next_++); }
  bool values(const std::vector<Value>& xs) {
    put_u32(out_, uint32_t(xs.size()));
    for (const Value& x : xs)
      if (!value(x)) return false;
    return true;
  }
  bool dict_entries(const DictObj* d) {
    put_u32(out_, uint32_t(d->size()));
    for (const auto& [k, val] : d->entries) {
      if (k.empty()) continue;
      if (!value(k) || !value(val)) return false;
    }
    return true;
  }

  bool object(const Value& v) {
    Obj* o = v.o;
    switch (o->type) {
      case ObjType::Str: put_u8(out_, uint8_t(Op::Str)); put_str(out_, as<StrObj>(v)->s); return true;
      case ObjType::Bytes:  // memoized: a bytearray met twice comes back as one object, as pickle does
        put_u8(out_, uint8_t(as<BytesObj>(v)->mut ? Op::ByteArray : Op::Bytes));
        remember(o);
        put_str(out_, as<BytesObj>(v)->b);
        return true;
      case ObjType::BigInt: {
        auto* b = as<BigIntObj>(v);
        put_u8(out_, uint8_t(Op::BigInt));
        put_u8(out_, b->neg);
        put_u32(out_, uint32_t(b->mag.size()));
        out_.append(reinterpret_cast<const char*>(b->mag.data()), b->mag.size() * 4);
        return true;
      }
      case ObjType::List: put_u8(out_, uint8_t(Op::List)); remember(o); return values(as<ListObj>(v)->items);
      case ObjType::Tuple: put_u8(out_, uint8_t(Op::Tuple)); remember(o); return values(as<TupleObj>(v)->items);
      case ObjType::Dict: return dict(as<DictObj>(v));
      case ObjType::Set: {
        auto* s = as<SetObj>(v);
        put_u8(out_, uint8_t(s->frozen ? Op::FrozenSet : Op::Set));
        remember(o);
        std::vector<Value> keys;
        for (auto& e : s->d.entries)
          if (!e.first.empty()) keys.push_back(e.first);
        return values(keys);
      }
      case ObjType::Range: {
        auto* r = as<RangeObj>(v);
        put_u8(out_, uint8_t(Op::Range));
        put_u64(out_, uint64_t(r->start));
        put_u64(out_, uint64_t(r->stop));
        put_u64(out_, uint64_t(r->step));
        return true;
      }
      case ObjType::Slice: {
        auto* s = as<SliceObj>(v);
        put_u8(out_, uint8_t(Op::Slice));
        return value(s->start) && value(s->stop) && value(s->step);
      }
      case ObjType::Class: return class_value(as<ClassObj>(v));
      case ObjType::Function: return function(as<FunctionObj>(v));
      case ObjType::Native: return builtin(as<NativeObj>(v));
      case ObjType::Instance: return instance(v);
      case ObjType::BoundMethod: {
        auto* bm = as<BoundMethodObj>(v);
        Value name;
        if (is_type(bm->func, ObjType::Function)) name = vm_.str(as<FunctionObj>(bm->func)->name);
        else if (is_type(bm->func, ObjType::Native)) name = vm_.str(as<NativeObj>(bm->func)->name);
        else return cannot("method");
        put_u8(out_, uint8_t(Op::Bound));
        return value(bm->self) && value(name);
      }
      case ObjType::Module:
        if (mode_ != TransferMode::Fork) return cannot("module");
        put_u8(out_, uint8_t(Op::Module));
        put_str(out_, as<ModuleObj>(v)->name);
        return true;
      case ObjType::Cell:
        if (mode_ != TransferMode::Fork) return cannot("cell");
        put_u8(out_, uint8_t(Op::Cell));
        remember(o);
        return value(as<CellObj>(v)->v);
      case ObjType::Code: return code(as<CodeObj>(v));
      case ObjType::Generator:
        if (mode_ != TransferMode::Fork) return cannot("generator");
        put_u8(out_, uint8_t(Op::Generator));
        remember(o);
        put_str(out_, as<GeneratorObj>(v)->name);
        return true;
      case ObjType::Iterator: {
        if (mode_ != TransferMode::Fork) return cannot(vm_.type_name(v));
        auto* it = as<IteratorObj>(v);
        put_u8(out_, uint8_t(Op::Iterator));
        remember(o);
        put_u8(out_, uint8_t(it->kind));
        put_u8(out_, it->is_view);
        put_u64(out_, uint64_t(it->pos));
        put_u64(out_, uint64_t(it->end));
        put_u64(out_, uint64_t(it->step));
        return value(it->src) && values(it->extra);
      }
      case ObjType::File: {
        if (mode_ != TransferMode::Fork) return cannot("_io.TextIOWrapper");
        auto* f = as<FileObj>(v);
        put_u8(out_, uint8_t(Op::File));
        remember(o);
        put_str(out_, f->path);
        put_str(out_, f->buffer);
        put_u64(out_, f->pos);
        put_u8(out_, uint8_t(f->writing) | uint8_t(f->closed) << 1 | uint8_t(f->append) << 2);
        return true;
      }
    }
    return cannot(vm_.type_name(v));
  }

  bool dict(DictObj* d) {
    // Fork: a library module's globals are the child's own module.
    if (mode_ == TransferMode::Fork) {
      std::string mod = module_name_of(vm_, d);
      auto it = vm_.modules.find(mod);
      if (!mod.empty() && mod != "__main__" && it != vm_.modules.end() && it->second->dict == d) {
        put_u8(out_, uint8_t(Op::ModuleDict));
        put_str(out_, mod);
        return true;
      }
    }
    put_u8(out_, uint8_t(Op::Dict));
    remember(d);
    return dict_entries(d);
  }

  // The object found at module.qualname in this VM, or Empty.
  Value lookup(const std::string& module, const std::string& qualname) {
    auto it = vm_.modules.find(module);
    if (it == vm_.modules.end()) return Value();
    Value cur = Value::object(it->second);
    size_t start = 0;
    while (start <= qualname.size()) {
      size_t dot = qualname.find('.', start);
      std::string part = qualname.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      DictObj* d = is_type(cur, ObjType::Module) ? as<ModuleObj>(cur)->dict
                   : is_type(cur, ObjType::Class)  ? as<ClassObj>(cur)->dict
                                                   : nullptr;
      Value* next = d ? d->find(vm_.intern(part)) : nullptr;
      if (!next) return Value();
      cur = *next;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return cur;
  }

  // Where a module of this VM holds `v` at its top level, when `module` does not (a class
  // whose __module__ names a module Interleave has under another name).
  bool find_anywhere(const Value& v, std::string* module, std::string* name) {
    for (auto& [mod_name, m] : vm_.modules) {
      for (auto& [k, val] : m->dict->entries) {
        if (k.empty() || !identical(val, v) || !is_type(k, ObjType::Str)) continue;
        *module = mod_name;
        *name = as<StrObj>(k)->s;
        return true;
      }
    }
    return false;
  }

  bool by_name(Op op, const Value& v, std::string module, std::string qualname) {
    if (qualname.find("<locals>") != std::string::npos)
      return fail(vm_.cls.AttributeError, "Can't pickle local object '" + qualname + "'");
    Value found = lookup(module, qualname);
    if (found.empty() && module != "__main__" && find_anywhere(v, &module, &qualname)) found = v;
    if (found.empty() || !identical(found, v)) {
      std::string r;
      Thread quiet;
      quiet.nested = 1;
      if (!vm_.repr(quiet, v, &r)) r = qualname;
      std::string why = found.empty() ? "attribute lookup " + qualname + " on " + module + " failed"
                                       : "it's not the same object as " + module + "." + qualname;
      return fail(pickling_error(), "Can't pickle " + r + ": " + why);
    }
    put_u8(out_, uint8_t(op));
    put_str(out_, module);
    put_str(out_, qualname);
    return true;
  }

  ClassObj* pickling_error() {
    ProcessRt& proc = process_of(vm_);
    return proc.PicklingError ? proc.PicklingError : vm_.cls.TypeError;
  }

  bool class_value(ClassObj* c) {
    NativeKind k = native_kind_of_class(vm_, c);
    if (k != NativeKind::Count) {
      put_u8(out_, uint8_t(Op::NativeClass));
      put_u8(out_, uint8_t(k));
      return true;
    }
    std::string module = "builtins";
    if (Value* m = c->dict ? c->dict->find(vm_.intern("__module__")) : nullptr; m && is_type(*m, ObjType::Str))
      module = as<StrObj>(*m)->s;
    if (module == "builtins") {
      put_u8(out_, uint8_t(Op::ClassRef));
      put_str(out_, "builtins");
      put_str(out_, c->name);
      return true;
    }
    if (mode_ == TransferMode::Fork && module == "__main__") {
      put_u8(out_, uint8_t(Op::Class));
      remember(c);
      put_str(out_, c->name);
      put_u8(out_, uint8_t(c->is_exception) | uint8_t(c->is_builtin) << 1);
      put_u8(out_, uint8_t(c->instance_type));
      if (!value(c->base ? Value::object(c->base) : Value::none())) return false;
      if (!value(c->bases ? Value::object(c->bases) : Value::none())) return false;  // several bases
      return value(Value::object(c->dict));
    }
    std::string qualname = c->name;
    if (Value* q = c->dict->find(vm_.intern("__qualname__")); q && is_type(*q, ObjType::Str)) qualname = as<StrObj>(*q)->s;
    return by_name(Op::ClassRef, Value::object(c), module, qualname);
  }

  bool function(FunctionObj* f) {
    std::string module = module_name_of(vm_, f->globals);
    std::string qualname = f->code->qualname.empty() ? f->name : f->code->qualname;
    if (mode_ != TransferMode::Fork) {
      if (f->name == "<lambda>" && qualname.find("<locals>") == std::string::npos) {
        std::string r;
        Thread quiet;
        quiet.nested = 1;
        if (!vm_.repr(quiet, Value::object(f), &r)) r = "<function <lambda>>";
        return fail(pickling_error(), "Can't pickle " + r + ": attribute lookup <lambda> on " + module + " failed");
      }
      return by_name(Op::FuncRef, Value::object(f), module, qualname);
    }
    // Fork: a library's function stays the child's own; the program's is copied.
    if (module != "__main__" && identical(lookup(module, qualname), Value::object(f))) {
      put_u8(out_, uint8_t(Op::FuncRef));
      put_str(out_, module);
      put_str(out_, qualname);
      return true;
    }
    put_u8(out_, uint8_t(Op::Func));
    remember(f);
    put_str(out_, f->name);
    if (!value(Value::object(f->code)) || !value(Value::object(f->globals)) || !values(f->defaults)) return false;
    if (!value(f->kwdefaults ? Value::object(f->kwdefaults) : Value::none())) return false;
    put_u32(out_, uint32_t(f->closure.size()));
    for (CellObj* c : f->closure)
      if (!value(Value::object(c))) return false;
    return value(f->class_cell);
  }

  bool code(CodeObj* c) {
    if (mode_ != TransferMode::Fork) return cannot("code");
    put_u8(out_, uint8_t(Op::Code));
    remember(c);
    put_str(out_, c->name);
    put_str(out_, c->qualname);
    put_str(out_, c->filename);
    put_u32(out_, uint32_t(c->code.size()));
    out_.append(reinterpret_cast<const char*>(c->code.data()), c->code.size() * 4);
    put_u32(out_, uint32_t(c->lines.size()));
    out_.append(reinterpret_cast<const char*>(c->lines.data()), c->lines.size() * sizeof(int));
    if (!values(c->consts) || !values(c->names)) return false;
    for (const auto* list : {&c->varnames, &c->cellvars, &c->freevars}) {
      put_u32(out_, uint32_t(list->size()));
      for (const std::string& s : *list) put_str(out_, s);
    }
    put_u32(out_, uint32_t(c->cell_param.size()));
    for (int p : c->cell_param) put_u32(out_, uint32_t(p));
    put_u32(out_, uint32_t(c->argcount));
    put_u32(out_, uint32_t(c->kwonlycount));
    put_u32(out_, uint32_t(c->stacksize));
    put_u8(out_, uint8_t(c->varargs) | uint8_t(c->varkw) << 1 | uint8_t(c->is_generator) << 2 |
                     uint8_t(c->fast_locals) << 3 | uint8_t(c->hidden) << 4 | uint8_t(c->is_coroutine) << 5);
    return true;
  }

  bool builtin(NativeObj* n) {
    // Builtins and module functions written in C++ travel by name; anything else (a bound
    // native, a closure made in C++) cannot.
    if (n->self.empty() && n->data.empty()) {
      if (Value* b = vm_.builtins->find(vm_.intern(n->name)); b && identical(*b, Value::object(n))) {
        put_u8(out_, uint8_t(Op::BuiltinRef));
        put_str(out_, "");
        put_str(out_, n->name);
        return true;
      }
      for (auto& [name, m] : vm_.modules) {
        if (Value* f = m->dict->find(vm_.intern(n->name)); f && identical(*f, Value::object(n))) {
          put_u8(out_, uint8_t(Op::BuiltinRef));
          put_str(out_, name);
          put_str(out_, n->name);
          return true;
        }
      }
    }
    return cannot("builtin_function_or_method");
  }

  bool instance(const Value& v) {
    auto* inst = as<InstanceObj>(v);
    Handle handle = Handle::None;
    NativeKind kind = NativeKind::Count;
    if (inst->native) {
      kind = native_kind_of(vm_, v);
      std::string shared = ProgramAccess::shared_kind(vm_, inst->native);
      if (!shared.empty()) {
        // Connections (and a manager's listener) are reduced to handles in any message.
        if (mode_ == TransferMode::Pickle && shared != "Connection" && shared != "Listener")
          return fail(vm_.cls.RuntimeError, shared + " objects should only be shared between processes through inheritance");
        handle = Handle::Shared;
      } else {
        if (mode_ != TransferMode::Fork) return cannot(unpicklable_name(kind));
        handle = Handle::Clone;
      }
    }
    if (mode_ == TransferMode::Pickle)
      if (std::string s = shared_attr(inst); !s.empty())
        return fail(vm_.cls.RuntimeError, s + " objects should only be shared between processes through inheritance");
    if (kind == NativeKind::Connection) {
      Value* closed = inst->dict ? inst->dict->find(vm_.intern("_closed")) : nullptr;
      if (!(closed && closed->is_bool() && closed->b)) ends_.push_back(static_cast<core::Pipe::End*>(inst->native));
    }
    put_u8(out_, uint8_t(Op::Instance));
    remember(inst);
    if (!class_value(inst->cls)) return false;
    put_u8(out_, uint8_t(handle));
    if (handle != Handle::None) {
      put_u8(out_, uint8_t(kind));
      put_u64(out_, uint64_t(reinterpret_cast<uintptr_t>(inst->native)));
    }
    // The attribute dict inline: the receiver makes it first, so a cycle back to the
    // instance (a bound method of it in its own attributes) finds it whole enough.
    put_u8(out_, inst->dict != nullptr);
    if (inst->dict && !dict_entries(inst->dict)) return false;
    return value(inst->args);
  }

  // A Python-level shared object (multiprocessing.Queue, Value, ...) names its kind in the
  // class attribute _shared_kind, so a message refuses it as a whole (CPython's wording).
  std::string shared_attr(InstanceObj* inst) {
    Value k;
    if (!vm_.find_class_attr(inst->cls, vm_.heap.intern("_shared_kind"), &k) || !is_type(k, ObjType::Str)) return "";
    return as<StrObj>(k)->s;
  }

  VM& vm_;
  Thread& t_;
  TransferMode mode_;
  std::string& out_;

 public:
  std::vector<core::Pipe::End*> ends_;  // open Connection objects packed: handles in flight

 private:
  std::unordered_map<const Obj*, uint32_t> memo_;
  uint32_t next_ = 0;
  int depth_ = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] unpacking
//-----------------------------------------------------------------------------
class Unpacker {
 public:
  Unpacker(VM& vm, Thread& t, std::string_view in) : vm_(vm), t_(t), in_(in) {}

  bool value(Value* out) {
    if (pos_ >= in_.size()) return corrupt();
    const Op op = Op(get_u8());
    switch (op) {
      case Op::None: *out = Value::none(); return true;
      case Op::True: *out = Value::boolean(true); return true;
      case Op::False: *out = Value::boolean(false); return true;
      case Op::Int: *out = Value::integer(int64_t(get_u64())); return true;
      case Op::Float: {
        uint64_t bits = get_u64();
        double d;
        std::memcpy(&d, &bits, 8);
        *out = Value::floating(d);
        return true;
      }
      case Op::Str: *out = vm_.str(get_str()); return true;
      case Op::Bytes:
      case Op::ByteArray:
        *out = make_bytes(vm_, get_str(), op == Op::ByteArray);
        memo_.push_back(*out);
        return true;
      case Op::BigInt: {
        auto* b = vm_.heap.alloc<BigIntObj>();
        b->neg = get_u8() != 0;
        b->mag.resize(get_u32());
        get_bytes(b->mag.data(), b->mag.size() * 4);
        *out = Value::object(b);
        return true;
      }
      case Op::Ref: {
        uint32_t i = get_u32();
        if (i >= memo_.size()) return corrupt();
        *out = memo_[i];
        return true;
      }
      case Op::List: {
        auto* l = vm_.new_list();
        memo_.push_back(Value::object(l));
        *out = Value::object(l);
        return items(&l->items);
      }
      case Op::Tuple: {
        auto* tup = vm_.new_tuple();
        memo_.push_back(Value::object(tup));
        *out = Value::object(tup);
        return items(&tup->items);
      }
      case Op::Dict: {
        auto* d = vm_.new_dict();
        memo_.push_back(Value::object(d));
        *out = Value::object(d);
        return dict_entries(d);
      }
      case Op::Set:
      case Op::FrozenSet: {
        auto* s = vm_.heap.alloc<SetObj>();
        s->frozen = op == Op::FrozenSet;
        memo_.push_back(Value::object(s));
        *out = Value::object(s);
        std::vector<Value> keys;
        if (!items(&keys)) return false;
        for (const Value& k : keys)  // keys with a user __hash__ are hashed again here, as unpickling does
          if (!vm_.dict_set(t_, &s->d, k, Value::none())) return false;
        return true;
      }
      case Op::Range: {
        auto* r = vm_.heap.alloc<RangeObj>();
        r->start = int64_t(get_u64());
        r->stop = int64_t(get_u64());
        r->step = int64_t(get_u64());
        *out = Value::object(r);
        return true;
      }
      case Op::Slice: {
        auto* s = vm_.heap.alloc<SliceObj>();
        *out = Value::object(s);
        return value(&s->start) && value(&s->stop) && value(&s->step);
      }
      case Op::ClassRef:
      case Op::FuncRef: {
        std::string module = get_str(), qualname = get_str();
        return find(module, qualname, out);
      }
      case Op::NativeClass: {
        int k = get_u8();
        if (k >= int(NativeKind::Count) || !process_of(vm_).native_classes[k]) return corrupt();
        *out = Value::object(process_of(vm_).native_classes[k]);
        return true;
      }
      case Op::BuiltinRef: {
        std::string module = get_str(), name = get_str();
        return module.empty() ? builtin(name, out) : find(module, name, out);
      }
      case Op::Instance: return instance(out);
      case Op::Bound: {
        Value self, name;
        if (!value(&self) || !value(&name) || !is_type(name, ObjType::Str)) return corrupt();
        return vm_.getattr(t_, self, vm_.heap.intern(as<StrObj>(name)->s), out);
      }
      case Op::Module: {
        *out = vm_.import_module(t_, get_str());
        return !out->empty();
      }
      case Op::ModuleDict: {
        Value m = vm_.import_module(t_, get_str());
        if (m.empty()) return false;
        *out = Value::object(as<ModuleObj>(m)->dict);
        return true;
      }
      case Op::Cell: {
        auto* c = vm_.heap.alloc<CellObj>();
        memo_.push_back(Value::object(c));
        *out = Value::object(c);
        return value(&c->v);
      }
      case Op::Generator: {
        auto* g = vm_.heap.alloc<GeneratorObj>();
        memo_.push_back(Value::object(g));
        g->name = get_str();
        g->started = true;
        *out = Value::object(g);
        return true;
      }
      case Op::Iterator: {
        auto* it = vm_.heap.alloc<IteratorObj>(IterKind(get_u8()));
        memo_.push_back(Value::object(it));
        *out = Value::object(it);
        it->is_view = get_u8() != 0;
        it->pos = int64_t(get_u64());
        it->end = int64_t(get_u64());
        it->step = int64_t(get_u64());
        return value(&it->src) && items(&it->extra);
      }
      case Op::File: {
        auto* f = vm_.heap.alloc<FileObj>();
        memo_.push_back(Value::object(f));
        *out = Value::object(f);
        f->path = get_str();
        f->buffer = get_str();
        f->pos = size_t(get_u64());
        const uint8_t flags = get_u8();
        f->writing = flags & 1;
        f->closed = flags & 2;
        f->append = flags & 4;
        return true;
      }
      case Op::Code: return code(out);
      case Op::Func: return function(out);
      case Op::Class: return class_value(out);
    }
    return corrupt();
  }

 private:
  bool corrupt() { return vm_.raise(t_, vm_.cls.RuntimeError, "interleave: a message between processes is corrupt"), false; }
  uint8_t get_u8() { return pos_ < in_.size() ? uint8_t(in_[pos_++]) : 0; }
  void get_bytes(void* p, size_t n) {
    if (pos_ + n > in_.size()) {
      pos_ = in_.size() + 1;
      std::memset(p, 0, n);
      return;
    }
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  uint32_t get_u32() { uint32_t v; get_bytes(&v, 4); return v; }
  uint64_t get_u64() { uint64_t v; get_bytes(&v, 8); return v; }
  std::string get_str() {
    uint32_t n = get_u32();
    if (pos_ + n > in_.size()) { pos_ = in_.size() + 1; return ""; }
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  bool items(std::vector<Value>* out) {
    uint32_t n = get_u32();
    if (n > in_.size()) return corrupt();
    out->resize(n);
    for (uint32_t i = 0; i < n; ++i)
      if (!value(&(*out)[i])) return false;
    return true;
  }
  bool dict_entries(DictObj* d) {
    uint32_t n = get_u32();
    if (n > in_.size()) return corrupt();
    for (uint32_t i = 0; i < n; ++i) {
      Value k, v;
      if (!value(&k) || !value(&v) || !vm_.dict_set(t_, d, k, v)) return false;
    }
    return true;
  }

  bool builtin(const std::string& name, Value* out) {
    if (Value* b = vm_.builtins->find(vm_.intern(name))) {
      *out = *b;
      return true;
    }
    return vm_.raise(t_, vm_.cls.AttributeError, "module 'builtins' has no attribute '" + name + "'"), false;
  }

  // module.qualname in this VM; the spawn start method's __mp_main__ and __main__ stand
  // for each other, as CPython aliases them.
  bool find(std::string module, const std::string& qualname, Value* out) {
    if (module == "builtins") return builtin(qualname, out);
    if (!vm_.modules.count(module)) {
      if (module == "__mp_main__" && vm_.modules.count("__main__")) module = "__main__";
      else if (module == "__main__" && vm_.modules.count("__mp_main__")) module = "__mp_main__";
    }
    Value cur = vm_.modules.count(module) ? Value::object(vm_.modules[module]) : vm_.import_module(t_, module);
    if (cur.empty()) return false;
    size_t start = 0;
    for (;;) {
      size_t dot = qualname.find('.', start);
      std::string part = qualname.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (!vm_.getattr(t_, cur, vm_.heap.intern(part), &cur)) {
        t_.exc = Value();
        return vm_.raise(t_, vm_.cls.AttributeError, "Can't get attribute '" + qualname + "' on <module '" + module + "'>"), false;
      }
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    *out = cur;
    return true;
  }

  bool instance(Value* out) {
    auto* inst = vm_.heap.alloc<InstanceObj>();
    memo_.push_back(Value::object(inst));
    *out = Value::object(inst);
    Value cls;
    if (!value(&cls)) return false;
    if (!is_type(cls, ObjType::Class)) return corrupt();
    inst->cls = as<ClassObj>(cls);
    const Handle handle = Handle(get_u8());
    if (handle != Handle::None) {
      const NativeKind kind = NativeKind(get_u8());
      void* p = reinterpret_cast<void*>(uintptr_t(get_u64()));
      inst->native = handle == Handle::Shared ? p : static_cast<void*>(clone(kind, p));
      if (kind == NativeKind::Connection) connections_.push_back(inst);
    }
    inst->dict = vm_.new_dict();
    Value args;
    if (get_u8() && !dict_entries(inst->dict)) return false;
    if (!value(&args)) return false;
    inst->args = args.is_none() ? Value() : args;
    if (inst->cls->is_exception && args.is_none()) inst->args = Value::object(vm_.new_tuple());
    return true;
  }

 public:
  // Every open Connection object rebuilt here is a handle the sender counted when it
  // packed it (a fork or a message duplicates it, as a file descriptor): this process's now.
  void adopt_connections() {
    for (InstanceObj* c : connections_) {
      Value* closed = c->dict->find(vm_.intern("_closed"));
      if (!(closed && closed->is_bool() && closed->b))
        ProgramAccess::adopt_end(vm_, static_cast<core::Pipe::End*>(c->native));
    }
  }

 private:

  // Fork: the child's own copy of a threading primitive (one per original, so a Condition
  // and the lock it was built on stay paired). Held locks and waiters are not copied.
  core::Primitive* clone(NativeKind kind, void* p) {
    auto it = clones_.find(p);
    if (it != clones_.end()) return it->second;
    core::Run& run = ProgramAccess::run(vm_);
    auto* src = static_cast<core::Primitive*>(p);
    const std::string name = src->name();
    core::Primitive* c = nullptr;
    switch (kind) {
      case NativeKind::Lock: c = &run.create<core::Lock>(name); break;
      case NativeKind::RLock: c = &run.create<core::RLock>(name); break;
      case NativeKind::Semaphore:
      case NativeKind::BoundedSemaphore: {
        auto* s = static_cast<core::Semaphore*>(src);
        c = &run.create<core::Semaphore>(s->value(), s->bounded(), name);
        break;
      }
      case NativeKind::Condition: {
        auto* cond = static_cast<core::Condition*>(src);
        core::Primitive* original = &cond->lock();
        const NativeKind lock_kind = dynamic_cast<core::RLock*>(original) ? NativeKind::RLock : NativeKind::Lock;
        auto* lock = static_cast<core::Lockable*>(clone(lock_kind, static_cast<void*>(original)));
        c = &run.create<core::Condition>(*lock, name);
        break;
      }
      case NativeKind::Event: c = &run.create<core::Event>(name); break;
      case NativeKind::Barrier: c = &run.create<core::Barrier>(static_cast<core::Barrier*>(src)->parties(), name); break;
      default: c = new_queue_like(vm_, kind, static_cast<core::Queue*>(src)->maxsize(), name); break;
    }
    clones_[p] = c;
    return c;
  }

  bool code(Value* out) {
    auto* c = vm_.heap.alloc<CodeObj>();
    memo_.push_back(Value::object(c));
    *out = Value::object(c);
    c->name = get_str();
    c->qualname = get_str();
    c->filename = get_str();
    c->code.resize(get_u32());
    get_bytes(c->code.data(), c->code.size() * 4);
    c->lines.resize(get_u32());
    get_bytes(c->lines.data(), c->lines.size() * sizeof(int));
    if (!items(&c->consts) || !items(&c->names)) return false;
    for (auto* list : {&c->varnames, &c->cellvars, &c->freevars}) {
      list->resize(get_u32());
      for (std::string& s : *list) s = get_str();
    }
    c->cell_param.resize(get_u32());
    for (int& p : c->cell_param) p = int(get_u32());
    c->argcount = int(get_u32());
    c->kwonlycount = int(get_u32());
    c->stacksize = int(get_u32());
    const uint8_t flags = get_u8();
    c->varargs = flags & 1;
    c->varkw = flags & 2;
    c->is_generator = flags & 4;
    c->fast_locals = flags & 8;
    c->hidden = flags & 16;
    c->is_coroutine = flags & 32;
    // Names are looked up by identity: the receiver's interned strings.
    for (Value& n : c->names)
      if (is_type(n, ObjType::Str)) n = vm_.intern(as<StrObj>(n)->s);
    return pos_ <= in_.size() || corrupt();
  }

  bool function(Value* out) {
    auto* f = vm_.heap.alloc<FunctionObj>();
    memo_.push_back(Value::object(f));
    *out = Value::object(f);
    f->name = get_str();
    Value code, globals, kwdefaults, cell;
    if (!value(&code) || !value(&globals) || !items(&f->defaults) || !value(&kwdefaults)) return false;
    if (!is_type(code, ObjType::Code) || !is_type(globals, ObjType::Dict)) return corrupt();
    f->code = as<CodeObj>(code);
    f->globals = as<DictObj>(globals);
    f->kwdefaults = is_type(kwdefaults, ObjType::Dict) ? as<DictObj>(kwdefaults) : nullptr;
    uint32_t n = get_u32();
    if (n > in_.size()) return corrupt();
    for (uint32_t i = 0; i < n; ++i) {
      if (!value(&cell)) return false;
      if (!is_type(cell, ObjType::Cell)) return corrupt();
      f->closure.push_back(as<CellObj>(cell));
    }
    return value(&f->class_cell);
  }

  bool class_value(Value* out) {
    auto* c = vm_.heap.alloc<ClassObj>();
    memo_.push_back(Value::object(c));
    *out = Value::object(c);
    c->name = get_str();
    const uint8_t flags = get_u8();
    c->is_exception = flags & 1;
    c->is_builtin = flags & 2;
    c->instance_type = ObjType(get_u8());
    Value base, bases, dict;
    if (!value(&base) || !value(&bases) || !value(&dict)) return false;
    c->base = is_type(base, ObjType::Class) ? as<ClassObj>(base) : nullptr;
    if (!is_type(dict, ObjType::Dict)) return corrupt();
    c->dict = as<DictObj>(dict);
    // The MRO again from the bases (it was consistent in the parent)
    std::vector<ClassObj*> list;
    if (is_type(bases, ObjType::Tuple)) {
      for (auto& b : as<TupleObj>(bases)->items) {
        if (!is_type(b, ObjType::Class)) return corrupt();
        list.push_back(as<ClassObj>(b));
      }
    } else if (c->base) {
      list.push_back(c->base);
    }
    return list.empty() || vm_.set_bases(t_, c, list);
  }

  VM& vm_;
  Thread& t_;
  std::string_view in_;
  size_t pos_ = 0;
  std::vector<Value> memo_;
  std::unordered_map<void*, core::Primitive*> clones_;
  std::vector<InstanceObj*> connections_;
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] entry points
//-----------------------------------------------------------------------------
bool pack_value(VM& vm, Thread& t, const Value& v, TransferMode mode, std::string* out) {
  out->clear();
  Packer p(vm, t, mode, *out);
  if (!p.value(v)) return false;
  for (core::Pipe::End* end : p.ends_) ProgramAccess::retain_in_flight(vm, end);
  return true;
}

bool unpack_value(VM& vm, Thread& t, std::string_view bytes, Value* out) {
  // The collector runs only between instructions of a thread's own loop, never inside this
  // native call, so the half-built objects need no rooting.
  Unpacker u(vm, t, bytes);
  if (!u.value(out)) return false;
  u.adopt_connections();
  return true;
}

}  // namespace interleave::py
