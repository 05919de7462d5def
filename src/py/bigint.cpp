// [SECTION] magnitude helpers  [SECTION] multiply  [SECTION] divide
// [SECTION] bits  [SECTION] public operations
#include "py/bigint.h"

#include <algorithm>
#include <cmath>

#include "py/vm.h"

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

// r[off...] += p; r must be long enough to hold the sum.
void add_into(Mag& r, const Mag& p, size_t off) {
  uint64_t carry = 0;
  size_t i = 0;
  for (; i < p.size(); i++) {
    uint64_t s = uint64_t(r[off + i]) + p[i] + carry;
    r[off + i] = uint32_t(s);
    carry = s >> 32;
  }
  for (size_t k = off + i; carry && k < r.size(); k++) {
    uint64_t s = uint64_t(r[k]) + carry;
    r[k] = uint32_t(s);
    carry = s >> 32;
  }
}

// [SECTION] multiply
Mag school_mul(const Mag& a, const Mag& b, WorkMeter* wm) {
  Mag r(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); i++) {
    if (wm && wm->tick(b.size())) return {};
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); j++) {
      uint64_t cur = r[i + j] + uint64_t(a[i]) * b[j] + carry;
      r[i + j] = uint32_t(cur);
      carry = cur >> 32;
    }
    r[i + b.size()] = uint32_t(carry);
  }
  trim(r);
  return r;
}

constexpr size_t kKaratsubaCutoff = 48;  // limbs; below it the schoolbook method is faster

Mag slice(const Mag& m, size_t from, size_t to) {
  from = std::min(from, m.size());
  to = std::min(to, m.size());
  Mag r(m.begin() + long(from), m.begin() + long(to));
  trim(r);
  return r;
}

// Karatsuba: three half-size products instead of four. Garbage once `wm` stopped.
Mag mul_mag(const Mag& a, const Mag& b, WorkMeter* wm) {
  if (a.size() < b.size()) return mul_mag(b, a, wm);
  if (b.empty()) return {};
  if (b.size() < kKaratsubaCutoff) return school_mul(a, b, wm);
  if (a.size() >= 2 * b.size()) {  // unbalanced: b times each b-sized slice of a
    Mag r(a.size() + b.size(), 0);
    for (size_t off = 0; off < a.size(); off += b.size()) {
      add_into(r, mul_mag(slice(a, off, off + b.size()), b, wm), off);
      if (wm && wm->stopped()) return {};
    }
    trim(r);
    return r;
  }
  size_t h = (a.size() + 1) / 2;
  Mag a0 = slice(a, 0, h), a1 = slice(a, h, a.size()), b0 = slice(b, 0, h), b1 = slice(b, h, b.size());
  Mag z0 = mul_mag(a0, b0, wm);
  Mag z2 = mul_mag(a1, b1, wm);
  Mag z1 = mul_mag(add_mag(a0, a1), add_mag(b0, b1), wm);
  if (wm && wm->stopped()) return {};
  z1 = sub_mag(sub_mag(z1, z0), z2);
  Mag r(a.size() + b.size() + 1, 0);
  add_into(r, z0, 0);
  add_into(r, z1, h);
  add_into(r, z2, 2 * h);
  trim(r);
  return r;
}

// [SECTION] divide
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

