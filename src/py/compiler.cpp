// [SECTION] scopes  [SECTION] emitter  [SECTION] names  [SECTION] statements
// [SECTION] try/with/loops  [SECTION] expressions  [SECTION] functions & classes
#include "py/compiler.h"

#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "py/bigint.h"
#include "py/bytecode.h"
#include "py/lexer.h"
#include "py/parser.h"

namespace interleave::py {
namespace {

// [SECTION] scopes
enum class ScopeKind { Module, Function, Class };

struct Scope {
  ScopeKind kind;
  Scope* parent = nullptr;
  std::vector<std::string> params;
  std::set<std::string> assigned, globals, nonlocals, used;
  std::set<std::string> cells, frees;
  std::vector<std::string> cell_order, free_order;
  bool generator = false;
  bool coroutine = false;  // async def: a generator whose calls give coroutine objects
  bool comprehension = false;  // a comprehension's hidden function: `:=` binds outside it
  std::vector<Scope*> children;
  bool is_local(const std::string& n) const {
    if (kind == ScopeKind::Module) return false;
    if (globals.count(n) || nonlocals.count(n)) return false;
    for (auto& p : params) if (p == n) return true;
    return assigned.count(n) > 0;
  }
};

struct ScopeBuilder {
  std::map<const Node*, std::unique_ptr<Scope>> scopes;
  std::string error;
  int error_line = 0;
  WorkMeter* wm = nullptr;  // ticked per node here and by the Compiler (null: never stops)
  bool stopped = false;

  // Ticks the meter for one AST node (about a few source bytes); true once the run is being
  // stopped, with `error` set so that every walk unwinds.
  bool stopping() {
    if (!stopped && meter_tick(wm, 8)) {
      stopped = true;
      if (error.empty()) error = "stopped";
    }
    return stopped;
  }

  Scope* make(const Node* n, ScopeKind k, Scope* parent) {
    auto s = std::make_unique<Scope>();
    s->kind = k;
    s->parent = parent;
    Scope* raw = s.get();
    if (parent) parent->children.push_back(raw);
    scopes[n] = std::move(s);
    return raw;
  }
  void fail(const std::string& m, int line) { if (error.empty()) { error = "SyntaxError: " + m; error_line = line; } }

  void target(Node* t, Scope* s) {
    if (!t) return;
    switch (t->kind) {
      case NK::Name: s->assigned.insert(t->str); break;
      case NK::Tuple: case NK::List: for (Node* e : t->list) target(e, s); break;
      case NK::Starred: target(t->a, s); break;
      default: expr(t, s); break;  // attribute / subscript: their parts are loads
    }
  }
  void stmts(const std::vector<Node*>& body, Scope* s) { for (Node* n : body) stmt(n, s); }
  void params(Params* p, Scope* outer, Scope* inner) {
    for (auto& a : p->args) { if (a.def) expr(a.def, outer); inner->params.push_back(a.name); }
    if (!p->vararg.empty()) inner->params.push_back(p->vararg);
    for (auto& a : p->kwonly) { if (a.def) expr(a.def, outer); inner->params.push_back(a.name); }
    if (!p->kwarg.empty()) inner->params.push_back(p->kwarg);
  }
  void stmt(Node* n, Scope* s) {
    if (!n || stopping()) return;
    switch (n->kind) {
      case NK::FunctionDef: {
        for (Node* d : n->list2) expr(d, s);
        s->assigned.insert(n->str);
        Scope* f = make(n, ScopeKind::Function, s);
        if (n->ival == 1) f->generator = f->coroutine = true;
        params(n->params.get(), s, f);
        stmts(n->list, f);
        break;
      }
      case NK::ClassDef: {
        for (Node* d : n->list2) expr(d, s);
        if (n->a) expr(n->a, s);
        if (n->b) expr(n->b, s);
        s->assigned.insert(n->str);
        Scope* c = make(n, ScopeKind::Class, s);
        stmts(n->list, c);
        break;
      }
      case NK::Global:
      case NK::Nonlocal:
        for (Node* nm : n->list) {
          if (s->assigned.count(nm->str) || s->used.count(nm->str))
            fail("name '" + nm->str + "' is " + (s->used.count(nm->str) ? "used" : "assigned to") + " prior to " +
                 (n->kind == NK::Global ? "global" : "nonlocal") + " declaration", n->line);
          if (n->kind == NK::Nonlocal && s->kind == ScopeKind::Module) fail("nonlocal declaration not allowed at module level", n->line);
          (n->kind == NK::Global ? s->globals : s->nonlocals).insert(nm->str);
        }
        break;
      case NK::Assign:
        for (Node* t : n->list) target(t, s);
        expr(n->a, s);
        if (n->b && s->kind != ScopeKind::Function) expr(n->b, s);  // an annotation, evaluated in module and class bodies
        break;
      case NK::Pass:
        if (n->b && s->kind != ScopeKind::Function) expr(n->b, s);
        break;
      case NK::AugAssign: target(n->a, s); if (n->a->kind == NK::Name) s->used.insert(n->a->str); expr(n->b, s); break;
      case NK::For:
        if (n->ival == 1 && !s->coroutine) fail("'async for' outside async function", n->line);
        target(n->a, s); expr(n->b, s); stmts(n->list, s); stmts(n->list2, s); break;
      case NK::While: case NK::If: expr(n->a, s); stmts(n->list, s); stmts(n->list2, s); break;
      case NK::Try:
        stmts(n->list, s);
        for (Node* h : n->list2) { if (h->a) expr(h->a, s); if (!h->str.empty()) s->assigned.insert(h->str); stmts(h->list, s); }
        if (n->b) stmts(n->b->list, s);
        stmts(n->list3, s);
        break;
      case NK::With:
        for (Node* it : n->list2) { expr(it->a, s); target(it->b, s); }
        stmts(n->list, s);
        break;
      case NK::Delete: for (Node* t : n->list) target(t, s); break;
      case NK::Import: for (Node* al : n->list) s->assigned.insert(!al->str2.empty() ? al->str2 : al->str.substr(0, al->str.find('.'))); break;
      case NK::ImportFrom:
        for (Node* al : n->list) {
          if (al->str == "*") { if (s->kind != ScopeKind::Module) fail("import * only allowed at module level", n->line); continue; }
          s->assigned.insert(!al->str2.empty() ? al->str2 : al->str);
        }
        break;
      case NK::Return:
        if (s->kind != ScopeKind::Function) fail("'return' outside function", n->line);
        expr(n->a, s);
        break;
      default: expr(n->a, s); expr(n->b, s); break;  // ExprStmt, Raise, Assert
    }
  }
  void comprehension(Node* n, Scope* s) {
    // the first iterable is evaluated outside; everything else inside a new function scope
    expr(n->list2[0]->b, s);
    Scope* c = make(n, ScopeKind::Function, s);
    c->comprehension = true;
    c->params.push_back(".0");
    if (n->kind == NK::GenExp) c->generator = true;
    for (size_t i = 0; i < n->list2.size(); i++) {
      Node* g = n->list2[i];
      target(g->a, c);
      if (i > 0) expr(g->b, c);
      for (Node* cond : g->list) expr(cond, c);
    }
    expr(n->a, c);
    expr(n->b, c);
  }
  // `name := value` binds in the scope that holds the comprehensions it sits in (PEP 572):
  // those see it as a free variable of that function, or as a global at module level.
  void named_expr(Node* n, Scope* s) {
    Scope* home = s;
    while (home->comprehension) {
      if (home->assigned.count(n->str))
        fail("assignment expression cannot rebind comprehension iteration variable '" + n->str + "'", n->line);
      home = home->parent;
    }
    if (home != s && home->kind == ScopeKind::Class)
      fail("assignment expression within a comprehension cannot be used in a class body", n->line);
    home->assigned.insert(n->str);
    for (Scope* q = s; q != home; q = q->parent)
      (home->kind == ScopeKind::Module ? q->globals : q->nonlocals).insert(n->str);
    expr(n->a, s);
  }
  void expr(Node* n, Scope* s) {
    if (!n || stopping()) return;
    switch (n->kind) {
      case NK::Name: s->used.insert(n->str); return;
      case NK::NamedExpr: named_expr(n, s); return;
      case NK::Lambda: {
        Scope* f = make(n, ScopeKind::Function, s);
        params(n->params.get(), s, f);
        expr(n->a, f);
        return;
      }
      case NK::ListComp: case NK::SetComp: case NK::DictComp: case NK::GenExp: comprehension(n, s); return;
      case NK::Yield: case NK::YieldFrom:
        if (s->kind != ScopeKind::Function) fail("'yield' outside function", n->line);
        else if (s->coroutine && n->kind == NK::YieldFrom) fail("'yield from' inside async function", n->line);
        s->generator = true;
        break;
      case NK::Await:
        if (s->kind != ScopeKind::Function) fail("'await' outside function", n->line);
        else if (!s->coroutine) fail("'await' outside async function", n->line);
        break;
      default: break;
    }
    expr(n->a, s);
    expr(n->b, s);
    expr(n->c, s);
    for (Node* e : n->list) expr(e, s);
    for (Node* e : n->list2) expr(e, s);
  }

