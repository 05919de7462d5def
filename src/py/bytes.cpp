// [SECTION] values & repr  [SECTION] codecs  [SECTION] operators  [SECTION] %-formatting
// [SECTION] constructors  [SECTION] methods  [SECTION] bytearray  [SECTION] installation
#include "py/bytes.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

#include "py/bigint.h"
#include "py/bytecode.h"
#include "py/str_methods.h"
#include "py/strings.h"
#include "py/text_utf8.h"
#include "py/native_fn.h"

namespace interleave::py {

// [SECTION] values & repr
std::string repr_bytes(std::string_view b, bool bytearray) {
  char q = b.find('\'') != std::string_view::npos && b.find('"') == std::string_view::npos ? '"' : '\'';
  std::string s = bytearray ? "bytearray(b" : "b";
  s += q;
  for (unsigned char c : b) {
    // bytearray's repr escapes ' even inside "..." (CPython's quirk); bytes only its quote
    if (c == q || c == '\\' || (bytearray && c == '\'')) { s += '\\'; s += char(c); }
    else if (c == '\t') s += "\\t";
    else if (c == '\n') s += "\\n";
    else if (c == '\r') s += "\\r";
    else if (c < 0x20 || c >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      s += hex;
    } else {
      s += char(c);
    }
  }
  s += q;
  if (bytearray) s += ')';
  return s;
}

Value make_bytes(VM& vm, std::string b, bool bytearray) {
  vm.heap.note_bytes(b.size());
  return Value::object(vm.heap.alloc<BytesObj>(std::move(b), bytearray));
}

const std::string* bytes_like(const Value& v) {
  return is_type(v, ObjType::Bytes) ? &as<BytesObj>(v)->b : nullptr;
}

namespace {


BytesObj* self_of(CallArgs& a) { return as<BytesObj>(a.args[0]); }
const std::string& B(CallArgs& a) { return as<BytesObj>(a.args[0])->b; }
// A result of the receiver's own type (bytearray methods return bytearrays).
Value same_type(VM& vm, CallArgs& a, std::string b) { return make_bytes(vm, std::move(b), self_of(a)->mut); }

// Argument `pos` (after self) or keyword `name`; nullptr when not given.
const Value* arg(CallArgs& a, int pos, const char* name) {
  if (pos < a.n) return &a.args[pos];
  if (a.kw) for (auto& [k, v] : *a.kw) if (as<StrObj>(k)->s == name) return &v;
  return nullptr;
}

bool fits(VM& vm, Thread& t, double bytes) {
  if (bytes <= double(vm.limits().max_memory_bytes)) return true;
  vm.raise(t, vm.cls.MemoryError, "");
  return false;
}

// A bytes-like argument, or TypeError "a bytes-like object is required, not 'str'".
const std::string* need_bytes(VM& vm, Thread& t, const Value& v) {
  if (const std::string* b = bytes_like(v)) return b;
  vm.raise(t, vm.cls.TypeError, "a bytes-like object is required, not '" + vm.type_name(v) + "'");
  return nullptr;
}

// An int 0..255 (a byte value), with CPython's TypeError / ValueError otherwise.
bool byte_value(VM& vm, Thread& t, const Value& v, unsigned char* out) {
  if (!v.is_intlike() && !is_bigint(v)) {
    vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(v) + "' object cannot be interpreted as an integer");
    return false;
  }
  if (is_bigint(v) || v.as_int() < 0 || v.as_int() > 255) {
    vm.raise(t, vm.cls.ValueError, "byte must be in range(0, 256)");
    return false;
  }
  *out = (unsigned char)v.as_int();
  return true;
}

bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// [SECTION] codecs
enum class Codec { Utf8, Ascii, Latin1 };
const char* codec_name(Codec c) { return c == Codec::Utf8 ? "utf-8" : c == Codec::Ascii ? "ascii" : "latin-1"; }

// The codec named `name` (CPython's aliases: case, '_' and ' ' do not matter); LookupError
// "unknown encoding: NAME" for any other.
bool find_codec(VM& vm, Thread& t, const std::string& name, Codec* c) {
  std::string n;
  for (char ch : name) n += ch == '_' || ch == ' ' ? '-' : char(std::tolower((unsigned char)ch));
  static const char* const utf8[] = {"utf-8", "utf8", "u8", "utf", "cp65001"};
  static const char* const ascii[] = {"ascii", "us-ascii", "646", "us"};
  static const char* const latin1[] = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "8859", "cp819", "latin", "l1"};
  for (const char* k : utf8) if (n == k) { *c = Codec::Utf8; return true; }
  for (const char* k : ascii) if (n == k) { *c = Codec::Ascii; return true; }
  for (const char* k : latin1) if (n == k) { *c = Codec::Latin1; return true; }
  vm.raise(t, vm.cls.LookupError, "unknown encoding: " + name);
  return false;
}

// The (encoding, errors) arguments at positions pos, pos + 1 (or keywords), as str.
bool codec_args(VM& vm, Thread& t, CallArgs& a, int pos, const char* fname, Codec* c, std::string* errors) {
  std::string enc = "utf-8";
  *errors = "strict";
  const Value* e = arg(a, pos, "encoding");
  const Value* r = arg(a, pos + 1, "errors");
  for (auto [v, what, dst] : {std::tuple{e, "encoding", &enc}, std::tuple{r, "errors", errors}}) {
    if (!v) continue;
    if (!is_type(*v, ObjType::Str)) {
      vm.raise(t, vm.cls.TypeError, std::string(fname) + "() argument '" + what + "' must be str, not " + vm.type_name(*v));
      return false;
    }
    *dst = as<StrObj>(*v)->s;
  }
  return find_codec(vm, t, enc, c);
}

NativeStatus raise_unicode(VM& vm, Thread& t, bool decode, Codec c, Value obj, int64_t start, int64_t end, const char* reason) {
  Value exc = vm.make_exception(decode ? vm.cls.UnicodeDecodeError : vm.cls.UnicodeEncodeError,
                                {vm.str(codec_name(c)), obj, Value::integer(start), Value::integer(end), vm.str(reason)});
  auto& args = as<TupleObj>(as<InstanceObj>(exc)->args)->items;
  const char* names[] = {"encoding", "object", "start", "end", "reason"};
  for (int i = 0; i < 5; i++) as<InstanceObj>(exc)->dict->set(vm.intern(names[i]), args[size_t(i)]);
  return vm.raise_value(t, exc);
}

bool unknown_handler(VM& vm, Thread& t, const std::string& errors) {
  vm.raise(t, vm.cls.LookupError, "unknown error handler name '" + errors + "'");
  return false;
}

// Length of the valid UTF-8 sequence at b[i], or 0 with the reason and the end of the bad
// range as CPython's decoder reports them (maximal subparts: a truncated sequence is one error).
size_t utf8_sequence(std::string_view b, size_t i, const char** reason, size_t* end) {
  unsigned c = (unsigned char)b[i];
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) { n = 3; lo = 0xA0; }
  else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = 3;
  else if (c == 0xED) { n = 3; hi = 0x9F; }  // no surrogates
  else if (c == 0xF0) { n = 4; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) { n = 4; hi = 0x8F; }  // nothing past U+10FFFF
  if (n == 0) { *reason = "invalid start byte"; *end = i + 1; return 0; }
  for (size_t k = 1; k < n; k++) {
    if (i + k >= b.size()) { *reason = "unexpected end of data"; *end = b.size(); return 0; }
    unsigned d = (unsigned char)b[i + k];
    if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) { *reason = "invalid continuation byte"; *end = i + k; return 0; }
  }
  return n;
}

