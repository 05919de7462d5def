// [SECTION] magnitude helpers  [SECTION] public operations
#include "py/bigint.h"

#include <algorithm>
#include <cmath>

namespace interleave::py {
namespace {

using Mag = std::vector<uint32_t>;

// [SECTION] magnitude helpers
void trim(Mag& m) { while (!m.empty() && m.back() == 0) m.pop_back(); }

Mag mag_of(uint64_t x) {
  Mag m;
  while (x) { m.push_back(uint32_t(x)); x >>= 32; }
  return m;
}

struct Signed { bool neg; Mag mag; };

Signed to_signed(const Value& v) {
  if (is_type(v, ObjType::BigInt)) {
    auto* b = as<BigIntObj>(v);
    return {b->neg, b->mag};
  }
  int64_t x = v.as_int();
  uint64_t u = x < 0 ? uint64_t(0) - uint64_t(x) : uint64_t(x);
  return {x < 0, mag_of(u)};
}

int cmp_mag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;) if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Mag add_mag(const Mag& a, const Mag& b) {
  Mag r(std::max(a.size(), b.size()) + 1, 0);
  uint64_t carry = 0;
  for (size_t i = 0; i < r.size(); i++) {
    uint64_t s = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
    r[i] = uint32_t(s);
    carry = s >> 32;
  }
  trim(r);
  return r;
}

Mag sub_mag(const Mag& a, const Mag& b) {  // requires a >= b
  Mag r(a.size(), 0);
  int64_t borrow = 0;
  for (size_t i = 0; i < a.size(); i++) {
    int64_t d = int64_t(a[i]) - borrow - (i < b.size() ? int64_t(b[i]) : 0);
    borrow = d < 0;
    if (d < 0) d += int64_t(1) << 32;
    r[i] = uint32_t(d);
  }
  trim(r);
  return r;
}

Mag mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); i++) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); j++) {
      uint64_t cur = r[i + j] + uint64_t(a[i]) * b[j] + carry;
      r[i + j] = uint32_t(cur);
      carry = cur >> 32;
    }
    size_t k = i + b.size();
    while (carry) {
      uint64_t cur = r[k] + carry;
      r[k++] = uint32_t(cur);
      carry = cur >> 32;
    }
  }
  trim(r);
  return r;
}

// Divides in place by a small divisor, returning the remainder.
uint32_t divmod_small(Mag& m, uint32_t d) {
  uint64_t rem = 0;
  for (size_t i = m.size(); i-- > 0;) {
    uint64_t cur = (rem << 32) | m[i];
    m[i] = uint32_t(cur / d);
    rem = cur % d;
  }
  trim(m);
  return uint32_t(rem);
}

Value make(Heap& h, bool neg, Mag mag) {
  trim(mag);
  if (mag.size() <= 2) {
    uint64_t u = mag.empty() ? 0 : mag[0];
    if (mag.size() == 2) u |= uint64_t(mag[1]) << 32;
    if (!neg && u <= uint64_t(INT64_MAX)) return Value::integer(int64_t(u));
    if (neg && u <= uint64_t(INT64_MAX) + 1) return Value::integer(int64_t(0 - u));
  }
  auto* b = h.alloc<BigIntObj>();
  b->neg = neg && !mag.empty();
  b->mag = std::move(mag);
  h.note_bytes(b->mag.size() * 4);
  return Value::object(b);
}

Value add_signed(Heap& h, const Signed& a, const Signed& b) {
  if (a.neg == b.neg) return make(h, a.neg, add_mag(a.mag, b.mag));
  int c = cmp_mag(a.mag, b.mag);
  if (c == 0) return Value::integer(0);
  if (c > 0) return make(h, a.neg, sub_mag(a.mag, b.mag));
  return make(h, b.neg, sub_mag(b.mag, a.mag));
}

}  // namespace

// [SECTION] public operations
bool is_bigint(const Value& v) { return is_type(v, ObjType::BigInt); }

