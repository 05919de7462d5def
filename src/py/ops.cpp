// Protocol helpers of the VM: exceptions, repr/str, equality and ordering, truthiness,
// iteration, attributes, hashing, arithmetic, subscripts and format().
// [SECTION] exceptions  [SECTION] repr & str  [SECTION] comparison  [SECTION] iteration
// [SECTION] attributes  [SECTION] arithmetic  [SECTION] subscripts  [SECTION] format
#include <algorithm>
#include <cmath>

#include "py/bigint.h"
#include "py/bytecode.h"
#include "py/bytes.h"
#include "py/float_text.h"
#include "py/strings.h"
#include "py/text_format.h"
#include "py/vm.h"
#include "py/vm_internal.h"

namespace interleave::py {

// [SECTION] exceptions
Value VM::make_exception(ClassObj* c, std::vector<Value> args) {
  auto* e = heap.alloc<InstanceObj>();
  e->cls = c;
  e->dict = new_dict();
  e->args = Value::object(new_tuple(std::move(args)));
  return Value::object(e);
}

NativeStatus VM::raise(Thread& t, ClassObj* c, const std::string& msg) {
  t.exc = make_exception(c, msg.empty() && c == cls.MemoryError ? std::vector<Value>{} : std::vector<Value>{str(msg)});
  return NativeStatus::Error;
}

NativeStatus VM::raise_stopped(Thread& t) {
  core::MemoryLimitLift lift;  // raisable at the memory limit too
  return raise(t, cls.SystemExit,
               time_limit_hit.load(std::memory_order_relaxed) ? "the run passed its time limit" : "the run was stopped");
}

NativeStatus VM::raise_value(Thread& t, Value exc) {
  t.exc = exc;
  return NativeStatus::Error;
}

std::string VM::exception_str(Thread& t, const Value& exc) {
  if (!is_type(exc, ObjType::Instance)) return "";
  auto* e = as<InstanceObj>(exc);
  Value m;
  if (std::string u; unicode_error_text(*this, t, exc, &u)) return u;
  ClassObj* owner = find_class_attr(e->cls, heap.intern("__str__"), &m);
  if (owner && is_type(m, ObjType::Function)) {
    Value out;
    if (call_value(t, m, {exc}, &out) && is_type(out, ObjType::Str)) return as<StrObj>(out)->s;
    t.exc = Value();
  }
  if (e->args.empty()) return "";
  auto& args = as<TupleObj>(e->args)->items;
  std::string s;
  if (args.empty()) return "";
  if (isinstance(exc, cls.OSError) && args.size() >= 2 && args[0].is_intlike()) {
    std::string msg;
    to_str(t, args[1], &msg);
    s = "[Errno " + std::to_string(args[0].as_int()) + "] " + msg;
    if (Value* fn = e->dict->find(intern("filename"))) {
      std::string r;
      repr(t, *fn, &r);
      s += ": " + r;
    }
    return s;
  }
  if (args.size() == 1) {
    if (isinstance(exc, cls.KeyError)) repr(t, args[0], &s);
    else to_str(t, args[0], &s);
    return s;
  }
  repr(t, e->args, &s);
  return s;
}

// [SECTION] repr & str
namespace {

// Guards against infinite recursion on self-containing containers.
struct ReprGuard {
  std::vector<Obj*>& stack;
  Obj* o;
  bool active;
  ReprGuard(std::vector<Obj*>& s, Obj* obj) : stack(s), o(obj) {
    active = std::find(s.begin(), s.end(), obj) != s.end();
    if (!active) s.push_back(obj);
  }
  ~ReprGuard() { if (!active) stack.pop_back(); }
};

std::string addr(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, " at 0x%llx", (unsigned long long)(uintptr_t)p);
  return buf;
}

// A class as its repr names it: module.Name from the __module__ its body stored (the
// module that defined it), the bare name for builtins.
std::string qualified(Heap& heap, const ClassObj* c, bool builtin) {
  if (builtin) return c->name;
  const Value* m = c->dict ? c->dict->find(Value::object(heap.intern("__module__"))) : nullptr;
  const std::string mod = m && is_type(*m, ObjType::Str) ? as<StrObj>(*m)->s : "__main__";
  return mod == "builtins" ? c->name : mod + "." + c->name;
}

}  // namespace

bool VM::repr(Thread& t, const Value& v, std::string* out) {
  switch (v.tag) {
    case Tag::Empty: *out = "<NULL>"; return true;
    case Tag::None: *out = "None"; return true;
    case Tag::Bool: *out = v.b ? "True" : "False"; return true;
    case Tag::Int: *out = std::to_string(v.i); return true;
    case Tag::Float: *out = text::float_repr(v.f); return true;
    case Tag::Obj: break;
  }
  DepthGuard depth(*this, t, " while getting the repr of an object");
  if (!depth.ok) return false;
  std::vector<Obj*>* g_repr_stack = &repr_stack_;  // containers being printed (cycle guard)
  auto seq = [&](const std::vector<Value>& items, const char* open, const char* close, bool tuple) {
    ReprGuard g(*g_repr_stack, v.o);
    if (g.active) { *out = std::string(open) + "..." + close; return true; }
    std::string s = open;
    for (size_t i = 0; i < items.size(); i++) {
      if (i) s += ", ";
      std::string e;
      if (!repr(t, items[i], &e)) return false;
      s += e;
    }
    if (tuple && items.size() == 1) s += ",";
    s += close;
    *out = std::move(s);
    return true;
  };
  switch (v.o->type) {
    case ObjType::Str: *out = repr_str(as<StrObj>(v)->s); return true;
    case ObjType::Bytes: *out = repr_bytes(as<BytesObj>(v)->b, as<BytesObj>(v)->mut); return true;
    case ObjType::BigInt:
      if (!int_to_decimal(v, out)) { raise(t, cls.ValueError, int_str_limit_message()); return false; }
      return true;
    case ObjType::List: return seq(as<ListObj>(v)->items, "[", "]", false);
    case ObjType::Tuple: return seq(as<TupleObj>(v)->items, "(", ")", true);
    case ObjType::Dict: {
      ReprGuard g(*g_repr_stack, v.o);
      if (g.active) { *out = "{...}"; return true; }
      std::string s = "{";
      bool first = true;
      for (auto& e : as<DictObj>(v)->entries) {
        if (e.first.empty()) continue;
        if (!first) s += ", ";
        first = false;
        std::string k, val;
        if (!repr(t, e.first, &k) || !repr(t, e.second, &val)) return false;
        s += k + ": " + val;
      }
      *out = s + "}";
      return true;
    }
    case ObjType::Set: {
      auto* st = as<SetObj>(v);
      std::vector<Value> items;
      for (auto& e : st->d.entries) if (!e.first.empty()) items.push_back(e.first);
      if (items.empty()) { *out = st->frozen ? "frozenset()" : "set()"; return true; }
      std::string inner;
      if (!seq(items, "{", "}", false)) return false;
      if (st->frozen) *out = "frozenset(" + *out + ")";
      return true;
    }
    case ObjType::Function: *out = "<function " + as<FunctionObj>(v)->name + addr(v.o) + ">"; return true;
    case ObjType::Native: *out = "<built-in function " + as<NativeObj>(v)->name + ">"; return true;
    case ObjType::Class: {
      auto* c = as<ClassObj>(v);
      Value m;
      if (ClassObj* owner = c->meta ? find_class_attr(c->meta, heap.intern("__repr__"), &m) : nullptr; owner && !owner->is_builtin) {
        Value r;
        if (!call_value(t, m, {v}, &r)) return false;
        if (!is_type(r, ObjType::Str)) {
          raise(t, cls.TypeError, "__repr__ returned non-string (type " + type_name(r) + ")");
          return false;
        }
        *out = as<StrObj>(r)->s;
        return true;
      }
      *out = "<class '" + qualified(heap, c, c->is_builtin) + "'>";
      return true;
    }
    case ObjType::BoundMethod: {
      auto* bm = as<BoundMethodObj>(v);
      std::string fname = is_type(bm->func, ObjType::Function) ? as<FunctionObj>(bm->func)->name : "method";
      std::string self_repr;
      if (!repr(t, bm->self, &self_repr)) return false;
      *out = "<bound method " + type_of(bm->self)->name + "." + fname + " of " + self_repr + ">";
      return true;
    }
    case ObjType::Generator:
      *out = std::string(as<GeneratorObj>(v)->coroutine ? "<coroutine object " : "<generator object ") +
             as<GeneratorObj>(v)->name + addr(v.o) + ">";
      return true;
    case ObjType::Range: {
      auto* r = as<RangeObj>(v);
      *out = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop) +
             (r->step != 1 ? ", " + std::to_string(r->step) : "") + ")";
      return true;
    }
    case ObjType::Module: *out = "<module '" + as<ModuleObj>(v)->name + "'>"; return true;
    case ObjType::Slice: {
      auto* sl = as<SliceObj>(v);
      std::string a, b, c;
      repr(t, sl->start, &a); repr(t, sl->stop, &b); repr(t, sl->step, &c);
      *out = "slice(" + a + ", " + b + ", " + c + ")";
      return true;
    }
    case ObjType::Instance: {
      auto* inst = as<InstanceObj>(v);
      Value m;
      ClassObj* owner_cls = find_class_attr(inst->cls, heap.intern("__repr__"), &m);
      if (owner_cls && is_type(m, ObjType::Function)) {
        Value r;
        if (!call_value(t, m, {v}, &r)) return false;
        if (!is_type(r, ObjType::Str)) { raise(t, cls.TypeError, "__repr__ returned non-string (type " + type_name(r) + ")"); return false; }
        *out = as<StrObj>(r)->s;
        return true;
      }
      if (inst->cls->is_exception) {
        std::string a;
        if (!repr(t, inst->args, &a)) return false;
        if (as<TupleObj>(inst->args)->items.size() == 1) a = a.substr(0, a.size() - 2) + ")";
        *out = inst->cls->name + a;
        return true;
      }
      *out = "<" + qualified(heap, inst->cls, false) + " object" + addr(v.o) + ">";
      return true;
    }
    case ObjType::File: *out = "<_io.TextIOWrapper name='" + as<FileObj>(v)->path + "'>"; return true;
    case ObjType::Iterator: {
      auto* it = as<IteratorObj>(v);
      if (!it->is_view) { *out = "<" + type_name(v) + " object" + addr(v.o) + ">"; return true; }
      std::vector<Value> items;
      if (!to_vector(t, v, &items)) return false;
      std::string inner;
      Value lst = Value::object(new_list());
      as<ListObj>(lst)->items = std::move(items);
      if (!repr(t, lst, &inner)) return false;
      *out = type_name(v) + "(" + inner + ")";
      return true;
    }
    default: *out = "<" + type_name(v) + " object>"; return true;
  }
}

