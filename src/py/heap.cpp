// [SECTION] objects  [SECTION] dict  [SECTION] heap & collector
#include "py/heap.h"

#include <cmath>
#include <functional>

#include "py/bigint.h"
#include "py/vm.h"

namespace interleave::py {

// [SECTION] objects
StrObj::StrObj(std::string v) : Obj(ObjType::Str), s(std::move(v)) {
  int64_t n = 0;
  for (unsigned char c : s) {
    if (c >= 0x80) ascii = false;
    if ((c & 0xC0) != 0x80) n++;
  }
  cp_len = n;
}

int64_t RangeObj::length() const {
  if (step > 0 && start < stop) return (stop - start + step - 1) / step;
  if (step < 0 && start > stop) return (start - stop - step - 1) / (-step);
  return 0;
}

GeneratorObj::~GeneratorObj() { delete frame; }

// [SECTION] dict
// The hash tuples combine from their items: what ValueHash was before keys got their Python
// hash, kept so hash() of tuples (and of str, which is half of it) stays the same.
size_t raw_hash(const Value& v) {
  switch (v.tag) {
    case Tag::Empty: case Tag::None: return 0x9e3779b9;
    case Tag::Bool: case Tag::Int: return std::hash<int64_t>()(v.as_int());
    case Tag::Float: {
      double f = v.f;
      if (std::isfinite(f) && f == std::floor(f) && f >= -9223372036854775808.0 && f < 9223372036854775808.0)
        return std::hash<int64_t>()(int64_t(f));  // the int64 range exactly: -2**63 is an int64
      return std::hash<double>()(f);
    }
    case Tag::Obj: break;
  }
  switch (v.o->type) {
    case ObjType::Str: {
      auto* s = as<StrObj>(v);
      if (!s->hashed) { s->hash_cache = std::hash<std::string>()(s->s); s->hashed = true; }
      return s->hash_cache;
    }
    case ObjType::BigInt: return int_hash(v);
    case ObjType::Bytes: {  // only bytes reach here: VM::hash refuses a bytearray
      auto* b = as<BytesObj>(v);
      if (!b->hashed) { b->hash_cache = std::hash<std::string>()(b->b); b->hashed = true; }
      return b->hash_cache;
    }
    case ObjType::Tuple: {
      size_t h = 0x345678;
      for (auto& e : as<TupleObj>(v)->items) h = (h ^ raw_hash(e)) * 1000003;
      return h;
    }
    case ObjType::Set: return size_t(native_hash(v));  // a frozenset (VM::hash refuses a set)
    default: return std::hash<const void*>()(v.o);  // identity
  }
}

// CPython's frozenset hash over its items' hashes: independent of their order.
int64_t frozenset_hash(const std::vector<int64_t>& item_hashes) {
  uint64_t h = 0;
  for (int64_t ih : item_hashes) {
    uint64_t x = uint64_t(ih);
    h ^= ((x ^ 89869747ULL) ^ (x << 16)) * 3644798167ULL;
  }
  h ^= (uint64_t(item_hashes.size()) + 1) * 1927868237ULL;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069U + 907133923ULL;
  return int64_t(h) == -1 ? 590923713 : int64_t(h);
}

int64_t native_hash(const Value& v) {
  constexpr int64_t P = (int64_t(1) << 61) - 1;
  if (v.is_intlike()) {  // fast path of number_hash: small ints hash to themselves
    int64_t i = v.as_int();
    if (i > -P && i < P) return i == -1 ? -2 : i;
  }
  if (v.is_intlike() || (v.is_float() && !std::isnan(v.f)) || is_bigint(v)) return number_hash(v);
  if (is_type(v, ObjType::Set)) {
    auto& d = as<SetObj>(v)->d;
    std::vector<int64_t> hs;
    for (uint32_t i = 0; i < d.entries.size(); i++) {
      if (d.entries[i].first.empty()) continue;
      hs.push_back(d.is_py_at(i) ? d.py->hash_of.at(i) : native_hash(d.entries[i].first));
    }
    return frozenset_hash(hs);
  }
  return int64_t(raw_hash(v) >> 1);
}

size_t ValueHash::operator()(const Value& v) const {
  if (v.tag == Tag::Obj && v.o->type == ObjType::Str) {  // names and attributes: the hot case
    auto* s = as<StrObj>(v);
    if (!s->hashed) { s->hash_cache = std::hash<std::string>()(s->s); s->hashed = true; }
    return size_t(s->hash_cache >> 1);
  }
  if (v.empty()) return size_t(v.i);  // a probe for a given hash (VM::dict_index)
  return size_t(native_hash(v));
}

static bool is_num(const Value& v) { return v.is_intlike() || v.is_float() || is_bigint(v); }

bool ValueKeyEq::operator()(const Value& a, const Value& b) const {
  if (a.tag == Tag::Obj && b.tag == Tag::Obj) {
    if (a.o == b.o) return true;
    if (a.o->type != b.o->type) return false;
    switch (a.o->type) {
      case ObjType::Str: return as<StrObj>(a)->s == as<StrObj>(b)->s;
      case ObjType::Bytes: return as<BytesObj>(a)->b == as<BytesObj>(b)->b;
      case ObjType::BigInt: return int_cmp(a, b) == 0;
      case ObjType::Tuple: {
        auto& x = as<TupleObj>(a)->items;
        auto& y = as<TupleObj>(b)->items;
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); i++) if (!(*this)(x[i], y[i])) return false;
        return true;
      }
      case ObjType::Set: {  // frozensets of native keys: the same items
        auto* x = &as<SetObj>(a)->d;
        auto* y = &as<SetObj>(b)->d;
        if (x->size() != y->size()) return false;
        for (auto& e : x->entries) if (!e.first.empty() && !y->find(e.first)) return false;
        return true;
      }
      default: return false;
    }
  }
  if (is_num(a) && is_num(b)) {
    if (a.is_float() || b.is_float()) {
      double x = a.is_float() ? a.f : int_to_double(a);
      double y = b.is_float() ? b.f : int_to_double(b);
      return x == y;
    }
    return int_cmp(a, b) == 0;
  }
  return identical(a, b);
}

