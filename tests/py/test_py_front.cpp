// Lexer, parser and compiler: tokens, indentation, and the SyntaxErrors of the subset.
#include <catch2/catch.hpp>

#include "py/compiler.h"
#include "py/lexer.h"
#include "py/parser.h"

using namespace interleave::py;

TEST_CASE("the lexer produces INDENT/DEDENT and joins bracketed lines") {
  auto r = lex("if x:\n    y = [1,\n  2]\nz\n");
  REQUIRE(r.error.empty());
  int indents = 0, dedents = 0;
  for (auto& t : r.tokens) {
    if (t.kind == TokKind::Indent) indents++;
    if (t.kind == TokKind::Dedent) dedents++;
  }
  CHECK(indents == 1);
  CHECK(dedents == 1);
}

TEST_CASE("string literals decode escapes; f-strings stay raw for the parser") {
  auto r = lex("'a\\tb' f'{x!r:>4}'\n");
  REQUIRE(r.error.empty());
  CHECK(r.tokens[0].text == "a\tb");
  CHECK(r.tokens[1].kind == TokKind::FString);
}

TEST_CASE("syntax errors are reported with a line") {
  auto p = parse("x = (1,\ny = 2\n");
  CHECK(!p.error.empty());
  auto q = parse("def f(:\n  pass\n");
  CHECK(q.error.rfind("SyntaxError", 0) == 0);
  auto w = parse("if (n := 3):\n    pass\n");
  CHECK(w.error.find("not supported by Interleave") != std::string::npos);
}

TEST_CASE("the compiler rejects misplaced statements") {
  Heap h;
  CHECK(compile_source("return 1\n", h, "x.py").error == "SyntaxError: 'return' outside function");
  CHECK(compile_source("break\n", h, "x.py").error == "SyntaxError: 'break' outside loop");
  CHECK(compile_source("def f():\n    nonlocal q\n", h, "x.py").error.find("no binding for nonlocal 'q'") != std::string::npos);
  CHECK(compile_source("for i in range(3):\n    try:\n        continue\n    finally:\n        pass\n", h, "x.py").code != nullptr);
}
