// Heap objects of one interpreter State. Every object is linked into its State's
// intrusive list (Obj::gc_next) so the collector can sweep unreachable ones (cycles
// included) and the State's destructor can free everything it ever allocated.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "py/value.h"

namespace interleave::py {

enum class ObjType : uint8_t {
  Str, BigInt, List, Tuple, Dict, Set, Function, Code, Class, Instance, BoundMethod,
  Native, Generator, Range, Iterator, Cell, Module, Slice, File, Bytes
};

struct Obj {
  Obj* gc_next = nullptr;
  ObjType type;
  bool marked = false;
  uint8_t size_class = 0;  // the Heap's pool the memory came from (0 = operator new)
  explicit Obj(ObjType t) : type(t) {}
  virtual ~Obj() = default;
};

struct ClassObj;

struct StrObj : Obj {
  std::string s;        // UTF-8
  mutable uint64_t hash_cache = 0;
  mutable bool hashed = false;
  bool ascii = true;    // all bytes < 0x80: code-point index == byte index
  int64_t cp_len = 0;   // length in code points
  explicit StrObj(std::string v);
};

// bytes (immutable, hashable) and bytearray (mutable): one object type, raw bytes.
struct BytesObj : Obj {
  std::string b;                 // the bytes, any values 0..255
  bool mut = false;              // a bytearray
  mutable uint64_t hash_cache = 0;
  mutable bool hashed = false;   // bytes only: a bytearray is unhashable
  BytesObj(std::string v, bool is_bytearray) : Obj(ObjType::Bytes), b(std::move(v)), mut(is_bytearray) {}
};

// Arbitrary-precision integer, used only when a 64-bit result would overflow.
// Magnitude in base 2^32, little-endian limbs; results that fit go back to Value ints.
struct BigIntObj : Obj {
  bool neg = false;
  std::vector<uint32_t> mag;
  BigIntObj() : Obj(ObjType::BigInt) {}
};

struct ListObj : Obj {
  std::vector<Value> items;
  ListObj() : Obj(ObjType::List) {}
};

struct TupleObj : Obj {
  std::vector<Value> items;
  TupleObj() : Obj(ObjType::Tuple) {}
};

// The index of native keys: str, numbers, bytes, tuples of them, instances without a Python
// __hash__/__eq__ (identity). ValueHash is the key's Python hash() (native_hash), so a key
// hashed by Python code equal to a native key lands on the same hash (CPython's rule).
size_t raw_hash(const Value& v);      // what tuples combine (unchanged, so hash() of tuples is)
int64_t native_hash(const Value& v);  // hash() of a natively hashable value
int64_t frozenset_hash(const std::vector<int64_t>& item_hashes);  // CPython's, order-free
struct ValueHash { size_t operator()(const Value& v) const; };
struct ValueKeyEq { bool operator()(const Value& a, const Value& b) const; };

// Keys hashed and compared by Python code (an instance whose class defines __hash__ or
// __eq__, a tuple holding one): the index cannot call Python, so they live here, by the hash
// computed when they were inserted (CPython keeps it too), and VM::dict_index compares them.
struct PyKeys {
  std::unordered_multimap<int64_t, uint32_t> by_hash;  // hash -> entry
  std::unordered_map<uint32_t, int64_t> hash_of;      // entry -> hash
};

// Insertion-ordered dict: entries in order (erased ones become Empty keys) plus an index.
// find/set/erase take native keys only; keys of any kind go through VM::dict_get/set/del.
struct DictObj : Obj {
  std::vector<std::pair<Value, Value>> entries;
  std::unordered_map<Value, uint32_t, ValueHash, ValueKeyEq> index;
  std::unique_ptr<PyKeys> py;  // null until a Python-hashed key is stored
  uint64_t version = 0;        // bumped when keys come or go: a lookup calling __eq__ restarts on a change
  size_t live = 0;
  DictObj() : Obj(ObjType::Dict) {}
  Value* find(const Value& key);            // nullptr when absent
  void set(const Value& key, const Value& val);
  bool erase(const Value& key, Value* out = nullptr);
  void insert_py(const Value& key, const Value& val, int64_t hash);  // a new Python-hashed key
  void erase_at(uint32_t i, Value* out = nullptr);                  // removes entry i, any kind of key
  bool has_py() const { return py && !py->hash_of.empty(); }
  bool is_py_at(uint32_t i) const { return py && py->hash_of.count(i); }
  void take(DictObj& o);  // moves o's contents in (o is left empty)
  void clear() { entries.clear(); index.clear(); py.reset(); live = 0; version++; }
  size_t size() const { return live; }
  void compact();

