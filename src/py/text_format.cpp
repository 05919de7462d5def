#include "py/text_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "py/float_text.h"
#include "py/text_utf8.h"

namespace interleave::py::text {
namespace {

bool is_align(char32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; }

// Reads a decimal integer at i; returns digits consumed or -1 on overflow.
int read_integer(std::string_view s, size_t& i, int& value) {
  int64_t v = 0;
  int count = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + (s[i] - '0');
    if (v > std::numeric_limits<int>::max()) return -1;
    ++i;
    ++count;
  }
  value = static_cast<int>(v);
  return count;
}

std::string quoted_code(char32_t code) {
  // CPython prints printable ASCII codes as-is and others as \x escapes.
  if (code > 32 && code < 128) return std::string(1, static_cast<char>(code));
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(code));
  return buf;
}

char32_t type_code(const FormatSpec& s) { return s.raw_type ? s.raw_type : static_cast<char32_t>(s.type); }

bool unknown_type(const FormatSpec& s, std::string_view type_name, std::string& error) {
  error = "Unknown format code '" + quoted_code(type_code(s)) + "' for object of type '" +
          std::string(type_name) + "'";
  return false;
}

// _PyUnicode_InsertThousandsGrouping: separators every `group` digits from
// the right; zeros are added on the left until `min_width` is reached.
std::string group_digits(std::string_view digits, int64_t min_width, int group, char sep, WorkMeter* wm) {
  int64_t remaining = static_cast<int64_t>(digits.size());
  size_t pos = digits.size();
  std::string out;  // built right to left, reversed at the end
  auto emit = [&](int64_t len, bool use_sep) {
    int64_t zeros = std::max<int64_t>(0, len - remaining);
    int64_t chars = std::max<int64_t>(0, std::min(remaining, len));
    if (use_sep) out += sep;
    for (int64_t k = 0; k < chars; ++k) out += digits[--pos];
    out.append(static_cast<size_t>(zeros), '0');
    remaining -= chars;
    return len;
  };
  bool use_sep = false, broken = false;
  while (group > 0) {
    int64_t len = std::min<int64_t>(group, std::max<int64_t>({remaining, min_width, 1}));
    min_width -= emit(len, use_sep);
    if (meter_tick(wm, static_cast<uint64_t>(len) + 1)) return out;  // stopped: partial
    use_sep = true;
    if (remaining <= 0 && min_width <= 0) {
      broken = true;
      break;
    }
    min_width -= 1;  // the separator's width
  }
  if (!broken) emit(std::max<int64_t>({remaining, min_width, 1}), use_sep);
  std::reverse(out.begin(), out.end());
  return out;
}

// calc_number_widths + fill_number: lays out
//   <lpad><sign><prefix><spad><grouped digits><decimal><remainder><rpad>
// `digits` may be empty ('c', inf, nan), in which case no grouping happens.
std::string layout_number(const FormatSpec& spec, bool negative, std::string_view prefix,
                          std::string_view digits, bool has_decimal, std::string_view remainder) {
  std::string sign;
  if (negative) sign = "-";
  else if (spec.sign == '+' || spec.sign == ' ') sign = std::string(1, spec.sign);

  char align = spec.align ? spec.align : (spec.zero_pad ? '=' : '>');
  char32_t fill = spec.fill;
  int64_t width = spec.width;
  int64_t non_digit = static_cast<int64_t>(sign.size() + prefix.size() + (has_decimal ? 1 : 0) +
                                           utf8_length(remainder));
  int64_t min_width = (fill == U'0' && align == '=') ? width - non_digit : 0;

  // '_' groups bin/oct/hex digits by four (PEP 515); otherwise by three.
  bool power_of_two_base = spec.type == 'b' || spec.type == 'o' || spec.type == 'x' || spec.type == 'X';
  int group = spec.grouping == 0 ? 0 : (spec.grouping == '_' && power_of_two_base) ? 4 : 3;
  std::string grouped;
  if (!digits.empty())
    grouped = group_digits(digits, min_width, group, spec.grouping ? spec.grouping : ',', spec.meter);

  int64_t padding = width - (non_digit + static_cast<int64_t>(grouped.size()));
  int64_t lpad = 0, spad = 0, rpad = 0;
  if (padding > 0) {
    switch (align) {
      case '<': rpad = padding; break;
      case '^': lpad = padding / 2; rpad = padding - lpad; break;
      case '=': spad = padding; break;
      default: lpad = padding; break;
    }
  }
  std::string out;
  append_fill(out, fill, lpad, spec.meter);
  out += sign;
  out += prefix;
  append_fill(out, fill, spad, spec.meter);
  out += grouped;
  if (has_decimal) out += '.';
  out += remainder;
  append_fill(out, fill, rpad, spec.meter);
  return out;
}

}  // namespace