  // Links every free name to the enclosing function that binds it.
  void resolve(Scope* s) {
    std::set<std::string> names = s->used;
    names.insert(s->assigned.begin(), s->assigned.end());
    names.insert(s->nonlocals.begin(), s->nonlocals.end());
    if (s->kind != ScopeKind::Module) {
      for (const auto& n : names) {
        if (s->globals.count(n) || s->is_local(n)) continue;
        if (s->kind == ScopeKind::Class && !s->nonlocals.count(n) && s->assigned.count(n)) continue;
        Scope* p = s->parent;
        while (p && (p->kind == ScopeKind::Class || (p->kind == ScopeKind::Function && !p->is_local(n)))) {
          if (p->kind == ScopeKind::Function && p->globals.count(n)) { p = nullptr; break; }
          p = p->parent;
        }
        if (p && p->kind == ScopeKind::Function) {
          if (!p->cells.count(n)) { p->cells.insert(n); p->cell_order.push_back(n); }
          for (Scope* q = s; q != p; q = q->parent) {
            if (!q->frees.count(n)) { q->frees.insert(n); q->free_order.push_back(n); }
          }
        } else if (s->nonlocals.count(n)) {
          fail("no binding for nonlocal '" + n + "' found", 0);
        }
      }
    }
    for (Scope* c : s->children) resolve(c);
  }
};

// [SECTION] emitter
enum class FB { ForLoop, WhileLoop, TryExcept, FinallyTry, FinallyEnd, Handler, With, AsyncWith };

struct FBlock {
  FB kind;
  uint32_t continue_target = 0;
  std::vector<size_t> breaks;
  const std::vector<Node*>* finally_body = nullptr;
};

// Where each shared constant of the code object being compiled sits in its consts.
struct ConstIndex {
  struct Key {
    Tag tag;
    uint64_t bits;
    bool operator==(const Key& o) const { return tag == o.tag && bits == o.bits; }
  };
  struct KeyHash { size_t operator()(const Key& k) const { return std::hash<uint64_t>()(k.bits * 31 + uint64_t(k.tag)); } };
  std::unordered_map<Key, uint32_t, KeyHash> scalars;
  std::unordered_map<std::string, uint32_t> strs;
};
// Instruction arguments have 24 bits (bytecode.h).
constexpr size_t kMaxArg = size_t(1) << 24;

struct Compiler {
  Heap& heap;
  ScopeBuilder& sb;
  std::string filename;
  std::string error;
  int error_line = 0;

  CodeObj* co = nullptr;
  Scope* sc = nullptr;
  int depth = 0;
  int max_depth = 0;
  int cur_line = 1;
  std::vector<FBlock> fblocks;
  std::map<std::string, int> fast_index;
  std::map<std::string, uint32_t> name_index;
  ConstIndex const_index;
  bool in_class_method_scope = false;

  Compiler(Heap& h, ScopeBuilder& s, std::string f) : heap(h), sb(s), filename(std::move(f)) {}

  void fail(const std::string& m, int line) { if (error.empty()) { error = "SyntaxError: " + m; error_line = line; } }
  bool stopping() {
    if (sb.stopping() && error.empty()) error = "stopped";
    return sb.stopped;
  }

  static int effect(uint8_t op, uint32_t arg) {
    switch (op) {
      case NOP: case ROT_TWO: case ROT_THREE: case UNARY_NEG: case UNARY_POS: case UNARY_NOT: case UNARY_INVERT:
      case GET_ITER: case GET_AWAITABLE: case JUMP: case POP_BLOCK: case POP_EXCEPT: case LOAD_ATTR: case LIST_TO_TUPLE:
      case IMPORT_NAME - 0: return op == IMPORT_NAME ? 1 : 0;
      case POP_TOP: case STORE_FAST: case STORE_DEREF: case STORE_GLOBAL: case STORE_NAME: case POP_JUMP_IF_FALSE:
      case POP_JUMP_IF_TRUE: case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP: case BINARY_SUBSCR: case BINARY_OP:
      case INPLACE_OP: case COMPARE_OP: case LIST_APPEND: case SET_ADD: case LIST_EXTEND: case SET_UPDATE:
      case DICT_UPDATE: case EXC_MATCH: case RERAISE: case IMPORT_STAR: case RETURN_VALUE: case DELETE_ATTR:
        return -1;
      case DUP_TOP: case LOAD_CONST: case LOAD_FAST: case LOAD_DEREF: case LOAD_GLOBAL: case LOAD_NAME:
      case FOR_ITER: case IMPORT_FROM: case LOAD_LOCALS: case LOAD_EMPTY: return 1;
      case DUP_TOP_TWO: return 2;
      case DELETE_FAST: case DELETE_GLOBAL: case DELETE_NAME: case SETUP_FINALLY: case YIELD_VALUE: case YF_SEND: return 0;
      case STORE_ATTR: case DELETE_SUBSCR: case MAP_ADD: return -2;
      case STORE_SUBSCR: return -3;
      case LOAD_METHOD: return 1;
      case CALL_METHOD: return -int(arg & 0xFFFFF) - 1 - ((arg >> 20) ? 1 : 0);
      case BUILD_SLICE: return 1 - int(arg);
      case BUILD_TUPLE: case BUILD_LIST: case BUILD_SET: case BUILD_STRING: return 1 - int(arg);
      case BUILD_MAP: return 1 - 2 * int(arg);
      case UNPACK_SEQUENCE: return int(arg) - 1;
      case UNPACK_EX: return int((arg & 0xFF) + (arg >> 8));
      case CALL_FUNCTION: return -int(arg);
      case CALL_FUNCTION_KW: return -int(arg) - 1;
      case CALL_FUNCTION_EX: return (arg & 1) ? -2 : -1;
      case MAKE_FUNCTION: return -__builtin_popcount(arg);
      case WITH_EXC_PREP: return 3;
      case RAISE_VARARGS: return -int(arg);
      case RAISE_ASSERT: return -int(arg);
      case FORMAT_VALUE: return (arg & FV_SPEC) ? -1 : 0;
      case BUILD_CLASS: return arg ? -3 : -2;
      default: return 0;
    }
  }