Value* DictObj::find(const Value& key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &entries[it->second].second;
}

void DictObj::set(const Value& key, const Value& val) {
  auto it = index.find(key);
  if (it != index.end()) { entries[it->second].second = val; return; }
  index.emplace(key, uint32_t(entries.size()));
  entries.emplace_back(key, val);
  live++;
  version++;
}

void DictObj::insert_py(const Value& key, const Value& val, int64_t hash) {
  if (!py) py = std::make_unique<PyKeys>();
  auto i = uint32_t(entries.size());
  py->by_hash.emplace(hash, i);
  py->hash_of.emplace(i, hash);
  entries.emplace_back(key, val);
  live++;
  version++;
}

bool DictObj::erase(const Value& key, Value* out) {
  auto it = index.find(key);
  if (it == index.end()) return false;
  uint32_t i = it->second;
  index.erase(it);
  drop(i, out);
  return true;
}

void DictObj::erase_at(uint32_t i, Value* out) {
  if (is_py_at(i)) {
    auto ph = py->hash_of.find(i);
    auto range = py->by_hash.equal_range(ph->second);
    for (auto it = range.first; it != range.second; ++it)
      if (it->second == i) { py->by_hash.erase(it); break; }
    py->hash_of.erase(ph);
  } else {
    index.erase(entries[i].first);
  }
  drop(i, out);
}

void DictObj::drop(uint32_t i, Value* out) {
  auto& e = entries[i];
  if (out) *out = e.second;
  e.first = Value();
  e.second = Value();
  live--;
  version++;
  if (entries.size() > 32 && live < entries.size() / 2) compact();
}

void DictObj::take(DictObj& o) {
  entries.swap(o.entries);
  index.swap(o.index);
  py.swap(o.py);
  std::swap(live, o.live);
  o.clear();
  version++;
}

void DictObj::compact() {
  std::vector<std::pair<Value, Value>> kept;
  kept.reserve(live);
  std::unique_ptr<PyKeys> old_py = std::move(py);
  for (uint32_t i = 0; i < entries.size(); i++) {
    if (entries[i].first.empty()) continue;
    if (old_py && old_py->hash_of.count(i)) {
      auto ph = old_py->hash_of.find(i);
      if (!py) py = std::make_unique<PyKeys>();
      py->by_hash.emplace(ph->second, uint32_t(kept.size()));
      py->hash_of.emplace(uint32_t(kept.size()), ph->second);
    }
    kept.push_back(entries[i]);
  }
  entries.swap(kept);
  index.clear();
  for (uint32_t i = 0; i < entries.size(); i++)
    if (!is_py_at(i)) index.emplace(entries[i].first, i);
  version++;
}

// [SECTION] heap & collector
Heap::~Heap() {
  Obj* o = head_;
  while (o) {
    Obj* next = o->gc_next;
    destroy(o);
    o = next;
  }
  for (char* c : chunks_) ::operator delete(c);
}

void* Heap::allocate(size_t n, uint8_t* size_class) {
  size_t sc = (n + 15) / 16;
  if (sc >= kClasses) {
    *size_class = 0;
    return ::operator new(n);
  }
  *size_class = uint8_t(sc);
  auto& fl = free_[sc];
  if (!fl.empty()) {
    void* p = fl.back();
    fl.pop_back();
    return p;
  }
  size_t bytes = sc * 16;
  if (bump_left_ < bytes) {
    const size_t chunk = 256 * 1024;
    bump_ = static_cast<char*>(::operator new(chunk));
    chunks_.push_back(bump_);
    bump_left_ = chunk;
  }
  void* p = bump_;
  bump_ += bytes;
  bump_left_ -= bytes;
  return p;
}