bool VM::to_str(Thread& t, const Value& v, std::string* out) {
  if (is_type(v, ObjType::Str)) { *out = as<StrObj>(v)->s; return true; }
  if (is_type(v, ObjType::Instance)) {
    auto* inst = as<InstanceObj>(v);
    Value m;
    ClassObj* owner = find_class_attr(inst->cls, heap.intern("__str__"), &m);
    if (owner && is_type(m, ObjType::Function)) {
      Value r;
      if (!call_value(t, m, {v}, &r)) return false;
      if (!is_type(r, ObjType::Str)) { raise(t, cls.TypeError, "__str__ returned non-string (type " + type_name(r) + ")"); return false; }
      *out = as<StrObj>(r)->s;
      return true;
    }
    if (inst->cls->is_exception) { *out = exception_str(t, v); return t.exc.empty(); }
  }
  return repr(t, v, out);
}

// [SECTION] comparison
namespace {
bool is_number(const Value& v) { return v.is_intlike() || v.is_float() || is_bigint(v); }
double num_to_double(const Value& v) { return v.is_float() ? v.f : int_to_double(v); }
// Compares two numbers: -1/0/1, or 2 when unordered (NaN).
int num_cmp(const Value& a, const Value& b) {
  if (!a.is_float() && !b.is_float()) return int_cmp(a, b);
  double x = num_to_double(a), y = num_to_double(b);
  if (std::isnan(x) || std::isnan(y)) return 2;
  return x < y ? -1 : x > y ? 1 : 0;
}
const char* const kCmpSym[] = {"<", "<=", "==", "!=", ">", ">="};
const char* const kCmpDunder[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
const int kCmpSwap[] = {C_GT, C_GE, C_EQ, C_NE, C_LT, C_LE};
}  // namespace

bool VM::eq(Thread& t, const Value& a, const Value& b, bool* out) {
  Value r;
  if (!compare(t, a, b, C_EQ, &r)) return false;
  return truthy(t, r, out);
}

bool VM::lt(Thread& t, const Value& a, const Value& b, bool* out) {
  Value r;
  if (!compare(t, a, b, C_LT, &r)) return false;
  return truthy(t, r, out);
}

bool VM::compare(Thread& t, const Value& a, const Value& b, int op, Value* out) {
  auto result = [&](int c) {
    bool r = false;
    switch (op) {
      case C_LT: r = c == -1; break;
      case C_LE: r = c == -1 || c == 0; break;
      case C_EQ: r = c == 0; break;
      case C_NE: r = c != 0; break;
      case C_GT: r = c == 1; break;
      case C_GE: r = c == 1 || c == 0; break;
    }
    *out = Value::boolean(r);
    return true;
  };
  switch (op) {
    case C_IS: *out = Value::boolean(identical(a, b)); return true;
    case C_IS_NOT: *out = Value::boolean(!identical(a, b)); return true;
    case C_IN:
    case C_NOT_IN: {
      bool found = false;
      if (is_type(b, ObjType::Str)) {
        if (!is_type(a, ObjType::Str)) { raise(t, cls.TypeError, "'in <string>' requires string as left operand, not " + type_name(a)); return false; }
        found = as<StrObj>(b)->s.find(as<StrObj>(a)->s) != std::string::npos;
      } else if (is_type(b, ObjType::Bytes)) {
        if (!bytes_contains(*this, t, as<BytesObj>(b), a, &found)) return false;
      } else if (is_type(b, ObjType::Dict) || is_type(b, ObjType::Set)) {
        DictObj* d = is_type(b, ObjType::Dict) ? as<DictObj>(b) : &as<SetObj>(b)->d;
        Value* v;
        if (!dict_get(t, d, a, &v)) return false;
        found = v != nullptr;
      } else if (is_type(b, ObjType::Range)) {
        auto* r = as<RangeObj>(b);
        if (a.is_intlike()) {
          int64_t x = a.as_int();
          found = r->step > 0 ? (x >= r->start && x < r->stop) : (x <= r->start && x > r->stop);
          found = found && (x - r->start) % r->step == 0;
        }
      } else {
        Value m;
        bool has = false;
        if (is_type(b, ObjType::Instance) && !lookup_attr(t, b, heap.intern("__contains__"), &m, &has)) return false;
        if (has) {
          Value r;
          if (!call_value(t, m, {a}, &r) || !truthy(t, r, &found)) return false;
        } else {
          Value it;
          if (!get_iter(t, b, &it)) return false;
          for (;;) {
            Value v;
            bool more;
            if (!iter_next(t, it, &v, &more)) return false;
            if (!more) break;
            bool e;
            if (identical(v, a)) { found = true; break; }
            if (!eq(t, v, a, &e)) return false;
            if (e) { found = true; break; }
          }
        }
      }
      *out = Value::boolean(op == C_IN ? found : !found);
      return true;
    }
    default: break;
  }
  if (is_number(a) && is_number(b)) {
    int c = num_cmp(a, b);
    if (c == 2) { *out = Value::boolean(op == C_NE); return true; }
    return result(c);
  }
  if (a.tag == Tag::Obj && b.tag == Tag::Obj && a.o->type == b.o->type) {
    switch (a.o->type) {
      case ObjType::Str: {
        int c = as<StrObj>(a)->s.compare(as<StrObj>(b)->s);
        return result(c < 0 ? -1 : c > 0 ? 1 : 0);
      }
      case ObjType::Bytes: {  // bytes and bytearray compare with each other, as unsigned bytes
        int c = as<BytesObj>(a)->b.compare(as<BytesObj>(b)->b);
        return result(c < 0 ? -1 : c > 0 ? 1 : 0);
      }
      case ObjType::List:
      case ObjType::Tuple: {
        DepthGuard depth(*this, t, " in comparison");
        if (!depth.ok) return false;
        auto& x = a.o->type == ObjType::List ? as<ListObj>(a)->items : as<TupleObj>(a)->items;
        auto& y = b.o->type == ObjType::List ? as<ListObj>(b)->items : as<TupleObj>(b)->items;
        size_t n = std::min(x.size(), y.size());
        for (size_t i = 0; i < n; i++) {
          if (identical(x[i], y[i])) continue;
          bool e;
          if (!eq(t, x[i], y[i], &e)) return false;
          if (e) continue;
          if (op == C_EQ) { *out = Value::boolean(false); return true; }
          if (op == C_NE) { *out = Value::boolean(true); return true; }
          return compare(t, x[i], y[i], op, out);
        }
        return result(x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0);
      }
      case ObjType::Dict:
        if (op == C_EQ || op == C_NE) {
          DepthGuard depth(*this, t, " in comparison");
          if (!depth.ok) return false;
          auto* x = as<DictObj>(a);
          auto* y = as<DictObj>(b);
          bool same = x->size() == y->size();
          for (uint32_t i = 0; same && i < x->entries.size(); i++) {  // by index: __eq__ may change x
            if (x->entries[i].first.empty()) continue;
            int64_t at;
            if (!dict_index(t, y, x->entries[i].first, entry_hash(*x, i), &at)) return false;
            if (at < 0) { same = false; break; }
            bool q;
            Value xv = x->entries[i].second, yv = y->entries[size_t(at)].second;
            if (!eq(t, xv, yv, &q)) return false;
            same = q;
          }
          *out = Value::boolean(op == C_EQ ? same : !same);
          return true;
        }
        break;
      case ObjType::Set: {
        auto* x = &as<SetObj>(a)->d;
        auto* y = &as<SetObj>(b)->d;
        bool err = false;
        auto subset = [&](DictObj* p, DictObj* q) {
          for (uint32_t i = 0; i < p->entries.size(); i++) {  // by index: __eq__ may change p
            if (p->entries[i].first.empty()) continue;
            int64_t at;
            if (!dict_index(t, q, p->entries[i].first, entry_hash(*p, i), &at)) { err = true; return false; }
            if (at < 0) return false;
          }
          return true;
        };
        bool r = false;
        switch (op) {
          case C_EQ: r = x->size() == y->size() && subset(x, y); break;
          case C_NE: r = !(x->size() == y->size() && subset(x, y)); break;
          case C_LE: r = subset(x, y); break;
          case C_LT: r = x->size() < y->size() && subset(x, y); break;
          case C_GE: r = subset(y, x); break;
          case C_GT: r = y->size() < x->size() && subset(y, x); break;
        }
        if (err) return false;
        *out = Value::boolean(r);
        return true;
      }
      default: break;
    }
  }
  // user-defined rich comparison: a.__op__(b), then the reflected b.__rop__(a)
  for (int pass = 0; pass < 2; pass++) {
    const Value& self = pass == 0 ? a : b;
    const Value& other = pass == 0 ? b : a;
    int mop = pass == 0 ? op : kCmpSwap[op];
    if (!is_type(self, ObjType::Instance)) continue;
    Value m;
    ClassObj* owner = find_class_attr(as<InstanceObj>(self)->cls, heap.intern(kCmpDunder[mop]), &m);
    if (!owner || !is_type(m, ObjType::Function)) continue;
    Value r;
    if (!call_value(t, m, {self, other}, &r)) return false;
    if (is_type(r, ObjType::Native) && as<NativeObj>(r)->name == "NotImplemented") continue;
    *out = r;
    return true;
  }
  if (op == C_EQ) { *out = Value::boolean(identical(a, b)); return true; }
  if (op == C_NE) {
    // default __ne__ inverts a user __eq__
    if (is_type(a, ObjType::Instance)) {
      Value m;
      if (find_class_attr(as<InstanceObj>(a)->cls, heap.intern("__eq__"), &m) && is_type(m, ObjType::Function)) {
        Value r;
        bool tv;
        if (!call_value(t, m, {a, b}, &r) || !truthy(t, r, &tv)) return false;
        *out = Value::boolean(!tv);
        return true;
      }
    }
    *out = Value::boolean(!identical(a, b));
    return true;
  }
  raise(t, cls.TypeError, std::string("'") + kCmpSym[op] + "' not supported between instances of '" + type_name(a) + "' and '" + type_name(b) + "'");
  return false;
}

bool VM::truthy(Thread& t, const Value& v, bool* out) {
  switch (v.tag) {
    case Tag::Empty: case Tag::None: *out = false; return true;
    case Tag::Bool: *out = v.b; return true;
    case Tag::Int: *out = v.i != 0; return true;
    case Tag::Float: *out = v.f != 0.0; return true;
    case Tag::Obj: break;
  }
  switch (v.o->type) {
    case ObjType::Str: *out = !as<StrObj>(v)->s.empty(); return true;
    case ObjType::Bytes: *out = !as<BytesObj>(v)->b.empty(); return true;
    case ObjType::List: *out = !as<ListObj>(v)->items.empty(); return true;
    case ObjType::Tuple: *out = !as<TupleObj>(v)->items.empty(); return true;
    case ObjType::Dict: *out = as<DictObj>(v)->size() > 0; return true;
    case ObjType::Set: *out = as<SetObj>(v)->d.size() > 0; return true;
    case ObjType::Range: *out = as<RangeObj>(v)->length() > 0; return true;
    case ObjType::BigInt: *out = true; return true;
    case ObjType::Instance: {
      Value m;
      bool found = false;
      if (!lookup_attr(t, v, heap.intern("__bool__"), &m, &found)) return false;
      if (!found && !lookup_attr(t, v, heap.intern("__len__"), &m, &found)) return false;
      if (!found) { *out = true; return true; }
      Value r;
      if (!call_value(t, m, {}, &r)) return false;
      return truthy(t, r, out);
    }
    default: *out = true; return true;
  }
}

bool VM::len(Thread& t, const Value& v, int64_t* out) {
  if (v.tag == Tag::Obj) {
    switch (v.o->type) {
      case ObjType::Str: *out = as<StrObj>(v)->cp_len; return true;
      case ObjType::Bytes: *out = int64_t(as<BytesObj>(v)->b.size()); return true;
      case ObjType::List: *out = int64_t(as<ListObj>(v)->items.size()); return true;
      case ObjType::Tuple: *out = int64_t(as<TupleObj>(v)->items.size()); return true;
      case ObjType::Dict: *out = int64_t(as<DictObj>(v)->size()); return true;
      case ObjType::Set: *out = int64_t(as<SetObj>(v)->d.size()); return true;
      case ObjType::Range: *out = as<RangeObj>(v)->length(); return true;
      case ObjType::Instance: {
        Value m, r;
        bool found = false;
        if (!lookup_attr(t, v, heap.intern("__len__"), &m, &found)) return false;
        if (found) {
          if (!call_value(t, m, {}, &r)) return false;
          if (r.is_intlike()) { *out = r.as_int(); return true; }
        }
        break;
      }
      default: break;
    }
  }
  raise(t, cls.TypeError, "object of type '" + type_name(v) + "' has no len()");
  return false;
}

// [SECTION] iteration
bool VM::get_iter(Thread& t, const Value& v, Value* out) {
  if (is_type(v, ObjType::Generator) && as<GeneratorObj>(v)->coroutine) {
    raise(t, cls.TypeError, "'coroutine' object is not iterable");
    return false;
  }
  if (v.tag == Tag::Obj) {
    IteratorObj* it = nullptr;
    switch (v.o->type) {
      case ObjType::List: case ObjType::Tuple: it = heap.alloc<IteratorObj>(IterKind::Seq); break;
      case ObjType::Str: it = heap.alloc<IteratorObj>(IterKind::Str); break;
      case ObjType::Bytes: it = heap.alloc<IteratorObj>(IterKind::Bytes); break;
      case ObjType::Dict: it = heap.alloc<IteratorObj>(IterKind::DictKeys); break;
      case ObjType::Set: it = heap.alloc<IteratorObj>(IterKind::DictKeys); break;
      case ObjType::Range: {
        auto* r = as<RangeObj>(v);
        it = heap.alloc<IteratorObj>(IterKind::Range);
        it->pos = r->start;
        it->end = r->stop;
        it->step = r->step;
        it->src = v;
        *out = Value::object(it);
        return true;
      }
      case ObjType::Iterator:
        if (as<IteratorObj>(v)->is_view) {  // dict views: a fresh iterator each time
          auto* fresh = heap.alloc<IteratorObj>(as<IteratorObj>(v)->kind);
          fresh->src = as<IteratorObj>(v)->src;
          *out = Value::object(fresh);
          return true;
        }
        *out = v;
        return true;
      case ObjType::Generator: case ObjType::File: *out = v; return true;
      case ObjType::Class: {
        if (FunctionObj* fn = python_method(v, "__iter__")) return call_value(t, Value::object(fn), {v}, out);
        break;
      }
      case ObjType::Instance: {
        Value m;
        bool found = false;
        if (!lookup_attr(t, v, heap.intern("__iter__"), &m, &found)) return false;
        if (found) return call_value(t, m, {}, out);
        break;
      }
      default: break;
    }
    if (it) {
      it->src = is_type(v, ObjType::Set) ? Value::object(&as<SetObj>(v)->d) : v;
      if (is_type(v, ObjType::Set)) it->extra.push_back(v);  // keep the set alive
      *out = Value::object(it);
      return true;
    }
  }
  raise(t, cls.TypeError, "'" + type_name(v) + "' object is not iterable");
  return false;
}

bool VM::iter_next(Thread& t, const Value& itv, Value* out, bool* has) {
  *has = false;
  if (is_type(itv, ObjType::Iterator) && as<IteratorObj>(itv)->kind == IterKind::Gen)
    return iter_next(t, as<IteratorObj>(itv)->src, out, has);
  if (is_type(itv, ObjType::Generator)) {
    auto* g = as<GeneratorObj>(itv);
    if (!g->frame) return true;
    size_t depth = t.frames.size();
    if (t.nested >= 150) { raise(t, cls.RecursionError, "maximum recursion depth exceeded"); return false; }
    if (resume_generator(t, g, Value(), Resume::Nested, 0) == NativeStatus::Error) return false;
    if (run_nested(t, depth) != RunStatus::Done) return false;
    *has = t.last_yielded;
    *out = t.result;
    return true;
  }
  if (is_type(itv, ObjType::Instance)) {
    Value m;
    bool found = false;
    if (!lookup_attr(t, itv, heap.intern("__next__"), &m, &found)) return false;
    if (!found) { raise(t, cls.TypeError, "'" + type_name(itv) + "' object is not an iterator"); return false; }
    if (!call_value(t, m, {}, out)) {
      if (isinstance(t.exc, cls.StopIteration)) { t.exc = Value(); return true; }
      return false;
    }
    *has = true;
    return true;
  }
  if (is_type(itv, ObjType::File)) {
    auto* f = as<FileObj>(itv);
    if (f->path == "<stdin>" && f->pos >= f->buffer.size()) {  // stdin is read a line at a time
      bool got;
      f->buffer.clear();
      f->pos = 0;
      std::string line;
      if (!next_input_line(t, &line, &got)) return false;
      f->buffer = std::move(line);
    }
    if (f->pos >= f->buffer.size()) return true;
    size_t nl = f->buffer.find('\n', f->pos);
    size_t end = nl == std::string::npos ? f->buffer.size() : nl + 1;
    *out = str(f->buffer.substr(f->pos, end - f->pos));
    f->pos = end;
    *has = true;
    return true;
  }
  if (!is_type(itv, ObjType::Iterator)) { raise(t, cls.TypeError, "'" + type_name(itv) + "' object is not an iterator"); return false; }
  auto* it = as<IteratorObj>(itv);
  switch (it->kind) {
    case IterKind::Seq: {
      auto& items = is_type(it->src, ObjType::List) ? as<ListObj>(it->src)->items : as<TupleObj>(it->src)->items;
      if (it->pos < int64_t(items.size())) { *out = items[size_t(it->pos++)]; *has = true; }
      return true;
    }
    case IterKind::Reversed: {
      auto& items = is_type(it->src, ObjType::List) ? as<ListObj>(it->src)->items : as<TupleObj>(it->src)->items;
      if (it->pos >= int64_t(items.size())) it->pos = int64_t(items.size());
      if (it->pos > 0) { *out = items[size_t(--it->pos)]; *has = true; }
      return true;
    }
    case IterKind::Range:
      if (it->step > 0 ? it->pos < it->end : it->pos > it->end) {
        *out = Value::integer(it->pos);
        it->pos += it->step;
        *has = true;
      }
      return true;
    case IterKind::Str: {
      const std::string& s = as<StrObj>(it->src)->s;
      if (size_t(it->pos) >= s.size()) return true;
      size_t n = 1;
      unsigned char c = (unsigned char)s[size_t(it->pos)];
      if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
      *out = str(s.substr(size_t(it->pos), n));
      it->pos += int64_t(n);
      *has = true;
      return true;
    }
    case IterKind::Bytes: {  // a bytearray may change while iterated: its size is read each step
      const std::string& s = as<BytesObj>(it->src)->b;
      if (size_t(it->pos) >= s.size()) return true;
      *out = Value::integer((unsigned char)s[size_t(it->pos++)]);
      *has = true;
      return true;
    }
    case IterKind::DictKeys:
    case IterKind::DictValues:
    case IterKind::DictItems: {
      auto* d = as<DictObj>(it->src);
      while (it->pos < int64_t(d->entries.size()) && d->entries[size_t(it->pos)].first.empty()) it->pos++;
      if (it->pos >= int64_t(d->entries.size())) return true;
      auto& e = d->entries[size_t(it->pos++)];
      if (it->kind == IterKind::DictKeys) *out = e.first;
      else if (it->kind == IterKind::DictValues) *out = e.second;
      else *out = Value::object(new_tuple({e.first, e.second}));
      *has = true;
      return true;
    }
    case IterKind::Enumerate: {
      Value v;
      bool more;
      if (!iter_next(t, it->src, &v, &more)) return false;
      if (!more) return true;
      *out = Value::object(new_tuple({Value::integer(it->pos++), v}));
      *has = true;
      return true;
    }
    case IterKind::Zip: {
      if (it->extra.empty()) return true;
      std::vector<Value> row;
      for (auto& sub : it->extra) {
        Value v;
        bool more;
        if (!iter_next(t, sub, &v, &more)) return false;
        if (!more) return true;
        row.push_back(v);
      }
      *out = Value::object(new_tuple(std::move(row)));
      *has = true;
      return true;
    }
    case IterKind::Map: {
      std::vector<Value> args;
      for (auto& sub : it->extra) {
        Value v;
        bool more;
        if (!iter_next(t, sub, &v, &more)) return false;
        if (!more) return true;
        args.push_back(v);
      }
      if (!call_value(t, it->src, std::move(args), out)) return false;
      *has = true;
      return true;
    }
    case IterKind::Gen: return true;  // handled above
    case IterKind::Filter: {
      for (;;) {
        Value v;
        bool more;
        if (!iter_next(t, it->extra[0], &v, &more)) return false;
        if (!more) return true;
        bool keep;
        if (it->src.is_none()) {
          if (!truthy(t, v, &keep)) return false;
        } else {
          Value r;
          if (!call_value(t, it->src, {v}, &r) || !truthy(t, r, &keep)) return false;
        }
        if (keep) { *out = v; *has = true; return true; }
      }
    }
  }
  return true;
}

bool VM::to_vector(Thread& t, const Value& v, std::vector<Value>* out) {
  if (is_type(v, ObjType::List)) { *out = as<ListObj>(v)->items; return true; }
  if (is_type(v, ObjType::Tuple)) { *out = as<TupleObj>(v)->items; return true; }
  Value it;
  if (!get_iter(t, v, &it)) return false;
  for (;;) {
    Value x;
    bool more;
    if (!iter_next(t, it, &x, &more)) return false;
    if (!more) return true;
    out->push_back(x);
    if (out->size() % 65536 != 0) continue;  // every 64K items: memory and interrupts
    if (out->size() * sizeof(Value) > config_.limits.max_memory_bytes) {
      raise(t, cls.MemoryError, "");
      return false;
    }
    if (interrupt_requested()) { raise_stopped(t); return false; }
  }
}

// [SECTION] attributes
ClassObj* VM::find_class_attr(ClassObj* c, StrObj* name, Value* out) const {
  Value key = Value::object(name);
  if (c && !c->mro.empty()) {  // multiple inheritance somewhere above: the C3 order
    for (ClassObj* k : c->mro)
      if (Value* v = k->dict->find(key)) { *out = *v; return k; }
    return nullptr;
  }
  for (; c; c = c->base) {
    if (Value* v = c->dict->find(key)) { *out = *v; return c; }
  }
  return nullptr;
}

ClassObj* VM::find_attr_after(ClassObj* type, ClassObj* start, StrObj* name, Value* out) const {
  if (!type || !is_subclass(type, start)) type = start;
  if (type->mro.empty()) return find_class_attr(start->base, name, out);  // start is on type's base chain
  Value key = Value::object(name);
  auto it = std::find(type->mro.begin(), type->mro.end(), start);
  if (it == type->mro.end()) return nullptr;  // start is object (implicit in every MRO)
  for (++it; it != type->mro.end(); ++it)
    if (Value* v = (*it)->dict->find(key)) { *out = *v; return *it; }
  return nullptr;
}

// staticmethod / classmethod / property objects found on a class: what the lookup yields.
// Returns false (with *handled) when a property getter raised.
static bool apply_descriptor(VM& vm, Thread& t, const Value& m, const Value& self, ClassObj* owner_cls,
                             Value* out, bool* handled) {
  *handled = false;
  if (!is_type(m, ObjType::Instance)) return true;
  auto* d = as<InstanceObj>(m);
  if (d->cls != vm.cls.staticmethod && d->cls != vm.cls.classmethod && d->cls != vm.cls.property) {
    if (d->cls->is_builtin) return true;
    // A user-defined descriptor: __get__(instance or None, owner)
    Value get;
    if (!vm.find_class_attr(d->cls, vm.heap.intern("__get__"), &get)) return true;
    *handled = true;
    Value inst = self.empty() ? Value::none() : self;
    return vm.call_value(t, get, {m, inst, Value::object(owner_cls)}, out);
  }
  *handled = true;
  Value fn = *d->dict->find(vm.intern("__func__"));
  if (d->cls == vm.cls.staticmethod) { *out = fn; return true; }
  if (d->cls == vm.cls.classmethod) {
    auto* bm = vm.heap.alloc<BoundMethodObj>();
    bm->self = Value::object(owner_cls);
    bm->func = fn;
    *out = Value::object(bm);
    return true;
  }
  if (self.empty()) { *out = m; return true; }  // property read on the class itself
  return vm.call_value(t, fn, {self}, out);
}

static TupleObj* class_tuple(VM& vm, const std::vector<ClassObj*>& classes) {
  std::vector<Value> items;
  items.reserve(classes.size());
  for (ClassObj* k : classes) items.push_back(Value::object(k));
  return vm.new_tuple(std::move(items));
}

static NativeStatus class_mro_list(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n != 1 || !is_type(a.args[0], ObjType::Class))
    return vm.raise(t, vm.cls.TypeError, "mro() takes no arguments");
  auto* l = vm.new_list();
  for (ClassObj* k : vm.mro_of(as<ClassObj>(a.args[0]))) l->items.push_back(Value::object(k));
  *out = Value::object(l);
  return NativeStatus::Ok;
}

