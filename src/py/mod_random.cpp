// _random: CPython's generator object (MT19937 with its seeding, random(), getrandbits(),
// getstate()/setstate()) for random.py (runtime/lib/random.py), which writes the
// distributions in Python as CPython's Lib/random.py does.
#include <array>
#include <cmath>
#include <random>
#include <string>

#include "py/bigint.h"
#include "py/mersenne.h"
#include "py/sha512.h"
#include "py/vm.h"
#include "py/native_fn.h"

namespace interleave::py {

namespace {


struct GeneratorState : OwnedState {
  Mt19937 mt;
};

// The 32-bit words of |v| for an int, least significant first; [0] for 0 (CPython's key).
std::vector<uint32_t> abs_words(const Value& v) {
  std::vector<uint32_t> key;
  if (v.is_intlike()) {
    int64_t i = v.as_int();
    uint64_t m = i < 0 ? uint64_t(0) - uint64_t(i) : uint64_t(i);
    key.push_back(uint32_t(m));
    if (m >> 32) key.push_back(uint32_t(m >> 32));
    return key;
  }
  std::string hex = int_to_radix(v, 16);  // the magnitude, most significant digit first
  for (size_t end = hex.size(); end > 0;) {
    size_t begin = end >= 8 ? end - 8 : 0;
    key.push_back(uint32_t(std::stoul(hex.substr(begin, end - begin), nullptr, 16)));
    end = begin;
  }
  return key;
}

// The int whose little-endian 32-bit words are `words`.
Value int_from_words(VM& vm, const std::vector<uint32_t>& words) {
  if (words.size() <= 1) return Value::integer(words.empty() ? 0 : int64_t(words[0]));
  if (words.size() == 2 && words[1] < 0x80000000U) return Value::integer(int64_t(words[1]) << 32 | words[0]);
  std::string hex;
  hex.reserve(words.size() * 8);
  static const char kDigits[] = "0123456789abcdef";
  for (size_t i = words.size(); i-- > 0;)
    for (int shift = 28; shift >= 0; shift -= 4) hex += kDigits[(words[i] >> shift) & 15];
  return int_from_digits(vm.heap, hex, 16, false);
}

// Seeds as CPython's random_seed_urandom (624 words of entropy) in free mode; otherwise from
// the VM's seed and the number of such seedings, so a det run repeats itself.
void seed_unseeded(VM& vm, Mt19937& mt) {
  std::vector<uint32_t> key;
  if (vm.config().random_entropy) {
    try {
      std::random_device device;
      for (int i = 0; i < Mt19937::kN; i++) key.push_back(device());
    } catch (const std::exception&) {
      key.clear();  // no entropy source: fall back to the derived seed below
    }
  }
  if (key.empty()) {
    uint64_t n = vm.random_seedings++;
    key = {uint32_t(vm.config().random_seed), uint32_t(vm.config().random_seed >> 32), uint32_t(n), uint32_t(n >> 32)};
  }
  mt.seed_by_array(key.data(), key.size());
}

ClassObj* generator_class(VM& vm) {
  auto m = vm.modules.find("_random");
  if (m == vm.modules.end()) return nullptr;
  Value* c = m->second->dict->find(vm.intern("Random"));
  return c && is_type(*c, ObjType::Class) ? as<ClassObj>(*c) : nullptr;
}

// The generator inside `self` (args[0]), made (unseeded) on first use: Python subclasses'
// __init__ does not call the native one. Null with TypeError for other objects.
Mt19937* generator(VM& vm, Thread& t, const CallArgs& a, const char* method) {
  if (a.n >= 1 && is_type(a.args[0], ObjType::Instance)) {
    auto* inst = as<InstanceObj>(a.args[0]);
    if (auto* s = dynamic_cast<GeneratorState*>(inst->owned.get())) return &s->mt;
    ClassObj* c = generator_class(vm);
    if (c && vm.isinstance(a.args[0], c) && !inst->owned) {
      auto state = std::make_unique<GeneratorState>();
      seed_unseeded(vm, state->mt);
      Mt19937* mt = &state->mt;
      inst->owned = std::move(state);
      return mt;
    }
  }
  if (a.n < 1) vm.raise(t, vm.cls.TypeError, std::string("unbound method ") + method + "() needs an argument");
  else vm.raise(t, vm.cls.TypeError, std::string("descriptor '") + method + "' for '_random.Random' objects doesn't apply to a '" +
                                         vm.type_name(a.args[0]) + "' object");
  return nullptr;
}

bool no_keywords(VM& vm, Thread& t, const CallArgs& a, const char* fname) {
  if (!a.kw || a.kw->empty()) return true;
  vm.raise(t, vm.cls.TypeError, std::string(fname) + " takes no keyword arguments");
  return false;
}

// Seeds `mt` from `arg` as CPython's random_seed: None -> unseeded; an int -> its absolute
// value's words; anything else -> its hash as an unsigned 64-bit number.
bool seed_from(VM& vm, Thread& t, Mt19937& mt, const Value& arg) {
  if (arg.empty() || arg.is_none()) {
    seed_unseeded(vm, mt);
    return true;
  }
  std::vector<uint32_t> key;
  if (arg.is_intlike() || is_bigint(arg)) {
    key = abs_words(arg);
  } else {
    // 64 bits as CPython's Py_hash_t, also where size_t has 32 (wasm).
    uint64_t u = 0;
    if (arg.is_float() && !std::isnan(arg.f)) {
      u = uint64_t(number_hash(arg));
    } else {
      size_t h = 0;
      if (!vm.hash(t, arg, &h)) return false;
      u = uint64_t(h);
    }
    key = abs_words(Value::integer(0));
    key[0] = uint32_t(u);
    if (u >> 32) key.push_back(uint32_t(u >> 32));
  }
  mt.seed_by_array(key.data(), key.size());
  return true;
}

NATIVE(gen_init) {
  if (!no_keywords(vm, t, a, "Random()")) return NativeStatus::Error;
  if (a.n > 2) return vm.raise(t, vm.cls.TypeError, "Random() requires 0 or 1 argument");
  Mt19937* mt = generator(vm, t, a, "__init__");
  TRY(mt);
  TRY(seed_from(vm, t, *mt, a.n == 2 ? a.args[1] : Value()));
  *out = Value::none();
  return NativeStatus::Ok;
}

NATIVE(gen_seed) {
  if (!no_keywords(vm, t, a, "seed()")) return NativeStatus::Error;
  if (a.n > 2) return vm.raise(t, vm.cls.TypeError, "seed expected at most 1 argument, got " + std::to_string(a.n - 1));
  Mt19937* mt = generator(vm, t, a, "seed");
  TRY(mt);
  TRY(seed_from(vm, t, *mt, a.n == 2 ? a.args[1] : Value()));
  *out = Value::none();
  return NativeStatus::Ok;
}

NATIVE(gen_random) {
  if (a.n > 1) return vm.raise(t, vm.cls.TypeError, "Random.random() takes no arguments (" + std::to_string(a.n - 1) + " given)");
  Mt19937* mt = generator(vm, t, a, "random");
  TRY(mt);
  *out = Value::floating(mt->next_double());
  return NativeStatus::Ok;
}

NATIVE(gen_getrandbits) {
  if (!no_keywords(vm, t, a, "Random.getrandbits()")) return NativeStatus::Error;
  if (a.n != 2)
    return vm.raise(t, vm.cls.TypeError, "Random.getrandbits() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  Mt19937* mt = generator(vm, t, a, "getrandbits");
  TRY(mt);
  const Value& k = a.args[1];
  if (is_bigint(k) || (k.is_intlike() && (k.as_int() > INT32_MAX || k.as_int() < INT32_MIN)))
    return vm.raise(t, vm.cls.OverflowError, "Python int too large to convert to C int");
  if (!k.is_intlike())
    return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(k) + "' object cannot be interpreted as an integer");
  if (k.as_int() < 0) return vm.raise(t, vm.cls.ValueError, "number of bits must be non-negative");
  if (double(k.as_int()) / 8 > double(vm.limits().max_memory_bytes)) return vm.raise(t, vm.cls.MemoryError, "");
  *out = int_from_words(vm, mt->bits(uint64_t(k.as_int())));
  return NativeStatus::Ok;
}

// _randbelow_native(n): Random._randbelow_with_getrandbits in one call - k = n.bit_length()
// bits drawn until they are below n (n > 0), the same draws as the Python method.
NATIVE(gen_randbelow) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "_randbelow_native() takes exactly one argument");
  Mt19937* mt = generator(vm, t, a, "_randbelow_native");
  TRY(mt);
  const Value& n = a.args[1];
  if (!(n.is_intlike() || is_bigint(n)) || int_is_negative(n) || int_is_zero(n))
    return vm.raise(t, vm.cls.ValueError, "_randbelow_native() needs an int > 0");
  uint64_t k = int_bit_length(n);
  if (k <= 63) {
    uint64_t below = uint64_t(n.as_int()), r;
    do {  // bits(k) without the vector: the low word first, the high one shifted down
      if (k <= 32) {
        r = mt->next32() >> (32 - k);
      } else {
        uint64_t low = mt->next32();
        r = uint64_t(mt->next32() >> (64 - k)) << 32 | low;
      }
    } while (r >= below);
    *out = Value::integer(int64_t(r));
    return NativeStatus::Ok;
  }
  if (double(k) / 8 > double(vm.limits().max_memory_bytes)) return vm.raise(t, vm.cls.MemoryError, "");
  Value r;
  do r = int_from_words(vm, mt->bits(k)); while (int_cmp(r, n) >= 0);
  *out = r;
  return NativeStatus::Ok;
}

