// Builtin functions and the constructors/methods of the builtin types.
// [SECTION] argument helpers  [SECTION] output  [SECTION] numbers  [SECTION] iteration builtins
// [SECTION] introspection  [SECTION] constructors  [SECTION] list & tuple  [SECTION] dict
// [SECTION] set  [SECTION] generators, exceptions, files  [SECTION] installation
#include <algorithm>
#include <cmath>

#include "py/bigint.h"
#include "py/bytecode.h"
#include "py/bytes.h"
#include "py/float_text.h"
#include "py/strings.h"
#include "py/text_utf8.h"
#include "py/vm.h"
#include "py/native_fn.h"

namespace interleave::py {
namespace {


// [SECTION] argument helpers
const Value* kwarg(const CallArgs& a, const char* name) {
  if (!a.kw) return nullptr;
  for (auto& [k, v] : *a.kw) if (as<StrObj>(k)->s == name) return &v;
  return nullptr;
}

NativeStatus no_kw(VM& vm, Thread& t, const CallArgs& a, const char* fname) {
  if (a.kw && !a.kw->empty())
    return vm.raise(t, vm.cls.TypeError, std::string(fname) + "() takes no keyword arguments");
  return NativeStatus::Ok;
}

NativeStatus arity(VM& vm, Thread& t, const CallArgs& a, const char* fname, int lo, int hi) {
  if (a.n < lo || a.n > hi) {
    std::string msg;
    if (lo == hi) msg = std::string(fname) + "() takes exactly " + (lo == 1 ? "one argument" : std::to_string(lo) + " arguments") + " (" + std::to_string(a.n) + " given)";
    else if (a.n < lo) msg = std::string(fname) + " expected at least " + std::to_string(lo) + " argument" + (lo == 1 ? "" : "s") + ", got " + std::to_string(a.n);
    else msg = std::string(fname) + " expected at most " + std::to_string(hi) + " argument" + (hi == 1 ? "" : "s") + ", got " + std::to_string(a.n);
    return vm.raise(t, vm.cls.TypeError, msg);
  }
  return NativeStatus::Ok;
}
#define ARITY(name, lo, hi) do { if (arity(vm, t, a, name, lo, hi) != NativeStatus::Ok) return NativeStatus::Error; } while (0)

bool want_int(VM& vm, Thread& t, const Value& v, int64_t* out, const char* what = "an integer") {
  if (v.is_intlike()) { *out = v.as_int(); return true; }
  vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(v) + "' object cannot be interpreted as " + what);
  return false;
}

const std::string* want_str(VM& vm, Thread& t, const Value& v, const char* ctx) {
  if (is_type(v, ObjType::Str)) return &as<StrObj>(v)->s;
  vm.raise(t, vm.cls.TypeError, std::string(ctx) + " must be str, not " + vm.type_name(v));
  return nullptr;
}

Value list_of(VM& vm, std::vector<Value> items) {
  auto* l = vm.new_list();
  l->items = std::move(items);
  return Value::object(l);
}

// Stable sort of `items` by `keys` (one per item) with Python's `<`. Errors stop comparisons.
bool sort_keyed(VM& vm, Thread& t, std::vector<Value>& items, const std::vector<Value>& keys, bool reverse) {
  std::vector<size_t> idx(items.size());
  for (size_t i = 0; i < idx.size(); i++) idx[i] = i;
  bool failed = false;
  WorkMeter wm(&vm);
  std::stable_sort(idx.begin(), idx.end(), [&](size_t x, size_t y) {
    if (failed) return false;
    if (wm.tick()) { failed = true; vm.raise_stopped(t); return false; }  // the rest of the sort is trivial
    const Value& a = reverse ? keys[y] : keys[x];
    const Value& b = reverse ? keys[x] : keys[y];
    if (a.tag == Tag::Int && b.tag == Tag::Int) return a.i < b.i;
    if (a.tag == Tag::Float && b.tag == Tag::Float) return a.f < b.f;
    if (is_type(a, ObjType::Str) && is_type(b, ObjType::Str)) return as<StrObj>(a)->s < as<StrObj>(b)->s;  // UTF-8 order is code point order
    bool r;
    if (!vm.lt(t, a, b, &r)) { failed = true; return false; }
    return r;
  });
  if (failed) return false;
  std::vector<Value> sorted;
  sorted.reserve(items.size());
  for (size_t i : idx) sorted.push_back(items[i]);
  items.swap(sorted);
  return true;
}

// Stable sort with Python's `<` (and optional key / reverse; a native key is called here).
bool sort_values(VM& vm, Thread& t, std::vector<Value>& items, const Value* key, bool reverse) {
  if (!key || key->is_none()) return sort_keyed(vm, t, items, items, reverse);
  std::vector<Value> keys;
  keys.reserve(items.size());
  WorkMeter wm(&vm);
  for (auto& v : items) {
    Value k;
    if (wm.tick(64)) { vm.raise_stopped(t); return false; }  // a call is a few dozen units
    if (!vm.call_value(t, *key, {v}, &k)) return false;
    keys.push_back(k);
  }
  return sort_keyed(vm, t, items, keys, reverse);
}

// [SECTION] consumers: builtins taking a generator's values as it yields them (VM::consume)
enum : uint32_t { CF_REVERSE = 1, CF_MAX = 2, CF_DEFAULT = 4, CF_ANY = 8, CF_UPDATE = 16, CF_FROZEN = 32 };
using ConsumeFn = bool (*)(VM&, Thread&, ConsumeState&, const Value*, bool*, Value*);

ConsumeState consumer(ConsumeFn fn, Value acc, Value arg = Value(), uint32_t flags = 0) {
  ConsumeState st;
  st.fn = fn;
  st.acc = acc;
  st.arg = arg;
  st.flags = flags;
  return st;
}

bool append_item(VM& vm, Thread& t, std::vector<Value>& items, const Value& v) {
  items.push_back(v);
  if ((items.size() & 0xFFFF) != 0) return true;  // every 64K items: memory and interrupts
  if (items.size() * sizeof(Value) > vm.limits().max_memory_bytes) {
    vm.raise(t, vm.cls.MemoryError, "");
    return false;
  }
  if (vm.interrupt_requested()) { vm.raise_stopped(t); return false; }
  return true;
}

// list(g), tuple(g), list.extend(g) (acc: the list; arg: 1 = tuple, 2 = None result),
// sorted(g[, key=native]) (CF_REVERSE; arg: the key or Empty).
bool c_list(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool*, Value* out) {
  auto* l = as<ListObj>(st.acc);
  if (item) return append_item(vm, t, l->items, *item);
  if (st.arg.is_int() && st.arg.i == 1) *out = Value::object(vm.new_tuple(std::move(l->items)));
  else if (st.arg.is_int() && st.arg.i == 2) *out = Value::none();
  else *out = st.acc;
  return true;
}
bool c_sorted(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool*, Value* out) {
  auto* l = as<ListObj>(st.acc);
  if (item) return append_item(vm, t, l->items, *item);
  if (!sort_values(vm, t, l->items, st.arg.empty() ? nullptr : &st.arg, st.flags & CF_REVERSE)) return false;
  *out = st.acc;
  return true;
}
bool c_join(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool*, Value* out) {
  auto* l = as<ListObj>(st.acc);
  if (item) return append_item(vm, t, l->items, *item);
  return str_join(vm, t, as<StrObj>(st.arg)->s, l->items, out);
}
// set(g), frozenset(g) (CF_FROZEN), set.update(g) (CF_UPDATE; acc: the set).
bool c_set(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool*, Value* out) {
  auto* s = as<SetObj>(st.acc);
  if (item) {
    return vm.dict_set(t, &s->d, *item, Value::none());
  }
  if (st.flags & CF_FROZEN) s->frozen = true;
  *out = st.flags & CF_UPDATE ? Value::none() : st.acc;
  return true;
}
// dict(g, **kw), dict.update(g, **kw) (CF_UPDATE; acc: the dict; arg: the keywords or None).
bool dict_add_item(VM& vm, Thread& t, DictObj* d, size_t i, const Value& item);
bool c_dict(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool*, Value* out) {
  auto* d = as<DictObj>(st.acc);
  if (item) return dict_add_item(vm, t, d, size_t(st.n++), *item);
  if (is_type(st.arg, ObjType::Dict) && !vm.dict_merge(t, d, as<DictObj>(st.arg))) return false;
  *out = st.flags & CF_UPDATE ? Value::none() : st.acc;
  return true;
}
// sum(g, start) (acc: the running total).
bool c_sum(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool*, Value* out) {
  if (!item) { *out = st.acc; return true; }
  const Value& v = *item;
  if (st.acc.tag == Tag::Int && v.tag == Tag::Int) {
    int64_t r;
    if (!__builtin_add_overflow(st.acc.i, v.i, &r)) { st.acc = Value::integer(r); return true; }
  }
  if (st.acc.tag == Tag::Float && v.tag == Tag::Float) { st.acc = Value::floating(st.acc.f + v.f); return true; }
  Value r;
  if (!vm.binary_op(t, B_ADD, st.acc, v, &r)) return false;
  st.acc = r;
  return true;
}
// any(g) (CF_ANY), all(g): stop at the first deciding item.
bool c_any_all(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool* stop, Value* out) {
  bool want = st.flags & CF_ANY;
  if (!item) { *out = st.n ? Value::boolean(want) : Value::boolean(!want); return true; }
  bool tv;
  if (!vm.truthy(t, *item, &tv)) return false;
  if (tv == want) { st.n = 1; *stop = true; }
  return true;
}
// min(g), max(g) (CF_MAX; CF_DEFAULT: arg is the default). No key (keys use the helpers).
bool c_minmax(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool*, Value* out) {
  bool is_max = st.flags & CF_MAX;
  if (!item) {
    if (st.n) { *out = st.acc; return true; }
    if (st.flags & CF_DEFAULT) { *out = st.arg; return true; }
    vm.raise(t, vm.cls.ValueError, std::string(is_max ? "max" : "min") + "() arg is an empty sequence");
    return false;
  }
  const Value& k = *item;
  if (st.n++ == 0) { st.acc = k; return true; }
  bool better;
  if (k.tag == Tag::Int && st.acc.tag == Tag::Int) {
    better = is_max ? k.i > st.acc.i : k.i < st.acc.i;
  } else {
    Value r;
    if (!vm.compare(t, k, st.acc, is_max ? C_GT : C_LT, &r) || !vm.truthy(t, r, &better)) return false;
  }
  if (better) st.acc = k;
  return true;
}

// The iterators a lazy builtin's helper reads: a user-class iterator is driven by next()
// (through the _drive helper) so the helper's `for` does not call its __iter__ again.
bool helper_sources(VM& vm, Thread& t, std::vector<Value>& its) {
  for (auto& it : its)
    if (is_type(it, ObjType::Instance) && !vm.helper_generator(t, "_drive", {it}, &it)) return false;
  return true;
}

// [SECTION] output
// A Python __str__ (or, without one, __repr__) of an instance runs as a frame.
bool python_str(VM& vm, const Value& v, const char** helper) {
  if (vm.python_method(v, "__str__")) *helper = "_str_of";
  else if ((is_type(v, ObjType::Instance) || is_type(v, ObjType::Class)) && vm.python_method(v, "__repr__")) {
    Value m;
    ClassObj* k = is_type(v, ObjType::Instance) ? as<InstanceObj>(v)->cls : as<ClassObj>(v)->meta;
    ClassObj* owner = vm.find_class_attr(k, vm.heap.intern("__str__"), &m);
    if (owner && !owner->is_builtin) return false;  // a __str__ that is not a plain function
    *helper = "_repr_of";
  } else {
    return false;
  }
  return true;
}

NATIVE(bi_print) {
  // Any object with write() may be the file (io.StringIO, a logging stream): Python code
  // writes to it, piece by piece as CPython does.
  // Without file=, sys.stdout, which a program may replace (contextlib.redirect_stdout).
  const Value* file = kwarg(a, "file");
  Value redirected;
  if (!file || file->is_none()) {
    auto sys = vm.modules.find("sys");
    Value* so = sys != vm.modules.end() ? sys->second->dict->find(vm.intern("stdout")) : nullptr;
    if (so && is_type(*so, ObjType::Instance)) redirected = *so;
  }
  if ((file && !file->is_none() && !is_type(*file, ObjType::File)) || !redirected.empty()) {
    std::vector<Value> args(a.args, a.args + a.n);
    DictObj* kw = vm.new_dict();
    if (a.kw)
      for (auto& [k, v] : *a.kw) kw->set(k, v);
    if (!redirected.empty()) kw->set(vm.intern("file"), redirected);
    return vm.call_helper(t, "_print_to", {Value::object(vm.new_tuple(std::move(args))), Value::object(kw)});
  }
  for (int i = 0; i < a.n; i++) {
    const char* helper;
    if (!python_str(vm, a.args[i], &helper)) continue;
    // An argument's __str__ is Python code: print through a helper frame (it may block).
    std::vector<Value> args(a.args, a.args + a.n);
    DictObj* kw = vm.new_dict();
    if (a.kw)
      for (auto& [k, v] : *a.kw) kw->set(k, v);
    return vm.call_helper(t, "_print_of", {Value::object(vm.new_tuple(std::move(args))), Value::object(kw)});
  }
  std::string sep = " ", end = "\n";
  if (const Value* v = kwarg(a, "sep"); v && !v->is_none()) { auto* s = want_str(vm, t, *v, "sep"); if (!s) return NativeStatus::Error; sep = *s; }
  if (const Value* v = kwarg(a, "end"); v && !v->is_none()) { auto* s = want_str(vm, t, *v, "end"); if (!s) return NativeStatus::Error; end = *s; }
  std::string text;
  for (int i = 0; i < a.n; i++) {
    if (i) text += sep;
    std::string s;
    TRY(vm.to_str(t, a.args[i], &s));
    text += s;
  }
  text += end;
  if (file && is_type(*file, ObjType::File)) {
    auto* f = as<FileObj>(*file);
    if (f->path == "<stderr>") vm.write(text, Stream::Stderr, &t);
    else if (f->path == "<stdout>") vm.write(text, Stream::Stdout, &t);
    else if (f->closed || !f->writing) return vm.raise(t, vm.cls.ValueError, "I/O operation on closed file.");
    else f->buffer += text;
  } else {
    vm.write(text, Stream::Stdout, &t);
  }
  *out = Value::none();
  return NativeStatus::Ok;
}

// [SECTION] numbers
NATIVE(bi_abs) {
  ARITY("abs", 1, 1);
  const Value& v = a.args[0];
  if (v.is_intlike() || is_bigint(v)) { *out = int_is_negative(v) ? int_neg(vm.heap, v) : (v.is_bool() ? Value::integer(v.as_int()) : v); return NativeStatus::Ok; }
  if (v.is_float()) { *out = Value::floating(std::fabs(v.f)); return NativeStatus::Ok; }
  Value m;
  bool found = false;
  if (is_type(v, ObjType::Instance)) TRY(vm.lookup_attr(t, v, vm.heap.intern("__abs__"), &m, &found));
  if (found) { TRY(vm.call_value(t, m, {}, out)); return NativeStatus::Ok; }
  return vm.raise(t, vm.cls.TypeError, "bad operand type for abs(): '" + vm.type_name(v) + "'");
}

NATIVE(bi_divmod) {
  ARITY("divmod", 2, 2);
  Value q, r;
  TRY(vm.binary_op(t, 4, a.args[0], a.args[1], &q));
  TRY(vm.binary_op(t, 5, a.args[0], a.args[1], &r));
  *out = Value::object(vm.new_tuple({q, r}));
  return NativeStatus::Ok;
}

NATIVE(bi_pow) {
  ARITY("pow", 2, 3);
  if (a.n == 3 && !a.args[2].is_none()) {
    bool all_ints = true, all_numbers = true;
    for (int i = 0; i < 3; i++) {
      bool is_int = a.args[i].is_intlike() || is_bigint(a.args[i]);
      all_ints = all_ints && is_int;
      all_numbers = all_numbers && (is_int || a.args[i].is_float());
    }
    if (!all_numbers)
      return vm.raise(t, vm.cls.TypeError, "unsupported operand type(s) for ** or pow(): '" + vm.type_name(a.args[0]) + "', '" +
                                               vm.type_name(a.args[1]) + "', '" + vm.type_name(a.args[2]) + "'");
    if (!all_ints) return vm.raise(t, vm.cls.TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    if (int_is_zero(a.args[2])) return vm.raise(t, vm.cls.ValueError, "pow() 3rd argument cannot be 0");
    WorkMeter wm(&vm);
    switch (int_pow_mod(vm.heap, a.args[0], a.args[1], a.args[2], out, &wm)) {
      case PowMod::Ok: return NativeStatus::Ok;
      case PowMod::NotInvertible: return vm.raise(t, vm.cls.ValueError, "base is not invertible for the given modulus");
      case PowMod::Stopped: return vm.raise_stopped(t);
    }
  }
  TRY(vm.binary_op(t, 6, a.args[0], a.args[1], out));
  return NativeStatus::Ok;
}

NATIVE(bi_round) {
  ARITY("round", 1, 2);
  const Value& x = a.args[0];
  const Value* nd = a.n > 1 ? &a.args[1] : kwarg(a, "ndigits");
  bool has_nd = nd && !nd->is_none();
  int64_t n = 0;
  if (has_nd) TRY(want_int(vm, t, *nd, &n));
  if (x.is_intlike() || is_bigint(x)) {
    if (!has_nd || n >= 0) { *out = x.is_bool() ? Value::integer(x.as_int()) : x; return NativeStatus::Ok; }
    // to a multiple of p = 10**-n, halves to even (10**-n beyond 2|x| gives 0)
    if (-n > int64_t(int_bit_length(x))) { *out = Value::integer(0); return NativeStatus::Ok; }
    Value p = int_pow(vm.heap, Value::integer(10), uint64_t(-n)), q, r;
    int_divmod(vm.heap, x, p, &q, &r);
    int c = int_cmp(int_add(vm.heap, r, r), p);
    if (c > 0 || (c == 0 && !int_is_zero(int_bitop(vm.heap, '&', q, Value::integer(1))))) q = int_add(vm.heap, q, Value::integer(1));
    *out = int_mul(vm.heap, q, p);
    return NativeStatus::Ok;
  }
  if (x.is_float()) {
    if (!has_nd) {
      if (std::isnan(x.f)) return vm.raise(t, vm.cls.ValueError, "cannot convert float NaN to integer");
      if (std::isinf(x.f)) return vm.raise(t, vm.cls.OverflowError, "cannot convert float infinity to integer");
      double r = std::nearbyint(x.f);  // default rounding mode: half to even
      if (std::fabs(r) < 9.2e18) *out = Value::integer(int64_t(r));
      else *out = bigint_from_decimal(vm.heap, text::double_to_string(std::fabs(r), {'f', 0})), *out = r < 0 ? int_neg(vm.heap, *out) : *out;
      return NativeStatus::Ok;
    }
    *out = Value::floating(text::round_half_even(x.f, int(n)));
    return NativeStatus::Ok;
  }
  Value m;
  bool found = false;
  if (is_type(x, ObjType::Instance)) TRY(vm.lookup_attr(t, x, vm.heap.intern("__round__"), &m, &found));
  if (found) { TRY(vm.call_value(t, m, has_nd ? std::vector<Value>{*nd} : std::vector<Value>{}, out)); return NativeStatus::Ok; }
  return vm.raise(t, vm.cls.TypeError, "type " + vm.type_name(x) + " doesn't define __round__ method");
}

NATIVE(bi_sum) {
  ARITY("sum", 1, 2);
  Value acc = a.n > 1 ? a.args[1] : Value::integer(0);
  if (const Value* s = kwarg(a, "start")) acc = *s;
  if (is_type(acc, ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  if (is_type(acc, ObjType::Bytes)) return vm.raise(t, vm.cls.TypeError, "sum() can't sum " + vm.type_name(acc) + " [use b''.join(seq) instead]");
  if (GeneratorObj* g = VM::generator_of(a.args[0])) return vm.consume(t, g, consumer(c_sum, acc), out);
  if (VM::iterates_python(a.args[0])) return vm.call_helper(t, "_sum", {a.args[0], acc});
  Value it;
  TRY(vm.get_iter(t, a.args[0], &it));
  // floats are summed with compensation like CPython's fsum-free loop? CPython adds left to right.
  for (;;) {
    Value v;
    bool more;
    TRY(vm.iter_next(t, it, &v, &more));
    if (!more) break;
    if (acc.tag == Tag::Int && v.tag == Tag::Int) {
      int64_t r;
      if (!__builtin_add_overflow(acc.i, v.i, &r)) { acc = Value::integer(r); continue; }
    }
    if (acc.tag == Tag::Float && v.tag == Tag::Float) { acc = Value::floating(acc.f + v.f); continue; }
    TRY(vm.binary_op(t, 0, acc, v, &acc));
  }
  *out = acc;
  return NativeStatus::Ok;
}

NativeStatus min_max(VM& vm, Thread& t, CallArgs& a, Value* out, bool is_max) {
  const char* name = is_max ? "max" : "min";
  if (a.n == 0) return vm.raise(t, vm.cls.TypeError, std::string(name) + " expected at least 1 argument, got 0");
  const Value* key = kwarg(a, "key");
  const Value* def = kwarg(a, "default");
  GeneratorObj* g = a.n == 1 && (!key || key->is_none()) ? VM::generator_of(a.args[0]) : nullptr;
  if (g) return vm.consume(t, g, consumer(c_minmax, Value(), def ? *def : Value(), (is_max ? CF_MAX : 0) | (def ? CF_DEFAULT : 0)), out);
  // A Python-level iterable runs in the helper (key included). A Python key over a builtin
  // container stays a nested call: routing it through the helper doubled its cost.
  if (a.n == 1 && VM::iterates_python(a.args[0])) {
    return vm.call_helper(t, "_minmax", {a.args[0], key ? *key : Value::none(), Value::boolean(is_max), Value::boolean(def != nullptr),
                                         def ? *def : Value::none(), vm.str(name)});
  }
  std::vector<Value> items;
  if (a.n == 1) TRY(vm.to_vector(t, a.args[0], &items));
  else items.assign(a.args, a.args + a.n);
  if (items.empty()) {
    if (def) { *out = *def; return NativeStatus::Ok; }
    return vm.raise(t, vm.cls.ValueError, std::string(name) + "() arg is an empty sequence");
  }
  Value best = items[0], best_key = best;
  if (key && !key->is_none()) TRY(vm.call_value(t, *key, {best}, &best_key));
  for (size_t i = 1; i < items.size(); i++) {
    Value k = items[i];
    if (key && !key->is_none()) TRY(vm.call_value(t, *key, {items[i]}, &k));
    bool better;  // CPython: max takes an item whose key is > the best one's, min one whose key is <
    if (k.tag == Tag::Int && best_key.tag == Tag::Int) {
      better = is_max ? k.i > best_key.i : k.i < best_key.i;
    } else {
      Value r;
      TRY(vm.compare(t, k, best_key, is_max ? C_GT : C_LT, &r));
      TRY(vm.truthy(t, r, &better));
    }
    if (better) { best = items[i]; best_key = k; }
  }
  *out = best;
  return NativeStatus::Ok;
}
NATIVE(bi_max) { return min_max(vm, t, a, out, true); }
NATIVE(bi_min) { return min_max(vm, t, a, out, false); }

NATIVE(bi_chr) {
  ARITY("chr", 1, 1);
  int64_t c;
  TRY(want_int(vm, t, a.args[0], &c));
  if (c < 0 || c > 0x10FFFF) return vm.raise(t, vm.cls.ValueError, "chr() arg not in range(0x110000)");
  std::string s;
  text::utf8_append(s, char32_t(c));
  *out = vm.str(s);
  return NativeStatus::Ok;
}

NativeStatus int_radix(VM& vm, Thread& t, CallArgs& a, Value* out, int base, const char* prefix, const char* fname) {
  ARITY(fname, 1, 1);
  Value v = a.args[0];
  if (!is_bigint(v)) {
    int64_t small;
    TRY(want_int(vm, t, v, &small));
    v = Value::integer(small);
  }
  *out = vm.str((int_is_negative(v) ? "-" : "") + std::string(prefix) + int_to_radix(v, base));
  return NativeStatus::Ok;
}
NATIVE(bi_hex) { return int_radix(vm, t, a, out, 16, "0x", "hex"); }
NATIVE(bi_oct) { return int_radix(vm, t, a, out, 8, "0o", "oct"); }
NATIVE(bi_bin) { return int_radix(vm, t, a, out, 2, "0b", "bin"); }

NATIVE(bi_dir) {
  std::vector<Value> names;
  auto add_dict = [&](DictObj* d) {
    for (auto& e : d->entries) if (!e.first.empty() && is_type(e.first, ObjType::Str)) names.push_back(e.first);
  };
  if (a.n == 0) {
    if (!t.frames.empty()) add_dict(t.frames.back()->locals ? t.frames.back()->locals : t.frames.back()->globals);
  } else {
    const Value& v = a.args[0];
    if (is_type(v, ObjType::Instance)) add_dict(as<InstanceObj>(v)->dict);
    if (is_type(v, ObjType::Module)) add_dict(as<ModuleObj>(v)->dict);
    for (ClassObj* c : vm.mro_of(is_type(v, ObjType::Class) ? as<ClassObj>(v) : vm.type_of(v))) add_dict(c->dict);
  }
  std::vector<Value> uniq;
  for (auto& n : names) {
    bool seen = false;
    for (auto& u : uniq) if (as<StrObj>(u)->s == as<StrObj>(n)->s) seen = true;
    if (!seen) uniq.push_back(n);
  }
  TRY(sort_values(vm, t, uniq, nullptr, false));
  *out = list_of(vm, std::move(uniq));
  return NativeStatus::Ok;
}

NATIVE(bi_ord) {
  ARITY("ord", 1, 1);
  if (const std::string* b = bytes_like(a.args[0])) {
    if (b->size() != 1) return vm.raise(t, vm.cls.TypeError, "ord() expected a character, but string of length " + std::to_string(b->size()) + " found");
    *out = Value::integer((unsigned char)(*b)[0]);
    return NativeStatus::Ok;
  }
  if (!is_type(a.args[0], ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "ord() expected string of length 1, but " + vm.type_name(a.args[0]) + " found");
  auto* s = as<StrObj>(a.args[0]);
  if (s->cp_len != 1) return vm.raise(t, vm.cls.TypeError, "ord() expected a character, but string of length " + std::to_string(s->cp_len) + " found");
  size_t i = 0;
  *out = Value::integer(int64_t(text::utf8_next(s->s, i)));
  return NativeStatus::Ok;
}

// [SECTION] iteration builtins
NATIVE(bi_len) {
  ARITY("len", 1, 1);
  if (vm.python_method(a.args[0], "__len__")) return vm.call_helper(t, "_len_of", {a.args[0]});
  int64_t n;
  if (is_type(a.args[0], ObjType::Iterator) && as<IteratorObj>(a.args[0])->is_view) {
    *out = Value::integer(int64_t(as<DictObj>(as<IteratorObj>(a.args[0])->src)->size()));
    return NativeStatus::Ok;
  }
  TRY(vm.len(t, a.args[0], &n));
  *out = Value::integer(n);
  return NativeStatus::Ok;
}

NATIVE(bi_iter) {
  ARITY("iter", 1, 1);
  TRY(vm.get_iter(t, a.args[0], out));
  return NativeStatus::Ok;
}

NATIVE(bi_next) {
  ARITY("next", 1, 2);
  Value it = a.args[0];
  GeneratorObj* g = is_type(it, ObjType::Generator) ? as<GeneratorObj>(it)
                    : is_type(it, ObjType::Iterator) && as<IteratorObj>(it)->kind == IterKind::Gen ? as<GeneratorObj>(as<IteratorObj>(it)->src)
                                                                                                  : nullptr;
  FunctionObj* next = g ? nullptr : vm.python_next(it);
  if (a.n == 1) {
    // Runs the generator / __next__ as a normal (preemptible) frame: its yield / return is our result.
    if (g) return vm.resume_generator(t, g, Value(), Resume::Call, 0);
    if (next) return vm.push_call(t, next, &it, 1, nullptr, Resume::Call) ? NativeStatus::PushedFrame : NativeStatus::Error;
  } else if (g || next) {
    return vm.call_helper(t, "_next", {it, a.args[1]});
  }
  if (!(is_type(it, ObjType::Iterator) || is_type(it, ObjType::Generator) || is_type(it, ObjType::Instance) || is_type(it, ObjType::File)) ||
      (is_type(it, ObjType::Iterator) && as<IteratorObj>(it)->is_view))
    return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(it) + "' object is not an iterator");
  bool has;
  TRY(vm.iter_next(t, it, out, &has));
  if (has) return NativeStatus::Ok;
  if (a.n == 2) { *out = a.args[1]; return NativeStatus::Ok; }
  return vm.raise_value(t, vm.make_exception(vm.cls.StopIteration, {}));
}

NATIVE(bi_range) {
  ARITY("range", 1, 3);
  int64_t v[3] = {0, 0, 1};
  for (int i = 0; i < a.n; i++) TRY(want_int(vm, t, a.args[i], &v[i]));
  auto* r = vm.heap.alloc<RangeObj>();
  if (a.n == 1) { r->stop = v[0]; }
  else { r->start = v[0]; r->stop = v[1]; if (a.n == 3) r->step = v[2]; }
  if (r->step == 0) return vm.raise(t, vm.cls.ValueError, "range() arg 3 must not be zero");
  *out = Value::object(r);
  return NativeStatus::Ok;
}

// The lazy builtins take their iterators at once (as CPython does). Over Python-level
// iterators or with a Python function they are an IterKind::Gen iterator over a helper.
NATIVE(bi_enumerate) {
  ARITY("enumerate", 1, 2);
  auto* it = vm.heap.alloc<IteratorObj>(IterKind::Enumerate);
  TRY(vm.get_iter(t, a.args[0], &it->src));
  if (a.n > 1) TRY(want_int(vm, t, a.args[1], &it->pos));
  if (const Value* s = kwarg(a, "start")) TRY(want_int(vm, t, *s, &it->pos));
  if (VM::iterates_python(it->src)) {
    std::vector<Value> src{it->src};
    TRY(helper_sources(vm, t, src));
    TRY(vm.helper_iterator(t, "_enumerate", "enumerate", {src[0], Value::integer(it->pos)}, out));
    return NativeStatus::Ok;
  }
  *out = Value::object(it);
  return NativeStatus::Ok;
}

NATIVE(bi_zip) {
  auto* it = vm.heap.alloc<IteratorObj>(IterKind::Zip);
  bool python = false;
  for (int i = 0; i < a.n; i++) {
    Value sub;
    TRY(vm.get_iter(t, a.args[i], &sub));
    it->extra.push_back(sub);
    python = python || VM::iterates_python(sub);
  }
  if (python) {
    TRY(helper_sources(vm, t, it->extra));
    TRY(vm.helper_iterator(t, "_zip", "zip", {list_of(vm, it->extra)}, out));
    return NativeStatus::Ok;
  }
  *out = Value::object(it);
  return NativeStatus::Ok;
}

NATIVE(bi_map) {
  if (a.n < 2) return vm.raise(t, vm.cls.TypeError, "map() must have at least two arguments.");
  auto* it = vm.heap.alloc<IteratorObj>(IterKind::Map);
  it->src = a.args[0];
  bool python = VM::calls_python(it->src);
  for (int i = 1; i < a.n; i++) {
    Value sub;
    TRY(vm.get_iter(t, a.args[i], &sub));
    it->extra.push_back(sub);
    python = python || VM::iterates_python(sub);
  }
  if (python) {
    TRY(helper_sources(vm, t, it->extra));
    TRY(vm.helper_iterator(t, "_map", "map", {it->src, list_of(vm, it->extra)}, out));
    return NativeStatus::Ok;
  }
  *out = Value::object(it);
  return NativeStatus::Ok;
}

NATIVE(bi_filter) {
  ARITY("filter", 2, 2);
  auto* it = vm.heap.alloc<IteratorObj>(IterKind::Filter);
  it->src = a.args[0];
  Value sub;
  TRY(vm.get_iter(t, a.args[1], &sub));
  it->extra.push_back(sub);
  if (VM::calls_python(it->src) || VM::iterates_python(sub)) {
    TRY(helper_sources(vm, t, it->extra));
    TRY(vm.helper_iterator(t, "_filter", "filter", {it->src, it->extra[0]}, out));
    return NativeStatus::Ok;
  }
  *out = Value::object(it);
  return NativeStatus::Ok;
}

NATIVE(bi_reversed) {
  ARITY("reversed", 1, 1);
  const Value& v = a.args[0];
  if (is_type(v, ObjType::List) || is_type(v, ObjType::Tuple)) {
    auto* it = vm.heap.alloc<IteratorObj>(IterKind::Reversed);
    it->src = v;
    it->pos = is_type(v, ObjType::List) ? int64_t(as<ListObj>(v)->items.size()) : int64_t(as<TupleObj>(v)->items.size());
    *out = Value::object(it);
    return NativeStatus::Ok;
  }
  if (is_type(v, ObjType::Range) || is_type(v, ObjType::Str) || is_type(v, ObjType::Dict)) {
    std::vector<Value> items;
    TRY(vm.to_vector(t, v, &items));
    std::reverse(items.begin(), items.end());
    auto* it = vm.heap.alloc<IteratorObj>(IterKind::Seq);
    it->src = Value::object(vm.new_tuple(std::move(items)));
    *out = Value::object(it);
    return NativeStatus::Ok;
  }
  if (is_type(v, ObjType::Instance) || is_type(v, ObjType::Class)) {  // __reversed__, else __len__ and __getitem__
    if (vm.python_method(v, "__reversed__")) return vm.call_helper(t, "_reversed_of", {v, Value::boolean(true)});
    if (vm.python_method(v, "__len__") && vm.python_method(v, "__getitem__"))
      return vm.call_helper(t, "_reversed_of", {v, Value::boolean(false)});
  }
  return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(v) + "' object is not reversible");
}

NATIVE(bi_sorted) {
  ARITY("sorted", 1, 1);
  const Value* key = kwarg(a, "key");
  // A Python-level iterable runs in a helper (key included); a Python key over a builtin
  // container stays a nested call (the helper's key loop cost ~10% more).
  if (VM::iterates_python(a.args[0])) {
    bool python_key = key && VM::calls_python(*key);
    const Value* rev = kwarg(a, "reverse");
    bool reverse = false;
    if (rev) TRY(vm.truthy(t, *rev, &reverse));
    if (GeneratorObj* g = python_key ? nullptr : VM::generator_of(a.args[0]))
      return vm.consume(t, g, consumer(c_sorted, Value::object(vm.new_list()), key ? *key : Value(), reverse ? CF_REVERSE : 0), out);
    return vm.call_helper(t, "_sorted", {a.args[0], key ? *key : Value::none(), Value::boolean(reverse)});
  }
  std::vector<Value> items;
  TRY(vm.to_vector(t, a.args[0], &items));
  const Value* rev = kwarg(a, "reverse");
  bool reverse = false;
  if (rev) TRY(vm.truthy(t, *rev, &reverse));
  TRY(sort_values(vm, t, items, key, reverse));
  *out = list_of(vm, std::move(items));
  return NativeStatus::Ok;
}

NativeStatus any_all(VM& vm, Thread& t, CallArgs& a, Value* out, bool want) {
  ARITY(want ? "any" : "all", 1, 1);
  if (GeneratorObj* g = VM::generator_of(a.args[0])) return vm.consume(t, g, consumer(c_any_all, Value(), Value(), want ? CF_ANY : 0), out);
  if (VM::iterates_python(a.args[0])) return vm.call_helper(t, want ? "_any" : "_all", {a.args[0]});
  Value it;
  TRY(vm.get_iter(t, a.args[0], &it));
  for (;;) {
    Value v;
    bool more, tv;
    TRY(vm.iter_next(t, it, &v, &more));
    if (!more) break;
    TRY(vm.truthy(t, v, &tv));
    if (tv == want) { *out = Value::boolean(want); return NativeStatus::Ok; }
  }
  *out = Value::boolean(!want);
  return NativeStatus::Ok;
}
NATIVE(bi_any) { return any_all(vm, t, a, out, true); }
NATIVE(bi_all) { return any_all(vm, t, a, out, false); }

// [SECTION] introspection
bool class_match(VM& vm, Thread& t, const Value& spec, ClassObj* c, bool* out, const char* fname) {
  if (is_type(spec, ObjType::Class)) { *out = vm.is_subclass(c, as<ClassObj>(spec)); return true; }
  if (is_type(spec, ObjType::Tuple)) {
    for (auto& e : as<TupleObj>(spec)->items) {
      if (!class_match(vm, t, e, c, out, fname)) return false;
      if (*out) return true;
    }
    *out = false;
    return true;
  }
  vm.raise(t, vm.cls.TypeError, std::string(fname) + "() arg 2 must be a type, a tuple of types, or a union");
  return false;
}

NATIVE(bi_isinstance) {
  ARITY("isinstance", 2, 2);
  bool r;
  TRY(class_match(vm, t, a.args[1], vm.type_of(a.args[0]), &r, "isinstance"));
  *out = Value::boolean(r);
  return NativeStatus::Ok;
}

NATIVE(bi_issubclass) {
  ARITY("issubclass", 2, 2);
  if (!is_type(a.args[0], ObjType::Class)) return vm.raise(t, vm.cls.TypeError, "issubclass() arg 1 must be a class");
  bool r;
  TRY(class_match(vm, t, a.args[1], as<ClassObj>(a.args[0]), &r, "issubclass"));
  *out = Value::boolean(r);
  return NativeStatus::Ok;
}

NATIVE(bi_getattr) {
  ARITY("getattr", 2, 3);
  auto* name = want_str(vm, t, a.args[1], "attribute name");
  if (!name) return NativeStatus::Error;
  if (a.n == 3) {
    bool found;
    TRY(vm.lookup_attr(t, a.args[0], vm.heap.intern(*name), out, &found));
    if (!found) *out = a.args[2];
    return NativeStatus::Ok;
  }
  TRY(vm.getattr(t, a.args[0], vm.heap.intern(*name), out));
  return NativeStatus::Ok;
}

NATIVE(bi_setattr) {
  ARITY("setattr", 3, 3);
  auto* name = want_str(vm, t, a.args[1], "attribute name");
  if (!name) return NativeStatus::Error;
  TRY(vm.setattr(t, a.args[0], vm.heap.intern(*name), a.args[2]));
  *out = Value::none();
  return NativeStatus::Ok;
}

NATIVE(bi_hasattr) {
  ARITY("hasattr", 2, 2);
  auto* name = want_str(vm, t, a.args[1], "attribute name");
  if (!name) return NativeStatus::Error;
  bool found;
  Value v;
  TRY(vm.lookup_attr(t, a.args[0], vm.heap.intern(*name), &v, &found));
  *out = Value::boolean(found);
  return NativeStatus::Ok;
}

NATIVE(bi_delattr) {
  ARITY("delattr", 2, 2);
  auto* name = want_str(vm, t, a.args[1], "attribute name");
  if (!name) return NativeStatus::Error;
  if (is_type(a.args[0], ObjType::Instance)) {
    Value hook;
    if (ClassObj* owner = vm.find_class_attr(as<InstanceObj>(a.args[0])->cls, vm.heap.intern("__delattr__"), &hook);
        owner && !owner->is_builtin) {
      TRY(vm.call_value(t, hook, {a.args[0], vm.intern(*name)}, out));
      *out = Value::none();
      return NativeStatus::Ok;
    }
  }
  if (is_type(a.args[0], ObjType::Instance) && as<InstanceObj>(a.args[0])->dict->erase(vm.intern(*name))) { *out = Value::none(); return NativeStatus::Ok; }
  if (is_type(a.args[0], ObjType::Class) && !as<ClassObj>(a.args[0])->is_builtin && as<ClassObj>(a.args[0])->dict->erase(vm.intern(*name))) {
    *out = Value::none();
    return NativeStatus::Ok;
  }
  if (is_type(a.args[0], ObjType::Class))
    return vm.raise(t, vm.cls.AttributeError, "type object '" + as<ClassObj>(a.args[0])->name + "' has no attribute '" + *name + "'");
  return vm.raise(t, vm.cls.AttributeError, "'" + vm.type_name(a.args[0]) + "' object has no attribute '" + *name + "'");
}

NATIVE(bi_repr) {
  ARITY("repr", 1, 1);
  if (vm.python_method(a.args[0], "__repr__")) return vm.call_helper(t, "_repr_of", {a.args[0]});
  std::string s;
  TRY(vm.repr(t, a.args[0], &s));
  *out = vm.str(s);
  return NativeStatus::Ok;
}

NATIVE(bi_format) {
  ARITY("format", 1, 2);
  std::string spec;
  if (a.n > 1) { auto* s = want_str(vm, t, a.args[1], "format() argument 2"); if (!s) return NativeStatus::Error; spec = *s; }
  std::string r;
  TRY(vm.format_value(t, a.args[0], spec, &r));
  *out = vm.str(r);
  return NativeStatus::Ok;
}

NATIVE(bi_callable) {
  ARITY("callable", 1, 1);
  const Value& v = a.args[0];
  bool c = is_type(v, ObjType::Function) || is_type(v, ObjType::Native) || is_type(v, ObjType::BoundMethod) || is_type(v, ObjType::Class);
  if (is_type(v, ObjType::Instance)) { Value m; c = vm.find_class_attr(as<InstanceObj>(v)->cls, vm.heap.intern("__call__"), &m) != nullptr; }
  *out = Value::boolean(c);
  return NativeStatus::Ok;
}

NATIVE(bi_id) {
  ARITY("id", 1, 1);
  const Value& v = a.args[0];
  *out = Value::integer(v.is_obj() ? int64_t(reinterpret_cast<uintptr_t>(v.o) & 0x7FFFFFFFFFFFLL) : int64_t(raw_hash(v) & 0xFFFFFFF));
  return NativeStatus::Ok;
}

NATIVE(bi_hash) {
  ARITY("hash", 1, 1);
  VM::KeyHash kh;
  TRY(vm.key_hash(t, a.args[0], &kh));
  *out = Value::integer(kh.value);
  return NativeStatus::Ok;
}

NATIVE(bi_super) {
  if (t.frames.empty()) return vm.raise(t, vm.cls.RuntimeError, "super(): no arguments");
  Frame* f = t.frames.back();
  Value start, self;
  if (a.n == 2) { start = a.args[0]; self = a.args[1]; }
  else {
    if (!f->func || f->func->class_cell.empty() || f->code->argcount < 1) return vm.raise(t, vm.cls.RuntimeError, "super(): no arguments");
    start = f->func->class_cell;
    self = f->slots[0];
    if (is_type(self, ObjType::Cell)) self = as<CellObj>(self)->v;
  }
  auto* s = vm.heap.alloc<InstanceObj>();
  s->cls = vm.cls.super_;
  s->dict = vm.new_dict();
  s->dict->set(vm.intern("__thisclass__"), start);
  s->dict->set(vm.intern("__self__"), self);
  *out = Value::object(s);
  return NativeStatus::Ok;
}

NATIVE(bi_exit) {
  return vm.raise_value(t, vm.make_exception(vm.cls.SystemExit, a.n ? std::vector<Value>{a.args[0]} : std::vector<Value>{}));
}

// The prompt goes to stdout without a line end, as CPython writes it when stdin is not a
// terminal (the learner's typed line is not echoed into the output).
NATIVE(bi_input) {
  ARITY("input", 0, 1);
  if (a.n == 1) {
    std::string prompt;
    TRY(vm.to_str(t, a.args[0], &prompt));
    vm.write(prompt, Stream::Stdout, &t);
  }
  std::string line;
  bool got;
  TRY(vm.next_input_line(t, &line, &got));
  if (!got && vm.interrupt_requested()) return vm.raise_stopped(t);  // Ctrl-C while it waited
  if (!got) return vm.raise(t, vm.cls.EOFError, "EOF when reading a line");
  if (!line.empty() && line.back() == '\n') line.pop_back();
  *out = vm.str(std::move(line));
  return NativeStatus::Ok;
}

// Builtins of CPython that Interleave's Python lacks: a clear error naming them, not NameError.
template <const char* kName>
NativeStatus unsupported_builtin(VM& vm, Thread& t, CallArgs&, Value*) {
  return vm.raise(t, vm.cls.NotImplementedError,
                  std::string(kName) + "() is not supported by Interleave's Python (docs/py.md lists what is not)");
}
constexpr char kEval[] = "eval", kExec[] = "exec", kCompile[] = "compile", kLocals[] = "locals",
               kMemoryview[] = "memoryview", kBreakpoint[] = "breakpoint", kHelp[] = "help";

NATIVE(bi_vars) {
  ARITY("vars", 1, 1);
  if (is_type(a.args[0], ObjType::Instance)) { *out = Value::object(as<InstanceObj>(a.args[0])->dict); return NativeStatus::Ok; }
  return vm.raise(t, vm.cls.TypeError, "vars() argument must have __dict__ attribute");
}

NATIVE(bi_globals) {
  *out = Value::object(t.frames.empty() ? vm.new_dict() : t.frames.back()->globals);
  return NativeStatus::Ok;
}

// OSError's subclass for `err` as CPython picks it, with errno, strerror and filename.
NativeStatus raise_os_error(VM& vm, Thread& t, int err, const std::string& why, const Value& filename) {
  ClassObj* cls = vm.cls.OSError;
  if (err == 2) cls = vm.cls.FileNotFoundError;
  else if (err == 13) cls = vm.cls.PermissionError;
  else if (err == 21) {
    const Value* c = vm.builtins->find(vm.intern("IsADirectoryError"));
    if (c && is_type(*c, ObjType::Class)) cls = as<ClassObj>(*c);
  }
  vm.raise_value(t, vm.make_exception(cls, {Value::integer(err), vm.str(why)}));
  as<InstanceObj>(t.exc)->dict->set(vm.intern("filename"), filename);
  return NativeStatus::Error;
}

NATIVE(bi_open) {
  if (a.n < 1) return vm.raise(t, vm.cls.TypeError, "open() missing required argument 'file' (pos 1)");
  auto* path = want_str(vm, t, a.args[0], "open() argument 'file'");
  if (!path) return NativeStatus::Error;
  std::string mode = "r";
  const Value* m = a.n > 1 ? &a.args[1] : kwarg(a, "mode");
  if (m) { auto* s = want_str(vm, t, *m, "open() argument 'mode'"); if (!s) return NativeStatus::Error; mode = *s; }
  auto* f = vm.heap.alloc<FileObj>();
  f->path = *path;
  if (mode.find('b') != std::string::npos) return vm.raise(t, vm.cls.ValueError, "binary files are not supported by Interleave");
  if (mode.find('w') != std::string::npos || mode.find('a') != std::string::npos || mode.find('x') != std::string::npos) {
    f->writing = true;
    f->append = mode.find('a') != std::string::npos;
    if (f->append && vm.files.count(*path)) f->buffer = vm.files[*path];
    vm.files[*path] = f->buffer;
  } else {
    auto it = vm.files.find(*path);
    if (it == vm.files.end()) {
      std::string contents, why = "No such file or directory";
      const int err = vm.config().read_file ? vm.config().read_file(*path, contents, why) : 2;
      if (err) return raise_os_error(vm, t, err, why, a.args[0]);
      std::string text;
      TRY(decode_utf8(vm, t, contents, &text));
      it = vm.files.emplace(*path, std::move(text)).first;
    }
    f->buffer = it->second;
  }
  *out = Value::object(f);
  return NativeStatus::Ok;
}

// [SECTION] constructors (called with the class as args[0])
// object.__new__(cls): an instance of cls (a user class; object() itself passes object)
NATIVE(new_object) {
  ClassObj* c = vm.cls.object;
  if (a.n >= 1) {
    if (!is_type(a.args[0], ObjType::Class))
      return vm.raise(t, vm.cls.TypeError, "object.__new__(X): X is not a type object (" + vm.type_name(a.args[0]) + ")");
    c = as<ClassObj>(a.args[0]);
    if (c->is_builtin && c != vm.cls.object)
      return vm.raise(t, vm.cls.TypeError, "object.__new__(" + c->name + ") is not safe, use " + c->name + ".__new__()");
    if (!vm.check_abstract(t, c)) return NativeStatus::Error;
  }
  auto* inst = vm.heap.alloc<InstanceObj>();
  inst->cls = c;
  inst->dict = vm.new_dict();
  if (c->is_exception) inst->args = Value::object(vm.new_tuple({}));
  *out = Value::object(inst);
  return NativeStatus::Ok;
}

// object.__setattr__(obj, name, value) / object.__delattr__(obj, name): the instance dict,
// past the class's own __setattr__ / __delattr__
NATIVE(object_setattr) {
  ARITY("__setattr__", 3, 3);
  if (!is_type(a.args[1], ObjType::Str))
    return vm.raise(t, vm.cls.TypeError, "attribute name must be string, not '" + vm.type_name(a.args[1]) + "'");
  if (!is_type(a.args[0], ObjType::Instance)) {
    if (!vm.setattr(t, a.args[0], vm.heap.intern(as<StrObj>(a.args[1])->s), a.args[2])) return NativeStatus::Error;
  } else {
    as<InstanceObj>(a.args[0])->dict->set(vm.intern(as<StrObj>(a.args[1])->s), a.args[2]);
  }
  *out = Value::none();
  return NativeStatus::Ok;
}

// object.__hash__(obj): the identity hash hash() gives an object whose class does not change
// it (`__hash__ = object.__hash__` next to a user __eq__, super().__hash__()).
NATIVE(object_hash) {
  ARITY("__hash__", 1, 1);
  *out = Value::integer(native_hash(a.args[0]));
  return NativeStatus::Ok;
}

NATIVE(object_delattr) {
  ARITY("__delattr__", 2, 2);
  if (!is_type(a.args[1], ObjType::Str))
    return vm.raise(t, vm.cls.TypeError, "attribute name must be string, not '" + vm.type_name(a.args[1]) + "'");
  const std::string& name = as<StrObj>(a.args[1])->s;
  if (!is_type(a.args[0], ObjType::Instance) || !as<InstanceObj>(a.args[0])->dict->erase(vm.intern(name)))
    return vm.raise(t, vm.cls.AttributeError, "'" + vm.type_name(a.args[0]) + "' object has no attribute '" + name + "'");
  *out = Value::none();
  return NativeStatus::Ok;
}

// slice(stop) / slice(start, stop[, step])
NATIVE(new_slice) {
  if (a.n < 2 || a.n > 4)
    return vm.raise(t, vm.cls.TypeError, a.n < 2 ? "slice expected at least 1 argument, got 0"
                                                 : "slice expected at most 3 arguments, got " + std::to_string(a.n - 1));
  auto* sl = vm.heap.alloc<SliceObj>();
  if (a.n == 2) {
    sl->start = Value::none(); sl->stop = a.args[1]; sl->step = Value::none();
  } else {
    sl->start = a.args[1]; sl->stop = a.args[2]; sl->step = a.n == 4 ? a.args[3] : Value::none();
  }
  *out = Value::object(sl);
  return NativeStatus::Ok;
}

// type.__call__(cls, *args, **kw): what calling a class does (super().__call__ in a metaclass)
NATIVE(type_call) {
  if (a.n < 1 || !is_type(a.args[0], ObjType::Class))
    return vm.raise(t, vm.cls.TypeError, "descriptor '__call__' requires a 'type' object");
  return vm.construct(t, as<ClassObj>(a.args[0]), a.args + 1, a.n - 1, a.kw, out);
}

// type(x), or type(name, bases, namespace): a new class
NATIVE(new_type) {
  if (a.n == 2) { *out = Value::object(vm.type_of(a.args[1])); return NativeStatus::Ok; }
  if (a.n != 4) return vm.raise(t, vm.cls.TypeError, "type() takes 1 or 3 arguments");
  if (!is_type(a.args[1], ObjType::Str))
    return vm.raise(t, vm.cls.TypeError, "type.__new__() argument 1 must be str, not " + vm.type_name(a.args[1]));
  if (!is_type(a.args[2], ObjType::Tuple))
    return vm.raise(t, vm.cls.TypeError, "type.__new__() argument 2 must be tuple, not " + vm.type_name(a.args[2]));
  if (!is_type(a.args[3], ObjType::Dict))
    return vm.raise(t, vm.cls.TypeError, "type.__new__() argument 3 must be dict, not " + vm.type_name(a.args[3]));
  auto& bases = as<TupleObj>(a.args[2])->items;
  DictObj* ns = vm.new_dict();
  for (auto& e : as<DictObj>(a.args[3])->entries)
    if (!e.first.empty()) ns->set(e.first, e.second);
  if (!ns->find(vm.intern("__module__"))) {
    Value* m = t.frames.empty() ? nullptr : t.frames.back()->globals->find(vm.intern("__name__"));
    if (m) ns->set(vm.intern("__module__"), *m);
  }
  Value meta = is_type(a.args[0], ObjType::Class) && !as<ClassObj>(a.args[0])->is_builtin ? a.args[0] : Value();
  ClassObj* c = vm.make_class(t, as<StrObj>(a.args[1])->s, bases, ns, meta, true);
  if (!c) return NativeStatus::Error;
  *out = Value::object(c);
  return NativeStatus::Ok;
}

NATIVE(new_int) {
  if (a.n == 1) { *out = Value::integer(0); return NativeStatus::Ok; }
  const Value& v = a.args[1];
  const Value* basev = a.n > 2 ? &a.args[2] : kwarg(a, "base");
  if (basev) {
    if (!is_type(v, ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "int() can't convert non-string with explicit base");
  }
  if (v.is_intlike()) { *out = Value::integer(v.as_int()); return NativeStatus::Ok; }
  if (is_bigint(v)) { *out = v; return NativeStatus::Ok; }
  if (v.is_float()) {
    if (std::isnan(v.f)) return vm.raise(t, vm.cls.ValueError, "cannot convert float NaN to integer");
    if (std::isinf(v.f)) return vm.raise(t, vm.cls.OverflowError, "cannot convert float infinity to integer");
    double tr = std::trunc(v.f);
    if (std::fabs(tr) < 9.2e18) { *out = Value::integer(int64_t(tr)); return NativeStatus::Ok; }
    Value big = bigint_from_decimal(vm.heap, text::double_to_string(std::fabs(tr), {'f', 0}));
    *out = tr < 0 ? int_neg(vm.heap, big) : big;
    return NativeStatus::Ok;
  }
  if (is_type(v, ObjType::Str)) {
    int64_t base = 10;
    if (basev) TRY(want_int(vm, t, *basev, &base));
    int64_t r;
    const std::string& s = as<StrObj>(v)->s;
    switch (text::parse_int(s, int(base), r)) {
      case text::IntParse::Ok: *out = Value::integer(r); return NativeStatus::Ok;
      case text::IntParse::Overflow: {
        text::IntDigits d;
        text::parse_int_digits(s, int(base), d);
        if ((d.base & (d.base - 1)) != 0 && d.digits.size() > kMaxStrDigits)
          return vm.raise(t, vm.cls.ValueError, int_parse_limit_message(d.digits.size()));
        *out = int_from_digits(vm.heap, d.digits, d.base, d.negative);
        return NativeStatus::Ok;
      }
      case text::IntParse::Invalid:
        return vm.raise(t, vm.cls.ValueError, "invalid literal for int() with base " + std::to_string(base) + ": " + repr_str(s));
    }
  }
  Value m;
  bool found = false;
  if (is_type(v, ObjType::Instance)) TRY(vm.lookup_attr(t, v, vm.heap.intern("__int__"), &m, &found));
  if (found) { TRY(vm.call_value(t, m, {}, out)); return NativeStatus::Ok; }
  return vm.raise(t, vm.cls.TypeError, "int() argument must be a string, a bytes-like object or a real number, not '" + vm.type_name(v) + "'");
}

NATIVE(new_float) {
  if (a.n == 1) { *out = Value::floating(0.0); return NativeStatus::Ok; }
  const Value& v = a.args[1];
  if (v.is_float()) { *out = v; return NativeStatus::Ok; }
  if (v.is_intlike() || is_bigint(v)) {
    double d = int_to_double(v);
    if (std::isinf(d)) return vm.raise(t, vm.cls.OverflowError, "int too large to convert to float");
    *out = Value::floating(d);
    return NativeStatus::Ok;
  }
  if (is_type(v, ObjType::Str)) {
    auto r = text::parse_float(as<StrObj>(v)->s);
    if (!r) return vm.raise(t, vm.cls.ValueError, "could not convert string to float: " + repr_str(as<StrObj>(v)->s));
    *out = Value::floating(*r);
    return NativeStatus::Ok;
  }
  return vm.raise(t, vm.cls.TypeError, "float() argument must be a string or a real number, not '" + vm.type_name(v) + "'");
}

NATIVE(new_bool) {
  bool b = false;
  if (a.n > 1) TRY(vm.truthy(t, a.args[1], &b));
  *out = Value::boolean(b);
  return NativeStatus::Ok;
}

NATIVE(new_str) {
  if (a.n > 2 || (a.kw && !a.kw->empty())) return str_from_bytes(vm, t, a, out);  // str(b, encoding, errors)
  if (a.n == 1) { *out = vm.str(""); return NativeStatus::Ok; }
  const char* helper;
  if (a.n == 2 && python_str(vm, a.args[1], &helper)) return vm.call_helper(t, helper, {a.args[1]});
  std::string s;
  TRY(vm.to_str(t, a.args[1], &s));
  *out = vm.str(s);
  return NativeStatus::Ok;
}

NATIVE(new_list) {
  if (GeneratorObj* g = a.n > 1 ? VM::generator_of(a.args[1]) : nullptr) return vm.consume(t, g, consumer(c_list, Value::object(vm.new_list())), out);
  if (a.n > 1 && VM::iterates_python(a.args[1])) return vm.call_helper(t, "_list", {a.args[1]});
  std::vector<Value> items;
  if (a.n > 1) TRY(vm.to_vector(t, a.args[1], &items));
  *out = list_of(vm, std::move(items));
  return NativeStatus::Ok;
}

NATIVE(new_tuple) {
  if (a.n > 1 && is_type(a.args[1], ObjType::Tuple)) { *out = a.args[1]; return NativeStatus::Ok; }
  if (GeneratorObj* g = a.n > 1 ? VM::generator_of(a.args[1]) : nullptr)
    return vm.consume(t, g, consumer(c_list, Value::object(vm.new_list()), Value::integer(1)), out);
  if (a.n > 1 && VM::iterates_python(a.args[1])) return vm.call_helper(t, "_tuple", {a.args[1]});
  std::vector<Value> items;
  if (a.n > 1) TRY(vm.to_vector(t, a.args[1], &items));
  *out = Value::object(vm.new_tuple(std::move(items)));
  return NativeStatus::Ok;
}

// Element #i of dict(iterable) / dict.update(iterable): a key-value pair.
bool dict_add_item(VM& vm, Thread& t, DictObj* d, size_t i, const Value& item) {
  std::vector<Value> pair;
  if (!vm.to_vector(t, item, &pair)) {
    if (vm.isinstance(t.exc, vm.cls.TypeError) && !(item.tag == Tag::Obj && VM::iterates_python(item)))
      vm.raise(t, vm.cls.TypeError, "cannot convert dictionary update sequence element #" + std::to_string(i) + " to a sequence");
    return false;
  }
  if (pair.size() != 2) {
    vm.raise(t, vm.cls.ValueError, "dictionary update sequence element #" + std::to_string(i) + " has length " + std::to_string(pair.size()) + "; 2 is required");
    return false;
  }
  return vm.dict_set(t, d, pair[0], pair[1]);
}

bool dict_update_from(VM& vm, Thread& t, DictObj* d, const Value& src) {
  if (is_type(src, ObjType::Dict)) return vm.dict_merge(t, d, as<DictObj>(src));
  std::vector<Value> items;
  if (!vm.to_vector(t, src, &items)) return false;
  for (size_t i = 0; i < items.size(); i++) if (!dict_add_item(vm, t, d, i, items[i])) return false;
  return true;
}

// dict(...) / dict.update(...) keyword arguments as a dict for the _dict helpers (None if none).
Value kw_dict(VM& vm, const CallArgs& a) {
  if (!a.kw || a.kw->empty()) return Value::none();
  auto* d = vm.new_dict();
  for (auto& [k, v] : *a.kw) d->set(k, v);
  return Value::object(d);
}

NATIVE(new_dict) {
  if (GeneratorObj* g = a.n > 1 ? VM::generator_of(a.args[1]) : nullptr)
    return vm.consume(t, g, consumer(c_dict, Value::object(vm.new_dict()), kw_dict(vm, a)), out);
  if (a.n > 1 && is_type(a.args[1], ObjType::Instance) && vm.python_method(a.args[1], "keys"))  // a mapping
    return vm.call_helper(t, "_dict_from_map", {a.args[1], kw_dict(vm, a)});
  if (a.n > 1 && VM::iterates_python(a.args[1])) return vm.call_helper(t, "_dict", {a.args[1], kw_dict(vm, a)});
  auto* d = vm.new_dict();
  if (a.n > 1) TRY(dict_update_from(vm, t, d, a.args[1]));
  if (a.kw) for (auto& [k, v] : *a.kw) TRY(vm.dict_set(t, d, k, v));
  *out = Value::object(d);
  return NativeStatus::Ok;
}

NativeStatus make_set(VM& vm, Thread& t, CallArgs& a, Value* out, bool frozen) {
  if (GeneratorObj* g = a.n > 1 ? VM::generator_of(a.args[1]) : nullptr)
    return vm.consume(t, g, consumer(c_set, Value::object(vm.heap.alloc<SetObj>()), Value(), frozen ? CF_FROZEN : 0), out);
  if (a.n > 1 && VM::iterates_python(a.args[1])) return vm.call_helper(t, frozen ? "_frozenset" : "_set", {a.args[1]});
  auto* s = vm.heap.alloc<SetObj>();
  s->frozen = frozen;
  if (a.n > 1) {
    std::vector<Value> items;
    TRY(vm.to_vector(t, a.args[1], &items));
    for (auto& v : items) TRY(vm.dict_set(t, &s->d, v, Value::none()));
  }
  *out = Value::object(s);
  return NativeStatus::Ok;
}
NATIVE(new_set) { return make_set(vm, t, a, out, false); }
NATIVE(new_frozenset) { return make_set(vm, t, a, out, true); }

NATIVE(new_range) { CallArgs rest{a.args + 1, a.n - 1, a.kw}; return bi_range(vm, t, rest, out); }

// staticmethod(f) / classmethod(f) / property(f): wrappers the attribute lookup understands.
NativeStatus make_wrapper(VM& vm, Thread& t, CallArgs& a, Value* out, ClassObj* c) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, c->name + " expected 1 argument, got " + std::to_string(a.n - 1));
  auto* w = vm.heap.alloc<InstanceObj>();
  w->cls = c;
  w->dict = vm.new_dict();
  w->dict->set(vm.intern("__func__"), a.args[1]);
  *out = Value::object(w);
  return NativeStatus::Ok;
}
NATIVE(new_staticmethod) { return make_wrapper(vm, t, a, out, vm.cls.staticmethod); }
NATIVE(new_classmethod) { return make_wrapper(vm, t, a, out, vm.cls.classmethod); }
NATIVE(new_property) { return make_wrapper(vm, t, a, out, vm.cls.property); }
// @name.setter: a copy of the property with a setter.
NATIVE(property_setter) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "setter() takes exactly one argument");
  auto* src = as<InstanceObj>(a.args[0]);
  auto* w = vm.heap.alloc<InstanceObj>();
  w->cls = vm.cls.property;
  w->dict = vm.new_dict();
  for (auto& e : src->dict->entries) if (!e.first.empty()) w->dict->set(e.first, e.second);
  w->dict->set(vm.intern("__fset__"), a.args[1]);
  *out = Value::object(w);
  return NativeStatus::Ok;
}