bool VM::lookup_attr(Thread& t, const Value& obj, StrObj* name, Value* out, bool* found) {
  *found = true;
  Value key = Value::object(name);
  if (obj.tag == Tag::Obj) {
    switch (obj.o->type) {
      case ObjType::Instance: {
        auto* inst = as<InstanceObj>(obj);
        if (inst->cls == cls.super_) {
          // super(): look the name up after the defining class, bind it to the instance
          // in the MRO of self's type (self itself when it is a subclass: super() in a classmethod)
          Value start = *inst->dict->find(intern("__thisclass__"));
          Value self = *inst->dict->find(intern("__self__"));
          Value m;
          if (!is_type(start, ObjType::Class)) { *found = false; return true; }
          auto* sc = as<ClassObj>(start);
          const bool self_is_class = is_type(self, ObjType::Class) && is_subclass(as<ClassObj>(self), sc);
          ClassObj* type = self_is_class ? as<ClassObj>(self) : type_of(self);
          if (find_attr_after(type, sc, name, &m)) {
            if ((is_type(m, ObjType::Function) || is_type(m, ObjType::Native)) && name->s != "__new__") {  // __new__: static
              auto* bm = heap.alloc<BoundMethodObj>();
              bm->self = self;
              bm->func = m;
              *out = Value::object(bm);
              return true;
            }
            bool handled;  // classmethod, staticmethod, property, a user descriptor
            if (!apply_descriptor(*this, t, m, self_is_class ? Value() : self, type, out, &handled)) return false;
            if (!handled) *out = m;
            return true;
          }
          *found = false;
          return true;
        }
        if (Value* v = inst->dict->find(key)) { *out = *v; return true; }
        Value m;
        if (find_class_attr(inst->cls, name, &m)) {
          bool handled;
          if (!apply_descriptor(*this, t, m, obj, inst->cls, out, &handled)) return false;
          if (handled) return true;
          if (is_type(m, ObjType::Function) || is_type(m, ObjType::Native)) {
            auto* bm = heap.alloc<BoundMethodObj>();
            bm->self = obj;
            bm->func = m;
            *out = Value::object(bm);
          } else {
            *out = m;
          }
          return true;
        }
        if (inst->cls->is_exception) {
          if (name->s == "args") { *out = inst->args; return true; }
          if (name->s == "value" && isinstance(obj, cls.StopIteration)) {
            auto& a = as<TupleObj>(inst->args)->items;
            *out = a.empty() ? Value::none() : a[0];
            return true;
          }
          if ((name->s == "errno" || name->s == "strerror") && isinstance(obj, cls.OSError)) {
            auto& a = as<TupleObj>(inst->args)->items;  // OSError(errno, strerror, ...)
            *out = a.size() >= 2 ? a[name->s == "errno" ? 0 : 1] : Value::none();
            return true;
          }
          if (name->s == "code" && isinstance(obj, cls.SystemExit)) {  // CPython: the one arg, else the tuple
            auto& a = as<TupleObj>(inst->args)->items;
            *out = a.empty() ? Value::none() : a.size() == 1 ? a[0] : inst->args;
            return true;
          }
        }
        if (name->s == "__class__") { *out = Value::object(inst->cls); return true; }
        if (name->s == "__dict__") { *out = Value::object(inst->dict); return true; }
        *found = false;
        return true;
      }
      case ObjType::Class: {
        auto* c = as<ClassObj>(obj);
        if (name->s == "__name__" || name->s == "__qualname__") { *out = str(c->name); return true; }
        if (find_class_attr(c, name, out)) {
          bool handled;
          Value m = *out;
          return apply_descriptor(*this, t, m, Value(), c, out, &handled);
        }
        if (c->meta) {
          Value m;
          if (find_class_attr(c->meta, name, &m)) {
            if (is_type(m, ObjType::Function)) {
              auto* bm = heap.alloc<BoundMethodObj>();
              bm->self = obj;
              bm->func = m;
              *out = Value::object(bm);
              return true;
            }
            bool handled;
            if (!apply_descriptor(*this, t, m, obj, c->meta, out, &handled)) return false;
            if (!handled) *out = m;
            return true;
          }
        }
        if (name->s == "__module__" && c->is_builtin) { *out = str("builtins"); return true; }
        if (name->s == "__dict__") { *out = Value::object(c->dict); return true; }  // CPython: a read-only mappingproxy
        if (name->s == "__bases__") { *out = Value::object(class_tuple(*this, bases_of(c))); return true; }
        if (name->s == "__base__") { *out = c->base ? Value::object(c->base) : Value::none(); return true; }
        if (name->s == "__class__") { *out = Value::object(c->meta ? c->meta : cls.type); return true; }
        if (name->s == "__mro__") { *out = Value::object(class_tuple(*this, mro_of(c))); return true; }
        if (name->s == "mro") {  // C.mro(): the MRO as a list
          auto* bm = heap.alloc<BoundMethodObj>();
          bm->self = obj;
          bm->func = Value::object(native("mro", class_mro_list));
          *out = Value::object(bm);
          return true;
        }
        *found = false;
        return true;
      }
      case ObjType::Module: {
        if (Value* v = as<ModuleObj>(obj)->dict->find(key)) { *out = *v; return true; }
        *found = false;
        return true;
      }
      case ObjType::Function: {
        auto* f = as<FunctionObj>(obj);
        if (f->attrs) {
          if (Value* v = f->attrs->find(key)) { *out = *v; return true; }
        }
        if (name->s == "__dict__") {
          if (!f->attrs) f->attrs = new_dict();
          *out = Value::object(f->attrs);
          return true;
        }
        if (name->s == "__module__") {
          Value* m = f->globals ? f->globals->find(intern("__name__")) : nullptr;
          *out = m ? *m : Value::none();
          return true;
        }
        if (name->s == "__defaults__") {
          *out = f->defaults.empty() ? Value::none() : Value::object(new_tuple(f->defaults));
          return true;
        }
        if (name->s == "__kwdefaults__") { *out = f->kwdefaults ? Value::object(f->kwdefaults) : Value::none(); return true; }
        if (name->s == "__name__") { *out = str(f->name); return true; }
        if (name->s == "__qualname__") { *out = str(f->code->qualname.empty() ? f->name : f->code->qualname); return true; }
        if (name->s == "__doc__") { *out = f->code->doc.empty() ? Value::none() : f->code->doc; return true; }
        break;
      }
      case ObjType::Native:
        if (name->s == "__name__") { *out = str(as<NativeObj>(obj)->name); return true; }
        break;
      case ObjType::BoundMethod:
        if (name->s == "__self__") { *out = as<BoundMethodObj>(obj)->self; return true; }
        if (name->s == "__func__") { *out = as<BoundMethodObj>(obj)->func; return true; }
        if (name->s == "__name__") return lookup_attr(t, as<BoundMethodObj>(obj)->func, name, out, found);
        break;
      case ObjType::Generator:
        if (name->s == "__name__") { *out = str(as<GeneratorObj>(obj)->name); return true; }
        break;
      case ObjType::Slice: {
        auto* sl = as<SliceObj>(obj);
        if (name->s == "start") { *out = sl->start; return true; }
        if (name->s == "stop") { *out = sl->stop; return true; }
        if (name->s == "step") { *out = sl->step; return true; }
        break;
      }
      case ObjType::Range: {
        auto* r = as<RangeObj>(obj);
        if (name->s == "start") { *out = Value::integer(r->start); return true; }
        if (name->s == "stop") { *out = Value::integer(r->stop); return true; }
        if (name->s == "step") { *out = Value::integer(r->step); return true; }
        break;
      }
      default: break;
    }
  }
  Value m;
  if (find_class_attr(type_of(obj), name, &m)) {
    if (is_type(m, ObjType::Instance) && as<InstanceObj>(m)->cls == cls.classmethod) {  // b'x'.fromhex, (5).from_bytes
      bool handled;
      return apply_descriptor(*this, t, m, obj, type_of(obj), out, &handled);
    }
    if (is_type(m, ObjType::Native) || is_type(m, ObjType::Function)) {
      auto* bm = heap.alloc<BoundMethodObj>();
      bm->self = obj;
      bm->func = m;
      *out = Value::object(bm);
    } else {
      *out = m;
    }
    return true;
  }
  if (name->s == "__class__") { *out = Value::object(type_of(obj)); return true; }
  *found = false;
  return true;
}

