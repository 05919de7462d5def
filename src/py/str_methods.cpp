#include "py/str_methods.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "py/text_utf8.h"

namespace interleave::py::text {
namespace {

using u32 = std::u32string;

u32 decode(std::string_view s) {
  u32 out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out += utf8_next(s, i);
  return out;
}

std::string encode(std::u32string_view cps, WorkMeter* wm = nullptr) {
  std::string out;
  out.reserve(cps.size());
  ChunkMeter cm(wm);
  for (size_t k = 0; k < cps.size(); ++k) {
    utf8_append(out, cps[k]);
    if (cm.stop(k)) break;
  }
  return out;
}

// f(out, c) for every code point c of s, then the result encoded; polls `wm` per chunk
// (a partial result once the run is being stopped).
template <typename F>
std::string map_cps(std::string_view s, WorkMeter* wm, F f) {
  u32 out;
  out.reserve(s.size());
  ChunkMeter cm(wm);
  for (size_t i = 0; i < s.size();) {
    f(out, utf8_next(s, i));
    if (cm.stop(i)) return {};
  }
  return encode(out, wm);
}

// f(c) for every byte of the ASCII text s, copied a chunk at a time between polls of `wm`.
template <typename F>
std::string map_ascii(std::string_view s, WorkMeter* wm, F f) {
  std::string r;
  r.reserve(s.size());
  for (size_t b = 0; b < s.size(); b += kMeterChunk) {
    r.append(s.substr(b, kMeterChunk));
    for (size_t k = b; k < r.size(); ++k) r[k] = f(r[k]);
    if (meter_tick(wm, kMeterChunk)) break;
  }
  return r;
}

bool in_ranges(char32_t c, std::initializer_list<std::pair<char32_t, char32_t>> ranges) {
  for (auto [lo, hi] : ranges)
    if (c >= lo && c <= hi) return true;
  return false;
}

// ---- case tables: ASCII, Latin-1 and basic Cyrillic (enough for lessons) ----
bool is_upper_cp(char32_t c) {
  return in_ranges(c, {{'A', 'Z'}, {0xC0, 0xD6}, {0xD8, 0xDE}, {0x178, 0x178}, {0x400, 0x42F}});
}
bool is_lower_cp(char32_t c) {
  return in_ranges(c, {{'a', 'z'}, {0xB5, 0xB5}, {0xDF, 0xF6}, {0xF8, 0xFF}, {0x430, 0x45F}});
}
bool is_cased_cp(char32_t c) { return is_upper_cp(c) || is_lower_cp(c); }

char32_t to_lower_cp(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c == 0x178) return 0xFF;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

// Upper case may expand ("ß" -> "SS"), so it appends.
void append_upper(u32& out, char32_t c) {
  if (c >= 'a' && c <= 'z') out += c - 32;
  else if (c == 0xDF) out += U"SS";
  else if (c == 0xB5) out += 0x39C;
  else if (c == 0xFF) out += 0x178;
  else if (c >= 0xE0 && c <= 0xFE && c != 0xF7) out += c - 32;
  else if (c >= 0x430 && c <= 0x44F) out += c - 32;
  else if (c >= 0x450 && c <= 0x45F) out += c - 80;
  else out += c;
}

// Title case differs from upper case only for "ß" here.
void append_title(u32& out, char32_t c) {
  if (c == 0xDF) out += U"Ss";
  else append_upper(out, c);
}

bool is_decimal_cp(char32_t c) {
  return in_ranges(c, {{'0', '9'}, {0x660, 0x669}, {0x6F0, 0x6F9}, {0x966, 0x96F}, {0xFF10, 0xFF19}});
}
bool is_digit_cp(char32_t c) {
  return is_decimal_cp(c) ||
         in_ranges(c, {{0xB2, 0xB3}, {0xB9, 0xB9}, {0x2070, 0x2070}, {0x2074, 0x2079}, {0x2080, 0x2089}, {0x2460, 0x2468}});
}
bool is_numeric_cp(char32_t c) {
  return is_digit_cp(c) || in_ranges(c, {{0xBC, 0xBE}, {0x2150, 0x2189}, {0x3007, 0x3007}});
}
// Letters: exact for ASCII and Latin-1, approximate blocks elsewhere.
bool is_alpha_cp(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (c < 0x100) return c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
  return in_ranges(c, {{0x100, 0x2AF}, {0x370, 0x373}, {0x376, 0x377}, {0x37B, 0x37D}, {0x386, 0x386},
                       {0x388, 0x3F5}, {0x3F7, 0x481}, {0x48A, 0x52F}, {0x531, 0x556}, {0x561, 0x587},
                       {0x5D0, 0x5EA}, {0x620, 0x64A}, {0x904, 0x939}, {0x1E00, 0x1FFF},
                       {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
                       {0xAC00, 0xD7A3}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}});
}

// ADJUST_INDICES of CPython: slice bounds clamped into [0, len].
void adjust_indices(int64_t len, std::optional<int64_t> start_in, std::optional<int64_t> end_in, int64_t& start,
                    int64_t& end) {
  start = start_in.value_or(0);
  end = end_in.value_or(std::numeric_limits<int64_t>::max());
  if (end > len) end = len;
  else if (end < 0) end = std::max<int64_t>(0, end + len);
  if (start < 0) start = std::max<int64_t>(0, start + len);
}

// The byte range of code points [start, end) (start <= end <= len).
std::string_view cp_range(std::string_view s, bool ascii, int64_t start, int64_t end, size_t& byte_start) {
  if (ascii) {
    byte_start = static_cast<size_t>(start);
    return s.substr(byte_start, static_cast<size_t>(end - start));
  }
  byte_start = utf8_offset(s, static_cast<size_t>(start));
  size_t byte_end = byte_start + utf8_offset(s.substr(byte_start), static_cast<size_t>(end - start));
  return s.substr(byte_start, byte_end - byte_start);
}

std::string strip_impl(std::string_view s, std::optional<std::string_view> chars, bool left, bool right) {
  u32 cps = decode(s);
  u32 set = chars ? decode(*chars) : u32();
  auto strip_it = [&](char32_t c) { return chars ? set.find(c) != u32::npos : is_space_cp(c); };
  size_t b = 0, e = cps.size();
  if (left)
    while (b < e && strip_it(cps[b])) ++b;
  if (right)
    while (e > b && strip_it(cps[e - 1])) --e;
  return encode(std::u32string_view(cps).substr(b, e - b));
}

std::string pad(std::string_view s, int64_t left, int64_t right, char32_t fill, WorkMeter* wm) {
  std::string out;
  std::string one;
  utf8_append(one, fill);
  out.reserve(s.size() + static_cast<size_t>(left + right) * one.size());  // exact: no doubling
  if (!append_fill(out, fill, left, wm)) return out;
  out += s;
  append_fill(out, fill, right, wm);
  return out;
}

void append_hex_escape(std::string& out, char32_t c) {
  char buf[16];
  if (c <= 0xFF) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
  else if (c <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
  else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
  out += buf;
}

// unicode_repr: ' unless the text has ' and no ", escapes for the quote,
// backslash, \t \n \r, control codes, and non-printable (or, for ascii(),
// all non-ASCII) code points.
std::string repr_impl(std::string_view s, bool ascii_only) {
  bool squote = s.find('\'') != std::string_view::npos;
  bool dquote = s.find('"') != std::string_view::npos;
  char quote = squote && !dquote ? '"' : '\'';
  std::string out(1, quote);
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8_next(s, i);
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      append_hex_escape(out, c);
    } else if (c < 0x7F) {
      out += static_cast<char>(c);
    } else if (ascii_only || !is_printable_cp(c)) {
      append_hex_escape(out, c);
    } else {
      utf8_append(out, c);
    }
  }
  out += quote;
  return out;
}

template <class Pred>
bool all_of_nonempty(std::string_view s, Pred pred) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size();)
    if (!pred(utf8_next(s, i))) return false;
  return true;
}

}  // namespace

