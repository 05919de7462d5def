// VM: one interpreter state per simulated process (heap, modules, builtins, output sink,
// limits) plus the steppable bytecode loop. Nothing here is global: several VMs can
// live in one run. Python frames live on the heap (Thread::frames), so a Python call
// never recurses on the C++ stack and the scheduler may stop a thread after any
// instruction.
//
// Stepping contract (for the scheduler of the next issue):
//   RunStatus st = vm.run(thread, max_instructions);
//   Yield   - budget used up (or yield_requested set by a hook); call run() again.
//   Blocked - a native returned NativeStatus::Block: the thread's pc still points AT the
//             call instruction and the callable + arguments are still on the stack, so the
//             next run() re-executes the call (the primitive retries).
//   Done    - the bottom frame returned; thread.result holds the value.
//   Error   - an exception escaped; thread.exc holds it (print_traceback() formats it).
//
// Native calling convention (objects.h NativeFn): fn(vm, thread, CallArgs{args, n, kw}, &out)
//   Ok -> *out is the result; Error -> vm.raise(...) was called; Block -> see above;
//   PushedFrame -> the native pushed a Python frame (e.g. next(gen)); its result/yield
//   becomes the call's result.
// Natives that need a Python callback result synchronously (__eq__ in list.index, __str__
// in print, __hash__, ...) use call_value(), which runs a NESTED, non-preemptible loop on
// the same thread until that callback returns. The scheduler never switches threads inside
// a nested loop (yield points are ignored there) and the collector does not run while any
// nested loop is active (natives may hold unrooted temporaries). A native that blocks
// inside a nested loop raises RuntimeError ("a blocking call cannot run inside a callback
// from a builtin") at its call.
//
// Python-level iteration: builtins that consume or wrap an iterable (list, tuple, set,
// frozenset, dict, dict.update, list.extend, str.join, sorted, sum, min, max,
// any, all, next(it, default), set methods, enumerate, zip, map, filter, and the opcodes
// for `*x`, `a, b = x`, `x in y`) keep their native loops for builtin containers and
// iterators, which never run Python code. When the iterable runs Python code
// (iterates_python: a generator, an instance of a user class, a lazy builtin over one) or
// a map/filter function does (calls_python), the loop runs as ordinary
// frames instead, so a blocking call inside it suspends the thread like any other call:
//   - a generator is consumed directly (VM::consume, ConsumeState): it runs as a frame and
//     each YIELD_VALUE hands its value to the builtin without a frame switch;
//   - otherwise the native pushes a frame of a helper written in Python (iter_helpers.cpp,
//     compiled once per VM, hidden from tracebacks) and returns PushedFrame; lazy builtins
//     return an IterKind::Gen iterator over a helper generator.
// FOR_ITER calls a user class's Python __next__ as a frame too (Resume::NextItem:
// StopIteration ends the loop), and next(it) does the same. Key functions of sorted,
// list.sort, min and max over builtin containers stay nested calls (cheaper).
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/memory.h"
#include "core/platform.h"
#include "py/heap.h"
#include "py/work_meter.h"

