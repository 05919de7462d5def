// Modules implemented in C++ and the import machinery.
// [SECTION] import  [SECTION] json  [SECTION] sys, math, time (random: mod_random.cpp)
#include <cmath>
#include <cstring>

#include "py/bigint.h"
#include "py/compiler.h"
#include "py/prelude_modules.h"
#include "py/float_text.h"
#include "py/strings.h"
#include "py/text_utf8.h"
#include "py/greenlet.h"
#include "py/native_fn.h"
#include "py/vm.h"

namespace interleave::py {
// [SECTION] json
void json_quote(const std::string& s, bool ascii_only, std::string& out) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 && ascii_only) {
      char32_t cp = text::utf8_next(s, i);
      char buf[16];
      if (cp >= 0x10000) {
        cp -= 0x10000;
        std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", unsigned(0xD800 + (cp >> 10)), unsigned(0xDC00 + (cp & 0x3FF)));
      } else {
        std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(cp));
      }
      out += buf;
      continue;
    }
    i++;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) { char buf[8]; std::snprintf(buf, sizeof buf, "\\u%04x", c); out += buf; }
        else out += char(c);
    }
  }
  out += '"';
}


namespace {


const Value* kwarg(const CallArgs& a, const char* name) {
  if (!a.kw) return nullptr;
  for (auto& [k, v] : *a.kw) if (as<StrObj>(k)->s == name) return &v;
  return nullptr;
}

bool json_dump(VM& vm, Thread& t, const Value& v, int indent, int level, bool sort_keys, std::string& out) {
  if (int(t.frames.size()) + level > vm.limits().max_recursion) {  // nested containers: not the C++ stack
    vm.raise(t, vm.cls.RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
    return false;
  }
  std::string nl, pad, pad_in;
  if (indent >= 0) {
    nl = "\n";
    pad = std::string(size_t(indent * level), ' ');
    pad_in = std::string(size_t(indent * (level + 1)), ' ');
  }
  const char* item_sep = indent >= 0 ? "," : ", ";
  switch (v.tag) {
    case Tag::None: case Tag::Empty: out += "null"; return true;
    case Tag::Bool: out += v.b ? "true" : "false"; return true;
    case Tag::Int: out += std::to_string(v.i); return true;
    case Tag::Float:
      if (std::isnan(v.f)) out += "NaN";
      else if (std::isinf(v.f)) out += v.f > 0 ? "Infinity" : "-Infinity";
      else out += text::float_repr(v.f);
      return true;
    case Tag::Obj: break;
  }
  auto quote = [&](const std::string& s) { json_quote(s, true, out); };

  switch (v.o->type) {
    case ObjType::Str: quote(as<StrObj>(v)->s); return true;
    case ObjType::BigInt: {
      std::string digits;
      if (!int_to_decimal(v, &digits)) { vm.raise(t, vm.cls.ValueError, int_str_limit_message()); return false; }
      out += digits;
      return true;
    }
    case ObjType::List:
    case ObjType::Tuple: {
      auto& items = is_type(v, ObjType::List) ? as<ListObj>(v)->items : as<TupleObj>(v)->items;
      if (items.empty()) { out += "[]"; return true; }
      out += "[" + nl;
      for (size_t i = 0; i < items.size(); i++) {
        if (i) out += item_sep + nl;
        out += pad_in;
        if (!json_dump(vm, t, items[i], indent, level + 1, sort_keys, out)) return false;
      }
      out += nl + pad + "]";
      return true;
    }
    case ObjType::Dict: {
      std::vector<std::pair<Value, Value>> entries;
      for (auto& e : as<DictObj>(v)->entries) if (!e.first.empty()) entries.push_back(e);
      if (entries.empty()) { out += "{}"; return true; }
      if (sort_keys) {
        bool failed = false;
        std::stable_sort(entries.begin(), entries.end(), [&](auto& x, auto& y) {
          bool r = false;
          if (!failed && !vm.lt(t, x.first, y.first, &r)) failed = true;
          return r;
        });
        if (failed) return false;
      }
      out += "{" + nl;
      for (size_t i = 0; i < entries.size(); i++) {
        if (i) out += item_sep + nl;
        out += pad_in;
        const Value& k = entries[i].first;
        if (is_type(k, ObjType::Str)) quote(as<StrObj>(k)->s);
        else if (k.is_intlike() || k.is_float() || k.is_none()) {
          std::string ks;
          json_dump(vm, t, k, -1, 0, false, ks);
          quote(ks);
        } else {
          vm.raise(t, vm.cls.TypeError, "keys must be str, int, float, bool or None, not " + vm.type_name(k));
          return false;
        }
        out += ": ";
        if (!json_dump(vm, t, entries[i].second, indent, level + 1, sort_keys, out)) return false;
      }
      out += nl + pad + "}";
      return true;
    }
    default:
      vm.raise(t, vm.cls.TypeError, "Object of type " + vm.type_name(v) + " is not JSON serializable");
      return false;
  }
}

NATIVE(json_dumps) {
  if (a.n < 1) return vm.raise(t, vm.cls.TypeError, "dumps() missing 1 required positional argument: 'obj'");
  int indent = -1;
  if (const Value* i = kwarg(a, "indent"); i && i->is_intlike()) indent = int(i->as_int());
  bool sort_keys = false;
  if (const Value* s = kwarg(a, "sort_keys")) TRY(vm.truthy(t, *s, &sort_keys));
  std::string s;
  TRY(json_dump(vm, t, a.args[0], indent, 0, sort_keys, s));
  *out = vm.str(std::move(s));
  return NativeStatus::Ok;
}

struct JsonParser {
  VM& vm;
  Thread& t;
  const std::string& s;
  size_t i = 0;
  bool fail(const std::string& what) {
    // CPython: json.decoder.JSONDecodeError (a ValueError subclass): "msg: line L column C (char N)"
    int line = 1, col = 1;
    for (size_t k = 0; k < i && k < s.size(); k++) { if (s[k] == '\n') { line++; col = 1; } else col++; }
    ClassObj* err = vm.cls.ValueError;
    if (Value* c = vm.modules["json"]->dict->find(vm.intern("JSONDecodeError"))) err = as<ClassObj>(*c);
    vm.raise(t, err, what + ": line " + std::to_string(line) + " column " + std::to_string(col) + " (char " + std::to_string(i) + ")");
    return false;
  }
  void ws() { while (i < s.size() && std::strchr(" \t\n\r", s[i])) i++; }
  bool value(Value* out) {
    ws();
    if (i >= s.size()) return fail("Expecting value");
    char c = s[i];
    if (c == '{') {
      i++;
      auto* d = vm.new_dict();
      ws();
      if (i < s.size() && s[i] == '}') { i++; *out = Value::object(d); return true; }
      for (;;) {
        ws();
        if (i >= s.size() || s[i] != '"') return fail("Expecting property name enclosed in double quotes");
        Value k, v;
        if (!string(&k)) return false;
        ws();
        if (i >= s.size() || s[i] != ':') return fail("Expecting ':' delimiter");
        i++;
        if (!value(&v)) return false;
        d->set(k, v);
        ws();
        if (i < s.size() && s[i] == ',') { i++; continue; }
        if (i < s.size() && s[i] == '}') { i++; break; }
        return fail("Expecting ',' delimiter");
      }
      *out = Value::object(d);
      return true;
    }
    if (c == '[') {
      i++;
      auto* l = vm.new_list();
      ws();
      if (i < s.size() && s[i] == ']') { i++; *out = Value::object(l); return true; }
      for (;;) {
        Value v;
        if (!value(&v)) return false;
        l->items.push_back(v);
        ws();
        if (i < s.size() && s[i] == ',') { i++; continue; }
        if (i < s.size() && s[i] == ']') { i++; break; }
        return fail("Expecting ',' delimiter");
      }
      *out = Value::object(l);
      return true;
    }
    if (c == '"') return string(out);
    if (s.compare(i, 4, "null") == 0) { i += 4; *out = Value::none(); return true; }
    if (s.compare(i, 4, "true") == 0) { i += 4; *out = Value::boolean(true); return true; }
    if (s.compare(i, 5, "false") == 0) { i += 5; *out = Value::boolean(false); return true; }
    if (s.compare(i, 3, "NaN") == 0) { i += 3; *out = Value::floating(NAN); return true; }
    if (s.compare(i, 8, "Infinity") == 0) { i += 8; *out = Value::floating(INFINITY); return true; }
    if (s.compare(i, 9, "-Infinity") == 0) { i += 9; *out = Value::floating(-INFINITY); return true; }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t st = i;
      if (s[i] == '-') i++;
      bool is_float = false;
      while (i < s.size() && (std::isdigit((unsigned char)s[i]) || std::strchr(".eE+-", s[i]))) {
        if (std::strchr(".eE", s[i])) is_float = true;
        i++;
      }
      std::string num = s.substr(st, i - st);
      if (is_float) { *out = Value::floating(std::strtod(num.c_str(), nullptr)); return true; }
      int64_t v;
      if (text::parse_int(num, 10, v) == text::IntParse::Ok) { *out = Value::integer(v); return true; }
      bool neg = num[0] == '-';
      std::string_view digits = std::string_view(num).substr(neg ? 1 : 0);
      if (digits.size() > kMaxStrDigits) { vm.raise(t, vm.cls.ValueError, int_parse_limit_message(digits.size())); return false; }
      *out = int_from_digits(vm.heap, digits, 10, neg);
      return true;
    }
    return fail("Expecting value");
  }
  bool string(Value* out) {
    i++;  // opening quote
    std::string r;
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\') {
        i++;
        if (i >= s.size()) break;
        char e = s[i++];
        switch (e) {
          case 'n': r += '\n'; break;
          case 't': r += '\t'; break;
          case 'r': r += '\r'; break;
          case 'b': r += '\b'; break;
          case 'f': r += '\f'; break;
          case 'u': {
            if (i + 4 > s.size()) return fail("Invalid \\uXXXX escape");
            uint32_t cp = uint32_t(std::stoul(s.substr(i, 4), nullptr, 16));
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
              uint32_t lo = uint32_t(std::stoul(s.substr(i + 2, 4), nullptr, 16));
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              i += 6;
            }
            text::utf8_append(r, char32_t(cp));
            break;
          }
          default: r += e;
        }
        continue;
      }
      r += s[i++];
    }
    if (i >= s.size()) return fail("Unterminated string starting at");
    i++;
    *out = vm.str(std::move(r));
    return true;
  }
};