// ---- code point classes ----

bool is_space_cp(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool is_linebreak_cp(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) || c == 0x85 ||
         c == 0x2028 || c == 0x2029;
}

// Unicode categories Cc Cf Cs Co Cn Zl Zp Zs (but space) are not printable;
// this covers them for the BMP blocks in common use (unassigned code points
// are treated as printable).
bool is_printable_cp(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) return false;
  return !in_ranges(c, {{0x600, 0x605}, {0x61C, 0x61C}, {0x6DD, 0x6DD}, {0x70F, 0x70F}, {0x8E2, 0x8E2},
                        {0x1680, 0x1680}, {0x180E, 0x180E}, {0x2000, 0x200F}, {0x2028, 0x202F},
                        {0x205F, 0x206F}, {0x3000, 0x3000}, {0xD800, 0xF8FF}, {0xFEFF, 0xFEFF},
                        {0xFFF0, 0xFFFB}, {0xFFFE, 0xFFFF}, {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
                        {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}, {0xF0000, 0x10FFFF}});
}

// ---- basics ----

size_t codepoint_length(std::string_view s) { return utf8_length(s); }

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string slice(std::string_view s, std::optional<int64_t> start_in, std::optional<int64_t> stop_in,
                  int64_t step) {
  if (step == 0) return std::string();
  u32 cps = decode(s);
  const int64_t len = static_cast<int64_t>(cps.size());
  // PySlice_AdjustIndices.
  int64_t start, stop;
  if (step > 0) {
    start = start_in.value_or(0);
    stop = stop_in.value_or(len);
    if (start < 0) start = std::max<int64_t>(0, start + len);
    if (start > len) start = len;
    if (stop < 0) stop = std::max<int64_t>(0, stop + len);
    if (stop > len) stop = len;
  } else {
    start = start_in.value_or(len - 1);
    stop = stop_in.value_or(-1 - len);
    if (start < 0) start = std::max<int64_t>(-1, start + len);
    if (start >= len) start = len - 1;
    if (stop < 0) stop = std::max<int64_t>(-1, stop + len);
    if (stop >= len) stop = len - 1;
  }
  u32 out;
  if (step > 0)
    for (int64_t i = start; i < stop; i += step) out += cps[static_cast<size_t>(i)];
  else
    for (int64_t i = start; i > stop; i += step) out += cps[static_cast<size_t>(i)];
  return encode(out);
}