bool VM::getattr(Thread& t, const Value& obj, StrObj* name, Value* out) {
  bool found = false;
  if (!lookup_attr(t, obj, name, out, &found)) return false;
  if (found) return true;
  if (is_type(obj, ObjType::Instance)) {
    Value ga;
    if (find_class_attr(as<InstanceObj>(obj)->cls, heap.intern("__getattr__"), &ga) && is_type(ga, ObjType::Function))
      return call_value(t, ga, {obj, Value::object(name)}, out);
  }
  if (is_type(obj, ObjType::Module)) {
    raise(t, cls.AttributeError, "module '" + as<ModuleObj>(obj)->name + "' has no attribute '" + name->s + "'");
  } else if (is_type(obj, ObjType::Class)) {
    raise(t, cls.AttributeError, "type object '" + as<ClassObj>(obj)->name + "' has no attribute '" + name->s + "'");
  } else {
    raise(t, cls.AttributeError, "'" + type_name(obj) + "' object has no attribute '" + name->s + "'");
  }
  return false;
}

bool VM::setattr(Thread& t, const Value& obj, StrObj* name, const Value& v) {
  if (is_type(obj, ObjType::Instance)) {
    auto* inst = as<InstanceObj>(obj);
    if (inst->cls->is_exception && name->s == "args") {
      std::vector<Value> items;
      if (!to_vector(t, v, &items)) return false;
      inst->args = Value::object(new_tuple(items));
      return true;
    }
    if (inst->cls->is_exception && (name->s == "__cause__" || name->s == "__context__")) {
      // As CPython's setters: an exception or None, and a cause set hides the context.
      Value x = v;
      if (!x.is_none() && !(is_type(x, ObjType::Instance) && as<InstanceObj>(x)->cls->is_exception)) {
        raise(t, cls.TypeError, "exception " + std::string(name->s == "__cause__" ? "cause" : "context") +
                                    " must be None or derive from BaseException");
        return false;
      }
      inst->dict->set(Value::object(name), x);
      if (name->s == "__cause__") inst->dict->set(intern("__suppress_context__"), Value::boolean(true));
      return true;
    }
    Value sa;
    if (find_class_attr(inst->cls, heap.intern("__setattr__"), &sa) && is_type(sa, ObjType::Function)) {
      Value r;
      return call_value(t, sa, {obj, Value::object(name), v}, &r);
    }
    // A property on the class wins over the instance dict (a data descriptor).
    Value attr;
    if (find_class_attr(inst->cls, name, &attr) && is_type(attr, ObjType::Instance) &&
        as<InstanceObj>(attr)->cls != cls.property && !as<InstanceObj>(attr)->cls->is_builtin) {
      Value set;
      if (find_class_attr(as<InstanceObj>(attr)->cls, heap.intern("__set__"), &set)) {
        Value r;
        return call_value(t, set, {attr, obj, v}, &r);
      }
    }
    if (find_class_attr(inst->cls, name, &attr) && is_type(attr, ObjType::Instance) &&
        as<InstanceObj>(attr)->cls == cls.property) {
      Value* fset = as<InstanceObj>(attr)->dict->find(intern("__fset__"));
      if (!fset) {
        raise(t, cls.AttributeError, "property '" + name->s + "' of '" + type_name(obj) + "' object has no setter");
        return false;
      }
      Value r;
      return call_value(t, *fset, {obj, v}, &r);
    }
    inst->dict->set(Value::object(name), v);
    return true;
  }
  if (is_type(obj, ObjType::Class) && !as<ClassObj>(obj)->is_builtin) {
    as<ClassObj>(obj)->dict->set(Value::object(name), v);
    return true;
  }
  if (is_type(obj, ObjType::Module)) {
    as<ModuleObj>(obj)->dict->set(Value::object(name), v);
    return true;
  }
  if (is_type(obj, ObjType::Function)) {
    auto* f = as<FunctionObj>(obj);
    if (name->s == "__name__" || name->s == "__qualname__") {
      if (!is_type(v, ObjType::Str)) {
        raise(t, cls.TypeError, name->s + " must be set to a string object");
        return false;
      }
      if (name->s == "__name__") { f->name = as<StrObj>(v)->s; return true; }
    }
    if (name->s == "__dict__") {
      if (!is_type(v, ObjType::Dict)) {
        raise(t, cls.TypeError, "__dict__ must be set to a dictionary, not a '" + type_name(v) + "'");
        return false;
      }
      f->attrs = as<DictObj>(v);
      return true;
    }
    if (!f->attrs) f->attrs = new_dict();
    f->attrs->set(Value::object(name), v);
    return true;
  }
  if (is_type(obj, ObjType::Class)) {
    raise(t, cls.TypeError, "cannot set '" + name->s + "' attribute of immutable type '" + as<ClassObj>(obj)->name + "'");
    return false;
  }
  raise(t, cls.AttributeError, "'" + type_name(obj) + "' object has no attribute '" + name->s + "'");
  return false;
}