namespace interleave::py {

struct CompileResult;

// A try block of a frame: where to jump and how deep the value stack was.
struct Block {
  uint32_t handler;
  uint32_t sp;
  uint32_t exc_depth;
};

// What the caller expects when this frame returns or yields.
// NextItem: a Python __next__ called by FOR_ITER (its StopIteration ends that loop).
// Consume: a generator driven by a builtin (Frame::consume) that takes each value it yields.
// Discard: a special method called by an opcode that has no result (__setitem__).
// GreenletEnd: the bottom frame of a greenlet (greenlet.h): its end switches to the parent.
enum class Resume : uint8_t { Call, Init, ForIter, YieldFrom, Nested, NextItem, Consume, Discard, GreenletEnd };

// A builtin consuming a generator without a nested loop (VM::consume): list(gen),
// sum(genexpr), ... The generator runs as an ordinary frame; each YIELD_VALUE hands its value
// to `fn` and the generator goes on at once (no frame switch). `fn(item)` returns false with
// t.exc set to stop with an error, or sets *stop to stop early (any/all): either way the
// generator stays suspended at that yield, as after next(). `fn(nullptr)` is called once at
// the end (exhausted or stopped) and stores the builtin's result in *out. An error in `fn`
// is raised in the builtin's caller, not inside the generator.
struct ConsumeState {
  bool (*fn)(VM& vm, Thread& t, ConsumeState& st, const Value* item, bool* stop, Value* out) = nullptr;
  Value acc, arg;     // the builtin's accumulator and parameter (marked by the collector)
  int64_t n = 0;      // items taken so far
  uint32_t flags = 0;
};

struct Frame {
  CodeObj* code = nullptr;
  FunctionObj* func = nullptr;
  DictObj* globals = nullptr;
  DictObj* locals = nullptr;      // module / class bodies: names live in this dict
  Value* slots = nullptr;         // fast locals, cells, then the value stack
  uint32_t nslots = 0;
  uint32_t sp = 0;                // index of the next free stack slot in `slots`
  uint32_t pc = 0;
  std::vector<Block> blocks;
  GeneratorObj* gen = nullptr;    // set while a generator's frame runs
  Resume resume = Resume::Call;
  uint32_t resume_target = 0;     // ForIter / YieldFrom: where the caller jumps on exhaustion
  Value init_self;                // Resume::Init: the instance __init__ returns
  ConsumeState consume;           // Resume::Consume: the builtin taking this generator's values
  Value throw_value;              // generator.throw(): raised where it resumes, or forwarded
  bool throw_into_delegate = false;  // ... to the generator it delegates to (yield from)
  uint32_t exc_base = 0;          // thread exc_stack depth when the frame was entered
  int line_of_call = 0;
  uint32_t capacity = 0;          // allocated slots (frames are pooled and reused)
  Frame(CodeObj* c, uint32_t extra_slots);
  ~Frame();
  // Re-initializes a pooled frame for `c`; false when its slots are too small.
  bool reset(CodeObj* c);
  Value* stack_base() { return slots + nslots; }
};

enum class RunStatus { Yield, Blocked, Done, Error };

// What an embedder (the runtime, py/runtime/) attaches to a VM thread and to a VM: the VM
// keeps them for it and never looks inside.
struct ThreadHost {
 protected:
  ~ThreadHost() = default;
};
struct VmEmbedder {
 protected:
  ~VmEmbedder() = default;
};

struct Thread {
  std::vector<Frame*> frames;
  std::vector<Value> exc_stack;    // exceptions being handled (for bare `raise`)
  Value exc;                       // the exception in flight / that ended the thread
  Value result;
  int nested = 0;                  // active nested loops (no preemption, no GC)
  int c_depth = 0;                 // C++ recursion of repr / compare / hash over nested containers
  uintptr_t stack_anchor = 0;      // the C++ stack where the outermost run() began
  uint64_t id = 0;
  bool done = false;
  bool last_yielded = false;
  bool reraising = false;          // the exception in flight is re-raised (traceback kept)
  bool switch_pending = false;     // VmConfig::breaker_switches: yield at the next switch point
  bool batching = false;           // det batch: VmConfig::batch_sync runs before every non-Python call
  ThreadHost* host = nullptr;      // the runtime's record of this thread, or null
  struct GreenletState* greenlet = nullptr;  // the greenlet running on it (greenlet.h), if any
  ~Thread();
};

struct Limits {
  int max_recursion = 1000;
  uint64_t max_instructions = 0;         // 0 = unlimited
  size_t max_memory_bytes = 512u << 20;  // MemoryError beyond this (after a collection)
};

enum class Stream { Stdout, Stderr };
// Receives every print(); the runtime can attribute text to threads through `thread`.
using OutputSink = std::function<void(const std::string& text, Stream stream, const Thread* thread)>;

// What a coroutine of a thread is doing (VmConfig::on_coroutine): core::CoroutineState's order.
enum class CoState : uint8_t { Running, Ready, Waiting, Done };

// Everything an embedder decides about an interpreter before it runs: given to the VM's
// constructor and read-only afterwards (VM::config()), so no hook or limit changes under a
// running thread. Every hook may be null.
struct VmConfig {
  Limits limits;
  // Receives every print(); null: output is dropped.
  OutputSink sink;
  // The program's standard input (input(), sys.stdin): its next line with its "\n" (none on
  // a last line without one); false at the end of the input. Null: the process has none.
  std::function<bool(std::string& line)> read_line;
  // open() for reading a file the program has not written: 0 with its `contents`, or the
  // errno to raise (ENOENT, EACCES: outside what the run may read, EISDIR, EFBIG) with
  // `why`, the error's text. Null: only files the program wrote exist.
  std::function<int(const std::string& path, std::string& contents, std::string& why)> read_file;
  // Called between instructions every `hook_interval` instructions when set (cheap
  // counter check otherwise). Returning true makes run() return Yield.
  std::function<bool(Thread&)> yield_hook;
  uint64_t hook_interval = 0;
  // Checked every few thousand instructions inside nested loops, which never reach
  // yield_hook: returning true (the run was cancelled) raises an uncatchable SystemExit
  // there, so an endless __eq__ or __str__ cannot keep a stopped run alive.
  std::function<bool(Thread&)> nested_cancel_hook;
  // Det batches (Thread::batching), at the top level only: called with instructions_executed
  // exact before a call that is not a plain Python function (after = false), so the runtime
  // pays for the batch's instructions before a native can observe the clock or another
  // thread, and again after it returns (after = true), to end the batch after a call that
  // ran Python code in a nested loop (its step costs more than one instruction).
  void (*batch_sync)(Thread&, bool after) = nullptr;
  // When set, an exhausted run() budget does not yield at once: the thread runs on to the
  // next point where CPython 3.10+ may hand the GIL over (a loop back-edge, a call, a
  // function entry) and yields there, so `x += 1` is never split by a switch.
  bool breaker_switches = false;
  // Every allocation made while this VM runs a thread (VM::run, load_main, and the VM's
  // own construction) is charged here (core/memory.h); past its limit the allocation fails
  // and the program sees MemoryError. Null: nothing is counted and only
  // limits.max_memory_bytes' heap estimate applies.
  core::MemoryAccount* memory = nullptr;
  // A store into VM::watched_globals of `name` = `v`.
  std::function<void(Thread&, StrObj* name, const Value& v)> on_watched_store;
  // A coroutine of thread `t` changed state: greenlet switches and ends (greenlet.cpp),
  // asyncio task steps (_interleave.coroutine). `slot` is the coroutine's key for the
  // runtime: 0 on its first report, then whatever the runtime stored in it. `name` labels
  // it in views.
  std::function<void(Thread& t, int64_t& slot, const std::string& name, CoState state)> on_coroutine;
  // The runtime that runs this VM (its process record), or null for a bare interpreter.
  VmEmbedder* embedder = nullptr;
  // Where unseeded random generators (random.seed(None), Random()) get their state: with
  // `random_entropy` from the system's entropy source (free mode), else derived from
  // `random_seed` and the count of such seedings so far (reproducible: det mode, tests).
  uint64_t random_seed = 0x5eed;
  bool random_entropy = false;
};

struct BuiltinClasses {
  ClassObj *object, *type, *int_, *float_, *bool_, *str, *list, *tuple, *dict, *set, *frozenset, *none,
      *function, *builtin_function, *method, *generator, *coroutine, *range, *iterator, *module, *code, *cell, *slice,
      *file, *super_, *dict_view, *staticmethod, *classmethod, *property, *bytes, *bytearray;
  ClassObj *BaseException, *Exception, *StopIteration, *ArithmeticError, *ZeroDivisionError,
      *OverflowError, *LookupError, *KeyError, *IndexError, *ValueError, *TypeError, *NameError,
      *UnboundLocalError, *AttributeError, *RuntimeError, *RecursionError, *NotImplementedError,
      *AssertionError, *MemoryError, *ImportError, *ModuleNotFoundError, *KeyboardInterrupt,
      *GeneratorExit, *SystemExit, *FileNotFoundError, *OSError, *UnicodeError, *SyntaxError,
      *EOFError, *Warning, *TimeoutError, *FloatingPointError, *PermissionError,
      *UnicodeDecodeError, *UnicodeEncodeError;
};

class VM {
 public:
  explicit VM(VmConfig config = {});
  ~VM();
  VM(const VM&) = delete;
  VM& operator=(const VM&) = delete;

