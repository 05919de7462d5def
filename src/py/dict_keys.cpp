// Dict and set keys of any kind: hashing (a user __hash__ included), lookup comparing with
// __eq__, and the VM-level get/set/del over DictObj (see vm.h, "dict and set keys").
// [SECTION] hashing  [SECTION] lookup  [SECTION] get, set, del
#include <algorithm>

#include "py/bigint.h"
#include "py/vm.h"
#include "py/vm_internal.h"

namespace interleave::py {

// [SECTION] hashing
namespace {

bool unhashable(VM& vm, Thread& t, const Value& v) {
  vm.raise(t, vm.cls.TypeError, "unhashable type: '" + vm.type_name(v) + "'");
  return false;
}

// What __hash__ returned, as CPython's slot_tp_hash takes it: an int, reduced to a hash when it
// does not fit (int's own hash), and -1 (the C API's error value) becomes -2.
bool hash_result(VM& vm, Thread& t, const Value& r, int64_t* out) {
  if (r.is_intlike()) {
    *out = r.as_int() == -1 ? -2 : r.as_int();
    return true;
  }
  if (is_bigint(r)) {
    *out = number_hash(r);
    return true;
  }
  vm.raise(t, vm.cls.TypeError, "__hash__ method should return an integer");
  return false;
}

}  // namespace

// An instance: its class's __hash__ (None: unhashable, as a class defining __eq__ alone gets),
// else identity; a class with __eq__ makes it a Python key either way.
static bool instance_key_hash(VM& vm, Thread& t, const Value& v, VM::KeyHash* out) {
  ClassObj* c = as<InstanceObj>(v)->cls;
  Value hm, em;
  ClassObj* owner = vm.find_class_attr(c, vm.heap.intern("__hash__"), &hm);
  if (owner && hm.is_none()) return unhashable(vm, t, v);
  if (owner && is_type(hm, ObjType::Function)) {
    Value r;
    if (!vm.call_value(t, hm, {v}, &r) || !hash_result(vm, t, r, &out->value)) return false;
    out->py = true;
    return true;
  }
  out->value = native_hash(v);
  out->py = vm.find_class_attr(c, vm.heap.intern("__eq__"), &em) && is_type(em, ObjType::Function);
  return true;
}

// A tuple combines its items' hashes as raw_hash does, so a tuple of native keys hashes as
// before; an item hashed by Python code enters by its hash.
static bool tuple_key_hash(VM& vm, Thread& t, const Value& v, VM::KeyHash* out) {
  DepthGuard depth(vm, t, " while hashing a tuple");
  if (!depth.ok) return false;
  size_t h = 0x345678;
  bool py = false;
  for (auto& e : as<TupleObj>(v)->items) {
    VM::KeyHash kh;
    if (!vm.key_hash(t, e, &kh)) return false;
    py |= kh.py;
    h = (h ^ (kh.py ? std::hash<int64_t>()(kh.value) : raw_hash(e))) * 1000003;
  }
  out->value = int64_t(h >> 1);
  out->py = py;
  return true;
}

bool VM::key_hash(Thread& t, const Value& v, KeyHash* out) {
  *out = KeyHash{};
  if (v.tag == Tag::Obj) {
    switch (v.o->type) {
      case ObjType::Str:  // the common key: its cached hash
        out->value = int64_t(ValueHash()(v));
        return true;
      case ObjType::List: case ObjType::Dict: return unhashable(*this, t, v);
      case ObjType::Bytes:
        if (as<BytesObj>(v)->mut) return unhashable(*this, t, v);
        break;
      case ObjType::Set:
        if (!as<SetObj>(v)->frozen) return unhashable(*this, t, v);
        out->py = as<SetObj>(v)->d.has_py();  // its items' hashes are stored: no call
        break;
      case ObjType::Tuple: return tuple_key_hash(*this, t, v, out);
      case ObjType::Instance: return instance_key_hash(*this, t, v, out);
      default: break;
    }
  }
  out->value = native_hash(v);
  return true;
}

bool VM::hash(Thread& t, const Value& v, size_t* out) {
  KeyHash kh;
  if (!key_hash(t, v, &kh)) return false;
  *out = size_t(kh.value);
  return true;
}

VM::KeyHash VM::entry_hash(const DictObj& d, uint32_t i) const {
  if (d.is_py_at(i)) return KeyHash{d.py->hash_of.at(i), true};
  return KeyHash{native_hash(d.entries[i].first), false};
}

// [SECTION] lookup
namespace {

// The entries whose key has k's hash, in insertion order (CPython probes them in that order).
// A native key's native equal, if any, is *native_match: no __eq__ needed for it.
std::vector<uint32_t> candidates(DictObj* d, const Value& k, const VM::KeyHash& kh, int64_t* native_match) {
  std::vector<uint32_t> out;
  *native_match = -1;
  if (!kh.py) {
    auto it = d->index.find(k);
    if (it != d->index.end()) { *native_match = it->second; out.push_back(it->second); }
  } else if (!d->index.empty()) {
    // native keys with this hash may equal k by its __eq__ (1 and an object equal to 1)
    Value probe;  // Empty with a payload: ValueHash gives the payload, so this is k's bucket
    probe.i = kh.value;
    size_t b = d->index.bucket(probe);
    for (auto it = d->index.begin(b); it != d->index.end(b); ++it)
      if (ValueHash()(it->first) == size_t(kh.value)) out.push_back(it->second);
  }
  if (d->py) {
    auto range = d->py->by_hash.equal_range(kh.value);
    for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

bool VM::dict_index(Thread& t, DictObj* d, const Value& k, const KeyHash& kh, int64_t* out) {
  if (!kh.py && !d->has_py()) {  // the common case: the native index alone
    auto it = d->index.find(k);
    *out = it == d->index.end() ? -1 : int64_t(it->second);
    return true;
  }
  for (;;) {  // CPython starts over when an __eq__ changed the dict's keys
    int64_t native_match;
    std::vector<uint32_t> cands = candidates(d, k, kh, &native_match);
    uint64_t version = d->version;
    bool changed = false;
    for (uint32_t i : cands) {
      Value stored = d->entries[i].first;
      if (int64_t(i) == native_match || identical(stored, k)) { *out = i; return true; }
      bool same;
      if (!eq(t, stored, k, &same)) return false;
      if (d->version != version) { changed = true; break; }
      if (same) { *out = i; return true; }
    }
    if (!changed) { *out = -1; return true; }
  }
}

// [SECTION] get, set, del
bool VM::dict_get(Thread& t, DictObj* d, const Value& k, Value** out) {
  KeyHash kh;
  int64_t i;
  if (!key_hash(t, k, &kh) || !dict_index(t, d, k, kh, &i)) return false;
  *out = i < 0 ? nullptr : &d->entries[size_t(i)].second;
  return true;
}

bool VM::dict_set(Thread& t, DictObj* d, const Value& k, const Value& v) {
  KeyHash kh;
  return key_hash(t, k, &kh) && dict_set(t, d, k, kh, v);
}

bool VM::dict_set(Thread& t, DictObj* d, const Value& k, const KeyHash& kh, const Value& v) {
  int64_t i;
  if (!dict_index(t, d, k, kh, &i)) return false;
  if (i >= 0) d->entries[size_t(i)].second = v;  // the first key stays, as in CPython
  else if (kh.py) d->insert_py(k, v, kh.value);
  else d->set(k, v);
  return true;
}

bool VM::dict_del(Thread& t, DictObj* d, const Value& k, bool* found, Value* old) {
  KeyHash kh;
  int64_t i;
  if (!key_hash(t, k, &kh) || !dict_index(t, d, k, kh, &i)) return false;
  *found = i >= 0;
  if (*found) d->erase_at(uint32_t(i), old);
  return true;
}

bool VM::dict_merge(Thread& t, DictObj* d, DictObj* src) {
  if (d->entries.empty()) {  // a copy: src's keys are distinct, nothing to compare (as CPython)
    for (uint32_t i = 0; i < src->entries.size(); i++) {
      auto& e = src->entries[i];
      if (e.first.empty()) continue;
      if (src->is_py_at(i)) d->insert_py(e.first, e.second, src->py->hash_of.at(i));
      else d->set(e.first, e.second);
    }
    return true;
  }
  if (!d->has_py() && !src->has_py()) {
    for (auto& e : src->entries) if (!e.first.empty()) d->set(e.first, e.second);
    return true;
  }
  struct Item { Value k, v; KeyHash kh; };
  std::vector<Item> items;  // a snapshot: __eq__ may change src meanwhile
  for (uint32_t i = 0; i < src->entries.size(); i++)
    if (!src->entries[i].first.empty()) items.push_back({src->entries[i].first, src->entries[i].second, entry_hash(*src, i)});
  for (auto& it : items)
    if (!dict_set(t, d, it.k, it.kh, it.v)) return false;
  return true;
}

}  // namespace interleave::py
