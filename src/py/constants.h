// The top-level constants of a program (`threads = 2`, `lock = False`, `durations = [5, 1]`):
// found in the source text and replaced there, so the listing a learner reads is exactly
// the program that runs with their values (docs/lesson-format.md, "main.py").
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace interleave::py {

enum class ConstantKind { Int, Float, Bool, Str, None, List, Tuple, Dict, Set };

struct Constant {
  std::string name;
  ConstantKind kind = ConstantKind::Int;
  int line = 0;           // 1-based line of the assignment
  size_t begin = 0;       // byte span of the literal in the source
  size_t end = 0;
  std::string literal;    // its source text
  ConstantKind item_kind = ConstantKind::Int;  // List/Tuple: the first item's kind (Int if empty)
};

// Every module-level `NAME = <literal>` statement, first assignment of each name, in
// source order. A literal is what ast.literal_eval accepts (numbers, strings, True,
// False, None, and lists/tuples/dicts/sets of literals), with an optional sign.
std::vector<Constant> find_constants(std::string_view source);

// True when `text` is one such literal expression.
bool is_literal_source(std::string_view text);

// The program with each named constant's literal replaced by the given Python literal
// (kept on the same lines, so tracebacks point where the listing says). Fails (nullopt,
// `error` set) for a name that is not a constant of the program or a value that is not
// a literal.
std::optional<std::string> override_constants(std::string_view source,
                                              const std::vector<std::pair<std::string, std::string>>& literals,
                                              std::string& error);

// For a plain program's `--set NAME=VALUE`: VALUE read as the constant's own kind (an int
// as a whole number, a bool as true|false, a list as 1,2,3 or a Python list, a str as
// the text itself) and returned as a Python literal. nullopt with `error` naming the
// constant, its line and what is expected.
std::optional<std::string> constant_literal(const Constant& c, const std::string& value, std::string& error);

// "threads (int, line 4), lock (bool, line 5)" - for messages about unknown names.
std::string describe_constants(const std::vector<Constant>& constants);

}  // namespace interleave::py