  size_t emit(uint8_t op, uint32_t arg = 0) {
    co->code.push_back(make_ins(op, arg));
    co->lines.push_back(cur_line);
    depth += effect(op, arg);
    if (depth > max_depth) max_depth = depth;
    return co->code.size() - 1;
  }
  uint32_t here() const { return uint32_t(co->code.size()); }
  void patch(size_t at, uint32_t target) { co->code[at] = make_ins(ins_op(co->code[at]), target); }

  // Index of co->consts, so adding a constant is O(1) (a linear search made compiling
  // quadratic in the number of constants). Ints, floats (by bits), bools, None and strs
  // (by text) are shared; other objects (code, big ints) always get their own slot.
  uint32_t konst(Value v) {
    bool str = v.tag == Tag::Obj && v.o->type == ObjType::Str;
    if (v.tag == Tag::Obj && !str) return add_const(v);
    if (str) {
      auto [it, fresh] = const_index.strs.try_emplace(as<StrObj>(v)->s, 0);
      if (fresh) it->second = add_const(v);
      return it->second;
    }
    uint64_t bits = 0;
    if (v.tag == Tag::Float) std::memcpy(&bits, &v.f, sizeof bits);
    else if (v.tag == Tag::Int) bits = uint64_t(v.i);
    else if (v.tag == Tag::Bool) bits = v.b;
    auto [it, fresh] = const_index.scalars.try_emplace(ConstIndex::Key{v.tag, bits}, 0);
    if (fresh) it->second = add_const(v);
    return it->second;
  }
  uint32_t add_const(Value v) {
    if (co->consts.size() >= kMaxArg) fail("too many constants in one code object", cur_line);
    co->consts.push_back(v);
    return uint32_t(co->consts.size() - 1);
  }
  uint32_t str_const(const std::string& s) { return konst(Value::object(heap.intern(s))); }
  uint32_t name(const std::string& s) {
    auto it = name_index.find(s);
    if (it != name_index.end()) return it->second;
    co->names.push_back(Value::object(heap.intern(s)));
    uint32_t i = uint32_t(co->names.size() - 1);
    name_index[s] = i;
    return i;
  }

  // [SECTION] names
  enum class Access { Fast, Deref, Global, Name };
  Access access(const std::string& n, int* slot) {
    Scope* s = sc;
    if (s->kind == ScopeKind::Module) return Access::Name;
    if (s->globals.count(n)) return Access::Global;
    if (s->cells.count(n) || s->frees.count(n)) {
      *slot = deref_slot(n);
      return Access::Deref;
    }
    if (s->kind == ScopeKind::Class) return Access::Name;
    if (s->is_local(n)) { *slot = fast_slot(n); return Access::Fast; }
    return Access::Global;
  }
  int fast_slot(const std::string& n) {
    auto it = fast_index.find(n);
    if (it != fast_index.end()) return it->second;
    co->varnames.push_back(n);
    int i = int(co->varnames.size() - 1);
    fast_index[n] = i;
    return i;
  }
  // Cell slots follow the fast locals; fixed up once all varnames are known (see finish()).
  int deref_slot(const std::string& n) {
    for (size_t i = 0; i < sc->cell_order.size(); i++) if (sc->cell_order[i] == n) return int(0x40000 + i);
    for (size_t i = 0; i < sc->free_order.size(); i++) if (sc->free_order[i] == n) return int(0x40000 + sc->cell_order.size() + i);
    return 0;
  }
  // Private names (`__x`, not `__x__`) inside a class become `_Class__x`, as in CPython:
  // attributes anywhere in the class (methods included) and the class body's own names.
  std::string mangle_class;  // the innermost class's name without leading underscores
  std::string mangle(const std::string& n) const {
    if (mangle_class.empty() || n.size() < 3 || n.compare(0, 2, "__") != 0) return n;
    if (n.size() >= 4 && n.compare(n.size() - 2, 2, "__") == 0) return n;
    if (n.find('.') != std::string::npos) return n;
    return "_" + mangle_class + n;
  }
  void load_name(const std::string& n) {
    int slot = 0;
    switch (access(n, &slot)) {
      case Access::Fast: emit(LOAD_FAST, slot); break;
      case Access::Deref: emit(LOAD_DEREF, slot); break;
      case Access::Global: emit(LOAD_GLOBAL, name(n)); break;
      case Access::Name: emit(LOAD_NAME, name(sc && sc->kind == ScopeKind::Class ? mangle(n) : n)); break;
    }
  }
  void store_name(const std::string& n) {
    int slot = 0;
    switch (access(n, &slot)) {
      case Access::Fast: emit(STORE_FAST, slot); break;
      case Access::Deref: emit(STORE_DEREF, slot); break;
      case Access::Global: emit(STORE_GLOBAL, name(n)); break;
      case Access::Name: emit(STORE_NAME, name(sc && sc->kind == ScopeKind::Class ? mangle(n) : n)); break;
    }
  }
  void delete_name(const std::string& n) {
    int slot = 0;
    switch (access(n, &slot)) {
      case Access::Fast: emit(DELETE_FAST, slot); break;
      case Access::Deref: fail("cannot delete a variable captured by an inner function in Interleave", cur_line); break;
      case Access::Global: emit(DELETE_GLOBAL, name(n)); break;
      case Access::Name: emit(DELETE_NAME, name(sc && sc->kind == ScopeKind::Class ? mangle(n) : n)); break;
    }
  }

  // Rewrites the provisional cell slots once the number of fast locals is final.
  void finish(CodeObj* c) {
    int nvars = int(c->varnames.size());
    for (auto& w : c->code) {
      uint8_t op = ins_op(w);
      uint32_t a = ins_arg(w);
      if ((op == LOAD_DEREF || op == STORE_DEREF || op == LOAD_FAST) && a >= 0x40000) w = make_ins(op, nvars + (a - 0x40000));
    }
    c->stacksize = max_depth + 8;
  }

  // [SECTION] statements
  void body(const std::vector<Node*>& stmts) { for (Node* s : stmts) { if (!error.empty()) return; stmt(s); } }

