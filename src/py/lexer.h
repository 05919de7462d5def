// Lexer: Python source -> tokens, with INDENT/DEDENT from leading whitespace and
// implicit line joining inside brackets. Errors are reported as SyntaxError text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace interleave::py {

enum class TokKind { Name, Int, Float, String, FString, Op, Newline, Indent, Dedent, End };

struct Token {
  TokKind kind;
  std::string text;   // name / op text / decoded string value / raw f-string body / number text
  int line = 0;
  int col = 0;
};

struct LexResult {
  std::vector<Token> tokens;
  std::string error;  // "SyntaxError: ..." when lexing failed
  int error_line = 0;
  int unclosed_line = 0;  // an opening bracket never closed (tokens are still complete)
};

// Tokenizes a whole module. `line_offset` shifts reported lines (f-string expressions).
LexResult lex(std::string_view src, int line_offset = 0);

// Appends the UTF-8 encoding of code point `cp` to `out`.
void append_utf8(std::string& out, uint32_t cp);

}  // namespace interleave::py