bool parse_format_spec(std::string_view spec, FormatSpec& out, std::string& error,
                       std::string_view type_name) {
  out = FormatSpec{};
  size_t i = 0;
  // [[fill]align]: the fill is any code point, recognised by the align after it.
  if (!spec.empty()) {
    size_t after_first = 0;
    char32_t first = utf8_next(spec, after_first);
    if (after_first < spec.size() && is_align(static_cast<unsigned char>(spec[after_first]))) {
      out.fill = first;
      out.align = spec[after_first];
      i = after_first + 1;
    } else if (is_align(first)) {
      out.align = static_cast<char>(first);
      i = 1;
    }
  }
  bool fill_given = i >= 2;  // a fill code point precedes the align
  if (i < spec.size() && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' ')) out.sign = spec[i++];
  if (i < spec.size() && spec[i] == 'z') out.no_neg_0 = true, ++i;
  if (i < spec.size() && spec[i] == '#') out.alternate = true, ++i;
  if (!fill_given && i < spec.size() && spec[i] == '0') {
    // Legacy zero padding: '0' fill; numbers also default to '=' alignment.
    out.fill = U'0';
    out.zero_pad = true;
    ++i;
  }
  int consumed = read_integer(spec, i, out.width);
  if (consumed < 0) {
    error = "Too many decimal digits in format string";
    return false;
  }
  if (consumed == 0) out.width = -1;

  if (i < spec.size() && spec[i] == ',') out.grouping = ',', ++i;
  if (i < spec.size() && spec[i] == '_') {
    if (out.grouping) {
      error = "Cannot specify both ',' and '_'.";
      return false;
    }
    out.grouping = '_';
    ++i;
  }
  if (i < spec.size() && spec[i] == ',' && out.grouping == '_') {
    error = "Cannot specify both ',' and '_'.";
    return false;
  }
  if (i < spec.size() && spec[i] == '.') {
    ++i;
    consumed = read_integer(spec, i, out.precision);
    if (consumed < 0) {
      error = "Too many decimal digits in format string";
      return false;
    }
    if (consumed == 0) {
      error = "Format specifier missing precision";
      return false;
    }
  }
  // Whatever is left must be a single (code point) type.
  if (i < spec.size()) {
    size_t j = i;
    char32_t t = utf8_next(spec, j);
    if (j != spec.size()) {
      error = "Invalid format specifier";
      if (!type_name.empty())
        error += " '" + std::string(spec) + "' for object of type '" + std::string(type_name) + "'";
      return false;
    }
    out.raw_type = t;
    out.type = t < 0x80 ? static_cast<char>(t) : '\x7f';
  }

  if (out.grouping) {
    switch (out.type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (out.grouping == '_') break;  // every four digits
        [[fallthrough]];
      default:
        error = std::string("Cannot specify '") + out.grouping + "' with '" + quoted_code(type_code(out)) + "'.";
        return false;
    }
  }
  return true;
}

