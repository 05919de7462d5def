// Source-level rules against CPython 3.11: TabError, the UTF-8 BOM, invalid and
// non-printable characters (message and caret), source that is not UTF-8, NFKC
// identifiers and the 4300-digit limit on int literals. source_error_cases.inc holds what
// CPython printed for each program (scripts/gen/source_error_cases.py).
#include <catch2/catch.hpp>

#include <string>

#include "py/unicode_ident.h"
#include "py/vm.h"

using namespace interleave::py;

namespace {
struct SourceCase {
  std::string source;
  const char* expected;
};
#include "source_error_cases.inc"
}  // namespace

TEST_CASE("source rules print what CPython prints for the file") {
  for (const auto& c : kSourceCases) {
    std::string out;
    VM vm(VmConfig{.sink = [&](const std::string& s, Stream, const Thread*) { out += s; }});
    Thread* t = vm.load_main(c.source, "t.py");
    if (t) vm.run_to_end(*t);
    INFO("source: " << c.source);
    std::string expected = c.expected;
    if (c.source.size() > 4000) {
      // CPython shows only the part of a very long line left in its file buffer: compare
      // the message (the last line)
      auto last_line = [](const std::string& s) { return s.substr(s.rfind('\n', s.size() - 2) + 1); };
      CHECK(last_line(out) == last_line(expected));
    } else {
      CHECK(out == expected);
    }
  }
}

TEST_CASE("NFKC of identifier characters matches CPython's unicodedata") {
  // unicodedata.normalize('NFKC', s) on CPython 3.11
  CHECK(unicode::nfkc(U"\uFB01") == U"fi");
  CHECK(unicode::nfkc(U"e\u0301") == U"\u00E9");
  CHECK(unicode::nfkc(U"q\u0307\u0323") == U"q\u0323\u0307");
  CHECK(unicode::nfkc(U"\u1100\u1161\u11A8") == U"\uAC01");
  CHECK(unicode::nfkc(U"\u212B") == U"\u00C5");
  CHECK(unicode::nfkc(U"\u1E9B\u0323") == U"\u1E69");
  CHECK(unicode::nfkc(U"\u01C6") == U"d\u017E");
  CHECK(unicode::nfkc(U"\uFB03\u2160") == U"ffiI");
  CHECK(unicode::nfkc(U"a\u0328\u0301") == U"\u0105\u0301");
  CHECK(unicode::is_id_start(U'\u00E9'));
  CHECK_FALSE(unicode::is_id_start(U'\u00B2'));
  CHECK(unicode::is_id_continue(U'\u0301'));
  CHECK_FALSE(unicode::is_printable(U'\u200B'));
  CHECK(unicode::is_printable(U'\u20AC'));
}
