// Top-level constants: a small scanner for logical lines (strings, brackets, comments,
// continuations), the parser to tell literals apart, and typed replacement.
#include "py/constants.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>

#include "py/float_text.h"
#include "py/parser.h"

namespace interleave::py {
namespace {

// One logical line of source: [begin, end) including its newline, where a comment or a
// `;` at bracket depth 0 starts (npos if none), and how many newlines it spans.
struct LogicalLine {
  size_t begin = 0, end = 0;
  size_t comment = std::string_view::npos;
  size_t semicolon = std::string_view::npos;
};

LogicalLine scan_line(std::string_view s, size_t i) {
  LogicalLine ll;
  ll.begin = i;
  int depth = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '#') {
      if (depth == 0 && ll.comment == std::string_view::npos) ll.comment = i;
      while (i < s.size() && s[i] != '\n') i++;
      continue;
    }
    if (c == '\\' && i + 1 < s.size() && s[i + 1] == '\n') {  // explicit continuation
      i += 2;
      continue;
    }
    if (c == '\'' || c == '"') {
      bool triple = i + 2 < s.size() && s[i + 1] == c && s[i + 2] == c;
      i += triple ? 3 : 1;
      while (i < s.size()) {
        if (s[i] == '\\') { i += 2; continue; }
        if (!triple && s[i] == '\n') break;  // unterminated: the parser will say so
        if (s[i] == c && (!triple || (i + 2 < s.size() && s[i + 1] == c && s[i + 2] == c))) {
          i += triple ? 3 : 1;
          break;
        }
        i++;
      }
      continue;
    }
    if (c == '(' || c == '[' || c == '{') depth++;
    if ((c == ')' || c == ']' || c == '}') && depth > 0) depth--;
    if (c == ';' && depth == 0 && ll.semicolon == std::string_view::npos) ll.semicolon = i;
    if (c == '\n' && depth == 0) {
      ll.end = i + 1;
      return ll;
    }
    i++;
  }
  ll.end = s.size();
  return ll;
}