bool format_float(double v, const FormatSpec& spec, std::string& out, std::string& error) {
  switch (spec.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default: return unknown_type(spec, "float", error);
  }
  DoubleFormat f;
  f.alternate = spec.alternate;
  f.no_neg_0 = spec.no_neg_0;
  f.code = spec.type;
  int default_precision = 6;
  if (f.code == 0) {
    // No type: repr() without a precision, else 'g' keeping a ".0".
    f.add_dot_0 = true;
    f.code = 'r';
    default_precision = 0;
  }
  if (f.code == 'n') f.code = 'g';  // C locale: same as 'g'
  bool percent = f.code == '%';
  if (percent) {
    f.code = 'f';
    v *= 100;
  }
  f.precision = spec.precision < 0 ? default_precision : spec.precision;
  if (spec.precision >= 0 && f.code == 'r') f.code = 'g';

  std::string text = double_to_string(v, f);
  if (percent) text += '%';

  // Split "-digits.remainder" into its parts for padding and grouping.
  bool negative = !text.empty() && text[0] == '-';
  std::string_view body(text);
  if (negative) body.remove_prefix(1);
  size_t n = 0;
  while (n < body.size() && body[n] >= '0' && body[n] <= '9') ++n;
  bool has_decimal = n < body.size() && body[n] == '.';
  std::string_view remainder = body.substr(n + (has_decimal ? 1 : 0));
  out = layout_number(spec, negative, "", body.substr(0, n), has_decimal, remainder);
  return true;
}

namespace {

// An integer of any size as sign + decimal digits, so big ints from the
// interpreter format exactly like int64 values.
struct IntText {
  bool negative = false;
  std::string digits;  // decimal, no leading zeros ("0" for zero)
};

bool parse_int_text(std::string_view text, IntText& v) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    v.negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  size_t nz = text.find_first_not_of('0');
  v.digits = nz == std::string_view::npos ? "0" : std::string(text.substr(nz));
  if (v.digits == "0") v.negative = false;
  return true;
}

IntText int_text(int64_t v) {
  IntText t;
  t.negative = v < 0;
  t.digits = int_to_string(v);
  if (t.negative) t.digits.erase(0, 1);
  return t;
}

// The magnitude in base 2, 8, 10 or 16 (lowercase), by repeated division
// of the decimal digit string.
std::string magnitude_in_base(const IntText& v, int base) {
  if (base == 10) return v.digits;
  std::string dec = v.digits, out;
  while (!(dec.size() == 1 && dec[0] == '0')) {
    std::string quotient;
    int rem = 0;
    for (char c : dec) {
      int cur = rem * 10 + (c - '0');
      if (!quotient.empty() || cur / base != 0) quotient += static_cast<char>('0' + cur / base);
      rem = cur % base;
    }
    out += "0123456789abcdef"[rem];
    dec = quotient.empty() ? "0" : quotient;
  }
  if (out.empty()) out = "0";
  return std::string(out.rbegin(), out.rend());
}

// The int value as a double, as float(int) does (correctly rounded).
bool int_text_to_double(const IntText& v, double& out, std::string& error) {
  out = std::strtod(v.digits.c_str(), nullptr);
  if (std::isinf(out)) {
    error = "int too large to convert to float";  // an OverflowError in CPython
    return false;
  }
  if (v.negative) out = -out;
  return true;
}

// True when v fits int64, storing it.
bool int_text_small(const IntText& v, int64_t& out) {
  int64_t parsed = 0;
  std::string text = (v.negative ? "-" : "") + v.digits;
  if (parse_int(text, 10, parsed) != IntParse::Ok) return false;
  out = parsed;
  return true;
}