// Knuth's algorithm D (Hacker's Delight divmnu): u = q * v + r, v.size() >= 2, u >= v.
// False when `wm` stopped it.
bool divmod_knuth(const Mag& u, const Mag& v, Mag* q, Mag* r, WorkMeter* wm) {
  size_t m = u.size(), n = v.size();
  int s = __builtin_clz(v[n - 1]);
  Mag vn(n), un(m + 1);
  for (size_t i = n - 1; i > 0; i--) vn[i] = (v[i] << s) | (s ? uint32_t(uint64_t(v[i - 1]) >> (32 - s)) : 0);
  vn[0] = v[0] << s;
  un[m] = s ? uint32_t(uint64_t(u[m - 1]) >> (32 - s)) : 0;
  for (size_t i = m - 1; i > 0; i--) un[i] = (u[i] << s) | (s ? uint32_t(uint64_t(u[i - 1]) >> (32 - s)) : 0);
  un[0] = u[0] << s;
  q->assign(m - n + 1, 0);
  const uint64_t b = uint64_t(1) << 32;
  for (size_t j = m - n + 1; j-- > 0;) {
    if (wm && wm->tick(n)) return false;
    uint64_t num = (uint64_t(un[j + n]) << 32) | un[j + n - 1];
    uint64_t qhat = num / vn[n - 1], rhat = num % vn[n - 1];
    while (qhat >= b || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
      qhat--;
      rhat += vn[n - 1];
      if (rhat >= b) break;
    }
    int64_t k = 0, t = 0;
    for (size_t i = 0; i < n; i++) {  // multiply and subtract
      uint64_t p = qhat * vn[i];
      t = int64_t(un[i + j]) - k - int64_t(p & 0xFFFFFFFFu);
      un[i + j] = uint32_t(t);
      k = int64_t(p >> 32) - (t >> 32);
    }
    t = int64_t(un[j + n]) - k;
    un[j + n] = uint32_t(t);
    (*q)[j] = uint32_t(qhat);
    if (t < 0) {  // qhat was one too large: add v back
      (*q)[j]--;
      uint64_t c = 0;
      for (size_t i = 0; i < n; i++) {
        uint64_t sum = uint64_t(un[i + j]) + vn[i] + c;
        un[i + j] = uint32_t(sum);
        c = sum >> 32;
      }
      un[j + n] = uint32_t(un[j + n] + c);
    }
  }
  r->assign(n, 0);
  for (size_t i = 0; i < n; i++) (*r)[i] = (un[i] >> s) | (s ? uint32_t(uint64_t(un[i + 1]) << (32 - s)) : 0);
  trim(*q);
  trim(*r);
  return true;
}

