#include "py/float_text.h"

#include "py/str_methods.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace interleave::py::text {
namespace {

// A positive finite double as decimal digits d1 d2 ... dn with the decimal
// point after position `decpt` (value = 0.d1d2...dn * 10^decpt), trailing
// zeros stripped; zero is {"0", 1}. This is what David Gay's dtoa returns and
// what CPython's format_float_short lays out.
struct Digits {
  std::string digits;
  int decpt = 1;
};

void strip_trailing_zeros(Digits& d) {
  size_t end = d.digits.find_last_not_of('0');
  if (end == std::string::npos) {
    d.digits = "0";
    d.decpt = 1;
  } else {
    d.digits.resize(end + 1);
  }
}

// Parses "d.ddde[+-]XX" (printf %e / to_chars scientific).
Digits from_scientific(const char* s) {
  Digits d;
  const char* p = s;
  for (; *p && *p != 'e' && *p != 'E'; ++p)
    if (*p >= '0' && *p <= '9') d.digits.push_back(*p);
  int exp = (*p) ? std::atoi(p + 1) : 0;
  d.decpt = exp + 1;
  strip_trailing_zeros(d);
  return d;
}

std::string printf_double(const char* fmt, int prec, double x) {
  int n = std::snprintf(nullptr, 0, fmt, prec, x);
  std::string buf(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(buf.data(), buf.size(), fmt, prec, x);
  buf.resize(static_cast<size_t>(n));
  return buf;
}

// Shortest digits that read back as x (dtoa mode 0).
Digits shortest_digits(double ax) {
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L && !defined(INTERLEAVE_NO_FLOAT_TO_CHARS)
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf - 1, ax, std::chars_format::scientific);
  *res.ptr = '\0';
  return from_scientific(buf);
#else
  // libc++ 13 has no floating-point to_chars: the first precision whose
  // correctly rounded %e output round-trips is the shortest one.
  for (int prec = 0; prec < 17; ++prec) {
    std::string s = printf_double("%.*e", prec, ax);
    if (std::strtod(s.c_str(), nullptr) == ax) return from_scientific(s.c_str());
  }
  return from_scientific(printf_double("%.*e", 16, ax).c_str());
#endif
}

// n >= 1 significant digits, correctly rounded (dtoa mode 2).
Digits significant_digits(double ax, int n) {
  return from_scientific(printf_double("%.*e", n - 1, ax).c_str());
}

// n >= 0 digits after the decimal point, correctly rounded (dtoa mode 3).
Digits fixed_digits(double ax, int n) {
  std::string s = printf_double("%.*f", n, ax);
  Digits d;
  size_t dot = s.find('.');
  int int_len = static_cast<int>(dot == std::string::npos ? s.size() : dot);
  for (char c : s)
    if (c != '.') d.digits.push_back(c);
  size_t lead = d.digits.find_first_not_of('0');
  if (lead == std::string::npos) return Digits{"0", 1};
  d.digits.erase(0, lead);
  d.decpt = int_len - static_cast<int>(lead);
  strip_trailing_zeros(d);
  return d;
}

}  // namespace