bool format_int_text(const IntText& v, const FormatSpec& spec, std::string& out, std::string& error) {
  switch (spec.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      double d = 0;
      return int_text_to_double(v, d, error) && format_float(d, spec, out, error);
    }
    case 0: case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n': break;
    default: return unknown_type(spec, "int", error);
  }
  if (spec.precision != -1) {
    error = "Precision not allowed in integer format specifier";
    return false;
  }
  if (spec.no_neg_0) {
    error = "Negative zero coercion (z) not allowed in integer format specifier";
    return false;
  }
  if (spec.type == 'c') {
    if (spec.sign) {
      error = "Sign not allowed with integer format specifier 'c'";
      return false;
    }
    if (spec.alternate) {
      error = "Alternate form (#) not allowed with integer format specifier 'c'";
      return false;
    }
    int64_t code = 0;
    if (!int_text_small(v, code)) {
      error = "Python int too large to convert to C long";  // an OverflowError in CPython
      return false;
    }
    if (code < 0 || code > 0x10FFFF) {
      error = "%c arg not in range(0x110000)";  // an OverflowError in CPython
      return false;
    }
    std::string ch;
    utf8_append(ch, static_cast<char32_t>(code));
    // The character is a "remainder": padded, never grouped or zero-filled.
    out = layout_number(spec, false, "", "", false, ch);
    return true;
  }
  int base = 10;
  std::string prefix;
  switch (spec.type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default: break;
  }
  if (!spec.alternate) prefix.clear();
  std::string digits = magnitude_in_base(v, base);
  if (spec.type == 'X')
    for (char& c : digits) c = static_cast<char>(c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c);
  out = layout_number(spec, v.negative, prefix, digits, false, "");
  return true;
}

}  // namespace

bool format_int(int64_t v, const FormatSpec& spec, std::string& out, std::string& error) {
  return format_int_text(int_text(v), spec, out, error);
}

bool format_int_decimal(std::string_view decimal, const FormatSpec& spec, std::string& out, std::string& error) {
  IntText v;
  if (!parse_int_text(decimal, v)) {
    error = "invalid decimal integer text";
    return false;
  }
  return format_int_text(v, spec, out, error);
}

bool format_str(std::string_view utf8, const FormatSpec& spec, std::string& out, std::string& error) {
  if (spec.type != 0 && spec.type != 's') return unknown_type(spec, "str", error);
  // The spec parser checked grouping against an explicit type; str's
  // default type is 's', which allows none.
  if (spec.grouping) {
    error = std::string("Cannot specify '") + spec.grouping + "' with 's'.";
    return false;
  }
  if (spec.sign == ' ') {
    error = "Space not allowed in string format specifier";
    return false;
  }
  if (spec.sign) {
    error = "Sign not allowed in string format specifier";
    return false;
  }
  if (spec.no_neg_0) {
    error = "Negative zero coercion (z) not allowed in string format specifier";
    return false;
  }
  if (spec.alternate) {
    error = "Alternate form (#) not allowed in string format specifier";
    return false;
  }
  if (spec.align == '=') {
    error = "'=' alignment not allowed in string format specifier";
    return false;
  }
  int64_t len = static_cast<int64_t>(utf8_length(utf8));
  std::string_view text = utf8;
  if (spec.precision >= 0 && len > spec.precision) {
    text = utf8.substr(0, utf8_offset(utf8, static_cast<size_t>(spec.precision)));
    len = spec.precision;
  }
  int64_t total = std::max<int64_t>(spec.width, len);
  int64_t lpad = 0;
  if (spec.align == '>') lpad = total - len;
  else if (spec.align == '^') lpad = (total - len) / 2;
  out.clear();
  append_fill(out, spec.fill, lpad, spec.meter);
  out += text;
  append_fill(out, spec.fill, total - len - lpad, spec.meter);
  return true;
}

const char* error_type_name(std::string_view message) {
  static constexpr std::string_view kOverflow[] = {
      "%c arg not in range(0x110000)", "Python int too large to convert to C long",
      "int too large to convert to float", "cannot convert float infinity to integer",
      "rounded value too large to represent"};
  for (auto m : kOverflow)
    if (message == m) return "OverflowError";
  if (message == "%c requires int or char" || message.find(" format: an integer is required, not ") != std::string_view::npos)
    return "TypeError";
  return "ValueError";
}

