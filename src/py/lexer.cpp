// [SECTION] helpers  [SECTION] strings  [SECTION] main loop
#include "py/lexer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "py/text_utf8.h"
#include "py/unicode_ident.h"

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

std::string check_utf8_source(std::string_view s, const std::string& filename) {
  int line = 1;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') line++;
    if (c < 0x80) { i++; continue; }
    // strict UTF-8: no stray continuation bytes, overlong forms, surrogates or > U+10FFFF
    size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; k++) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n > 2) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!ok) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      return "SyntaxError: Non-UTF-8 code starting with '" + std::string(hex) + "' in file " + filename + " on line " +
             std::to_string(line) + ", but no encoding declared; see https://peps.python.org/pep-0263/ for details";
    }
    i += n;
  }
  return "";
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
  struct OpenBracket { char c; int line; size_t pos; };
  std::vector<OpenBracket> open;
  size_t tok_start = 0;       // where the token being read began
  size_t first_unended = 0;   // tokens from here on still need their `end`
  std::vector<int> indents{0};
  std::vector<int> alt_indents{0};  // the same indentation with tabs counted as 1 column
  LexResult r;
  WorkMeter* wm = nullptr;
  size_t metered = 0;  // the bytes before this were counted by the meter

  bool fail(const std::string& msg) {
    if (r.error.empty()) {
      r.error = "SyntaxError: " + msg;
      r.error_line = line + line_offset;
    }
    return false;
  }
  // fail() with a caret under the character at byte offset `at` of the current line.
  bool fail_at(const std::string& msg, size_t at) {
    if (!r.error.empty()) return false;
    fail(msg);
    size_t st = at;
    while (st > 0 && s[st - 1] != '\n') st--;
    r.error_col = int(text::utf8_length(s.substr(st, at - st))) + 1;
    return false;
  }
  // CPython names the line where it gave up and marks where the string began.
  bool unterminated(bool triple, int start_line) {
    int detected = line + line_offset;
    if (i >= s.size() && !s.empty() && s.back() == '\n') detected--;  // gave up at the end, on the last line
    line = start_line;
    return fail_at(std::string(triple ? "unterminated triple-quoted string literal" : "unterminated string literal") +
                   " (detected at line " + std::to_string(detected) + ")", tok_start);
  }
  bool fail_as(const char* error) {  // an error of another class than SyntaxError
    if (!r.error.empty() && r.error != "SyntaxError: ") return false;
    fail("");
    r.error = error;
    return false;
  }
  void push(TokKind k, std::string text) {
    r.tokens.push_back(Token{k, std::move(text), line + line_offset, unsigned(tok_start), unsigned(tok_start), depth});
  }
  // Every pass of the main loop reads at most one token, so the tokens pushed by the last
  // pass end where the next pass begins.
  void end_tokens() {
    for (size_t k = first_unended; k < r.tokens.size(); k++) r.tokens[k].end = unsigned(std::max(i, size_t(r.tokens[k].pos) + 1));
    first_unended = r.tokens.size();
    tok_start = i;
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

  // Decodes the escapes of a bytes literal's body (CPython's rules: \x needs two hex digits,
  // octal escapes take up to three digits modulo 256, \u \U \N are no escapes in bytes).
  bool bytes_escapes(const std::string& body, std::string& out) {
    for (size_t k = 0; k < body.size(); k++) {
      char c = body[k];
      if (c != '\\' || k + 1 >= body.size()) { out += c; continue; }
      size_t at = k;
      char e = body[++k];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '\\': case '\'': case '"': out += e; break;
        case '\n': break;  // line continuation
        case 'x': {
          if (k + 2 >= body.size() || !std::isxdigit((unsigned char)body[k + 1]) || !std::isxdigit((unsigned char)body[k + 2]))
            return fail("(value error) invalid \\x escape at position " + std::to_string(at));
          out += char(std::stoi(body.substr(k + 1, 2), nullptr, 16));
          k += 2;
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int d = 0; d < 2 && k + 1 < body.size() && body[k + 1] >= '0' && body[k + 1] <= '7'; d++) v = v * 8 + (body[++k] - '0');
            out += char(v & 0xFF);
          } else {
            out += '\\';
            out += e;
          }
      }
    }
    return true;
  }

  bool string(std::string prefix) {
    bool raw = false, fstr = false, bytes = false, other = false;
    for (char p : prefix) {
      char l = char(std::tolower((unsigned char)p));
      if (l == 'r') raw = true;
      else if (l == 'f') fstr = true;
      else if (l == 'b') bytes = true;
      else other = true;  // u
    }
    if (bytes && (fstr || other)) return fail("invalid syntax");
    char q = s[i];
    bool triple = i + 2 < s.size() && s[i + 1] == q && s[i + 2] == q;
    i += triple ? 3 : 1;
    int start_line = line;
    std::string out;
    for (;;) {
      if (i >= s.size()) return unterminated(triple, start_line);
      char c = s[i];
      if (c == q && (!triple || (i + 2 < s.size() + 0 && s.substr(i, 3) == std::string(3, q)))) {
        i += triple ? 3 : 1;
        break;
      }
      if (c == '\n') {
        if (!triple) return unterminated(false, start_line);
        line++;
        out += c;
        i++;
        continue;
      }
      if (bytes && (unsigned char)c >= 0x80) return fail("bytes can only contain ASCII literal characters");
      if (c == '\\') {
        if (raw || fstr || bytes) {  // f-strings and bytes: escapes are decoded after the scan
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
    if (bytes) {
      std::string decoded;
      if (raw) decoded = std::move(out);
      else if (!bytes_escapes(out, decoded)) return false;
      r.tokens.push_back(Token{TokKind::Bytes, std::move(decoded), start_line + line_offset, unsigned(tok_start), unsigned(tok_start), depth});
      return true;
    }
    TokKind k = fstr ? TokKind::FString : TokKind::String;
    if (raw && fstr) out = "\x01" + out;  // marks a raw f-string for the parser
    r.tokens.push_back(Token{k, std::move(out), start_line + line_offset, unsigned(tok_start), unsigned(tok_start), depth});
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
    // only ASCII letters glue to a number (CPython): `2\u200b` is a number, then a bad name
    if (i < s.size() && (unsigned char)s[i] < 0x80 && is_name_char((unsigned char)s[i])) return fail("invalid decimal literal");
    std::string text;
    for (size_t k = st; k < i; k++) if (s[k] != '_') text += s[k];
    push(is_float ? TokKind::Float : TokKind::Int, text);
    return true;
  }

  static bool ascii_name(const std::string& w) {
    for (char c : w) if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
  }
  static std::string non_printable(char32_t c) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%04X", unsigned(c));
    return std::string("invalid non-printable character U+") + hex;
  }
  // A name with non-ASCII characters (`word`, starting at byte `st`): each must be allowed
  // where it stands (CPython's message and caret otherwise); the name becomes its NFKC form.
  bool unicode_name(size_t st, std::string& word) {
    std::u32string cps;
    for (size_t k = 0; k < word.size();) {
      size_t at = k;
      char32_t cp = text::utf8_next(word, k);
      if (!(cps.empty() ? unicode::is_id_start(cp) : unicode::is_id_continue(cp))) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "%04X", unsigned(cp));
        std::string shown;
        text::utf8_append(shown, cp);
        return fail_at(unicode::is_printable(cp) ? "invalid character '" + shown + "' (U+" + hex + ")" : non_printable(cp), st + at);
      }
      cps += cp;
    }
    word.clear();
    for (char32_t cp : unicode::nfkc(cps)) text::utf8_append(word, cp);
    return true;
  }

  // Handles the start of a logical line: measures indentation, emits INDENT/DEDENT.
  bool line_start() {
    for (;;) {
      // CPython reads a whole line before tokenizing it: a null byte anywhere in it is the
      // error, before any indentation error of the same line.
      const size_t eol = std::min(s.find('\n', i), s.size());
      if (std::memchr(s.data() + i, '\0', eol - i)) return fail("source code cannot contain null bytes");
      int col = 0, alt = 0;  // CPython compares both: tabs to multiples of 8 and of 1
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')) {
        if (s[i] == '\f') {
          col = alt = 0;
        } else {
          col = s[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
          alt++;
        }
        i++;
      }
      if (i >= s.size()) return true;
      if (s[i] == '#') { while (i < s.size() && s[i] != '\n') i++; }
      if (i < s.size() && s[i] == '\r') i++;
      if (i < s.size() && s[i] == '\n') { i++; line++; continue; }  // blank line
      if (i >= s.size()) return true;
      const char* kTabError = "TabError: inconsistent use of tabs and spaces in indentation";
      if (col > indents.back()) {
        if (indents.size() >= 100) return fail_as("IndentationError: too many levels of indentation");  // CPython's MAXINDENT
        if (alt <= alt_indents.back()) return fail_as(kTabError);
        indents.push_back(col);
        alt_indents.push_back(alt);
        push(TokKind::Indent, "");
      } else {
        while (col < indents.back()) {
          indents.pop_back();
          alt_indents.pop_back();
          push(TokKind::Dedent, "");
        }
        if (col != indents.back()) {  // CPython marks the end of the line
          fail_at("", std::min(s.find('\n', i), s.size()));
          return fail_as("IndentationError: unindent does not match any outer indentation level");
        }
        if (alt != alt_indents.back()) return fail_as(kTabError);
      }
      return true;
    }
  }

  // [SECTION] main loop
  // Ticks the meter once a chunk of source was read; true once the run is being stopped.
  bool stopping() {
    if (i - metered < kMeterChunk) return false;
    const size_t n = i - metered;
    metered = i;
    return r.stopped = meter_tick(wm, n);
  }
  bool run() {
    if (!line_start()) return false;
    while (i < s.size()) {
      end_tokens();
      if (stopping()) return false;
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
        if (!ascii_name(word) && !unicode_name(st, word)) return false;
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
      if (c == '\0') return fail("source code cannot contain null bytes");
      if (std::strchr(kOps1, c)) {
        if (c == '(' || c == '[' || c == '{') {
          if (depth >= 200) return fail("too many nested parentheses");  // CPython's MAXLEVEL
          depth++;
          open.push_back(OpenBracket{c, line + line_offset, i});
        }
        if (c == ')' || c == ']' || c == '}') {
          if (depth == 0) return fail_at(std::string("unmatched '") + c + "'", i);
          char want = open.back().c == '(' ? ')' : open.back().c == '[' ? ']' : '}';
          if (c != want) {
            const int opened = open.back().line;
            return fail_at(std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + open.back().c + "'" +
                           (opened != line + line_offset ? " on line " + std::to_string(opened) : std::string()), i);
          }
          depth--;
          open.pop_back();
        }
        push(TokKind::Op, std::string(1, c));
        i++;
        continue;
      }
      if (!unicode::is_printable(char32_t(c))) return fail_at(non_printable(char32_t(c)), i);
      return fail_at("invalid syntax", i);  // $ ? ! `: CPython's parser rejects the token
    }
    if (depth > 0) {
      // keep the tokens: the parser may find an earlier error; otherwise this one stands
      fail(std::string("'") + open.back().c + "' was never closed");
      r.unclosed_line = open.back().line;
      r.unclosed_pos = unsigned(open.back().pos);
      r.error_line = open.back().line;
    }
    end_tokens();
    if (!r.tokens.empty() && r.tokens.back().kind != TokKind::Newline) push(TokKind::Newline, "");
    while (indents.size() > 1) { indents.pop_back(); push(TokKind::Dedent, ""); }
    push(TokKind::End, "");
    return true;
  }
};

}  // namespace

LexResult lex(std::string_view src, int line_offset, WorkMeter* wm) {
  Lexer L;
  L.wm = wm;
  if (line_offset == 0 && src.substr(0, 3) == "\xEF\xBB\xBF") src.remove_prefix(3);  // UTF-8 BOM
  L.s = src;
  L.line_offset = line_offset;
  L.run();
  return std::move(L.r);
}

}  // namespace interleave::py