  // ---- running programs
  // Compiles `source` as module `__main__` and returns a thread ready to run it, or
  // nullptr after printing a SyntaxError through the sink (exit code 1).
  Thread* load_main(const std::string& source, const std::string& filename);
  // Compiles `source` as module `module` (registered in `modules`) and returns a thread
  // ready to run its body; nullptr with the SyntaxError written to stderr. The runtime
  // starts a child process's main thread with it.
  Thread* load_module_thread(const std::string& source, const std::string& module, const std::string& filename);
  // The lines CPython prints above a SyntaxError of `cr` in file `fname` (whose source is
  // in source_lines): File/line, the stripped source line, a caret when cr.error_col is set.
  std::string syntax_error_location(const std::string& fname, const CompileResult& cr) const;
  // Steps `t` for at most `max_instructions` (0 = until it finishes or blocks).
  RunStatus run(Thread& t, uint64_t max_instructions);
  // True when native recursion (nested loops, repr / == / hash of nested containers) has
  // used the platform's budget of C++ stack since the outermost run(): RecursionError then.
  static constexpr uintptr_t kNativeStackBudget = core::kNativeStackBudget;
  static bool stack_exhausted(const Thread& t) {
    char here;
    return t.stack_anchor && t.stack_anchor - reinterpret_cast<uintptr_t>(&here) > kNativeStackBudget;
  }
  // Runs `t` to completion and returns the process exit code (0, or 1 after printing
  // the traceback of an uncaught exception; SystemExit's code).
  int run_to_end(Thread& t);
  // After run() returned Error: reports t.exc as CPython does at exit (a traceback, or
  // SystemExit's message) and returns the exit code.
  int report_uncaught(Thread& t);
  // Writes CPython's traceback of `exc` to the stderr sink (attributed to `t` if given).
  void print_traceback(const Value& exc, const Thread* t = nullptr);
  // That text, with the exception's cause or context before it (`seen` stops cycles).
  std::string traceback_text(const Value& exc, std::vector<const InstanceObj*>& seen);
  // `v` as an exception instance (a class is called with no arguments), or false with a
  // TypeError `what` raised.
  bool exception_instance(Thread& t, Value& v, const char* what);
  // The next line of standard input (read_line), decoded as UTF-8 into `line`; `got` false
  // at its end. False with UnicodeDecodeError raised for bytes that are not UTF-8.
  bool next_input_line(Thread& t, std::string* line, bool* got);
  // Sets e.__context__ to the exception being handled, if any (PEP 3134, no cycles).
  void set_context(Thread& t, InstanceObj* e);

