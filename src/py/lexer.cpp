// [SECTION] helpers  [SECTION] strings  [SECTION] main loop
#include "py/lexer.h"

#include <cctype>
#include <cstdint>
#include <cstring>

namespace interleave::py {

// [SECTION] helpers
void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

namespace {

bool is_name_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool is_name_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

const char* const kOps3[] = {"**=", "//=", ">>=", "<<=", "...", nullptr};
const char* const kOps2[] = {"**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=",
                             "&=", "|=", "^=", "->", "<<", ">>", ":=", nullptr};
const char* const kOps1 = "+-*/%<>=()[]{},:.;@&|^~";

struct Lexer {
  std::string_view s;
  size_t i = 0;
  int line = 1;
  int line_offset = 0;
  int depth = 0;  // bracket nesting: newlines inside are ignored
  std::vector<std::pair<char, int>> open;  // open brackets and their lines
  std::vector<int> indents{0};
  LexResult r;

  bool fail(const std::string& msg) {
    if (r.error.empty()) {
      r.error = "SyntaxError: " + msg;
      r.error_line = line + line_offset;
    }
    return false;
  }
  void push(TokKind k, std::string text, int col = 0) {
    r.tokens.push_back(Token{k, std::move(text), line + line_offset, col});
  }

  // [SECTION] strings
  // Decodes one escape sequence after a backslash; `i` points after the backslash.
  bool escape(std::string& out) {
    if (i >= s.size()) return fail("unterminated string literal");
    char c = s[i++];
    switch (c) {
      case 'n': out += '\n'; return true;
      case 't': out += '\t'; return true;
      case 'r': out += '\r'; return true;
      case '0': out += '\0'; return true;
      case 'a': out += '\a'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'v': out += '\v'; return true;
      case '\\': out += '\\'; return true;
      case '\'': out += '\''; return true;
      case '"': out += '"'; return true;
      case '\n': line++; return true;
      case 'x': case 'u': case 'U': {
        int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (i + n > s.size()) return fail("truncated \\" + std::string(1, c) + " escape");
        uint32_t cp = 0;
        for (int k = 0; k < n; k++) {
          char h = s[i++];
          if (!std::isxdigit((unsigned char)h)) return fail("truncated escape sequence");
          cp = cp * 16 + (std::isdigit((unsigned char)h) ? h - '0' : (std::tolower(h) - 'a' + 10));
        }
        append_utf8(out, cp);
        return true;
      }
      default: out += '\\'; out += c; return true;
    }
  }

  bool string(std::string prefix) {
    bool raw = false, fstr = false;
    for (char p : prefix) {
      char l = char(std::tolower((unsigned char)p));
      if (l == 'r') raw = true;
      else if (l == 'f') fstr = true;
      else if (l == 'b') return fail("bytes literals are not supported by Interleave");
    }
    char q = s[i];
    bool triple = i + 2 < s.size() && s[i + 1] == q && s[i + 2] == q;
    i += triple ? 3 : 1;
    int start_line = line;
    std::string out;
    for (;;) {
      if (i >= s.size()) {
        line = start_line;
        return fail(triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
      }
      char c = s[i];
      if (c == q && (!triple || (i + 2 < s.size() + 0 && s.substr(i, 3) == std::string(3, q)))) {
        i += triple ? 3 : 1;
        break;
      }
      if (c == '\n') {
        if (!triple) return fail("unterminated string literal");
        line++;
        out += c;
        i++;
        continue;
      }
      if (c == '\\') {
        if (raw || fstr) {  // f-strings: escapes are decoded later, piece by piece
          out += c;
          if (i + 1 < s.size()) {
            if (s[i + 1] == '\n') line++;
            out += s[i + 1];
          }
          i += 2;
          continue;
        }
        i++;
        if (!escape(out)) return false;
        continue;
      }
      out += c;
      i++;
    }
    TokKind k = fstr ? TokKind::FString : TokKind::String;
    if (raw && fstr) out = "\x01" + out;  // marks a raw f-string for the parser
    r.tokens.push_back(Token{k, std::move(out), start_line + line_offset, 0});
    return true;
  }

  bool number() {
    size_t st = i;
    bool is_float = false;
    auto digits = [&](auto pred) { while (i < s.size() && (pred((unsigned char)s[i]) || s[i] == '_')) i++; };
    if (s[i] == '0' && i + 1 < s.size() && std::strchr("xXoObB", s[i + 1])) {
      i += 2;
      digits([](unsigned char c) { return std::isxdigit(c) != 0; });
    } else {
      digits([](unsigned char c) { return std::isdigit(c) != 0; });
      if (i < s.size() && s[i] == '.') { is_float = true; i++; digits([](unsigned char c) { return std::isdigit(c) != 0; }); }
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t save = i;
        i++;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
        if (i < s.size() && std::isdigit((unsigned char)s[i])) {
          is_float = true;
          digits([](unsigned char c) { return std::isdigit(c) != 0; });
        } else {
          i = save;
        }
      }
      if (i < s.size() && (s[i] == 'j' || s[i] == 'J')) return fail("complex numbers are not supported by Interleave");
    }
    if (i < s.size() && is_name_char((unsigned char)s[i])) return fail("invalid decimal literal");
    std::string text;
    for (size_t k = st; k < i; k++) if (s[k] != '_') text += s[k];
    push(is_float ? TokKind::Float : TokKind::Int, text);
    return true;
  }

