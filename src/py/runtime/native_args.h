// py/runtime/native_args.h - argument binding for the runtime's natives, with CPython's
// error messages: positional and keyword arguments matched to a signature, and the
// conversions the primitives need (timeouts, flags, counts).
#pragma once
#include <initializer_list>
#include <optional>
#include <string>

#include "py/native_fn.h"
#include "py/vm.h"

// Argument binding into a local `av` (methods: args[0] is self; module functions: BIND_FN).
#define BIND(fname, required, ...)                                        \
  Value av[8];                                                            \
  if (!bind_args(vm, t, a, fname, {__VA_ARGS__}, required, av)) return NativeStatus::Error
#define BIND_FN(fname, required, ...)                                     \
  Value av[8];                                                            \
  if (!bind_args(vm, t, a, fname, {__VA_ARGS__}, required, av, 0)) return NativeStatus::Error

namespace interleave::py {

// Binds a call's arguments to `names` (after `skip` leading positionals, e.g. self).
// out[i] = the value for names[i], or Empty when not given. The first `required` names
// must be given. False with TypeError raised on a mismatch.
inline bool bind_args(VM& vm, Thread& t, const CallArgs& a, const char* fname,
                      std::initializer_list<const char*> names, int required, Value* out, int skip = 1) {
  const int n = static_cast<int>(names.size());
  for (int i = 0; i < n; i++) out[i] = Value();
  const int given = a.n - skip;
  if (given > n) {
    vm.raise(t, vm.cls.TypeError, std::string(fname) + "() takes at most " + std::to_string(n) +
                                      " argument" + (n == 1 ? "" : "s") + " (" + std::to_string(given) + " given)");
    return false;
  }
  for (int i = 0; i < given; i++) out[i] = a.args[skip + i];
  if (a.kw) {
    for (auto& [k, v] : *a.kw) {
      const std::string& key = static_cast<StrObj*>(k.o)->s;
      int idx = 0;
      for (const char* nm : names) {
        if (key == nm) break;
        idx++;
      }
      if (idx == n) {
        vm.raise(t, vm.cls.TypeError, std::string(fname) + "() got an unexpected keyword argument '" + key + "'");
        return false;
      }
      if (!out[idx].empty()) {
        vm.raise(t, vm.cls.TypeError, std::string(fname) + "() got multiple values for argument '" + key + "'");
        return false;
      }
      out[idx] = v;
    }
  }
  int idx = 0;
  for (const char* nm : names) {
    if (idx < required && out[idx].empty()) {
      vm.raise(t, vm.cls.TypeError, std::string(fname) + "() missing required argument '" + nm + "'");
      return false;
    }
    idx++;
  }
  return true;
}

// A number (int, bool or float) as a double; TypeError naming `what` otherwise.
inline bool arg_number(VM& vm, Thread& t, const Value& v, const char* what, double* out) {
  if (v.is_intlike()) { *out = static_cast<double>(v.as_int()); return true; }
  if (v.is_float()) { *out = v.f; return true; }
  vm.raise(t, vm.cls.TypeError, std::string(what) + " must be a number, not '" + vm.type_name(v) + "'");
  return false;
}

// A timeout that may be None (or absent): nullopt. Numbers as seconds.
inline bool arg_timeout(VM& vm, Thread& t, const Value& v, std::optional<double>* out) {
  *out = std::nullopt;
  if (v.empty() || v.is_none()) return true;
  double d;
  if (!arg_number(vm, t, v, "timeout", &d)) return false;
  *out = d;
  return true;
}

// Python truth of an optional argument (absent: `dflt`).
inline bool arg_flag(VM& vm, Thread& t, const Value& v, bool dflt, bool* out) {
  if (v.empty()) { *out = dflt; return true; }
  return vm.truthy(t, v, out);
}

// An int argument (absent: `dflt`); TypeError for other types.
inline bool arg_int(VM& vm, Thread& t, const Value& v, int64_t dflt, const char* what, int64_t* out) {
  if (v.empty()) { *out = dflt; return true; }
  if (v.is_intlike()) { *out = v.as_int(); return true; }
  vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(v) + "' object cannot be interpreted as an integer (" + what + ")");
  return false;
}

}  // namespace interleave::py