// Decodes `b` (whose object `obj` an error names) with codec `c` and error handler `errors`.
bool decode(VM& vm, Thread& t, const std::string& b, const Value& obj, Codec c, const std::string& errors, std::string* out) {
  out->reserve(b.size());
  for (size_t i = 0; i < b.size();) {
    unsigned char ch = (unsigned char)b[i];
    const char* reason = "ordinal not in range(128)";
    size_t end = i + 1;
    if (c == Codec::Latin1 || ch < 0x80) {
      text::utf8_append(*out, ch);
      i++;
      continue;
    }
    if (c == Codec::Utf8) {
      if (size_t n = utf8_sequence(b, i, &reason, &end)) {
        out->append(b, i, n);
        i += n;
        continue;
      }
    }
    if (errors == "strict") {
      raise_unicode(vm, t, true, c, make_bytes(vm, b, false), int64_t(i), int64_t(end), reason);
      return false;
    }
    if (errors == "replace") {
      *out += "\xEF\xBF\xBD";  // U+FFFD
    } else if (errors == "backslashreplace") {
      for (size_t k = i; k < end; k++) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02x", (unsigned char)b[k]);
        *out += hex;
      }
    } else if (errors != "ignore") {
      return unknown_handler(vm, t, errors);
    }
    i = end;
  }
  (void)obj;
  return true;
}

// Encodes str `s` with codec `c` and error handler `errors`. Consecutive characters the codec
// cannot encode form one error, as in CPython.
bool encode(VM& vm, Thread& t, const Value& s, Codec c, const std::string& errors, std::string* out) {
  const StrObj* so = as<StrObj>(s);
  if (so->ascii) { *out = so->s; return true; }
  std::u32string cps;
  for (size_t i = 0; i < so->s.size();) cps += text::utf8_next(so->s, i);
  auto bad = [&](char32_t cp) {
    return c == Codec::Ascii ? cp >= 0x80 : c == Codec::Latin1 ? cp >= 0x100 : (cp >= 0xD800 && cp <= 0xDFFF);
  };
  const char* reason = c == Codec::Ascii ? "ordinal not in range(128)" : c == Codec::Latin1 ? "ordinal not in range(256)" : "surrogates not allowed";
  for (size_t i = 0; i < cps.size();) {
    char32_t cp = cps[i];
    if (!bad(cp)) {
      if (c == Codec::Utf8) text::utf8_append(*out, cp);
      else *out += char(cp);
      i++;
      continue;
    }
    size_t end = i;
    while (end < cps.size() && bad(cps[end])) end++;
    if (errors == "strict") {
      raise_unicode(vm, t, false, c, s, int64_t(i), int64_t(end), reason);
      return false;
    }
    for (size_t k = i; k < end; k++) {
      char buf[16];
      if (errors == "replace") *out += '?';
      else if (errors == "backslashreplace") {
        std::snprintf(buf, sizeof buf, cps[k] < 0x100 ? "\\x%02x" : cps[k] < 0x10000 ? "\\u%04x" : "\\U%08x", unsigned(cps[k]));
        *out += buf;
      } else if (errors == "xmlcharrefreplace") {
        std::snprintf(buf, sizeof buf, "&#%u;", unsigned(cps[k]));
        *out += buf;
      } else if (errors != "ignore") {
        return unknown_handler(vm, t, errors);
      }
    }
    i = end;
  }
  return true;
}

// [SECTION] constructors
// The bytes of `src` for bytes(src) / bytearray(src) without an encoding: a count of zero
// bytes, a bytes-like, an object with __bytes__, or an iterable of ints 0..255.
bool bytes_from(VM& vm, Thread& t, const Value& src, bool to_bytearray, std::string* out) {
  const char* tname = to_bytearray ? "bytearray" : "bytes";
  if (const std::string* b = bytes_like(src)) { *out = *b; return true; }
  if (is_bigint(src)) { vm.raise(t, vm.cls.OverflowError, "cannot fit 'int' into an index-sized integer"); return false; }
  if (src.is_intlike()) {
    if (src.as_int() < 0) { vm.raise(t, vm.cls.ValueError, "negative count"); return false; }
    if (!fits(vm, t, double(src.as_int()))) return false;
    out->assign(size_t(src.as_int()), '\0');
    return true;
  }
  if (is_type(src, ObjType::Str)) { vm.raise(t, vm.cls.TypeError, "string argument without an encoding"); return false; }
  bool iterable = true;
  if (is_type(src, ObjType::Instance)) {
    Value m;
    if (vm.find_class_attr(as<InstanceObj>(src)->cls, vm.heap.intern("__bytes__"), &m)) {
      Value r;
      if (!vm.call_value(t, m, {src}, &r)) return false;
      if (!is_type(r, ObjType::Bytes) || as<BytesObj>(r)->mut) {
        vm.raise(t, vm.cls.TypeError, "__bytes__ returned non-bytes (type " + vm.type_name(r) + ")");
        return false;
      }
      *out = as<BytesObj>(r)->b;
      return true;
    }
    iterable = vm.find_class_attr(as<InstanceObj>(src)->cls, vm.heap.intern("__iter__"), &m) != nullptr;
  } else if (src.tag != Tag::Obj) {
    iterable = false;
  } else {
    ObjType k = src.o->type;
    iterable = k == ObjType::List || k == ObjType::Tuple || k == ObjType::Range || k == ObjType::Dict ||
               k == ObjType::Set || k == ObjType::Iterator || k == ObjType::Generator;
  }
  if (!iterable) {
    vm.raise(t, vm.cls.TypeError, "cannot convert '" + vm.type_name(src) + "' object to " + tname);
    return false;
  }
  std::vector<Value> items;
  if (!vm.to_vector(t, src, &items)) return false;
  out->reserve(items.size());
  for (auto& v : items) {
    if (v.is_intlike() && (v.as_int() < 0 || v.as_int() > 255)) {  // bytes words it in the plural
      vm.raise(t, vm.cls.ValueError, std::string(to_bytearray ? "byte" : "bytes") + " must be in range(0, 256)");
      return false;
    }
    unsigned char c;
    if (!byte_value(vm, t, v, &c)) return false;
    *out += char(c);
  }
  return true;
}


// bytes(source=b'', encoding=..., errors=...) and bytearray(...): args[0] is the class.
NativeStatus new_bytes_of(VM& vm, Thread& t, CallArgs& a, Value* out, bool to_bytearray) {
  CallArgs rest{a.args + 1, a.n - 1, a.kw};
  const Value* src = arg(rest, 0, "source");
  const Value* enc = arg(rest, 1, "encoding");
  const Value* err = arg(rest, 2, "errors");
  if (rest.n > 3) return vm.raise(t, vm.cls.TypeError, std::string(to_bytearray ? "bytearray" : "bytes") + "() takes at most 3 arguments (" + std::to_string(rest.n) + " given)");
  std::string b;
  if (src && is_type(*src, ObjType::Str) && (enc || err)) {
    if (!enc) return vm.raise(t, vm.cls.TypeError, "string argument without an encoding");
    Codec c;
    std::string errors;
    TRY(codec_args(vm, t, rest, 1, to_bytearray ? "bytearray" : "bytes", &c, &errors));
    TRY(encode(vm, t, *src, c, errors, &b));
  } else if (enc || err) {
    return vm.raise(t, vm.cls.TypeError, enc ? "encoding without a string argument" : "errors without a string argument");
  } else if (src) {
    TRY(bytes_from(vm, t, *src, to_bytearray, &b));
  }
  *out = make_bytes(vm, std::move(b), to_bytearray);
  return NativeStatus::Ok;
}
NATIVE(new_bytes) { return new_bytes_of(vm, t, a, out, false); }
NATIVE(new_bytearray) { return new_bytes_of(vm, t, a, out, true); }

// [SECTION] methods
// Byte bounds of start/end arguments (slice rules). *start may exceed n: nothing matches.
void bounds(CallArgs& a, int pos, size_t n, size_t* start, size_t* end) {
  auto get = [&](int i, int64_t def) {
    if (i >= a.n || a.args[i].is_none() || !a.args[i].is_intlike()) return def;
    int64_t v = a.args[i].as_int();
    if (v < 0) v = std::max<int64_t>(0, v + int64_t(n));
    return v;
  };
  *start = size_t(get(pos, 0));
  *end = size_t(std::min<int64_t>(get(pos + 1, int64_t(n)), int64_t(n)));
}

