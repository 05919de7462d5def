// Heap: owns every object of one interpreter state. Objects are linked in an intrusive
// list; collect() marks from the roots the VM supplies and frees the rest (cycles too).
// The destructor frees everything, so a run leaves nothing behind.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <new>
#include <unordered_map>
#include <vector>

#include "py/objects.h"

namespace interleave::py {

class Heap {
 public:
  Heap() = default;
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;
  ~Heap();

  // Allocates a T linked into this heap. `extra` approximates payload bytes for accounting.
  template <class T, class... A>
  T* alloc(A&&... a) {
    uint8_t sc = 0;
    void* mem = allocate(sizeof(T), &sc);
    T* o = new (mem) T(std::forward<A>(a)...);
    o->size_class = sc;
    o->gc_next = head_;
    head_ = o;
    bytes_ += sizeof(T);
    count_++;
    return o;
  }
  // Adds payload bytes (string or container growth) to the allocation estimate.
  void note_bytes(size_t n) { bytes_ += n; }

  // A new string object (not interned).
  StrObj* str(std::string s);
  // The unique string object for `s`; names and attribute keys use these.
  StrObj* intern(std::string_view s);

  // Mark-and-sweep. `mark_roots` must call mark() on every root.
  void collect(const std::function<void(Heap&)>& mark_roots);
  void mark(const Value& v) { if (v.tag == Tag::Obj && !v.o->marked) mark_obj(v.o); }
  void mark(Obj* o) { if (o && !o->marked) mark_obj(o); }

  size_t bytes() const { return bytes_; }
  size_t live_bytes_after_gc() const { return live_after_; }
  size_t object_count() const { return count_; }

 private:
  // Small objects come from per-heap free lists (16-byte size classes up to 256 bytes):
  // allocation-heavy programs spend far less time in malloc, and the heap stays per state.
  void* allocate(size_t n, uint8_t* size_class);
  void destroy(Obj* o);
  static constexpr size_t kClasses = 17;
  std::vector<void*> free_[kClasses];
  std::vector<char*> chunks_;
  char* bump_ = nullptr;
  size_t bump_left_ = 0;
  void mark_obj(Obj* o);
  void trace(Obj* o);
  Obj* head_ = nullptr;
  size_t bytes_ = 0;
  size_t live_after_ = 0;
  size_t count_ = 0;
  std::vector<Obj*> gray_;
  std::unordered_map<std::string, StrObj*> interned_;
};

// Accounting size of one object (used after a collection to recompute live bytes).
size_t object_size(const Obj* o);

}  // namespace interleave::py