  // ---- configuration (fixed at construction; see VmConfig)
  const VmConfig& config() const { return config_; }
  const Limits& limits() const { return config_.limits; }
  // sys.setrecursionlimit: the one limit a program may change while it runs.
  void set_recursion_limit(int n) { config_.limits.max_recursion = n; }
  // Where traceback source lines come from: load_main sets them for `__main__`.
  std::string filename;
  std::vector<std::string> source_lines;

  // ---- run state the embedder reads or sets while the VM runs
  // Instructions run() executed at the top level (not in natives' nested loops) in its
  // last call with a budget: det's steps when every instruction is one.
  uint64_t last_run_instructions = 0;
  // Instructions executed so far; exact whenever a native runs (natives may read it).
  uint64_t instructions_executed = 0;
  bool budget_exhausted = false;           // set when limits().max_instructions was hit
  // Set (from any thread) to unwind every thread: exceptions raised from now on cannot be
  // caught. The runtime uses it when a run is cancelled. A running thread sees it within
  // one instruction chunk (<= 4096 instructions) or one poll of a long native operation.
  mutable std::atomic<bool> aborting{false};  // mutable: a passed deadline sets it in a const poll
  // A steady-clock instant (ns, steady_now_ns()) past which the VM stops as if aborted and
  // sets time_limit_hit; 0 = none. Set by the embedder from any thread.
  std::atomic<int64_t> deadline_ns{0};
  mutable std::atomic<bool> time_limit_hit{false};
  // True once the run is being stopped or is past its deadline: the dispatch loop checks it
  // every instruction chunk, and long native operations (big-int arithmetic, string
  // building, sorting) poll it every few thousand units of work and give up with an error.
  bool interrupt_requested() const {
    if (aborting.load(std::memory_order_relaxed)) return true;
    const int64_t d = deadline_ns.load(std::memory_order_relaxed);
    if (d == 0 || steady_now_ns() < d) return false;
    time_limit_hit.store(true, std::memory_order_relaxed);
    aborting.store(true, std::memory_order_relaxed);
    return true;
  }
  static int64_t steady_now_ns();
  // Units of work long native operations reported to their WorkMeters (counted at each
  // poll): tests read it to check that a stopped operation gave up early.
  mutable std::atomic<uint64_t> metered_work{0};
  bool compile_ran_out_of_memory = false;  // load_main failed for the memory limit, not the syntax
  bool compile_stopped = false;  // load_main gave up: the run was being stopped (interrupt_requested)
  // Where load_main's SyntaxError points: line, 1-based code point columns [col, end_col)
  // of that line (0: the error names no column). line 0: no error, or none with a line.
  struct SourceSpan { int line = 0, col = 0, end_col = 0; };
  SourceSpan syntax_error_span;
  // Raises the uncatchable error that ends a thread once interrupt_requested() made a long
  // native operation give up ("the run was stopped", or the time limit).
  NativeStatus raise_stopped(Thread& t);
  // Every store into this dict (a module's globals) calls config().on_watched_store: the
  // runtime traces the values of watched variables live. Null: no calls.
  DictObj* watched_globals = nullptr;
  // Python sources of modules the embedder provides (import name -> source).
  std::unordered_map<std::string, std::string> module_sources;

