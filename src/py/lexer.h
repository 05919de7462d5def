// Lexer: Python source -> tokens, with INDENT/DEDENT from leading whitespace and
// implicit line joining inside brackets. Errors are reported as SyntaxError text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "py/work_meter.h"

namespace interleave::py {

enum class TokKind { Name, Int, Float, String, FString, Bytes, Op, Newline, Indent, Dedent, End };

struct Token {
  TokKind kind;
  std::string text;   // name / op text / decoded string or bytes value / raw f-string body / number text
  int line = 0;
  // Where the token stands in the lexed source, as byte offsets [pos, end), and how many
  // brackets are open around it: the parser's carets and hints ("forgot a comma?") use them.
  unsigned pos = 0;
  unsigned end = 0;
  int depth = 0;
};

struct LexResult {
  std::vector<Token> tokens;
  std::string error;  // "SyntaxError: ..." when lexing failed
  int error_line = 0;
  int error_col = 0;      // 1-based code point column of the caret under error_line; 0: none
  int unclosed_line = 0;  // an opening bracket never closed (tokens are still complete)
  unsigned unclosed_pos = 0;  // that bracket's byte offset
  bool stopped = false;       // the meter said the run is being stopped (tokens incomplete)
};

// Tokenizes a whole module. `line_offset` shifts reported lines (f-string expressions).
// A UTF-8 byte order mark at the start is skipped. Non-ASCII names are checked against
// CPython's identifier rules and NFKC-normalized, as CPython does.
// `wm` (may be null) is ticked every kMeterChunk bytes.
LexResult lex(std::string_view src, int line_offset = 0, WorkMeter* wm = nullptr);

// CPython's SyntaxError text for source that is not valid UTF-8 ("Non-UTF-8 code starting
// with '\xff' in file main.py on line 2, but no encoding declared; ..."), or "" when valid.
std::string check_utf8_source(std::string_view src, const std::string& filename);

// Appends the UTF-8 encoding of code point `cp` to `out`.
void append_utf8(std::string& out, uint32_t cp);

}  // namespace interleave::py
