// Parser: tokens -> AST by recursive descent. Constructs outside the Interleave subset
// (match, async, walrus, ...) are rejected with a SyntaxError naming them.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "py/ast.h"
#include "py/work_meter.h"

namespace interleave::py {

struct ParseResult {
  std::unique_ptr<Ast> ast;
  std::string error;     // "SyntaxError: ..." (empty on success)
  int error_line = 0;
  int error_col = 0;     // 1-based code point column for a caret; 0: none
  int error_end_col = 0; // one past the last column CPython marks (^^^); 0: one caret
  std::string error_text;  // the line to show instead of the source line (f-string expressions)
  bool stopped = false;    // the meter said the run is being stopped: no AST, no error
};

// The error for programs nested too deeply to parse or compile (CPython's words).
inline constexpr const char* kTooDeep = "RecursionError: maximum recursion depth exceeded during compilation";

// Parses a whole module. `wm` (may be null) is ticked with the source bytes lexed and parsed.
ParseResult parse(std::string_view src, WorkMeter* wm = nullptr);

}  // namespace interleave::py