void Heap::destroy(Obj* o) {
  uint8_t sc = o->size_class;
  o->~Obj();
  if (sc == 0) ::operator delete(o);
  else free_[sc].push_back(o);
}

StrObj* Heap::str(std::string s) {
  bytes_ += s.size();
  return alloc<StrObj>(std::move(s));
}

StrObj* Heap::intern(std::string_view s) {
  auto it = interned_.find(std::string(s));
  if (it != interned_.end()) return it->second;
  StrObj* o = str(std::string(s));
  interned_.emplace(std::string(s), o);
  return o;
}

size_t object_size(const Obj* o) {
  switch (o->type) {
    case ObjType::Str: return sizeof(StrObj) + static_cast<const StrObj*>(o)->s.capacity();
    case ObjType::Bytes: return sizeof(BytesObj) + static_cast<const BytesObj*>(o)->b.capacity();
    case ObjType::List: return sizeof(ListObj) + static_cast<const ListObj*>(o)->items.capacity() * sizeof(Value);
    case ObjType::Tuple: return sizeof(TupleObj) + static_cast<const TupleObj*>(o)->items.capacity() * sizeof(Value);
    case ObjType::Dict: return sizeof(DictObj) + static_cast<const DictObj*>(o)->entries.capacity() * 48;
    case ObjType::Set: return sizeof(SetObj) + static_cast<const SetObj*>(o)->d.entries.capacity() * 48;
    default: return 64;
  }
}

void Heap::mark_obj(Obj* o) {
  o->marked = true;
  gray_.push_back(o);
}

static void trace_dict(Heap& h, DictObj* d) {
  for (auto& e : d->entries) { h.mark(e.first); h.mark(e.second); }
}

void Heap::trace(Obj* o) {
  switch (o->type) {
    case ObjType::Str: case ObjType::BigInt: case ObjType::Range: case ObjType::File: case ObjType::Bytes: break;
    case ObjType::List: for (auto& v : static_cast<ListObj*>(o)->items) mark(v); break;
    case ObjType::Tuple: for (auto& v : static_cast<TupleObj*>(o)->items) mark(v); break;
    case ObjType::Dict: trace_dict(*this, static_cast<DictObj*>(o)); break;
    case ObjType::Set: trace_dict(*this, &static_cast<SetObj*>(o)->d); break;
    case ObjType::Function: {
      auto* f = static_cast<FunctionObj*>(o);
      mark(f->code); mark(f->globals); mark(f->kwdefaults); mark(f->class_cell); mark(f->attrs);
      for (auto& v : f->defaults) mark(v);
      for (auto* c : f->closure) mark(c);
      break;
    }
    case ObjType::Code: {
      auto* c = static_cast<CodeObj*>(o);
      for (auto& v : c->consts) mark(v);
      for (auto& v : c->names) mark(v);
      mark(c->doc);
      break;
    }
    case ObjType::Class: {
      auto* c = static_cast<ClassObj*>(o);
      mark(c->base); mark(c->bases); mark(c->dict); mark(c->meta); mark(c->abstract_names);
      break;
    }
    case ObjType::Instance: {
      auto* i = static_cast<InstanceObj*>(o);
      mark(i->cls); mark(i->dict); mark(i->args);
      break;
    }
    case ObjType::BoundMethod: mark(static_cast<BoundMethodObj*>(o)->self); mark(static_cast<BoundMethodObj*>(o)->func); break;
    case ObjType::Native: mark(static_cast<NativeObj*>(o)->self); mark(static_cast<NativeObj*>(o)->data); break;
    case ObjType::Generator: if (static_cast<GeneratorObj*>(o)->frame) trace_frame(*this, static_cast<GeneratorObj*>(o)->frame); break;
    case ObjType::Iterator: {
      auto* it = static_cast<IteratorObj*>(o);
      mark(it->src);
      for (auto& v : it->extra) mark(v);
      break;
    }
    case ObjType::Cell: mark(static_cast<CellObj*>(o)->v); break;
    case ObjType::Module: mark(static_cast<ModuleObj*>(o)->dict); break;
    case ObjType::Slice: {
      auto* s = static_cast<SliceObj*>(o);
      mark(s->start); mark(s->stop); mark(s->step);
      break;
    }
  }
}

void Heap::collect(const std::function<void(Heap&)>& mark_roots) {
  for (auto& kv : interned_) mark(kv.second);
  mark_roots(*this);
  while (!gray_.empty()) {
    Obj* o = gray_.back();
    gray_.pop_back();
    trace(o);
  }
  size_t live = 0;
  size_t n = 0;
  Obj** link = &head_;
  while (*link) {
    Obj* o = *link;
    if (!o->marked) {
      *link = o->gc_next;
      destroy(o);
    } else {
      o->marked = false;
      live += object_size(o);
      n++;
      link = &o->gc_next;
    }
  }
  bytes_ = live;
  live_after_ = live;
  count_ = n;
}

}  // namespace interleave::py