std::optional<std::string> char_at(std::string_view s, int64_t index) {
  int64_t len = static_cast<int64_t>(utf8_length(s));
  if (index < 0) index += len;
  if (index < 0 || index >= len) return std::nullopt;
  size_t b = utf8_offset(s, static_cast<size_t>(index));
  size_t e = b;
  utf8_next(s, e);
  return std::string(s.substr(b, e - b));
}

// ---- splitting ----

std::vector<std::string> split_whitespace(std::string_view s, int64_t maxsplit, WorkMeter* wm) {
  ChunkMeter cm(wm);
  if (is_ascii(s)) {  // fast path: bytes are code points
    std::vector<std::string> out;
    size_t i = 0, n = s.size();
    int64_t left = maxsplit < 0 ? std::numeric_limits<int64_t>::max() : maxsplit;
    auto sp = [&](size_t k) { return is_space_cp(char32_t(s[k])); };
    while (left-- > 0) {
      while (i < n && sp(i)) ++i;
      if (i == n) break;
      size_t j = i;
      while (i < n && !sp(i)) ++i;
      out.emplace_back(s.substr(j, i - j));
      if (cm.stop(i)) return out;
    }
    while (i < n && sp(i)) ++i;
    if (i < n) out.emplace_back(s.substr(i));
    return out;
  }
  u32 c = decode(s);
  std::vector<std::string> out;
  size_t i = 0, n = c.size();
  int64_t left = maxsplit < 0 ? std::numeric_limits<int64_t>::max() : maxsplit;
  while (left-- > 0) {
    while (i < n && is_space_cp(c[i])) ++i;
    if (i == n) break;
    size_t j = i;
    while (i < n && !is_space_cp(c[i])) ++i;
    out.push_back(encode(std::u32string_view(c).substr(j, i - j)));
    if (cm.stop(i)) return out;
  }
  // maxsplit reached: the rest, without its leading whitespace, is one item.
  while (i < n && is_space_cp(c[i])) ++i;
  if (i < n) out.push_back(encode(std::u32string_view(c).substr(i)));
  return out;
}

