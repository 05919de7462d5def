// CPython's format-spec mini-language (format(), f-strings, str.format) over
// plain C++ values. Strings are UTF-8; widths count code points.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "py/work_meter.h"

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
  WorkMeter* meter = nullptr;  // ticked while padding and grouping; once the run is being
                               // stopped the result is partial (the caller checks the meter)
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

// Same as format_int for an integer of any size given as decimal text
// ("-123", no underscores), for the interpreter's big ints. Float types
// fail with "int too large to convert to float" past the double range.
bool format_int_decimal(std::string_view decimal, const FormatSpec& spec, std::string& out, std::string& error);

// Convenience: parse + format in one call, as format(value, spec).
bool format_int(int64_t v, std::string_view spec, std::string& out, std::string& error, WorkMeter* wm = nullptr);
bool format_float(double v, std::string_view spec, std::string& out, std::string& error, WorkMeter* wm = nullptr);
bool format_str(std::string_view utf8, std::string_view spec, std::string& out, std::string& error,
                WorkMeter* wm = nullptr);

// The Python exception type for an error message produced by this library
// (text_format.h and float_text.h): "ValueError", "OverflowError" or "TypeError".
const char* error_type_name(std::string_view message);

// ---- str.format ----

// One piece of a format string: literal text, then optionally a field.
struct FormatField {
  std::string literal;       // text before the field ({{ and }} already unescaped)
  bool has_field = false;
  std::string field_name;    // as written: "", "0", "name", "0[0]", "name.attr", "[1]"
  int auto_index = -1;       // the auto number when field_name is empty or starts with '[' / '.'
  char conversion = 0;       // 'r', 's', 'a' or 0
  std::string spec;          // raw spec text, nested {fields} unexpanded
  bool spec_has_nested = false;
  // When spec_has_nested: the spec split the same way (literal pieces and
  // nested fields, auto-numbered in CPython's order after this field). The
  // caller formats each nested field with its own spec and concatenates.
  std::vector<FormatField> spec_fields;
};

// Splits a format string; false + CPython's ValueError message on error.
// Field names are validated with parse_field_name.
bool parse_format_string(std::string_view fmt, std::vector<FormatField>& out, std::string& error);

// A field name split CPython's way: "first" (an index if all digits, else a
// keyword) followed by .attr and [key] accessors. [key] is an integer index
// when all digits (index >= 0), else a string key.
struct FieldAccessor {
  bool is_attribute = false;
  std::string name;
  int64_t index = -1;
};
struct FieldName {
  bool is_auto = false;      // first part empty: use the auto number
  int64_t index = -1;        // >= 0: positional argument
  std::string keyword;       // otherwise: keyword argument
  std::vector<FieldAccessor> accessors;
};
bool parse_field_name(std::string_view name, FieldName& out, std::string& error);

// ---- %-formatting ----

struct PercentSpec {
  std::string mapping_key;
  bool has_key = false;
  std::string flags;         // any of "-+ #0" in order written
  int width = -1;
  bool width_star = false;
  int precision = -1;
  bool precision_star = false;
  char conversion = 0;       // d i u o x X e E f F g G c s r a, or '%' for a literal "%%"
};
struct PercentPiece {
  std::string literal;
  bool is_spec = false;
  PercentSpec spec;
};
// Splits a %-format string. A "%%" becomes literal text. Errors: "incomplete
// format", "incomplete format key", "unsupported format character 'y' (0x79)
// at index 3" (CPython reports the last one only after taking the argument).
bool parse_percent_format(std::string_view fmt, std::vector<PercentPiece>& out, std::string& error);

// Formats one argument. Width/precision from '*' must already be stored in
// the spec (a negative '*' width means '-' flag: the caller sets both).
// percent_format_int: d i u o x X c and (converted) e E f F g G.
// percent_format_float: e E f F g G and d i u (truncated, as int(x));
//   "%x format: an integer is required, not float", "%c requires int or char".
// percent_format_str: s r a c with the text already converted (str()/repr()/ascii()).
bool percent_format_int(int64_t v, const PercentSpec& s, std::string& out, std::string& error);
bool percent_format_float(double v, const PercentSpec& s, std::string& out, std::string& error);
// percent_format_int for an integer of any size given as decimal text.
bool percent_format_int_decimal(std::string_view decimal, const PercentSpec& s, std::string& out,
                                std::string& error);
bool percent_format_str(std::string_view utf8, const PercentSpec& s, std::string& out);

}  // namespace interleave::py::text
