// [SECTION] tables  [SECTION] classes  [SECTION] NFKC
#include "py/unicode_ident.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace interleave::py::unicode {
namespace {

// [SECTION] tables
struct Range { char32_t first, last; };
struct CombiningRange { char32_t first, last; uint8_t cls; };
struct Decomp { char32_t cp; uint16_t offset; uint8_t len; };
struct Compose { char32_t first, second, composite; };

#include "py/unicode_tables.inc"

template <size_t N>
bool in_ranges(const Range (&rs)[N], char32_t c) {
  auto it = std::upper_bound(std::begin(rs), std::end(rs), c, [](char32_t x, const Range& r) { return x < r.first; });
  return it != std::begin(rs) && c <= std::prev(it)->last;
}

// Hangul syllables decompose and compose by formula (Unicode 3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

int combining_class(char32_t c) {
  auto it = std::upper_bound(std::begin(kCombining), std::end(kCombining), c,
                             [](char32_t x, const CombiningRange& r) { return x < r.first; });
  if (it == std::begin(kCombining) || c > std::prev(it)->last) return 0;
  return std::prev(it)->cls;
}

void decompose(char32_t c, std::u32string& out) {
  if (c >= kSBase && c < kSBase + kSCount) {
    char32_t s = c - kSBase;
    out += kLBase + s / kNCount;
    out += kVBase + (s % kNCount) / kTCount;
    if (s % kTCount) out += kTBase + s % kTCount;
    return;
  }
  auto it = std::lower_bound(std::begin(kDecomp), std::end(kDecomp), c, [](const Decomp& d, char32_t x) { return d.cp < x; });
  if (it != std::end(kDecomp) && it->cp == c) out.append(kDecompData + it->offset, it->len);
  else out += c;
}

// The primary composite of a + b, or 0.
char32_t compose(char32_t a, char32_t b) {
  if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount)
    return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
  if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount)
    return a + (b - kTBase);
  Compose key{a, b, 0};
  auto it = std::lower_bound(std::begin(kCompose), std::end(kCompose), key, [](const Compose& x, const Compose& y) {
    return x.first != y.first ? x.first < y.first : x.second < y.second;
  });
  return it != std::end(kCompose) && it->first == a && it->second == b ? it->composite : 0;
}

}  // namespace

// [SECTION] classes
bool is_id_start(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return in_ranges(kXidStart, c);
}

bool is_id_continue(char32_t c) {
  if (c < 0x80) return is_id_start(c) || (c >= '0' && c <= '9');
  return in_ranges(kXidContinue, c);
}

bool is_printable(char32_t c) {
  if (c < 0x80) return c >= 0x20 && c < 0x7F;
  return in_ranges(kPrintable, c);
}

// [SECTION] NFKC
std::u32string nfkc(std::u32string_view s) {
  std::u32string d;
  for (char32_t c : s) decompose(c, d);
  // canonical order: marks between two starters sorted (stably) by combining class
  for (size_t i = 1; i < d.size(); i++) {
    int cc = combining_class(d[i]);
    if (cc == 0) continue;
    for (size_t j = i; j > 0 && combining_class(d[j - 1]) > cc; j--) std::swap(d[j], d[j - 1]);
  }
  // canonical composition: each mark joins the last starter unless a mark of the same or
  // higher class (or a starter) stands between them
  std::u32string out;
  size_t starter = std::u32string::npos;
  int last_cc = -1;  // class of the last character after the starter; -1: none
  for (char32_t c : d) {
    int cc = combining_class(c);
    if (starter != std::u32string::npos && (last_cc == -1 || (last_cc != 0 && last_cc < cc))) {
      if (char32_t comp = compose(out[starter], c)) {
        out[starter] = comp;
        continue;
      }
    }
    if (cc == 0) {
      starter = out.size();
      last_cc = -1;
    } else {
      last_cc = cc;
    }
    out += c;
  }
  return out;
}

}  // namespace interleave::py::unicode