// The needle of find/count/index: a bytes-like or an int 0..255.
bool needle(VM& vm, Thread& t, CallArgs& a, std::string* out) {
  if (a.n < 2) { vm.raise(t, vm.cls.TypeError, "function missing required argument"); return false; }
  const Value& v = a.args[1];
  if (const std::string* b = bytes_like(v)) { *out = *b; return true; }
  if (!v.is_intlike() && !is_bigint(v)) {
    vm.raise(t, vm.cls.TypeError, "argument should be integer or bytes-like object, not '" + vm.type_name(v) + "'");
    return false;
  }
  unsigned char c;
  if (!byte_value(vm, t, v, &c)) return false;
  *out = std::string(1, char(c));
  return true;
}

// find (0), rfind (1), index (2), rindex (3), count (4).
NativeStatus search(VM& vm, Thread& t, CallArgs& a, Value* out, int kind) {
  std::string sub;
  TRY(needle(vm, t, a, &sub));
  const std::string& s = B(a);
  size_t st, en;
  bounds(a, 2, s.size(), &st, &en);
  int64_t r = -1;
  if (kind == 4) {
    r = 0;
    if (st <= en && st <= s.size()) {
      std::string_view v = std::string_view(s).substr(st, en - st);
      if (sub.empty()) r = int64_t(v.size()) + 1;
      else for (size_t i = v.find(sub); i != std::string_view::npos; i = v.find(sub, i + sub.size())) r++;
    }
  } else if (st <= en && en - st >= sub.size()) {
    std::string_view v = std::string_view(s).substr(st, en - st);
    size_t i = kind == 0 || kind == 2 ? v.find(sub) : v.rfind(sub);
    if (i != std::string_view::npos) r = int64_t(st + i);
  }
  if ((kind == 2 || kind == 3) && r < 0) return vm.raise(t, vm.cls.ValueError, "subsection not found");
  *out = Value::integer(r);
  return NativeStatus::Ok;
}
NATIVE(b_find) { return search(vm, t, a, out, 0); }
NATIVE(b_rfind) { return search(vm, t, a, out, 1); }
NATIVE(b_index) { return search(vm, t, a, out, 2); }
NATIVE(b_rindex) { return search(vm, t, a, out, 3); }
NATIVE(b_count) { return search(vm, t, a, out, 4); }

NativeStatus affix(VM& vm, Thread& t, CallArgs& a, Value* out, bool start) {
  const char* fname = start ? "startswith" : "endswith";
  if (a.n < 2) return vm.raise(t, vm.cls.TypeError, std::string(fname) + "() takes at least 1 argument (0 given)");
  std::vector<Value> cands;
  if (is_type(a.args[1], ObjType::Tuple)) cands = as<TupleObj>(a.args[1])->items;
  else cands.push_back(a.args[1]);
  const std::string& s = B(a);
  size_t st, en;
  bounds(a, 2, s.size(), &st, &en);
  bool hit = false;
  for (auto& c : cands) {
    const std::string* p = bytes_like(c);
    if (!p) return vm.raise(t, vm.cls.TypeError, std::string(fname) + " first arg must be bytes or a tuple of bytes, not " + vm.type_name(c));
    if (hit || st > s.size() || st > en || en - st < p->size()) continue;
    hit = std::string_view(s).substr(start ? st : en - p->size(), p->size()) == *p;
  }
  *out = Value::boolean(hit);
  return NativeStatus::Ok;
}
NATIVE(b_startswith) { return affix(vm, t, a, out, true); }
NATIVE(b_endswith) { return affix(vm, t, a, out, false); }

NATIVE(b_decode) {
  Codec c;
  std::string errors, s;
  TRY(codec_args(vm, t, a, 1, "decode", &c, &errors));
  TRY(decode(vm, t, B(a), a.args[0], c, errors, &s));
  *out = vm.str(std::move(s));
  return NativeStatus::Ok;
}

NATIVE(b_hex) {
  const std::string& s = B(a);
  std::string sep;
  int64_t group = 1;
  if (const Value* v = arg(a, 1, "sep")) {
    if (const std::string* b = bytes_like(*v)) sep = *b;
    else if (is_type(*v, ObjType::Str)) sep = as<StrObj>(*v)->s;
    else return vm.raise(t, vm.cls.TypeError, "object of type '" + vm.type_name(*v) + "' has no len()");
    if (sep.size() != 1) return vm.raise(t, vm.cls.ValueError, "sep must be length 1.");
    if ((unsigned char)sep[0] >= 0x80) return vm.raise(t, vm.cls.ValueError, "sep must be ASCII.");
  }
  if (const Value* v = arg(a, 2, "bytes_per_sep")) {
    if (!v->is_intlike()) return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(*v) + "' object cannot be interpreted as an integer");
    group = v->as_int();
  }
  static const char digits[] = "0123456789abcdef";
  std::string r;
  size_t n = s.size(), g = size_t(group < 0 ? -group : group);
  WorkMeter wm(&vm);
  ChunkMeter cm(&wm);
  for (size_t i = 0; i < n; i++) {
    // groups of g bytes counted from the right (positive) or from the left (negative)
    if (i && !sep.empty() && g && (group > 0 ? (n - i) % g == 0 : i % g == 0)) r += sep;
    r += digits[(unsigned char)s[i] >> 4];
    r += digits[(unsigned char)s[i] & 15];
    if (cm.stop(i)) return vm.raise_stopped(t);
  }
  *out = vm.str(std::move(r));
  return NativeStatus::Ok;
}

// bytes.fromhex(text) / bytearray.fromhex(text): called on the class (args[0]) or an instance.
NATIVE(b_fromhex) {
  bool to_bytearray = is_type(a.args[0], ObjType::Class) ? as<ClassObj>(a.args[0]) == vm.cls.bytearray : as<BytesObj>(a.args[0])->mut;
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "fromhex() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  if (!is_type(a.args[1], ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "fromhex() argument must be str, not " + vm.type_name(a.args[1]));
  const std::string& s = as<StrObj>(a.args[1])->s;
  auto hexval = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
  std::string r;
  size_t cp = 0;  // the position CPython reports counts code points
  for (size_t i = 0; i < s.size();) {
    if (is_space((unsigned char)s[i])) { i++; cp++; continue; }
    int hi = hexval(s[i]);
    int lo = i + 1 < s.size() ? hexval(s[i + 1]) : -1;
    if (hi < 0 || lo < 0)
      return vm.raise(t, vm.cls.ValueError, "non-hexadecimal number found in fromhex() arg at position " + std::to_string(hi < 0 ? cp : cp + 1));
    r += char(hi * 16 + lo);
    i += 2;
    cp += 2;
  }
  *out = make_bytes(vm, std::move(r), to_bytearray);
  return NativeStatus::Ok;
}

NATIVE(b_join) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "join() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  std::vector<Value> copy;  // of another iterable; a list or tuple is joined in place
  const bool seq = is_type(a.args[1], ObjType::List) || is_type(a.args[1], ObjType::Tuple);
  if (!seq) TRY(vm.to_vector(t, a.args[1], &copy));
  const std::vector<Value>& items = !seq ? copy : is_type(a.args[1], ObjType::List) ? as<ListObj>(a.args[1])->items : as<TupleObj>(a.args[1])->items;
  const std::string& sep = B(a);
  double total = items.empty() ? 0 : double(sep.size()) * double(items.size() - 1);
  WorkMeter wm(&vm);
  for (size_t i = 0; i < items.size(); i++) {
    if (wm.tick(8)) return vm.raise_stopped(t);  // 8: a step
    const std::string* p = bytes_like(items[i]);
    if (!p) return vm.raise(t, vm.cls.TypeError, "sequence item " + std::to_string(i) + ": expected a bytes-like object, " + vm.type_name(items[i]) + " found");
    total += double(p->size());
  }
  TRY(fits(vm, t, total));
  std::string r;
  r.reserve(size_t(total));
  for (size_t i = 0; i < items.size(); i++) {
    if (i) r += sep;
    r += *bytes_like(items[i]);
    if (wm.tick(sep.size() + bytes_like(items[i])->size() + 8)) return vm.raise_stopped(t);  // 8: a step
  }
  *out = same_type(vm, a, std::move(r));
  return NativeStatus::Ok;
}