std::vector<std::string> rsplit_whitespace(std::string_view s, int64_t maxsplit, WorkMeter* wm) {
  u32 c = decode(s);
  ChunkMeter cm(wm);
  std::vector<std::string> out;
  int64_t i = static_cast<int64_t>(c.size()) - 1;
  int64_t left = maxsplit < 0 ? std::numeric_limits<int64_t>::max() : maxsplit;
  auto sp = [&](int64_t k) { return is_space_cp(c[static_cast<size_t>(k)]); };
  while (left-- > 0) {
    while (i >= 0 && sp(i)) --i;
    if (i < 0) break;
    int64_t j = i;
    while (i >= 0 && !sp(i)) --i;
    out.push_back(encode(std::u32string_view(c).substr(static_cast<size_t>(i + 1), static_cast<size_t>(j - i))));
    if (cm.stop(c.size() - static_cast<size_t>(i + 1))) return out;
  }
  while (i >= 0 && sp(i)) --i;
  if (i >= 0) out.push_back(encode(std::u32string_view(c).substr(0, static_cast<size_t>(i + 1))));
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::string> split(std::string_view s, std::string_view sep, int64_t maxsplit, WorkMeter* wm) {
  std::vector<std::string> out;
  if (sep.empty()) return {std::string(s)};
  int64_t left = maxsplit < 0 ? std::numeric_limits<int64_t>::max() : maxsplit;
  size_t i = 0;
  ChunkMeter cm(wm);
  while (left-- > 0) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) break;
    out.emplace_back(s.substr(i, j - i));
    i = j + sep.size();
    if (cm.stop(i)) return out;
  }
  out.emplace_back(s.substr(i));
  return out;
}

