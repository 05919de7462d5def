// AST: one Node type for every expression and statement (kind + generic slots), owned
// by an Ast arena. Kept deliberately uniform: the compiler switches on `kind`.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace interleave::py {

enum class NK : uint8_t {
  // expressions
  Name, Int, BigIntLit, Float, Str, Bytes, None, True, False, Ellipsis, FString, FormattedValue,
  BinOp, UnaryOp, BoolOp, Compare, Call, Attribute, Subscript, Slice, Tuple, List, Dict, Set,
  ListComp, SetComp, DictComp, GenExp, Lambda, IfExp, Starred, Yield, YieldFrom, Await, Keyword,
  NamedExpr,  // target := value (str: the name, a: the value)
  // statements
  ExprStmt, Assign, AugAssign, FunctionDef, ClassDef, Return, If, While, For, Break, Continue,
  Pass, Try, ExceptHandler, Raise, With, WithItem, Assert, Delete, Global, Nonlocal, Import,
  ImportFrom, Alias, Comprehension
};

struct Node;

struct Param {
  std::string name;
  Node* def = nullptr;  // default value or nullptr
};

struct Params {
  std::vector<Param> args;    // positional-or-keyword
  std::string vararg;         // *name ("" when absent)
  std::vector<Param> kwonly;
  std::string kwarg;          // **name
};

struct Node {
  NK kind;
  int line = 0;
  std::string str;          // identifier, string or bytes value, operator text, attr name, alias
  std::string str2;         // as-name, f-string conversion
  int64_t ival = 0;         // int value; ImportFrom level; FormattedValue conversion char
  double fval = 0;
  Node* a = nullptr;        // primary child (value, test, func, target...)
  Node* b = nullptr;        // secondary child
  Node* c = nullptr;        // third child (slice step, format spec)
  std::vector<Node*> list;  // elements, args, body, comparators
  std::vector<Node*> list2; // keywords, orelse, handlers, decorators, dict values
  std::vector<Node*> list3; // finalbody, comparison ops (as Str nodes)
  std::unique_ptr<Params> params;
};

// Owns every node of one parse.
struct Ast {
  std::vector<std::unique_ptr<Node>> nodes;
  std::vector<Node*> body;  // module statements
  Node* make(NK k, int line) {
    nodes.push_back(std::make_unique<Node>());
    Node* n = nodes.back().get();
    n->kind = k;
    n->line = line;
    return n;
  }
};

}  // namespace interleave::py