// The pieces a split found as a list of bytes (or bytearrays); the stopped error instead once
// the run is being stopped (an object is ~64 bytes' work).
NativeStatus piece_list(VM& vm, Thread& t, CallArgs& a, WorkMeter& wm, const std::vector<std::string>& parts, Value* out) {
  if (wm.stopped()) return vm.raise_stopped(t);
  auto* l = vm.new_list();
  for (auto& p : parts) {
    if (wm.tick(p.size() + 64)) return vm.raise_stopped(t);
    l->items.push_back(same_type(vm, a, p));
  }
  *out = Value::object(l);
  return NativeStatus::Ok;
}

// split (from the left) and rsplit: on runs of ASCII whitespace when sep is None.
NativeStatus split_kind(VM& vm, Thread& t, CallArgs& a, Value* out, bool right) {
  const Value* sepv = arg(a, 1, "sep");
  const Value* mv = arg(a, 2, "maxsplit");
  int64_t maxsplit = mv && mv->is_intlike() ? mv->as_int() : -1;
  const std::string& s = B(a);
  std::vector<std::string> parts;
  WorkMeter wm(&vm);
  ChunkMeter cm(&wm);
  if (!sepv || sepv->is_none()) {
    std::string_view v(s);
    while (!cm.stop(s.size() - v.size())) {  // take words from one end; the rest (stripped) is the last piece
      size_t i = 0, n = v.size();
      if (!right) { while (i < n && is_space((unsigned char)v[i])) i++; v = v.substr(i); }
      else { while (n > 0 && is_space((unsigned char)v[n - 1])) n--; v = v.substr(0, n); }
      if (v.empty()) break;
      if (maxsplit >= 0 && int64_t(parts.size()) >= maxsplit) { parts.emplace_back(v); break; }
      size_t k = 0;
      if (!right) { while (k < v.size() && !is_space((unsigned char)v[k])) k++; parts.emplace_back(v.substr(0, k)); v = v.substr(k); }
      else { k = v.size(); while (k > 0 && !is_space((unsigned char)v[k - 1])) k--; parts.emplace_back(v.substr(k)); v = v.substr(0, k); }
    }
  } else {
    const std::string* sep = need_bytes(vm, t, *sepv);
    TRY(sep);
    if (sep->empty()) return vm.raise(t, vm.cls.ValueError, "empty separator");
    std::string_view v(s);
    while ((maxsplit < 0 || int64_t(parts.size()) < maxsplit) && !cm.stop(s.size() - v.size())) {
      size_t i = right ? v.rfind(*sep) : v.find(*sep);
      if (i == std::string_view::npos) break;
      if (right) { parts.emplace_back(v.substr(i + sep->size())); v = v.substr(0, i); }
      else { parts.emplace_back(v.substr(0, i)); v = v.substr(i + sep->size()); }
    }
    parts.emplace_back(v);
  }
  if (right) std::reverse(parts.begin(), parts.end());
  return piece_list(vm, t, a, wm, parts, out);
}
NATIVE(b_split) { return split_kind(vm, t, a, out, false); }
NATIVE(b_rsplit) { return split_kind(vm, t, a, out, true); }

NATIVE(b_splitlines) {
  bool keep = false;
  if (const Value* k = arg(a, 1, "keepends")) TRY(vm.truthy(t, *k, &keep));
  const std::string& s = B(a);
  std::vector<std::string> parts;
  WorkMeter wm(&vm);
  ChunkMeter cm(&wm);
  for (size_t i = 0; i < s.size() && !cm.stop(i);) {
    size_t j = i;
    while (j < s.size() && s[j] != '\n' && s[j] != '\r') j++;
    size_t eol = j < s.size() ? (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n' ? 2 : 1) : 0;
    parts.push_back(s.substr(i, j - i + (keep ? eol : 0)));
    i = j + eol;
  }
  return piece_list(vm, t, a, wm, parts, out);
}

// strip (0), lstrip (1), rstrip (2): ASCII whitespace, or the bytes of the argument.
NativeStatus strip_kind(VM& vm, Thread& t, CallArgs& a, Value* out, int kind) {
  std::string chars = " \t\n\v\f\r";
  if (a.n > 1 && !a.args[1].is_none()) {
    const std::string* c = need_bytes(vm, t, a.args[1]);
    TRY(c);
    chars = *c;
  }
  const std::string& s = B(a);
  size_t i = 0, n = s.size();
  if (kind != 2) while (i < n && chars.find(s[i]) != std::string::npos) i++;
  if (kind != 1) while (n > i && chars.find(s[n - 1]) != std::string::npos) n--;
  *out = same_type(vm, a, s.substr(i, n - i));
  return NativeStatus::Ok;
}
NATIVE(b_strip) { return strip_kind(vm, t, a, out, 0); }
NATIVE(b_lstrip) { return strip_kind(vm, t, a, out, 1); }
NATIVE(b_rstrip) { return strip_kind(vm, t, a, out, 2); }

NATIVE(b_replace) {
  if (a.n < 3) return vm.raise(t, vm.cls.TypeError, "replace expected at least 2 arguments, got " + std::to_string(a.n - 1));
  const std::string* o = need_bytes(vm, t, a.args[1]);
  TRY(o);
  const std::string* r = need_bytes(vm, t, a.args[2]);
  TRY(r);
  const Value* cv = arg(a, 3, "count");
  int64_t count = cv && cv->is_intlike() ? cv->as_int() : -1;
  const std::string& s = B(a);
  double n = o->empty() ? double(s.size() + 1) : double(s.size() / o->size());
  if (count >= 0) n = std::min(n, double(count));
  TRY(fits(vm, t, double(s.size()) + n * std::max(0.0, double(r->size()) - double(o->size()))));
  std::string res;
  size_t i = 0;
  int64_t done = 0;
  WorkMeter wm(&vm);
  ChunkMeter cm(&wm);  // counts the bytes written
  if (o->empty()) {  // the replacement goes between every byte and at both ends
    for (; i <= s.size(); i++) {
      if (count < 0 || done < count) { res += *r; done++; }
      if (i < s.size()) res += s[i];
      if (cm.stop(res.size())) return vm.raise_stopped(t);
    }
  } else {
    for (size_t j; (count < 0 || done < count) && (j = s.find(*o, i)) != std::string::npos; done++) {
      res.append(s, i, j - i);
      res += *r;
      i = j + o->size();
      if (cm.stop(res.size())) return vm.raise_stopped(t);
    }
    res.append(s, i, std::string::npos);
  }
  *out = same_type(vm, a, std::move(res));
  return NativeStatus::Ok;
}

NativeStatus part(VM& vm, Thread& t, CallArgs& a, Value* out, bool right) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, std::string(right ? "rpartition" : "partition") + "() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  const std::string* sep = need_bytes(vm, t, a.args[1]);
  TRY(sep);
  if (sep->empty()) return vm.raise(t, vm.cls.ValueError, "empty separator");
  const std::string& s = B(a);
  size_t i = right ? s.rfind(*sep) : s.find(*sep);
  std::vector<Value> r;
  if (i == std::string::npos) {
    r = right ? std::vector<Value>{same_type(vm, a, ""), same_type(vm, a, ""), same_type(vm, a, s)}
              : std::vector<Value>{same_type(vm, a, s), same_type(vm, a, ""), same_type(vm, a, "")};
  } else {
    r = {same_type(vm, a, s.substr(0, i)), same_type(vm, a, *sep), same_type(vm, a, s.substr(i + sep->size()))};
  }
  *out = Value::object(vm.new_tuple(std::move(r)));
  return NativeStatus::Ok;
}
NATIVE(b_partition) { return part(vm, t, a, out, false); }
NATIVE(b_rpartition) { return part(vm, t, a, out, true); }

