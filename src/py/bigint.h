// Arbitrary-precision integers, used only when an int result leaves 64 bits.
// Values that fit in int64 are always normalized back to Value::integer.
// Operations that can run for seconds on huge operands (multiply, divide, pow) take a
// WorkMeter (vm.h) and give up when the run is being stopped: they then return Empty
// (or false) and the caller raises VM::raise_stopped. A null meter never stops.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "py/heap.h"

namespace interleave::py {

class WorkMeter;

// CPython's default sys.get_int_max_str_digits(): converting an int to or from decimal
// text (any base that is not a power of two) with more digits raises ValueError, because
// the conversion is quadratic.
constexpr size_t kMaxStrDigits = 4300;

bool is_bigint(const Value& v);
// Decimal digits -> int value (small or big). Characters other than 0-9 are skipped.
Value bigint_from_decimal(Heap& h, const std::string& digits);
// Digit characters (0-9, a-z, A-Z; each valid in `base`, 2..36; most significant first,
// nothing else) -> int value, negated when `neg`. Powers of two take linear time.
Value int_from_digits(Heap& h, std::string_view digits, int base, bool neg);
// Arithmetic on ints (small or big, bools count as ints). Never overflows.
Value int_add(Heap& h, const Value& a, const Value& b);
Value int_sub(Heap& h, const Value& a, const Value& b);
Value int_neg(Heap& h, const Value& a);
// a * b (Karatsuba for big operands); Empty when `wm` stopped it.
Value int_mul(Heap& h, const Value& a, const Value& b, WorkMeter* wm = nullptr);
// Floor division and modulo with Python's signs; `b` must be non-zero. False (q and r
// untouched) when `wm` stopped it.
bool int_divmod(Heap& h, const Value& a, const Value& b, Value* q, Value* r, WorkMeter* wm = nullptr);
// a ** e for e >= 0; Empty when `wm` stopped it.
Value int_pow(Heap& h, const Value& a, uint64_t e, WorkMeter* wm = nullptr);
enum class PowMod { Ok, NotInvertible, Stopped };
// pow(a, e, m) with CPython's rules: m != 0; the result has m's sign (0 <= r < m or
// m < r <= 0); a negative e uses the inverse of a modulo m (NotInvertible when there is none).
PowMod int_pow_mod(Heap& h, const Value& a, const Value& e, const Value& m, Value* out, WorkMeter* wm = nullptr);
// a << n and a >> n (floor, like Python) for n >= 0.
Value int_lshift(Heap& h, const Value& a, uint64_t n);
Value int_rshift(Heap& h, const Value& a, uint64_t n);
// a & b, a | b, a ^ b on two's-complement values of any size; `op` is '&', '|' or '^'.
Value int_bitop(Heap& h, char op, const Value& a, const Value& b);
// ~a == -(a + 1).
Value int_invert(Heap& h, const Value& a);
// Number of bits of |a| (int.bit_length()).
uint64_t int_bit_length(const Value& a);
int int_cmp(const Value& a, const Value& b);   // -1, 0, 1
// Decimal text of `v`; false (out untouched) when it has more than kMaxStrDigits digits.
bool int_to_decimal(const Value& v, std::string* out);
// Decimal text of `v` without the limit: quadratic in the size (a million digits take
// seconds). Only for the embedder's value snapshots; Python-visible conversions use
// int_to_decimal.
std::string int_str(const Value& v);
// The ValueError messages of CPython for the limit above (int -> text, text -> int).
std::string int_str_limit_message();
std::string int_parse_limit_message(size_t digits);
// The int equal to the integral, finite double `d` (exact at any size).
Value int_from_double(Heap& h, double d);
// |v| = x * 2**e with 0.5 <= x < 1, x rounded to 53 bits (CPython's _PyLong_Frexp): how
// math.log and friends take ints beyond the float range.
double int_frexp(const Value& v, int64_t* e);
// Digits of |v| in base 2, 8 or 16 (lowercase, no sign or prefix); linear time, no limit.
std::string int_to_radix(const Value& v, int base);
// Correctly rounded (half to even) conversion; +-inf when |v| is beyond the float range.
double int_to_double(const Value& v);
// a / b correctly rounded, as CPython computes int / int; b != 0. False when the
// quotient is beyond the float range.
bool int_truediv(const Value& a, const Value& b, double* out);
bool int_is_negative(const Value& v);
bool int_is_zero(const Value& v);
size_t int_hash(const Value& v);
// What CPython's hash() returns for an int or a float: the value modulo 2**61 - 1 with its
// sign (-1 becomes -2), so equal numbers hash alike; inf and -inf are +-314159. NaN: 0
// (the caller uses the object's own hash).
int64_t number_hash(const Value& v);

}  // namespace interleave::py