  // Handles the start of a logical line: measures indentation, emits INDENT/DEDENT.
  bool line_start() {
    for (;;) {
      int col = 0;
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')) {
        col = s[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
        i++;
      }
      if (i >= s.size()) return true;
      if (s[i] == '#') { while (i < s.size() && s[i] != '\n') i++; }
      if (i < s.size() && s[i] == '\r') i++;
      if (i < s.size() && s[i] == '\n') { i++; line++; continue; }  // blank line
      if (i >= s.size()) return true;
      if (col > indents.back()) {
        if (indents.size() >= 100) {  // CPython's MAXINDENT
          fail("");
          r.error = "IndentationError: too many levels of indentation";
          return false;
        }
        indents.push_back(col);
        push(TokKind::Indent, "");
      } else {
        while (col < indents.back()) {
          indents.pop_back();
          push(TokKind::Dedent, "");
        }
        if (col != indents.back()) {
          fail("");
          r.error = "IndentationError: unindent does not match any outer indentation level";
          return false;
        }
      }
      return true;
    }
  }

  // [SECTION] main loop
  bool run() {
    if (!line_start()) return false;
    while (i < s.size()) {
      char c = s[i];
      if (c == '\n') {
        i++;
        if (depth == 0) {
          if (!r.tokens.empty() && r.tokens.back().kind != TokKind::Newline) push(TokKind::Newline, "");
          line++;
          if (!line_start()) return false;
        } else {
          line++;
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') { i++; continue; }
      if (c == '#') { while (i < s.size() && s[i] != '\n') i++; continue; }
      if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
        i += s[i + 1] == '\r' ? 3 : 2;
        line++;
        continue;
      }
      if (is_name_start((unsigned char)c)) {
        size_t st = i;
        while (i < s.size() && is_name_char((unsigned char)s[i])) i++;
        std::string word(s.substr(st, i - st));
        if (i < s.size() && (s[i] == '\'' || s[i] == '"') && word.size() <= 2) {
          bool ok = true;
          for (char p : word) if (!std::strchr("rRbBfFuU", p)) ok = false;
          if (ok) { if (!string(word)) return false; continue; }
        }
        push(TokKind::Name, word);
        continue;
      }
      if (std::isdigit((unsigned char)c) || (c == '.' && i + 1 < s.size() && std::isdigit((unsigned char)s[i + 1]))) {
        if (!number()) return false;
        continue;
      }
      if (c == '\'' || c == '"') { if (!string("")) return false; continue; }
      bool matched = false;
      for (auto ops : {kOps3, kOps2}) {
        for (int k = 0; ops[k]; k++) {
          size_t n = std::strlen(ops[k]);
          if (s.substr(i, n) == ops[k]) { push(TokKind::Op, ops[k]); i += n; matched = true; break; }
        }
        if (matched) break;
      }
      if (matched) continue;
      if (std::strchr(kOps1, c)) {
        if (c == '(' || c == '[' || c == '{') {
          if (depth >= 200) return fail("too many nested parentheses");  // CPython's MAXLEVEL
          depth++;
          open.emplace_back(c, line + line_offset);
        }
        if (c == ')' || c == ']' || c == '}') {
          if (depth == 0) return fail(std::string("unmatched '") + c + "'");
          char want = open.back().first == '(' ? ')' : open.back().first == '[' ? ']' : '}';
          if (c != want) return fail(std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + open.back().first + "'");
          depth--;
          open.pop_back();
        }
        push(TokKind::Op, std::string(1, c));
        i++;
        continue;
      }
      if (c == '!' ) return fail("invalid syntax");
      return fail(std::string("invalid character '") + c + "'");
    }
    if (depth > 0) {
      // keep the tokens: the parser may find an earlier error; otherwise this one stands
      fail(std::string("'") + open.back().first + "' was never closed");
      r.unclosed_line = open.back().second;
      r.error_line = open.back().second;
    }
    if (!r.tokens.empty() && r.tokens.back().kind != TokKind::Newline) push(TokKind::Newline, "");
    while (indents.size() > 1) { indents.pop_back(); push(TokKind::Dedent, ""); }
    push(TokKind::End, "");
    return true;
  }
};

}  // namespace

LexResult lex(std::string_view src, int line_offset) {
  Lexer L;
  L.s = src;
  L.line_offset = line_offset;
  L.run();
  return std::move(L.r);
}

}  // namespace interleave::py