Value bigint_from_decimal(Heap& h, const std::string& digits) {
  Mag m;
  for (char c : digits) {
    if (c < '0' || c > '9') continue;
    // m = m * 10 + digit
    uint64_t carry = uint64_t(c - '0');
    for (auto& limb : m) {
      uint64_t cur = uint64_t(limb) * 10 + carry;
      limb = uint32_t(cur);
      carry = cur >> 32;
    }
    if (carry) m.push_back(uint32_t(carry));
  }
  return make(h, false, m);
}

Value int_add(Heap& h, const Value& a, const Value& b) { return add_signed(h, to_signed(a), to_signed(b)); }
Value int_sub(Heap& h, const Value& a, const Value& b) {
  Signed sb = to_signed(b);
  sb.neg = !sb.neg;
  return add_signed(h, to_signed(a), sb);
}
Value int_mul(Heap& h, const Value& a, const Value& b) {
  Signed sa = to_signed(a), sb = to_signed(b);
  return make(h, sa.neg != sb.neg, mul_mag(sa.mag, sb.mag));
}
Value int_neg(Heap& h, const Value& a) {
  Signed s = to_signed(a);
  return make(h, !s.neg, s.mag);
}

bool int_divmod(Heap& h, const Value& a, const Value& b, Value* q, Value* r) {
  Signed sb = to_signed(b);
  if (sb.mag.size() != 1) return false;  // only divisors that fit in 32 bits
  Signed sa = to_signed(a);
  Mag qm = sa.mag;
  uint32_t rem = divmod_small(qm, sb.mag[0]);
  // truncated -> floored
  Value qv = make(h, sa.neg != sb.neg, qm);
  int64_t rv = sa.neg ? -int64_t(rem) : int64_t(rem);
  if (rem != 0 && (sa.neg != sb.neg)) {
    qv = int_sub(h, qv, Value::integer(1));
    rv += sb.neg ? -int64_t(sb.mag[0]) : int64_t(sb.mag[0]);
  }
  *q = qv;
  *r = Value::integer(rv);
  return true;
}

int int_cmp(const Value& a, const Value& b) {
  if (!is_bigint(a) && !is_bigint(b)) {
    int64_t x = a.as_int(), y = b.as_int();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  Signed sa = to_signed(a), sb = to_signed(b);
  if (sa.neg != sb.neg) return sa.neg ? -1 : 1;
  int c = cmp_mag(sa.mag, sb.mag);
  return sa.neg ? -c : c;
}

std::string int_str(const Value& v) {
  if (!is_bigint(v)) return std::to_string(v.as_int());
  Signed s = to_signed(v);
  std::string out;
  Mag m = s.mag;
  while (!m.empty()) {
    uint32_t rem = divmod_small(m, 1000000000u);
    char buf[16];
    std::snprintf(buf, sizeof buf, m.empty() ? "%u" : "%09u", rem);
    out.insert(0, buf);
  }
  if (out.empty()) out = "0";
  return (s.neg ? "-" : "") + out;
}

double int_to_double(const Value& v) {
  if (!is_bigint(v)) return double(v.as_int());
  // exact via decimal string: strtod rounds correctly (matches CPython's int->float)
  return std::strtod(int_str(v).c_str(), nullptr);
}

bool int_is_negative(const Value& v) { return is_bigint(v) ? as<BigIntObj>(v)->neg : v.as_int() < 0; }
bool int_is_zero(const Value& v) { return !is_bigint(v) && v.as_int() == 0; }

size_t int_hash(const Value& v) {
  if (!is_bigint(v)) return std::hash<int64_t>()(v.as_int());
  size_t hsh = as<BigIntObj>(v)->neg ? 7 : 3;
  for (uint32_t limb : as<BigIntObj>(v)->mag) hsh = hsh * 1000003 ^ limb;
  return hsh;
}

}  // namespace interleave::py