std::vector<std::string> rsplit(std::string_view s, std::string_view sep, int64_t maxsplit, WorkMeter* wm) {
  std::vector<std::string> out;
  if (sep.empty()) return {std::string(s)};
  int64_t left = maxsplit < 0 ? std::numeric_limits<int64_t>::max() : maxsplit;
  size_t end = s.size();
  ChunkMeter cm(wm);
  while (left-- > 0 && end >= sep.size()) {
    size_t j = s.rfind(sep, end - sep.size());
    if (j == std::string_view::npos) break;
    out.emplace_back(s.substr(j + sep.size(), end - j - sep.size()));
    end = j;
    if (cm.stop(s.size() - end)) return out;
  }
  out.emplace_back(s.substr(0, end));
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::string> splitlines(std::string_view s, bool keepends, WorkMeter* wm) {
  std::vector<std::string> out;
  size_t i = 0, line_start = 0;
  ChunkMeter cm(wm);
  while (i < s.size()) {
    size_t cp_start = i;
    char32_t c = utf8_next(s, i);
    if (cm.stop(i)) return out;
    if (!is_linebreak_cp(c)) continue;
    if (c == '\r' && i < s.size() && s[i] == '\n') ++i;  // "\r\n" is one break
    out.emplace_back(s.substr(line_start, (keepends ? i : cp_start) - line_start));
    line_start = i;
  }
  if (line_start < s.size()) out.emplace_back(s.substr(line_start));
  return out;
}

std::array<std::string, 3> partition(std::string_view s, std::string_view sep) {
  size_t j = sep.empty() ? std::string_view::npos : s.find(sep);
  if (j == std::string_view::npos) return {std::string(s), "", ""};
  return {std::string(s.substr(0, j)), std::string(sep), std::string(s.substr(j + sep.size()))};
}

std::array<std::string, 3> rpartition(std::string_view s, std::string_view sep) {
  size_t j = sep.empty() ? std::string_view::npos : s.rfind(sep);
  if (j == std::string_view::npos) return {"", "", std::string(s)};
  return {std::string(s.substr(0, j)), std::string(sep), std::string(s.substr(j + sep.size()))};
}

// ---- stripping, replacing ----

std::string strip(std::string_view s, std::optional<std::string_view> chars) {
  return strip_impl(s, chars, true, true);
}
std::string lstrip(std::string_view s, std::optional<std::string_view> chars) {
  return strip_impl(s, chars, true, false);
}
std::string rstrip(std::string_view s, std::optional<std::string_view> chars) {
  return strip_impl(s, chars, false, true);
}

std::string replace(std::string_view s, std::string_view old, std::string_view repl, int64_t count, WorkMeter* wm) {
  int64_t left = count < 0 ? std::numeric_limits<int64_t>::max() : count;
  std::string out;
  ChunkMeter cm(wm);  // counts the bytes written
  if (old.empty()) {
    // repl goes before every code point and at the end, `count` times at most.
    size_t i = 0;
    while (i < s.size()) {
      if (left-- > 0) out += repl;
      else return out + std::string(s.substr(i));
      size_t b = i;
      utf8_next(s, i);
      out += s.substr(b, i - b);
      if (cm.stop(out.size())) return out;
    }
    if (left > 0) out += repl;
    return out;
  }
  size_t i = 0;
  while (left-- > 0) {
    size_t j = s.find(old, i);
    if (j == std::string_view::npos) break;
    out += s.substr(i, j - i);
    out += repl;
    i = j + old.size();
    if (cm.stop(out.size())) return out;
  }
  out += s.substr(i);
  return out;
}

std::string removeprefix(std::string_view s, std::string_view prefix) {
  return std::string(s.substr(0, prefix.size()) == prefix ? s.substr(prefix.size()) : s);
}

std::string removesuffix(std::string_view s, std::string_view suffix) {
  bool has = !suffix.empty() && s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  return std::string(has ? s.substr(0, s.size() - suffix.size()) : s);
}

std::string expandtabs(std::string_view s, int64_t tabsize, WorkMeter* wm) {
  std::string out;
  int64_t column = 0;
  ChunkMeter cm(wm);  // counts the bytes written
  for (size_t i = 0; i < s.size();) {
    if (cm.stop(out.size())) return out;
    size_t b = i;
    char32_t c = utf8_next(s, i);
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t spaces = tabsize - column % tabsize;
        if (!append_fill(out, U' ', spaces, wm)) return out;
        column += spaces;
      }
    } else {
      out += s.substr(b, i - b);
      column = (c == '\n' || c == '\r') ? 0 : column + 1;
    }
  }
  return out;
}

// ---- searching ----

int64_t find(std::string_view s, std::string_view sub, std::optional<int64_t> start_in,
             std::optional<int64_t> end_in) {
  bool ascii = is_ascii(s);
  int64_t len = ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(utf8_length(s));
  int64_t start, end;
  adjust_indices(len, start_in, end_in, start, end);
  int64_t sub_len = static_cast<int64_t>(utf8_length(sub));
  if (end - start < sub_len) return -1;
  size_t byte_start;
  std::string_view hay = cp_range(s, ascii, start, end, byte_start);
  size_t j = hay.find(sub);
  if (j == std::string_view::npos) return -1;
  return start + static_cast<int64_t>(ascii ? j : utf8_length(hay.substr(0, j)));
}