  // ---- values (used by builtins and modules)
  Heap heap;
  BuiltinClasses cls{};
  DictObj* builtins = nullptr;
  std::unordered_map<std::string, ModuleObj*> modules;  // change through set_module
  DictObj* sys_modules = nullptr;  // sys.modules, kept equal to `modules` by set_module
  // Adds (or, with null, removes) module `name` in `modules` and sys.modules.
  void set_module(const std::string& name, ModuleObj* m);
  std::unordered_map<std::string, std::string> files;   // the simulated file system
  // Unseeded random generators seeded so far (VmConfig::random_seed).
  uint64_t random_seedings = 0;
  double virtual_time_s = 0;                             // time.sleep() advances it

  Value str(std::string s) { return Value::object(heap.str(std::move(s))); }
  Value intern(std::string_view s) { return Value::object(heap.intern(s)); }
  ListObj* new_list() { return heap.alloc<ListObj>(); }
  TupleObj* new_tuple(std::vector<Value> items = {});
  DictObj* new_dict() { return heap.alloc<DictObj>(); }
  NativeObj* native(const std::string& name, NativeFn fn, Value self = Value());
  ClassObj* new_class(const std::string& name, ClassObj* base, bool builtin);
  // A class statement's (or type(name, bases, ns)'s) class over namespace `ns`: checks the
  // base, then calls __set_name__ of the namespace's descriptors and the base's
  // __init_subclass__ (nested). nullptr with an exception set on failure.
  // `meta`: the metaclass given (metaclass=M, or type(name, ...) called on M), else Empty (the
  // base's). A user metaclass's __new__ (unless in_type_new: called from it) and __init__ run too.
  // `bases`: the bases as given (classes; empty for `class C:`).
  ClassObj* make_class(Thread& t, const std::string& name, const std::vector<Value>& bases, DictObj* ns,
                       const Value& meta = Value(), bool in_type_new = false);
  // Multiple inheritance: sets c->bases and c->mro (C3, CPython's errors: "duplicate base
  // class", "Cannot create a consistent method resolution order") when c has more than one
  // base or an ancestor that has; c->base must be set. False with a TypeError raised.
  bool set_bases(Thread& t, ClassObj* c, const std::vector<ClassObj*>& bases);
  bool resolve_mro_entries(Thread& t, std::vector<Value>* bases, DictObj* ns);  // a class statement's bases
  ClassObj* best_base(Thread& t, const std::vector<ClassObj*>& bases);  // __base__; null: layout conflict raised
  bool wraps_functions(const Value& v) const;
  void set_class_cell_in_wrapper(const Value& v, ClassObj* c);
  bool calculate_meta(Thread& t, const std::vector<ClassObj*>& bases, const Value& meta_arg, ClassObj** meta);
  // The MRO of c, c first (the chain of `base` when c->mro is empty).
  std::vector<ClassObj*> mro_of(ClassObj* c) const;
  std::vector<ClassObj*> bases_of(ClassObj* c) const;
  // abc: raises CPython's TypeError when class c has abstract methods left. Inline: every
  // instantiation passes here.
  NativeStatus construct(Thread& t, ClassObj* c, Value* args, int n, const std::vector<std::pair<Value, Value>>* kw,
                         Value* out);  // type.__call__(c, *args): a new instance, past c's metaclass __call__
  bool check_abstract(Thread& t, ClassObj* c) { return !c->abstract_names || raise_abstract(t, c); }
  bool raise_abstract(Thread& t, ClassObj* c);
  // Adds a native method to a builtin class.
  void method(ClassObj* c, const std::string& name, NativeFn fn);

