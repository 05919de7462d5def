// Det step mode within a thread: which ready coroutine its asyncio event loop or gevent hub
// runs next (program.h, "Coroutines in det step mode").
//
// Both schedulers are Python (lib/asyncio, lib/gevent) and pick first in first out from a
// list of handles: the loop's `_ready` (Handle._callback is a Task's `_step` or `_wakeup`),
// the hub's `_todo` (this round's callbacks, taken one at a time) then `_callbacks` (the
// next round's; greenlet.switch bound to the greenlet). Steering moves a handle to the front
// between two scheduler steps, so an unsteered run executes exactly the bytecodes it always
// did, and a replay makes the same move before the same step (core::CoroutineChoice).
#include <algorithm>
#include <optional>

#include "py/greenlet.h"
#include "py/runtime/runtime.h"

namespace interleave::py {

namespace {

bool ended_status(ProgramStatus s) {
  return s == ProgramStatus::Finished || s == ProgramStatus::Deadlock || s == ProgramStatus::Cancelled;
}

// The instance attribute `name` of `obj` as stored (no class lookup), or null.
Value* own(VM& vm, const Value& obj, const char* name) {
  if (!is_type(obj, ObjType::Instance) || !as<InstanceObj>(obj)->dict) return nullptr;
  return as<InstanceObj>(obj)->dict->find(vm.intern(name));
}

// Global `name` of module `module` in `vm`, or null when the module was never imported.
Value* module_global(VM& vm, const char* module, const char* name) {
  auto it = vm.modules.find(module);
  if (it == vm.modules.end() || !it->second->dict) return nullptr;
  return it->second->dict->find(vm.intern(name));
}

// dict[int key] by scanning (the loop and hub registries are keyed by thread ident).
Value* entry_for(const Value& dict, int64_t key) {
  if (!is_type(dict, ObjType::Dict)) return nullptr;
  for (auto& e : as<DictObj>(dict)->entries)
    if (!e.first.empty() && e.first.is_int() && e.first.i == key) return &e.second;
  return nullptr;
}

ListObj* list_attr(VM& vm, const Value& obj, const char* name) {
  Value* v = own(vm, obj, name);
  return v && is_type(*v, ObjType::List) ? as<ListObj>(*v) : nullptr;
}

// A thread's ready queue: one list (asyncio) or two taken in turn (gevent's todo, callbacks).
struct ReadyQueue {
  ListObj* parts[2] = {nullptr, nullptr};
  bool asyncio = false;
  Value hub;  // gevent: the hub greenlet (its own runs are the thread's code, not a coroutine's)
  size_t size() const { return (parts[0] ? parts[0]->items.size() : 0) + (parts[1] ? parts[1]->items.size() : 0); }
  Value& at(size_t i) {
    const size_t first = parts[0] ? parts[0]->items.size() : 0;
    return i < first ? parts[0]->items[i] : parts[1]->items[i - first];
  }
};

ReadyQueue queue_of(VM& vm, core::ThreadId tid) {
  ReadyQueue q;
  if (Value* loops = module_global(vm, "asyncio", "_running_loops"))
    if (Value* loop = entry_for(*loops, tid))
      if (ListObj* ready = list_attr(vm, *loop, "_ready")) {
        q.parts[0] = ready;
        q.asyncio = true;
        return q;
      }
  if (Value* hubs = module_global(vm, "gevent", "_hubs"))
    if (Value* hub = entry_for(*hubs, tid)) {
      GreenletState* g = greenlet_state(vm, *hub);
      if (!g || g->dead) return q;
      q.hub = *hub;
      q.parts[0] = list_attr(vm, *hub, "_todo");
      q.parts[1] = list_attr(vm, *hub, "_callbacks");
      if (q.parts[0] == q.parts[1]) q.parts[1] = nullptr;  // between `todo = ...` and `_callbacks = []`
    }
  return q;
}

// The coroutine a queued handle runs, if it runs one (and is not cancelled).
std::optional<ReadyCoroutine> coroutine_of(VM& vm, const ReadyQueue& q, const Value& handle) {
  Value* cancelled = own(vm, handle, q.asyncio ? "_cancelled" : "cancelled");
  if (cancelled && cancelled->tag == Tag::Bool && cancelled->b) return std::nullopt;
  Value* cb = own(vm, handle, q.asyncio ? "_callback" : "callback");
  if (!cb || !is_type(*cb, ObjType::BoundMethod)) return std::nullopt;
  const Value& self = as<BoundMethodObj>(*cb)->self;
  ReadyCoroutine r;
  if (q.asyncio) {  // a Task's _step or _wakeup
    Value* slot = own(vm, self, "_trace_slot");
    Value* name = own(vm, self, "_name");
    if (!slot || !own(vm, self, "_coro")) return std::nullopt;
    r.id = slot->is_int() ? core::ObjectId(slot->i) : 0;
    r.name = name && is_type(*name, ObjType::Str) ? as<StrObj>(*name)->s : "Task";
    return r;
  }
  GreenletState* g = greenlet_state(vm, self);  // a greenlet's switch
  if (!g || g->dead) return std::nullopt;
  r.id = core::ObjectId(g->trace_slot);
  r.name = greenlet_label(vm, *g);
  return r;
}

}  // namespace

std::vector<ReadyCoroutine> Program::ready_coroutines(core::ThreadId tid) const {
  std::vector<ReadyCoroutine> out;
  ThreadRt* rt = run_->mode() == core::Mode::Det ? thread_rt(tid) : nullptr;
  if (!rt || ended_status(status_)) return out;
  VM& vm = *rt->process->vm;
  ReadyQueue q = queue_of(vm, tid);
  for (size_t i = 0; i < q.size(); ++i)
    if (auto r = coroutine_of(vm, q, q.at(i))) {
      r->index = uint32_t(i);
      out.push_back(std::move(*r));
    }
  return out;
}

bool Program::move_coroutine_first(ThreadRt& rt, uint32_t index) {
  VM& vm = *rt.process->vm;
  ReadyQueue q = queue_of(vm, rt.tid);
  if (index >= q.size() || !coroutine_of(vm, q, q.at(index))) return false;
  const size_t first = q.parts[0] ? q.parts[0]->items.size() : 0;
  // The front of what the loop takes next: this round's list, unless it is empty.
  ListObj* front = first > 0 || !q.parts[1] ? q.parts[0] : q.parts[1];
  ListObj* from = index < first ? q.parts[0] : q.parts[1];
  const size_t at = index < first ? index : index - first;
  Value handle = from->items[at];
  from->items.erase(from->items.begin() + ptrdiff_t(at));
  front->items.insert(front->items.begin(), handle);
  return true;
}

bool Program::choose_coroutine(core::ThreadId tid, uint32_t index) {
  ThreadRt* rt = run_->mode() == core::Mode::Det ? thread_rt(tid) : nullptr;
  if (!rt || ended_status(status_) || !move_coroutine_first(*rt, index)) return false;
  coroutine_plan_pos_ = coroutine_plan_.size();  // a replay's later choices belong to another future
  run_->record_coroutine_choice({steps(), tid, index});
  return true;
}

void Program::apply_coroutine_plan() {
  const uint64_t now = steps();
  while (coroutine_plan_pos_ < coroutine_plan_.size() && coroutine_plan_[coroutine_plan_pos_].step <= now) {
    const core::CoroutineChoice c = coroutine_plan_[coroutine_plan_pos_++];
    ThreadRt* rt = c.step == now ? thread_rt(c.tid) : nullptr;
    if (rt && move_coroutine_first(*rt, c.index)) run_->record_coroutine_choice(c);
  }
}

uint64_t Program::next_planned_step() const {
  return coroutine_plan_pos_ < coroutine_plan_.size() ? coroutine_plan_[coroutine_plan_pos_].step : UINT64_MAX;
}

core::ObjectId Program::running_coroutine(core::ThreadId tid) const {
  ThreadRt* rt = thread_rt(tid);
  if (!rt) return 0;
  core::ObjectId hub = 0;  // the gevent hub reports as a greenlet, but it is the thread's loop
  if (run_->mode() == core::Mode::Det && !ended_status(status_)) {
    VM& vm = *rt->process->vm;
    ReadyQueue q = queue_of(vm, tid);
    if (GreenletState* g = q.hub.empty() ? nullptr : greenlet_state(vm, q.hub)) hub = core::ObjectId(g->trace_slot);
  }
  std::lock_guard<std::mutex> g(rt->coroutines_mu);
  for (const ThreadRt::Coroutine& c : rt->coroutines)
    if (c.state == CoState::Running && c.id != hub) return c.id;
  return 0;
}

ProgramStatus Program::step_coroutine(core::ThreadId tid, uint64_t max_steps) {
  core::ObjectId running = running_coroutine(tid);
  for (uint64_t i = 0; i < max_steps; ++i) {
    const uint64_t before = steps();
    ProgramStatus s = step(tid);
    if (ended_status(s) || steps() == before) return s;
    const core::ObjectId now = running_coroutine(tid);
    if (running != 0 && now != running) return s;  // it switched out (maybe straight into another)
    if (running == 0) running = now;               // the next coroutine began: run it to its switch
  }
  return status_;
}

}  // namespace interleave::py