int64_t rfind(std::string_view s, std::string_view sub, std::optional<int64_t> start_in,
              std::optional<int64_t> end_in) {
  bool ascii = is_ascii(s);
  int64_t len = ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(utf8_length(s));
  int64_t start, end;
  adjust_indices(len, start_in, end_in, start, end);
  int64_t sub_len = static_cast<int64_t>(utf8_length(sub));
  if (end - start < sub_len) return -1;
  size_t byte_start;
  std::string_view hay = cp_range(s, ascii, start, end, byte_start);
  size_t j = hay.rfind(sub);
  if (j == std::string_view::npos) return -1;
  return start + static_cast<int64_t>(ascii ? j : utf8_length(hay.substr(0, j)));
}

int64_t count(std::string_view s, std::string_view sub, std::optional<int64_t> start_in,
              std::optional<int64_t> end_in) {
  bool ascii = is_ascii(s);
  int64_t len = ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(utf8_length(s));
  int64_t start, end;
  adjust_indices(len, start_in, end_in, start, end);
  int64_t sub_len = static_cast<int64_t>(utf8_length(sub));
  if (end - start < sub_len) return 0;
  if (sub.empty()) return end - start + 1;  // every gap between code points
  size_t byte_start;
  std::string_view hay = cp_range(s, ascii, start, end, byte_start);
  int64_t n = 0;
  for (size_t j = hay.find(sub); j != std::string_view::npos; j = hay.find(sub, j + sub.size())) ++n;
  return n;
}

bool startswith(std::string_view s, std::string_view prefix, std::optional<int64_t> start_in,
                std::optional<int64_t> end_in) {
  bool ascii = is_ascii(s);
  int64_t len = ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(utf8_length(s));
  int64_t start, end;
  adjust_indices(len, start_in, end_in, start, end);
  if (end - start < static_cast<int64_t>(utf8_length(prefix))) return false;
  size_t byte_start;
  std::string_view hay = cp_range(s, ascii, start, end, byte_start);
  return hay.substr(0, prefix.size()) == prefix;
}

bool endswith(std::string_view s, std::string_view suffix, std::optional<int64_t> start_in,
              std::optional<int64_t> end_in) {
  bool ascii = is_ascii(s);
  int64_t len = ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(utf8_length(s));
  int64_t start, end;
  adjust_indices(len, start_in, end_in, start, end);
  if (end - start < static_cast<int64_t>(utf8_length(suffix))) return false;
  size_t byte_start;
  std::string_view hay = cp_range(s, ascii, start, end, byte_start);
  return hay.size() >= suffix.size() && hay.substr(hay.size() - suffix.size()) == suffix;
}

// ---- case ----

std::string upper(std::string_view s, WorkMeter* wm) {
  if (is_ascii(s)) return map_ascii(s, wm, [](char c) { return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c; });
  return map_cps(s, wm, append_upper);
}

