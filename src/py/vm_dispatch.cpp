// py/vm_dispatch.cpp - the interpreter loop: VM::execute runs a thread's frames one
// instruction at a time, with the tick (budget, clock, memory, hooks) between chunks. The rest
// of the VM is vm.cpp. The opcodes' cases come in groups, each headed "// ---- [OPS] name":
// stack; constants, locals, cells, globals and names; attributes; calls; subscripts and
// slices; arithmetic and comparison; jumps; iteration; building and unpacking containers;
// functions and classes; returns, generators and coroutines; exceptions and with; imports;
// f-strings.
#include "py/vm.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "py/bigint.h"
#include "py/bytecode.h"
#include "py/compiler.h"
#include "py/greenlet.h"
#include "py/prelude_modules.h"
#include "py/text_utf8.h"
#include "py/vm_internal.h"

namespace interleave::py {

// [SECTION] the interpreter loop
namespace {

inline bool fast_truthy(const Value& v, bool* known) {
  *known = true;
  switch (v.tag) {
    case Tag::Bool: return v.b;
    case Tag::Int: return v.i != 0;
    case Tag::None: return false;
    case Tag::Float: return v.f != 0.0;
    default: *known = false; return false;
  }
}

}  // namespace

RunStatus VM::execute(Thread& t, uint64_t budget, size_t base_depth) {
  Frame* f = nullptr;
  const uint32_t* code = nullptr;
  Value* s = nullptr;   // stack pointer (next free slot)
  Value* L = nullptr;   // fast locals
  uint32_t pc = 0;
  uint64_t remaining = budget;
  const bool nested = t.nested > 0;
  uint64_t tick = 0;

#define LOAD_FRAME_ONLY()                \
  do {                                   \
    f = t.frames.back();                 \
    code = f->code->code.data();         \
    L = f->slots;                        \
    s = f->slots + f->sp;                \
    pc = f->pc;                          \
  } while (0)
// A generator resumed by throw() raises at its yield point (or YF_SEND forwards it).
#define LOAD_FRAME()                                               \
  do {                                                             \
    LOAD_FRAME_ONLY();                                             \
    if (!f->throw_value.empty() && !f->throw_into_delegate) {      \
      t.exc = f->throw_value;                                      \
      f->throw_value = Value();                                    \
      ERROR();                                                     \
    }                                                              \
  } while (0)
#define SAVE_FRAME()                     \
  do {                                   \
    f->sp = uint32_t(s - f->slots);      \
    f->pc = pc;                          \
  } while (0)
#define PUSH(v) (*s++ = (v))
#define POP() (*--s)
#define TOP() (s[-1])
#define ERROR() goto error
// Makes instructions_executed exact before a native runs (it may read it: CPU clocks).
#define SYNC_COUNT()                                 \
  do {                                               \
    uint64_t done_ = chunk - tick;                   \
    instructions_executed += done_;                  \
    if (budget) remaining -= done_;                  \
    chunk = tick;                                    \
  } while (0)
// Det batches (VmConfig::batch_sync) around an instruction that may run Python code in a nested
// loop (an import runs the module body): paid up before, and the batch ends after it.
#define BATCH_BEFORE()                                              \
  do {                                                              \
    if (t.batching && !nested) { SYNC_COUNT(); config_.batch_sync(t, false); } \
  } while (0)
#define BATCH_AFTER()                                               \
  do {                                                              \
    if (t.batching && !nested) { config_.batch_sync(t, true); SWITCH_POINT(); } \
  } while (0)
// breaker_switches: a switch point reached after the budget ran out yields here.
#define SWITCH_POINT()                               \
  do {                                               \
    if (t.switch_pending && !nested) {               \
      t.switch_pending = false;                      \
      SAVE_FRAME();                                  \
      return RunStatus::Yield;                       \
    }                                                \
  } while (0)

  if (t.frames.size() <= base_depth) return RunStatus::Done;
  LOAD_FRAME_ONLY();
  auto set_tick = [&]() {
    uint64_t n = 4096;
    if (budget && remaining < n) n = remaining;
    if (config_.hook_interval && config_.yield_hook && !nested && config_.hook_interval < n) n = config_.hook_interval;
    if (config_.limits.max_instructions) {
      uint64_t left = config_.limits.max_instructions > instructions_executed ? config_.limits.max_instructions - instructions_executed : 1;
      if (left < n) n = left;
    }
    return n == 0 ? uint64_t(1) : n;
  };
  uint64_t chunk = set_tick();
  tick = chunk;
  uint32_t w = 0, arg = 0;
  // Counts the instructions of the current chunk on every exit (nested loops included).
  // A budgeted top-level run also leaves how many of its own instructions ran (natives'
  // nested loops excluded) in last_run_instructions.
  struct Counter {
    uint64_t& total; const uint64_t& chunk; const uint64_t& tick;
    const uint64_t& remaining; uint64_t budget; uint64_t* top;
    ~Counter() {
      total += chunk - tick;
      if (top) *top = budget - remaining + (chunk - tick);
    }
  } counter{instructions_executed, chunk, tick, remaining, budget, (!nested && budget) ? &last_run_instructions : nullptr};

  for (;;) {
    if (tick == 0) {
      // Slow path, every `chunk` instructions: accounting, budget, hook, limits, GC.
      instructions_executed += chunk;
      if (budget) remaining -= chunk;
      tick = chunk;  // counted: the exit counter must not count this chunk again
      if (config_.limits.max_instructions && instructions_executed >= config_.limits.max_instructions) {
        budget_exhausted = true;
        SAVE_FRAME();
        return abort_thread(t, cls.RuntimeError,
                            "instruction budget exhausted (" + std::to_string(config_.limits.max_instructions) + " instructions)",
                            base_depth);
      }
      // The clock is read every kClockInstructions only: det takes this path after every
      // one-instruction quantum.
      if (aborting.load(std::memory_order_relaxed) ||
          ((clock_credit_ += chunk) >= kClockInstructions && (clock_credit_ = 0, interrupt_requested()))) {
        SAVE_FRAME();
        return abort_thread(t, cls.SystemExit,
                            time_limit_hit.load(std::memory_order_relaxed) ? "the run passed its time limit" : "the run was stopped",
                            base_depth);
      }
      if (!nested && nested_total_ == 0 && (heap.bytes() > gc_threshold_ || (clock_credit_ == 0 && memory_pressure()))) {
        SAVE_FRAME();
        collect_garbage();
        if (heap.bytes() > config_.limits.max_memory_bytes) {
          raise(t, cls.MemoryError, "");
          ERROR();
        }
      }
      if (budget && remaining == 0) {
        if (!config_.breaker_switches) { SAVE_FRAME(); return RunStatus::Yield; }
        t.switch_pending = true;   // run on to the next switch point
        remaining = UINT64_MAX;
      }
      if (!nested && config_.yield_hook && config_.hook_interval) {
        SAVE_FRAME();
        if (config_.yield_hook(t)) return RunStatus::Yield;
      }
      if (nested && config_.nested_cancel_hook && config_.nested_cancel_hook(t)) {
        SAVE_FRAME();
        aborting.store(true, std::memory_order_relaxed);
        raise(t, cls.SystemExit, "the run was stopped");
        ERROR();
      }
      chunk = set_tick();
      tick = chunk;
    }
    --tick;
    w = code[pc++];
    arg = w >> 8;
    switch (uint8_t(w)) {
      // ---- [OPS] stack
      case NOP: break;
      case POP_TOP: --s; break;
      case ROT_TWO: std::swap(s[-1], s[-2]); break;
      case ROT_THREE: {
        Value top = s[-1];
        s[-1] = s[-2];
        s[-2] = s[-3];
        s[-3] = top;
        break;
      }
      case DUP_TOP: { Value v = s[-1]; PUSH(v); break; }
      case DUP_TOP_TWO: { Value a = s[-2], b = s[-1]; PUSH(a); PUSH(b); break; }
      // ---- [OPS] constants, locals, cells, globals and names
      case LOAD_CONST: PUSH(f->code->consts[arg]); break;
      case LOAD_EMPTY: PUSH(Value()); break;
      case LOAD_FAST: {
        const Value& v = L[arg];
        if (v.empty()) {
          SAVE_FRAME();
          raise(t, cls.UnboundLocalError, "cannot access local variable '" + f->code->varnames[arg] + "' where it is not associated with a value");
          ERROR();
        }
        PUSH(v);
        break;
      }
      case STORE_FAST: L[arg] = POP(); break;
      case DELETE_FAST:
        if (L[arg].empty()) {
          SAVE_FRAME();
          raise(t, cls.UnboundLocalError, "cannot access local variable '" + f->code->varnames[arg] + "' where it is not associated with a value");
          ERROR();
        }
        L[arg] = Value();
        break;
      case LOAD_DEREF: {
        const Value& v = as<CellObj>(L[arg])->v;
        if (v.empty()) {
          SAVE_FRAME();
          size_t nv = f->code->varnames.size();
          std::string nm = arg - nv < f->code->cellvars.size() ? f->code->cellvars[arg - nv] : f->code->freevars[arg - nv - f->code->cellvars.size()];
          raise(t, cls.NameError, "cannot access free variable '" + nm + "' where it is not associated with a value in enclosing scope");
          ERROR();
        }
        PUSH(v);
        break;
      }
      case STORE_DEREF: as<CellObj>(L[arg])->v = POP(); break;
      case LOAD_GLOBAL: {
        const Value& key = f->code->names[arg];
        Value* v = f->globals->find(key);
        if (!v) v = builtins->find(key);
        if (!v) {
          SAVE_FRAME();
          raise(t, cls.NameError, "name '" + as<StrObj>(key)->s + "' is not defined");
          ERROR();
        }
        PUSH(*v);
        break;
      }
      case STORE_GLOBAL: {
        Value v = POP();
        f->globals->set(f->code->names[arg], v);
        if (f->globals == watched_globals) {
          SAVE_FRAME();
          BATCH_BEFORE();  // the store is traced at its step's time
          config_.on_watched_store(t, as<StrObj>(f->code->names[arg]), v);
        }
        break;
      }
      case DELETE_GLOBAL:
      case DELETE_NAME: {
        DictObj* d = uint8_t(w) == DELETE_NAME && f->locals ? f->locals : f->globals;
        if (!d->erase(f->code->names[arg])) {
          SAVE_FRAME();
          raise(t, cls.NameError, "name '" + as<StrObj>(f->code->names[arg])->s + "' is not defined");
          ERROR();
        }
        break;
      }
      case LOAD_NAME: {
        const Value& key = f->code->names[arg];
        Value* v = f->locals ? f->locals->find(key) : nullptr;
        if (!v) v = f->globals->find(key);
        if (!v) v = builtins->find(key);
        if (!v) {
          SAVE_FRAME();
          raise(t, cls.NameError, "name '" + as<StrObj>(key)->s + "' is not defined");
          ERROR();
        }
        PUSH(*v);
        break;
      }
      case STORE_NAME: {
        Value v = POP();
        DictObj* d = f->locals ? f->locals : f->globals;
        d->set(f->code->names[arg], v);
        if (d == watched_globals) {
          SAVE_FRAME();
          BATCH_BEFORE();  // the store is traced at its step's time
          config_.on_watched_store(t, as<StrObj>(f->code->names[arg]), v);
        }
        break;
      }
      case LOAD_LOCALS: PUSH(Value::object(f->locals)); break;
      // ---- [OPS] attributes
      case LOAD_ATTR: {
        SAVE_FRAME();
        if (std::vector<Value> fargs; FunctionObj* fn = attr_function(s[-1], as<StrObj>(f->code->names[arg]), nullptr, &fargs)) {
          --s;  // a property getter or __getattr__ runs as a frame: it may block
          SAVE_FRAME();
          if (!push_call(t, fn, fargs.data(), int(fargs.size()), nullptr, Resume::Call)) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        Value out;
        if (!getattr(t, s[-1], as<StrObj>(f->code->names[arg]), &out)) ERROR();
        s[-1] = out;
        break;
      }
      case STORE_ATTR: {
        SAVE_FRAME();
        Value obj = s[-1], val = s[-2];
        s -= 2;
        SAVE_FRAME();
        if (std::vector<Value> fargs; FunctionObj* fn = attr_function(obj, as<StrObj>(f->code->names[arg]), &val, &fargs)) {
          if (!push_call(t, fn, fargs.data(), int(fargs.size()), nullptr, Resume::Discard)) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        if (!setattr(t, obj, as<StrObj>(f->code->names[arg]), val)) ERROR();
        break;
      }
      case DELETE_ATTR: {
        Value obj = POP();
        SAVE_FRAME();
        if (is_type(obj, ObjType::Instance)) {  // a class's own __delattr__
          Value hook, r;
          if (ClassObj* owner = find_class_attr(as<InstanceObj>(obj)->cls, heap.intern("__delattr__"), &hook);
              owner && !owner->is_builtin) {
            if (!call_value(t, hook, {obj, f->code->names[arg]}, &r)) ERROR();
            break;
          }
        }
        DictObj* d = is_type(obj, ObjType::Instance) ? as<InstanceObj>(obj)->dict
                     : is_type(obj, ObjType::Class)  ? as<ClassObj>(obj)->dict
                                                     : nullptr;
        if (!d || !d->erase(f->code->names[arg])) {
          raise(t, cls.AttributeError, "'" + type_name(obj) + "' object has no attribute '" + as<StrObj>(f->code->names[arg])->s + "'");
          ERROR();
        }
        break;
      }
      // ---- [OPS] calls
      case LOAD_METHOD: {
        // Pushes [function, self] for methods found on the class (no bound-method
        // allocation), or [callable, Empty] otherwise.
        Value obj = s[-1];
        StrObj* name = as<StrObj>(f->code->names[arg]);
        Value m;
        if (obj.tag != Tag::Obj || (obj.o->type != ObjType::Instance && obj.o->type != ObjType::Class &&
                                    obj.o->type != ObjType::Module)) {
          if (find_class_attr(type_of(obj), name, &m) && !is_type(m, ObjType::Instance)) {  // a classmethod binds in getattr
            s[-1] = m;
            PUSH(obj);
            break;
          }
        } else if (obj.o->type == ObjType::Instance) {
          auto* inst = as<InstanceObj>(obj);
          if (inst->cls != cls.super_ && !inst->dict->find(Value::object(name)) && find_class_attr(inst->cls, name, &m) &&
              (is_type(m, ObjType::Function) || is_type(m, ObjType::Native))) {
            s[-1] = m;
            PUSH(obj);
            break;
          }
        }
        SAVE_FRAME();
        Value out;
        if (!getattr(t, obj, name, &out)) ERROR();
        s[-1] = out;
        PUSH(Value());
        break;
      }
      case CALL_METHOD:
      case CALL_FUNCTION:
      case CALL_FUNCTION_KW: {
        uint8_t op = uint8_t(w);
        uint32_t n = arg & 0xFFFFF;
        bool has_kw = op == CALL_FUNCTION_KW || (op == CALL_METHOD && (arg >> 20));
        std::vector<std::pair<Value, Value>> kwv;
        Value* kwtop = s;
        if (has_kw) {
          auto* names = as<TupleObj>(s[-1]);
          size_t nk = names->items.size();
          kwtop = s - 1;
          for (size_t i = 0; i < nk; i++) kwv.emplace_back(names->items[i], kwtop[-int(nk) + int(i)]);
          n -= uint32_t(nk);
        }
        size_t nkw = kwv.size();
        Value* argv = kwtop - nkw - n;
        Value callable;
        Value* consumed_from;
        if (op == CALL_METHOD) {
          Value selfv = argv[-1];
          callable = argv[-2];
          consumed_from = argv - 2;
          if (!selfv.empty()) { argv--; n++; }
        } else {
          callable = argv[-1];
          consumed_from = argv - 1;
        }
        SAVE_FRAME();
        SYNC_COUNT();
        // Fast path: plain Python function, positional args only.
        Value result;
        CallOutcome r;
        if (is_type(callable, ObjType::Function) && !as<FunctionObj>(callable)->code->is_generator && !has_kw) {
          r = push_call(t, as<FunctionObj>(callable), argv, int(n), nullptr, Resume::Call) ? CallOutcome::Pushed : CallOutcome::Error;
        } else {
          if (t.batching && !nested) config_.batch_sync(t, false);
          r = call_any(*this, t, callable, argv, int(n), has_kw ? &kwv : nullptr, &result);
          if (t.batching && !nested) config_.batch_sync(t, true);
        }
        switch (r) {
          case CallOutcome::Value:
            s = consumed_from;
            PUSH(result);
            // A native may leave hundreds of MB of garbage in one call (s.ljust(10**8)[:9]):
            // collect now when the account nears its limit, not at the next tick.
            if (!nested && nested_total_ == 0 && memory_pressure()) {
              SAVE_FRAME();
              collect_garbage();
            }
            break;
          case CallOutcome::Pushed: {
            s = consumed_from;
            SAVE_FRAME();
            Frame* callee = t.frames.back();
            callee->line_of_call = f->code->lines[pc - 1];
            LOAD_FRAME();
            break;
          }
          case CallOutcome::Error: ERROR();
          case CallOutcome::Block:
            pc--;  // stay ON the call: it is re-executed when the thread resumes
            SAVE_FRAME();
            return RunStatus::Blocked;
        }
        SWITCH_POINT();
        break;
      }
      case CALL_FUNCTION_EX: {
        // The operands stay on the stack until the call completes, so a blocking native
        // (Thread(target=time.sleep, args=(1,))) can be re-executed like any other call.
        const int nops = (arg & 1) ? 3 : 2;
        Value kwargs = (arg & 1) ? s[-1] : Value();
        Value argt = s[-nops + 1];
        Value callable = s[-nops];
        SAVE_FRAME();
        SYNC_COUNT();
        std::vector<Value> args = as<TupleObj>(argt)->items;
        std::vector<std::pair<Value, Value>> kwv;
        if (!kwargs.empty()) {
          for (auto& e : as<DictObj>(kwargs)->entries) if (!e.first.empty()) kwv.push_back(e);
        }
        Value result;
        if (t.batching && !nested) config_.batch_sync(t, false);
        CallOutcome r = call_any(*this, t, callable, args.data(), int(args.size()), kwv.empty() ? nullptr : &kwv, &result);
        if (t.batching && !nested) config_.batch_sync(t, true);
        if (r == CallOutcome::Error) { s -= nops; ERROR(); }
        if (r == CallOutcome::Block) {
          pc--;
          SAVE_FRAME();
          return RunStatus::Blocked;
        }
        s -= nops;
        if (r == CallOutcome::Value) {
          PUSH(result);
          SWITCH_POINT();
          break;
        }
        SAVE_FRAME();
        t.frames.back()->line_of_call = f->code->lines[pc - 1];
        LOAD_FRAME();
        SWITCH_POINT();
        break;
      }
      // ---- [OPS] subscripts and slices
      case BINARY_SUBSCR: {
        Value key = POP();
        Value obj = s[-1];
        if (key.tag == Tag::Int && obj.tag == Tag::Obj && obj.o->type == ObjType::List) {
          auto& items = as<ListObj>(obj)->items;
          int64_t i = key.i < 0 ? key.i + int64_t(items.size()) : key.i;
          if (i >= 0 && i < int64_t(items.size())) { s[-1] = items[size_t(i)]; break; }
        }
        SAVE_FRAME();
        if (FunctionObj* fn = python_method(obj, "__getitem__")) {  // a frame: it may block
          --s;
          SAVE_FRAME();
          Value args[2] = {obj, key};
          if (!push_call(t, fn, args, 2, nullptr, Resume::Call)) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        Value out;
        if (!subscript(t, obj, key, &out)) ERROR();
        s[-1] = out;
        break;
      }
      case STORE_SUBSCR:
      case DELETE_SUBSCR: {
        bool del = uint8_t(w) == DELETE_SUBSCR;
        Value key = POP();
        Value obj = POP();
        Value val = del ? Value() : POP();
        if (!del && key.tag == Tag::Int && is_type(obj, ObjType::List)) {
          auto& items = as<ListObj>(obj)->items;
          int64_t i = key.i < 0 ? key.i + int64_t(items.size()) : key.i;
          if (i >= 0 && i < int64_t(items.size())) { items[size_t(i)] = val; break; }
        }
        if (!del && is_type(obj, ObjType::Dict) && (key.is_int() || is_type(key, ObjType::Str)) && !as<DictObj>(obj)->has_py()) {
          as<DictObj>(obj)->set(key, val);
          break;
        }
        SAVE_FRAME();
        if (FunctionObj* fn = python_method(obj, del ? "__delitem__" : "__setitem__")) {  // a frame: it may block
          Value args[3] = {obj, key, val};
          if (!push_call(t, fn, args, del ? 2 : 3, nullptr, Resume::Discard)) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        Value setitem;
        Value out;
        bool found = false;
        StrObj* mname = heap.intern(del ? "__delitem__" : "__setitem__");
        if (!lookup_attr(t, obj, mname, &setitem, &found)) ERROR();
        if (!found) {
          if (del) raise(t, cls.TypeError, "'" + type_name(obj) + "' object doesn't support item deletion");
          else raise(t, cls.TypeError, "'" + type_name(obj) + "' object does not support item assignment");
          ERROR();
        }
        std::vector<Value> a{key};
        if (!del) a.push_back(val);
        if (!call_value(t, setitem, a, &out)) ERROR();
        break;
      }
      case BUILD_SLICE: {
        auto* sl = heap.alloc<SliceObj>();
        sl->step = arg == 3 ? POP() : Value::none();
        sl->stop = POP();
        sl->start = POP();
        PUSH(Value::object(sl));
        break;
      }
      // ---- [OPS] arithmetic and comparison
      case BINARY_OP:
      case INPLACE_OP: {
        Value b = s[-1], a = s[-2];
        if (a.tag == Tag::Int && b.tag == Tag::Int) {
          int64_t r;
          bool done = true;
          switch (arg) {
            case B_ADD: done = !__builtin_add_overflow(a.i, b.i, &r); break;
            case B_SUB: done = !__builtin_sub_overflow(a.i, b.i, &r); break;
            case B_MUL: done = !__builtin_mul_overflow(a.i, b.i, &r); break;
            case B_MOD:
              if (b.i == 0 || b.i == -1) { done = false; break; }
              r = a.i % b.i;
              if (r != 0 && ((r < 0) != (b.i < 0))) r += b.i;
              break;
            case B_FLOORDIV:
              if (b.i == 0 || b.i == -1) { done = false; break; }
              r = a.i / b.i;
              if ((a.i % b.i != 0) && ((a.i < 0) != (b.i < 0))) r--;
              break;
            case B_AND: r = a.i & b.i; break;
            case B_OR: r = a.i | b.i; break;
            case B_XOR: r = a.i ^ b.i; break;
            default: done = false; break;
          }
          if (done) { s--; s[-1] = Value::integer(r); break; }
        } else if (a.tag == Tag::Float && b.tag == Tag::Float && arg <= B_TRUEDIV) {
          double r = arg == B_ADD ? a.f + b.f : arg == B_SUB ? a.f - b.f : arg == B_MUL ? a.f * b.f : 0;
          if (arg != B_TRUEDIV || b.f != 0) {
            if (arg == B_TRUEDIV) r = a.f / b.f;
            s--;
            s[-1] = Value::floating(r);
            break;
          }
        }
        SAVE_FRAME();
        Value out;
        if (!binary_op(t, int(arg), a, b, &out, uint8_t(w) == INPLACE_OP)) ERROR();
        s--;
        s[-1] = out;
        break;
      }
      case UNARY_NOT: {
        bool known;
        bool tv = fast_truthy(s[-1], &known);
        if (!known) { SAVE_FRAME(); if (!truthy(t, s[-1], &tv)) ERROR(); }
        s[-1] = Value::boolean(!tv);
        break;
      }
      case UNARY_NEG:
      case UNARY_POS:
      case UNARY_INVERT: {
        Value v = s[-1];
        SAVE_FRAME();
        uint8_t op = uint8_t(w);
        if (v.is_intlike() || is_bigint(v)) {
          if (op == UNARY_POS) s[-1] = v.is_bool() ? Value::integer(v.as_int()) : v;
          else if (op == UNARY_NEG) s[-1] = int_neg(heap, v);
          else if (is_bigint(v)) s[-1] = int_invert(heap, v);
          else s[-1] = Value::integer(~v.as_int());
        } else if (v.is_float() && op != UNARY_INVERT) {
          s[-1] = Value::floating(op == UNARY_NEG ? -v.f : v.f);
        } else {
          const char* mname = op == UNARY_NEG ? "__neg__" : op == UNARY_POS ? "__pos__" : "__invert__";
          Value m;
          bool found = false;
          if (is_type(v, ObjType::Instance) && !lookup_attr(t, v, heap.intern(mname), &m, &found)) ERROR();
          if (!found) {
            raise(t, cls.TypeError, std::string("bad operand type for unary ") + (op == UNARY_NEG ? "-" : op == UNARY_POS ? "+" : "~") + ": '" + type_name(v) + "'");
            ERROR();
          }
          Value out;
          if (!call_value(t, m, {}, &out)) ERROR();
          s[-1] = out;
        }
        break;
      }
      case COMPARE_OP: {
        Value b = s[-1], a = s[-2];
        if (a.tag == Tag::Int && b.tag == Tag::Int && arg <= C_GE) {
          bool r = false;
          switch (arg) {
            case C_LT: r = a.i < b.i; break;
            case C_LE: r = a.i <= b.i; break;
            case C_EQ: r = a.i == b.i; break;
            case C_NE: r = a.i != b.i; break;
            case C_GT: r = a.i > b.i; break;
            case C_GE: r = a.i >= b.i; break;
          }
          s--;
          s[-1] = Value::boolean(r);
          break;
        }
        SAVE_FRAME();
        if ((arg == C_IN || arg == C_NOT_IN) && python_method(b, "__contains__")) {
          s -= 2;  // a Python __contains__ runs as a frame (it may block)
          SAVE_FRAME();
          if (!push_helper(t, "_contains_of", {b, a, Value::boolean(arg == C_NOT_IN)})) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        if ((arg == C_IN || arg == C_NOT_IN) && iterates_python(b)) {
          Value m;
          ClassObj* bc = is_type(b, ObjType::Instance) ? as<InstanceObj>(b)->cls : nullptr;
          if (!bc || (!find_class_attr(bc, heap.intern("__contains__"), &m) && find_class_attr(bc, heap.intern("__iter__"), &m))) {
            // searching a Python-level iterator: a helper frame does it
            s -= 2;
            SAVE_FRAME();
            if (!push_helper(t, "_contains", {b, a, Value::boolean(arg == C_NOT_IN)})) ERROR();
            t.frames.back()->line_of_call = f->code->lines[pc - 1];
            LOAD_FRAME();
            break;
          }
        }
        Value out;
        if (!compare(t, a, b, int(arg), &out)) ERROR();
        s--;
        s[-1] = out;
        break;
      }
      // ---- [OPS] jumps
      case JUMP:
        if (arg < pc) {  // a loop back-edge
          pc = arg;
          SWITCH_POINT();
          break;
        }
        pc = arg;
        break;
      case POP_JUMP_IF_FALSE:
      case POP_JUMP_IF_TRUE: {
        Value v = POP();
        bool known;
        bool tv = fast_truthy(v, &known);
        if (!known) { SAVE_FRAME(); if (!truthy(t, v, &tv)) ERROR(); }
        if (tv == (uint8_t(w) == POP_JUMP_IF_TRUE)) pc = arg;
        break;
      }
      case JUMP_IF_FALSE_OR_POP:
      case JUMP_IF_TRUE_OR_POP: {
        bool known;
        bool tv = fast_truthy(s[-1], &known);
        if (!known) { SAVE_FRAME(); if (!truthy(t, s[-1], &tv)) ERROR(); }
        if (tv == (uint8_t(w) == JUMP_IF_TRUE_OR_POP)) pc = arg;
        else --s;
        break;
      }
      // ---- [OPS] iteration
      case GET_AWAITABLE: {
        SAVE_FRAME();
        Value it;
        if (!get_awaitable(t, s[-1], &it)) ERROR();
        s[-1] = it;
        break;
      }
      case GET_ITER: {
        SAVE_FRAME();
        if (FunctionObj* fn = python_method(s[-1], "__iter__")) {  // a frame: it may block
          Value self = POP();
          SAVE_FRAME();
          if (!push_call(t, fn, &self, 1, nullptr, Resume::Call)) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        Value it;
        if (!get_iter(t, s[-1], &it)) ERROR();
        s[-1] = it;
        break;
      }
      case FOR_ITER: {
        Value it = s[-1];
        if (it.tag == Tag::Obj && it.o->type == ObjType::Iterator) {
          auto* io = as<IteratorObj>(it);
          if (io->kind == IterKind::Range) {
            if (io->step > 0 ? io->pos < io->end : io->pos > io->end) {
              PUSH(Value::integer(io->pos));
              io->pos += io->step;
            } else {
              --s;
              pc = arg;
            }
            break;
          }
          if (io->kind == IterKind::Seq) {
            auto& items = is_type(io->src, ObjType::List) ? as<ListObj>(io->src)->items : as<TupleObj>(io->src)->items;
            if (io->pos < int64_t(items.size())) {
              PUSH(items[size_t(io->pos++)]);
            } else {
              --s;
              pc = arg;
            }
            break;
          }
        }
        SAVE_FRAME();
        if (GeneratorObj* g = generator_of(it)) {
          if (!g->frame) { --s; pc = arg; break; }
          if (resume_generator(t, g, Value(), Resume::ForIter, arg) == NativeStatus::Error) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        if (FunctionObj* next = is_type(it, ObjType::Instance) ? python_next(it) : nullptr) {
          // a user iterator's __next__ runs as a frame; its StopIteration ends the loop (unwind)
          if (!push_call(t, next, &it, 1, nullptr, Resume::NextItem)) ERROR();
          t.frames.back()->resume_target = arg;
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        Value v;
        bool has;
        if (!iter_next(t, it, &v, &has)) ERROR();
        if (has) PUSH(v);
        else { --s; pc = arg; }
        break;
      }
      // ---- [OPS] building and unpacking containers
      case BUILD_TUPLE: {
        auto* tup = heap.alloc<TupleObj>();
        tup->items.assign(s - arg, s);
        s -= arg;
        PUSH(Value::object(tup));
        break;
      }
      case BUILD_LIST: {
        auto* l = heap.alloc<ListObj>();
        l->items.assign(s - arg, s);
        s -= arg;
        PUSH(Value::object(l));
        break;
      }
      case BUILD_SET: {
        auto* st = heap.alloc<SetObj>();
        for (uint32_t i = arg; i > 0; i--) {
          SAVE_FRAME();
          if (!dict_set(t, &st->d, s[-int(i)], Value::none())) ERROR();
        }
        s -= arg;
        PUSH(Value::object(st));
        break;
      }
      case BUILD_MAP: {
        auto* d = heap.alloc<DictObj>();
        for (uint32_t i = arg; i > 0; i--) {
          Value k = s[-2 * int(i)];
          SAVE_FRAME();
          if (!dict_set(t, d, k, s[-2 * int(i) + 1])) ERROR();
        }
        s -= 2 * arg;
        PUSH(Value::object(d));
        break;
      }
      case LIST_APPEND: {
        Value v = POP();
        as<ListObj>(s[-int(arg)])->items.push_back(v);
        break;
      }
      case SET_ADD: {
        Value v = POP();
        SAVE_FRAME();
        if (!dict_set(t, &as<SetObj>(s[-int(arg)])->d, v, Value::none())) ERROR();
        break;
      }
      case MAP_ADD: {
        Value v = POP();
        Value k = POP();
        SAVE_FRAME();
        if (!dict_set(t, as<DictObj>(s[-int(arg)]), k, v)) ERROR();
        break;
      }
      case LIST_EXTEND:
      case SET_UPDATE: {
        Value src = POP();
        SAVE_FRAME();
        if (iterates_python(src)) {
          // a helper frame collects the items; the instruction then runs again on its list
          pc--;
          SAVE_FRAME();
          if (!push_helper(t, "_list", {src})) { pc++; SAVE_FRAME(); ERROR(); }
          t.frames.back()->line_of_call = f->code->lines[pc];
          LOAD_FRAME();
          break;
        }
        std::vector<Value> items;
        if (!to_vector(t, src, &items)) ERROR();
        if (uint8_t(w) == LIST_EXTEND) {
          auto& dst = as<ListObj>(s[-int(arg)])->items;
          dst.insert(dst.end(), items.begin(), items.end());
        } else {
          for (auto& v : items)
            if (!dict_set(t, &as<SetObj>(s[-int(arg)])->d, v, Value::none())) ERROR();
        }
        break;
      }
      case DICT_UPDATE: {
        Value src = POP();
        SAVE_FRAME();
        if (!is_type(src, ObjType::Dict)) {
          raise(t, cls.TypeError, "'" + type_name(src) + "' object is not a mapping");
          ERROR();
        }
        if (!dict_merge(t, as<DictObj>(s[-int(arg)]), as<DictObj>(src))) ERROR();
        break;
      }
      case LIST_TO_TUPLE: {
        auto* tup = heap.alloc<TupleObj>();
        tup->items = as<ListObj>(s[-1])->items;
        s[-1] = Value::object(tup);
        break;
      }
      case UNPACK_SEQUENCE:
      case UNPACK_EX: {
        Value src = POP();
        SAVE_FRAME();
        std::vector<Value> items;
        if (is_type(src, ObjType::Tuple)) items = as<TupleObj>(src)->items;
        else if (is_type(src, ObjType::List)) items = as<ListObj>(src)->items;
        else {
          if (!(src.tag == Tag::Obj)) {
            raise(t, cls.TypeError, "cannot unpack non-iterable " + type_name(src) + " object");
            ERROR();
          }
          if (iterates_python(src)) {
            // a helper frame takes the items (at most arg + 1, like CPython); then again on its list
            pc--;
            SAVE_FRAME();
            bool ok = uint8_t(w) == UNPACK_SEQUENCE ? push_helper(t, "_take", {src, Value::integer(arg)})
                                                    : push_helper(t, "_list", {src});
            if (!ok) { pc++; SAVE_FRAME(); ERROR(); }
            t.frames.back()->line_of_call = f->code->lines[pc];
            LOAD_FRAME();
            break;
          }
          if (!to_vector(t, src, &items)) ERROR();
        }
        if (uint8_t(w) == UNPACK_SEQUENCE) {
          if (items.size() != arg) {
            if (items.size() > arg) raise(t, cls.ValueError, "too many values to unpack (expected " + std::to_string(arg) + ")");
            else raise(t, cls.ValueError, "not enough values to unpack (expected " + std::to_string(arg) + ", got " + std::to_string(items.size()) + ")");
            ERROR();
          }
          for (size_t i = items.size(); i-- > 0;) PUSH(items[i]);
        } else {
          size_t before = arg & 0xFF, after = arg >> 8;
          if (items.size() < before + after) {
            raise(t, cls.ValueError, "not enough values to unpack (expected at least " + std::to_string(before + after) + ", got " + std::to_string(items.size()) + ")");
            ERROR();
          }
          for (size_t i = 0; i < after; i++) PUSH(items[items.size() - 1 - i]);
          auto* mid = heap.alloc<ListObj>();
          mid->items.assign(items.begin() + long(before), items.end() - long(after));
          PUSH(Value::object(mid));
          for (size_t i = before; i-- > 0;) PUSH(items[i]);
        }
        break;
      }
      // ---- [OPS] functions and classes
      case MAKE_FUNCTION: {
        auto* fn = heap.alloc<FunctionObj>();
        fn->code = as<CodeObj>(POP());
        fn->name = fn->code->name;
        fn->globals = f->globals;
        if (arg & MF_CLOSURE) {
          for (auto& c : as<TupleObj>(POP())->items) fn->closure.push_back(as<CellObj>(c));
        }
        if (arg & MF_KWDEFAULTS) fn->kwdefaults = as<DictObj>(POP());
        if (arg & MF_DEFAULTS) fn->defaults = as<TupleObj>(POP())->items;
        PUSH(Value::object(fn));
        break;
      }
      case BUILD_CLASS: {  // arg: 1 a metaclass given, 2 the bases are a tuple (more than one)
        Value ns = POP();
        Value base = POP();
        Value name = POP();
        Value meta = (arg & 1) ? POP() : Value();
        SAVE_FRAME();
        std::vector<Value> bases;
        if (arg & 2) bases = as<TupleObj>(base)->items;
        else if (!base.is_none()) bases.push_back(base);
        if (!resolve_mro_entries(t, &bases, as<DictObj>(ns))) ERROR();
        ClassObj* c = make_class(t, as<StrObj>(name)->s, bases, as<DictObj>(ns), meta);
        if (!c) ERROR();
        PUSH(Value::object(c));
        break;
      }
      // ---- [OPS] returns, generators and coroutines
      case RETURN_VALUE: {
        Value rv = POP();
        Frame* done = f;
        t.frames.pop_back();
        t.exc_stack.resize(std::min<size_t>(t.exc_stack.size(), done->exc_base));
        Resume how = done->resume;
        uint32_t target = done->resume_target;
        Value init_self = done->init_self;
        bool was_gen = done->gen != nullptr;
        bool consumed_ok = true;
        if (done->gen) {
          done->gen->running = false;
          done->gen->frame = nullptr;
          if (how == Resume::Consume) {  // the generator is exhausted: the builtin's result
            bool stop = false;
            consumed_ok = done->consume.fn(*this, t, done->consume, nullptr, &stop, &rv);
          }
          if (how == Resume::Nested) { t.result = rv; t.last_yielded = false; }
        }
        release_frame(done);  // finished generators give their frame back to the pool too
        if (how == Resume::GreenletEnd) BATCH_BEFORE();  // its end is traced
        if (how == Resume::GreenletEnd && greenlet_ended(t, rv, false)) {
          LOAD_FRAME();
          break;
        }
        if (t.frames.size() <= base_depth) {
          if (!consumed_ok) return RunStatus::Error;
          if (!(was_gen && how == Resume::Nested)) t.result = rv;
          if (how == Resume::Init && !rv.is_none()) {
            raise(t, cls.TypeError, "__init__() should return None, not '" + type_name(rv) + "'");
            return RunStatus::Error;
          }
          if (how == Resume::Init) t.result = init_self;
          return RunStatus::Done;
        }
        LOAD_FRAME();
        if (!consumed_ok) ERROR();
        switch (how) {
          case Resume::Call:
          case Resume::Nested:
            if (was_gen && how == Resume::Call) {  // next()/send() on a finished generator
              SAVE_FRAME();
              raise_value(t, make_exception(cls.StopIteration, rv.is_none() ? std::vector<Value>{} : std::vector<Value>{rv}));
              ERROR();
            }
            PUSH(rv);
            break;
          case Resume::Init:
            if (!rv.is_none()) {
              SAVE_FRAME();
              raise(t, cls.TypeError, "__init__() should return None, not '" + type_name(rv) + "'");
              ERROR();
            }
            PUSH(init_self);
            break;
          case Resume::ForIter: --s; pc = target; break;
          case Resume::YieldFrom: s[-1] = rv; pc = target; break;
          case Resume::NextItem:
          case Resume::Consume: PUSH(rv); break;
          case Resume::Discard: break;
        }
        break;
      }
      case YIELD_VALUE: {
        Value v = POP();
        SAVE_FRAME();
        Frame* g = f;
        if (g->resume == Resume::Consume) {
          // a builtin takes the value and the generator goes on (the yield's value is None)
          bool stop = false;
          bool ok = g->consume.fn(*this, t, g->consume, &v, &stop, nullptr);
          if (ok && !stop) { PUSH(Value::none()); break; }
          // stopped early or failed: the generator stays suspended at this yield
          t.frames.pop_back();
          g->gen->running = false;
          Value result;
          if (ok) ok = g->consume.fn(*this, t, g->consume, nullptr, &stop, &result);
          g->consume = ConsumeState();
          if (t.frames.size() <= base_depth) {
            if (!ok) return RunStatus::Error;
            t.result = result;
            return RunStatus::Done;
          }
          LOAD_FRAME();
          if (!ok) ERROR();
          PUSH(result);
          break;
        }
        t.frames.pop_back();
        g->gen->running = false;
        if (g->resume == Resume::Nested) { t.result = v; t.last_yielded = true; }
        if (t.frames.size() <= base_depth) {
          if (g->resume != Resume::Nested) t.result = v;
          return RunStatus::Done;
        }
        LOAD_FRAME();
        PUSH(v);
        break;
      }
      case YF_SEND: {
        Value sent = POP();
        Value it = s[-1];
        SAVE_FRAME();
        if (!f->throw_value.empty()) {  // throw() into a generator delegating with yield from
          Value e = f->throw_value;
          f->throw_value = Value();
          f->throw_into_delegate = false;
          GeneratorObj* d = is_type(it, ObjType::Generator) ? as<GeneratorObj>(it) : nullptr;
          if (!d || !d->frame || !d->started) { t.exc = e; ERROR(); }
          if (throw_generator(t, d, e, Resume::YieldFrom, arg) == NativeStatus::Error) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        if (GeneratorObj* g = generator_of(it)) {
          if (!g->frame) { s[-1] = Value::none(); pc = arg; break; }
          bool sendable = g->started && is_type(it, ObjType::Generator);  // a lazy builtin's helper takes no values
          if (resume_generator(t, g, sendable ? sent : Value(), Resume::YieldFrom, arg) == NativeStatus::Error) ERROR();
          t.frames.back()->line_of_call = f->code->lines[pc - 1];
          LOAD_FRAME();
          break;
        }
        Value v;
        bool has;
        if (!iter_next(t, it, &v, &has)) ERROR();
        if (has) PUSH(v);
        else { s[-1] = Value::none(); pc = arg; }
        break;
      }
      // ---- [OPS] exceptions and with
      case SETUP_FINALLY:
        f->blocks.push_back(Block{arg, uint32_t(s - L), uint32_t(t.exc_stack.size() - f->exc_base)});
        break;
      case POP_BLOCK: f->blocks.pop_back(); break;
      case POP_EXCEPT: if (!t.exc_stack.empty()) t.exc_stack.pop_back(); break;
      case RERAISE: {
        Value exc = POP();
        SAVE_FRAME();
        t.exc = exc;
        t.reraising = true;  // keeps the traceback as it was (no entry for this line)
        ERROR();
      }
      case RAISE_VARARGS: {
        SAVE_FRAME();
        Value exc;
        if (arg == 0) {
          if (t.exc_stack.empty()) { raise(t, cls.RuntimeError, "No active exception to reraise"); ERROR(); }
          t.exc = t.exc_stack.back();
          t.reraising = true;
          ERROR();
        }
        Value cause = arg == 2 ? POP() : Value();
        exc = POP();
        SAVE_FRAME();
        if (!exception_instance(t, exc, "exceptions must derive from BaseException")) ERROR();
        if (arg == 2) {  // raise ... from cause: the cause is shown, the context is not
          if (!cause.is_none() && !exception_instance(t, cause, "exception causes must derive from BaseException")) ERROR();
          auto* e = as<InstanceObj>(exc);
          e->dict->set(intern("__cause__"), cause);
          e->dict->set(intern("__suppress_context__"), Value::boolean(true));
        }
        raise_value(t, exc);
        ERROR();
      }
      case RAISE_ASSERT: {
        SAVE_FRAME();
        if (arg) {
          Value msg = POP();
          SAVE_FRAME();
          raise_value(t, make_exception(cls.AssertionError, {msg}));
        } else {
          raise_value(t, make_exception(cls.AssertionError, {}));
        }
        ERROR();
      }
      case EXC_MATCH: {
        Value type = POP();
        Value exc = POP();  // the DUP_TOP'd copy; the original stays for the handler
        SAVE_FRAME();
        auto matches = [&](const Value& ty) -> int {
          if (!is_type(ty, ObjType::Class) || !as<ClassObj>(ty)->is_exception) return -1;
          return isinstance(exc, as<ClassObj>(ty)) ? 1 : 0;
        };
        bool ok = false;
        if (is_type(type, ObjType::Tuple)) {
          for (auto& ty : as<TupleObj>(type)->items) {
            int m = matches(ty);
            if (m < 0) { raise(t, cls.TypeError, "catching classes that do not inherit from BaseException is not allowed"); ERROR(); }
            if (m) ok = true;
          }
        } else {
          int m = matches(type);
          if (m < 0) { raise(t, cls.TypeError, "catching classes that do not inherit from BaseException is not allowed"); ERROR(); }
          ok = m == 1;
        }
        PUSH(Value::boolean(ok));
        break;
      }
      case WITH_EXC_PREP: {
        // [exit exc] -> [exc exit type exc None]
        Value exc = s[-1], exit = s[-2];
        s[-2] = exc;
        s[-1] = exit;
        PUSH(Value::object(type_of(exc)));
        PUSH(exc);
        PUSH(Value::none());
        break;
      }
      // ---- [OPS] imports
      case IMPORT_NAME: {
        SAVE_FRAME();
        BATCH_BEFORE();
        Value m = import_module(t, as<StrObj>(f->code->names[arg])->s);
        if (m.empty()) ERROR();
        PUSH(m);
        BATCH_AFTER();
        break;
      }
      case IMPORT_FROM: {
        Value m = s[-1];
        SAVE_FRAME();
        Value* v = as<ModuleObj>(m)->dict->find(f->code->names[arg]);
        if (!v) {
          // `from package import submodule` imports it, as CPython does.
          const std::string sub = as<ModuleObj>(m)->name + "." + as<StrObj>(f->code->names[arg])->s;
          if (module_sources.count(sub) || prelude_module_source(sub)) {
            BATCH_BEFORE();
            Value mod = import_module(t, sub);
            if (mod.empty()) ERROR();
            PUSH(mod);
            BATCH_AFTER();
            break;
          }
          raise(t, cls.ImportError, "cannot import name '" + as<StrObj>(f->code->names[arg])->s + "' from '" + as<ModuleObj>(m)->name + "'");
          ERROR();
        }
        PUSH(*v);
        break;
      }
      case IMPORT_STAR: {
        Value m = s[-1];
        for (auto& e : as<ModuleObj>(m)->dict->entries) {
          if (e.first.empty() || as<StrObj>(e.first)->s[0] == '_') continue;
          (f->locals ? f->locals : f->globals)->set(e.first, e.second);
        }
        break;
      }
      // ---- [OPS] f-strings
      case FORMAT_VALUE: {
        Value spec = (arg & FV_SPEC) ? POP() : Value();
        Value v = s[-1];
        SAVE_FRAME();
        std::string out;
        int conv = int(arg & 3);
        if (conv == FV_REPR || conv == FV_ASCII) {
          if (!repr(t, v, &out)) ERROR();
          v = str(out);
        } else if (conv == FV_STR) {
          if (!to_str(t, v, &out)) ERROR();
          v = str(out);
        }
        if (spec.empty() && is_type(v, ObjType::Str)) { s[-1] = v; break; }
        if (!format_value(t, v, spec.empty() ? std::string() : as<StrObj>(spec)->s, &out)) ERROR();
        s[-1] = str(std::move(out));
        break;
      }
      case BUILD_STRING: {
        std::string out;
        for (uint32_t i = arg; i > 0; i--) out += as<StrObj>(s[-int(i)])->s;
        s -= arg;
        PUSH(str(std::move(out)));
        break;
      }
      default:
        SAVE_FRAME();
        raise(t, cls.SystemExit, "bad opcode");
        ERROR();
    }
    continue;
  error:
    BATCH_BEFORE();  // unwinding can end a greenlet, which is traced
    if (!unwind(t, base_depth)) return RunStatus::Error;
    LOAD_FRAME();
  }
#undef LOAD_FRAME
#undef LOAD_FRAME_ONLY
#undef SAVE_FRAME
#undef PUSH
#undef POP
#undef TOP
#undef ERROR
#undef SYNC_COUNT
#undef SWITCH_POINT
#undef BATCH_BEFORE
#undef BATCH_AFTER
}

}  // namespace interleave::py