NATIVE(json_loads) {
  if (a.n < 1 || !is_type(a.args[0], ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "the JSON object must be str");
  JsonParser p{vm, t, as<StrObj>(a.args[0])->s};
  TRY(p.value(out));
  p.ws();
  if (p.i < p.s.size()) { p.fail("Extra data"); return NativeStatus::Error; }
  return NativeStatus::Ok;
}

NATIVE(json_dump_file) {
  if (a.n < 2 || !is_type(a.args[1], ObjType::File)) return vm.raise(t, vm.cls.TypeError, "dump() needs an object and an open file");
  Value text;
  CallArgs one{a.args, 1, a.kw};
  TRY(json_dumps(vm, t, one, &text) == NativeStatus::Ok);
  auto* f = as<FileObj>(a.args[1]);
  f->buffer += as<StrObj>(text)->s;
  vm.files[f->path] = f->buffer;
  *out = Value::none();
  return NativeStatus::Ok;
}

NATIVE(json_load_file) {
  if (a.n < 1 || !is_type(a.args[0], ObjType::File)) return vm.raise(t, vm.cls.TypeError, "load() needs an open file");
  auto* f = as<FileObj>(a.args[0]);
  Value s = vm.str(f->buffer.substr(std::min(f->pos, f->buffer.size())));
  f->pos = f->buffer.size();
  CallArgs one{&s, 1, nullptr};
  return json_loads(vm, t, one, out);
}

// [SECTION] sys, math, time
NATIVE(sys_exit) {
  return vm.raise_value(t, vm.make_exception(vm.cls.SystemExit, a.n ? std::vector<Value>{a.args[0]} : std::vector<Value>{}));
}
NATIVE(sys_setrecursionlimit) {
  if (a.n != 1 || !a.args[0].is_intlike()) return vm.raise(t, vm.cls.TypeError, "an integer is required");
  vm.set_recursion_limit(int(std::min<int64_t>(a.args[0].as_int(), 100000)));
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(sys_getrecursionlimit) { *out = Value::integer(vm.limits().max_recursion); return NativeStatus::Ok; }
// The exception being handled (an `except` or `finally` block on this thread), or None.
NATIVE(sys_exception) {
  *out = t.exc_stack.empty() ? Value::none() : t.exc_stack.back();
  return NativeStatus::Ok;
}
NATIVE(sys_exc_info) {
  if (t.exc_stack.empty()) {
    *out = Value::object(vm.new_tuple({Value::none(), Value::none(), Value::none()}));
    return NativeStatus::Ok;
  }
  const Value e = t.exc_stack.back();
  *out = Value::object(vm.new_tuple({Value::object(vm.type_of(e)), e, Value::none()}));
  return NativeStatus::Ok;
}

// [SECTION] _traceback: what the traceback and logging modules (runtime/lib) need
// format_exception(exc): CPython's printed traceback of `exc`, its chain first.
NATIVE(tb_format_exception) {
  if (a.n != 1) return vm.raise(t, vm.cls.TypeError, "format_exception() takes exactly one argument");
  std::vector<const InstanceObj*> seen;
  *out = vm.str(vm.traceback_text(a.args[0], seen));
  return NativeStatus::Ok;
}
// stack(): (filename, line, function name, source line stripped or '') of every Python frame
// of this thread, the innermost (the caller of stack()) last.
NATIVE(tb_stack) {
  std::vector<Value> rows;
  for (Frame* f : t.frames) {
    const auto& lines = f->code->lines;
    const int line = lines.empty() ? 0 : lines[std::min<size_t>(f->pc > 0 ? f->pc - 1 : 0, lines.size() - 1)];
    std::string src;
    if (f->code->filename == vm.filename && line >= 1 && size_t(line) <= vm.source_lines.size()) {
      src = vm.source_lines[size_t(line) - 1];
      const size_t a0 = src.find_first_not_of(" \t");
      src = a0 == std::string::npos ? std::string() : src.substr(a0);
    }
    rows.push_back(Value::object(
        vm.new_tuple({vm.str(f->code->filename), Value::integer(line), vm.str(f->code->name), vm.str(src)})));
  }
  *out = Value::object(vm.new_list());
  as<ListObj>(*out)->items = std::move(rows);
  return NativeStatus::Ok;
}

bool num_arg(VM& vm, Thread& t, CallArgs& a, int i, double* out) {
  if (i >= a.n) { vm.raise(t, vm.cls.TypeError, "missing argument"); return false; }
  const Value& v = a.args[i];
  if (v.is_float()) { *out = v.f; return true; }
  if (v.is_intlike() || is_bigint(v)) { *out = int_to_double(v); return true; }
  vm.raise(t, vm.cls.TypeError, "must be real number, not " + vm.type_name(v));
  return false;
}
// num_arg for functions whose int argument may not fit a float: OverflowError then.
bool num_arg_big(VM& vm, Thread& t, CallArgs& a, int i, double* out) {
  if (!num_arg(vm, t, a, i, out)) return false;
  if (std::isinf(*out) && is_bigint(a.args[i])) {
    vm.raise(t, vm.cls.OverflowError, "int too large to convert to float");
    return false;
  }
  return true;
}
#define MATH1(nm, expr)                        \
  NATIVE(nm) {                                 \
    double x;                                  \
    TRY(num_arg_big(vm, t, a, 0, &x));         \
    *out = Value::floating(expr);              \
    return NativeStatus::Ok;                   \
  }
MATH1(m_sin, std::sin(x))
MATH1(m_cos, std::cos(x))
MATH1(m_tan, std::tan(x))
NATIVE(m_exp) {
  double x;
  TRY(num_arg_big(vm, t, a, 0, &x));
  double r = std::exp(x);
  if (std::isinf(r) && std::isfinite(x)) return vm.raise(t, vm.cls.OverflowError, "math range error");
  *out = Value::floating(r);
  return NativeStatus::Ok;
}
MATH1(m_fabs, std::fabs(x))
MATH1(m_atan, std::atan(x))
NATIVE(m_acos) {
  double x;
  TRY(num_arg_big(vm, t, a, 0, &x));
  if (x < -1 || x > 1) return vm.raise(t, vm.cls.ValueError, "math domain error");
  *out = Value::floating(std::acos(x));
  return NativeStatus::Ok;
}
NATIVE(m_sqrt) {
  double x;
  TRY(num_arg_big(vm, t, a, 0, &x));
  if (x < 0) return vm.raise(t, vm.cls.ValueError, "math domain error");
  *out = Value::floating(std::sqrt(x));
  return NativeStatus::Ok;
}
// func(argument i), CPython's loghelper: an int beyond the float range is taken as
// x * 2**e, giving func(x) + func(2) * e.
bool log_arg(VM& vm, Thread& t, CallArgs& a, int i, double (*func)(double), double* out) {
  double x;
  if (!num_arg(vm, t, a, i, &x)) return false;
  if (x <= 0) { vm.raise(t, vm.cls.ValueError, "math domain error"); return false; }
  if (std::isinf(x) && is_bigint(a.args[i])) {
    int64_t e;
    double m = int_frexp(a.args[i], &e);
    *out = func(m) + func(2.0) * double(e);
  } else {
    *out = func(x);
  }
  return true;
}
NATIVE(m_log) {
  double r;
  auto ln = [](double x) { return std::log(x); };
  TRY(log_arg(vm, t, a, 0, ln, &r));
  if (a.n > 1) { double b; TRY(log_arg(vm, t, a, 1, ln, &b)); r /= b; }
  *out = Value::floating(r);
  return NativeStatus::Ok;
}
NATIVE(m_log2) {
  double r;
  TRY(log_arg(vm, t, a, 0, [](double x) { return std::log2(x); }, &r));
  *out = Value::floating(r);
  return NativeStatus::Ok;
}
NATIVE(m_log10) {
  double r;
  TRY(log_arg(vm, t, a, 0, [](double x) { return std::log10(x); }, &r));
  *out = Value::floating(r);
  return NativeStatus::Ok;
}
NativeStatus to_int_result(VM& vm, Thread& t, double r, Value* out) {
  if (std::isnan(r)) return vm.raise(t, vm.cls.ValueError, "cannot convert float NaN to integer");
  if (std::isinf(r)) return vm.raise(t, vm.cls.OverflowError, "cannot convert float infinity to integer");
  *out = int_from_double(vm.heap, r);
  return NativeStatus::Ok;
}
// floor/ceil/trunc: an int (of any size) is returned as it is.
NativeStatus round_to_int(VM& vm, Thread& t, CallArgs& a, Value* out, double (*f)(double)) {
  if (a.n && (a.args[0].is_intlike() || is_bigint(a.args[0]))) {
    *out = a.args[0].is_bool() ? Value::integer(a.args[0].as_int()) : a.args[0];
    return NativeStatus::Ok;
  }
  double x;
  TRY(num_arg(vm, t, a, 0, &x));
  return to_int_result(vm, t, f(x), out);
}
NATIVE(m_floor) { return round_to_int(vm, t, a, out, [](double x) { return std::floor(x); }); }
NATIVE(m_ceil) { return round_to_int(vm, t, a, out, [](double x) { return std::ceil(x); }); }
NATIVE(m_trunc) { return round_to_int(vm, t, a, out, [](double x) { return std::trunc(x); }); }
NATIVE(m_pow) {
  double x, y;
  TRY(num_arg_big(vm, t, a, 0, &x) && num_arg_big(vm, t, a, 1, &y));
  double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return vm.raise(t, vm.cls.OverflowError, "math range error");
  *out = Value::floating(r);
  return NativeStatus::Ok;
}
NATIVE(m_isnan) { double x; TRY(num_arg(vm, t, a, 0, &x)); *out = Value::boolean(std::isnan(x)); return NativeStatus::Ok; }
NATIVE(m_isinf) { double x; TRY(num_arg(vm, t, a, 0, &x)); *out = Value::boolean(std::isinf(x)); return NativeStatus::Ok; }
NATIVE(m_isfinite) { double x; TRY(num_arg(vm, t, a, 0, &x)); *out = Value::boolean(std::isfinite(x)); return NativeStatus::Ok; }
NATIVE(m_isclose) {
  double x, y;
  TRY(num_arg(vm, t, a, 0, &x) && num_arg(vm, t, a, 1, &y));
  double rel = 1e-9, abs_tol = 0;
  if (const Value* r = kwarg(a, "rel_tol")) rel = r->is_float() ? r->f : double(r->as_int());
  if (const Value* r = kwarg(a, "abs_tol")) abs_tol = r->is_float() ? r->f : double(r->as_int());
  *out = Value::boolean(x == y || std::fabs(x - y) <= std::max(rel * std::max(std::fabs(x), std::fabs(y)), abs_tol));
  return NativeStatus::Ok;
}
NATIVE(m_gcd) {  // Euclid on ints of any size
  Value g = Value::integer(0);
  WorkMeter wm(&vm);
  for (int i = 0; i < a.n; i++) {
    if (!a.args[i].is_intlike() && !is_bigint(a.args[i]))
      return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(a.args[i]) + "' object cannot be interpreted as an integer");
    Value x = a.args[i].is_bool() ? Value::integer(a.args[i].as_int()) : a.args[i];
    if (int_is_negative(x)) x = int_neg(vm.heap, x);
    while (!int_is_zero(x)) {
      Value q, r;
      if (!int_divmod(vm.heap, g, x, &q, &r, &wm)) return vm.raise_stopped(t);
      g = x;
      x = r;
    }
  }
  *out = g;
  return NativeStatus::Ok;
}
NATIVE(m_factorial) {
  if (a.n != 1 || !a.args[0].is_intlike() || a.args[0].as_int() < 0) return vm.raise(t, vm.cls.ValueError, "factorial() not defined for negative values");
  Value r = Value::integer(1);
  WorkMeter wm(&vm);  // factorial(10**6) multiplies for minutes
  for (int64_t i = 2; i <= a.args[0].as_int(); i++) {
    r = int_mul(vm.heap, r, Value::integer(i), &wm);
    if (r.empty() || wm.tick()) return vm.raise_stopped(t);
  }
  *out = r;
  return NativeStatus::Ok;
}

// The clock of a program without threads: virtual, advanced by sleep().
NATIVE(time_time) { *out = Value::floating(double(vm.instructions_executed) * 1e-8 + vm.virtual_time_s); return NativeStatus::Ok; }
NATIVE(time_sleep) {
  double s = 0;
  TRY(num_arg(vm, t, a, 0, &s));
  if (s < 0) return vm.raise(t, vm.cls.ValueError, "sleep length must be non-negative");
  vm.virtual_time_s += s;
  *out = Value::none();
  return NativeStatus::Ok;
}


}  // namespace