NativeStatus affix_remove(VM& vm, Thread& t, CallArgs& a, Value* out, bool prefix) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, std::string(prefix ? "removeprefix" : "removesuffix") + "() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  const std::string* p = need_bytes(vm, t, a.args[1]);
  TRY(p);
  std::string s = B(a);
  bool has = s.size() >= p->size() && (prefix ? s.compare(0, p->size(), *p) == 0 : s.compare(s.size() - p->size(), p->size(), *p) == 0);
  if (has) s = prefix ? s.substr(p->size()) : s.substr(0, s.size() - p->size());
  *out = same_type(vm, a, std::move(s));
  return NativeStatus::Ok;
}
NATIVE(b_removeprefix) { return affix_remove(vm, t, a, out, true); }
NATIVE(b_removesuffix) { return affix_remove(vm, t, a, out, false); }

// Methods without arguments: "bytes.upper() takes no arguments (1 given)" otherwise.
bool no_args(VM& vm, Thread& t, CallArgs& a, const char* name) {
  if (a.n == 1 && (!a.kw || a.kw->empty())) return true;
  vm.raise(t, vm.cls.TypeError, std::string(self_of(a)->mut ? "bytearray." : "bytes.") + name + "() takes no arguments (" + std::to_string(a.n - 1) + " given)");
  return false;
}
// f over every byte, copied a chunk at a time between polls of the run's interrupt flag.
template <int (*f)(unsigned char)>
NativeStatus map_bytes(VM& vm, Thread& t, CallArgs& a, Value* out, const char* pyname) {
  TRY(no_args(vm, t, a, pyname));
  const std::string& s = B(a);
  std::string r;
  r.reserve(s.size());
  WorkMeter wm(&vm);
  for (size_t b = 0; b < s.size(); b += kMeterChunk) {
    r.append(s, b, kMeterChunk);
    for (size_t k = b; k < r.size(); k++) r[k] = char(f((unsigned char)r[k]));
    if (wm.tick(kMeterChunk)) return vm.raise_stopped(t);
  }
  *out = same_type(vm, a, std::move(r));
  return NativeStatus::Ok;
}
#define MAP_BYTES(nm, pyname, f) \
  NATIVE(nm) { return map_bytes<f>(vm, t, a, out, pyname); }