  // `name: annotation` in a module or class body: __annotations__[name] = annotation (CPython
  // evaluates annotations there, and not in functions).
  void annotate(Node* n) {
    if (co->fast_locals || n->list.empty() || n->list[0]->kind != NK::Name) return;
    expr(n->b);
    emit(LOAD_NAME, name("__annotations__"));
    emit(LOAD_CONST, str_const(mangle(n->list[0]->str)));
    emit(STORE_SUBSCR);
  }
  static bool has_annotations(const std::vector<Node*>& stmts) {
    for (Node* s : stmts) {
      if (!s) continue;
      if ((s->kind == NK::Assign || s->kind == NK::Pass) && s->b && !s->list.empty() && s->list[0]->kind == NK::Name) return true;
      if (s->kind == NK::FunctionDef || s->kind == NK::ClassDef) continue;
      if (s->kind == NK::If || s->kind == NK::While || s->kind == NK::For || s->kind == NK::With || s->kind == NK::Try) {
        if (has_annotations(s->list) || has_annotations(s->list2) || has_annotations(s->list3)) return true;
        if (s->kind == NK::Try)
          for (Node* h : s->list2) if (h && has_annotations(h->list)) return true;
      }
    }
    return false;
  }
  void setup_annotations(const std::vector<Node*>& stmts) {
    if (!has_annotations(stmts)) return;
    emit(BUILD_MAP, 0);
    emit(STORE_NAME, name("__annotations__"));
  }

  void stmt(Node* n) {
    if (stopping()) return;
    cur_line = n->line;
    switch (n->kind) {
      case NK::ExprStmt: expr(n->a); emit(POP_TOP); break;
      case NK::Assign:
        expr(n->a);
        for (size_t i = 0; i < n->list.size(); i++) {
          if (i + 1 < n->list.size()) emit(DUP_TOP);
          assign(n->list[i]);
        }
        if (n->b) annotate(n);
        break;
      case NK::AugAssign: aug_assign(n); break;
      case NK::Pass: if (n->b) annotate(n); break;
      case NK::Global: case NK::Nonlocal: break;
      case NK::If: {
        expr(n->a);
        size_t jf = emit(POP_JUMP_IF_FALSE);
        body(n->list);
        if (n->list2.empty()) { patch(jf, here()); break; }
        size_t je = emit(JUMP);
        patch(jf, here());
        body(n->list2);
        patch(je, here());
        break;
      }
      case NK::While: while_stmt(n); break;
      case NK::For: if (n->ival == 1) async_for_stmt(n); else for_stmt(n); break;
      case NK::Break: case NK::Continue: loop_exit(n); break;
      case NK::Return: {
        if (n->a) expr(n->a); else emit(LOAD_CONST, konst(Value::none()));
        unwind_all(true);
        emit(RETURN_VALUE);
        break;
      }
      case NK::Raise:
        if (n->a) { expr(n->a); if (n->b) { expr(n->b); emit(RAISE_VARARGS, 2); } else emit(RAISE_VARARGS, 1); }
        else emit(RAISE_VARARGS, 0);
        break;
      case NK::Assert: {
        expr(n->a);
        size_t jt = emit(POP_JUMP_IF_TRUE);
        if (n->b) { expr(n->b); emit(RAISE_ASSERT, 1); } else emit(RAISE_ASSERT, 0);
        patch(jt, here());
        break;
      }
      case NK::Delete: for (Node* t : n->list) del(t); break;
      case NK::Try: try_stmt(n); break;
      case NK::With: with_stmt(n, 0); break;
      case NK::FunctionDef: function(n); break;
      case NK::ClassDef: class_def(n); break;
      case NK::Import:
        for (Node* al : n->list) {
          emit(IMPORT_NAME, name(al->str));
          size_t dot = al->str.find('.');
          if (!al->str2.empty()) {
            store_name(al->str2);        // import a.b as c: c is the module a.b
          } else if (dot == std::string::npos) {
            store_name(al->str);
          } else {                       // import a.b: binds the package a, now holding b
            emit(POP_TOP);
            emit(IMPORT_NAME, name(al->str.substr(0, dot)));
            store_name(al->str.substr(0, dot));
          }
        }
        break;
      case NK::ImportFrom:
        emit(IMPORT_NAME, name(n->str));
        for (Node* al : n->list) {
          if (al->str == "*") { emit(IMPORT_STAR); depth++; break; }
          emit(IMPORT_FROM, name(al->str));
          store_name(al->str2.empty() ? al->str : al->str2);
        }
        emit(POP_TOP);
        break;
      default: fail("unsupported statement", n->line); break;
    }
  }