  ClassObj* type_of(const Value& v) const;
  std::string type_name(const Value& v) const;
  bool is_subclass(const ClassObj* c, const ClassObj* base) const;
  bool isinstance(const Value& v, const ClassObj* c) const { return is_subclass(type_of(v), c); }

  // ---- exceptions: each sets t.exc and returns NativeStatus::Error for convenient `return`
  NativeStatus raise(Thread& t, ClassObj* c, const std::string& msg);
  NativeStatus raise_value(Thread& t, Value exc);
  Value make_exception(ClassObj* c, std::vector<Value> args);
  std::string exception_str(Thread& t, const Value& exc);

  // ---- protocol helpers (may run nested loops; return false with t.exc set on error)
  bool call_value(Thread& t, const Value& fn, std::vector<Value> args, Value* out,
                  const std::vector<std::pair<Value, Value>>* kw = nullptr);
  bool repr(Thread& t, const Value& v, std::string* out);
  bool to_str(Thread& t, const Value& v, std::string* out);
  bool eq(Thread& t, const Value& a, const Value& b, bool* out);
  bool lt(Thread& t, const Value& a, const Value& b, bool* out);
  bool compare(Thread& t, const Value& a, const Value& b, int op, Value* out);
  bool truthy(Thread& t, const Value& v, bool* out);
  bool get_iter(Thread& t, const Value& v, Value* out);
  // Advances an iterator: true + *has=false at the end.
  bool iter_next(Thread& t, const Value& it, Value* out, bool* has);
  // Collects any iterable into a vector.
  bool to_vector(Thread& t, const Value& v, std::vector<Value>* out);
  bool getattr(Thread& t, const Value& obj, StrObj* name, Value* out);
  // Like getattr but returns false WITHOUT raising when the attribute is missing.
  bool lookup_attr(Thread& t, const Value& obj, StrObj* name, Value* out, bool* found);
  bool setattr(Thread& t, const Value& obj, StrObj* name, const Value& v);
  bool hash(Thread& t, const Value& v, size_t* out);  // the table hash of key_hash

  // ---- dict and set keys of any kind (dict_keys.cpp). Native keys (str, numbers, bytes,
  // tuples and frozensets of them, instances without __hash__/__eq__) hash and compare in C++
  // through DictObj's index; an instance whose class defines __hash__ or __eq__ (or a tuple or
  // frozenset holding one) is a Python key: its methods run nested (call_value) and may raise.
  struct KeyHash {
    int64_t value = 0;  // hash() of the key; size_t(value) is its place in the index
    bool py = false;    // compared with __eq__ (a Python key)
  };
  bool key_hash(Thread& t, const Value& k, KeyHash* out);
  KeyHash entry_hash(const DictObj& d, uint32_t i) const;  // a stored key's hash (no Python call)
  // The entry of the key equal to k (identity first, then hash and ==, as CPython), or -1.
  bool dict_index(Thread& t, DictObj* d, const Value& k, const KeyHash& kh, int64_t* out);
  bool dict_get(Thread& t, DictObj* d, const Value& k, Value** out);  // *out null: absent
  bool dict_set(Thread& t, DictObj* d, const Value& k, const Value& v);
  bool dict_set(Thread& t, DictObj* d, const Value& k, const KeyHash& kh, const Value& v);
  bool dict_del(Thread& t, DictObj* d, const Value& k, bool* found, Value* old = nullptr);
  // d[k] = v for each entry of src, reusing src's hashes (dict.update, set union, copies).
  bool dict_merge(Thread& t, DictObj* d, DictObj* src);
  bool binary_op(Thread& t, int op, const Value& a, const Value& b, Value* out, bool inplace = false);
  bool subscript(Thread& t, const Value& obj, const Value& key, Value* out);
  bool format_value(Thread& t, const Value& v, const std::string& spec, std::string* out);
  bool len(Thread& t, const Value& v, int64_t* out);
  ClassObj* find_class_attr(ClassObj* c, StrObj* name, Value* out) const;
  // super(): `name` in the MRO of `type` after `start` (type's MRO when type is a subclass of
  // start, else start's own). Returns the owner, null if absent.
  ClassObj* find_attr_after(ClassObj* type, ClassObj* start, StrObj* name, Value* out) const;
  Value import_module(Thread& t, const std::string& name);  // Empty + t.exc on failure