 private:
  void drop(uint32_t i, Value* out);  // empties entry i, already out of the index
};

// Sets keep insertion order too (cheap, and makes iteration deterministic).
struct SetObj : Obj {
  DictObj d;
  bool frozen = false;
  SetObj() : Obj(ObjType::Set) {}
};

// Compiled code of one function, lambda, comprehension, class body or module.
struct CodeObj : Obj {
  std::string name;
  std::string qualname;           // as CPython: outer.<locals>.inner, Class.method
  std::string filename;
  std::vector<uint32_t> code;     // instructions: op | arg << 8
  std::vector<int> lines;         // source line per instruction
  std::vector<Value> consts;
  std::vector<Value> names;       // interned StrObj names for globals/attrs
  std::vector<std::string> varnames;  // fast locals: params first
  std::vector<std::string> cellvars;  // locals captured by inner functions
  std::vector<std::string> freevars;  // captured from enclosing functions
  std::vector<int> cell_param;     // for each cellvar, the param slot it starts from or -1
  int argcount = 0;               // positional params (incl. those with defaults)
  int kwonlycount = 0;
  bool varargs = false, varkw = false;
  bool is_generator = false;
  bool is_coroutine = false;      // async def: calls give coroutine objects
  bool fast_locals = true;        // false for module/class bodies (names via dict)
  bool hidden = false;            // an internal helper (iter_helpers.cpp): no traceback entries
  Value doc;                      // a function's docstring (str), else Empty
  int stacksize = 0;
  CodeObj() : Obj(ObjType::Code) {}
};

struct CellObj : Obj {
  Value v;
  CellObj() : Obj(ObjType::Cell) {}
};

struct ModuleObj;

struct FunctionObj : Obj {
  CodeObj* code = nullptr;
  DictObj* globals = nullptr;
  std::vector<Value> defaults;        // for the last positional params
  DictObj* kwdefaults = nullptr;      // keyword-only defaults
  std::vector<CellObj*> closure;
  std::string name;
  Value class_cell;                   // the defining class, for zero-arg super()
  DictObj* attrs = nullptr;           // f.__dict__ (attributes set on the function), made on first set
  FunctionObj() : Obj(ObjType::Function) {}
};

class VM;
struct Thread;

// Status of a native call. See vm.h for the blocking contract.
enum class NativeStatus : uint8_t {
  Ok,          // *out holds the result
  Error,       // an exception was set on the thread
  Block,       // the primitive cannot proceed: re-run this call when resumed
  PushedFrame  // a Python frame was pushed; its return value is the call's result
};

struct CallArgs {
  Value* args;                        // positional arguments (self first for methods)
  int n;
  const std::vector<std::pair<Value, Value>>* kw;  // keyword arguments or nullptr
};

using NativeFn = NativeStatus (*)(VM& vm, Thread& t, CallArgs& a, Value* out);

struct NativeObj : Obj {
  NativeFn fn = nullptr;
  std::string name;
  Value self;          // bound receiver (e.g. a module's state), or Empty
  Value data;          // extra payload for closures made in C++
  NativeObj() : Obj(ObjType::Native) {}
};

struct ClassObj : Obj {
  std::string name;
  ClassObj* base = nullptr;            // __base__: the only base, or the one whose layout wins
  // Multiple inheritance (VM::set_bases): the bases in order and the C3 linearisation, self
  // first. Both empty for the common case, a class whose ancestors have one base each: its
  // MRO is the chain of `base` (lookups walk it, as fast as before). The MRO's classes are
  // reachable through `bases`, so only `bases` is marked.
  TupleObj* bases = nullptr;
  std::vector<ClassObj*> mro;
  DictObj* dict = nullptr;
  bool is_builtin = false;
  bool is_exception = false;
  ObjType instance_type = ObjType::Instance;  // for builtin classes (int has none: Str etc.)
  ClassObj* meta = nullptr;            // a user metaclass (a subclass of type); null: type
  TupleObj* abstract_names = nullptr;  // abc: the abstract methods (sorted names) that forbid instances
  ClassObj() : Obj(ObjType::Class) {}
};

// State that a class implemented in C++ keeps inside each of its instances, owned by the
// instance (random.Random's generator). It holds no Values: the collector never looks in.
struct OwnedState {
  virtual ~OwnedState() = default;
};

struct InstanceObj : Obj {
  ClassObj* cls = nullptr;
  DictObj* dict = nullptr;
  // Exceptions keep their args and traceback here (cheap and always present).
  Value args;                      // TupleObj for exceptions
  std::vector<std::pair<std::string, int>>* tb = nullptr;  // (function, line) innermost last
  std::vector<std::string>* tb_files = nullptr;
  // Instances of classes implemented in C++ by the runtime (threading.Lock, queue.Queue,
  // ...) point at their engine object here; the class's natives know its type. Not owned.
  void* native = nullptr;
  std::unique_ptr<OwnedState> owned;  // see OwnedState; null for other instances
  InstanceObj() : Obj(ObjType::Instance) {}
  ~InstanceObj() override { delete tb; delete tb_files; }
};

struct BoundMethodObj : Obj {
  Value self;
  Value func;
  BoundMethodObj() : Obj(ObjType::BoundMethod) {}
};

struct Frame;

struct GeneratorObj : Obj {
  Frame* frame = nullptr;     // owned; null once finished
  bool started = false;
  bool running = false;
  bool coroutine = false;     // from an async def (type coroutine)
  bool awaited = false;       // a coroutine can be awaited once
  std::string name;
  GeneratorObj() : Obj(ObjType::Generator) {}
  ~GeneratorObj() override;
};

struct RangeObj : Obj {
  int64_t start = 0, stop = 0, step = 1;
  RangeObj() : Obj(ObjType::Range) {}
  int64_t length() const;
};

enum class IterKind : uint8_t { Seq, Range, DictKeys, DictValues, DictItems, Str, Enumerate, Zip, Map, Filter, Reversed, Gen, Bytes };

// Built-in iterators over sequences, ranges, dicts, and the lazy builtins. Kind Gen is a
// lazy builtin (enumerate, zip, map, filter) over Python-level iterators or callbacks: `src`
// is the generator of a Python helper doing the work (its name is the builtin's name), so
// the loop runs as ordinary frames (see vm.h, "Python-level iteration").
struct IteratorObj : Obj {
  IterKind kind;
  Value src;                 // the container / underlying iterator
  int64_t pos = 0, end = 0, step = 1;
  std::vector<Value> extra;  // zip iterators / map function + iterators
  bool is_view = false;      // dict views (keys/values/items): re-iterable, never advanced
  IteratorObj(IterKind k) : Obj(ObjType::Iterator), kind(k) {}
};

struct ModuleObj : Obj {
  std::string name;
  DictObj* dict = nullptr;
  ModuleObj() : Obj(ObjType::Module) {}
};

struct SliceObj : Obj {
  Value start, stop, step;
  SliceObj() : Obj(ObjType::Slice) {}
};

// An in-memory file of the simulated file system (open()).
struct FileObj : Obj {
  std::string path;
  std::string buffer;   // pending write contents / read data
  size_t pos = 0;
  bool writing = false, closed = false, append = false;
  FileObj() : Obj(ObjType::File) {}
};

inline bool is_type(const Value& v, ObjType t) { return v.tag == Tag::Obj && v.o->type == t; }
template <class T> T* as(const Value& v) { return static_cast<T*>(v.o); }

}  // namespace interleave::py