NATIVE(object_init) { *out = Value::none(); return NativeStatus::Ok; }

// object.__init__(self, ...) called explicitly, as the end of a cooperative chain
// (super().__init__(**kw)): arguments left over are CPython's TypeError (object_init).
NATIVE(object_dunder_init) {
  *out = Value::none();
  if (a.n < 1 || (a.n == 1 && (!a.kw || a.kw->empty()))) return NativeStatus::Ok;
  ClassObj* type = vm.type_of(a.args[0]);
  Value m;
  if (vm.find_class_attr(type, vm.heap.intern("__init__"), &m) != vm.cls.object)
    return vm.raise(t, vm.cls.TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
  ClassObj* new_owner = vm.find_class_attr(type, vm.heap.intern("__new__"), &m);
  if (!new_owner || new_owner == vm.cls.object)
    return vm.raise(t, vm.cls.TypeError, type->name + ".__init__() takes exactly one argument (the instance to initialize)");
  return NativeStatus::Ok;
}

NATIVE(exc_init) {
  if (a.n >= 1 && is_type(a.args[0], ObjType::Instance))
    as<InstanceObj>(a.args[0])->args = Value::object(vm.new_tuple(std::vector<Value>(a.args + 1, a.args + a.n)));
  *out = Value::none();
  return NativeStatus::Ok;
}

NATIVE(exc_with_traceback) { *out = a.args[0]; return NativeStatus::Ok; }

// [SECTION] list & tuple
ListObj* self_list(CallArgs& a) { return as<ListObj>(a.args[0]); }

NATIVE(list_append) {
  ARITY("append", 2, 2);
  auto& items = self_list(a)->items;
  items.push_back(a.args[1]);
  if ((items.size() & 0xFFFF) == 0 && items.size() * sizeof(Value) > vm.limits().max_memory_bytes) return vm.raise(t, vm.cls.MemoryError, "");
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(list_extend) {
  ARITY("extend", 2, 2);
  if (GeneratorObj* g = VM::generator_of(a.args[1])) return vm.consume(t, g, consumer(c_list, a.args[0], Value::integer(2)), out);
  if (VM::iterates_python(a.args[1])) return vm.call_helper(t, "_extend", {a.args[0], a.args[1]});
  std::vector<Value> items;
  TRY(vm.to_vector(t, a.args[1], &items));
  auto& d = self_list(a)->items;
  d.insert(d.end(), items.begin(), items.end());
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(list_insert) {
  ARITY("insert", 3, 3);
  int64_t i;
  TRY(want_int(vm, t, a.args[1], &i));
  auto& d = self_list(a)->items;
  int64_t n = int64_t(d.size());
  if (i < 0) i = std::max<int64_t>(0, i + n);
  if (i > n) i = n;
  d.insert(d.begin() + i, a.args[2]);
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(list_pop) {
  ARITY("pop", 1, 2);
  auto& d = self_list(a)->items;
  if (d.empty()) return vm.raise(t, vm.cls.IndexError, "pop from empty list");
  int64_t i = int64_t(d.size()) - 1;
  if (a.n > 1) {
    TRY(want_int(vm, t, a.args[1], &i));
    if (i < 0) i += int64_t(d.size());
    if (i < 0 || i >= int64_t(d.size())) return vm.raise(t, vm.cls.IndexError, "pop index out of range");
  }
  *out = d[size_t(i)];
  d.erase(d.begin() + i);
  return NativeStatus::Ok;
}
bool find_index(VM& vm, Thread& t, const std::vector<Value>& items, const Value& x, int64_t from, int64_t* at) {
  for (int64_t i = std::max<int64_t>(0, from); i < int64_t(items.size()); i++) {
    bool e;
    if (identical(items[size_t(i)], x)) { *at = i; return true; }
    if (!vm.eq(t, items[size_t(i)], x, &e)) return false;
    if (e) { *at = i; return true; }
  }
  *at = -1;
  return true;
}
NATIVE(list_remove) {
  ARITY("remove", 2, 2);
  auto& d = self_list(a)->items;
  int64_t at;
  TRY(find_index(vm, t, d, a.args[1], 0, &at));
  if (at < 0) return vm.raise(t, vm.cls.ValueError, "list.remove(x): x not in list");
  d.erase(d.begin() + at);
  *out = Value::none();
  return NativeStatus::Ok;
}
std::vector<Value>& seq_items(const Value& v) { return is_type(v, ObjType::List) ? as<ListObj>(v)->items : as<TupleObj>(v)->items; }
NATIVE(seq_index) {
  ARITY("index", 2, 4);
  int64_t from = 0;
  if (a.n > 2) TRY(want_int(vm, t, a.args[2], &from));
  auto& d = seq_items(a.args[0]);
  if (from < 0) from += int64_t(d.size());
  int64_t at;
  TRY(find_index(vm, t, d, a.args[1], from, &at));
  if (at < 0) {
    if (is_type(a.args[0], ObjType::List)) {
      std::string r;
      TRY(vm.repr(t, a.args[1], &r));
      return vm.raise(t, vm.cls.ValueError, r + " is not in list");
    }
    return vm.raise(t, vm.cls.ValueError, "tuple.index(x): x not in tuple");
  }
  *out = Value::integer(at);
  return NativeStatus::Ok;
}
NATIVE(seq_count) {
  ARITY("count", 2, 2);
  int64_t n = 0;
  for (auto& v : seq_items(a.args[0])) {
    bool e;
    if (identical(v, a.args[1])) { n++; continue; }
    TRY(vm.eq(t, v, a.args[1], &e));
    if (e) n++;
  }
  *out = Value::integer(n);
  return NativeStatus::Ok;
}
NATIVE(list_sort) {
  ARITY("sort", 1, 1);
  const Value* rev = kwarg(a, "reverse");
  bool reverse = false;
  if (rev) TRY(vm.truthy(t, *rev, &reverse));
  const Value* key = kwarg(a, "key");
  std::vector<Value> items = self_list(a)->items;
  TRY(sort_values(vm, t, items, key, reverse));
  self_list(a)->items = std::move(items);
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(list_reverse) { auto& d = self_list(a)->items; std::reverse(d.begin(), d.end()); *out = Value::none(); return NativeStatus::Ok; }
NATIVE(list_clear) { self_list(a)->items.clear(); *out = Value::none(); return NativeStatus::Ok; }
NATIVE(list_copy) { *out = list_of(vm, self_list(a)->items); return NativeStatus::Ok; }

// list slice assignment / deletion (__setitem__ / __delitem__ with slices or ints)
NATIVE(list_setitem) {
  auto& d = self_list(a)->items;
  const Value& key = a.args[1];
  bool del = a.n == 2;
  if (is_type(key, ObjType::Slice)) {
    int64_t st, sp, step;
    TRY(slice_indices(vm, t, as<SliceObj>(key), int64_t(d.size()), &st, &sp, &step));
    auto pos = slice_positions(st, sp, step);
    if (del) {
      std::vector<bool> kill(d.size(), false);
      for (int64_t p : pos) kill[size_t(p)] = true;
      std::vector<Value> kept;
      for (size_t i = 0; i < d.size(); i++) if (!kill[i]) kept.push_back(d[i]);
      d.swap(kept);
    } else {
      std::vector<Value> src;
      TRY(vm.to_vector(t, a.args[2], &src));
      if (step == 1) {
        if (sp < st) sp = st;
        d.erase(d.begin() + st, d.begin() + sp);
        d.insert(d.begin() + st, src.begin(), src.end());
      } else {
        if (src.size() != pos.size())
          return vm.raise(t, vm.cls.ValueError, "attempt to assign sequence of size " + std::to_string(src.size()) + " to extended slice of size " + std::to_string(pos.size()));
        for (size_t i = 0; i < pos.size(); i++) d[size_t(pos[i])] = src[i];
      }
    }
    *out = Value::none();
    return NativeStatus::Ok;
  }
  int64_t i;
  if (!key.is_intlike()) return vm.raise(t, vm.cls.TypeError, "list indices must be integers or slices, not " + vm.type_name(key));
  i = key.as_int();
  if (i < 0) i += int64_t(d.size());
  if (i < 0 || i >= int64_t(d.size())) return vm.raise(t, vm.cls.IndexError, del ? "list assignment index out of range" : "list assignment index out of range");
  if (del) d.erase(d.begin() + i); else d[size_t(i)] = a.args[2];
  *out = Value::none();
  return NativeStatus::Ok;
}

// [SECTION] dict
DictObj* self_dict(CallArgs& a) { return as<DictObj>(a.args[0]); }

NATIVE(dict_get) {
  ARITY("get", 2, 3);
  Value* v;
  TRY(vm.dict_get(t, self_dict(a), a.args[1], &v));
  *out = v ? *v : (a.n > 2 ? a.args[2] : Value::none());
  return NativeStatus::Ok;
}
NATIVE(dict_setdefault) {
  ARITY("setdefault", 2, 3);
  VM::KeyHash kh;
  int64_t i;
  TRY(vm.key_hash(t, a.args[1], &kh) && vm.dict_index(t, self_dict(a), a.args[1], kh, &i));
  if (i >= 0) { *out = self_dict(a)->entries[size_t(i)].second; return NativeStatus::Ok; }
  *out = a.n > 2 ? a.args[2] : Value::none();
  TRY(vm.dict_set(t, self_dict(a), a.args[1], kh, *out));
  return NativeStatus::Ok;
}
NATIVE(dict_update) {
  ARITY("update", 1, 2);
  if (GeneratorObj* g = a.n > 1 ? VM::generator_of(a.args[1]) : nullptr)
    return vm.consume(t, g, consumer(c_dict, a.args[0], kw_dict(vm, a), CF_UPDATE), out);
  if (a.n > 1 && is_type(a.args[1], ObjType::Instance) && vm.python_method(a.args[1], "keys")) {  // a mapping
    return vm.call_helper(t, "_dict_fill_map", {a.args[0], a.args[1], kw_dict(vm, a)});
  }
  if (a.n > 1 && VM::iterates_python(a.args[1])) return vm.call_helper(t, "_dict_fill", {a.args[0], a.args[1], kw_dict(vm, a)});
  if (a.n > 1) TRY(dict_update_from(vm, t, self_dict(a), a.args[1]));
  if (a.kw) for (auto& [k, v] : *a.kw) TRY(vm.dict_set(t, self_dict(a), k, v));
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(dict_pop) {
  ARITY("pop", 2, 3);
  bool found;
  TRY(vm.dict_del(t, self_dict(a), a.args[1], &found, out));
  if (found) return NativeStatus::Ok;
  if (a.n > 2) { *out = a.args[2]; return NativeStatus::Ok; }
  return vm.raise_value(t, vm.make_exception(vm.cls.KeyError, {a.args[1]}));
}
NATIVE(dict_popitem) {
  auto* d = self_dict(a);
  for (size_t i = d->entries.size(); i-- > 0;) {
    if (d->entries[i].first.empty()) continue;
    auto e = d->entries[i];
    d->erase_at(uint32_t(i));
    *out = Value::object(vm.new_tuple({e.first, e.second}));
    return NativeStatus::Ok;
  }
  return vm.raise(t, vm.cls.KeyError, "popitem(): dictionary is empty");
}
NativeStatus dict_view(VM& vm, CallArgs& a, Value* out, IterKind k) {
  auto* it = vm.heap.alloc<IteratorObj>(k);
  it->src = a.args[0];
  it->is_view = true;
  *out = Value::object(it);
  return NativeStatus::Ok;
}
NATIVE(dict_keys) { return dict_view(vm, a, out, IterKind::DictKeys); }
NATIVE(dict_values) { return dict_view(vm, a, out, IterKind::DictValues); }
NATIVE(dict_items) { return dict_view(vm, a, out, IterKind::DictItems); }
NATIVE(dict_clear) { self_dict(a)->clear(); *out = Value::none(); return NativeStatus::Ok; }
NATIVE(dict_copy) {
  auto* d = vm.new_dict();
  TRY(vm.dict_merge(t, d, self_dict(a)));
  *out = Value::object(d);
  return NativeStatus::Ok;
}
NATIVE(dict_setitem) {
  if (a.n == 2) {
    bool found;
    TRY(vm.dict_del(t, self_dict(a), a.args[1], &found));
    if (!found) return vm.raise_value(t, vm.make_exception(vm.cls.KeyError, {a.args[1]}));
  } else {
    TRY(vm.dict_set(t, self_dict(a), a.args[1], a.args[2]));
  }
  *out = Value::none();
  return NativeStatus::Ok;
}

// [SECTION] set
SetObj* self_set(CallArgs& a) { return as<SetObj>(a.args[0]); }
NATIVE(set_add) {
  ARITY("add", 2, 2);
  TRY(vm.dict_set(t, &self_set(a)->d, a.args[1], Value::none()));
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(set_discard) {
  ARITY("discard", 2, 2);
  bool found;
  TRY(vm.dict_del(t, &self_set(a)->d, a.args[1], &found));
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(set_remove) {
  ARITY("remove", 2, 2);
  bool found;
  TRY(vm.dict_del(t, &self_set(a)->d, a.args[1], &found));
  if (!found) return vm.raise_value(t, vm.make_exception(vm.cls.KeyError, {a.args[1]}));
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(set_pop) {
  auto& d = self_set(a)->d;
  for (uint32_t i = 0; i < d.entries.size(); i++) {
    if (d.entries[i].first.empty()) continue;
    *out = d.entries[i].first;
    d.erase_at(i);
    return NativeStatus::Ok;
  }
  return vm.raise(t, vm.cls.KeyError, "pop from an empty set");
}
NATIVE(set_clear) { self_set(a)->d.clear(); *out = Value::none(); return NativeStatus::Ok; }
NATIVE(set_copy) {
  auto* s = vm.heap.alloc<SetObj>();
  s->frozen = self_set(a)->frozen;
  TRY(vm.dict_merge(t, &s->d, &self_set(a)->d));
  *out = Value::object(s);
  return NativeStatus::Ok;
}
bool as_set(VM& vm, Thread& t, const Value& v, Value* out) {
  if (is_type(v, ObjType::Set)) { *out = v; return true; }
  CallArgs ca{nullptr, 0, nullptr};
  Value args[2] = {Value::object(vm.cls.set), v};
  ca.args = args;
  ca.n = 2;
  return make_set(vm, t, ca, out, false) == NativeStatus::Ok;
}
// A set method given Python-level iterables: the _set_op helper collects each argument into
// a list, then calls the method again with the lists.
bool python_args(const CallArgs& a) {
  for (int i = 1; i < a.n; i++) if (VM::iterates_python(a.args[i])) return true;
  return false;
}
NativeStatus set_method_helper(VM& vm, Thread& t, CallArgs& a, const char* name) {
  Value* m = vm.type_of(a.args[0])->dict->find(vm.intern(name));
  if (!m) return vm.raise(t, vm.cls.RuntimeError, std::string("internal: no set method ") + name);
  return vm.call_helper(t, "_set_op", {*m, a.args[0], list_of(vm, std::vector<Value>(a.args + 1, a.args + a.n))});
}

NativeStatus set_binop(VM& vm, Thread& t, CallArgs& a, Value* out, int op, bool update, const char* name) {
  if (python_args(a)) return set_method_helper(vm, t, a, name);
  Value acc = a.args[0];
  if (!update) { Value c; CallArgs ca{a.args, 1, nullptr}; TRY(set_copy(vm, t, ca, &c) == NativeStatus::Ok); acc = c; }
  for (int i = 1; i < a.n; i++) {
    Value other;
    TRY(as_set(vm, t, a.args[i], &other));
    Value r;
    TRY(vm.binary_op(t, op, acc, other, &r, false));
    as<SetObj>(acc)->d.take(as<SetObj>(r)->d);
  }
  *out = update ? Value::none() : acc;
  return NativeStatus::Ok;
}
NATIVE(set_union) { return set_binop(vm, t, a, out, 10, false, "union"); }
NATIVE(set_update) {
  if (GeneratorObj* g = a.n == 2 ? VM::generator_of(a.args[1]) : nullptr)
    return vm.consume(t, g, consumer(c_set, a.args[0], Value(), CF_UPDATE), out);
  return set_binop(vm, t, a, out, 10, true, "update");
}
NATIVE(set_intersection) { return set_binop(vm, t, a, out, 9, false, "intersection"); }
NATIVE(set_difference) { return set_binop(vm, t, a, out, 1, false, "difference"); }
NATIVE(set_symdiff) { return set_binop(vm, t, a, out, 11, false, "symmetric_difference"); }
NATIVE(set_issubset) {
  ARITY("issubset", 2, 2);
  if (python_args(a)) return set_method_helper(vm, t, a, "issubset");
  Value other;
  TRY(as_set(vm, t, a.args[1], &other));
  TRY(vm.compare(t, a.args[0], other, 1, out));
  return NativeStatus::Ok;
}
NATIVE(set_issuperset) {
  ARITY("issuperset", 2, 2);
  if (python_args(a)) return set_method_helper(vm, t, a, "issuperset");
  Value other;
  TRY(as_set(vm, t, a.args[1], &other));
  TRY(vm.compare(t, a.args[0], other, 5, out));
  return NativeStatus::Ok;
}
NATIVE(set_isdisjoint) {
  ARITY("isdisjoint", 2, 2);
  if (python_args(a)) return set_method_helper(vm, t, a, "isdisjoint");
  Value other;
  TRY(as_set(vm, t, a.args[1], &other));
  DictObj* o = &as<SetObj>(other)->d;
  for (uint32_t i = 0; i < o->entries.size(); i++) {  // by index: an __eq__ may change the set
    if (o->entries[i].first.empty()) continue;
    int64_t at;
    TRY(vm.dict_index(t, &self_set(a)->d, o->entries[i].first, vm.entry_hash(*o, i), &at));
    if (at >= 0) { *out = Value::boolean(false); return NativeStatus::Ok; }
  }
  *out = Value::boolean(true);
  return NativeStatus::Ok;
}

// [SECTION] generators, exceptions, files
NATIVE(gen_send) {
  ARITY("send", 2, 2);
  return vm.resume_generator(t, as<GeneratorObj>(a.args[0]), a.args[1], Resume::Call, 0);
}
NATIVE(gen_next) {
  ARITY("__next__", 1, 1);
  return vm.resume_generator(t, as<GeneratorObj>(a.args[0]), Value(), Resume::Call, 0);
}

// close(): GeneratorExit raised at its yield, so its `finally` blocks run (a helper frame
// checks that it did not yield again).
NATIVE(gen_close) {
  auto* g = as<GeneratorObj>(a.args[0]);
  if (g->running) return vm.raise(t, vm.cls.ValueError, "generator already executing");
  if (g->frame && g->started) return vm.call_helper(t, "_gen_close", {a.args[0]});
  delete g->frame;
  g->frame = nullptr;
  *out = Value::none();
  return NativeStatus::Ok;
}

// throw(exc) / throw(type[, value]): the exception is raised where the generator paused.
NATIVE(gen_throw) {
  ARITY("throw", 2, 3);
  Value exc = a.args[1];
  if (is_type(exc, ObjType::Class) && as<ClassObj>(exc)->is_exception) {
    auto* c = as<ClassObj>(exc);
    if (a.n == 3 && vm.isinstance(a.args[2], c)) exc = a.args[2];
    else exc = vm.make_exception(c, a.n == 3 && !a.args[2].is_none() ? std::vector<Value>{a.args[2]} : std::vector<Value>{});
  } else if (!(is_type(exc, ObjType::Instance) && as<InstanceObj>(exc)->cls->is_exception)) {
    return vm.raise(t, vm.cls.TypeError,
                    "exceptions must be classes or instances deriving from BaseException, not " + vm.type_name(exc));
  } else if (a.n == 3 && !a.args[2].is_none()) {
    return vm.raise(t, vm.cls.TypeError, "instance exception may not have a separate value");
  }
  return vm.throw_generator(t, as<GeneratorObj>(a.args[0]), exc, Resume::Call, 0);
}
NATIVE(gen_iter) { *out = a.args[0]; return NativeStatus::Ok; }

FileObj* self_file(VM& vm, Thread& t, CallArgs& a) {
  auto* f = as<FileObj>(a.args[0]);
  if (f->closed) { vm.raise(t, vm.cls.ValueError, "I/O operation on closed file."); return nullptr; }
  return f;
}
NATIVE(file_write) {
  ARITY("write", 2, 2);
  FileObj* f = self_file(vm, t, a);
  if (!f) return NativeStatus::Error;
  auto* s = want_str(vm, t, a.args[1], "write() argument");
  if (!s) return NativeStatus::Error;
  if (f->path == "<stdout>" || f->path == "<stderr>") {
    vm.write(*s, f->path == "<stdout>" ? Stream::Stdout : Stream::Stderr, &t);
  } else {
    if (!f->writing) return vm.raise(t, vm.cls.OSError, "not writable");
    f->buffer += *s;
    vm.files[f->path] = f->buffer;  // visible to readers at once, like a flushed file
  }
  *out = Value::integer(as<StrObj>(a.args[1])->cp_len);
  return NativeStatus::Ok;
}
NATIVE(file_read) {
  FileObj* f = self_file(vm, t, a);
  if (!f) return NativeStatus::Error;
  if (f->writing) return vm.raise(t, vm.cls.OSError, "not readable");
  if (f->path == "<stdin>")  // everything to the end of the input
    for (bool got = true; got;) {
      std::string line;
      TRY(vm.next_input_line(t, &line, &got));
      f->buffer += line;
    }
  *out = vm.str(f->buffer.substr(std::min(f->pos, f->buffer.size())));
  f->pos = f->buffer.size();
  return NativeStatus::Ok;
}
NATIVE(file_readline) {
  FileObj* f = self_file(vm, t, a);
  if (!f) return NativeStatus::Error;
  bool has;
  TRY(vm.iter_next(t, a.args[0], out, &has));
  if (!has) *out = vm.str("");
  return NativeStatus::Ok;
}
NATIVE(file_readlines) {
  FileObj* f = self_file(vm, t, a);
  if (!f) return NativeStatus::Error;
  std::vector<Value> lines;
  TRY(vm.to_vector(t, a.args[0], &lines));
  *out = list_of(vm, std::move(lines));
  return NativeStatus::Ok;
}
NATIVE(file_close) {
  auto* f = as<FileObj>(a.args[0]);
  if (f->writing && !f->closed && f->path[0] != '<') vm.files[f->path] = f->buffer;
  f->closed = true;
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(file_enter) { *out = a.args[0]; return NativeStatus::Ok; }
NATIVE(file_exit) { CallArgs one{a.args, 1, nullptr}; file_close(vm, t, one, out); *out = Value::boolean(false); return NativeStatus::Ok; }
NATIVE(file_flush) { *out = Value::none(); return NativeStatus::Ok; }

NATIVE(int_bit_length) {
  *out = Value::integer(int64_t(int_bit_length(a.args[0])));
  return NativeStatus::Ok;
}
NATIVE(float_is_integer) {
  *out = Value::boolean(a.args[0].is_float() && std::isfinite(a.args[0].f) && a.args[0].f == std::floor(a.args[0].f));
  return NativeStatus::Ok;
}

// [SECTION] natives of the iteration helpers (iter_helpers.cpp)
// _sort_keyed(items, keys, reverse): sorts list `items` in place by `keys` (a list, or None
// for the items themselves).
NATIVE(h_sort_keyed) {
  auto& items = as<ListObj>(a.args[0])->items;
  std::vector<Value> sorted = items;
  const std::vector<Value>& keys = a.args[1].is_none() ? sorted : as<ListObj>(a.args[1])->items;
  if (keys.size() != sorted.size()) return vm.raise(t, vm.cls.ValueError, "list modified during sort");
  TRY(sort_keyed(vm, t, sorted, std::vector<Value>(keys), a.args[2].is_bool() && a.args[2].b));
  items = std::move(sorted);
  *out = Value::none();
  return NativeStatus::Ok;
}
// _dict_item(d, i, item): element #i of dict(iterable).
NATIVE(h_dict_item) {
  TRY(dict_add_item(vm, t, as<DictObj>(a.args[0]), size_t(a.args[1].as_int()), a.args[2]));
  *out = Value::none();
  return NativeStatus::Ok;
}

}  // namespace

NativeStatus join_generator(VM& vm, Thread& t, GeneratorObj* g, const Value& sep, Value* out) {
  return vm.consume(t, g, consumer(c_join, Value::object(vm.new_list()), sep), out);
}

void install_helper_natives(VM& vm, DictObj* d) {
  d->set(vm.intern("_sort_keyed"), Value::object(vm.native("_sort_keyed", h_sort_keyed)));
  d->set(vm.intern("_dict_item"), Value::object(vm.native("_dict_item", h_dict_item)));
}

// [SECTION] installation
void install_builtins(VM& vm) {
  auto fn = [&](const char* name, NativeFn f) { vm.builtins->set(vm.intern(name), Value::object(vm.native(name, f))); };
  fn("print", bi_print); fn("len", bi_len); fn("abs", bi_abs); fn("divmod", bi_divmod); fn("pow", bi_pow);
  fn("round", bi_round); fn("sum", bi_sum); fn("min", bi_min); fn("max", bi_max); fn("chr", bi_chr);
  fn("ord", bi_ord); fn("iter", bi_iter); fn("next", bi_next); fn("enumerate", bi_enumerate);
  fn("zip", bi_zip); fn("map", bi_map); fn("filter", bi_filter); fn("reversed", bi_reversed);
  fn("sorted", bi_sorted); fn("any", bi_any); fn("all", bi_all); fn("isinstance", bi_isinstance);
  fn("issubclass", bi_issubclass); fn("getattr", bi_getattr); fn("setattr", bi_setattr);
  fn("hasattr", bi_hasattr); fn("delattr", bi_delattr); fn("repr", bi_repr); fn("format", bi_format);
  fn("callable", bi_callable); fn("id", bi_id); fn("hash", bi_hash); fn("super", bi_super);
  fn("eval", unsupported_builtin<kEval>); fn("exec", unsupported_builtin<kExec>);
  fn("compile", unsupported_builtin<kCompile>); fn("locals", unsupported_builtin<kLocals>);
  fn("memoryview", unsupported_builtin<kMemoryview>); fn("breakpoint", unsupported_builtin<kBreakpoint>);
  fn("help", unsupported_builtin<kHelp>);
  fn("exit", bi_exit); fn("quit", bi_exit); fn("input", bi_input); fn("vars", bi_vars);
  fn("globals", bi_globals); fn("open", bi_open); fn("hex", bi_hex); fn("oct", bi_oct); fn("bin", bi_bin);
  fn("dir", bi_dir);
  auto& C = vm.cls;
  vm.builtins->set(vm.intern("None"), Value::none());
  vm.builtins->set(vm.intern("NotImplemented"), Value::object(vm.native("NotImplemented", object_init)));
  vm.builtins->set(vm.intern("Ellipsis"), Value::object(vm.native("Ellipsis", object_init)));
  struct { ClassObj* c; NativeFn f; } ctors[] = {
      {C.object, new_object}, {C.type, new_type}, {C.int_, new_int}, {C.float_, new_float}, {C.bool_, new_bool},
      {C.str, new_str}, {C.list, new_list}, {C.tuple, new_tuple}, {C.dict, new_dict}, {C.set, new_set},
      {C.frozenset, new_frozenset}, {C.range, new_range}, {C.staticmethod, new_staticmethod},
      {C.classmethod, new_classmethod}, {C.property, new_property}, {C.slice, new_slice}};
  for (auto& c : ctors) {
    vm.method(c.c, "__new__", c.f);
    vm.builtins->set(vm.intern(c.c->name), Value::object(c.c));
  }
  vm.method(C.object, "__init__", object_dunder_init);
  vm.method(C.object, "__setattr__", object_setattr);
  vm.method(C.object, "__init_subclass__", object_init);
  vm.method(C.type, "__call__", type_call);
  vm.method(C.object, "__delattr__", object_delattr);
  vm.method(C.object, "__hash__", object_hash);
  vm.method(C.property, "setter", property_setter);
  vm.method(C.BaseException, "__init__", exc_init);
  // Chaining (PEP 3134): unset on the class, set per exception when raised (VM::unwind).
  C.BaseException->dict->set(vm.intern("__cause__"), Value::none());
  C.BaseException->dict->set(vm.intern("__context__"), Value::none());
  C.BaseException->dict->set(vm.intern("__suppress_context__"), Value::boolean(false));
  vm.method(C.BaseException, "with_traceback", exc_with_traceback);
  vm.method(C.list, "append", list_append); vm.method(C.list, "extend", list_extend);
  vm.method(C.list, "insert", list_insert); vm.method(C.list, "pop", list_pop);
  vm.method(C.list, "remove", list_remove); vm.method(C.list, "index", seq_index);
  vm.method(C.list, "count", seq_count); vm.method(C.list, "sort", list_sort);
  vm.method(C.list, "reverse", list_reverse); vm.method(C.list, "clear", list_clear);
  vm.method(C.list, "copy", list_copy); vm.method(C.list, "__setitem__", list_setitem);
  vm.method(C.list, "__delitem__", list_setitem);
  vm.method(C.tuple, "index", seq_index); vm.method(C.tuple, "count", seq_count);
  vm.method(C.dict, "get", dict_get); vm.method(C.dict, "setdefault", dict_setdefault);
  vm.method(C.dict, "update", dict_update); vm.method(C.dict, "pop", dict_pop);
  vm.method(C.dict, "popitem", dict_popitem); vm.method(C.dict, "keys", dict_keys);
  vm.method(C.dict, "values", dict_values); vm.method(C.dict, "items", dict_items);
  vm.method(C.dict, "clear", dict_clear); vm.method(C.dict, "copy", dict_copy);
  vm.method(C.dict, "__setitem__", dict_setitem); vm.method(C.dict, "__delitem__", dict_setitem);
  vm.method(C.set, "add", set_add); vm.method(C.set, "discard", set_discard);
  vm.method(C.set, "remove", set_remove); vm.method(C.set, "pop", set_pop);
  vm.method(C.set, "clear", set_clear); vm.method(C.set, "update", set_update);
  for (ClassObj* c : {C.set, C.frozenset}) {
    vm.method(c, "copy", set_copy); vm.method(c, "union", set_union);
    vm.method(c, "intersection", set_intersection); vm.method(c, "difference", set_difference);
    vm.method(c, "symmetric_difference", set_symdiff); vm.method(c, "issubset", set_issubset);
    vm.method(c, "issuperset", set_issuperset); vm.method(c, "isdisjoint", set_isdisjoint);
  }
  vm.method(C.generator, "send", gen_send); vm.method(C.generator, "close", gen_close); vm.method(C.generator, "throw", gen_throw);
  vm.method(C.generator, "__next__", gen_next);
  vm.method(C.coroutine, "send", gen_send); vm.method(C.coroutine, "close", gen_close);
  vm.method(C.coroutine, "throw", gen_throw);
  vm.method(C.generator, "__iter__", gen_iter);
  vm.method(C.file, "write", file_write); vm.method(C.file, "read", file_read);
  vm.method(C.file, "readline", file_readline); vm.method(C.file, "readlines", file_readlines);
  vm.method(C.file, "close", file_close); vm.method(C.file, "__enter__", file_enter);
  vm.method(C.file, "__exit__", file_exit); vm.method(C.file, "flush", file_flush);
  vm.method(C.int_, "bit_length", int_bit_length);
  vm.method(C.float_, "is_integer", float_is_integer);
  install_str_methods(vm);
  install_bytes(vm);
}

}  // namespace interleave::py