bool format_int(int64_t v, std::string_view spec, std::string& out, std::string& error, WorkMeter* wm) {
  FormatSpec s;
  if (!parse_format_spec(spec, s, error, "int")) return false;
  s.meter = wm;
  return format_int(v, s, out, error);
}

bool format_float(double v, std::string_view spec, std::string& out, std::string& error, WorkMeter* wm) {
  FormatSpec s;
  if (!parse_format_spec(spec, s, error, "float")) return false;
  s.meter = wm;
  return format_float(v, s, out, error);
}

bool format_str(std::string_view utf8, std::string_view spec, std::string& out, std::string& error, WorkMeter* wm) {
  FormatSpec s;
  if (!parse_format_spec(spec, s, error, "str")) return false;
  s.meter = wm;
  return format_str(utf8, s, out, error);
}

}  // namespace interleave::py::text

// ======================= str.format =======================

namespace interleave::py::text {
namespace {

// get_integer of unicode_format.h: -1 when not all decimal digits (or empty),
// -2 on overflow.
int64_t field_integer(std::string_view s) {
  if (s.empty()) return -1;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    if (v > (std::numeric_limits<int64_t>::max() - (c - '0')) / 10) return -2;
    v = v * 10 + (c - '0');
  }
  return v;
}

enum class AutoState { Init, Auto, Manual };

struct Splitter {
  AutoState state = AutoState::Init;
  int next_auto = 0;
  std::string error;

  bool fail(std::string msg) {
    error = std::move(msg);
    return false;
  }

  // Auto-numbering bookkeeping of field_name_split.
  bool number_field(FormatField& f) {
    FieldName name;
    if (!parse_field_name(f.field_name, name, error)) return false;
    bool empty = name.is_auto;
    if (!empty && name.index < 0) return true;  // keyword: no numbering
    if (state == AutoState::Init) state = empty ? AutoState::Auto : AutoState::Manual;
    if (state == AutoState::Manual && empty)
      return fail("cannot switch from manual field specification to automatic field numbering");
    if (state == AutoState::Auto && !empty)
      return fail("cannot switch from automatic field numbering to manual field specification");
    if (empty) f.auto_index = next_auto++;
    return true;
  }

  // parse_field: the text after '{' up to the matching '}'.
  bool parse_field(std::string_view s, size_t& i, FormatField& f) {
    size_t start = i;
    char c = 0;
    bool ended = false;
    while (i < s.size()) {
      c = s[i++];
      if (c == '{') return fail("unexpected '{' in field name");
      if (c == '[') {
        while (i < s.size() && s[i] != ']') ++i;
        continue;
      }
      if (c == '}' || c == ':' || c == '!') {
        ended = true;
        break;
      }
    }
    f.field_name = std::string(s.substr(start, i - start - (ended ? 1 : 0)));
    if (!ended) return fail("expected '}' before end of string");
    if (c == '}') return true;
    // CPython rejects a bad conversion only when rendering, after the
    // whole field parsed, so a malformed spec is reported first.
    char32_t conv = 0;
    if (c == '!') {
      if (i >= s.size()) return fail("end of string while looking for conversion specifier");
      conv = utf8_next(s, i);
      if (i < s.size()) {
        char next = s[i++];
        if (next == '}') return check_conversion(conv, f);
        if (next != ':') return fail("expected ':' after conversion specifier");
      }
    }
    // The spec runs to the '}' that balances the field's '{'.
    size_t spec_start = i;
    int depth = 1;
    while (i < s.size()) {
      char d = s[i++];
      if (d == '{') {
        f.spec_has_nested = true;
        ++depth;
      } else if (d == '}' && --depth == 0) {
        f.spec = std::string(s.substr(spec_start, i - 1 - spec_start));
        return conv == 0 || check_conversion(conv, f);
      }
    }
    return fail("unmatched '{' in format spec");
  }