  // Pushes a Python frame for fn(args...) on `t` (used by natives returning PushedFrame).
  bool push_call(Thread& t, FunctionObj* fn, Value* args, int n,
                 const std::vector<std::pair<Value, Value>>* kw, Resume resume);
  // Resumes generator `g` on `t` with `sent` (Empty = next()). Returns PushedFrame, or
  // Error (e.g. an exhausted generator raises StopIteration).
  NativeStatus resume_generator(Thread& t, GeneratorObj* g, const Value& sent, Resume resume, uint32_t target);
  // generator.throw(exc): resumes `g` raising `exc` at its yield (forwarded down a yield-from
  // chain, as CPython does). A generator not started or finished raises it in the caller.
  NativeStatus throw_generator(Thread& t, GeneratorObj* g, const Value& exc, Resume resume, uint32_t target);
  // What `await v` runs: a coroutine itself (once), or the iterator v.__await__() returns.
  bool get_awaitable(Thread& t, const Value& v, Value* out);
  // Lets builtin state `st` consume generator `g` (see ConsumeState): PushedFrame, or the
  // builtin's result at once (Ok) when `g` is already exhausted, or Error.
  NativeStatus consume(Thread& t, GeneratorObj* g, const ConsumeState& st, Value* out);
  // The generator a for loop over `it` resumes: `it` itself, or the helper generator of a
  // lazy builtin (IterKind::Gen) over Python-level iterators; else nullptr.
  static GeneratorObj* generator_of(const Value& it);

  // ---- Python-level iteration (iter_helpers.cpp; see the header comment)
  // Iterating `v` may run Python code: a generator, an instance of a user class, or a
  // lazy builtin (IterKind::Gen) over one.
  static bool iterates_python(const Value& v);
  // Calling `f` may run Python code: a function, a user class or instance, a method of one.
  static bool calls_python(const Value& f);
  // Pushes a frame of helper `name`(args...) on `t`; false with t.exc set on failure.
  // Its return value is pushed on the caller's stack (Resume::Call).
  bool push_helper(Thread& t, const char* name, std::vector<Value> args);
  // For natives: push_helper, then PushedFrame (the helper's result is the native's), or Error.
  NativeStatus call_helper(Thread& t, const char* name, std::vector<Value> args) {
    return push_helper(t, name, std::move(args)) ? NativeStatus::PushedFrame : NativeStatus::Error;
  }
  // *out = the generator of helper `name`(args...) (nothing runs yet).
  bool helper_generator(Thread& t, const char* name, std::vector<Value> args, Value* out);
  // The same, as an iterator shown as builtin `shown` (IterKind::Gen: "enumerate", "zip", ...).
  bool helper_iterator(Thread& t, const char* name, const char* shown, std::vector<Value> args, Value* out);
  // The Python __next__ of a user-class instance `v` (found on its class), or nullptr.
  FunctionObj* python_next(const Value& v);
  // The same for any special method: its Python function on v's class, or nullptr. The
  // builtins that call one (len, str, repr, print, `in`) push a helper frame for it, so the
  // method may block (a manager's proxy asks its server process).
  FunctionObj* python_method(const Value& v, const char* method);
  // The Python function reading (store == null) or writing attribute `name` of instance
  // `obj` runs - a property's getter or setter, __getattr__ (for a name found nowhere
  // else), __setattr__ - and its arguments in *args; null when the access runs no Python.
  // LOAD_ATTR and STORE_ATTR push it as a frame, so it may block.
  FunctionObj* attr_function(const Value& obj, StrObj* name, const Value* store, std::vector<Value>* args);

  void write(const std::string& text, Stream s, const Thread* t) { if (config_.sink) config_.sink(text, s, t); }

