// [SECTION] repr & indexing  [SECTION] %-formatting  [SECTION] str.format  [SECTION] str methods
#include "py/strings.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include "py/bigint.h"
#include "py/float_text.h"
#include "py/text_format.h"
#include "py/str_methods.h"
#include "py/text_utf8.h"
#include "py/native_fn.h"

namespace interleave::py {

// [SECTION] repr & indexing
bool str_join(VM& vm, Thread& t, const std::string& sep, const std::vector<Value>& items, Value* out) {
  double bytes = items.empty() ? 0 : double(sep.size()) * double(items.size() - 1);
  WorkMeter wm(&vm);  // 15 M items take 0.1 s to check, more to copy
  for (size_t i = 0; i < items.size(); i++) {
    if (wm.tick(8)) { vm.raise_stopped(t); return false; }  // 8: a step
    if (!is_type(items[i], ObjType::Str)) {
      vm.raise(t, vm.cls.TypeError, "sequence item " + std::to_string(i) + ": expected str instance, " + vm.type_name(items[i]) + " found");
      return false;
    }
    bytes += double(as<StrObj>(items[i])->s.size());
  }
  if (bytes > double(vm.limits().max_memory_bytes)) {  // before copying: a huge join fails at once
    vm.raise(t, vm.cls.MemoryError, "");
    return false;
  }
  std::string r;
  r.reserve(size_t(bytes));
  for (size_t i = 0; i < items.size(); i++) {
    if (i) r += sep;
    r += as<StrObj>(items[i])->s;
    if (wm.tick(sep.size() + as<StrObj>(items[i])->s.size() + 8)) { vm.raise_stopped(t); return false; }  // 8: a step
  }
  *out = vm.str(std::move(r));
  return true;
}

std::string repr_str(const std::string& s) { return text::repr_str(s); }

size_t str_offset(const StrObj* s, int64_t i) {
  if (s->ascii) return size_t(std::min<int64_t>(i, int64_t(s->s.size())));
  return text::utf8_offset(s->s, size_t(i));
}

std::string str_at(const StrObj* s, int64_t i) {
  if (s->ascii) return std::string(1, s->s[size_t(i)]);
  size_t a = str_offset(s, i);
  size_t b = a;
  text::utf8_next(s->s, b);
  return s->s.substr(a, b - a);
}

std::string str_slice(const StrObj* s, const std::vector<int64_t>& pos) {
  std::string out;
  if (s->ascii) {
    if (!pos.empty() && pos.size() > 1 && pos[1] == pos[0] + 1) return s->s.substr(size_t(pos[0]), pos.size());
    for (int64_t p : pos) out += s->s[size_t(p)];
    return out;
  }
  for (int64_t p : pos) out += str_at(s, p);
  return out;
}

// [SECTION] %-formatting
bool percent_format(VM& vm, Thread& t, const std::string& fmt, const Value& args, Value* out) {
  std::vector<Value> items;
  bool is_tuple = is_type(args, ObjType::Tuple);
  if (is_tuple) items = as<TupleObj>(args)->items;
  else items.push_back(args);
  DictObj* mapping = is_type(args, ObjType::Dict) ? as<DictObj>(args) : nullptr;
  size_t next = 0;
  std::string res;
  WorkMeter wm(&vm);  // a huge width pads for long
  bool used_mapping = false;
  for (size_t i = 0; i < fmt.size(); i++) {
    char c = fmt[i];
    if (c != '%') { res += c; continue; }
    if (++i >= fmt.size()) { vm.raise(t, vm.cls.ValueError, "incomplete format"); return false; }
    Value arg;
    bool have_arg = false;
    if (fmt[i] == '(') {
      size_t close = fmt.find(')', i);
      if (close == std::string::npos) { vm.raise(t, vm.cls.ValueError, "incomplete format key"); return false; }
      if (!mapping) { vm.raise(t, vm.cls.TypeError, "format requires a mapping"); return false; }
      Value key = vm.str(fmt.substr(i + 1, close - i - 1));
      Value* v;
      if (!vm.dict_get(t, mapping, key, &v)) return false;
      if (!v) { vm.raise_value(t, vm.make_exception(vm.cls.KeyError, {key})); return false; }
      arg = *v;
      have_arg = true;
      used_mapping = true;
      i = close + 1;
    }
    std::string flags;
    while (i < fmt.size() && std::strchr("-+ #0", fmt[i])) flags += fmt[i++];
    std::string width, prec;
    bool has_prec = false;
    auto take_num = [&](std::string& dst) {
      if (i < fmt.size() && fmt[i] == '*') {
        i++;
        if (next >= items.size()) return false;
        dst = std::to_string(items[next++].as_int());
        return true;
      }
      while (i < fmt.size() && std::isdigit((unsigned char)fmt[i])) dst += fmt[i++];
      return true;
    };
    if (!take_num(width)) { vm.raise(t, vm.cls.TypeError, "not enough arguments for format string"); return false; }
    if (i < fmt.size() && fmt[i] == '.') { i++; has_prec = true; if (!take_num(prec)) { vm.raise(t, vm.cls.TypeError, "not enough arguments for format string"); return false; } }
    while (i < fmt.size() && std::strchr("hlL", fmt[i])) i++;
    if (i >= fmt.size()) { vm.raise(t, vm.cls.ValueError, "incomplete format"); return false; }
    char conv = fmt[i];
    if (conv == '%') { res += '%'; continue; }
    if (!have_arg) {
      if (mapping && !is_tuple) { arg = args; used_mapping = true; }
      else {
        if (next >= items.size()) { vm.raise(t, vm.cls.TypeError, "not enough arguments for format string"); return false; }
        arg = items[next++];
      }
    }
    std::string piece;
    switch (conv) {
      case 's': case 'r': case 'a': {
        if (conv == 's' ? !vm.to_str(t, arg, &piece) : !vm.repr(t, arg, &piece)) return false;
        if (has_prec) {
          size_t p = size_t(std::stoll(prec.empty() ? "0" : prec));
          auto* so = vm.heap.alloc<StrObj>(piece);
          if (int64_t(p) < so->cp_len) piece = piece.substr(0, str_offset(so, int64_t(p)));
        }
        std::string spec = (flags.find('-') != std::string::npos ? "<" : ">") + width;
        std::string err, o;
        text::format_str(piece, spec, o, err, &wm);
        piece = std::move(o);
        break;
      }
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c':
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        bool float_conv = std::strchr("eEfFgG", conv) != nullptr;
        if (conv == 'c') {
          if (arg.is_intlike()) { piece.clear(); text::utf8_append(piece, char32_t(arg.as_int())); }
          else if (is_type(arg, ObjType::Str)) piece = as<StrObj>(arg)->s;
          std::string err, o;
          text::format_str(piece, (flags.find('-') != std::string::npos ? "<" : ">") + width, o, err, &wm);
          piece = std::move(o);
          break;
        }
        if (!(arg.is_intlike() || arg.is_float() || is_bigint(arg))) {
          vm.raise(t, vm.cls.TypeError, std::string("%") + conv + " format: a " + (float_conv || conv != 'x' ? "real number" : "number") + " is required, not " + vm.type_name(arg));
          return false;
        }
        std::string spec;
        bool left = flags.find('-') != std::string::npos;
        if (left) spec += '<';
        if (flags.find('+') != std::string::npos) spec += '+';
        else if (flags.find(' ') != std::string::npos) spec += ' ';
        if (flags.find('#') != std::string::npos) spec += '#';
        if (flags.find('0') != std::string::npos && !left) spec += '0';
        spec += width;
        std::string err;
        bool ok;
        if (float_conv) {
          double d = arg.is_float() ? arg.f : int_to_double(arg);
          spec += "." + (has_prec ? (prec.empty() ? "0" : prec) : std::string("6"));
          spec += conv == 'F' ? 'F' : conv;
          ok = text::format_float(d, spec, piece, err, &wm);
        } else {
          char ty = (conv == 'i' || conv == 'u') ? 'd' : conv;
          Value iv = arg;
          if (arg.is_float()) iv = Value::integer(int64_t(arg.f));
          if (is_bigint(iv)) {
            std::string decimal;
            text::FormatSpec fs;
            if (!int_to_decimal(iv, &decimal)) { vm.raise(t, vm.cls.ValueError, int_str_limit_message()); return false; }
            ok = text::parse_format_spec(spec + ty, fs, err) && (fs.meter = &wm, text::format_int_decimal(decimal, fs, piece, err));
            if (!ok) { vm.raise(t, vm.cls.ValueError, err); return false; }
            break;
          }
          spec += ty;
          ok = text::format_int(iv.as_int(), spec, piece, err, &wm);
          if (ok && has_prec && !prec.empty()) {
            // precision on ints pads digits with zeros
            int p = std::stoi(prec);
            std::string digits = text::int_to_string(std::llabs(iv.as_int()), ty == 'd' ? 10 : ty == 'o' ? 8 : 16);
            if (int(digits.size()) < p) {
              digits = std::string(size_t(p) - digits.size(), '0') + digits;
              std::string e2;
              text::format_str((iv.as_int() < 0 ? "-" : "") + digits, (left ? "<" : ">") + width, piece, e2, &wm);
            }
          }
        }
        if (!ok) { vm.raise(t, vm.cls.ValueError, err); return false; }
        break;
      }
      default: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", conv, unsigned((unsigned char)conv), i);
        vm.raise(t, vm.cls.ValueError, buf);
        return false;
      }
    }
    if (wm.stopped()) { vm.raise_stopped(t); return false; }
    res += piece;
  }
  if (!used_mapping && next < items.size() && !(mapping && !is_tuple)) {
    vm.raise(t, vm.cls.TypeError, "not all arguments converted during string formatting");
    return false;
  }
  *out = vm.str(std::move(res));
  return true;
}

