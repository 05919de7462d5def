// Lexer, parser and compiler: tokens, indentation, and the SyntaxErrors of the subset.
#include <catch2/catch.hpp>

#include "py/compiler.h"
#include "py/lexer.h"
#include "py/parser.h"
#include "py/vm.h"

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
  CHECK(parse("if (n := 3):\n    pass\n").error.empty());
  CHECK(parse("class C(metaclass=M):\n    pass\n").error.empty());
  auto w = parse("class C(Base, flag=True):\n    pass\n");
  CHECK(w.error.find("not supported by Interleave") != std::string::npos);
}

TEST_CASE("the compiler rejects misplaced statements") {
  Heap h;
  CHECK(compile_source("return 1\n", h, "x.py").error == "SyntaxError: 'return' outside function");
  CHECK(compile_source("break\n", h, "x.py").error == "SyntaxError: 'break' outside loop");
  CHECK(compile_source("def f():\n    nonlocal q\n", h, "x.py").error.find("no binding for nonlocal 'q'") != std::string::npos);
  CHECK(compile_source("for i in range(3):\n    try:\n        continue\n    finally:\n        pass\n", h, "x.py").code != nullptr);
}

// Found by fuzz_py_compile: nesting used to overflow the C++ stack of the parser or compiler.
TEST_CASE("deep nesting is an error, not a stack overflow (CPython's limits and words)") {
  Heap h;
  auto nested = [](int n) { return std::string(size_t(n), '(') + "1" + std::string(size_t(n), ')') + "\n"; };
  CHECK(compile_source(nested(200), h, "x.py").code != nullptr);
  CHECK(compile_source(nested(201), h, "x.py").error == "SyntaxError: too many nested parentheses");
  CHECK(compile_source("x = " + std::string(5000, '[') + "\n", h, "x.py").error == "SyntaxError: too many nested parentheses");
  auto indented = [](int n) {
    std::string src;
    for (int i = 0; i < n; i++) src += std::string(size_t(i), ' ') + "if x:\n";
    return src + std::string(size_t(n), ' ') + "pass\n";
  };
  CHECK(compile_source(indented(99), h, "x.py").code != nullptr);
  CHECK(compile_source(indented(100), h, "x.py").error == "IndentationError: too many levels of indentation");
  // unary, `not`, lambda and conditional chains recurse in the parser without brackets
  CHECK(compile_source("x = " + std::string(500, '-') + "1\n", h, "x.py").code != nullptr);
  for (const std::string& deep : {"x = " + std::string(20000, '-') + "1\n", "x = " + [] {
                                     std::string s;
                                     for (int i = 0; i < 20000; i++) s += "not ";
                                     return s;
                                   }() + "1\n",
                                  "f = " + [] {
                                    std::string s;
                                    for (int i = 0; i < 20000; i++) s += "lambda: ";
                                    return s;
                                  }() + "1\n",
                                  "x = " + [] {
                                    std::string s;
                                    for (int i = 0; i < 20000; i++) s += "1 if y else ";
                                    return s;
                                  }() + "1\n",
                                  "x = f'{y:" + [] {
                                    std::string s;
                                    for (int i = 0; i < 20000; i++) s += "{y:";
                                    return s;
                                  }() + "'\n"}) {
    CompileResult r = compile_source(deep, h, "x.py");
    CHECK(r.code == nullptr);
    CHECK(r.error == "RecursionError: maximum recursion depth exceeded during compilation");
  }
  // left-deep chains are parsed by loops but compiled recursively
  std::string sum = "x = 1";
  for (int i = 0; i < 1000; i++) sum += " + 1";
  CHECK(compile_source(sum + "\n", h, "x.py").code != nullptr);
  for (const char* link : {" + 1", "[0]", ".a", "()"}) {
    std::string chain = "x = y";
    for (int i = 0; i < 50000; i++) chain += link;
    CHECK(compile_source(chain + "\n", h, "x.py").error == "RecursionError: maximum recursion depth exceeded during compilation");
  }
}

TEST_CASE("a program with 100k distinct constants compiles and runs (the constants index)") {
  // 50k lines, each with a new int, float and str constant; repeated ones must be shared
  std::string src = "total = 0\nlast = ''\nhalves = 0.0\n";
  for (int i = 0; i < 50000; i++) {
    std::string n = std::to_string(i);
    src += "total += " + n + "; halves += " + n + ".5; last = 's" + n + "'; total += 7\n";
  }
  src += "print(total, halves, last)\n";
  Heap heap;
  CompileResult cr = compile_source(src, heap, "t.py");
  REQUIRE(cr.code);
  CHECK(cr.code->consts.size() >= 150000);
  CHECK(cr.code->consts.size() < 150010);  // 7, 0, '' and None once each
  std::string out;
  VM vm(VmConfig{.sink = [&](const std::string& s, Stream, const Thread*) { out += s; }});
  Thread* t = vm.load_main(src, "t.py");
  REQUIRE(t);
  CHECK(vm.run_to_end(*t) == 0);
  CHECK(out == "1250325000 1250000000.0 s49999\n");  // what CPython 3.11 prints
}

TEST_CASE("syntax hints never parse ahead inside another hint's parse-ahead (deep unclosed brackets stay small)") {
  std::string src;  // found by fuzz_py_compile: 14 levels took 512 MB before the fix
  for (int i = 0; i < 40; i++) src += "print{\"\",";
  interleave::core::MemoryAccount* account = interleave::core::MemoryAccount::create(16u << 20);
  std::string out;
  {
    VM vm(VmConfig{.sink = [&](const std::string& s, Stream, const Thread*) { out += s; }, .memory = account});
    CHECK(vm.load_main(src, "t.py") == nullptr);
    CHECK_FALSE(vm.compile_ran_out_of_memory);
    CHECK_THAT(out, Catch::Contains("SyntaxError"));
  }
  interleave::core::MemoryAccount::retire(account);
}