int up(unsigned char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
int low(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
int swap(unsigned char c) { return c >= 'a' && c <= 'z' ? c - 32 : c >= 'A' && c <= 'Z' ? c + 32 : c; }
MAP_BYTES(b_upper, "upper", up)
MAP_BYTES(b_lower, "lower", low)
MAP_BYTES(b_swapcase, "swapcase", swap)

#define PRED_BYTES(nm, pyname, test, empty_value)                                   \
  NATIVE(nm) {                                                                      \
    TRY(no_args(vm, t, a, pyname));                                                 \
    const std::string& s = B(a);                                                    \
    bool r = s.empty() ? empty_value : true;                                        \
    for (unsigned char c : s) if (!(test)) { r = false; break; }                    \
    *out = Value::boolean(r);                                                       \
    return NativeStatus::Ok;                                                        \
  }
PRED_BYTES(b_isdigit, "isdigit", c >= '0' && c <= '9', false)
PRED_BYTES(b_isalpha, "isalpha", (c | 32) >= 'a' && (c | 32) <= 'z', false)
PRED_BYTES(b_isalnum, "isalnum", ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9'), false)
PRED_BYTES(b_isspace, "isspace", is_space(c), false)
PRED_BYTES(b_isascii, "isascii", c < 0x80, true)
// isupper/islower: no cased byte of the other case and at least one of this case
NativeStatus case_test(VM& vm, Thread& t, CallArgs& a, Value* out, bool upper, const char* name) {
  TRY(no_args(vm, t, a, name));
  bool any = false, bad = false;
  for (unsigned char c : B(a)) {
    if (c >= 'A' && c <= 'Z') (upper ? any : bad) = true;
    if (c >= 'a' && c <= 'z') (upper ? bad : any) = true;
  }
  *out = Value::boolean(any && !bad);
  return NativeStatus::Ok;
}
NATIVE(b_isupper) { return case_test(vm, t, a, out, true, "isupper"); }
NATIVE(b_islower) { return case_test(vm, t, a, out, false, "islower"); }

// [SECTION] bytearray
BytesObj* mutable_self(CallArgs& a) { return as<BytesObj>(a.args[0]); }

NATIVE(ba_append) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "bytearray.append() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  unsigned char c;
  TRY(byte_value(vm, t, a.args[1], &c));
  mutable_self(a)->b += char(c);
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(ba_extend) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "bytearray.extend() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  const Value& src = a.args[1];
  if (src.is_intlike() || src.is_float() || src.is_none() || is_bigint(src))
    return vm.raise(t, vm.cls.TypeError, "can't extend bytearray with " + vm.type_name(src));
  if (is_type(src, ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "'str' object cannot be interpreted as an integer");
  std::string add;
  TRY(bytes_from(vm, t, src, true, &add));
  mutable_self(a)->b += add;
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(ba_insert) {
  if (a.n != 3) return vm.raise(t, vm.cls.TypeError, "insert expected 2 arguments, got " + std::to_string(a.n - 1));
  if (!a.args[1].is_intlike()) return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(a.args[1]) + "' object cannot be interpreted as an integer");
  unsigned char c;
  TRY(byte_value(vm, t, a.args[2], &c));
  std::string& s = mutable_self(a)->b;
  int64_t i = a.args[1].as_int(), n = int64_t(s.size());
  if (i < 0) i = std::max<int64_t>(0, i + n);
  s.insert(size_t(std::min(i, n)), 1, char(c));
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(ba_pop) {
  std::string& s = mutable_self(a)->b;
  int64_t i = -1;
  if (a.n > 2) return vm.raise(t, vm.cls.TypeError, "pop expected at most 1 argument, got " + std::to_string(a.n - 1));
  if (a.n == 2) {
    if (!a.args[1].is_intlike()) return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(a.args[1]) + "' object cannot be interpreted as an integer");
    i = a.args[1].as_int();
  }
  if (s.empty()) return vm.raise(t, vm.cls.IndexError, "pop from empty bytearray");
  if (i < 0) i += int64_t(s.size());
  if (i < 0 || i >= int64_t(s.size())) return vm.raise(t, vm.cls.IndexError, "pop index out of range");
  *out = Value::integer((unsigned char)s[size_t(i)]);
  s.erase(size_t(i), 1);
  return NativeStatus::Ok;
}
NATIVE(ba_remove) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "bytearray.remove() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  unsigned char c;
  TRY(byte_value(vm, t, a.args[1], &c));
  std::string& s = mutable_self(a)->b;
  size_t i = s.find(char(c));
  if (i == std::string::npos) return vm.raise(t, vm.cls.ValueError, "value not found in bytearray");
  s.erase(i, 1);
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(ba_clear) {
  TRY(no_args(vm, t, a, "clear"));
  mutable_self(a)->b.clear();
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(ba_reverse) {
  TRY(no_args(vm, t, a, "reverse"));
  std::reverse(mutable_self(a)->b.begin(), mutable_self(a)->b.end());
  *out = Value::none();
  return NativeStatus::Ok;
}
NATIVE(ba_copy) {
  TRY(no_args(vm, t, a, "copy"));
  *out = make_bytes(vm, B(a), true);
  return NativeStatus::Ok;
}

// x[key] = value and del x[key] (a.n == 2) for a bytearray: an int 0..255 at an index, or
// bytes / an iterable of ints for a slice (resizing it when its step is 1).
NATIVE(ba_setitem) {
  std::string& s = mutable_self(a)->b;
  const Value& key = a.args[1];
  bool del = a.n == 2;
  if (is_type(key, ObjType::Slice)) {
    int64_t st, sp, step;
    TRY(slice_indices(vm, t, as<SliceObj>(key), int64_t(s.size()), &st, &sp, &step));
    auto pos = slice_positions(st, sp, step);
    std::string src;
    if (!del) {
      const Value& v = a.args[2];
      if (v.is_intlike() || v.is_none() || v.is_float() || is_type(v, ObjType::Str))
        return vm.raise(t, vm.cls.TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
      TRY(bytes_from(vm, t, v, true, &src));
    }
    if (step == 1) {
      if (sp < st) sp = st;
      s.replace(size_t(st), size_t(sp - st), src);
    } else if (del) {
      std::vector<bool> kill(s.size(), false);
      for (int64_t p : pos) kill[size_t(p)] = true;
      std::string kept;
      for (size_t i = 0; i < s.size(); i++) if (!kill[i]) kept += s[i];
      s.swap(kept);
    } else {
      if (src.size() != pos.size())
        return vm.raise(t, vm.cls.ValueError, "attempt to assign bytes of size " + std::to_string(src.size()) + " to extended slice of size " + std::to_string(pos.size()));
      for (size_t i = 0; i < pos.size(); i++) s[size_t(pos[i])] = src[i];
    }
    *out = Value::none();
    return NativeStatus::Ok;
  }
  if (!key.is_intlike()) return vm.raise(t, vm.cls.TypeError, "bytearray indices must be integers or slices, not " + vm.type_name(key));
  int64_t i = key.as_int();
  if (i < 0) i += int64_t(s.size());
  if (i < 0 || i >= int64_t(s.size())) return vm.raise(t, vm.cls.IndexError, "bytearray index out of range");
  if (del) {
    s.erase(size_t(i), 1);
  } else {
    unsigned char c;
    TRY(byte_value(vm, t, a.args[2], &c));
    s[size_t(i)] = char(c);
  }
  *out = Value::none();
  return NativeStatus::Ok;
}

// The byteorder and signed arguments of int.to_bytes / int.from_bytes; *big for 'big'.
bool byteorder_args(VM& vm, Thread& t, CallArgs& a, int pos, const char* fname, bool* big, bool* is_signed) {
  *big = true;
  *is_signed = false;
  if (const Value* v = arg(a, pos, "byteorder")) {
    if (!is_type(*v, ObjType::Str)) {
      vm.raise(t, vm.cls.TypeError, std::string(fname) + "() argument 'byteorder' must be str, not " + vm.type_name(*v));
      return false;
    }
    const std::string& o = as<StrObj>(*v)->s;
    if (o != "big" && o != "little") { vm.raise(t, vm.cls.ValueError, "byteorder must be either 'little' or 'big'"); return false; }
    *big = o == "big";
  }
  if (a.kw) for (auto& [k, v] : *a.kw) if (as<StrObj>(k)->s == "signed" && !vm.truthy(t, v, is_signed)) return false;
  return true;
}

// int.to_bytes(length=1, byteorder='big', *, signed=False)
NATIVE(int_to_bytes) {
  const Value& v = a.args[0];
  int64_t length = 1;
  if (const Value* l = arg(a, 1, "length")) {
    if (!l->is_intlike()) return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(*l) + "' object cannot be interpreted as an integer");
    length = l->as_int();
  }
  bool big, is_signed;
  TRY(byteorder_args(vm, t, a, 2, "to_bytes", &big, &is_signed));
  if (length < 0) return vm.raise(t, vm.cls.ValueError, "length argument must be non-negative");
  bool neg = int_is_negative(v);
  if (neg && !is_signed) return vm.raise(t, vm.cls.OverflowError, "can't convert negative int to unsigned");
  // bits needed: of v, or of ~v for a negative v (two's complement), plus a sign bit
  uint64_t bits = neg ? int_bit_length(int_invert(vm.heap, v)) : int_bit_length(v);
  if (bits + (is_signed ? 1 : 0) > uint64_t(length) * 8) return vm.raise(t, vm.cls.OverflowError, "int too big to convert");
  TRY(fits(vm, t, double(length)));
  Value u = neg ? int_add(vm.heap, v, int_lshift(vm.heap, Value::integer(1), uint64_t(length) * 8)) : v;
  std::string hex = int_is_zero(u) ? "" : int_to_radix(u, 16);
  hex.insert(0, size_t(length) * 2 - hex.size(), '0');
  std::string r(size_t(length), '\0');
  for (size_t i = 0; i < r.size(); i++) r[i] = char(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  if (!big) std::reverse(r.begin(), r.end());
  *out = make_bytes(vm, std::move(r), false);
  return NativeStatus::Ok;
}

// int.from_bytes(bytes, byteorder='big', *, signed=False): a classmethod (args[0] is int).
NATIVE(int_from_bytes) {
  CallArgs rest{a.args + 1, a.n - 1, a.kw};
  const Value* src = arg(rest, 0, "bytes");
  if (!src) return vm.raise(t, vm.cls.TypeError, "from_bytes() missing required argument 'bytes' (pos 1)");
  bool big, is_signed;
  TRY(byteorder_args(vm, t, rest, 1, "from_bytes", &big, &is_signed));
  if (is_type(*src, ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "cannot convert 'str' object to bytes");
  std::string b;
  TRY(bytes_from(vm, t, *src, false, &b));
  if (!big) std::reverse(b.begin(), b.end());
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : b) { hex += digits[c >> 4]; hex += digits[c & 15]; }
  Value v = hex.empty() ? Value::integer(0) : int_from_digits(vm.heap, hex, 16, false);
  if (is_signed && !b.empty() && ((unsigned char)b[0] & 0x80))  // the top bit is the sign
    v = int_sub(vm.heap, v, int_lshift(vm.heap, Value::integer(1), uint64_t(b.size()) * 8));
  *out = v;
  return NativeStatus::Ok;
}

// str.encode(encoding='utf-8', errors='strict')
NATIVE(s_encode) {
  Codec c;
  std::string errors, b;
  TRY(codec_args(vm, t, a, 1, "encode", &c, &errors));
  TRY(encode(vm, t, a.args[0], c, errors, &b));
  *out = make_bytes(vm, std::move(b), false);
  return NativeStatus::Ok;
}

}  // namespace

// [SECTION] operators
bool bytes_contains(VM& vm, Thread& t, const BytesObj* b, const Value& x, bool* out) {
  if (const std::string* sub = bytes_like(x)) { *out = b->b.find(*sub) != std::string::npos; return true; }
  if (!x.is_intlike() && !is_bigint(x)) {
    vm.raise(t, vm.cls.TypeError, "a bytes-like object is required, not '" + vm.type_name(x) + "'");
    return false;
  }
  unsigned char c;
  if (!byte_value(vm, t, x, &c)) return false;
  *out = b->b.find(char(c)) != std::string::npos;
  return true;
}

bool bytes_subscript(VM& vm, Thread& t, const Value& obj, const Value& key, Value* out) {
  const BytesObj* b = as<BytesObj>(obj);
  int64_t n = int64_t(b->b.size());
  if (is_type(key, ObjType::Slice)) {
    int64_t st, sp, step;
    if (!slice_indices(vm, t, as<SliceObj>(key), n, &st, &sp, &step)) return false;
    std::string r;
    if (step == 1) r = sp > st ? b->b.substr(size_t(st), size_t(sp - st)) : "";
    else for (int64_t p : slice_positions(st, sp, step)) r += b->b[size_t(p)];
    *out = make_bytes(vm, std::move(r), b->mut);
    return true;
  }
  if (!key.is_intlike()) {
    vm.raise(t, vm.cls.TypeError, std::string(b->mut ? "bytearray" : "byte") + " indices must be integers or slices, not " + vm.type_name(key));
    return false;
  }
  int64_t i = key.as_int();
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    vm.raise(t, vm.cls.IndexError, b->mut ? "bytearray index out of range" : "index out of range");
    return false;
  }
  *out = Value::integer((unsigned char)b->b[size_t(i)]);
  return true;
}

namespace {

// ascii(v): repr with every non-ASCII code point escaped, as bytes.
bool ascii_repr(VM& vm, Thread& t, const Value& v, std::string* out) {
  std::string r;
  if (!vm.repr(t, v, &r)) return false;
  for (size_t i = 0; i < r.size();) {
    char32_t cp = text::utf8_next(r, i);
    if (cp < 0x80) { *out += char(cp); continue; }
    char buf[16];
    std::snprintf(buf, sizeof buf, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x", unsigned(cp));
    *out += buf;
  }
  return true;
}

// One %s/%b/%r/%a/%c conversion of bytes formatting into *piece (before width/precision).
bool bytes_conversion(VM& vm, Thread& t, char conv, const Value& v, std::string* piece) {
  if (conv == 'r' || conv == 'a') return ascii_repr(vm, t, v, piece);
  if (conv == 'c') {
    if (const std::string* b = bytes_like(v); b && b->size() == 1) { *piece = *b; return true; }
    if (v.is_intlike()) {
      if (v.as_int() < 0 || v.as_int() > 255) { vm.raise(t, vm.cls.OverflowError, "%c arg not in range(256)"); return false; }
      *piece = std::string(1, char(v.as_int()));
      return true;
    }
    vm.raise(t, vm.cls.TypeError, "%c requires an integer in range(256) or a single byte");
    return false;
  }
  if (const std::string* b = bytes_like(v)) { *piece = *b; return true; }
  if (is_type(v, ObjType::Instance)) {
    Value m;
    if (vm.find_class_attr(as<InstanceObj>(v)->cls, vm.heap.intern("__bytes__"), &m)) return bytes_from(vm, t, v, false, piece);
  }
  vm.raise(t, vm.cls.TypeError, "%b requires a bytes-like object, or an object that implements __bytes__, not '" + vm.type_name(v) + "'");
  return false;
}

}  // namespace

// fmt % args for bytes: CPython's bytes formatting. Numbers (d i u o x X e E f F g G) go
// through the str formatter; %s/%b take bytes-like values, %r/%a the ASCII repr, %c an int
// or one byte; %(key)s reads a mapping.
static bool bytes_percent(VM& vm, Thread& t, const BytesObj* fmt, const Value& args, Value* out) {
  const std::string& f = fmt->b;
  bool tuple = is_type(args, ObjType::Tuple);
  bool mapping = !tuple && (is_type(args, ObjType::Dict) || is_type(args, ObjType::Instance));
  std::vector<Value> items = tuple ? as<TupleObj>(args)->items : std::vector<Value>{args};
  size_t next = 0;
  auto next_arg = [&](Value* v) {
    if (next < items.size()) { *v = items[next++]; return true; }
    vm.raise(t, vm.cls.TypeError, "not enough arguments for format string");
    return false;
  };
  std::string r;
  for (size_t i = 0; i < f.size(); i++) {
    if (f[i] != '%') { r += f[i]; continue; }
    size_t at = i;
    auto incomplete = [&] { vm.raise(t, vm.cls.ValueError, "incomplete format"); return false; };
    if (++i >= f.size()) return incomplete();
    Value v;
    bool have = false;
    if (f[i] == '(') {
      if (!mapping) { vm.raise(t, vm.cls.TypeError, "format requires a mapping"); return false; }
      size_t depth = 1, k = ++i;
      while (i < f.size() && depth) { if (f[i] == '(') depth++; else if (f[i] == ')') depth--; i++; }
      if (depth) { vm.raise(t, vm.cls.ValueError, "incomplete format key"); return false; }
      if (!vm.subscript(t, args, make_bytes(vm, f.substr(k, i - 1 - k), false), &v)) return false;
      have = true;
    }
    std::string flags, width, prec;
    while (i < f.size() && std::strchr("-+ #0", f[i])) flags += f[i++];
    auto number = [&](std::string* dst) {
      if (i < f.size() && f[i] == '*') {
        Value n;
        if (!next_arg(&n)) return false;
        if (!n.is_intlike()) { vm.raise(t, vm.cls.TypeError, "* wants int"); return false; }
        *dst = std::to_string(n.as_int());
        i++;
        return true;
      }
      while (i < f.size() && std::isdigit((unsigned char)f[i])) *dst += f[i++];
      return true;
    };
    if (!number(&width)) return false;
    if (i < f.size() && f[i] == '.') { i++; prec = "0"; if (!number(&prec)) return false; }
    while (i < f.size() && std::strchr("hlL", f[i])) i++;
    if (i >= f.size()) return incomplete();
    char conv = f[i];
    if (conv == '%') { r += '%'; continue; }
    if (!have && !next_arg(&v)) return false;
    std::string piece;
    if (std::strchr("sbrac", conv)) {
      if (!bytes_conversion(vm, t, conv, v, &piece)) return false;
      if (conv != 'c' && !prec.empty()) piece = piece.substr(0, size_t(std::stoll(prec)));
      size_t w = width.empty() ? 0 : size_t(std::stoll(width));
      if (piece.size() < w) {
        std::string padded;
        WorkMeter wm(&vm);
        const bool left = flags.find('-') != std::string::npos;
        if (left) padded = piece;
        if (!text::append_fill(padded, U' ', (long long)(w - piece.size()), &wm)) { vm.raise_stopped(t); return false; }
        piece = left ? std::move(padded) : std::move(padded) + piece;
      }
    } else if (std::strchr("diuoxXeEfFgG", conv)) {
      Value res;
      std::string spec = "%" + flags + width + (prec.empty() ? "" : "." + prec) + conv;
      if (!percent_format(vm, t, spec, Value::object(vm.new_tuple({v})), &res)) return false;
      piece = as<StrObj>(res)->s;  // ASCII
    } else {
      char buf[96];
      std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", (unsigned char)conv < 0x80 ? conv : '?', (unsigned char)conv, i);
      vm.raise(t, vm.cls.ValueError, buf);
      return false;
    }
    (void)at;
    r += piece;
  }
  if (!mapping && next < items.size()) {
    vm.raise(t, vm.cls.TypeError, "not all arguments converted during bytes formatting");
    return false;
  }
  *out = make_bytes(vm, std::move(r), fmt->mut);
  return true;
}

bool bytes_binary_op(VM& vm, Thread& t, int op, const Value& a, const Value& b, Value* out, bool inplace, bool* handled) {
  *handled = true;
  BytesObj* x = is_type(a, ObjType::Bytes) ? as<BytesObj>(a) : nullptr;
  if (op == B_ADD && x) {
    const std::string* y = bytes_like(b);
    if (!y) {
      if (is_type(b, ObjType::Instance)) { *handled = false; return false; }  // its __radd__ may apply
      vm.raise(t, vm.cls.TypeError, "can't concat " + vm.type_name(b) + " to " + vm.type_name(a));
      return false;
    }
    if (!fits(vm, t, double(x->b.size()) + double(y->size()))) return false;
    if (inplace && x->mut) {
      std::string add = *y;  // y may be x itself
      x->b += add;
      *out = a;
      return true;
    }
    *out = make_bytes(vm, x->b + *y, x->mut);
    return true;
  }
  if (op == B_MUL) {
    const Value& seq = x ? a : b;
    const Value& count = x ? b : a;
    if (!is_type(seq, ObjType::Bytes)) { *handled = false; return false; }
    if (is_bigint(count)) { vm.raise(t, vm.cls.OverflowError, "cannot fit 'int' into an index-sized integer"); return false; }
    if (!count.is_intlike()) {
      if (is_type(count, ObjType::Instance)) { *handled = false; return false; }
      vm.raise(t, vm.cls.TypeError, "can't multiply sequence by non-int of type '" + vm.type_name(count) + "'");
      return false;
    }
    BytesObj* s = as<BytesObj>(seq);
    int64_t k = std::max<int64_t>(0, count.as_int());
    if (!s->b.empty() && !fits(vm, t, double(s->b.size()) * double(k))) return false;
    std::string r;
    WorkMeter wm(&vm);
    if (!repeat_into(wm, s->b, size_t(k), r)) { vm.raise_stopped(t); return false; }
    if (inplace && s->mut && x) { s->b = std::move(r); *out = a; return true; }
    *out = make_bytes(vm, std::move(r), s->mut);
    return true;
  }
  if (op == B_MOD && x) return bytes_percent(vm, t, x, b, out);
  *handled = false;
  return false;
}

bool unicode_error_text(VM& vm, Thread& t, const Value& exc, std::string* out) {
  bool dec = vm.isinstance(exc, vm.cls.UnicodeDecodeError);
  if (!dec && !vm.isinstance(exc, vm.cls.UnicodeEncodeError)) return false;
  auto* e = as<InstanceObj>(exc);
  if (e->args.empty() || as<TupleObj>(e->args)->items.size() != 5) return false;
  auto& v = as<TupleObj>(e->args)->items;
  if (!is_type(v[0], ObjType::Str) || !v[2].is_intlike() || !v[3].is_intlike() || !is_type(v[4], ObjType::Str)) return false;
  const std::string& enc = as<StrObj>(v[0])->s;
  const std::string& reason = as<StrObj>(v[4])->s;
  int64_t start = v[2].as_int(), end = v[3].as_int();
  char buf[160];
  if (dec) {
    const std::string* b = bytes_like(v[1]);
    if (!b) return false;
    if (end == start + 1 && start >= 0 && start < int64_t(b->size()))
      std::snprintf(buf, sizeof buf, "can't decode byte 0x%02x in position %lld", (unsigned char)(*b)[size_t(start)], (long long)start);
    else
      std::snprintf(buf, sizeof buf, "can't decode bytes in position %lld-%lld", (long long)start, (long long)end - 1);
  } else {
    if (!is_type(v[1], ObjType::Str)) return false;
    const std::string& s = as<StrObj>(v[1])->s;
    if (end == start + 1 && start >= 0 && start < as<StrObj>(v[1])->cp_len) {
      size_t i = text::utf8_offset(s, size_t(start));
      char32_t cp = text::utf8_next(s, i);
      char ch[16];
      std::snprintf(ch, sizeof ch, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x", unsigned(cp));
      std::snprintf(buf, sizeof buf, "can't encode character '%s' in position %lld", ch, (long long)start);
    } else {
      std::snprintf(buf, sizeof buf, "can't encode characters in position %lld-%lld", (long long)start, (long long)end - 1);
    }
  }
  (void)t;
  *out = "'" + enc + "' codec " + buf + ": " + reason;
  return true;
}

NativeStatus str_from_bytes(VM& vm, Thread& t, CallArgs& a, Value* out) {
  CallArgs rest{a.args + 1, a.n - 1, a.kw};
  const Value* obj = arg(rest, 0, "object");
  if (!obj) return vm.raise(t, vm.cls.TypeError, "str() argument 'encoding' requires an object");
  if (is_type(*obj, ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "decoding str is not supported");
  const std::string* b = bytes_like(*obj);
  if (!b) return vm.raise(t, vm.cls.TypeError, "decoding to str: need a bytes-like object, " + vm.type_name(*obj) + " found");
  Codec c;
  std::string errors, s;
  TRY(codec_args(vm, t, rest, 1, "str", &c, &errors));
  TRY(decode(vm, t, *b, *obj, c, errors, &s));
  *out = vm.str(std::move(s));
  return NativeStatus::Ok;
}

bool decode_utf8(VM& vm, Thread& t, const std::string& b, std::string* out) {
  return decode(vm, t, b, make_bytes(vm, b, false), Codec::Utf8, "strict", out);
}

// Standard input arrives as bytes: decoded here, strictly, as sys.stdin decodes UTF-8.
bool VM::next_input_line(Thread& t, std::string* line, bool* got) {
  std::string raw;
  *got = config_.read_line && config_.read_line(raw);
  line->clear();
  return !*got || decode_utf8(*this, t, raw, line);
}

// [SECTION] installation
namespace {
// A method of bytes (kMutable: of bytearray only) refusing any other receiver, as an
// unbound call like bytes.hex('x') may pass one.
template <NativeFn F, bool kMutable>
NativeStatus checked(VM& vm, Thread& t, CallArgs& a, Value* out) {
  if (a.n < 1 || !is_type(a.args[0], ObjType::Bytes) || (kMutable && !as<BytesObj>(a.args[0])->mut))
    return vm.raise(t, vm.cls.TypeError, std::string("descriptor requires a '") + (kMutable ? "bytearray" : "bytes") +
                                             "' object but received a '" + (a.n ? vm.type_name(a.args[0]) : "nothing") + "'");
  return F(vm, t, a, out);
}
}  // namespace

void install_bytes(VM& vm) {
  auto& C = vm.cls;
  C.bytes = vm.new_class("bytes", C.object, true);
  C.bytearray = vm.new_class("bytearray", C.object, true);
  C.UnicodeDecodeError = vm.new_class("UnicodeDecodeError", C.UnicodeError, true);
  C.UnicodeEncodeError = vm.new_class("UnicodeEncodeError", C.UnicodeError, true);
  for (ClassObj* c : {C.bytes, C.bytearray, C.UnicodeDecodeError, C.UnicodeEncodeError})
    vm.builtins->set(vm.intern(c->name), Value::object(c));
  vm.method(C.bytes, "__new__", new_bytes);
  vm.method(C.bytearray, "__new__", new_bytearray);
  struct { const char* n; NativeFn f; } both[] = {
      {"decode", checked<b_decode, false>}, {"hex", checked<b_hex, false>}, {"join", checked<b_join, false>}, {"split", checked<b_split, false>},
      {"rsplit", checked<b_rsplit, false>}, {"splitlines", checked<b_splitlines, false>}, {"strip", checked<b_strip, false>}, {"lstrip", checked<b_lstrip, false>},
      {"rstrip", checked<b_rstrip, false>}, {"replace", checked<b_replace, false>}, {"find", checked<b_find, false>}, {"rfind", checked<b_rfind, false>}, {"index", checked<b_index, false>},
      {"rindex", checked<b_rindex, false>}, {"count", checked<b_count, false>}, {"startswith", checked<b_startswith, false>}, {"endswith", checked<b_endswith, false>},
      {"partition", checked<b_partition, false>}, {"rpartition", checked<b_rpartition, false>}, {"removeprefix", checked<b_removeprefix, false>},
      {"removesuffix", checked<b_removesuffix, false>}, {"upper", checked<b_upper, false>}, {"lower", checked<b_lower, false>}, {"swapcase", checked<b_swapcase, false>},
      {"isdigit", checked<b_isdigit, false>}, {"isalpha", checked<b_isalpha, false>}, {"isalnum", checked<b_isalnum, false>}, {"isspace", checked<b_isspace, false>},
      {"isascii", checked<b_isascii, false>}, {"isupper", checked<b_isupper, false>}, {"islower", checked<b_islower, false>}};
  for (auto& e : both) { vm.method(C.bytes, e.n, e.f); vm.method(C.bytearray, e.n, e.f); }
  struct { const char* n; NativeFn f; } mut[] = {
      {"append", checked<ba_append, true>}, {"extend", checked<ba_extend, true>}, {"insert", checked<ba_insert, true>}, {"pop", checked<ba_pop, true>}, {"remove", checked<ba_remove, true>},
      {"clear", checked<ba_clear, true>}, {"reverse", checked<ba_reverse, true>}, {"copy", checked<ba_copy, true>}, {"__setitem__", checked<ba_setitem, true>},
      {"__delitem__", checked<ba_setitem, true>}};
  for (auto& e : mut) vm.method(C.bytearray, e.n, e.f);
  for (ClassObj* c : {C.bytes, C.bytearray}) {  // a classmethod: bytes.fromhex(...) gets the class
    auto* cm = vm.heap.alloc<InstanceObj>();
    cm->cls = C.classmethod;
    cm->dict = vm.new_dict();
    cm->dict->set(vm.intern("__func__"), Value::object(vm.native("fromhex", b_fromhex)));
    c->dict->set(vm.intern("fromhex"), Value::object(cm));
  }
  vm.method(C.str, "encode", s_encode);
  vm.method(C.int_, "to_bytes", int_to_bytes);
  auto* fb = vm.heap.alloc<InstanceObj>();  // int.from_bytes: a classmethod too
  fb->cls = C.classmethod;
  fb->dict = vm.new_dict();
  fb->dict->set(vm.intern("__func__"), Value::object(vm.native("from_bytes", int_from_bytes)));
  C.int_->dict->set(vm.intern("from_bytes"), Value::object(fb));
}

}  // namespace interleave::py