bool is_keyword(std::string_view w) {
  static const std::set<std::string_view> kw = {
      "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
      "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
      "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};
  return kw.count(w) > 0;
}

std::optional<ConstantKind> literal_kind(const Node* n) {
  switch (n->kind) {
    case NK::Int: case NK::BigIntLit: return ConstantKind::Int;
    case NK::Float: return ConstantKind::Float;
    case NK::Str: return ConstantKind::Str;
    case NK::True: case NK::False: return ConstantKind::Bool;
    case NK::None: return ConstantKind::None;
    case NK::UnaryOp:
      if ((n->str == "-" || n->str == "+") && n->a && (n->a->kind == NK::Int || n->a->kind == NK::Float))
        return literal_kind(n->a);
      return std::nullopt;
    case NK::List: case NK::Tuple: case NK::Set:
      for (const Node* item : n->list)
        if (!literal_kind(item)) return std::nullopt;
      return n->kind == NK::List ? ConstantKind::List : n->kind == NK::Tuple ? ConstantKind::Tuple : ConstantKind::Set;
    case NK::Dict:
      for (const Node* k : n->list)
        if (!k || !literal_kind(k)) return std::nullopt;
      for (const Node* v : n->list2)
        if (!literal_kind(v)) return std::nullopt;
      return ConstantKind::Dict;
    default: return std::nullopt;
  }
}

// The literal's kind and, for lists and tuples, its first item's.
std::optional<std::pair<ConstantKind, ConstantKind>> parse_literal(std::string_view text) {
  ParseResult pr = parse(std::string(text) + "\n");
  if (!pr.ast || pr.ast->body.size() != 1 || pr.ast->body[0]->kind != NK::ExprStmt) return std::nullopt;
  const Node* e = pr.ast->body[0]->a;
  auto kind = e ? literal_kind(e) : std::nullopt;
  if (!kind) return std::nullopt;
  ConstantKind item = ConstantKind::Int;
  if ((e->kind == NK::List || e->kind == NK::Tuple) && !e->list.empty()) item = *literal_kind(e->list[0]);
  return std::make_pair(*kind, item);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

const char* kind_name(ConstantKind k) {
  static const char* const names[] = {"int", "float", "bool", "str", "None", "list", "tuple", "dict", "set"};
  return names[int(k)];
}

std::string python_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::optional<std::string> item_literal(ConstantKind kind, std::string_view text) {
  text = trim(text);
  switch (kind) {
    case ConstantKind::Int: {
      int64_t v = 0;
      const char* b = text.data();
      if (!text.empty() && text[0] == '+') b++;
      auto [end, ec] = std::from_chars(b, text.data() + text.size(), v);
      if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
      return std::to_string(v);
    }
    case ConstantKind::Float: {
      std::string t(text);
      char* end = nullptr;
      double v = std::strtod(t.c_str(), &end);
      if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
      return text::float_repr(v);
    }
    case ConstantKind::Bool:
      if (text == "true" || text == "True") return std::string("True");
      if (text == "false" || text == "False") return std::string("False");
      return std::nullopt;
    case ConstantKind::Str: return python_string(std::string(text));
    default:
      if (is_literal_source(text)) return std::string(text);
      return std::nullopt;
  }
}

const char* expectation(ConstantKind k) {
  switch (k) {
    case ConstantKind::Int: return "a whole number";
    case ConstantKind::Float: return "a number";
    case ConstantKind::Bool: return "true or false";
    case ConstantKind::Str: return "any text";
    case ConstantKind::List: return "items separated by commas (1,2,3) or a Python list";
    case ConstantKind::Tuple: return "items separated by commas (1,2,3) or a Python tuple";
    default: return "a Python literal";
  }
}

}  // namespace

bool is_literal_source(std::string_view text) { return parse_literal(trim(text)).has_value(); }

std::vector<Constant> find_constants(std::string_view src) {
  std::vector<Constant> out;
  std::set<std::string> seen;
  int line = 1;
  for (size_t i = 0; i < src.size();) {
    LogicalLine ll = scan_line(src, i);
    size_t p = ll.begin;
    auto is_ident = [&](char c, bool first) {
      unsigned char u = static_cast<unsigned char>(c);
      return c == '_' || std::isalpha(u) || (!first && std::isdigit(u)) || u >= 0x80;
    };
    if (p < ll.end && is_ident(src[p], true)) {
      size_t q = p;
      while (q < ll.end && is_ident(src[q], false)) q++;
      std::string name(src.substr(p, q - p));
      size_t r = q;
      while (r < ll.end && (src[r] == ' ' || src[r] == '\t')) r++;
      if (r < ll.end && src[r] == '=' && (r + 1 >= ll.end || src[r + 1] != '=') && !is_keyword(name)) {
        size_t begin = r + 1;
        size_t end = std::min<size_t>({ll.end, ll.comment, ll.semicolon});
        std::string_view rhs = src.substr(begin, end - begin);
        size_t lead = rhs.size() - rhs.substr(rhs.find_first_not_of(" \t") == std::string_view::npos
                                                  ? rhs.size() : rhs.find_first_not_of(" \t")).size();
        rhs = trim(rhs);
        auto kinds = parse_literal(rhs);
        if (kinds && !seen.count(name)) {
          seen.insert(name);
          Constant c;
          c.name = name;
          c.kind = kinds->first;
          c.item_kind = kinds->second;
          c.line = line;
          c.begin = begin + lead;
          c.end = c.begin + rhs.size();
          c.literal = std::string(rhs);
          out.push_back(std::move(c));
        }
      }
    }
    for (size_t k = ll.begin; k < ll.end; ++k)
      if (src[k] == '\n') line++;
    i = ll.end;
  }
  return out;
}

std::optional<std::string> override_constants(std::string_view source,
                                              const std::vector<std::pair<std::string, std::string>>& literals,
                                              std::string& error) {
  std::vector<Constant> constants = find_constants(source);
  std::vector<std::pair<const Constant*, std::string>> edits;
  for (const auto& [name, literal] : literals) {
    const Constant* c = nullptr;
    for (const Constant& k : constants)
      if (k.name == name) c = &k;
    if (!c) {
      error = "'" + name + "' is not a constant of the program (a top-level NAME = literal); its constants: " +
              (constants.empty() ? std::string("none") : describe_constants(constants));
      return std::nullopt;
    }
    if (!is_literal_source(literal)) {
      error = "the value for " + name + " is not a Python literal: " + literal;
      return std::nullopt;
    }
    edits.emplace_back(c, literal);
  }
  std::sort(edits.begin(), edits.end(), [](auto& x, auto& y) { return x.first->begin > y.first->begin; });
  std::string out(source);
  for (auto& [c, literal] : edits) {
    size_t old_lines = 0, new_lines = 0;
    for (char ch : c->literal) old_lines += ch == '\n';
    for (char ch : literal) new_lines += ch == '\n';
    std::string text = literal;
    // Keep every later line where it was: pad with line continuations inside brackets.
    if (new_lines < old_lines) {
      if (text.find_first_of("([{") == 0) {
        size_t close = text.size() - 1;
        text = text.substr(0, close) + std::string(old_lines - new_lines, '\n') + text.substr(close);
      } else {
        text = "(" + text + std::string(old_lines - new_lines, '\n') + ")";
      }
    }
    out.replace(c->begin, c->end - c->begin, text);
  }
  return out;
}

std::optional<std::string> constant_literal(const Constant& c, const std::string& value, std::string& error) {
  auto fail = [&]() -> std::optional<std::string> {
    error = c.name + " is a " + kind_name(c.kind) + " constant of the program (line " + std::to_string(c.line) +
            ": " + c.name + " = " + c.literal + "): give " + expectation(c.kind) + ", got '" + value + "'";
    return std::nullopt;
  };
  if (c.kind == ConstantKind::List || c.kind == ConstantKind::Tuple) {
    std::string_view v = trim(value);
    if (!v.empty() && (v.front() == '[' || v.front() == '(')) {
      auto kinds = parse_literal(v);
      if (!kinds || (kinds->first != ConstantKind::List && kinds->first != ConstantKind::Tuple)) return fail();
      return std::string(v);
    }
    std::string items;
    size_t count = 0;
    for (size_t start = 0; start <= v.size() && !v.empty();) {
      size_t comma = v.find(',', start);
      std::string_view part = v.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      auto lit = item_literal(c.item_kind, part);
      if (!lit) return fail();
      items += (count++ ? ", " : "") + *lit;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (c.kind == ConstantKind::List) return "[" + items + "]";
    return "(" + items + (count == 1 ? ",)" : ")");
  }
  auto lit = item_literal(c.kind, value);
  if (!lit) return fail();
  return lit;
}

std::string describe_constants(const std::vector<Constant>& constants) {
  std::string out;
  for (const Constant& c : constants) {
    if (!out.empty()) out += ", ";
    out += c.name + " (" + kind_name(c.kind) + ", line " + std::to_string(c.line) + ")";
  }
  return out;
}

}  // namespace interleave::py