// [SECTION] arithmetic
namespace {
const char* const kOpSym[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"};
const char* const kOpDunder[] = {"__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__", "__pow__",
                                 "__lshift__", "__rshift__", "__and__", "__or__", "__xor__", "__matmul__"};
const char* const kOpRDunder[] = {"__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rfloordiv__", "__rmod__", "__rpow__",
                                  "__rlshift__", "__rrshift__", "__rand__", "__ror__", "__rxor__", "__rmatmul__"};

bool is_int(const Value& v) { return v.is_intlike() || is_bigint(v); }
}  // namespace

// x | y, x & y, x - y, x ^ y of two sets into the empty r. Keys keep the hashes they were stored
// with and enter r once each, so only the lookups in the other set may call __eq__.
static bool set_binary(VM& vm, Thread& t, int op, DictObj* x, DictObj* y, DictObj* r) {
  if (op == B_OR) return vm.dict_merge(t, r, x) && vm.dict_merge(t, r, y);
  auto keep = [&](DictObj* p, DictObj* q, bool in_q) {
    for (uint32_t i = 0; i < p->entries.size(); i++) {  // by index: __eq__ may change p
      if (p->entries[i].first.empty()) continue;
      Value k = p->entries[i].first;
      VM::KeyHash kh = vm.entry_hash(*p, i);
      int64_t at;
      if (!vm.dict_index(t, q, k, kh, &at)) return false;
      if ((at >= 0) != in_q) continue;
      if (kh.py) r->insert_py(k, Value::none(), kh.value);
      else r->set(k, Value::none());
    }
    return true;
  };
  if (op == B_AND) return keep(x, y, true);
  return keep(x, y, false) && (op == B_SUB || keep(y, x, false));
}

static bool repeat_seq(VM& vm, Thread& t, const Value& seq, int64_t n, Value* out) {
  if (n < 0) n = 0;
  WorkMeter wm(&vm);
  if (is_type(seq, ObjType::Str)) {
    const std::string& s = as<StrObj>(seq)->s;
    if (s.size() && uint64_t(n) * s.size() > vm.limits().max_memory_bytes) { vm.raise(t, vm.cls.MemoryError, ""); return false; }
    std::string r;
    if (!repeat_into(wm, s, size_t(n), r)) { vm.raise_stopped(t); return false; }
    *out = vm.str(std::move(r));
    return true;
  }
  auto& items = is_type(seq, ObjType::List) ? as<ListObj>(seq)->items : as<TupleObj>(seq)->items;
  if (items.size() && uint64_t(n) * items.size() * sizeof(Value) > vm.limits().max_memory_bytes) { vm.raise(t, vm.cls.MemoryError, ""); return false; }
  std::vector<Value> r;
  if (!repeat_into(wm, items, size_t(n), r)) { vm.raise_stopped(t); return false; }
  if (is_type(seq, ObjType::List)) {
    auto* l = vm.new_list();
    l->items = std::move(r);
    *out = Value::object(l);
  } else {
    *out = Value::object(vm.new_tuple(std::move(r)));
  }
  return true;
}

// a ** e for int e >= 0. A result that could not fit the memory limit fails at once, as
// CPython would once out of memory (2 ** 10**15 used to square ever larger numbers).
static bool int_pow(VM& vm, Thread& t, const Value& a, const Value& e, Value* out) {
  uint64_t base_bits = int_bit_length(a);
  if (base_bits > 1 && (is_bigint(e) || double(base_bits - 1) * double(e.as_int()) / 8 > double(vm.limits().max_memory_bytes))) {
    vm.raise(t, vm.cls.MemoryError, "");
    return false;
  }
  if (base_bits <= 1) {  // 0, 1 and -1: the exponent's parity is all that matters
    bool odd = is_bigint(e) ? (as<BigIntObj>(e)->mag[0] & 1) : (e.as_int() & 1);
    *out = base_bits == 0 ? Value::integer(int_is_zero(e) ? 1 : 0) : Value::integer(int_is_negative(a) && odd ? -1 : 1);
    return true;
  }
  WorkMeter wm(&vm);
  *out = py::int_pow(vm.heap, a, uint64_t(e.as_int()), &wm);
  if (out->empty()) { vm.raise_stopped(t); return false; }
  return true;
}

// a << n or a >> n for ints; n must be >= 0. Shifts past the memory limit are MemoryError.
static bool int_shift(VM& vm, Thread& t, int op, const Value& a, const Value& n, Value* out) {
  if (int_is_negative(n)) { vm.raise(t, vm.cls.ValueError, "negative shift count"); return false; }
  if (op == B_RSHIFT) {
    *out = is_bigint(n) ? Value::integer(int_is_negative(a) ? -1 : 0) : int_rshift(vm.heap, a, uint64_t(n.as_int()));
    return true;
  }
  if (int_is_zero(a)) { *out = Value::integer(0); return true; }
  if (is_bigint(n) || uint64_t(n.as_int()) / 8 > vm.limits().max_memory_bytes) { vm.raise(t, vm.cls.MemoryError, ""); return false; }
  *out = int_lshift(vm.heap, a, uint64_t(n.as_int()));
  return true;
}

namespace {
// The operands of `seq * n` (CPython's sq_repeat): str, list and tuple; n an int.
bool is_sequence(const Value& v) {
  return is_type(v, ObjType::Str) || is_type(v, ObjType::List) || is_type(v, ObjType::Tuple);
}
bool is_intlike_or_big(const Value& v) { return v.is_intlike() || is_bigint(v); }
}  // namespace

bool VM::binary_op(Thread& t, int op, const Value& a, const Value& b, Value* out, bool inplace) {
  if (is_int(a) && is_int(b)) {
    switch (op) {
      case B_ADD: *out = int_add(heap, a, b); return true;
      case B_SUB: *out = int_sub(heap, a, b); return true;
      case B_MUL: {
        WorkMeter wm(this);
        *out = int_mul(heap, a, b, &wm);
        if (out->empty()) { raise_stopped(t); return false; }
        return true;
      }
      case B_TRUEDIV: {
        if (int_is_zero(b)) { raise(t, cls.ZeroDivisionError, "division by zero"); return false; }
        double q;
        if (!int_truediv(a, b, &q)) { raise(t, cls.OverflowError, "integer division result too large for a float"); return false; }
        *out = Value::floating(q);
        return true;
      }
      case B_FLOORDIV:
      case B_MOD: {
        if (int_is_zero(b)) { raise(t, cls.ZeroDivisionError, op == B_MOD ? "integer modulo by zero" : "integer division or modulo by zero"); return false; }
        if (!is_bigint(a) && !is_bigint(b)) {
          int64_t x = a.as_int(), y = b.as_int();
          if (y == -1) { *out = op == B_MOD ? Value::integer(0) : int_neg(heap, Value::integer(x)); return true; }
          int64_t q = x / y, r = x % y;
          if (r != 0 && ((r < 0) != (y < 0))) { q--; r += y; }
          *out = Value::integer(op == B_MOD ? r : q);
          return true;
        }
        Value q, r;
        WorkMeter wm(this);
        if (!int_divmod(heap, a, b, &q, &r, &wm)) { raise_stopped(t); return false; }
        *out = op == B_MOD ? r : q;
        return true;
      }
      case B_POW: {
        if (int_is_negative(b)) {
          double r = std::pow(int_to_double(a), int_to_double(b));
          if (int_is_zero(a)) { raise(t, cls.ZeroDivisionError, "0.0 cannot be raised to a negative power"); return false; }
          *out = Value::floating(r);
          return true;
        }
        return int_pow(*this, t, a, b, out);
      }
      case B_LSHIFT:
      case B_RSHIFT: return int_shift(*this, t, op, a, b, out);
      case B_AND: case B_OR: case B_XOR: {
        char c = op == B_AND ? '&' : op == B_OR ? '|' : '^';
        if (is_bigint(a) || is_bigint(b)) { *out = int_bitop(heap, c, a, b); return true; }
        int64_t x = a.as_int(), y = b.as_int();
        int64_t r = op == B_AND ? (x & y) : op == B_OR ? (x | y) : (x ^ y);
        if (a.is_bool() && b.is_bool()) *out = Value::boolean(r != 0);
        else *out = Value::integer(r);
        return true;
      }
      default: break;  // @ is no int operation
    }
  }
  if ((is_int(a) || a.is_float()) && (is_int(b) || b.is_float()) && op <= B_POW) {
    double x = a.is_float() ? a.f : int_to_double(a);
    double y = b.is_float() ? b.f : int_to_double(b);
    switch (op) {
      case B_ADD: *out = Value::floating(x + y); return true;
      case B_SUB: *out = Value::floating(x - y); return true;
      case B_MUL: *out = Value::floating(x * y); return true;
      case B_TRUEDIV:
        if (y == 0) { raise(t, cls.ZeroDivisionError, "float division by zero"); return false; }
        *out = Value::floating(x / y);
        return true;
      case B_FLOORDIV:
      case B_MOD: {
        if (y == 0) { raise(t, cls.ZeroDivisionError, op == B_MOD ? "float modulo" : "float floor division by zero"); return false; }
        double m = std::fmod(x, y);
        double div = (x - m) / y;
        if (m != 0) {
          if ((y < 0) != (m < 0)) { m += y; div -= 1.0; }
        } else {
          m = std::copysign(0.0, y);
        }
        double fl;
        if (div != 0) {
          fl = std::floor(div);
          if (div - fl > 0.5) fl += 1.0;
        } else {
          fl = std::copysign(0.0, x / y);
        }
        *out = Value::floating(op == B_MOD ? m : fl);
        return true;
      }
      case B_POW: {
        if (x == 0 && y < 0) { raise(t, cls.ZeroDivisionError, "0.0 cannot be raised to a negative power"); return false; }
        double r = std::pow(x, y);
        if (x < 0 && y != std::floor(y)) { raise(t, cls.ValueError, "complex results are not supported by Interleave"); return false; }
        if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) { raise(t, cls.OverflowError, "(34, 'Numerical result out of range')"); return false; }
        *out = Value::floating(r);
        return true;
      }
    }
  }
  if (a.tag == Tag::Obj) {
    ObjType ta = a.o->type;
    if (op == B_ADD && b.tag == Tag::Obj && ta == b.o->type) {
      if (ta == ObjType::Str) { *out = str(as<StrObj>(a)->s + as<StrObj>(b)->s); return true; }
      if (ta == ObjType::List) {
        if (inplace) { auto& d = as<ListObj>(a)->items; auto src = as<ListObj>(b)->items; d.insert(d.end(), src.begin(), src.end()); *out = a; return true; }
        auto* l = new_list();
        l->items = as<ListObj>(a)->items;
        l->items.insert(l->items.end(), as<ListObj>(b)->items.begin(), as<ListObj>(b)->items.end());
        *out = Value::object(l);
        return true;
      }
      if (ta == ObjType::Tuple) {
        std::vector<Value> r = as<TupleObj>(a)->items;
        r.insert(r.end(), as<TupleObj>(b)->items.begin(), as<TupleObj>(b)->items.end());
        *out = Value::object(new_tuple(std::move(r)));
        return true;
      }
    }
    if (op == B_ADD && inplace && ta == ObjType::List) {
      std::vector<Value> items;
      if (!to_vector(t, b, &items)) return false;
      auto& d = as<ListObj>(a)->items;
      d.insert(d.end(), items.begin(), items.end());
      *out = a;
      return true;
    }
    if (op == B_MUL && (ta == ObjType::Str || ta == ObjType::List || ta == ObjType::Tuple) && b.is_intlike())
      return repeat_seq(*this, t, a, b.as_int(), out);
    if (op == B_MOD && ta == ObjType::Str) return percent_format(*this, t, as<StrObj>(a)->s, b, out);
    if (ta == ObjType::Set && b.tag == Tag::Obj && b.o->type == ObjType::Set &&
        (op == B_OR || op == B_AND || op == B_SUB || op == B_XOR)) {
      auto* x = &as<SetObj>(a)->d;
      auto* y = &as<SetObj>(b)->d;
      auto* r = heap.alloc<SetObj>();
      r->frozen = as<SetObj>(a)->frozen;
      if (!set_binary(*this, t, op, x, y, &r->d)) return false;
      if (inplace && !as<SetObj>(a)->frozen) { as<SetObj>(a)->d.take(r->d); *out = a; return true; }
      *out = Value::object(r);
      return true;
    }
    if (op == B_OR && ta == ObjType::Dict && is_type(b, ObjType::Dict)) {
      auto* r = inplace ? as<DictObj>(a) : new_dict();
      if (!inplace && !dict_merge(t, r, as<DictObj>(a))) return false;
      if (!dict_merge(t, r, as<DictObj>(b))) return false;
      *out = Value::object(r);
      return true;
    }
  }
  if (is_type(a, ObjType::Bytes) || (op == B_MUL && is_type(b, ObjType::Bytes))) {
    bool handled;
    bool ok = bytes_binary_op(*this, t, op, a, b, out, inplace, &handled);
    if (handled) return ok;
  }
  if (op == B_MUL && b.tag == Tag::Obj && a.is_intlike() &&
      (b.o->type == ObjType::Str || b.o->type == ObjType::List || b.o->type == ObjType::Tuple))
    return repeat_seq(*this, t, b, a.as_int(), out);
  // user-defined operators: __iop__ (for a augmented assignment), __op__, then the right
  // operand's __rop__; a method returning NotImplemented passes to the next (CPython's order)
  auto not_implemented = [](const Value& r) {
    return is_type(r, ObjType::Native) && as<NativeObj>(r)->name == "NotImplemented";
  };
  if (is_type(a, ObjType::Instance)) {
    Value m;
    if (inplace && find_class_attr(as<InstanceObj>(a)->cls, heap.intern(std::string("__i") + (kOpDunder[op] + 2)), &m) &&
        is_type(m, ObjType::Function)) {
      if (!call_value(t, m, {a, b}, out)) return false;
      if (!not_implemented(*out)) return true;
    }
    if (find_class_attr(as<InstanceObj>(a)->cls, heap.intern(kOpDunder[op]), &m) && is_type(m, ObjType::Function)) {
      if (!call_value(t, m, {a, b}, out)) return false;
      if (!not_implemented(*out)) return true;
    }
  }
  if (is_type(b, ObjType::Instance) && !(is_type(a, ObjType::Instance) && as<InstanceObj>(a)->cls == as<InstanceObj>(b)->cls)) {
    Value m;
    if (find_class_attr(as<InstanceObj>(b)->cls, heap.intern(kOpRDunder[op]), &m) && is_type(m, ObjType::Function)) {
      if (!call_value(t, m, {b, a}, out)) return false;
      if (!not_implemented(*out)) return true;
    }
  }
  if (op == B_ADD && is_type(a, ObjType::Str) && b.tag != Tag::Obj)
    raise(t, cls.TypeError, "can only concatenate str (not \"" + type_name(b) + "\") to str");
  else if (op == B_ADD && is_type(a, ObjType::List))
    raise(t, cls.TypeError, "can only concatenate list (not \"" + type_name(b) + "\") to list");
  else if (op == B_ADD && is_type(a, ObjType::Str))
    raise(t, cls.TypeError, "can only concatenate str (not \"" + type_name(b) + "\") to str");
  else if (op == B_MUL && (is_sequence(a) || is_sequence(b)) && !is_intlike_or_big(a) && !is_intlike_or_big(b))
    raise(t, cls.TypeError, "can't multiply sequence by non-int of type '" + type_name(is_sequence(a) ? b : a) + "'");
  else
    raise(t, cls.TypeError, std::string("unsupported operand type(s) for ") + kOpSym[op] + (inplace ? "=" : "") + ": '" +
                                type_name(a) + "' and '" + type_name(b) + "'");
  return false;
}

