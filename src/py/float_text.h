// CPython-exact text <-> number conversions over plain C++ types: float repr,
// PyOS_double_to_string-style formatting, round(), float()/int() parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace interleave::py::text {

// repr()/str() of a float: shortest round-trip digits, exponent form when the
// decimal exponent is < -4 or >= 16, ".0" added to integral values.
std::string float_repr(double x);

// Options of PyOS_double_to_string (Python/pystrtod.c).
struct DoubleFormat {
  char code = 'r';            // 'e' 'E' 'f' 'F' 'g' 'G' 'r' (repr; precision ignored)
  int precision = 0;
  bool always_sign = false;   // Py_DTSF_SIGN
  bool add_dot_0 = false;     // Py_DTSF_ADD_DOT_0
  bool alternate = false;     // Py_DTSF_ALT ('#')
  bool no_neg_0 = false;      // Py_DTSF_NO_NEG_0 ('z')
};
// Formats exactly like PyOS_double_to_string; "inf"/"nan" (upper-case for E/F/G).
std::string double_to_string(double x, const DoubleFormat& f);

// round(x, ndigits) as CPython: correctly rounded (half-even on the exact
// binary value) through a decimal string, so round(2.675, 2) == 2.67.
double round_half_even(double x, int ndigits);

// round(x, ndigits) with CPython's error: false and "rounded value too large
// to represent" (an OverflowError) when a finite x rounds past the double
// range, e.g. round(1.7976931348623157e308, -308). Any int64 ndigits works.
bool round_float(double x, int64_t ndigits, double& out, std::string& error);

// float(s): surrounding whitespace, sign, digits with single underscores
// between digits, "inf"/"infinity"/"nan" in any case. nullopt if invalid.
std::optional<double> parse_float(std::string_view s);

// int(s, base): base 0 or 2..36, whitespace, sign, 0x/0o/0b prefixes,
// underscores between digits. Overflow means valid but outside int64.
enum class IntParse { Ok, Invalid, Overflow };
IntParse parse_int(std::string_view s, int base, int64_t& out);

// The validated pieces of an int() literal, for callers with big ints:
// sign, resolved base (2..36) and the digits (lowercase, no '_' or prefix).
struct IntDigits {
  bool negative = false;
  int base = 10;
  std::string digits;
};
bool parse_int_digits(std::string_view s, int base, IntDigits& out);  // false: invalid literal

// CPython's ValueError messages for int()/float() of bad text:
// "invalid literal for int() with base 10: 'abc'" (or the bad-base message),
// "could not convert string to float: 'abc'".
std::string int_parse_error(std::string_view s, int base);
std::string float_parse_error(std::string_view s);

// Digits of v in base 2..36 (lowercase), '-' for negatives, no prefix.
std::string int_to_string(int64_t v, int base = 10);

}  // namespace interleave::py::text