// [SECTION] str.format
namespace {

// Resolves "name", "0", "0[1]", "name.attr" against args/kwargs.
bool resolve_field(VM& vm, Thread& t, const std::string& field, const std::vector<Value>& args,
                   const std::vector<std::pair<Value, Value>>* kw, size_t* auto_idx, Value* out) {
  size_t end = field.find_first_of(".[");
  std::string head = field.substr(0, end);
  if (head.empty()) {
    if (*auto_idx >= args.size()) { vm.raise(t, vm.cls.IndexError, "Replacement index " + std::to_string(*auto_idx) + " out of range for positional args tuple"); return false; }
    *out = args[(*auto_idx)++];
  } else if (std::all_of(head.begin(), head.end(), [](char c) { return std::isdigit((unsigned char)c); })) {
    size_t i = size_t(std::stoul(head));
    if (i >= args.size()) { vm.raise(t, vm.cls.IndexError, "Replacement index " + head + " out of range for positional args tuple"); return false; }
    *out = args[i];
  } else {
    bool found = false;
    if (kw) for (auto& [k, v] : *kw) if (as<StrObj>(k)->s == head) { *out = v; found = true; }
    if (!found) { vm.raise_value(t, vm.make_exception(vm.cls.KeyError, {vm.str(head)})); return false; }
  }
  size_t i = end;
  while (i != std::string::npos && i < field.size()) {
    if (field[i] == '.') {
      size_t e = field.find_first_of(".[", i + 1);
      std::string attr = field.substr(i + 1, e == std::string::npos ? std::string::npos : e - i - 1);
      if (!vm.getattr(t, *out, vm.heap.intern(attr), out)) return false;
      i = e;
    } else {
      size_t e = field.find(']', i);
      if (e == std::string::npos) { vm.raise(t, vm.cls.ValueError, "Missing ']' in format string"); return false; }
      std::string key = field.substr(i + 1, e - i - 1);
      Value k = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit((unsigned char)c); })
                    ? Value::integer(std::stoll(key)) : vm.str(key);
      if (!vm.subscript(t, *out, k, out)) return false;
      i = e + 1;
    }
  }
  return true;
}

}  // namespace

