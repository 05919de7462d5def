// CPython's format-spec mini-language (format(), f-strings, str.format) over
// plain C++ values. Strings are UTF-8; widths count code points.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interleave::py::text {

struct FormatSpec {
  char32_t fill = U' ';
  char align = 0;        // '<' '>' '^' '=' or 0 (type default: '<' str, '>' numbers)
  char sign = 0;         // '+' '-' ' ' or 0
  bool no_neg_0 = false; // 'z' (3.11): -0.0 rounds print as 0.0
  bool alternate = false;
  bool zero_pad = false; // a '0' before the width: fill '0', and '=' for numbers without align
  int width = -1;
  char grouping = 0;     // ',' '_' or 0
  int precision = -1;
  char type = 0;         // presentation type or 0
  char32_t raw_type = 0; // the type code point as written (non-ASCII types are kept here only)
};

// Parses a spec. On error returns false with CPython's message; `type_name`
// ("int", "float", "str") completes "Invalid format specifier '...' for
// object of type '...'" and is optional.
bool parse_format_spec(std::string_view spec, FormatSpec& out, std::string& error,
                       std::string_view type_name = {});

// int.__format__: types b c d o x X n (default d) and the float types
// e E f F g G % (the int is converted to float, as CPython does).
bool format_int(int64_t v, const FormatSpec& spec, std::string& out, std::string& error);
// float.__format__: types e E f F g G n % and none (repr-like).
bool format_float(double v, const FormatSpec& spec, std::string& out, std::string& error);
// str.__format__: type s or none.
bool format_str(std::string_view utf8, const FormatSpec& spec, std::string& out, std::string& error);

// Convenience: parse + format in one call, as format(value, spec).
bool format_int(int64_t v, std::string_view spec, std::string& out, std::string& error);
bool format_float(double v, std::string_view spec, std::string& out, std::string& error);
bool format_str(std::string_view utf8, std::string_view spec, std::string& out, std::string& error);

}  // namespace interleave::py::text
