// [SECTION] token access  [SECTION] statements  [SECTION] expressions  [SECTION] hints  [SECTION] f-strings
// Errors never throw (Emscripten builds have C++ exceptions off): the first error is
// recorded, the token stream then reads as End, and every rule returns a dummy node.
#include "py/parser.h"

#include <cstdlib>
#include <cstring>

#include "py/bigint.h"
#include "py/lexer.h"
#include "py/text_utf8.h"

namespace interleave::py {
namespace {

// Token indices [first, last] of a construct, when known.
struct TokenSpan {
  size_t first = 0, last = 0;
  bool known = false;
};

struct Parser {
  std::vector<Token> toks;
  size_t p = 0;
  Ast* ast = nullptr;
  std::string error;
  int error_line = 0;
  unsigned error_at = 0;                 // byte offset of the token the error was found at
  size_t error_tok = 0;                  // and its index
  bool looked_to_end = false;            // a hint read on to the end of the input
  bool fstring_expression_failed = false; // the caret then belongs to error_text
  std::string error_text;                 // the line to show instead of the source's
  unsigned caret_pos = 0, caret_end = 0;  // the range CPython marks; empty: no caret
  // The last disjunction (or_test) parsed, as token indices [start, end): the hints below
  // look at what stood before the token that failed.
  size_t last_disj_start = 0, last_disj_end = size_t(-1);
  Token end_tok{TokKind::End, "", 0};
  WorkMeter* wm = nullptr;
  unsigned metered = 0;  // the source bytes before this were counted by the meter
  bool stopped = false;
  // Recursion guard: expressions nest through test(), not_test() and factor() (brackets are
  // capped by the lexer); beyond kMaxDepth levels the parse fails instead of the C++ stack.
  static constexpr int kMaxDepth = 1000;
  int depth = 0;
  struct Nest {
    Parser& p;
    explicit Nest(Parser& q) : p(q) {
      if (++p.depth > kMaxDepth && p.error.empty()) {
        p.error = kTooDeep;
        p.error_line = p.toks[p.p].line;
      }
    }
    ~Nest() { --p.depth; }
  };
  bool too_deep() const { return depth > kMaxDepth; }
  // The error was found where only the end of the input remained.
  bool failed_at_end() const { return only_end_from(error_tok); }
  bool only_end_from(size_t first) const {
    for (size_t k = first; k < toks.size(); k++)
      if (toks[k].kind != TokKind::Newline && toks[k].kind != TokKind::Dedent && toks[k].kind != TokKind::End) return false;
    return true;
  }

  // [SECTION] token access
  const Token& tok() const { return error.empty() ? toks[p] : end_tok; }
  const Token& peek(int k = 1) const {
    if (!error.empty()) return end_tok;
    return p + k < toks.size() ? toks[p + k] : toks.back();
  }
  int line() const { return tok().line; }
  bool at_op(const char* op) const { return tok().kind == TokKind::Op && tok().text == op; }
  bool at_kw(const char* kw) const { return tok().kind == TokKind::Name && tok().text == kw; }
  bool at(TokKind k) const { return tok().kind == k; }
  void next() {
    if (!error.empty() || p + 1 >= toks.size()) return;
    if ((++p & (kMeterChunk - 1)) == 0) meter();
  }
  // Every kMeterChunk tokens: ticks the meter with the source bytes read since the last
  // tick (tokens read again after a look-ahead count once). Once the run is being stopped
  // the parse fails at once; parse() reports it as stopped, not as an error.
  void meter() {
    const unsigned pos = toks[p].pos;
    if (pos <= metered) return;
    stopped = meter_tick(wm, pos - metered) || stopped;
    metered = pos;
    if (stopped) fail("stopped");  // again after a look-ahead cleared it
  }
  bool accept_op(const char* op) { if (at_op(op)) { next(); return true; } return false; }
  bool accept_kw(const char* kw) { if (at_kw(kw)) { next(); return true; } return false; }
  // The first error wins. Every error remembers the token it was found at (an unclosed
  // bracket before it explains it better); `caret` marks the source range CPython shows.
  Node* fail(const std::string& msg, int ln = -1) {
    if (error.empty()) {
      error = "SyntaxError: " + msg;
      error_line = ln >= 0 ? ln : toks[p].line;
      error_at = toks[p].pos;
      error_tok = p;
    }
    return ast->make(NK::None, 0);
  }
  Node* fail_at_token(const std::string& msg) {
    if (!error.empty()) return ast->make(NK::None, 0);
    fail(msg);
    caret_pos = toks[p].pos;
    caret_end = toks[p].end;
    return ast->make(NK::None, 0);
  }
  void fail_range(const std::string& msg, size_t from, unsigned end) {
    if (!error.empty()) return;
    fail(msg, toks[from].line);
    caret_pos = toks[from].pos;
    caret_end = end;
  }
  // "invalid syntax" where the current token cannot continue: CPython's hints first.
  Node* invalid_syntax() {
    // Inside a hint's parse-ahead only success counts, so hints there would change nothing -
    // and nested, each level parsing ahead again, they would take time exponential in depth.
    const bool hints = error.empty() && parsing_ahead_ == 0;
    if (error.empty() && !(hints && (hint_forgotten_comma() || hint_legacy_print() || hint_named_assignment())))
      fail_at_token("invalid syntax");
    return ast->make(NK::None, 0);
  }
  void expect_op(const char* op) {
    if (!accept_op(op)) {
      if (at(TokKind::Newline) || at(TokKind::End)) fail_at_token(std::string("expected '") + op + "'");
      else invalid_syntax();
    }
  }
  std::string expect_name() {
    if (!at(TokKind::Name) || is_keyword(tok().text)) { invalid_syntax(); return "_"; }
    std::string s = tok().text;
    next();
    return s;
  }
  static bool is_keyword(const std::string& s) {
    static const char* const kw[] = {"False", "None", "True", "and", "as", "assert", "async", "await",
      "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
      "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
      "return", "try", "while", "with", "yield", nullptr};
    for (int i = 0; kw[i]; i++) if (s == kw[i]) return true;
    return false;
  }
  Node* mk(NK k, int ln) { return ast->make(k, ln); }
  Node* unsupported(const std::string& what, int ln) {
    return fail(what + " are not supported by Interleave", ln);
  }