  void assign(Node* t) {
    switch (t->kind) {
      case NK::Name: store_name(t->str); break;
      case NK::Attribute: expr(t->a); emit(STORE_ATTR, name(mangle(t->str))); break;
      case NK::Subscript: expr(t->a); expr(t->b); emit(STORE_SUBSCR); break;
      case NK::Tuple: case NK::List: {
        int star = -1;
        for (size_t i = 0; i < t->list.size(); i++) {
          if (t->list[i]->kind == NK::Starred) {
            if (star >= 0) { fail("multiple starred expressions in assignment", t->line); return; }
            star = int(i);
          }
        }
        if (star < 0) emit(UNPACK_SEQUENCE, uint32_t(t->list.size()));
        else emit(UNPACK_EX, uint32_t(star) | uint32_t(t->list.size() - star - 1) << 8);
        for (Node* e : t->list) assign(e->kind == NK::Starred ? e->a : e);
        break;
      }
      case NK::Starred: fail("starred assignment target must be in a list or tuple", t->line); break;
      default: fail("cannot assign to expression", t->line); break;
    }
  }
  void del(Node* t) {
    switch (t->kind) {
      case NK::Name: delete_name(t->str); break;
      case NK::Attribute: expr(t->a); emit(DELETE_ATTR, name(mangle(t->str))); break;
      case NK::Subscript: expr(t->a); expr(t->b); emit(DELETE_SUBSCR); break;
      case NK::Tuple: case NK::List: for (Node* e : t->list) del(e); break;
      default: fail("cannot delete expression", t->line); break;
    }
  }
  static uint32_t binop_code(const std::string& op) {
    static const char* const ops[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"};
    for (uint32_t i = 0; i < 13; i++) if (op == ops[i]) return i;
    return 0;
  }
  void aug_assign(Node* n) {
    Node* t = n->a;
    uint32_t op = binop_code(n->str);
    if (t->kind == NK::Name) {
      load_name(t->str);
      expr(n->b);
      emit(INPLACE_OP, op);
      store_name(t->str);
    } else if (t->kind == NK::Attribute) {
      expr(t->a);
      emit(DUP_TOP);
      emit(LOAD_ATTR, name(mangle(t->str)));
      expr(n->b);
      emit(INPLACE_OP, op);
      emit(ROT_TWO);
      emit(STORE_ATTR, name(mangle(t->str)));
    } else {
      expr(t->a);
      expr(t->b);
      emit(DUP_TOP_TWO);
      emit(BINARY_SUBSCR);
      expr(n->b);
      emit(INPLACE_OP, op);
      emit(ROT_THREE);
      emit(STORE_SUBSCR);
    }
  }

  // [SECTION] try/with/loops
  void while_stmt(Node* n) {
    uint32_t start = here();
    expr(n->a);
    size_t jf = emit(POP_JUMP_IF_FALSE);
    fblocks.push_back(FBlock{FB::WhileLoop, start, {}, nullptr});
    body(n->list);
    emit(JUMP, start);
    FBlock fb = fblocks.back();
    fblocks.pop_back();
    patch(jf, here());
    body(n->list2);
    for (size_t b : fb.breaks) patch(b, here());
  }
  void for_stmt(Node* n) {
    expr(n->b);
    emit(GET_ITER);
    uint32_t start = here();
    size_t fi = emit(FOR_ITER);
    assign(n->a);
    fblocks.push_back(FBlock{FB::ForLoop, start, {}, nullptr});
    body(n->list);
    emit(JUMP, start);
    FBlock fb = fblocks.back();
    fblocks.pop_back();
    patch(fi, here());
    depth -= 1;  // exhausted: FOR_ITER popped the iterator
    body(n->list2);
    for (size_t b : fb.breaks) patch(b, here());
  }

  // async for: __aiter__ once, then `await it.__anext__()` until StopAsyncIteration.
  void async_for_stmt(Node* n) {
    const int base = depth;
    expr(n->b);
    emit(LOAD_METHOD, name("__aiter__"));
    emit(CALL_METHOD, 0);                    // [it]
    uint32_t start = here();
    size_t setup = emit(SETUP_FINALLY);
    emit(DUP_TOP);
    emit(LOAD_METHOD, name("__anext__"));
    emit(CALL_METHOD, 0);
    await_top();                             // [it item]
    emit(POP_BLOCK);
    assign(n->a);
    fblocks.push_back(FBlock{FB::ForLoop, start, {}, nullptr});
    body(n->list);
    emit(JUMP, start);
    FBlock fb = fblocks.back();
    fblocks.pop_back();
    patch(setup, here());
    depth = base + 2;                        // [it exc]
    emit(DUP_TOP);
    emit(LOAD_GLOBAL, name("StopAsyncIteration"));
    emit(EXC_MATCH);
    size_t other = emit(POP_JUMP_IF_FALSE);
    emit(POP_TOP);
    emit(POP_EXCEPT);
    emit(POP_TOP);                           // the iterator: the loop is over
    body(n->list2);
    size_t done = emit(JUMP);
    patch(other, here());
    depth = base + 2;
    emit(RERAISE);
    patch(done, here());
    depth = base;
    for (size_t b : fb.breaks) patch(b, here());
  }

  // Emits the cleanup for one fblock when a jump or return leaves it.
  void unwind(const FBlock& fb, bool preserve_tos) {
    switch (fb.kind) {
      case FB::WhileLoop: break;
      case FB::ForLoop:
        if (preserve_tos) emit(ROT_TWO);
        emit(POP_TOP);
        break;
      case FB::TryExcept: emit(POP_BLOCK); break;
      case FB::FinallyTry: {
        emit(POP_BLOCK);
        // run the finally body with this block removed, so its own exits unwind correctly
        std::vector<FBlock> saved(fblocks.begin() + (&fb - fblocks.data()), fblocks.end());
        fblocks.erase(fblocks.begin() + (&fb - fblocks.data()), fblocks.end());
        body(*saved.front().finally_body);
        fblocks.insert(fblocks.end(), saved.begin(), saved.end());
        break;
      }
      case FB::FinallyEnd:
        if (preserve_tos) emit(ROT_TWO);
        emit(POP_TOP);
        emit(POP_EXCEPT);
        break;
      case FB::Handler: emit(POP_EXCEPT); break;
      case FB::With:
      case FB::AsyncWith:
        emit(POP_BLOCK);
        if (preserve_tos) emit(ROT_TWO);
        emit(LOAD_CONST, konst(Value::none()));
        emit(LOAD_CONST, konst(Value::none()));
        emit(LOAD_CONST, konst(Value::none()));
        emit(CALL_FUNCTION, 3);
        if (fb.kind == FB::AsyncWith) await_top();
        emit(POP_TOP);
        break;
    }
  }
  void unwind_all(bool preserve_tos) {
    for (size_t i = fblocks.size(); i-- > 0;) {
      int saved = depth;
      unwind(fblocks[i], preserve_tos);
      (void)saved;
    }
  }
  void loop_exit(Node* n) {
    bool is_break = n->kind == NK::Break;
    size_t i = fblocks.size();
    while (i > 0 && fblocks[i - 1].kind != FB::ForLoop && fblocks[i - 1].kind != FB::WhileLoop) i--;
    if (i == 0) { fail(is_break ? "'break' outside loop" : "'continue' not properly in loop", n->line); return; }
    int saved = depth;
    for (size_t k = fblocks.size(); k-- > i;) unwind(fblocks[k], false);
    FBlock& loop = fblocks[i - 1];
    if (is_break) {
      if (loop.kind == FB::ForLoop) emit(POP_TOP);
      loop.breaks.push_back(emit(JUMP));
    } else {
      emit(JUMP, loop.continue_target);
    }
    depth = saved;
  }

  void try_stmt(Node* n) {
    if (n->c) {  // has finally
      size_t setup = emit(SETUP_FINALLY);
      fblocks.push_back(FBlock{FB::FinallyTry, 0, {}, &n->list3});
      if (!n->list2.empty()) try_except(n); else body(n->list);
      fblocks.pop_back();
      emit(POP_BLOCK);
      body(n->list3);
      size_t je = emit(JUMP);
      patch(setup, here());
      depth++;  // the exception
      fblocks.push_back(FBlock{FB::FinallyEnd, 0, {}, nullptr});
      body(n->list3);
      fblocks.pop_back();
      emit(RERAISE);
      patch(je, here());
      return;
    }
    try_except(n);
  }
  void try_except(Node* n) {
    size_t setup = emit(SETUP_FINALLY);
    fblocks.push_back(FBlock{FB::TryExcept, 0, {}, nullptr});
    body(n->list);
    fblocks.pop_back();
    emit(POP_BLOCK);
    if (n->b) body(n->b->list);
    std::vector<size_t> ends{emit(JUMP)};
    patch(setup, here());
    depth++;  // the exception
    for (Node* h : n->list2) {
      cur_line = h->line;
      size_t jnext = 0;
      if (h->a) {
        emit(DUP_TOP);
        expr(h->a);
        emit(EXC_MATCH);
        jnext = emit(POP_JUMP_IF_FALSE);
      }
      if (!h->str.empty()) store_name(h->str); else emit(POP_TOP);
      fblocks.push_back(FBlock{FB::Handler, 0, {}, nullptr});
      body(h->list);
      fblocks.pop_back();
      if (!h->str.empty()) {  // as CPython: `name = None; del name`, so the traceback is not kept alive
        emit(LOAD_CONST, konst(Value::none()));
        store_name(h->str);
        delete_name(h->str);
      }
      emit(POP_EXCEPT);
      ends.push_back(emit(JUMP));
      depth++;
      if (h->a) patch(jnext, here());
      else break;  // a bare except catches everything
    }
    emit(RERAISE);
    for (size_t e : ends) patch(e, here());
  }

  // [it] -> [result]: runs the iterator on top as yield from does (send/throw forwarded).
  void delegate() {
    emit(LOAD_CONST, konst(Value::none()));
    uint32_t loop = here();
    size_t send = emit(YF_SEND);   // [it v] -> [it y] ; at exit -> [result]
    emit(YIELD_VALUE);
    emit(JUMP, loop);
    patch(send, here());
    depth--;
  }
  // [awaitable] -> [result] of `await`.
  void await_top() {
    emit(GET_AWAITABLE);
    delegate();
  }

  void with_stmt(Node* n, size_t item) {
    if (item >= n->list2.size()) { body(n->list); return; }
    Node* it = n->list2[item];
    cur_line = it->line;
    const bool async = n->ival == 1;
    const FB kind = async ? FB::AsyncWith : FB::With;
    expr(it->a);
    emit(DUP_TOP);
    emit(LOAD_ATTR, name(async ? "__aexit__" : "__exit__"));
    emit(ROT_TWO);
    emit(LOAD_METHOD, name(async ? "__aenter__" : "__enter__"));
    emit(CALL_METHOD, 0);
    if (async) await_top();
    if (it->b) assign(it->b); else emit(POP_TOP);
    size_t setup = emit(SETUP_FINALLY);
    fblocks.push_back(FBlock{kind, 0, {}, nullptr});
    with_stmt(n, item + 1);
    fblocks.pop_back();
    cur_line = it->line;
    unwind(FBlock{kind, 0, {}, nullptr}, false);
    size_t je = emit(JUMP);
    patch(setup, here());
    depth += 2;  // [exit exc]
    emit(WITH_EXC_PREP);   // [exc exit type exc None]
    emit(CALL_FUNCTION, 3);  // [exc result]
    if (async) await_top();
    size_t jt = emit(POP_JUMP_IF_TRUE);
    emit(RERAISE);
    depth++;
    patch(jt, here());
    emit(POP_TOP);
    emit(POP_EXCEPT);
    patch(je, here());
  }

  // [SECTION] expressions
  void expr(Node* n) {
    if (!n || !error.empty() || stopping()) return;
    int saved_line = cur_line;
    cur_line = n->line ? n->line : cur_line;
    expr_inner(n);
    cur_line = saved_line;
  }
  void expr_inner(Node* n) {
    switch (n->kind) {
      case NK::Name: load_name(n->str); break;
      case NK::Int: emit(LOAD_CONST, konst(Value::integer(n->ival))); break;
      case NK::BigIntLit: emit(LOAD_CONST, konst(int_from_digits(heap, n->str, int(n->ival), false))); break;
      case NK::Float: emit(LOAD_CONST, konst(Value::floating(n->fval))); break;
      case NK::Str: emit(LOAD_CONST, str_const(n->str)); break;
      case NK::Bytes: emit(LOAD_CONST, add_const(Value::object(heap.alloc<BytesObj>(n->str, false)))); break;
      case NK::None: emit(LOAD_CONST, konst(Value::none())); break;
      case NK::True: emit(LOAD_CONST, konst(Value::boolean(true))); break;
      case NK::False: emit(LOAD_CONST, konst(Value::boolean(false))); break;
      case NK::Ellipsis: emit(LOAD_GLOBAL, name("Ellipsis")); break;
      case NK::FString: {
        for (Node* part : n->list) {
          if (part->kind == NK::Str) { emit(LOAD_CONST, str_const(part->str)); continue; }
          expr(part->a);
          uint32_t flags = part->ival == 's' ? FV_STR : part->ival == 'r' ? FV_REPR : part->ival == 'a' ? FV_ASCII : 0;
          if (part->c) { expr(part->c); flags |= FV_SPEC; }
          emit(FORMAT_VALUE, flags);
        }
        if (n->list.empty()) emit(LOAD_CONST, str_const(""));
        else if (n->list.size() > 1 || n->list[0]->kind == NK::Str) emit(BUILD_STRING, uint32_t(n->list.size()));
        else emit(BUILD_STRING, 1);
        break;
      }
      case NK::BinOp: expr(n->a); expr(n->b); emit(BINARY_OP, binop_code(n->str)); break;
      case NK::UnaryOp:
        expr(n->a);
        emit(n->str == "not" ? UNARY_NOT : n->str == "-" ? UNARY_NEG : n->str == "+" ? UNARY_POS : UNARY_INVERT);
        break;
      case NK::BoolOp: {
        std::vector<size_t> jumps;
        for (size_t i = 0; i < n->list.size(); i++) {
          expr(n->list[i]);
          if (i + 1 < n->list.size()) jumps.push_back(emit(n->str == "and" ? JUMP_IF_FALSE_OR_POP : JUMP_IF_TRUE_OR_POP));
        }
        for (size_t j : jumps) patch(j, here());
        break;
      }
      case NK::Compare: compare(n); break;
      case NK::Call: call(n); break;
      case NK::Attribute: expr(n->a); emit(LOAD_ATTR, name(mangle(n->str))); break;
      case NK::Subscript: expr(n->a); expr(n->b); emit(BINARY_SUBSCR); break;
      case NK::Slice: {
        if (n->a) expr(n->a); else emit(LOAD_CONST, konst(Value::none()));
        if (n->b) expr(n->b); else emit(LOAD_CONST, konst(Value::none()));
        if (n->c) { expr(n->c); emit(BUILD_SLICE, 3); } else emit(BUILD_SLICE, 2);
        break;
      }
      case NK::Tuple: case NK::List: case NK::Set: sequence(n); break;
      case NK::Dict: {
        bool splat = false;
        for (Node* k : n->list) if (!k) splat = true;
        if (!splat && n->list.size() < 256) {
          for (size_t i = 0; i < n->list.size(); i++) { expr(n->list[i]); expr(n->list2[i]); }
          emit(BUILD_MAP, uint32_t(n->list.size()));
        } else {
          emit(BUILD_MAP, 0);
          for (size_t i = 0; i < n->list.size(); i++) {
            if (!n->list[i]) { expr(n->list2[i]); emit(DICT_UPDATE, 1); }
            else { expr(n->list[i]); expr(n->list2[i]); emit(MAP_ADD, 1); }
          }
        }
        break;
      }
      case NK::ListComp: case NK::SetComp: case NK::DictComp: case NK::GenExp: comprehension(n); break;
      case NK::Lambda: lambda(n); break;
      case NK::NamedExpr:  // the value stays on the stack as the expression's result
        expr(n->a);
        emit(DUP_TOP);
        store_name(n->str);
        break;
      case NK::IfExp: {
        expr(n->a);
        size_t jf = emit(POP_JUMP_IF_FALSE);
        expr(n->b);
        size_t je = emit(JUMP);
        depth--;
        patch(jf, here());
        expr(n->c);
        patch(je, here());
        break;
      }
      case NK::Starred: fail("can't use starred expression here", n->line); break;
      case NK::Yield:
        if (n->a) expr(n->a); else emit(LOAD_CONST, konst(Value::none()));
        emit(YIELD_VALUE);
        break;
      case NK::YieldFrom: {
        expr(n->a);
        emit(GET_ITER);
        delegate();
        break;
      }
      case NK::Await:
        expr(n->a);
        await_top();
        break;
      default: fail("invalid syntax", n->line); break;
    }
  }

  void sequence(Node* n) {
    bool star = false;
    for (Node* e : n->list) if (e->kind == NK::Starred) star = true;
    uint8_t build = n->kind == NK::Tuple ? BUILD_TUPLE : n->kind == NK::List ? BUILD_LIST : BUILD_SET;
    if (!star) {
      for (Node* e : n->list) expr(e);
      emit(build, uint32_t(n->list.size()));
      return;
    }
    emit(n->kind == NK::Set ? BUILD_SET : BUILD_LIST, 0);
    for (Node* e : n->list) {
      if (e->kind == NK::Starred) { expr(e->a); emit(n->kind == NK::Set ? SET_UPDATE : LIST_EXTEND, 1); }
      else { expr(e); emit(n->kind == NK::Set ? SET_ADD : LIST_APPEND, 1); }
    }
    if (n->kind == NK::Tuple) emit(LIST_TO_TUPLE);
  }

  void compare(Node* n) {
    static const char* const names[] = {"<", "<=", "==", "!=", ">", ">=", "in", "not in", "is", "is not"};
    auto code = [&](const std::string& s) { for (uint32_t i = 0; i < 10; i++) if (s == names[i]) return i; return 0u; };
    expr(n->list[0]);
    if (n->list3.size() == 1) {
      expr(n->list[1]);
      emit(COMPARE_OP, code(n->list3[0]->str));
      return;
    }
    std::vector<size_t> cleanups;
    for (size_t i = 0; i < n->list3.size(); i++) {
      expr(n->list[i + 1]);
      if (i + 1 < n->list3.size()) {
        emit(DUP_TOP);
        emit(ROT_THREE);
        emit(COMPARE_OP, code(n->list3[i]->str));
        cleanups.push_back(emit(JUMP_IF_FALSE_OR_POP));
      } else {
        emit(COMPARE_OP, code(n->list3[i]->str));
      }
    }
    size_t je = emit(JUMP);
    depth++;
    for (size_t c : cleanups) patch(c, here());
    emit(ROT_TWO);
    emit(POP_TOP);
    patch(je, here());
  }

  void call(Node* n) {
    bool star = false, dstar = false;
    for (Node* a : n->list) if (a->kind == NK::Starred) star = true;
    for (Node* k : n->list2) if (k->str.empty()) dstar = true;
    if (star || dstar) {
      expr(n->a);
      emit(BUILD_LIST, 0);
      for (Node* a : n->list) {
        if (a->kind == NK::Starred) { expr(a->a); emit(LIST_EXTEND, 1); }
        else { expr(a); emit(LIST_APPEND, 1); }
      }
      emit(LIST_TO_TUPLE);
      if (!n->list2.empty()) {
        emit(BUILD_MAP, 0);
        for (Node* k : n->list2) {
          if (k->str.empty()) { expr(k->a); emit(DICT_UPDATE, 1); }
          else { emit(LOAD_CONST, str_const(k->str)); expr(k->a); emit(MAP_ADD, 1); }
        }
        emit(CALL_FUNCTION_EX, 1);
      } else {
        emit(CALL_FUNCTION_EX, 0);
      }
      return;
    }
    uint32_t nargs = uint32_t(n->list.size() + n->list2.size());
    bool method = n->a->kind == NK::Attribute;
    if (method) { expr(n->a->a); emit(LOAD_METHOD, name(mangle(n->a->str))); }
    else expr(n->a);
    for (Node* a : n->list) expr(a);
    for (Node* k : n->list2) expr(k->a);
    if (!n->list2.empty()) {
      for (Node* k : n->list2) emit(LOAD_CONST, str_const(k->str));
      emit(BUILD_TUPLE, uint32_t(n->list2.size()));
      if (method) emit(CALL_METHOD, nargs | (1u << 20));
      else emit(CALL_FUNCTION_KW, nargs);
    } else {
      if (method) emit(CALL_METHOD, nargs); else emit(CALL_FUNCTION, nargs);
    }
  }

  // [SECTION] functions & classes
  struct Saved {
    CodeObj* co; Scope* sc; int depth, max_depth; std::vector<FBlock> fblocks;
    std::map<std::string, int> fast_index; std::map<std::string, uint32_t> name_index;
    ConstIndex const_index;
  };
  Saved enter(const Node* n, const std::string& nm) {
    Saved s{co, sc, depth, max_depth, std::move(fblocks), std::move(fast_index), std::move(name_index),
            std::move(const_index)};
    fblocks.clear(); fast_index.clear(); name_index.clear(); const_index = ConstIndex{};
    depth = max_depth = 0;
    sc = sb.scopes.at(n).get();
    CodeObj* outer = co;
    co = heap.alloc<CodeObj>();
    co->name = nm;
    co->qualname = nm;
    if (outer && s.sc && s.sc->kind == ScopeKind::Function) co->qualname = outer->qualname + ".<locals>." + nm;
    else if (outer && s.sc && s.sc->kind == ScopeKind::Class) co->qualname = outer->qualname + "." + nm;
    co->filename = filename;
    co->is_generator = sc->generator;
    co->is_coroutine = sc->coroutine;
    co->fast_locals = sc->kind == ScopeKind::Function;
    co->cellvars = sc->cell_order;
    co->freevars = sc->free_order;
    return s;
  }
  CodeObj* leave(Saved& s) {
    finish(co);
    for (auto& cv : co->cellvars) {
      int slot = -1;
      for (size_t i = 0; i < co->varnames.size() && i < size_t(co->argcount + co->kwonlycount + co->varargs + co->varkw); i++)
        if (co->varnames[i] == cv) slot = int(i);
      co->cell_param.push_back(slot);
    }
    CodeObj* done = co;
    co = s.co; sc = s.sc; depth = s.depth; max_depth = s.max_depth;
    fblocks = std::move(s.fblocks); fast_index = std::move(s.fast_index); name_index = std::move(s.name_index);
    const_index = std::move(s.const_index);
    return done;
  }
  void declare_params(Params* p) {
    for (auto& a : p->args) fast_slot(a.name);
    co->argcount = int(p->args.size());
    for (auto& a : p->kwonly) fast_slot(a.name);
    co->kwonlycount = int(p->kwonly.size());
    if (!p->vararg.empty()) { fast_slot(p->vararg); co->varargs = true; }
    if (!p->kwarg.empty()) { fast_slot(p->kwarg); co->varkw = true; }
  }
  // Pushes defaults / kwdefaults / closure / code and emits MAKE_FUNCTION.
  void make_function(CodeObj* code, Params* p) {
    uint32_t flags = 0;
    if (p) {
      int ndef = 0;
      for (auto& a : p->args) if (a.def) { expr(a.def); ndef++; }
      if (ndef) { emit(BUILD_TUPLE, ndef); flags |= MF_DEFAULTS; }
      int nkw = 0;
      for (auto& a : p->kwonly) if (a.def) { emit(LOAD_CONST, str_const(a.name)); expr(a.def); nkw++; }
      if (nkw) { emit(BUILD_MAP, nkw); flags |= MF_KWDEFAULTS; }
    }
    if (!code->freevars.empty()) {
      for (auto& fv : code->freevars) emit(LOAD_FAST, deref_slot(fv));
      emit(BUILD_TUPLE, uint32_t(code->freevars.size()));
      flags |= MF_CLOSURE;
    }
    emit(LOAD_CONST, konst(Value::object(code)));
    emit(MAKE_FUNCTION, flags);
  }
  void function(Node* n) {
    for (Node* d : n->list2) expr(d);
    Saved s = enter(n, n->str);
    declare_params(n->params.get());
    cur_line = n->line;
    body(n->list);
    emit(LOAD_CONST, konst(Value::none()));
    emit(RETURN_VALUE);
    CodeObj* code = leave(s);
    if (!n->list.empty() && n->list[0]->kind == NK::ExprStmt && n->list[0]->a && n->list[0]->a->kind == NK::Str)
      code->doc = Value::object(heap.intern(n->list[0]->a->str));
    cur_line = n->line;
    make_function(code, n->params.get());
    for (size_t i = 0; i < n->list2.size(); i++) emit(CALL_FUNCTION, 1);
    store_name(n->str);
  }
  void lambda(Node* n) {
    Saved s = enter(n, "<lambda>");
    declare_params(n->params.get());
    expr(n->a);
    emit(RETURN_VALUE);
    CodeObj* code = leave(s);
    make_function(code, n->params.get());
  }
  void comprehension(Node* n) {
    static const char* const names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
    int which = n->kind == NK::ListComp ? 0 : n->kind == NK::SetComp ? 1 : n->kind == NK::DictComp ? 2 : 3;
    Saved s = enter(n, names[which]);
    fast_slot(".0");
    co->argcount = 1;
    if (which == 0) emit(BUILD_LIST, 0);
    if (which == 1) emit(BUILD_SET, 0);
    if (which == 2) emit(BUILD_MAP, 0);
    comp_loop(n, 0, which);
    if (which == 3) emit(LOAD_CONST, konst(Value::none()));
    emit(RETURN_VALUE);
    CodeObj* code = leave(s);
    make_function(code, nullptr);
    expr(n->list2[0]->b);
    emit(GET_ITER);
    emit(CALL_FUNCTION, 1);
  }
  void comp_loop(Node* n, size_t gi, int which) {
    Node* g = n->list2[gi];
    cur_line = g->line;
    if (gi == 0) emit(LOAD_FAST, fast_slot(".0"));
    else { expr(g->b); emit(GET_ITER); }
    uint32_t start = here();
    size_t fi = emit(FOR_ITER);
    assign(g->a);
    std::vector<size_t> skips;
    for (Node* cond : g->list) { expr(cond); skips.push_back(emit(POP_JUMP_IF_FALSE, start)); }
    if (gi + 1 < n->list2.size()) {
      comp_loop(n, gi + 1, which);
    } else {
      uint32_t d = uint32_t(gi + 1);
      if (which == 0) { expr(n->a); emit(LIST_APPEND, d + 1); depth += 0; }
      else if (which == 1) { expr(n->a); emit(SET_ADD, d + 1); }
      else if (which == 2) { expr(n->a); expr(n->b); emit(MAP_ADD, d + 1); }
      else { expr(n->a); emit(YIELD_VALUE); emit(POP_TOP); }
    }
    emit(JUMP, start);
    patch(fi, here());
    depth -= 1;
  }
  void class_def(Node* n) {
    for (Node* d : n->list2) expr(d);
    if (n->b) expr(n->b);  // metaclass=
    emit(LOAD_CONST, str_const(n->str));
    if (n->list3.size() > 1) {  // several bases: one tuple (BUILD_CLASS arg bit 2)
      for (Node* b : n->list3) expr(b);
      emit(BUILD_TUPLE, uint32_t(n->list3.size()));
    } else if (n->a) {
      expr(n->a);
    } else {
      emit(LOAD_CONST, konst(Value::none()));
    }
    Saved s = enter(n, n->str);
    std::string outer_mangle = mangle_class;
    size_t first = n->str.find_first_not_of('_');
    mangle_class = first == std::string::npos ? std::string() : n->str.substr(first);
    cur_line = n->line;
    emit(LOAD_NAME, name("__name__"));
    emit(STORE_NAME, name("__module__"));
    setup_annotations(n->list);
    body(n->list);
    mangle_class = outer_mangle;
    emit(LOAD_LOCALS);
    emit(RETURN_VALUE);
    CodeObj* code = leave(s);
    cur_line = n->line;
    make_function(code, nullptr);
    emit(CALL_FUNCTION, 0);
    emit(BUILD_CLASS, (n->b ? 1 : 0) | (n->list3.size() > 1 ? 2 : 0));
    for (size_t i = 0; i < n->list2.size(); i++) emit(CALL_FUNCTION, 1);
    store_name(n->str);
  }
};

}  // namespace

// The depth of the deepest node (iteratively: the AST may be deeper than the C++ stack).
static int ast_depth(const Ast& ast, int* line) {
  std::vector<std::pair<const Node*, int>> todo;
  for (const Node* n : ast.body) todo.emplace_back(n, 1);
  int deepest = 0;
  while (!todo.empty()) {
    auto [n, d] = todo.back();
    todo.pop_back();
    if (!n) continue;
    if (d > deepest) { deepest = d; *line = n->line; }
    for (const Node* k : {n->a, n->b, n->c}) todo.emplace_back(k, d + 1);
    for (const auto* l : {&n->list, &n->list2, &n->list3})
      for (const Node* k : *l) todo.emplace_back(k, d + 1);
    if (n->params) {
      for (auto& p : n->params->args) todo.emplace_back(p.def, d + 1);
      for (auto& p : n->params->kwonly) todo.emplace_back(p.def, d + 1);
    }
  }
  return deepest;
}

// The scope builder and the compiler recurse over the AST: deeper programs are rejected
// (CPython rejects them too, somewhat deeper: ~3000 levels).
constexpr int kMaxAstDepth = 1500;

CompileResult compile_module(const Ast& ast, Heap& heap, const std::string& filename, WorkMeter* wm) {
  CompileResult res;
  if (int line = 0; ast_depth(ast, &line) > kMaxAstDepth) {
    res.error = kTooDeep;
    res.error_line = line;
    return res;
  }
  ScopeBuilder sb;
  sb.wm = wm;
  Node root;  // key for the module scope
  root.kind = NK::Pass;
  Scope* mod = sb.make(&root, ScopeKind::Module, nullptr);
  sb.stmts(ast.body, mod);
  if (sb.error.empty()) sb.resolve(mod);
  if (sb.stopped) {
    res.stopped = true;
    return res;
  }
  if (!sb.error.empty()) {
    res.error = sb.error;
    res.error_line = sb.error_line;
    return res;
  }
  Compiler c(heap, sb, filename);
  c.sc = mod;
  c.co = heap.alloc<CodeObj>();
  c.co->name = "<module>";
  c.co->filename = filename;
  c.co->fast_locals = false;
  c.setup_annotations(ast.body);
  c.body(ast.body);
  c.emit(LOAD_CONST, c.konst(Value::none()));
  c.emit(RETURN_VALUE);
  c.finish(c.co);
  if (sb.stopped) {
    res.stopped = true;
    return res;
  }
  if (!c.error.empty()) {
    res.error = c.error;
    res.error_line = c.error_line;
    return res;
  }
  res.code = c.co;
  return res;
}

CompileResult compile_source(std::string_view src, Heap& heap, const std::string& filename, WorkMeter* wm) {
  CompileResult r;
  r.error = check_utf8_source(src, filename);
  if (!r.error.empty()) return r;  // CPython names no line of its own for it
  ParseResult pr = parse(src, wm);
  if (pr.stopped) {
    r.stopped = true;
    return r;
  }
  if (!pr.error.empty()) {
    r.error = pr.error;
    r.error_line = pr.error_line;
    r.error_col = pr.error_col;
    r.error_end_col = pr.error_end_col;
    r.error_text = pr.error_text;
    return r;
  }
  return compile_module(*pr.ast, heap, filename, wm);
}

const char* op_name(uint8_t op) {
  static const char* const names[] = {
#define X(name) #name,
      INTERLEAVE_PY_OPCODES(X)
#undef X
  };
  return op < OP_COUNT ? names[op] : "?";
}

}  // namespace interleave::py