namespace {
// One level of str.format; `auto_idx` is shared with the nested fields of a spec, which
// number after their field as CPython's do ('{:{}}'.format(1.5, 10) pads 1.5 to 10).
bool format_fields(VM& vm, Thread& t, const std::string& fmt, const std::vector<Value>& args,
                   const std::vector<std::pair<Value, Value>>* kw, size_t* auto_idx, std::string* out) {
  std::string res;
  for (size_t i = 0; i < fmt.size(); i++) {
    char c = fmt[i];
    if (c == '{' && i + 1 < fmt.size() && fmt[i + 1] == '{') { res += '{'; i++; continue; }
    if (c == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') { res += '}'; i++; continue; }
    if (c == '}') { vm.raise(t, vm.cls.ValueError, "Single '}' encountered in format string"); return false; }
    if (c != '{') { res += c; continue; }
    int depth = 1;
    size_t j = i + 1;
    for (; j < fmt.size(); j++) {
      if (fmt[j] == '{') depth++;
      else if (fmt[j] == '}' && --depth == 0) break;
    }
    if (j >= fmt.size()) { vm.raise(t, vm.cls.ValueError, "Single '{' encountered in format string"); return false; }
    std::string inner = fmt.substr(i + 1, j - i - 1);
    i = j;
    size_t bang = std::string::npos, colon = std::string::npos;
    int br = 0;
    for (size_t k = 0; k < inner.size(); k++) {
      if (inner[k] == '[') br++;
      else if (inner[k] == ']') br--;
      else if (br == 0 && inner[k] == '!' && bang == std::string::npos && colon == std::string::npos) bang = k;
      else if (br == 0 && inner[k] == ':' && colon == std::string::npos) { colon = k; break; }
    }
    std::string field = inner.substr(0, std::min(bang, colon));
    char conv = 0;
    if (bang != std::string::npos) conv = bang + 1 < inner.size() ? inner[bang + 1] : 0;
    std::string spec = colon != std::string::npos ? inner.substr(colon + 1) : "";
    Value v;
    if (!resolve_field(vm, t, field, args, kw, auto_idx, &v)) return false;
    if (spec.find('{') != std::string::npos) {
      std::string expanded;
      if (!format_fields(vm, t, spec, args, kw, auto_idx, &expanded)) return false;
      spec = expanded;
    }
    std::string s;
    if (conv == 'r' || conv == 'a') { if (!vm.repr(t, v, &s)) return false; v = vm.str(s); }
    else if (conv == 's') { if (!vm.to_str(t, v, &s)) return false; v = vm.str(s); }
    if (!vm.format_value(t, v, spec, &s)) return false;
    res += s;
  }
  *out = std::move(res);
  return true;
}
}  // namespace