  // [SECTION] statements
  std::vector<Node*> block(const char* what, int ln) {
    std::vector<Node*> body;
    if (!at(TokKind::Newline)) {  // simple statements on the same line
      simple_stmts(body);
      return body;
    }
    next();
    if (!at(TokKind::Indent)) {
      if (error.empty()) {
        error = "IndentationError: expected an indented block after " + std::string(what) + " on line " + std::to_string(ln);
        error_line = toks[p].line;
        caret_pos = toks[p].pos;
        caret_end = toks[p].pos + 1;
      }
      return body;
    }
    next();
    while (!at(TokKind::Dedent) && !at(TokKind::End)) statement(body);
    if (at(TokKind::Dedent)) next();
    return body;
  }

  void statement(std::vector<Node*>& out) {
    int ln = line();
    if (at(TokKind::Indent)) {
      if (error.empty()) { error = "IndentationError: unexpected indent"; error_line = toks[p].line; }
      return;
    }
    if (at(TokKind::Name)) {
      const std::string& w = tok().text;
      if (w == "def") { out.push_back(funcdef({})); return; }
      if (w == "class") { out.push_back(classdef({})); return; }
      if (w == "if") { out.push_back(if_stmt()); return; }
      if (w == "while") { out.push_back(while_stmt()); return; }
      if (w == "for") { out.push_back(for_stmt()); return; }
      if (w == "try") { out.push_back(try_stmt()); return; }
      if (w == "with") { out.push_back(with_stmt()); return; }
      if (w == "async") { out.push_back(async_stmt({})); return; }
      if (w == "match" && peek().kind != TokKind::Op) {
        // `match x:` as a statement (but `match = 3` or `match(...)` are ordinary names)
        size_t q = p + 1;
        int d = 0;
        while (q < toks.size() && toks[q].kind != TokKind::Newline) {
          if (toks[q].kind == TokKind::Op && (toks[q].text == "(" || toks[q].text == "[")) d++;
          if (toks[q].kind == TokKind::Op && (toks[q].text == ")" || toks[q].text == "]")) d--;
          q++;
        }
        if (q > 0 && toks[q - 1].kind == TokKind::Op && toks[q - 1].text == ":") {
          fail("'match' statements are not supported by Interleave", ln);
          return;
        }
      }
    }
    if (at_op("@")) {
      std::vector<Node*> decos;
      while (accept_op("@")) {
        decos.push_back(test());
        if (!at(TokKind::Newline)) { invalid_syntax(); return; }
        next();
      }
      if (at_kw("def")) out.push_back(funcdef(decos));
      else if (at_kw("async")) out.push_back(async_stmt(decos));
      else if (at_kw("class")) out.push_back(classdef(decos));
      else invalid_syntax();
      return;
    }
    simple_stmts(out);
  }

  void simple_stmts(std::vector<Node*>& out) {
    for (;;) {
      out.push_back(simple_stmt());
      if (!accept_op(";")) break;
      if (at(TokKind::Newline)) break;
    }
    if (!at(TokKind::Newline) && !at(TokKind::End)) { invalid_syntax(); return; }
    next();
  }

  Node* simple_stmt() {
    int ln = line();
    if (at(TokKind::Name)) {
      const std::string w = tok().text;
      if (w == "pass") { next(); return mk(NK::Pass, ln); }
      if (w == "break") { next(); return mk(NK::Break, ln); }
      if (w == "continue") { next(); return mk(NK::Continue, ln); }
      if (w == "return") {
        next();
        Node* n = mk(NK::Return, ln);
        if (!at(TokKind::Newline) && !at_op(";")) n->a = testlist_star();
        return n;
      }
      if (w == "raise") {
        next();
        Node* n = mk(NK::Raise, ln);
        if (!at(TokKind::Newline) && !at_op(";")) {
          n->a = test();
          if (accept_kw("from")) n->b = test();
        }
        return n;
      }
      if (w == "global" || w == "nonlocal") {
        next();
        Node* n = mk(w == "global" ? NK::Global : NK::Nonlocal, ln);
        do { Node* nm = mk(NK::Name, ln); nm->str = expect_name(); n->list.push_back(nm); } while (accept_op(","));
        return n;
      }
      if (w == "del") {
        next();
        Node* n = mk(NK::Delete, ln);
        do { n->list.push_back(or_expr()); } while (accept_op(",") && !at(TokKind::Newline));
        return n;
      }
      if (w == "assert") {
        next();
        Node* n = mk(NK::Assert, ln);
        n->a = test();
        if (accept_op(",")) n->b = test();
        return n;
      }
      if (w == "import") {
        next();
        Node* n = mk(NK::Import, ln);
        do {
          Node* al = mk(NK::Alias, ln);
          al->str = dotted_name();
          if (accept_kw("as")) al->str2 = expect_name();
          n->list.push_back(al);
        } while (accept_op(","));
        return n;
      }
      if (w == "from") {
        next();
        Node* n = mk(NK::ImportFrom, ln);
        while (at_op(".") || at_op("...")) { n->ival += at_op(".") ? 1 : 3; next(); }
        if (n->ival > 0) return unsupported("relative imports", ln);
        n->str = dotted_name();
        if (!accept_kw("import")) return invalid_syntax();
        if (accept_op("*")) { Node* al = mk(NK::Alias, ln); al->str = "*"; n->list.push_back(al); return n; }
        bool paren = accept_op("(");
        do {
          if (paren && at_op(")")) break;
          Node* al = mk(NK::Alias, ln);
          al->str = expect_name();
          if (accept_kw("as")) al->str2 = expect_name();
          n->list.push_back(al);
        } while (accept_op(","));
        if (paren) expect_op(")");
        return n;
      }
    }
    // expression statement, assignment or augmented assignment
    const size_t first_at = p;
    Node* first = testlist_star();
    if (at(TokKind::Op)) {
      const std::string& op = tok().text;
      if (op == "=") {
        Node* n = mk(NK::Assign, ln);
        n->list.push_back(first);
        std::vector<TokenSpan> spans{TokenSpan{first_at, p - 1, p > first_at}};
        Node* value = nullptr;
        while (accept_op("=")) {
          const size_t value_at = p;
          value = at_kw("yield") ? yield_expr() : testlist_star();
          if (at_op("=")) { n->list.push_back(value); spans.push_back(TokenSpan{value_at, p - 1, p > value_at}); }
        }
        n->a = value;
        for (size_t k = 0; k < n->list.size(); k++) check_target(n->list[k], spans[k], k == 0);
        return n;
      }
      if (op == ":") {  // annotated assignment: b is the annotation (an annotation alone: a Pass)
        next();
        Node* ann = test();
        Node* n = mk(NK::Assign, ln);
        n->list.push_back(first);
        n->b = ann;
        check_target(first);
        if (accept_op("=")) n->a = testlist_star();
        else { n->kind = NK::Pass; }
        return n;
      }
      if (op == ":=") return invalid_syntax();  // a named expression needs brackets here
      if (op.size() >= 2 && op.back() == '=' && op != "==" && op != "<=" && op != ">=" && op != "!=") {
        next();
        Node* n = mk(NK::AugAssign, ln);
        n->str = op.substr(0, op.size() - 1);
        n->a = first;
        if (first->kind != NK::Name && first->kind != NK::Attribute && first->kind != NK::Subscript)
          return fail("'" + describe(first) + "' is an illegal expression for augmented assignment", ln);
        n->b = at_kw("yield") ? yield_expr() : testlist_star();
        return n;
      }
    }
    Node* n = mk(NK::ExprStmt, ln);
    n->a = first;
    return n;
  }