NATIVE(gen_getstate) {
  if (a.n > 1) return vm.raise(t, vm.cls.TypeError, "Random.getstate() takes no arguments (" + std::to_string(a.n - 1) + " given)");
  Mt19937* mt = generator(vm, t, a, "getstate");
  TRY(mt);
  std::vector<Value> items;
  items.reserve(Mt19937::kN + 1);
  for (int i = 0; i < Mt19937::kN; i++) items.push_back(Value::integer(mt->words()[i]));
  items.push_back(Value::integer(mt->position()));
  *out = Value::object(vm.new_tuple(std::move(items)));
  return NativeStatus::Ok;
}

// One state word as PyLong_AsUnsignedLong reads it (then truncated to 32 bits).
bool state_word(VM& vm, Thread& t, const Value& v, uint32_t* out) {
  if (!v.is_intlike() && !is_bigint(v)) { vm.raise(t, vm.cls.TypeError, "an integer is required"); return false; }
  if (int_is_negative(v)) { vm.raise(t, vm.cls.OverflowError, "can't convert negative value to unsigned int"); return false; }
  if (int_bit_length(v) > 64) { vm.raise(t, vm.cls.OverflowError, "Python int too large to convert to C unsigned long"); return false; }
  *out = abs_words(v)[0];
  return true;
}