// [SECTION] subscripts
// Resolves slice bounds for a sequence of length n (CPython's PySlice_AdjustIndices).
bool slice_indices(VM& vm, Thread& t, SliceObj* sl, int64_t n, int64_t* start, int64_t* stop, int64_t* step) {
  auto get = [&](const Value& v, int64_t def, int64_t* out) {
    if (v.is_none() || v.empty()) { *out = def; return true; }
    // a big int bound clamps (CPython's _PyEval_SliceIndex); the step stays in range
    if (is_bigint(v)) { *out = int_is_negative(v) ? -INT64_MAX : INT64_MAX; return true; }
    if (!v.is_intlike()) { vm.raise(t, vm.cls.TypeError, "slice indices must be integers or None or have an __index__ method"); return false; }
    *out = v.as_int();
    return true;
  };
  if (!get(sl->step, 1, step)) return false;
  if (*step == 0) { vm.raise(t, vm.cls.ValueError, "slice step cannot be zero"); return false; }
  int64_t lo_def = *step > 0 ? 0 : n - 1, hi_def = *step > 0 ? n : -1;
  if (!get(sl->start, lo_def, start) || !get(sl->stop, hi_def, stop)) return false;
  auto adjust = [&](int64_t* v, bool given) {
    if (!given) return;
    if (*v < 0) { *v += n; if (*v < 0) *v = *step < 0 ? -1 : 0; }
    else if (*v >= n) *v = *step < 0 ? n - 1 : n;
  };
  adjust(start, !(sl->start.is_none() || sl->start.empty()));
  adjust(stop, !(sl->stop.is_none() || sl->stop.empty()));
  return true;
}

