// Arbitrary-precision integers, used only when an int result leaves 64 bits.
// Values that fit in int64 are always normalized back to Value::integer.
#pragma once
#include <string>

#include "py/heap.h"

namespace interleave::py {

bool is_bigint(const Value& v);
// Decimal digits -> int value (small or big).
Value bigint_from_decimal(Heap& h, const std::string& digits);
// Arithmetic on ints (small or big, bools count as ints). Never overflows.
Value int_add(Heap& h, const Value& a, const Value& b);
Value int_sub(Heap& h, const Value& a, const Value& b);
Value int_mul(Heap& h, const Value& a, const Value& b);
Value int_neg(Heap& h, const Value& a);
// Floor division and modulo; `b` must be non-zero. Big dividends with small divisors only:
// returns Empty when unsupported (caller raises OverflowError).
bool int_divmod(Heap& h, const Value& a, const Value& b, Value* q, Value* r);
int int_cmp(const Value& a, const Value& b);   // -1, 0, 1
std::string int_str(const Value& v);
double int_to_double(const Value& v);
bool int_is_negative(const Value& v);
bool int_is_zero(const Value& v);
size_t int_hash(const Value& v);

}  // namespace interleave::py