  bool check_conversion(char32_t conv, FormatField& f) {
    if (conv == 'r' || conv == 's' || conv == 'a') {
      f.conversion = static_cast<char>(conv);
      return true;
    }
    if (conv > 32 && conv < 127) return fail(std::string("Unknown conversion specifier ") + static_cast<char>(conv));
    char buf[64];
    std::snprintf(buf, sizeof buf, "Unknown conversion specifier \\x%x", static_cast<unsigned>(conv));
    return fail(buf);
  }

  // MarkupIterator over a whole string; depth counts CPython's recursion limit.
  bool split(std::string_view s, std::vector<FormatField>& out, int depth) {
    if (depth <= 0) return fail("Max string recursion exceeded");
    FormatField cur;
    size_t i = 0;
    while (i < s.size()) {
      char c = s[i++];
      if (c != '{' && c != '}') {
        cur.literal += c;
        continue;
      }
      bool at_end = i >= s.size();
      if (c == '}' && (at_end || s[i] != '}')) return fail("Single '}' encountered in format string");
      if (c == '{' && at_end) return fail("Single '{' encountered in format string");
      if (s[i] == c) {  // "{{" or "}}"
        cur.literal += c;
        ++i;
        continue;
      }
      cur.has_field = true;
      if (!parse_field(s, i, cur) || !number_field(cur)) return false;
      if (cur.spec_has_nested && !split(cur.spec, cur.spec_fields, depth - 1)) return false;
      out.push_back(std::move(cur));
      cur = FormatField{};
    }
    if (!cur.literal.empty() || out.empty()) out.push_back(std::move(cur));
    return true;
  }
};

}  // namespace

bool parse_format_string(std::string_view fmt, std::vector<FormatField>& out, std::string& error) {
  out.clear();
  Splitter sp;
  if (sp.split(fmt, out, 2)) return true;
  error = sp.error;
  return false;
}

bool parse_field_name(std::string_view name, FieldName& out, std::string& error) {
  out = FieldName{};
  size_t i = 0;
  while (i < name.size() && name[i] != '.' && name[i] != '[') ++i;
  std::string_view first = name.substr(0, i);
  int64_t idx = field_integer(first);
  if (idx == -2) {
    error = "Too many decimal digits in format string";
    return false;
  }
  out.is_auto = first.empty();
  out.index = idx;
  if (idx < 0) out.keyword = std::string(first);
  while (i < name.size()) {
    FieldAccessor acc;
    char c = name[i++];
    size_t start = i;
    if (c == '.') {
      acc.is_attribute = true;
      while (i < name.size() && name[i] != '.' && name[i] != '[') ++i;
      acc.name = std::string(name.substr(start, i - start));
    } else if (c == '[') {
      while (i < name.size() && name[i] != ']') ++i;
      if (i >= name.size()) {
        error = "Missing ']' in format string";
        return false;
      }
      acc.name = std::string(name.substr(start, i - start));
      ++i;
      acc.index = field_integer(acc.name);
      if (acc.index == -2) {
        error = "Too many decimal digits in format string";
        return false;
      }
    } else {
      error = "Only '.' or '[' may follow ']' in format field specifier";
      return false;
    }
    if (acc.name.empty()) {
      error = "Empty attribute in format string";
      return false;
    }
    out.accessors.push_back(std::move(acc));
  }
  return true;
}

// ======================= %-formatting =======================