// [SECTION] _pyhelpers: what the library modules written in Python (runtime/lib) need from the VM
NativeStatus ph_caller_module(VM& vm, Thread& t, CallArgs& a, Value* out) {
  // caller_module(depth=1): __name__ of the module whose code called the calling function
  int64_t depth = a.n >= 1 && a.args[0].is_int() ? a.args[0].as_int() : 1;
  *out = Value::none();
  if (depth < 0 || size_t(depth) >= t.frames.size()) return NativeStatus::Ok;
  Frame* f = t.frames[t.frames.size() - 1 - size_t(depth)];
  if (Value* m = f->globals ? f->globals->find(vm.intern("__name__")) : nullptr) *out = *m;
  return NativeStatus::Ok;
}

NativeStatus ph_set_abstract(VM& vm, Thread& t, CallArgs& a, Value* out) {
  // set_abstract(cls, names): instances of cls are refused while names (a sorted tuple) is not empty
  if (a.n != 2 || !is_type(a.args[0], ObjType::Class) || !is_type(a.args[1], ObjType::Tuple))
    return vm.raise(t, vm.cls.TypeError, "set_abstract(cls, names)");
  as<ClassObj>(a.args[0])->abstract_names = as<TupleObj>(a.args[1])->items.empty() ? nullptr : as<TupleObj>(a.args[1]);
  *out = Value::none();
  return NativeStatus::Ok;
}

