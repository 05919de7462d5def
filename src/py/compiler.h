// Compiler: AST -> CodeObj (bytecode). Resolves every name to fast local, cell, global
// or dict lookup (CPython's rules), turns comprehensions into nested functions, and
// compiles try/finally by duplicating the finally body on each exit path.
#pragma once
#include <string>

#include "py/ast.h"
#include "py/heap.h"
#include "py/work_meter.h"

namespace interleave::py {

struct CompileResult {
  CodeObj* code = nullptr;   // module code on success
  std::string error;         // "SyntaxError: ..." on failure
  int error_line = 0;
  int error_col = 0;         // 1-based code point column for a caret; 0: none
  int error_end_col = 0;     // one past the last column marked (^^^); 0: one caret
  std::string error_text;    // the line to show instead of the source line; empty: the source's
  bool stopped = false;      // the run was being stopped (the meter said so): no code, no error
};

// Compiles a parsed module. Code objects and constants are allocated on `heap`.
// `wm` (may be null) is ticked per statement and expression.
CompileResult compile_module(const Ast& ast, Heap& heap, const std::string& filename, WorkMeter* wm = nullptr);

// Lex + parse + compile in one step. With a meter, each step ticks it (source bytes, tokens,
// AST nodes) and gives up once the run is being stopped: a 1 MB program stops within
// milliseconds of a stop request instead of after its whole compile.
CompileResult compile_source(std::string_view src, Heap& heap, const std::string& filename, WorkMeter* wm = nullptr);

}  // namespace interleave::py