std::vector<int64_t> slice_positions(int64_t start, int64_t stop, int64_t step) {
  std::vector<int64_t> r;
  if (step > 0) for (int64_t i = start; i < stop; i += step) r.push_back(i);
  else for (int64_t i = start; i > stop; i += step) r.push_back(i);
  return r;
}

bool VM::subscript(Thread& t, const Value& obj, const Value& key, Value* out) {
  if (obj.tag == Tag::Obj) {
    switch (obj.o->type) {
      case ObjType::List:
      case ObjType::Tuple:
      case ObjType::Str:
      case ObjType::Range: {
        bool is_str = obj.o->type == ObjType::Str;
        int64_t n;
        if (!len(t, obj, &n)) return false;
        const char* tn = obj.o->type == ObjType::List ? "list" : obj.o->type == ObjType::Tuple ? "tuple" : is_str ? "string" : "range object";
        if (is_type(key, ObjType::Slice)) {
          int64_t a, b, st;
          if (!slice_indices(*this, t, as<SliceObj>(key), n, &a, &b, &st)) return false;
          auto pos = slice_positions(a, b, st);
          if (is_str) {
            *out = str(str_slice(as<StrObj>(obj), pos));
            return true;
          }
          if (obj.o->type == ObjType::Range) {
            auto* r = as<RangeObj>(obj);
            auto* nr = heap.alloc<RangeObj>();
            nr->start = r->start + a * r->step;
            nr->stop = r->start + b * r->step;
            nr->step = r->step * st;
            *out = Value::object(nr);
            return true;
          }
          auto& items = obj.o->type == ObjType::List ? as<ListObj>(obj)->items : as<TupleObj>(obj)->items;
          std::vector<Value> r;
          r.reserve(pos.size());
          for (int64_t p : pos) r.push_back(items[size_t(p)]);
          if (obj.o->type == ObjType::List) { auto* l = new_list(); l->items = std::move(r); *out = Value::object(l); }
          else *out = Value::object(new_tuple(std::move(r)));
          return true;
        }
        if (!key.is_intlike()) {
          raise(t, cls.TypeError, std::string(is_str ? "string" : obj.o->type == ObjType::List ? "list" : obj.o->type == ObjType::Tuple ? "tuple" : "range") +
                                      " indices must be integers" + (is_str ? "" : " or slices") + ", not " + type_name(key));
          return false;
        }
        int64_t i = key.as_int();
        if (i < 0) i += n;
        if (i < 0 || i >= n) { raise(t, cls.IndexError, std::string(tn) + " index out of range"); return false; }
        if (is_str) { *out = str(str_at(as<StrObj>(obj), i)); return true; }
        if (obj.o->type == ObjType::Range) { *out = Value::integer(as<RangeObj>(obj)->start + i * as<RangeObj>(obj)->step); return true; }
        *out = obj.o->type == ObjType::List ? as<ListObj>(obj)->items[size_t(i)] : as<TupleObj>(obj)->items[size_t(i)];
        return true;
      }
      case ObjType::Bytes: return bytes_subscript(*this, t, obj, key, out);
      case ObjType::Dict: {
        Value* v;
        if (!dict_get(t, as<DictObj>(obj), key, &v)) return false;
        if (v) { *out = *v; return true; }
        raise_value(t, make_exception(cls.KeyError, {key}));
        return false;
      }
      case ObjType::Instance: {
        Value m;
        bool found = false;
        if (!lookup_attr(t, obj, heap.intern("__getitem__"), &m, &found)) return false;
        if (found) return call_value(t, m, {key}, out);
        break;
      }
      case ObjType::Class: {
        // a user class's __class_getitem__(key) (implicitly a classmethod); other typing-style
        // subscripts (list[int]) evaluate to the class itself
        Value m;
        if (FunctionObj* fn = python_method(obj, "__getitem__")) return call_value(t, Value::object(fn), {obj, key}, out);
        if (ClassObj* owner = find_class_attr(as<ClassObj>(obj), heap.intern("__class_getitem__"), &m); owner && !owner->is_builtin) {
          if (is_type(m, ObjType::Instance) && as<InstanceObj>(m)->cls == cls.classmethod)
            m = *as<InstanceObj>(m)->dict->find(intern("__func__"));
          return call_value(t, m, {obj, key}, out);
        }
        *out = obj;
        return true;
      }
      default: break;
    }
  }
  raise(t, cls.TypeError, "'" + type_name(obj) + "' object is not subscriptable");
  return false;
}