  static std::string describe(Node* n) {
    switch (n->kind) {
      case NK::Call: return "function call";
      case NK::Int: case NK::Float: case NK::Str: case NK::Bytes: case NK::None: case NK::True: case NK::False: return "literal";
      case NK::Tuple: return "tuple";
      case NK::List: return "list";
      default: return "expression";
    }
  }

  // A target CPython rejects. `span` is where the whole target stands; nested targets have
  // no span of their own here, so they get no caret. Only the first target of an
  // assignment can be a mistyped comparison.
  void check_target(Node* t, TokenSpan span = TokenSpan(), bool first_target = true) {
    std::string what;
    switch (t->kind) {
      case NK::Name: case NK::Attribute: case NK::Subscript: return;
      case NK::Tuple: case NK::List: for (Node* e : t->list) check_target(e); return;
      case NK::Starred: check_target(t->a); return;
      case NK::Call: what = "function call"; break;
      default: what = describe(t); break;
    }
    const std::string msg = "cannot assign to " + what + (first_target ? " here. Maybe you meant '==' instead of '='?" : "");
    if (span.known && toks[span.first].line == t->line) fail_range(msg, span.first, toks[span.last].end);
    else fail(msg, t->line);
  }

  std::string dotted_name() {
    std::string s = expect_name();
    while (accept_op(".")) s += "." + expect_name();
    return s;
  }

  // `async def` / `async with` / `async for` (ival = 1 marks them).
  Node* async_stmt(std::vector<Node*> decos) {
    next();  // async
    Node* n = nullptr;
    if (at_kw("def")) n = funcdef(std::move(decos));
    else if (!decos.empty()) return invalid_syntax();
    else if (at_kw("with")) n = with_stmt();
    else if (at_kw("for")) n = for_stmt();
    else return invalid_syntax();
    if (n) n->ival = 1;
    return n;
  }

  Node* funcdef(std::vector<Node*> decos) {
    int ln = line();
    next();  // def
    Node* n = mk(NK::FunctionDef, ln);
    n->str = expect_name();
    n->list2 = std::move(decos);
    expect_op("(");
    n->params = params(")");
    expect_op(")");
    if (accept_op("->")) test();
    expect_op(":");
    n->list = block("function definition", ln);
    return n;
  }

  std::unique_ptr<Params> params(const char* close) {
    auto ps = std::make_unique<Params>();
    bool kwonly = false;
    bool seen_default = false;
    while (!at_op(close) && !at(TokKind::End)) {
      if (accept_op("**")) {
        ps->kwarg = expect_name();
        if (!std::strcmp(close, ")") && accept_op(":")) test();
      } else if (accept_op("*")) {
        kwonly = true;
        if (at(TokKind::Name)) {
          ps->vararg = expect_name();
          if (!std::strcmp(close, ")") && accept_op(":")) test();
        }
      } else if (accept_op("/")) {
        // positional-only marker: accepted, treated as ordinary params
      } else {
        Param prm;
        const size_t name_at = p;
        prm.name = expect_name();
        if (!std::strcmp(close, ")") && accept_op(":")) test();
        if (accept_op("=")) { prm.def = test(); seen_default = true; }
        else if (seen_default && !kwonly) fail_range("non-default argument follows default argument", name_at, toks[name_at].end);
        (kwonly ? ps->kwonly : ps->args).push_back(prm);
      }
      if (!accept_op(",")) break;
    }
    return ps;
  }

  Node* classdef(std::vector<Node*> decos) {
    int ln = line();
    next();
    Node* n = mk(NK::ClassDef, ln);
    n->str = expect_name();
    n->list2 = std::move(decos);
    if (accept_op("(")) {
      while (!at_op(")") && !at(TokKind::End)) {
        if (at(TokKind::Name) && peek().kind == TokKind::Op && peek().text == "=") {
          if (tok().text != "metaclass" || n->b) return unsupported("class keyword arguments", ln);
          next();
          next();
          n->b = test();
          if (!accept_op(",")) break;
          continue;
        }
        n->list3.push_back(test());
        if (!accept_op(",")) break;
      }
      expect_op(")");
    }
    n->a = n->list3.empty() ? nullptr : n->list3[0];
    expect_op(":");
    n->list = block("class definition", ln);
    return n;
  }

  Node* if_stmt() {
    int ln = line();
    next();  // if / elif
    Node* n = mk(NK::If, ln);
    n->a = named_test();
    expect_op(":");
    n->list = block("'if' statement", ln);
    if (at_kw("elif")) {
      n->list2.push_back(if_stmt());
    } else if (accept_kw("else")) {
      expect_op(":");
      n->list2 = block("'else' statement", line() - 1);
    }
    return n;
  }

  Node* named_test() { return walrus(test()); }

  // `target := value` after `target` was parsed: where the grammar allows a named expression
  // (conditions, groups, displays, call arguments). Only a plain name may be its target.
  Node* walrus(Node* target) {
    if (!at_op(":=")) return target;
    const int ln = line();
    if (target->kind != NK::Name) {
      const char* what = target->kind == NK::Attribute ? "attribute" : target->kind == NK::Subscript ? "subscript"
                         : target->kind == NK::Tuple ? "tuple" : target->kind == NK::List ? "list" : "expression";
      return fail(std::string("cannot use assignment expressions with ") + what, ln);
    }
    next();
    Node* n = mk(NK::NamedExpr, ln);
    n->str = target->str;
    n->a = test();
    return n;
  }
  Node* named_test_or_star() { return walrus(test_or_star()); }

  Node* while_stmt() {
    int ln = line();
    next();
    Node* n = mk(NK::While, ln);
    n->a = named_test();
    expect_op(":");
    n->list = block("'while' statement", ln);
    if (accept_kw("else")) { expect_op(":"); n->list2 = block("'else' statement", line() - 1); }
    return n;
  }