bool str_format(VM& vm, Thread& t, const std::string& fmt, const std::vector<Value>& args,
                const std::vector<std::pair<Value, Value>>* kw, std::string* out) {
  size_t auto_idx = 0;
  return format_fields(vm, t, fmt, args, kw, &auto_idx, out);
}

// [SECTION] str methods
namespace {


const std::string& S(CallArgs& a) { return as<StrObj>(a.args[0])->s; }

bool arg_str(VM& vm, Thread& t, CallArgs& a, int i, const char* fname, std::string* out) {
  if (i >= a.n) return false;
  if (!is_type(a.args[i], ObjType::Str)) {
    vm.raise(t, vm.cls.TypeError, std::string(fname) + " arg must be None or str");
    return false;
  }
  *out = as<StrObj>(a.args[i])->s;
  return true;
}
std::optional<int64_t> opt_int(CallArgs& a, int i) {
  if (i >= a.n || a.args[i].is_none() || !a.args[i].is_intlike()) return std::nullopt;
  return a.args[i].as_int();
}
// Whether a result of `bytes` fits the memory limit; MemoryError otherwise. Checked before
// building it, so a huge result fails at once instead of after seconds of copying.
bool result_fits(VM& vm, Thread& t, double bytes) {
  if (bytes <= double(vm.limits().max_memory_bytes)) return true;
  vm.raise(t, vm.cls.MemoryError, "");
  return false;
}
// What one str of a split() result costs beyond its text (object, list slot, allocation).
constexpr double kPieceBytes = sizeof(StrObj) + sizeof(Value) + 16;
// Occurrences of `sub` (non-empty) in `s`, at most `limit` (< 0: no limit). Counted as far
// as the run lets it: check wm.stopped() (50 M matches take a quarter of a second).
double occurrences(std::string_view s, std::string_view sub, int64_t limit, WorkMeter& wm) {
  double n = 0;
  ChunkMeter cm(&wm);
  for (size_t i = s.find(sub); i != std::string_view::npos && (limit < 0 || n < double(limit)); i = s.find(sub, i + sub.size())) {
    n++;
    if (cm.stop(i)) break;
  }
  return n;
}
// Words of a whitespace split(), at most maxsplit + 1 (as far as the run lets it).
double words(const StrObj* s, int64_t maxsplit, WorkMeter& wm) {
  double n = 0;
  bool in_word = false;
  ChunkMeter cm(&wm);
  for (size_t i = 0; i < s->s.size() && !cm.stop(i);) {
    size_t b = i;
    text::utf8_next(s->s, i);
    bool space = s->ascii ? std::isspace(static_cast<unsigned char>(s->s[b])) != 0 : text::isspace(std::string_view(s->s).substr(b, i - b));
    if (!space && !in_word) n++;
    in_word = !space;
  }
  return maxsplit < 0 ? n : std::min(n, double(maxsplit) + 1);
}

// The str pieces a metered split built, as a list; the stopped error instead once the run is
// being stopped (while splitting or making the pieces' objects: an object is ~64 bytes' work).
NativeStatus str_list(VM& vm, Thread& t, WorkMeter& wm, std::vector<std::string> parts, Value* out) {
  if (wm.stopped()) return vm.raise_stopped(t);
  auto* l = vm.new_list();
  l->items.reserve(parts.size());
  for (auto& p : parts) {
    if (wm.tick(p.size() + 64)) return vm.raise_stopped(t);
    l->items.push_back(vm.str(std::move(p)));
  }
  *out = Value::object(l);
  return NativeStatus::Ok;
}
// The text a metered text:: function built, or the stopped error (the text is then partial).
NativeStatus str_result(VM& vm, Thread& t, const WorkMeter& wm, std::string r, Value* out) {
  if (wm.stopped()) return vm.raise_stopped(t);
  *out = vm.str(std::move(r));
  return NativeStatus::Ok;
}
bool need_str(VM& vm, Thread& t, CallArgs& a, int i, std::string* out) {
  if (i >= a.n) { vm.raise(t, vm.cls.TypeError, "function missing required argument"); return false; }
  if (!is_type(a.args[i], ObjType::Str)) {
    vm.raise(t, vm.cls.TypeError, "must be str, not " + vm.type_name(a.args[i]));
    return false;
  }
  *out = as<StrObj>(a.args[i])->s;
  return true;
}
int64_t kw_int(CallArgs& a, const char* name, int pos, int64_t def) {
  if (pos < a.n && a.args[pos].is_intlike()) return a.args[pos].as_int();
  if (a.kw) for (auto& [k, v] : *a.kw) if (as<StrObj>(k)->s == name && v.is_intlike()) return v.as_int();
  return def;
}
const Value* kw_val(CallArgs& a, const char* name, int pos) {
  if (pos < a.n) return &a.args[pos];
  if (a.kw) for (auto& [k, v] : *a.kw) if (as<StrObj>(k)->s == name) return &v;
  return nullptr;
}

NATIVE(s_split) {
  const Value* sep = kw_val(a, "sep", 1);
  int64_t maxsplit = kw_int(a, "maxsplit", 2, -1);
  const StrObj* self = as<StrObj>(a.args[0]);
  WorkMeter wm(&vm);
  if (!sep || sep->is_none()) {
    TRY(result_fits(vm, t, double(self->s.size()) + words(self, maxsplit, wm) * kPieceBytes));
    return str_list(vm, t, wm, text::split_whitespace(S(a), maxsplit, &wm), out);
  }
  if (!is_type(*sep, ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "must be str or None, not " + vm.type_name(*sep));
  if (as<StrObj>(*sep)->s.empty()) return vm.raise(t, vm.cls.ValueError, "empty separator");
  TRY(result_fits(vm, t, double(self->s.size()) + (occurrences(self->s, as<StrObj>(*sep)->s, maxsplit, wm) + 1) * kPieceBytes));
  return str_list(vm, t, wm, text::split(S(a), as<StrObj>(*sep)->s, maxsplit, &wm), out);
}
NATIVE(s_rsplit) {
  const Value* sep = kw_val(a, "sep", 1);
  int64_t maxsplit = kw_int(a, "maxsplit", 2, -1);
  const StrObj* self = as<StrObj>(a.args[0]);
  WorkMeter wm(&vm);
  if (!sep || sep->is_none()) {
    TRY(result_fits(vm, t, double(self->s.size()) + words(self, maxsplit, wm) * kPieceBytes));
    return str_list(vm, t, wm, text::rsplit_whitespace(S(a), maxsplit, &wm), out);
  }
  if (!is_type(*sep, ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "must be str or None, not " + vm.type_name(*sep));
  if (as<StrObj>(*sep)->s.empty()) return vm.raise(t, vm.cls.ValueError, "empty separator");
  TRY(result_fits(vm, t, double(self->s.size()) + (occurrences(self->s, as<StrObj>(*sep)->s, maxsplit, wm) + 1) * kPieceBytes));
  return str_list(vm, t, wm, text::rsplit(S(a), as<StrObj>(*sep)->s, maxsplit, &wm), out);
}
NATIVE(s_splitlines) {
  bool keep = false;
  if (const Value* k = kw_val(a, "keepends", 1)) TRY(vm.truthy(t, *k, &keep));
  WorkMeter wm(&vm);
  return str_list(vm, t, wm, text::splitlines(S(a), keep, &wm), out);
}
NATIVE(s_join) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "str.join() takes exactly one argument");
  if (GeneratorObj* g = VM::generator_of(a.args[1])) return join_generator(vm, t, g, a.args[0], out);
  if (VM::iterates_python(a.args[1])) return vm.call_helper(t, "_join", {a.args[0], a.args[1]});
  if (is_type(a.args[1], ObjType::List) || is_type(a.args[1], ObjType::Tuple)) {  // joined in place: copying 15 M items took 0.1 s
    TRY(str_join(vm, t, S(a), is_type(a.args[1], ObjType::List) ? as<ListObj>(a.args[1])->items : as<TupleObj>(a.args[1])->items, out));
    return NativeStatus::Ok;
  }
  std::vector<Value> items;
  TRY(vm.to_vector(t, a.args[1], &items));
  TRY(str_join(vm, t, S(a), items, out));
  return NativeStatus::Ok;
}
NativeStatus strip_kind(VM& vm, Thread& t, CallArgs& a, Value* out, int kind) {
  std::optional<std::string_view> chars;
  std::string c;
  if (a.n > 1 && !a.args[1].is_none()) {
    if (!arg_str(vm, t, a, 1, kind == 0 ? "strip" : kind == 1 ? "lstrip" : "rstrip", &c)) return NativeStatus::Error;
    chars = c;
  }
  *out = vm.str(kind == 0 ? text::strip(S(a), chars) : kind == 1 ? text::lstrip(S(a), chars) : text::rstrip(S(a), chars));
  return NativeStatus::Ok;
}
NATIVE(s_strip) { return strip_kind(vm, t, a, out, 0); }
NATIVE(s_lstrip) { return strip_kind(vm, t, a, out, 1); }
NATIVE(s_rstrip) { return strip_kind(vm, t, a, out, 2); }
NATIVE(s_replace) {
  std::string o, r;
  TRY(need_str(vm, t, a, 1, &o) && need_str(vm, t, a, 2, &r));
  int64_t count = kw_int(a, "count", 3, -1);
  const StrObj* self = as<StrObj>(a.args[0]);
  WorkMeter wm(&vm);
  double n = o.empty() ? double(self->cp_len + 1) : occurrences(self->s, o, count, wm);
  if (count >= 0) n = std::min(n, double(count));
  TRY(result_fits(vm, t, double(self->s.size()) + n * (double(r.size()) - double(o.size()))));
  return str_result(vm, t, wm, text::replace(S(a), o, r, count, &wm), out);
}
NativeStatus search(VM& vm, Thread& t, CallArgs& a, Value* out, int kind) {
  std::string sub;
  TRY(need_str(vm, t, a, 1, &sub));
  auto st = opt_int(a, 2), en = opt_int(a, 3);
  int64_t r = kind == 0 || kind == 2 ? text::find(S(a), sub, st, en) : kind == 1 || kind == 3 ? text::rfind(S(a), sub, st, en) : text::count(S(a), sub, st, en);
  if ((kind == 2 || kind == 3) && r < 0) return vm.raise(t, vm.cls.ValueError, "substring not found");
  *out = Value::integer(r);
  return NativeStatus::Ok;
}
NATIVE(s_find) { return search(vm, t, a, out, 0); }
NATIVE(s_rfind) { return search(vm, t, a, out, 1); }
NATIVE(s_index) { return search(vm, t, a, out, 2); }
NATIVE(s_rindex) { return search(vm, t, a, out, 3); }
NATIVE(s_count) { return search(vm, t, a, out, 4); }
NativeStatus affix(VM& vm, Thread& t, CallArgs& a, Value* out, bool start) {
  if (a.n < 2) return vm.raise(t, vm.cls.TypeError, std::string(start ? "startswith" : "endswith") + "() takes at least 1 argument (0 given)");
  auto st = opt_int(a, 2), en = opt_int(a, 3);
  std::vector<Value> cands;
  if (is_type(a.args[1], ObjType::Tuple)) cands = as<TupleObj>(a.args[1])->items;
  else cands.push_back(a.args[1]);
  for (auto& c : cands) {
    if (!is_type(c, ObjType::Str))
      return vm.raise(t, vm.cls.TypeError, std::string(start ? "startswith" : "endswith") + " first arg must be str or a tuple of str, not " + vm.type_name(c));
    bool hit = start ? text::startswith(S(a), as<StrObj>(c)->s, st, en) : text::endswith(S(a), as<StrObj>(c)->s, st, en);
    if (hit) { *out = Value::boolean(true); return NativeStatus::Ok; }
  }
  *out = Value::boolean(false);
  return NativeStatus::Ok;
}
NATIVE(s_startswith) { return affix(vm, t, a, out, true); }
NATIVE(s_endswith) { return affix(vm, t, a, out, false); }
#define STR_TO_STR(nm, f) NATIVE(nm) { WorkMeter wm(&vm); return str_result(vm, t, wm, f(S(a), &wm), out); }
STR_TO_STR(s_upper, text::upper)
STR_TO_STR(s_lower, text::lower)
STR_TO_STR(s_casefold, text::casefold)
STR_TO_STR(s_capitalize, text::capitalize)
STR_TO_STR(s_title, text::title)
STR_TO_STR(s_swapcase, text::swapcase)
#define STR_PRED(nm, f) NATIVE(nm) { *out = Value::boolean(f(S(a))); return NativeStatus::Ok; }
STR_PRED(s_isdigit, text::isdigit)
STR_PRED(s_isdecimal, text::isdecimal)
STR_PRED(s_isnumeric, text::isnumeric)
STR_PRED(s_isalpha, text::isalpha)
STR_PRED(s_isalnum, text::isalnum)
STR_PRED(s_isspace, text::isspace)
STR_PRED(s_isupper, text::isupper)
STR_PRED(s_islower, text::islower)
STR_PRED(s_istitle, text::istitle)
STR_PRED(s_isidentifier, text::isidentifier)
STR_PRED(s_isprintable, text::isprintable)
STR_PRED(s_isascii, text::is_ascii)
NativeStatus pad(VM& vm, Thread& t, CallArgs& a, Value* out, int kind) {
  if (a.n < 2 || !a.args[1].is_intlike()) return vm.raise(t, vm.cls.TypeError, "integer argument expected");
  char32_t fill = U' ';
  if (a.n > 2) {
    if (!is_type(a.args[2], ObjType::Str) || as<StrObj>(a.args[2])->cp_len != 1)
      return vm.raise(t, vm.cls.TypeError, "The fill character must be exactly one character long");
    size_t i = 0;
    fill = text::utf8_next(as<StrObj>(a.args[2])->s, i);
  }
  int64_t w = a.args[1].as_int();
  std::string one;
  text::utf8_append(one, fill);
  TRY(result_fits(vm, t, double(S(a).size()) + double(std::max<int64_t>(0, w - as<StrObj>(a.args[0])->cp_len)) * double(one.size())));
  WorkMeter wm(&vm);
  return str_result(vm, t, wm, kind == 0 ? text::center(S(a), w, fill, &wm) : kind == 1 ? text::ljust(S(a), w, fill, &wm) : text::rjust(S(a), w, fill, &wm), out);
}
NATIVE(s_center) { return pad(vm, t, a, out, 0); }
NATIVE(s_ljust) { return pad(vm, t, a, out, 1); }
NATIVE(s_rjust) { return pad(vm, t, a, out, 2); }
NATIVE(s_zfill) {
  if (a.n < 2 || !a.args[1].is_intlike()) return vm.raise(t, vm.cls.TypeError, "integer argument expected");
  TRY(result_fits(vm, t, double(S(a).size()) + double(a.args[1].as_int())));
  WorkMeter wm(&vm);
  return str_result(vm, t, wm, text::zfill(S(a), a.args[1].as_int(), &wm), out);
}
NativeStatus part(VM& vm, Thread& t, CallArgs& a, Value* out, bool right) {
  std::string sep;
  TRY(need_str(vm, t, a, 1, &sep));
  if (sep.empty()) return vm.raise(t, vm.cls.ValueError, "empty separator");
  auto p = right ? text::rpartition(S(a), sep) : text::partition(S(a), sep);
  *out = Value::object(vm.new_tuple({vm.str(p[0]), vm.str(p[1]), vm.str(p[2])}));
  return NativeStatus::Ok;
}
NATIVE(s_partition) { return part(vm, t, a, out, false); }
NATIVE(s_rpartition) { return part(vm, t, a, out, true); }
NATIVE(s_removeprefix) { std::string p; TRY(need_str(vm, t, a, 1, &p)); *out = vm.str(text::removeprefix(S(a), p)); return NativeStatus::Ok; }
NATIVE(s_removesuffix) { std::string p; TRY(need_str(vm, t, a, 1, &p)); *out = vm.str(text::removesuffix(S(a), p)); return NativeStatus::Ok; }
NATIVE(s_expandtabs) {
  int64_t tabsize = kw_int(a, "tabsize", 1, 8);
  double bytes = 0, column = 0;  // the result's size, found before building it
  const std::string& s = S(a);
  WorkMeter wm(&vm);
  ChunkMeter cm(&wm);
  for (size_t i = 0; i < s.size();) {
    if (cm.stop(i)) return vm.raise_stopped(t);
    size_t b = i;
    char32_t c = text::utf8_next(s, i);
    double add = c != '\t' ? double(i - b) : tabsize > 0 ? double(tabsize) - std::fmod(column, double(tabsize)) : 0;
    bytes += add;
    column = c == '\n' || c == '\r' ? 0 : c == '\t' ? column + add : column + 1;
  }
  TRY(result_fits(vm, t, bytes));
  return str_result(vm, t, wm, text::expandtabs(s, tabsize, &wm), out);
}
NATIVE(s_format) {
  std::string r;
  std::vector<Value> args(a.args + 1, a.args + a.n);
  TRY(str_format(vm, t, S(a), args, a.kw, &r));
  *out = vm.str(std::move(r));
  return NativeStatus::Ok;
}

}  // namespace

