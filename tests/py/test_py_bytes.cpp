// bytes and bytearray against CPython 3.11: repr of every byte value, utf-8 decoding of
// invalid and truncated sequences under each error handler, encoding with unencodable
// characters (bytes_cases.inc, from scripts/gen/bytes_cases.py), and the edges the
// conformance programs do not reach: the lexer's tokens and errors, memory limits,
// unbound methods with a wrong receiver, results JSON.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/det_scheduler.h"
#include "py/lexer.h"
#include "py/runtime/program.h"
#include "py/text_utf8.h"
#include "py/vm.h"
#include "bare_run.h"

using namespace interleave;
using namespace interleave::py;

namespace {

struct BytesReprCase {
  int byte;
  const char* bytes_repr;
  const char* bytearray_repr;
};
// Views of literals: a static table of std::strings would cost minutes of compile time.
struct DecodeCase {
  std::string_view input, strict, replace, ignore, backslashreplace;
};
struct EncodeCase {
  const char* text;
  const char* codec;
  const char* errors;
  const char* result;
};
#include "bytes_cases.inc"

// A bare run, finished at once; `memory`: its memory limit (0: the default).
struct Run : testing::Run {
  int code = -1;
  explicit Run(const std::string& src, size_t memory = 0)
      : testing::Run(src, memory ? Limits{.max_memory_bytes = memory} : Limits{}) {
    code = finish();
  }
  std::string last_err_line() const {
    size_t end = err.find_last_not_of('\n');
    if (end == std::string::npos) return "";
    size_t start = err.rfind('\n', end);
    return err.substr(start == std::string::npos ? 0 : start + 1, end + 1 - (start == std::string::npos ? 0 : start + 1));
  }
};

// A Python bytes literal holding exactly `b` (every byte as \xhh).
std::string bytes_literal(std::string_view b) {
  std::string s = "b'";
  char hex[8];
  for (unsigned char c : b) {
    std::snprintf(hex, sizeof hex, "\\x%02x", c);
    s += hex;
  }
  return s + "'";
}

// A Python str literal of UTF-8 text `u` (lone surrogates encoded as three bytes too),
// every non-ASCII code point as \U escape.
std::string str_literal(const std::string& u) {
  std::string s = "'";
  for (size_t i = 0; i < u.size();) {
    char32_t cp = text::utf8_next(u, i);
    char buf[16];
    if (cp >= 0x20 && cp < 0x7f && cp != '\'' && cp != '\\') s += char(cp);
    else { std::snprintf(buf, sizeof buf, "\\U%08x", unsigned(cp)); s += buf; }
  }
  return s + "'";
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> r;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) r.push_back(l);
  return r;
}

}  // namespace

TEST_CASE("repr of every one-byte bytes and bytearray is CPython's", "[bytes]") {
  Run r("for i in range(256):\n    print(repr(bytes([i])))\n    print(repr(bytearray([i])))\n");
  REQUIRE(r.code == 0);
  auto got = lines(r.out);
  REQUIRE(got.size() == 512);
  for (const auto& c : kBytesRepr) {
    INFO("byte " << c.byte);
    CHECK(got[size_t(2 * c.byte)] == c.bytes_repr);
    CHECK(got[size_t(2 * c.byte + 1)] == c.bytearray_repr);
  }
}

TEST_CASE("utf-8 decoding of invalid and truncated sequences matches CPython under each error handler", "[bytes]") {
  std::string src = "cases = [\n";
  for (const auto& c : kDecodeCases) src += "    " + bytes_literal(c.input) + ",\n";
  src += "]\n"
         "for c in cases:\n"
         "    for e in ('strict', 'replace', 'ignore', 'backslashreplace'):\n"
         "        try:\n"
         "            print(c.decode('utf-8', e))\n"
         "        except UnicodeDecodeError as x:\n"
         "            print('UnicodeDecodeError: ' + str(x))\n";
  Run r(src);
  REQUIRE(r.code == 0);
  auto got = lines(r.out);
  size_t n = sizeof kDecodeCases / sizeof kDecodeCases[0];
  REQUIRE(got.size() == 4 * n);
  for (size_t i = 0; i < n; i++) {
    const auto& c = kDecodeCases[i];
    INFO("input " << bytes_literal(c.input));
    CHECK(got[4 * i] == c.strict);
    CHECK(got[4 * i + 1] == c.replace);
    CHECK(got[4 * i + 2] == c.ignore);
    CHECK(got[4 * i + 3] == c.backslashreplace);
  }
}

TEST_CASE("encoding to ascii, latin-1 and utf-8 matches CPython under each error handler", "[bytes]") {
  std::string src = "cases = [\n";
  for (const auto& c : kEncodeCases)
    src += "    (" + str_literal(c.text) + ", '" + c.codec + "', '" + c.errors + "'),\n";
  src += "]\n"
         "for text, codec, errors in cases:\n"
         "    try:\n"
         "        print(repr(text.encode(codec, errors)))\n"
         "    except UnicodeEncodeError as x:\n"
         "        print('UnicodeEncodeError: ' + str(x))\n";
  Run r(src);
  REQUIRE(r.code == 0);
  auto got = lines(r.out);
  size_t n = sizeof kEncodeCases / sizeof kEncodeCases[0];
  REQUIRE(got.size() == n);
  for (size_t i = 0; i < n; i++) {
    INFO(str_literal(kEncodeCases[i].text) << ".encode('" << kEncodeCases[i].codec << "', '" << kEncodeCases[i].errors << "')");
    CHECK(got[i] == kEncodeCases[i].result);
  }
}

