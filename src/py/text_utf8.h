// Small UTF-8 helpers shared by the text modules. Invalid bytes are taken as
// one code point each, so lengths never stall on bad input.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "py/work_meter.h"

namespace interleave::py::text {

// Byte length of the UTF-8 sequence starting with lead byte c (1 for invalid).
inline size_t utf8_seq_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

// Decodes the code point at byte offset i and advances i past it.
inline char32_t utf8_next(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = utf8_seq_len(c);
  if (n == 1 || i + n > s.size()) {
    ++i;
    return c;
  }
  char32_t cp = c & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

inline void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) utf8_next(s, i);
  return n;
}

// Byte offset of code point index `cp_index` (clamped to the end).
inline size_t utf8_offset(std::string_view s, size_t cp_index) {
  size_t i = 0;
  for (size_t k = 0; k < cp_index && i < s.size(); ++k) utf8_next(s, i);
  return i;
}

// Appends `count` copies of `fill`, a piece of kMeterChunk copies at a time, ticking `wm`
// (may be null) per piece. False when the run is being stopped (`out` is then partial).
inline bool append_fill(std::string& out, char32_t fill, long long count, WorkMeter* wm = nullptr) {
  if (count <= 0) return true;
  if (fill < 0x80 && count <= static_cast<long long>(kMeterChunk)) {  // the common case: one append
    out.append(static_cast<size_t>(count), static_cast<char>(fill));
    return true;
  }
  const long long per = std::min<long long>(count, static_cast<long long>(kMeterChunk));
  std::string piece;  // `per` copies of the fill
  for (long long k = 0; k < per; ++k) utf8_append(piece, fill);
  const size_t width = piece.size() / static_cast<size_t>(per);
  out.reserve(out.size() + width * static_cast<size_t>(count));
  for (; count >= per; count -= per) {
    out += piece;
    if (meter_tick(wm, piece.size())) return false;
  }
  out.append(piece, 0, width * static_cast<size_t>(count));
  return true;
}

}  // namespace interleave::py::text