// [SECTION] import
namespace {
// " (...)" naming why a CPython standard module is missing here; "" for any other name.
std::string missing_standard_module(const std::string& name) {
  static const char* const kStandard[] = {
#include "py/stdlib_names.inc"
  };
  const std::string top = name.substr(0, name.find('.'));
  for (const char* s : kStandard)
    if (top == s) return " (a standard module of CPython that Interleave's Python does not have; docs/py.md lists what it has)";
  return "";
}
}  // namespace

void install_modules(VM& vm) {
  ModuleObj* ph = new_module(vm, "_pyhelpers");
  def_native(vm, ph, "caller_module", ph_caller_module);
  def_native(vm, ph, "set_abstract", ph_set_abstract);

  ModuleObj* json = new_module(vm, "json");
  def_native(vm, json, "dumps", json_dumps);
  def_native(vm, json, "loads", json_loads);
  def_native(vm, json, "dump", json_dump_file);
  def_native(vm, json, "load", json_load_file);
  ClassObj* jde = vm.new_class("JSONDecodeError", vm.cls.ValueError, true);
  jde->is_exception = true;
  json->dict->set(vm.intern("JSONDecodeError"), Value::object(jde));

  install_random_module(vm);

  ModuleObj* sys = new_module(vm, "sys");
  def_native(vm, sys, "exit", sys_exit);
  def_native(vm, sys, "setrecursionlimit", sys_setrecursionlimit);
  def_native(vm, sys, "getrecursionlimit", sys_getrecursionlimit);
  def_native(vm, sys, "exception", sys_exception);
  def_native(vm, sys, "exc_info", sys_exc_info);
  ModuleObj* tb = new_module(vm, "_traceback");
  def_native(vm, tb, "format_exception", tb_format_exception);
  def_native(vm, tb, "stack", tb_stack);
  for (const char* stream : {"stdout", "stderr"}) {
    auto* f = vm.heap.alloc<FileObj>();
    f->path = std::string("<") + stream + ">";
    f->writing = true;
    sys->dict->set(vm.intern(stream), Value::object(f));
  }
  auto* in = vm.heap.alloc<FileObj>();  // lines come from vm.config().read_line as they are read
  in->path = "<stdin>";
  sys->dict->set(vm.intern("stdin"), Value::object(in));
  sys->dict->set(vm.intern("argv"), Value::object(vm.new_list()));
  vm.sys_modules = vm.new_dict();
  for (auto& [name, m] : vm.modules) vm.sys_modules->set(vm.intern(name), Value::object(m));
  sys->dict->set(vm.intern("modules"), Value::object(vm.sys_modules));
  sys->dict->set(vm.intern("maxsize"), Value::integer(INT64_MAX));
  sys->dict->set(vm.intern("version"), vm.str("3.11 (Interleave subset)"));
  sys->dict->set(vm.intern("platform"), vm.str("interleave"));
  auto* vi = vm.new_tuple({Value::integer(3), Value::integer(11), Value::integer(0)});
  sys->dict->set(vm.intern("version_info"), Value::object(vi));

  ModuleObj* math = new_module(vm, "math");
  struct { const char* n; NativeFn f; } mf[] = {
      {"sqrt", m_sqrt}, {"sin", m_sin}, {"cos", m_cos}, {"tan", m_tan}, {"atan", m_atan}, {"acos", m_acos}, {"exp", m_exp},
      {"fabs", m_fabs}, {"log", m_log}, {"log2", m_log2}, {"log10", m_log10}, {"floor", m_floor},
      {"ceil", m_ceil}, {"trunc", m_trunc}, {"pow", m_pow}, {"isnan", m_isnan}, {"isinf", m_isinf}, {"isfinite", m_isfinite},
      {"isclose", m_isclose}, {"gcd", m_gcd}, {"factorial", m_factorial}};
  for (auto& e : mf) def_native(vm, math, e.n, e.f);
  math->dict->set(vm.intern("pi"), Value::floating(3.141592653589793));
  math->dict->set(vm.intern("e"), Value::floating(2.718281828459045));
  math->dict->set(vm.intern("tau"), Value::floating(6.283185307179586));
  math->dict->set(vm.intern("inf"), Value::floating(INFINITY));
  math->dict->set(vm.intern("nan"), Value::floating(NAN));

  ModuleObj* time = new_module(vm, "time");
  def_native(vm, time, "time", time_time);
  def_native(vm, time, "perf_counter", time_time);
  def_native(vm, time, "monotonic", time_time);
  def_native(vm, time, "sleep", time_sleep);
  install_greenlet_natives(vm, new_module(vm, "_greenlet"));
}