namespace {

bool is_percent_conversion(char c) {
  switch (c) {
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'e': case 'E': case 'f':
    case 'F': case 'g': case 'G': case 'c': case 's': case 'r': case 'a':
      return true;
    default:
      return false;
  }
}

bool has_flag(const PercentSpec& s, char f) { return s.flags.find(f) != std::string::npos; }

// unicode_format_arg_output: pads `body` (sign included if any) for a
// numeric conversion; `prefix_len` chars after the sign are "0x"/"0o".
std::string percent_pad_number(const PercentSpec& s, std::string_view body, bool alt_prefix) {
  bool zero = has_flag(s, '0');
  bool left = has_flag(s, '-');
  char fill = zero && !left ? '0' : ' ';
  std::string sign;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    sign = std::string(1, body[0]);
    body.remove_prefix(1);
  } else if (has_flag(s, '+')) {
    sign = "+";
  } else if (has_flag(s, ' ')) {
    sign = " ";
  }
  std::string prefix;
  if (alt_prefix) {
    prefix = std::string(body.substr(0, 2));
    body.remove_prefix(2);
  }
  int64_t len = static_cast<int64_t>(sign.size() + prefix.size() + utf8_length(body));
  int64_t pad = std::max<int64_t>(0, s.width - len);
  if (left) return sign + prefix + std::string(body) + std::string(static_cast<size_t>(pad), ' ');
  if (fill == '0') return sign + prefix + std::string(static_cast<size_t>(pad), '0') + std::string(body);
  return std::string(static_cast<size_t>(pad), ' ') + sign + prefix + std::string(body);
}

std::string percent_pad_text(const PercentSpec& s, std::string_view text) {
  int64_t len = static_cast<int64_t>(utf8_length(text));
  int64_t pad = std::max<int64_t>(0, s.width - len);
  std::string fill(static_cast<size_t>(pad), ' ');
  return has_flag(s, '-') ? std::string(text) + fill : fill + std::string(text);
}

}  // namespace

bool parse_percent_format(std::string_view fmt, std::vector<PercentPiece>& out, std::string& error) {
  out.clear();
  PercentPiece cur;
  size_t i = 0;
  auto read_number = [&](int& value) -> bool {
    int64_t v = 0;
    while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
      v = v * 10 + (fmt[i++] - '0');
      if (v > std::numeric_limits<int>::max()) return false;
    }
    value = static_cast<int>(v);
    return true;
  };
  while (i < fmt.size()) {
    char c = fmt[i++];
    if (c != '%') {
      cur.literal += c;
      continue;
    }
    if (i >= fmt.size()) {
      error = "incomplete format";
      return false;
    }
    if (fmt[i] == '%') {  // only an immediate "%%" is a literal percent
      cur.literal += '%';
      ++i;
      continue;
    }
    PercentSpec spec;
    if (fmt[i] == '(') {
      // The key runs to the ')' balancing this '(' (keys may hold parens).
      int depth = 1;
      size_t start = ++i;
      while (i < fmt.size() && depth > 0) {
        if (fmt[i] == '(') ++depth;
        else if (fmt[i] == ')') --depth;
        ++i;
      }
      if (depth > 0) {
        error = "incomplete format key";
        return false;
      }
      spec.mapping_key = std::string(fmt.substr(start, i - 1 - start));
      spec.has_key = true;
    }
    while (i < fmt.size() && std::string_view("-+ #0").find(fmt[i]) != std::string_view::npos)
      spec.flags += fmt[i++];
    if (i < fmt.size() && fmt[i] == '*') {
      spec.width_star = true;
      ++i;
    } else if (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9' && !read_number(spec.width)) {
      error = "width too big";
      return false;
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      if (i < fmt.size() && fmt[i] == '*') {
        spec.precision_star = true;
        ++i;
      } else if (!read_number(spec.precision)) {
        error = "precision too big";
        return false;
      }
    }
    while (i < fmt.size() && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) ++i;
    if (i >= fmt.size()) {
      error = "incomplete format";
      return false;
    }
    size_t conv_at = i;
    char32_t conv = utf8_next(fmt, i);
    if (conv >= 0x80 || !is_percent_conversion(static_cast<char>(conv))) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu",
                    (conv >= 31 && conv <= 126) ? static_cast<char>(conv) : '?',
                    static_cast<unsigned>(conv), utf8_length(fmt.substr(0, conv_at)));
      error = buf;
      return false;
    }
    spec.conversion = static_cast<char>(conv);
    cur.is_spec = true;
    cur.spec = std::move(spec);
    out.push_back(std::move(cur));
    cur = PercentPiece{};
  }
  if (!cur.literal.empty() || out.empty()) out.push_back(std::move(cur));
  return true;
}

