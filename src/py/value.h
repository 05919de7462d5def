// Value: the tagged, unboxed representation of every Python value in the VM.
// None, bool, int (64-bit) and float live inline; everything else is a pointer to a
// heap object (objects.h) owned by one interpreter State and reclaimed by its collector.
#pragma once
#include <cstdint>
#include <cstring>

namespace interleave::py {

struct Obj;

enum class Tag : uint8_t { Empty, None, Bool, Int, Float, Obj };

struct Value {
  Tag tag = Tag::Empty;
  union {
    bool b;
    int64_t i;
    double f;
    Obj* o;
  };
  Value() : i(0) {}
  // Factories: the only way values are made, so the tag always matches the payload.
  static Value none() { Value v; v.tag = Tag::None; return v; }
  static Value boolean(bool x) { Value v; v.tag = Tag::Bool; v.i = 0; v.b = x; return v; }
  static Value integer(int64_t x) { Value v; v.tag = Tag::Int; v.i = x; return v; }
  static Value floating(double x) { Value v; v.tag = Tag::Float; v.f = x; return v; }
  static Value object(Obj* x) { Value v; v.tag = Tag::Obj; v.o = x; return v; }

  bool empty() const { return tag == Tag::Empty; }
  bool is_none() const { return tag == Tag::None; }
  bool is_bool() const { return tag == Tag::Bool; }
  bool is_int() const { return tag == Tag::Int; }
  bool is_float() const { return tag == Tag::Float; }
  bool is_obj() const { return tag == Tag::Obj; }
  // int or bool: Python's bool is a subclass of int.
  bool is_intlike() const { return tag == Tag::Int || tag == Tag::Bool; }
  int64_t as_int() const { return tag == Tag::Bool ? (b ? 1 : 0) : i; }
};

// Identity ("is"): same tag and same payload.
inline bool identical(const Value& a, const Value& b) {
  if (a.tag != b.tag) return false;
  switch (a.tag) {
    case Tag::Empty:
    case Tag::None: return true;
    case Tag::Bool: return a.b == b.b;
    case Tag::Int: return a.i == b.i;
    case Tag::Float: return std::memcmp(&a.f, &b.f, sizeof(double)) == 0;
    case Tag::Obj: return a.o == b.o;
  }
  return false;
}

}  // namespace interleave::py