NATIVE(gen_setstate) {
  if (a.n != 2) return vm.raise(t, vm.cls.TypeError, "Random.setstate() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  Mt19937* mt = generator(vm, t, a, "setstate");
  TRY(mt);
  if (!is_type(a.args[1], ObjType::Tuple)) return vm.raise(t, vm.cls.TypeError, "state vector must be a tuple");
  auto& items = as<TupleObj>(a.args[1])->items;
  if (items.size() != size_t(Mt19937::kN + 1)) return vm.raise(t, vm.cls.ValueError, "state vector is the wrong size");
  uint32_t words[Mt19937::kN];
  for (int i = 0; i < Mt19937::kN; i++) TRY(state_word(vm, t, items[size_t(i)], &words[i]));
  const Value& pos = items.back();
  if (is_bigint(pos)) return vm.raise(t, vm.cls.OverflowError, "Python int too large to convert to C long");
  if (!pos.is_intlike())
    return vm.raise(t, vm.cls.TypeError, "'" + vm.type_name(pos) + "' object cannot be interpreted as an integer");
  if (pos.as_int() < 0 || pos.as_int() > Mt19937::kN) return vm.raise(t, vm.cls.ValueError, "invalid state");
  mt->set_state(words, int(pos.as_int()));
  *out = Value::none();
  return NativeStatus::Ok;
}

// _random.text_seed(s): int.from_bytes(b + sha512(b).digest()) for b = s encoded as UTF-8,
// the int that random.seed(s) (version 2) seeds with.
NATIVE(text_seed) {
  if (a.n != 1 || !is_type(a.args[0], ObjType::Str)) return vm.raise(t, vm.cls.TypeError, "text_seed() needs a str");
  const std::string& s = as<StrObj>(a.args[0])->s;
  std::array<uint8_t, 64> digest = sha512(s);
  std::string hex;
  static const char kDigits[] = "0123456789abcdef";
  auto put = [&](uint8_t b) { hex += kDigits[b >> 4]; hex += kDigits[b & 15]; };
  for (unsigned char c : s) put(c);
  for (uint8_t b : digest) put(b);
  *out = int_from_digits(vm.heap, hex, 16, false);
  return NativeStatus::Ok;
}

}  // namespace

void install_random_module(VM& vm) {
  ModuleObj* m = new_module(vm, "_random");
  ClassObj* c = vm.new_class("Random", vm.cls.object, false);
  c->dict->set(vm.intern("__module__"), vm.str("_random"));
  vm.method(c, "__init__", gen_init);
  vm.method(c, "seed", gen_seed);
  vm.method(c, "random", gen_random);
  vm.method(c, "getrandbits", gen_getrandbits);
  vm.method(c, "getstate", gen_getstate);
  vm.method(c, "_randbelow_native", gen_randbelow);
  vm.method(c, "setstate", gen_setstate);
  m->dict->set(vm.intern("Random"), Value::object(c));
  def_native(vm, m, "text_seed", text_seed);
}

}  // namespace interleave::py