ModuleObj* new_module(VM& vm, const std::string& name) {
  auto* m = vm.heap.alloc<ModuleObj>();
  m->name = name;
  m->dict = vm.new_dict();
  m->dict->set(vm.intern("__name__"), vm.str(name));
  vm.set_module(name, m);
  return m;
}

void def_native(VM& vm, ModuleObj* m, const char* name, NativeFn f) {
  m->dict->set(vm.intern(name), Value::object(vm.native(name, f)));
}

Value VM::import_module(Thread& t, const std::string& name) {
  auto it = modules.find(name);
  if (it != modules.end() && name != "__main__") return Value::object(it->second);
  // `a.b`: the package `a` first; `b` becomes its attribute.
  ModuleObj* package = nullptr;
  size_t dot = name.rfind('.');
  if (dot != std::string::npos) {
    Value p = import_module(t, name.substr(0, dot));
    if (p.empty()) return p;
    package = as<ModuleObj>(p);
  }
  auto provided = module_sources.find(name);
  const char* src = provided != module_sources.end() ? provided->second.c_str() : prelude_module_source(name);
  if (!src) {
    static const char* const kConcurrency[] = {"threading", "queue", "multiprocessing", "concurrent",
                                               "concurrent.futures", "asyncio", "greenlet", "gevent",
                                               "socket", nullptr};
    for (int i = 0; kConcurrency[i]; i++) {
      if (name == kConcurrency[i]) {
        // A runtime VM provides module sources; a bare one (checks, tests) has no threads.
        std::string why = module_sources.empty() ? "this interpreter runs without Interleave's concurrency runtime"
                                                 : "Interleave does not have this module yet";
        raise(t, cls.ModuleNotFoundError, "No module named '" + name + "' (" + why + ")");
        return Value();
      }
    }
    raise(t, cls.ModuleNotFoundError, "No module named '" + name + "'" + missing_standard_module(name));
    return Value();
  }
  CompileResult cr = compile_source(src, heap, "<" + name + ">");
  if (!cr.code) {
    raise(t, cls.ImportError, "internal module '" + name + "' failed to compile: " + cr.error);
    return Value();
  }
  auto* mod = heap.alloc<ModuleObj>();
  mod->name = name;
  mod->dict = new_dict();
  mod->dict->set(intern("__name__"), str(name));
  set_module(name, mod);
  // Run the module body in a nested loop (imports are not preemption points).
  if (!run_module_body(t, cr.code, mod)) {
    set_module(name, nullptr);
    return Value();
  }
  if (package) package->dict->set(intern(name.substr(dot + 1)), Value::object(mod));
  return Value::object(mod);
}

}  // namespace interleave::py