std::string double_to_string(double x, const DoubleFormat& f) {
  bool upper = f.code == 'E' || f.code == 'F' || f.code == 'G';
  char code = upper ? static_cast<char>(f.code - 'A' + 'a') : f.code;
  int precision = f.precision;
  bool negative = std::signbit(x);
  std::string out;

  if (std::isnan(x) || std::isinf(x)) {
    if (std::isnan(x)) negative = false;  // CPython ignores the sign of a nan
    if (negative) out += '-';
    else if (f.always_sign) out += '+';
    out += std::isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    return out;
  }

  double ax = std::fabs(x);
  Digits d;
  switch (code) {
    case 'e': ++precision; d = significant_digits(ax, precision); break;
    case 'f': d = fixed_digits(ax, precision); break;
    case 'g':
      if (precision == 0) precision = 1;  // as CPython: .0g means .1g
      d = significant_digits(ax, precision);
      break;
    default: d = shortest_digits(ax); break;  // 'r'
  }
  if (f.no_neg_0 && negative && d.digits == "0") negative = false;

  // Port of format_float_short: output vdigits[vstart:vend] of the digit
  // string virtually padded with zeros on both sides, point at decpt.
  const int ndigits = static_cast<int>(d.digits.size());
  int decpt = d.decpt;
  int vend = ndigits;
  bool use_exp = false;
  switch (code) {
    case 'e': use_exp = true; vend = precision; break;
    case 'f': vend = decpt + precision; break;
    case 'g':
      if (decpt <= -4 || decpt > (f.add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (f.alternate) vend = precision;
      break;
    default:
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  int exp = 0;
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  int vstart = decpt <= 0 ? decpt - 1 : 0;
  bool add_dot_0 = f.add_dot_0 || code == 'r';
  if (!use_exp && add_dot_0) vend = std::max(vend, decpt + 1);
  else vend = std::max(vend, decpt);

  if (negative) out += '-';
  else if (f.always_sign) out += '+';

  if (decpt <= 0) {
    out.append(static_cast<size_t>(decpt - vstart), '0');
    out += '.';
    out.append(static_cast<size_t>(-decpt), '0');
  } else {
    out.append(static_cast<size_t>(-vstart), '0');
  }
  if (0 < decpt && decpt <= ndigits) {
    out.append(d.digits, 0, static_cast<size_t>(decpt));
    out += '.';
    out.append(d.digits, static_cast<size_t>(decpt), std::string::npos);
  } else {
    out += d.digits;
  }
  if (ndigits < decpt) {
    out.append(static_cast<size_t>(decpt - ndigits), '0');
    out += '.';
    out.append(static_cast<size_t>(vend - decpt), '0');
  } else {
    out.append(static_cast<size_t>(vend - ndigits), '0');
  }
  if (out.back() == '.' && !f.alternate) out.pop_back();

  if (use_exp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%+.02d", upper ? 'E' : 'e', exp);
    out += buf;
  }
  return out;
}

std::string float_repr(double x) {
  DoubleFormat f;
  f.code = 'r';
  f.add_dot_0 = true;
  return double_to_string(x, f);
}

double round_half_even(double x, int ndigits) {
  // Same cut-offs as CPython's double_round: beyond them the result is x
  // itself (every digit kept) or a signed zero (every digit dropped).
  if (!std::isfinite(x) || x == 0.0) return x;
  if (ndigits > 323) return x;
  if (ndigits < -308) return 0.0 * x;

  // The exact decimal expansion of |x| (a double has at most 1074 fraction
  // digits), rounded half-to-even at the requested position by hand.
  std::string s = printf_double("%.*f", 1100, std::fabs(x));
  size_t dot = s.find('.');
  std::string digits = s.substr(0, dot) + s.substr(dot + 1);
  long cut = static_cast<long>(dot) + ndigits;  // digits kept: [0, cut)
  if (cut < 0) return 0.0 * x;
  std::string kept = digits.substr(0, static_cast<size_t>(cut));
  bool round_up = false;
  if (static_cast<size_t>(cut) < digits.size()) {
    char next = digits[static_cast<size_t>(cut)];
    bool rest_nonzero =
        digits.find_first_not_of('0', static_cast<size_t>(cut) + 1) != std::string::npos;
    int last = kept.empty() ? 0 : kept.back() - '0';
    round_up = next > '5' || (next == '5' && (rest_nonzero || last % 2 == 1));
  }
  if (round_up) {
    long i = static_cast<long>(kept.size()) - 1;
    for (; i >= 0 && kept[static_cast<size_t>(i)] == '9'; --i) kept[static_cast<size_t>(i)] = '0';
    if (i < 0) kept.insert(kept.begin(), '1'), ++dot;
    else ++kept[static_cast<size_t>(i)];
  }
  if (kept.empty()) kept = "0";
  // Rebuild "<kept>e<shift>" so strtod does the correctly rounded conversion.
  std::string text = kept + "e" + std::to_string(-static_cast<long>(ndigits));
  double r = std::strtod(text.c_str(), nullptr);
  return std::copysign(r, x);
}

bool round_float(double x, int64_t ndigits, double& out, std::string& error) {
  int n = static_cast<int>(std::clamp<int64_t>(ndigits, -400, 400));  // beyond +-323 nothing changes
  out = round_half_even(x, n);
  if (std::isfinite(x) && !std::isfinite(out)) {
    error = "rounded value too large to represent";
    return false;
  }
  return true;
}

namespace {

bool is_py_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && is_py_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_py_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Copies a run of decimal digits where single underscores may separate
// digits; returns false on a misplaced underscore. `count` gets the digits.
bool take_digits(std::string_view s, size_t& i, std::string& out, int& count) {
  count = 0;
  while (i < s.size()) {
    if (is_digit(s[i])) {
      out += s[i++];
      ++count;
    } else if (s[i] == '_') {
      if (count == 0 || i + 1 >= s.size() || !is_digit(s[i + 1])) return false;
      ++i;
    } else {
      break;
    }
  }
  return true;
}

}  // namespace

std::optional<double> parse_float(std::string_view s) {
  s = trim_space(s);
  std::string clean;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
  std::string_view rest = s.substr(i);
  if (iequals(rest, "inf") || iequals(rest, "infinity"))
    return clean == "-" ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
  if (iequals(rest, "nan"))
    return clean == "-" ? -std::numeric_limits<double>::quiet_NaN()
                        : std::numeric_limits<double>::quiet_NaN();
  int int_count = 0, frac_count = 0, exp_count = 0;
  if (!take_digits(s, i, clean, int_count)) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    clean += s[i++];
    if (!take_digits(s, i, clean, frac_count)) return std::nullopt;
  }
  if (int_count + frac_count == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    clean += s[i++];
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
    if (!take_digits(s, i, clean, exp_count) || exp_count == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return std::strtod(clean.c_str(), nullptr);
}

bool parse_int_digits(std::string_view s, int base, IntDigits& out) {
  out = IntDigits{};
  if (base != 0 && (base < 2 || base > 36)) return false;
  s = trim_space(s);
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) out.negative = s[i++] == '-';

  // A 0x/0o/0b prefix is allowed when it names the base (or base is 0).
  bool had_prefix = false;
  if (i + 1 < s.size() && s[i] == '0') {
    char p = static_cast<char>(s[i + 1] | 0x20);
    int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (prefix_base != 0 && (base == 0 || base == prefix_base)) {
      base = prefix_base;
      i += 2;
      had_prefix = true;
    }
  }
  bool base0_decimal = base == 0;
  out.base = base == 0 ? 10 : base;

  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      // Underscores separate digits; one may also follow a base prefix.
      bool prev_ok = !out.digits.empty() || had_prefix;
      if (!prev_ok || i + 1 >= s.size() || s[i + 1] == '_') return false;
      continue;
    }
    char lower = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    int digit = is_digit(c) ? c - '0' : (lower >= 'a' && lower <= 'z') ? lower - 'a' + 10 : 99;
    if (digit >= out.base) return false;
    out.digits += lower;
  }
  if (out.digits.empty()) return false;
  // int("010", 0) is an error: base 0 forbids leading zeros, except in "0".
  bool all_zero = out.digits.find_first_not_of('0') == std::string::npos;
  if (base0_decimal && out.digits[0] == '0' && !all_zero) return false;
  return true;
}

IntParse parse_int(std::string_view s, int base, int64_t& out) {
  IntDigits d;
  if (!parse_int_digits(s, base, d)) return IntParse::Invalid;
  const uint64_t limit = d.negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  const auto b = static_cast<uint64_t>(d.base);
  uint64_t value = 0;
  for (char c : d.digits) {
    auto digit = static_cast<uint64_t>(is_digit(c) ? c - '0' : c - 'a' + 10);
    if (value > (limit - digit) / b) return IntParse::Overflow;
    value = value * b + digit;
  }
  out = d.negative ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return IntParse::Ok;
}

std::string int_parse_error(std::string_view s, int base) {
  if (base != 0 && (base < 2 || base > 36)) return "int() base must be >= 2 and <= 36, or 0";
  // CPython formats the literal with %.200R: its repr cut to 200 characters.
  std::string r = repr_str(s);
  if (codepoint_length(r) > 200) r = slice(r, 0, 200);
  return "invalid literal for int() with base " + std::to_string(base) + ": " + r;
}

std::string float_parse_error(std::string_view s) {
  return "could not convert string to float: " + repr_str(s);
}

std::string int_to_string(int64_t v, int base) {
  if (base < 2 || base > 36) base = 10;
  uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  std::string out;
  do {
    out += "0123456789abcdefghijklmnopqrstuvwxyz"[mag % static_cast<uint64_t>(base)];
    mag /= static_cast<uint64_t>(base);
  } while (mag != 0);
  if (v < 0) out += '-';
  return std::string(out.rbegin(), out.rend());
}

}  // namespace interleave::py::text