void install_str_methods(VM& vm) {
  struct { const char* n; NativeFn f; } m[] = {
      {"split", s_split}, {"rsplit", s_rsplit}, {"splitlines", s_splitlines}, {"join", s_join},
      {"strip", s_strip}, {"lstrip", s_lstrip}, {"rstrip", s_rstrip}, {"replace", s_replace},
      {"find", s_find}, {"rfind", s_rfind}, {"index", s_index}, {"rindex", s_rindex}, {"count", s_count},
      {"startswith", s_startswith}, {"endswith", s_endswith}, {"upper", s_upper}, {"lower", s_lower},
      {"casefold", s_casefold}, {"capitalize", s_capitalize}, {"title", s_title}, {"swapcase", s_swapcase},
      {"isdigit", s_isdigit}, {"isdecimal", s_isdecimal}, {"isnumeric", s_isnumeric}, {"isalpha", s_isalpha},
      {"isalnum", s_isalnum}, {"isspace", s_isspace}, {"isupper", s_isupper}, {"islower", s_islower},
      {"istitle", s_istitle}, {"isidentifier", s_isidentifier}, {"isprintable", s_isprintable},
      {"isascii", s_isascii}, {"center", s_center}, {"ljust", s_ljust}, {"rjust", s_rjust},
      {"zfill", s_zfill}, {"partition", s_partition}, {"rpartition", s_rpartition},
      {"removeprefix", s_removeprefix}, {"removesuffix", s_removesuffix}, {"expandtabs", s_expandtabs},
      {"format", s_format}};
  for (auto& e : m) vm.method(vm.cls.str, e.n, e.f);
}

}  // namespace interleave::py