namespace {

bool percent_format_int_text(const IntText& v, const PercentSpec& s, std::string& out, std::string& error) {
  switch (s.conversion) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
      double d = 0;
      return int_text_to_double(v, d, error) && percent_format_float(d, s, out, error);
    }
    case 'c': {
      int64_t code = 0;
      if (!int_text_small(v, code) || code < 0 || code > 0x10FFFF) {
        error = "%c arg not in range(0x110000)";  // an OverflowError in CPython
        return false;
      }
      std::string ch;
      utf8_append(ch, static_cast<char32_t>(code));
      out = percent_pad_text(s, ch);
      return true;
    }
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': break;
    default:
      error = std::string("unsupported format character for int: ") + s.conversion;
      return false;
  }
  // formatlong: digits, zero-extended to the precision, then sign/prefix.
  int base = s.conversion == 'o' ? 8 : (s.conversion == 'x' || s.conversion == 'X') ? 16 : 10;
  std::string digits = magnitude_in_base(v, base);
  if (s.precision > static_cast<int>(digits.size()))
    digits.insert(0, static_cast<size_t>(s.precision) - digits.size(), '0');
  bool alt = base != 10 && has_flag(s, '#');
  std::string body = v.negative ? "-" : "";
  if (alt) body += s.conversion == 'o' ? "0o" : "0x";
  body += digits;
  if (s.conversion == 'X')
    for (char& c : body) c = static_cast<char>(c >= 'a' && c <= 'x' ? c - 'a' + 'A' : c);
  out = percent_pad_number(s, body, alt);
  return true;
}

}  // namespace

bool percent_format_int(int64_t v, const PercentSpec& s, std::string& out, std::string& error) {
  return percent_format_int_text(int_text(v), s, out, error);
}

bool percent_format_int_decimal(std::string_view decimal, const PercentSpec& s, std::string& out,
                                std::string& error) {
  IntText v;
  if (!parse_int_text(decimal, v)) {
    error = "invalid decimal integer text";
    return false;
  }
  return percent_format_int_text(v, s, out, error);
}

bool percent_format_float(double v, const PercentSpec& s, std::string& out, std::string& error) {
  switch (s.conversion) {
    case 'd': case 'i': case 'u': {
      if (std::isnan(v)) {
        error = "cannot convert float NaN to integer";  // ValueError
        return false;
      }
      if (std::isinf(v)) {
        error = "cannot convert float infinity to integer";  // OverflowError
        return false;
      }
      // int(v): an integral double prints exactly with %.0f, at any size.
      char buf[400];
      std::snprintf(buf, sizeof buf, "%.0f", std::trunc(v));
      return percent_format_int_decimal(buf, s, out, error);
    }
    case 'o': case 'x': case 'X':
      error = std::string("%") + s.conversion + " format: an integer is required, not float";
      return false;
    case 'c':
      error = "%c requires int or char";
      return false;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': break;
    default:
      error = std::string("unsupported format character for float: ") + s.conversion;
      return false;
  }
  DoubleFormat f;
  f.code = s.conversion;
  f.precision = s.precision < 0 ? 6 : s.precision;
  f.alternate = has_flag(s, '#');
  out = percent_pad_number(s, double_to_string(v, f), false);
  return true;
}

bool percent_format_str(std::string_view utf8, const PercentSpec& s, std::string& out) {
  std::string_view text = utf8;
  if (s.precision >= 0) text = utf8.substr(0, utf8_offset(utf8, static_cast<size_t>(s.precision)));
  out = percent_pad_text(s, text);
  return true;
}

}  // namespace interleave::py::text