  Node* for_stmt() {
    int ln = line();
    next();
    Node* n = mk(NK::For, ln);
    n->a = target_list();
    check_target(n->a);
    if (!accept_kw("in")) return invalid_syntax();
    n->b = testlist();
    expect_op(":");
    n->list = block("'for' statement", ln);
    if (accept_kw("else")) { expect_op(":"); n->list2 = block("'else' statement", line() - 1); }
    return n;
  }

  // for-loop / comprehension targets: a tuple of or_exprs (no bare `in` ambiguity).
  Node* target_list() {
    int ln = line();
    Node* first = star_or(true);
    if (!at_op(",")) return first;
    Node* t = mk(NK::Tuple, ln);
    t->list.push_back(first);
    while (accept_op(",")) {
      if (at_kw("in") || at_op("=")) break;
      t->list.push_back(star_or(true));
    }
    return t;
  }
  Node* star_or(bool) {
    int ln = line();
    if (accept_op("*")) { Node* s = mk(NK::Starred, ln); s->a = or_expr(); return s; }
    return or_expr();
  }

  Node* try_stmt() {
    int ln = line();
    next();
    Node* n = mk(NK::Try, ln);
    expect_op(":");
    n->list = block("'try' statement", ln);
    while (at_kw("except")) {
      int hl = line();
      next();
      Node* h = mk(NK::ExceptHandler, hl);
      if (at_op("*")) return unsupported("'except*' clauses", hl);
      if (!at_op(":")) {
        h->a = test();
        if (at_op(",")) {
          Node* t = mk(NK::Tuple, hl);
          t->list.push_back(h->a);
          while (accept_op(",")) t->list.push_back(test());
          h->a = t;
        }
        if (accept_kw("as")) h->str = expect_name();
      }
      expect_op(":");
      h->list = block("'except' statement", hl);
      n->list2.push_back(h);
    }
    if (accept_kw("else")) {
      if (n->list2.empty()) return invalid_syntax();
      expect_op(":");
      n->b = mk(NK::Pass, ln);
      n->b->list = block("'else' statement", line() - 1);
    }
    if (accept_kw("finally")) {
      expect_op(":");
      n->list3 = block("'finally' statement", line() - 1);
      n->c = mk(NK::Pass, ln);  // marks "has finally" even when the block is `pass`
    }
    if (n->list2.empty() && !n->c) return fail("expected 'except' or 'finally' block");
    return n;
  }

  Node* with_stmt() {
    int ln = line();
    next();
    Node* n = mk(NK::With, ln);
    bool paren = false;
    if (at_op("(")) {
      // `with (a as b, c):` form: only when an `as` appears at depth 1
      size_t q = p + 1;
      int d = 1;
      bool has_as = false;
      while (q < toks.size() && d > 0) {
        if (toks[q].kind == TokKind::Op) {
          if (toks[q].text == "(" || toks[q].text == "[" || toks[q].text == "{") d++;
          if (toks[q].text == ")" || toks[q].text == "]" || toks[q].text == "}") d--;
        }
        if (d == 1 && toks[q].kind == TokKind::Name && toks[q].text == "as") has_as = true;
        q++;
      }
      if (has_as) { paren = true; next(); }
    }
    do {
      if (paren && at_op(")")) break;
      Node* it = mk(NK::WithItem, line());
      it->a = test();
      if (accept_kw("as")) { it->b = target_atom(); check_target(it->b); }
      n->list2.push_back(it);
    } while (accept_op(","));
    if (paren) expect_op(")");
    expect_op(":");
    n->list = block("'with' statement", ln);
    return n;
  }
  Node* target_atom() {
    if (at_op("(") || at_op("[")) return atom_expr();
    return or_expr();
  }

  // [SECTION] expressions
  Node* testlist() {  // a, b, c  -> Tuple (no starred)
    return testlist_star();
  }
  Node* testlist_star() {
    int ln = line();
    Node* first = test_or_star();
    if (!at_op(",")) return first;
    Node* t = mk(NK::Tuple, ln);
    t->list.push_back(first);
    while (accept_op(",")) {
      if (ends_expr()) break;
      t->list.push_back(test_or_star());
    }
    return t;
  }
  bool ends_expr() const {
    if (at(TokKind::Newline) || at(TokKind::End)) return true;
    if (at(TokKind::Op)) {
      const std::string& o = tok().text;
      return o == "=" || o == ")" || o == "]" || o == "}" || o == ":" || o == ";" ||
             (o.size() >= 2 && o.back() == '=' && o != "==" && o != "<=" && o != ">=" && o != "!=");
    }
    return false;
  }
  Node* test_or_star() {
    int ln = line();
    if (accept_op("*")) { Node* s = mk(NK::Starred, ln); s->a = or_expr(); return s; }
    return test();
  }

  Node* test() {
    Nest nest(*this);
    if (too_deep()) return mk(NK::None, 0);
    int ln = line();
    if (at_kw("lambda")) return lambda(true);
    if (at_kw("yield")) return yield_expr();
    const size_t body_at = p;
    Node* cond = or_test();
    if (at_kw("if")) {
      // a conditional expression, unless this `if` belongs to a comprehension (handled by caller)
      next();
      Node* n = mk(NK::IfExp, ln);
      n->a = or_test();
      if (!accept_kw("else")) {
        fail_range("expected 'else' after 'if' expression", body_at, toks[p - 1].end);
        return ast->make(NK::None, 0);
      }
      n->b = cond;
      n->c = test();
      return n;
    }
    return cond;
  }
  Node* test_nocond() {
    if (at_kw("lambda")) return lambda(false);
    return or_test();
  }
  Node* lambda(bool allow_cond) {
    int ln = line();
    next();
    Node* n = mk(NK::Lambda, ln);
    n->params = params(":");
    expect_op(":");
    n->a = allow_cond ? test() : test_nocond();
    return n;
  }
  Node* yield_expr() {
    int ln = line();
    next();
    if (accept_kw("from")) { Node* n = mk(NK::YieldFrom, ln); n->a = test(); return n; }
    Node* n = mk(NK::Yield, ln);
    if (!ends_expr() && !at_op(")")) n->a = testlist_star();
    return n;
  }