  // ---- threads and values held by the embedder
  // A new thread whose bottom frame calls `fn(*args)` (a Python function or a bound
  // method of one). Null with t.exc set (on `caller`) when `fn` is not such a callable.
  Thread* new_thread(Thread& caller, const Value& fn, std::vector<Value> args);
  // Starts a fresh call of `fn(*args)` on a thread that has finished (t.done), e.g. the
  // main thread's shutdown after its module body. False with t.exc set on failure.
  bool restart_thread(Thread& t, const Value& fn, std::vector<Value> args);
  // Values kept alive for the embedder (queue items, thread objects): a handle each.
  uint32_t pin(const Value& v);
  const Value& pinned(uint32_t handle) const { return pins_[handle]; }
  void unpin(uint32_t handle);
  // The name the value being built is about to be stored under ("lock_a" for
  // `lock_a = threading.Lock()`), read from the instruction after the current call; ""
  // when the result is not stored in a plain name or attribute.
  std::string assignment_target(const Thread& t) const;
  void collect_garbage();
  // Executes a module's code with `mod`'s dict as globals, in a nested loop.
  bool run_module_body(Thread& t, CodeObj* code, ModuleObj* mod);
  std::vector<std::unique_ptr<Thread>> threads;
  // Greenlets of every thread (greenlet.h), by handle; the exceptions greenlet.py defines.
  std::vector<std::unique_ptr<struct GreenletState>> greenlets;
  ClassObj* greenlet_exit = nullptr;
  ClassObj* greenlet_error = nullptr;
  // The running greenlet's bottom frame finished (`value`) or let an exception out
  // (`raised`): its parent's frames come back, with `value` as its switch()'s result.
  // False when there is no parent to go to.
  bool greenlet_ended(Thread& t, const Value& value, bool raised);
  // Frame pool: calls reuse frames instead of allocating (a large share of call cost).
  Frame* acquire_frame(CodeObj* c);
  void release_frame(Frame* f);

 private:
  VmConfig config_;
  std::vector<Frame*> frame_pool_;
  std::vector<Value> pins_;
  std::vector<uint32_t> free_pins_;
  int nested_total_ = 0;           // nested loops active on any thread (no GC meanwhile)
  std::vector<Obj*> repr_stack_;  // containers whose repr is in progress (prints [...] on cycles)
  friend struct Interp;
  RunStatus execute(Thread& t, uint64_t budget, size_t base_depth);
  // execute(), turning an allocation refused by the memory account (std::bad_alloc) into
  // MemoryError raised in the thread's current frame.
  RunStatus execute_guarded(Thread& t, uint64_t budget, size_t base_depth);
  bool raise_memory_error(Thread& t, size_t base_depth);
  // Raises `c` (message `msg`) uncatchably and drops every frame above `base_depth`.
  RunStatus abort_thread(Thread& t, ClassObj* c, const std::string& msg, size_t base_depth);
  // The memory check of a tick and of a native call's return: collect when the account nears
  // its limit and grew since the last collection.
  bool memory_pressure() const {
    if (!config_.memory) return false;
    const size_t used = config_.memory->used(), limit = config_.memory->limit();
    return limit && used > limit / 4 * 3 && used > memory_after_gc_ + limit / 16;
  }
  // Runs the frames above `depth` to completion in a nested loop (blocking calls raise).
  RunStatus run_nested(Thread& t, size_t depth);
  ModuleObj* helpers_ = nullptr;  // iter_helpers.cpp's module, compiled on first use
  FunctionObj* helper(Thread& t, const char* name);
  bool unwind(Thread& t, size_t base_depth);
  void setup_builtins();
  uint64_t gc_countdown_ = 100000;
  size_t gc_threshold_ = 32u << 20;
  size_t memory_after_gc_ = 0;    // the account's use after the last collection
  static constexpr uint64_t kClockInstructions = 16384;  // between deadline checks (~0.1-1 ms)
  uint64_t clock_credit_ = 0;     // instructions since the deadline was last checked
};

// Marks everything a frame references (used by the collector and generator objects).
void trace_frame(Heap& h, Frame* f);

// Installs the builtin functions and the methods of the builtin types (builtins.cpp).
void install_builtins(VM& vm);
// Installs the natives the iteration helpers use (_sort_keyed, _dict_item) into `d` (builtins.cpp).
void install_helper_natives(VM& vm, DictObj* d);
// sep.join(g) for a generator `g`, consuming it without a nested loop (builtins.cpp).
NativeStatus join_generator(VM& vm, Thread& t, GeneratorObj* g, const Value& sep, Value* out);
// Installs the modules implemented in C++: json, _random, sys, math, time (modules.cpp).
void install_modules(VM& vm);
// Installs _random, the generator under random.py (mod_random.cpp); install_modules calls it.
void install_random_module(VM& vm);
// A new module registered in vm.modules, and a native function defined in one.
ModuleObj* new_module(VM& vm, const std::string& name);
void def_native(VM& vm, ModuleObj* m, const char* name, NativeFn fn);
// The JSON string literal of UTF-8 text `s`; `ascii_only` escapes non-ASCII as \uXXXX
// (json.dumps's default).
void json_quote(const std::string& s, bool ascii_only, std::string& out);

}  // namespace interleave::py