std::string lower(std::string_view s, WorkMeter* wm) {
  if (is_ascii(s)) return map_ascii(s, wm, [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
  return map_cps(s, wm, [](u32& out, char32_t c) { out += to_lower_cp(c); });
}

std::string casefold(std::string_view s, WorkMeter* wm) {
  return map_cps(s, wm, [](u32& out, char32_t c) {
    if (c == 0xDF) out += U"ss";
    else if (c == 0xB5) out += 0x3BC;
    else out += to_lower_cp(c);
  });
}

std::string capitalize(std::string_view s, WorkMeter* wm) {
  bool first = true;
  return map_cps(s, wm, [&first](u32& out, char32_t c) {
    if (first) append_title(out, c);
    else out += to_lower_cp(c);
    first = false;
  });
}

std::string title(std::string_view s, WorkMeter* wm) {
  // A cased character after an uncased one starts a word.
  bool prev_cased = false;
  return map_cps(s, wm, [&prev_cased](u32& out, char32_t c) {
    if (prev_cased) out += to_lower_cp(c);
    else append_title(out, c);
    prev_cased = is_cased_cp(c);
  });
}

std::string swapcase(std::string_view s, WorkMeter* wm) {
  return map_cps(s, wm, [](u32& out, char32_t c) {
    if (is_upper_cp(c)) out += to_lower_cp(c);
    else if (is_lower_cp(c)) append_upper(out, c);
    else out += c;
  });
}

// ---- predicates ----

bool isdigit(std::string_view s) { return all_of_nonempty(s, is_digit_cp); }
bool isdecimal(std::string_view s) { return all_of_nonempty(s, is_decimal_cp); }
bool isnumeric(std::string_view s) { return all_of_nonempty(s, is_numeric_cp); }
bool isalpha(std::string_view s) { return all_of_nonempty(s, is_alpha_cp); }
bool isalnum(std::string_view s) {
  return all_of_nonempty(s, [](char32_t c) { return is_alpha_cp(c) || is_numeric_cp(c); });
}
bool isspace(std::string_view s) { return all_of_nonempty(s, is_space_cp); }

bool isupper(std::string_view s) {
  bool cased = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8_next(s, i);
    if (is_lower_cp(c)) return false;
    cased = cased || is_upper_cp(c);
  }
  return cased;
}

bool islower(std::string_view s) {
  bool cased = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8_next(s, i);
    if (is_upper_cp(c)) return false;
    cased = cased || is_lower_cp(c);
  }
  return cased;
}

bool istitle(std::string_view s) {
  // Upper case only after uncased characters, lower case only after cased.
  bool cased = false, prev_cased = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8_next(s, i);
    if (is_upper_cp(c)) {
      if (prev_cased) return false;
      prev_cased = cased = true;
    } else if (is_lower_cp(c)) {
      if (!prev_cased) return false;
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return cased;
}

bool isidentifier(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  char32_t first = utf8_next(s, i);
  if (first != '_' && !is_alpha_cp(first)) return false;
  while (i < s.size()) {
    char32_t c = utf8_next(s, i);
    if (c != '_' && !is_alpha_cp(c) && !is_decimal_cp(c)) return false;
  }
  return true;
}

bool isprintable(std::string_view s) {
  for (size_t i = 0; i < s.size();)
    if (!is_printable_cp(utf8_next(s, i))) return false;
  return true;
}

// ---- padding ----

std::string center(std::string_view s, int64_t width, char32_t fill, WorkMeter* wm) {
  int64_t len = static_cast<int64_t>(utf8_length(s));
  if (width <= len) return std::string(s);
  int64_t marg = width - len;
  int64_t left = marg / 2 + (marg & width & 1);  // CPython's rounding of odd margins
  return pad(s, left, marg - left, fill, wm);
}

std::string ljust(std::string_view s, int64_t width, char32_t fill, WorkMeter* wm) {
  int64_t len = static_cast<int64_t>(utf8_length(s));
  return width <= len ? std::string(s) : pad(s, 0, width - len, fill, wm);
}

std::string rjust(std::string_view s, int64_t width, char32_t fill, WorkMeter* wm) {
  int64_t len = static_cast<int64_t>(utf8_length(s));
  return width <= len ? std::string(s) : pad(s, width - len, 0, fill, wm);
}

std::string zfill(std::string_view s, int64_t width, WorkMeter* wm) {
  int64_t len = static_cast<int64_t>(utf8_length(s));
  if (width <= len) return std::string(s);
  std::string out;
  out.reserve(s.size() + static_cast<size_t>(width - len));  // one buffer: no temporaries
  bool sign = !s.empty() && (s[0] == '+' || s[0] == '-');
  if (sign) out += s[0];
  if (!append_fill(out, U'0', width - len, wm)) return out;
  out += s.substr(sign ? 1 : 0);
  return out;
}

// ---- repr ----

std::string repr_str(std::string_view s) { return repr_impl(s, false); }
std::string ascii_str(std::string_view s) { return repr_impl(s, true); }

}  // namespace interleave::py::text