  Node* or_test() {
    const size_t start = p;
    Node* n = or_test_body();
    last_disj_start = start;
    last_disj_end = p;
    return n;
  }
  Node* or_test_body() {
    int ln = line();
    Node* l = and_test();
    if (!at_kw("or")) return l;
    Node* n = mk(NK::BoolOp, ln);
    n->str = "or";
    n->list.push_back(l);
    while (accept_kw("or")) n->list.push_back(and_test());
    return n;
  }
  Node* and_test() {
    int ln = line();
    Node* l = not_test();
    if (!at_kw("and")) return l;
    Node* n = mk(NK::BoolOp, ln);
    n->str = "and";
    n->list.push_back(l);
    while (accept_kw("and")) n->list.push_back(not_test());
    return n;
  }
  Node* not_test() {
    Nest nest(*this);
    if (too_deep()) return mk(NK::None, 0);
    int ln = line();
    if (accept_kw("not")) { Node* n = mk(NK::UnaryOp, ln); n->str = "not"; n->a = not_test(); return n; }
    return comparison();
  }
  Node* comparison() {
    int ln = line();
    Node* l = or_expr();
    Node* n = nullptr;
    for (;;) {
      std::string op;
      if (at(TokKind::Op) && (at_op("<") || at_op(">") || at_op("==") || at_op(">=") || at_op("<=") || at_op("!="))) {
        op = tok().text; next();
      } else if (at_kw("in")) { op = "in"; next(); }
      else if (at_kw("not") && peek().kind == TokKind::Name && peek().text == "in") { op = "not in"; next(); next(); }
      else if (at_kw("is")) { next(); op = accept_kw("not") ? "is not" : "is"; }
      else break;
      if (!n) { n = mk(NK::Compare, ln); n->list.push_back(l); }
      Node* o = mk(NK::Str, ln);
      o->str = op;
      n->list3.push_back(o);
      n->list.push_back(or_expr());
    }
    return n ? n : l;
  }
  Node* binary(int level) {
    // levels: 0 |, 1 ^, 2 &, 3 << >>, 4 + -, 5 * / // % @
    static const char* const ops[6][5] = {{"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}};
    if (level == 6) return factor();
    int ln = line();
    Node* l = binary(level + 1);
    for (;;) {
      const char* found = nullptr;
      for (int k = 0; k < 5 && ops[level][k]; k++) if (at_op(ops[level][k])) found = ops[level][k];
      if (!found) return l;
      next();
      Node* n = mk(NK::BinOp, ln);
      n->str = found;
      n->a = l;
      n->b = binary(level + 1);
      l = n;
    }
  }
  Node* or_expr() { return binary(0); }
  Node* factor() {
    Nest nest(*this);
    if (too_deep()) return mk(NK::None, 0);
    int ln = line();
    if (at_op("-") || at_op("+") || at_op("~")) {
      std::string op = tok().text;
      next();
      Node* operand = factor();
      if (op == "-" && operand->kind == NK::Int && operand->ival > 0) {  // fold literal negation
        operand->ival = -operand->ival;
        return operand;
      }
      if (op == "-" && operand->kind == NK::Float) { operand->fval = -operand->fval; return operand; }
      Node* n = mk(NK::UnaryOp, ln);
      n->str = op;
      n->a = operand;
      return n;
    }
    return power();
  }
  Node* power() {
    int ln = line();
    Node* base;
    if (accept_kw("await")) {
      base = mk(NK::Await, ln);
      base->a = atom_expr();
    } else {
      base = atom_expr();
    }
    if (accept_op("**")) {
      Node* n = mk(NK::BinOp, ln);
      n->str = "**";
      n->a = base;
      n->b = factor();
      return n;
    }
    return base;
  }
  Node* atom_expr() {
    Node* n = atom();
    for (;;) {
      int ln = line();
      if (accept_op("(")) {
        Node* c = mk(NK::Call, ln);
        c->a = n;
        call_args(c);
        expect_op(")");
        n = c;
      } else if (accept_op("[")) {
        Node* s = mk(NK::Subscript, ln);
        s->a = n;
        s->b = subscript_list();
        expect_op("]");
        n = s;
      } else if (accept_op(".")) {
        Node* a = mk(NK::Attribute, ln);
        a->a = n;
        a->str = expect_name();
        n = a;
      } else {
        return n;
      }
    }
  }
  void call_args(Node* c) {
    bool after_double_star = false;
    size_t genexp_from = 0;
    unsigned genexp_end = 0;
    int args = 0;
    while (!at_op(")") && !at(TokKind::End)) {
      int ln = line();
      const size_t arg_at = p;
      args++;
      if (accept_op("**")) {
        Node* k = mk(NK::Keyword, ln);
        k->a = test();
        c->list2.push_back(k);
        after_double_star = true;
      } else if (accept_op("*")) {
        if (after_double_star) fail_range("iterable argument unpacking follows keyword argument unpacking", arg_at, toks[arg_at].end);
        Node* s = mk(NK::Starred, ln);
        s->a = test();
        c->list.push_back(s);
      } else if (at(TokKind::Name) && peek().kind == TokKind::Op && peek().text == "=") {
        Node* k = mk(NK::Keyword, ln);
        k->str = expect_name();
        next();
        k->a = test();
        c->list2.push_back(k);
      } else {
        Node* e = walrus(test());
        if (at_kw("for")) {
          Node* g = mk(NK::GenExp, ln);
          g->a = e;
          comp_for(g);
          e = g;
          genexp_from = arg_at;
          genexp_end = toks[p - 1].end;
        } else if (!c->list2.empty()) {
          // CPython marks the token after the argument
          fail_range(after_double_star ? "positional argument follows keyword argument unpacking"
                                       : "positional argument follows keyword argument", p, toks[p].end);
        }
        c->list.push_back(e);
      }
      if (!accept_op(",")) break;
      if (genexp_end) args++;  // a comma after a generator argument needs brackets too
    }
    if (genexp_end && args > 1) fail_range("Generator expression must be parenthesized", genexp_from, genexp_end);
  }
  Node* subscript_list() {
    int ln = line();
    Node* first = subscript();
    if (!at_op(",")) return first;
    Node* t = mk(NK::Tuple, ln);
    t->list.push_back(first);
    while (accept_op(",")) {
      if (at_op("]")) break;
      t->list.push_back(subscript());
    }
    return t;
  }
  Node* subscript() {
    int ln = line();
    Node* lo = nullptr;
    if (!at_op(":")) {
      lo = test();
      if (!at_op(":")) return lo;
    }
    Node* s = mk(NK::Slice, ln);
    s->a = lo;
    next();  // ':'
    if (!at_op("]") && !at_op(":") && !at_op(",")) s->b = test();
    if (accept_op(":")) {
      if (!at_op("]") && !at_op(",")) s->c = test();
    }
    return s;
  }
  void comp_for(Node* comp) {
    while (at_kw("for") || at_kw("async")) {
      int ln = line();
      if (at_kw("async")) { unsupported("asynchronous comprehensions", ln); return; }
      next();
      Node* g = mk(NK::Comprehension, ln);
      g->a = target_list();
      check_target(g->a);
      if (!accept_kw("in")) { invalid_syntax(); return; }
      g->b = or_test();
      while (at_kw("if")) {
        next();
        g->list.push_back(test_nocond());
      }
      comp->list2.push_back(g);
    }
  }

  Node* atom() {
    int ln = line();
    const Token& t = tok();
    switch (t.kind) {
      case TokKind::Name: {
        const std::string& w = t.text;
        if (w == "None") { next(); return mk(NK::None, ln); }
        if (w == "True") { next(); return mk(NK::True, ln); }
        if (w == "False") { next(); return mk(NK::False, ln); }
        if (is_keyword(w)) return invalid_syntax();
        Node* n = mk(NK::Name, ln);
        n->str = w;
        next();
        return n;
      }
      case TokKind::Int: {
        Node* n = mk(NK::Int, ln);
        std::string s = t.text;
        next();
        int base = 10;
        std::string digits = s;
        if (s.size() > 2 && s[0] == '0' && std::strchr("xXoObB", s[1])) {
          base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
          digits = s.substr(2);
        } else if (s.size() > 1 && s[0] == '0' && s.find_first_not_of('0') != std::string::npos) {
          return fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", ln);
        }
        errno = 0;
        char* end = nullptr;
        unsigned long long v = std::strtoull(digits.c_str(), &end, base);
        if (errno == ERANGE || v > 9223372036854775807ULL) {
          if (base == 10 && digits.size() > kMaxStrDigits)
            return fail(int_parse_limit_message(digits.size()) +
                            " - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.", ln);
          n->kind = NK::BigIntLit;
          n->str = digits;
          n->ival = base;  // of the digits in str
          return n;
        }
        n->ival = (int64_t)v;
        return n;
      }
      case TokKind::Float: {
        Node* n = mk(NK::Float, ln);
        n->fval = std::strtod(t.text.c_str(), nullptr);
        next();
        return n;
      }
      case TokKind::Bytes:
      case TokKind::String:
      case TokKind::FString: {
        // adjacent literals concatenate; any f-string makes the whole thing an f-string
        Node* joined = mk(NK::FString, ln);
        std::string plain;
        bool any_f = false, bytes = at(TokKind::Bytes);
        while (at(TokKind::String) || at(TokKind::FString) || at(TokKind::Bytes)) {
          if (at(TokKind::Bytes) != bytes) return fail("cannot mix bytes and nonbytes literals");
          if (bytes || at(TokKind::String)) {
            plain += tok().text;
          } else {
            any_f = true;
            if (!plain.empty()) { Node* s = mk(NK::Str, ln); s->str = plain; joined->list.push_back(s); plain.clear(); }
            const bool clean = error.empty();
            const unsigned f_end = toks[p].end;
            fstring(tok().text, tok().line, joined);
            if (clean && !error.empty() && !fstring_expression_failed) {  // CPython marks just past the literal
              caret_pos = f_end;
              caret_end = f_end + 1;
            }
          }
          next();
        }
        if (!any_f) { Node* s = mk(bytes ? NK::Bytes : NK::Str, ln); s->str = plain; return s; }
        if (!plain.empty()) { Node* s = mk(NK::Str, ln); s->str = plain; joined->list.push_back(s); }
        return joined;
      }
      case TokKind::Op: {
        if (t.text == "(") {
          next();
          if (accept_op(")")) return mk(NK::Tuple, ln);
          if (at_kw("yield")) { Node* y = yield_expr(); expect_op(")"); return y; }
          Node* first = named_test_or_star();
          if (at_kw("for")) {
            Node* g = mk(NK::GenExp, ln);
            g->a = first;
            comp_for(g);
            expect_op(")");
            return g;
          }
          if (!at_op(",")) { expect_op(")"); return first; }
          Node* tup = mk(NK::Tuple, ln);
          tup->list.push_back(first);
          while (accept_op(",")) {
            if (at_op(")")) break;
            tup->list.push_back(named_test_or_star());
          }
          expect_op(")");
          return tup;
        }
        if (t.text == "[") {
          next();
          Node* l = mk(NK::List, ln);
          if (accept_op("]")) return l;
          Node* first = named_test_or_star();
          if (at_kw("for")) {
            l->kind = NK::ListComp;
            l->a = first;
            comp_for(l);
            expect_op("]");
            return l;
          }
          l->list.push_back(first);
          while (accept_op(",")) {
            if (at_op("]")) break;
            l->list.push_back(named_test_or_star());
          }
          expect_op("]");
          return l;
        }
        if (t.text == "{") {
          next();
          Node* d = mk(NK::Dict, ln);
          if (accept_op("}")) return d;
          if (accept_op("**")) {
            d->list.push_back(nullptr);
            d->list2.push_back(or_expr());
          } else {
            Node* first = test_or_star();
            if (accept_op(":")) {
              Node* val = test();
              if (at_kw("for")) {
                d->kind = NK::DictComp;
                d->a = first;
                d->b = val;
                comp_for(d);
                expect_op("}");
                return d;
              }
              d->list.push_back(first);
              d->list2.push_back(val);
            } else {
              d->kind = NK::Set;
              first = walrus(first);
              if (at_kw("for")) {
                d->kind = NK::SetComp;
                d->a = first;
                comp_for(d);
                expect_op("}");
                return d;
              }
              d->list.push_back(first);
              while (accept_op(",")) {
                if (at_op("}")) break;
                d->list.push_back(named_test_or_star());
              }
              expect_op("}");
              return d;
            }
          }
          while (accept_op(",")) {
            if (at_op("}")) break;
            if (accept_op("**")) { d->list.push_back(nullptr); d->list2.push_back(or_expr()); continue; }
            const size_t key_at = p;
            d->list.push_back(test());
            if (!accept_op(":")) {
              if (error.empty() && p > key_at) {
                const unsigned key_end = toks[p - 1].end;  // CPython marks the key's last character
                fail_range("':' expected after dictionary key", p - 1, key_end);
                caret_pos = key_end - 1;
              }
              continue;
            }
            d->list2.push_back(test());
          }
          expect_op("}");
          return d;
        }
        if (t.text == "...") { next(); return mk(NK::Ellipsis, ln); }
        return invalid_syntax();
      }
      case TokKind::Indent: return fail("unexpected indent");
      case TokKind::Newline:
      case TokKind::End:
      case TokKind::Dedent: return invalid_syntax();
    }
    return invalid_syntax();
  }

  // [SECTION] hints
  // CPython's second pass over a failed parse (its invalid_* rules) turns some "invalid
  // syntax" errors into advice. Each hint parses ahead from the failing token and then puts
  // the parser back; it applies only when that parse succeeds.
  bool starts_expression(const Token& t) const {
    switch (t.kind) {
      case TokKind::Name:
        return !is_keyword(t.text) || t.text == "None" || t.text == "True" || t.text == "False" ||
               t.text == "not" || t.text == "lambda" || t.text == "await";
      case TokKind::Int: case TokKind::Float: case TokKind::String: case TokKind::FString: case TokKind::Bytes:
        return true;
      case TokKind::Op:
        return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" ||
               t.text == "~" || t.text == "...";
      default:
        return false;
    }
  }
  // Parses with `rule` from the current token; the end offset of what it read, or 0 when
  // it failed. Parser state is restored either way.
  template <class Rule>
  unsigned parse_ahead(Rule rule) {
    const size_t saved_p = p;
    const size_t saved_start = last_disj_start, saved_end = last_disj_end;
    parsing_ahead_++;
    rule();
    parsing_ahead_--;
    const unsigned end = error.empty() && p > saved_p ? toks[p - 1].end : 0;
    if (end && only_end_from(p)) looked_to_end = true;
    error.clear();
    p = saved_p;
    last_disj_start = saved_start;
    last_disj_end = saved_end;
    return end;
  }
  int parsing_ahead_ = 0;  // parse_ahead calls under way
  bool after_disjunction() const { return last_disj_end == p && last_disj_start < p; }
  // `[1 2]`, `f(a b)`: two expressions side by side inside brackets.
  bool hint_forgotten_comma() {
    if (!after_disjunction() || toks[p].depth == 0 || !starts_expression(toks[p])) return false;
    const Token& a = toks[last_disj_start];
    const Token& after_a = toks[last_disj_start + 1];
    const bool name_then_string = a.kind == TokKind::Name &&
        (after_a.kind == TokKind::String || after_a.kind == TokKind::FString || after_a.kind == TokKind::Bytes);
    if (name_then_string || a.text == "match" || a.text == "case" || a.text == "_") return false;
    const size_t from = last_disj_start;
    const unsigned end = parse_ahead([&] { test(); });
    if (!end) return false;
    fail_range("invalid syntax. Perhaps you forgot a comma?", from, end);
    return true;
  }
  // `print "hi"`: Python 2's statement.
  bool hint_legacy_print() {
    if (!after_disjunction() || last_disj_start + 1 != p) return false;
    const Token& a = toks[last_disj_start];
    if (a.kind != TokKind::Name || (a.text != "print" && a.text != "exec") || at_op("(")) return false;
    if (!starts_expression(toks[p])) return false;
    const size_t from = last_disj_start;
    const unsigned end = parse_ahead([&] { testlist_star(); });
    if (!end) return false;
    fail_range("Missing parentheses in call to '" + a.text + "'. Did you mean " + a.text + "(...)?", from, end);
    return true;
  }
  // `if x = 3:`: an assignment where a condition belongs.
  bool hint_named_assignment() {
    if (!after_disjunction() || last_disj_start + 1 != p || !at_op("=")) return false;
    const Token& a = toks[last_disj_start];
    if (a.kind != TokKind::Name || is_keyword(a.text)) return false;
    const size_t from = last_disj_start;
    size_t after = 0;
    const unsigned end = parse_ahead([&] { next(); or_expr(); after = p; });
    if (!end || (toks[after].kind == TokKind::Op && (toks[after].text == "=" || toks[after].text == ":="))) return false;
    fail_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", from, end);
    return true;
  }

  // [SECTION] f-strings
  // Decodes backslash escapes of an f-string literal piece (the lexer kept them raw).
  std::string decode(const std::string& s, bool raw) {
    if (raw) return s;
    auto r = lex("'" + escape_quotes(s) + "'");
    if (!r.error.empty() || r.tokens.empty()) return s;
    return r.tokens[0].text;
  }
  static std::string escape_quotes(const std::string& s) {
    std::string o;
    for (size_t i = 0; i < s.size(); i++) {
      if (s[i] == '\\' && i + 1 < s.size()) { o += s[i]; o += s[++i]; continue; }
      if (s[i] == '\'') o += "\\'";
      else if (s[i] == '\n') o += "\\n";
      else o += s[i];
    }
    return o;
  }

  // Parses an f-string body into Str / FormattedValue parts appended to `out`.
  void fstring(const std::string& body0, int ln, Node* out) {
    Nest nest(*this);  // format specs nest f-strings
    if (too_deep()) return;
    bool raw = !body0.empty() && body0[0] == '\x01';
    std::string body = raw ? body0.substr(1) : body0;
    std::string lit;
    size_t i = 0;
    auto flush = [&] {
      if (!lit.empty()) { Node* s = mk(NK::Str, ln); s->str = decode(lit, raw); out->list.push_back(s); lit.clear(); }
    };
    while (i < body.size()) {
      char c = body[i];
      if (c == '{' && i + 1 < body.size() && body[i + 1] == '{') { lit += '{'; i += 2; continue; }
      if (c == '}' && i + 1 < body.size() && body[i + 1] == '}') { lit += '}'; i += 2; continue; }
      if (c == '}') { fail("f-string: single '}' is not allowed", ln); return; }
      if (c != '{') { lit += c; i++; continue; }
      flush();
      i++;
      // the expression runs to a top-level '!', ':', '=' (debug) or '}'
      size_t st = i;
      int depth = 0;
      char quote = 0;
      for (; i < body.size(); i++) {
        char d = body[i];
        if (quote) { if (d == quote) quote = 0; continue; }
        if (d == '\'' || d == '"') { quote = d; continue; }
        if (d == '(' || d == '[' || d == '{') depth++;
        else if (d == ')' || d == ']' || d == '}') { if (depth == 0) break; depth--; }
        else if (depth == 0 && d == '!' && i + 1 < body.size() && body[i + 1] != '=') break;
        else if (depth == 0 && d == ':') break;
        else if (depth == 0 && d == '=' && i + 1 < body.size() && body[i + 1] != '=' &&
                 (i == st || std::string_view("=!<>").find(body[i - 1]) == std::string_view::npos))
          break;  // f"{x=}": the debug specifier (not ==, !=, <=, >=)
      }
      if (i >= body.size()) { fail("f-string: expecting '}'", ln); return; }
      std::string expr_src = body.substr(st, i - st);
      if (expr_src.find_first_not_of(" \t") == std::string::npos) {
        fail(body[i] == '}' ? "f-string: empty expression not allowed"
                            : std::string("f-string: expression required before '") + body[i] + "'", ln);
        return;
      }
      Node* fv = mk(NK::FormattedValue, ln);
      fv->a = sub_expression(expr_src, ln);
      if (body[i] == '=') {
        // The expression's text, the '=' and the spaces around it, then the value: repr
        // unless a conversion or a format spec says otherwise.
        i++;
        while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) i++;
        Node* text = mk(NK::Str, ln);
        text->str = body.substr(st, i - st);
        out->list.push_back(text);
        if (i >= body.size() || (body[i] != '!' && body[i] != ':' && body[i] != '}')) { fail("f-string: expecting '}'", ln); return; }
        if (body[i] == '}') fv->ival = 'r';
      }
      if (body[i] == '!') {
        if (i + 1 >= body.size()) { fail("f-string: expecting '}'", ln); return; }
        char conv = body[i + 1];
        if (conv != 'r' && conv != 's' && conv != 'a') { fail("f-string: invalid conversion character: expected 's', 'r', or 'a'", ln); return; }
        fv->ival = conv;
        i += 2;
      }
      if (i < body.size() && body[i] == ':') {
        i++;
        size_t sst = i;
        int d = 0;
        for (; i < body.size(); i++) {
          if (body[i] == '{') d++;
          else if (body[i] == '}') { if (d == 0) break; d--; }
        }
        Node* spec = mk(NK::FString, ln);
        fstring(std::string(raw ? "\x01" : "") + body.substr(sst, i - sst), ln, spec);
        fv->c = spec;
      }
      if (i >= body.size() || body[i] != '}') { fail("f-string: expecting '}'", ln); return; }
      i++;
      out->list.push_back(fv);
    }
    flush();
  }

  Node* sub_expression(const std::string& src, int ln) {
    const std::string wrapped = "(" + src + ")";
    LexResult lr = lex(wrapped, ln - 1);
    if (!lr.error.empty()) return fail(lr.error.substr(13), ln);
    Parser sub;
    sub.toks = std::move(lr.tokens);
    sub.ast = ast;
    sub.depth = depth;
    Node* e = sub.testlist_star();
    if (sub.error.empty() && !sub.at(TokKind::Newline) && !sub.at(TokKind::End)) sub.fail("f-string: invalid syntax", ln);
    if (sub.error == kTooDeep && error.empty()) { error = kTooDeep; error_line = ln; }
    if (!sub.error.empty()) {
      std::string msg = sub.error.substr(13);
      if (error.empty() && msg != kTooDeep) {
        // CPython shows the expression as it parsed it, in brackets, with the caret there
        fstring_expression_failed = true;
        if (sub.caret_end > sub.caret_pos && wrapped.find('\n') == std::string::npos) {
          error_text = wrapped;
          caret_pos = sub.caret_pos;
          caret_end = sub.caret_end;
        }
      }
      if (msg.rfind("f-string: ", 0) != 0) msg = "f-string: " + msg;
      return fail(msg, ln);
    }
    return e;
  }
};

// Byte offsets -> 1-based code point columns of their line. A range that runs past its
// line is cut to one column, as CPython shows a single caret then.
void set_caret_columns(std::string_view src, unsigned pos, unsigned end, ParseResult& res) {
  pos = std::min<unsigned>(pos, unsigned(src.size()));
  const size_t newline_before = pos == 0 ? std::string_view::npos : src.rfind('\n', pos - 1);
  const size_t line_start = newline_before == std::string_view::npos ? 0 : newline_before + 1;
  const size_t line_end = std::min(src.find('\n', pos), src.size());
  if (end > line_end || end <= pos) end = pos + 1;
  res.error_col = int(text::utf8_length(src.substr(line_start, pos - line_start))) + 1;
  const size_t marked = std::min<size_t>(end, src.size()) - pos;
  res.error_end_col = res.error_col + std::max(1, int(text::utf8_length(src.substr(pos, marked))));
}

}  // namespace

ParseResult parse(std::string_view src, WorkMeter* wm) {
  ParseResult res;
  LexResult lr = lex(src, 0, wm);
  if (lr.stopped) {
    res.stopped = true;
    return res;
  }
  if (src.substr(0, 3) == "\xEF\xBB\xBF") src.remove_prefix(3);  // lex() skips one: offsets count from after it
  // CPython tokenizes while it parses: an error the parser finds in the tokens before a
  // bad character (an unexpected indent) is reported instead of the character's.
  bool lex_failed = !lr.error.empty() && lr.unclosed_line == 0;
  if (lex_failed) {
    const unsigned at = lr.tokens.empty() ? 0 : lr.tokens.back().end;
    lr.tokens.push_back(Token{TokKind::End, "", lr.error_line, at, at});
  }
  Parser P;
  P.wm = wm;
  P.toks = std::move(lr.tokens);
  res.ast = std::make_unique<Ast>();
  P.ast = res.ast.get();
  while (!P.at(TokKind::End)) {
    if (P.at(TokKind::Newline)) { P.next(); continue; }
    P.statement(res.ast->body);
  }
  if (P.stopped) {
    res.stopped = true;
    res.ast.reset();
    return res;
  }
  if (lex_failed && (P.error.empty() || P.p + 1 >= P.toks.size())) {  // no parser error before it
    res.error = lr.error;
    res.error_line = lr.error_line;
    res.error_col = lr.error_col;
    res.ast.reset();
    return res;
  }
  if (!P.error.empty() && lr.unclosed_line && P.error_at >= lr.unclosed_pos &&
      (P.toks[P.error_tok].line > lr.unclosed_line || P.failed_at_end() || P.looked_to_end)) {
    // CPython reads on to the end after a parse error: a bracket still open on an earlier
    // line (or at the end of the input) is the better explanation
    P.error.clear();
  }
  if (P.error.empty() && !lr.error.empty()) {
    P.error = lr.error;
    P.error_line = lr.error_line;
    if (lr.unclosed_line) { P.caret_pos = lr.unclosed_pos; P.caret_end = lr.unclosed_pos + 1; }
  }
  if (!P.error.empty()) {
    res.error = P.error;
    res.error_line = P.error_line;
    if (P.caret_end > P.caret_pos) set_caret_columns(P.error_text.empty() ? src : P.error_text, P.caret_pos, P.caret_end, res);
    res.error_text = P.error_text;
    res.ast.reset();
  }
  return res;
}

}  // namespace interleave::py
