// Compiler: AST -> CodeObj (bytecode). Resolves every name to fast local, cell, global
// or dict lookup (CPython's rules), turns comprehensions into nested functions, and
// compiles try/finally by duplicating the finally body on each exit path.
#pragma once
#include <string>

#include "py/ast.h"
#include "py/heap.h"

namespace interleave::py {

struct CompileResult {
  CodeObj* code = nullptr;   // module code on success
  std::string error;         // "SyntaxError: ..." on failure
  int error_line = 0;
  int error_col = 0;         // 1-based code point column for a caret; 0: none
  int error_end_col = 0;     // one past the last column marked (^^^); 0: one caret
  std::string error_text;    // the line to show instead of the source line; empty: the source's
};

// Compiles a parsed module. Code objects and constants are allocated on `heap`.
CompileResult compile_module(const Ast& ast, Heap& heap, const std::string& filename);

// Lex + parse + compile in one step.
CompileResult compile_source(std::string_view src, Heap& heap, const std::string& filename);

}  // namespace interleave::py