// [SECTION] format
bool VM::format_value(Thread& t, const Value& v, const std::string& spec, std::string* out) {
  std::string err;
  bool ok = true;
  WorkMeter wm(this);  // a huge width pads for long
  if (v.is_intlike() && !v.is_bool()) {
    ok = text::format_int(v.as_int(), spec, *out, err, &wm);
  } else if (v.is_bool()) {
    if (spec.empty()) { *out = v.b ? "True" : "False"; return true; }
    ok = text::format_int(v.as_int(), spec, *out, err, &wm);
  } else if (v.is_float()) {
    ok = text::format_float(v.f, spec, *out, err, &wm);
  } else if (is_bigint(v)) {
    if (spec.empty()) return repr(t, v, out);
    text::FormatSpec fs;
    if (!text::parse_format_spec(spec, fs, err, "int")) { raise(t, cls.ValueError, err); return false; }
    std::string decimal;
    if (!repr(t, v, &decimal)) return false;
    fs.meter = &wm;
    ok = text::format_int_decimal(decimal, fs, *out, err);
  } else if (is_type(v, ObjType::Str)) {
    ok = text::format_str(as<StrObj>(v)->s, spec, *out, err, &wm);
  } else {
    if (is_type(v, ObjType::Instance)) {
      Value m;
      if (find_class_attr(as<InstanceObj>(v)->cls, heap.intern("__format__"), &m) && is_type(m, ObjType::Function)) {
        Value r;
        if (!call_value(t, m, {v, str(spec)}, &r)) return false;
        if (!is_type(r, ObjType::Str)) { raise(t, cls.TypeError, "__format__ must return a str"); return false; }
        *out = as<StrObj>(r)->s;
        return true;
      }
    }
    std::string s;
    if (!to_str(t, v, &s)) return false;
    if (spec.empty()) { *out = s; return true; }
    if (v.is_none() || is_type(v, ObjType::Instance) || is_type(v, ObjType::List) || is_type(v, ObjType::Tuple) || is_type(v, ObjType::Dict) ||
        is_type(v, ObjType::Bytes)) {
      raise(t, cls.TypeError, "unsupported format string passed to " + type_name(v) + ".__format__");
      return false;
    }
    ok = text::format_str(s, spec, *out, err, &wm);
  }
  if (wm.stopped()) {
    raise_stopped(t);
    return false;
  }
  if (!ok) {
    raise(t, cls.ValueError, err);
    return false;
  }
  return true;
}

}  // namespace interleave::py