// Truncating division of magnitudes; b non-empty. False when `wm` stopped it.
bool divmod_mag(const Mag& a, const Mag& b, Mag* q, Mag* r, WorkMeter* wm) {
  if (cmp_mag(a, b) < 0) { q->clear(); *r = a; return true; }
  if (b.size() == 1) {
    *q = a;
    uint32_t rem = divmod_small(*q, b[0]);
    *r = mag_of(rem);
    return true;
  }
  return divmod_knuth(a, b, q, r, wm);
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

// [SECTION] bits
Mag shl_mag(const Mag& m, uint64_t n) {
  if (m.empty()) return {};
  size_t limbs = size_t(n / 32);
  int bits = int(n % 32);
  Mag r(m.size() + limbs + 1, 0);
  for (size_t i = 0; i < m.size(); i++) {
    r[i + limbs] |= m[i] << bits;
    if (bits) r[i + limbs + 1] = uint32_t(uint64_t(m[i]) >> (32 - bits));
  }
  trim(r);
  return r;
}

// |m| >> n; `lost` tells whether any 1 bit was shifted out.
Mag shr_mag(const Mag& m, uint64_t n, bool* lost) {
  size_t limbs = size_t(std::min<uint64_t>(n / 32, m.size()));
  int bits = int(n % 32);
  *lost = false;
  for (size_t i = 0; i < limbs; i++) if (m[i]) *lost = true;
  if (limbs == m.size()) return {};
  if (bits && (m[limbs] & ((uint32_t(1) << bits) - 1))) *lost = true;
  Mag r(m.size() - limbs, 0);
  for (size_t i = 0; i < r.size(); i++) {
    uint64_t lo = m[i + limbs] >> bits;
    uint64_t hi = (bits && i + limbs + 1 < m.size()) ? uint64_t(m[i + limbs + 1]) << (32 - bits) : 0;
    r[i] = uint32_t(lo | hi);
  }
  trim(r);
  return r;
}

// Two's complement limbs (n limbs, sign extended) of a signed value.
Mag twos(const Signed& s, size_t n) {
  Mag r(n, 0);
  std::copy(s.mag.begin(), s.mag.end(), r.begin());
  if (!s.neg) return r;
  uint64_t carry = 1;
  for (auto& limb : r) {
    uint64_t x = uint64_t(uint32_t(~limb)) + carry;
    limb = uint32_t(x);
    carry = x >> 32;
  }
  return r;
}

uint64_t bit_length_mag(const Mag& m) {
  if (m.empty()) return 0;
  return uint64_t(m.size() - 1) * 32 + uint64_t(32 - __builtin_clz(m.back()));
}

// Whether |m| has no 1 bits below its top 53 (a double holds it exactly if in range).
bool fits_53_bits(const Mag& m) {
  uint64_t bits = bit_length_mag(m);
  for (uint64_t i = 0; i + 53 < bits; i++)
    if ((m[i / 32] >> (i % 32)) & 1) return false;
  return true;
}

// The top 64 bits with any lower 1 bit folded into the last one: converting that to
// double rounds exactly as the whole value would (64 > 53 + 2 guard bits).
double mag_to_double(const Mag& m) {
  uint64_t bits = bit_length_mag(m);
  if (bits > 1024) return HUGE_VAL;
  bool lost = false;
  uint64_t shift = bits > 64 ? bits - 64 : 0;
  Mag top = shr_mag(m, shift, &lost);
  uint64_t u = (top.empty() ? 0 : top[0]) | (top.size() > 1 ? uint64_t(top[1]) << 32 : 0);
  return std::ldexp(double(u | (lost ? 1 : 0)), int(shift));
}

// Decimal digits of |m| (quadratic: callers bound the size).
std::string decimal_of(Mag m) {
  std::string out;
  std::vector<uint32_t> chunks;  // base 10^9, least significant first
  while (!m.empty()) chunks.push_back(divmod_small(m, 1000000000u));
  char buf[16];
  for (size_t i = chunks.size(); i-- > 0;) {
    std::snprintf(buf, sizeof buf, i + 1 == chunks.size() ? "%u" : "%09u", chunks[i]);
    out += buf;
  }
  return out.empty() ? "0" : out;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

}  // namespace

// [SECTION] public operations
bool is_bigint(const Value& v) { return is_type(v, ObjType::BigInt); }

Value bigint_from_decimal(Heap& h, const std::string& digits) {
  std::string only;
  for (char c : digits) if (c >= '0' && c <= '9') only += c;
  return int_from_digits(h, only, 10, false);
}

Value int_from_digits(Heap& h, std::string_view digits, int base, bool neg) {
  Mag m;
  if ((base & (base - 1)) == 0) {  // power of two: pack bits from the least significant digit
    int w = __builtin_ctz(unsigned(base));
    uint64_t pos = 0;
    m.assign((digits.size() * size_t(w)) / 32 + 1, 0);
    for (size_t i = digits.size(); i-- > 0; pos += uint64_t(w)) {
      uint64_t d = uint64_t(digit_value(digits[i]));
      m[pos / 32] |= uint32_t(d << (pos % 32));
      if (pos % 32 + uint64_t(w) > 32) m[pos / 32 + 1] |= uint32_t(d >> (32 - pos % 32));
    }
  } else {
    for (char c : digits) {  // m = m * base + digit
      uint64_t carry = uint64_t(digit_value(c));
      for (auto& limb : m) {
        uint64_t cur = uint64_t(limb) * uint64_t(base) + carry;
        limb = uint32_t(cur);
        carry = cur >> 32;
      }
      if (carry) m.push_back(uint32_t(carry));
    }
  }
  return make(h, neg, std::move(m));
}

Value int_add(Heap& h, const Value& a, const Value& b) { return add_signed(h, to_signed(a), to_signed(b)); }
Value int_sub(Heap& h, const Value& a, const Value& b) {
  Signed sb = to_signed(b);
  sb.neg = !sb.neg;
  return add_signed(h, to_signed(a), sb);
}
Value int_mul(Heap& h, const Value& a, const Value& b, WorkMeter* wm) {
  Signed sa = to_signed(a), sb = to_signed(b);
  Mag m = mul_mag(sa.mag, sb.mag, wm);
  if (wm && wm->stopped()) return Value();
  return make(h, sa.neg != sb.neg, std::move(m));
}
Value int_neg(Heap& h, const Value& a) {
  Signed s = to_signed(a);
  return make(h, !s.neg, s.mag);
}

bool int_divmod(Heap& h, const Value& a, const Value& b, Value* q, Value* r, WorkMeter* wm) {
  Signed sa = to_signed(a), sb = to_signed(b);
  Mag qm, rm;
  if (!divmod_mag(sa.mag, sb.mag, &qm, &rm, wm)) return false;
  // truncated -> floored: a non-zero remainder of the other sign moves q down by one
  bool adjust = !rm.empty() && sa.neg != sb.neg;
  if (adjust) {
    qm = add_mag(qm, {1});
    rm = sub_mag(sb.mag, rm);
  }
  *q = make(h, sa.neg != sb.neg, std::move(qm));
  *r = make(h, sb.neg, std::move(rm));
  return true;
}

Value int_pow(Heap& h, const Value& a, uint64_t e, WorkMeter* wm) {
  Signed sa = to_signed(a);
  bool neg = sa.neg && (e & 1);
  if (sa.mag.size() == 1 && (sa.mag[0] & (sa.mag[0] - 1)) == 0) {  // a power of two: a shift
    uint64_t k = uint64_t(__builtin_ctz(sa.mag[0]));
    if (k == 0 || e <= UINT64_MAX / k) return make(h, neg, shl_mag({1}, k * e));
  }
  Mag result{1}, base = sa.mag;
  while (e > 0) {
    if (e & 1) result = mul_mag(result, base, wm);
    e >>= 1;
    if (e) base = mul_mag(base, base, wm);
    if (wm && wm->stopped()) return Value();
  }
  return make(h, neg, std::move(result));
}

PowMod int_pow_mod(Heap& h, const Value& a, const Value& e, const Value& m, Value* out, WorkMeter* wm) {
  Signed sm = to_signed(m), se = to_signed(e);
  Value base, rem;
  Value absm = make(h, false, sm.mag);
  if (!int_divmod(h, a, absm, &rem, &base, wm)) return PowMod::Stopped;  // base = a mod |m|
  if (se.neg) {  // the inverse of a modulo |m| by the extended Euclidean algorithm
    Value r0 = absm, r1 = base, t0 = Value::integer(0), t1 = Value::integer(1);
    while (!int_is_zero(r1)) {
      Value q, r2;
      if (!int_divmod(h, r0, r1, &q, &r2, wm)) return PowMod::Stopped;
      Value prod = int_mul(h, q, t1, wm);
      if (prod.empty()) return PowMod::Stopped;
      Value t2 = int_sub(h, t0, prod);
      r0 = r1; r1 = r2; t0 = t1; t1 = t2;
    }
    if (int_cmp(r0, Value::integer(1)) != 0) return PowMod::NotInvertible;
    if (!int_divmod(h, t0, absm, &rem, &base, wm)) return PowMod::Stopped;
  }
  Mag mod = sm.mag, result{1}, b = to_signed(base).mag, q, r;
  if (mod.size() == 1 && mod[0] == 1) result.clear();
  for (size_t i = 0; i < se.mag.size(); i++) {
    for (int bit = 0; bit < 32; bit++) {
      if (i + 1 == se.mag.size() && (se.mag[i] >> bit) == 0) break;
      if ((se.mag[i] >> bit) & 1) {
        if (!divmod_mag(mul_mag(result, b, wm), mod, &q, &result, wm)) return PowMod::Stopped;
      }
      if (!divmod_mag(mul_mag(b, b, wm), mod, &q, &b, wm)) return PowMod::Stopped;
      if (wm && wm->stopped()) return PowMod::Stopped;
    }
  }
  // result is in [0, |m|); a negative modulus wants it in (m, 0]
  if (sm.neg && !result.empty()) result = sub_mag(mod, result);
  *out = make(h, sm.neg, std::move(result));
  return PowMod::Ok;
}

Value int_lshift(Heap& h, const Value& a, uint64_t n) {
  Signed s = to_signed(a);
  return make(h, s.neg, shl_mag(s.mag, n));
}

Value int_rshift(Heap& h, const Value& a, uint64_t n) {
  Signed s = to_signed(a);
  bool lost = false;
  Mag r = shr_mag(s.mag, n, &lost);
  if (s.neg && lost) r = add_mag(r, {1});  // floor toward -infinity
  return make(h, s.neg, std::move(r));
}

Value int_bitop(Heap& h, char op, const Value& a, const Value& b) {
  Signed sa = to_signed(a), sb = to_signed(b);
  size_t n = std::max(sa.mag.size(), sb.mag.size()) + 1;
  Mag x = twos(sa, n), y = twos(sb, n);
  for (size_t i = 0; i < n; i++) x[i] = op == '&' ? (x[i] & y[i]) : op == '|' ? (x[i] | y[i]) : (x[i] ^ y[i]);
  bool neg = x[n - 1] >> 31;
  if (neg) x = twos(Signed{true, x}, n);  // negate back to a magnitude
  return make(h, neg, std::move(x));
}

Value int_invert(Heap& h, const Value& a) { return int_neg(h, int_add(h, a, Value::integer(1))); }

uint64_t int_bit_length(const Value& a) { return bit_length_mag(to_signed(a).mag); }

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

bool int_to_decimal(const Value& v, std::string* out) {
  if (!is_bigint(v)) { *out = std::to_string(v.as_int()); return true; }
  auto* b = as<BigIntObj>(v);
  // 10^4300 < 2^14285: more bits certainly means more digits (no quadratic work first)
  if (bit_length_mag(b->mag) > 14286) return false;
  std::string digits = decimal_of(b->mag);
  if (digits.size() > kMaxStrDigits) return false;
  *out = b->neg ? "-" + digits : digits;
  return true;
}

std::string int_str(const Value& v) {
  if (!is_bigint(v)) return std::to_string(v.as_int());
  auto* b = as<BigIntObj>(v);
  return (b->neg ? "-" : "") + decimal_of(b->mag);
}

std::string int_str_limit_message() {
  return "Exceeds the limit (" + std::to_string(kMaxStrDigits) +
         " digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";
}

std::string int_parse_limit_message(size_t digits) {
  return "Exceeds the limit (" + std::to_string(kMaxStrDigits) + " digits) for integer string conversion: value has " +
         std::to_string(digits) + " digits; use sys.set_int_max_str_digits() to increase the limit";
}

double int_to_double(const Value& v) {
  if (!is_bigint(v)) return double(v.as_int());
  auto* b = as<BigIntObj>(v);
  double d = mag_to_double(b->mag);
  return b->neg ? -d : d;
}

Value int_from_double(Heap& h, double d) {
  if (std::fabs(d) < 9.2e18) return Value::integer(int64_t(d));
  int e;
  double m = std::frexp(std::fabs(d), &e);              // |d| = m * 2^e, 0.5 <= m < 1
  auto top = uint64_t(std::ldexp(m, 53));               // the 53 significant bits, exact
  return make(h, d < 0, shl_mag(mag_of(top), uint64_t(e - 53)));  // e > 63 here
}

double int_frexp(const Value& v, int64_t* e) {
  const Mag m = to_signed(v).mag;
  uint64_t bits = bit_length_mag(m);
  *e = int64_t(bits);
  bool lost = false;
  uint64_t shift = bits > 64 ? bits - 64 : 0;
  Mag top = shr_mag(m, shift, &lost);
  uint64_t u = (top.empty() ? 0 : top[0]) | (top.size() > 1 ? uint64_t(top[1]) << 32 : 0);
  // the sticky bit makes the one rounding to 53 bits exact; 2**-bits keeps x below 1
  return std::ldexp(double(u | (lost ? 1 : 0)), int(int64_t(shift) - int64_t(bits)));
}

std::string int_to_radix(const Value& v, int base) {
  Mag m = to_signed(v).mag;
  int w = base == 2 ? 1 : base == 8 ? 3 : 4;
  uint64_t bits = bit_length_mag(m);
  if (bits == 0) return "0";
  std::string out;
  for (uint64_t pos = (bits + uint64_t(w) - 1) / uint64_t(w) * uint64_t(w); pos > 0;) {
    pos -= uint64_t(w);
    uint32_t d = m[pos / 32] >> (pos % 32);
    if (pos % 32 + uint64_t(w) > 32 && pos / 32 + 1 < m.size()) d |= m[pos / 32 + 1] << (32 - pos % 32);
    out += "0123456789abcdef"[d & uint32_t(base - 1)];
  }
  return out;
}

bool int_truediv(const Value& a, const Value& b, double* out) {
  Signed sa = to_signed(a), sb = to_signed(b);
  bool neg = sa.neg != sb.neg;
  uint64_t na = bit_length_mag(sa.mag), nb = bit_length_mag(sb.mag);
  if (na <= 53 && nb <= 53) {  // both exact as doubles: one correctly rounded division
    *out = int_to_double(a) / int_to_double(b);
    return true;
  }
  // Scale so the integer quotient has at least 55 bits, then let the conversion of
  // (quotient | sticky) round it (as int_to_double does), and scale back.
  int64_t shift = int64_t(nb) - int64_t(na) + 55;
  Mag num = shift > 0 ? shl_mag(sa.mag, uint64_t(shift)) : sa.mag, den = shift < 0 ? shl_mag(sb.mag, uint64_t(-shift)) : sb.mag;
  Mag q, r;
  divmod_mag(num, den, &q, &r, nullptr);
  if (!r.empty()) q[0] |= 1;  // sticky: below the rounding bits of the 55+ bit quotient
  double d = std::ldexp(mag_to_double(q), int(-shift));
  if (std::isinf(d)) return false;
  *out = neg ? -d : d;
  return true;
}

bool int_is_negative(const Value& v) { return is_bigint(v) ? as<BigIntObj>(v)->neg : v.as_int() < 0; }
bool int_is_zero(const Value& v) { return !is_bigint(v) && v.as_int() == 0; }

int64_t number_hash(const Value& v) {
  constexpr uint64_t P = (uint64_t(1) << 61) - 1;
  uint64_t x = 0;
  int sign = 1;
  if (v.is_float()) {  // CPython's _Py_HashDouble
    if (std::isnan(v.f)) return 0;
    if (std::isinf(v.f)) return v.f > 0 ? 314159 : -314159;
    int e;
    double m = std::frexp(v.f, &e);
    if (m < 0) { sign = -1; m = -m; }
    while (m) {
      x = ((x << 28) & P) | x >> (61 - 28);
      m *= 268435456.0;
      e -= 28;
      uint64_t y = uint64_t(m);
      m -= double(y);
      x += y;
      if (x >= P) x -= P;
    }
    e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
    x = ((x << e) & P) | x >> (61 - e);
  } else {
    Signed s = to_signed(v);
    sign = s.neg ? -1 : 1;
    for (size_t i = s.mag.size(); i-- > 0;) x = uint64_t(((unsigned __int128)x << 32 | s.mag[i]) % P);
  }
  int64_t h = sign * int64_t(x);
  return h == -1 ? -2 : h;
}

size_t int_hash(const Value& v) {
  if (!is_bigint(v)) return std::hash<int64_t>()(v.as_int());
  // equal to a float (2**64 == 2.0**64): the float's hash, so dicts and sets find either
  double d = int_to_double(v);
  if (std::isfinite(d) && fits_53_bits(as<BigIntObj>(v)->mag)) return std::hash<double>()(d);
  size_t hsh = as<BigIntObj>(v)->neg ? 7 : 3;
  for (uint32_t limb : as<BigIntObj>(v)->mag) hsh = hsh * 1000003 ^ limb;
  return hsh;
}

}  // namespace interleave::py