TEST_CASE("the lexer reads bytes literals as Bytes tokens with their escapes decoded", "[bytes]") {
  LexResult r = lex("b'a\\x00\\n\\101\\777\\u12' rb'\\n' BR\"\\x\" b'''x\ny'''\n");
  REQUIRE(r.error.empty());
  REQUIRE(r.tokens.size() >= 4);
  CHECK(r.tokens[0].kind == TokKind::Bytes);
  CHECK(r.tokens[0].text == std::string("a\0\nA\xff\\u12", 9));
  CHECK(r.tokens[1].kind == TokKind::Bytes);
  CHECK(r.tokens[1].text == "\\n");
  CHECK(r.tokens[2].text == "\\x");
  CHECK(r.tokens[3].text == "x\ny");
}

TEST_CASE("bad bytes literals are CPython's SyntaxErrors", "[bytes]") {
  CHECK(lex("x = b'caf\xc3\xa9'\n").error == "SyntaxError: bytes can only contain ASCII literal characters");
  CHECK(lex("x = b'\\x4g'\n").error == "SyntaxError: (value error) invalid \\x escape at position 0");
  CHECK(lex("x = bf'a'\n").error == "SyntaxError: invalid syntax");
  CHECK(lex("x = ub'a'\n").error == "SyntaxError: invalid syntax");
  CHECK(Run("x = b'a' f'b'\n").last_err_line() == "SyntaxError: cannot mix bytes and nonbytes literals");
  CHECK(Run("x = 'a' b'b'\n").last_err_line() == "SyntaxError: cannot mix bytes and nonbytes literals");
}

TEST_CASE("bytes that cannot fit the memory limit fail at once with MemoryError", "[bytes]") {
  for (const char* expr : {"bytes(10 ** 12)", "bytearray(10 ** 12)", "b'ab' * 10 ** 12", "10 ** 12 * bytearray(b'x')",
                           "b'x' * 10 ** 6 * 10 ** 6", "b','.join([b'x' * 10 ** 6] * 10 ** 6)",
                           "(b'x' * 10 ** 6).replace(b'x', b'y' * 10 ** 6)"}) {
    Run r(std::string("try:\n    ") + expr + "\nexcept MemoryError:\n    print('MemoryError')\n", size_t(64) << 20);
    INFO(expr << ": " << r.err);
    CHECK(r.out == "MemoryError\n");
  }
}

TEST_CASE("bytes methods called unbound refuse another receiver", "[bytes]") {
  Run r("for f in (lambda: bytes.hex('x'), lambda: bytearray.append(b'x', 1), lambda: bytes.decode(5)):\n"
        "    try:\n        f()\n    except TypeError as e:\n        print(e)\n"
        "print(bytes.hex(b'\\x01'), bytearray.hex(bytearray(b'\\x02')), bytes.upper(bytearray(b'a')))\n");
  CHECK(r.err.empty());
  CHECK(r.out ==
        "descriptor requires a 'bytes' object but received a 'str'\n"
        "descriptor requires a 'bytearray' object but received a 'bytes'\n"
        "descriptor requires a 'bytes' object but received a 'int'\n"
        "01 02 bytearray(b'A')\n");
}

TEST_CASE("a bytearray grows while iterated and bytes constants survive collections", "[bytes]") {
  Run r("ba = bytearray(b'ab')\nseen = []\nfor c in ba:\n    seen.append(c)\n    if len(ba) < 4:\n        ba.append(c + 1)\n"
        "print(seen)\n"
        "keep = {b'key%d' % i: bytearray(b'v') * i for i in range(3)}\n"
        "junk = [[b'x' * 100] for _ in range(20000)]\n"
        "print(keep, b'key1' in keep)\n");
  CHECK(r.err.empty());
  CHECK(r.out == "[97, 98, 98, 99]\n{b'key0': bytearray(b''), b'key1': bytearray(b'v'), b'key2': bytearray(b'vv')} True\n");
}

TEST_CASE("runtime: bytes in results JSON are their repr strings", "[bytes]") {
  ProgramConfig cfg;
  cfg.run.mode = core::Mode::Det;
  cfg.run.seed = 1;
  cfg.watched = {"packet"};
  Program p("import interleave\npacket = b'\\x00ab\"'\ninterleave.report('frames', [bytearray(b'x'), {b'k': b'v'}])\n", cfg);
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.result_json("packet") == "\"b'\\\\x00ab\\\"'\"");
  CHECK(p.result_json("frames") == "[\"bytearray(b'x')\", {\"b'k'\": \"b'v'\"}]");
}
