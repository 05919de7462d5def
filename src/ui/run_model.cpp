// ui/run_model.cpp - folds a run's trace into what the views draw.
//
// [SECTION] Names
// [SECTION] Construction and lookup
// [SECTION] Draining
// [SECTION] Applying one event
// [SECTION] Processes
// [SECTION] Wait-for graph
#include "ui/run_model.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <tuple>

#include "core/queue.h"
#include "core/run.h"
#include "core/sync.h"
#include "ui/ui_text.h"

namespace interleave::ui {

using core::EventKind;
using core::TraceEvent;

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------
const char* process_status_name(ProcessStatus s) {
  switch (s) {
    case ProcessStatus::Running: return "running";
    case ProcessStatus::Zombie: return "zombie";
    case ProcessStatus::Reaped: return "reaped";
    case ProcessStatus::Orphan: return "orphan";
  }
  return "?";
}

const char* object_kind_name(ObjectKind k) {
  switch (k) {
    case ObjectKind::Lock: return "Lock";
    case ObjectKind::RLock: return "RLock";
    case ObjectKind::Semaphore: return "Semaphore";
    case ObjectKind::Condition: return "Condition";
    case ObjectKind::Event: return "Event";
    case ObjectKind::Barrier: return "Barrier";
    case ObjectKind::Queue: return "Queue";
    case ObjectKind::Channel: return "Channel";
    case ObjectKind::Other: return "Object";
  }
  return "?";
}

namespace {
ObjectKind kind_from_type(std::string_view type) {
  if (type == "Lock") return ObjectKind::Lock;
  if (type == "RLock") return ObjectKind::RLock;
  if (type == "Semaphore" || type == "BoundedSemaphore") return ObjectKind::Semaphore;
  if (type == "Condition") return ObjectKind::Condition;
  if (type == "Event") return ObjectKind::Event;
  if (type == "Barrier") return ObjectKind::Barrier;
  if (type == "Queue") return ObjectKind::Queue;
  if (type == "Channel") return ObjectKind::Channel;
  return ObjectKind::Other;
}

// Guesses the kind from the first event when no run can tell (ingest-only models).
ObjectKind kind_from_event(EventKind k) {
  switch (k) {
    case EventKind::LockWait: case EventKind::LockAcquire: case EventKind::LockRelease:
    case EventKind::LockTimeout: return ObjectKind::Lock;
    case EventKind::SemAcquire: case EventKind::SemRelease: return ObjectKind::Semaphore;
    case EventKind::CondWait: case EventKind::CondNotify: return ObjectKind::Condition;
    case EventKind::EventSet: case EventKind::EventClear: return ObjectKind::Event;
    case EventKind::BarrierWait: case EventKind::BarrierPass: case EventKind::BarrierBroken:
      return ObjectKind::Barrier;
    case EventKind::QueuePut: case EventKind::QueueGet: case EventKind::QueueTaskDone:
      return ObjectKind::Queue;
    case EventKind::ChannelSend: case EventKind::ChannelRecv: return ObjectKind::Channel;
    default: return ObjectKind::Other;
  }
}

int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void erase_one(std::vector<ThreadId>& v, ThreadId t) {
  auto it = std::find(v.begin(), v.end(), t);
  if (it != v.end()) v.erase(it);
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Construction and lookup
//-----------------------------------------------------------------------------
RunModel::RunModel(core::Run& run, RunModelOptions opts) : run_(&run), mode_(run.mode()), opts_(opts) {
  axis_ = opts.axis != TimeAxis::Auto ? opts.axis : (mode_ == core::Mode::Det ? TimeAxis::Virtual : TimeAxis::Wall);
  wall_origin_ = core::Trace::wall_ticks();
  steady_origin_ = steady_ns();
}

RunModel::RunModel(core::Mode mode, RunModelOptions opts) : mode_(mode), opts_(opts) {
  axis_ = opts.axis != TimeAxis::Auto ? opts.axis : (mode_ == core::Mode::Det ? TimeAxis::Virtual : TimeAxis::Wall);
}

const Lane* RunModel::lane(ThreadId tid) const {
  if (tid >= lane_index_.size() || lane_index_[tid] < 0) return nullptr;
  return &lanes_[lane_index_[tid]];
}

const ObjectInfo* RunModel::object(ObjectId id) const {
  if (id >= object_index_.size() || object_index_[id] < 0) return nullptr;
  return &objects_[object_index_[id]];
}

std::string RunModel::thread_label(ThreadId tid) const {
  const Lane* l = lane(tid);
  return l && !l->name.empty() ? l->name : "thread" + std::to_string(tid);
}

std::string RunModel::object_label(ObjectId id) const {
  const ObjectInfo* o = object(id);
  return o && !o->name.empty() ? o->name : "obj" + std::to_string(id);
}

Lane& RunModel::lane_for(ThreadId tid, ProcessId pid) {
  if (tid >= lane_index_.size()) lane_index_.resize(tid + 1, -1);
  if (lane_index_[tid] < 0) {
    lane_index_[tid] = static_cast<int32_t>(lanes_.size());
    Lane l;
    l.tid = tid;
    l.pid = pid;
    l.color = static_cast<int>(lanes_.size());
    l.name = run_ ? run_->trace().thread_name(tid) : "thread" + std::to_string(tid);
    lanes_.push_back(std::move(l));
    processes_changed_ = true;
  }
  Lane& l = lanes_[lane_index_[tid]];
  if (pid && pid != l.pid) {
    l.pid = pid;
    process_for(pid);
    processes_changed_ = true;
  }
  return l;
}

ObjectInfo& RunModel::object_for(ObjectId id) {
  if (id >= object_index_.size()) object_index_.resize(id + 1, -1);
  if (object_index_[id] < 0) {
    object_index_[id] = static_cast<int32_t>(objects_.size());
    ObjectInfo o;
    o.id = id;
    // Type and static facts are read once, here; live state comes from events.
    if (core::Primitive* p = run_ ? run_->object(id) : nullptr) {
      o.name = p->name();
      o.kind = kind_from_type(p->type());
      if (auto* q = dynamic_cast<core::Queue*>(p)) {
        o.maxsize = q->maxsize();
        o.value_known = true;
      } else if (auto* s = dynamic_cast<core::Semaphore*>(p)) {
        o.value = s->value();
        o.value_known = true;
      } else if (o.kind == ObjectKind::Event || o.kind == ObjectKind::Lock || o.kind == ObjectKind::Channel) {
        o.value_known = true;  // an Event starts clear, a Channel empty
      }
    } else {
      o.name = run_ ? run_->trace().object_name(id) : "obj" + std::to_string(id);
    }
    objects_.push_back(std::move(o));
  }
  return objects_[object_index_[id]];
}

void RunModel::name_thread(ThreadId tid, std::string name) { lane_for(tid, 0).name = std::move(name); }

void RunModel::name_object(ObjectId id, std::string name, ObjectKind kind) {
  ObjectInfo& o = object_for(id);
  o.name = std::move(name);
  o.kind = kind;
  if (kind == ObjectKind::Event || kind == ObjectKind::Queue || kind == ObjectKind::Channel) o.value_known = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Draining
//-----------------------------------------------------------------------------
// New threads and objects get lanes / rows before their first event, so a thread
// that has not started yet is shown as "new".
void RunModel::discover() {
  size_t n = run_->thread_count();
  for (ThreadId tid = 1; tid <= n; ++tid) {
    if (tid < lane_index_.size() && lane_index_[tid] >= 0) continue;
    core::ThreadContext* t = run_->thread(tid);
    if (!t) continue;
    lane_for(tid, t->process ? t->process->pid : 0);
  }
  for (ObjectId id = static_cast<ObjectId>(std::max<size_t>(object_index_.size(), 1));; ++id) {
    if (!run_->object(id)) break;
    object_for(id);
  }
}

size_t RunModel::drain() {
  if (!run_) return 0;
  discover();
  batch_.clear();
  size_t n = run_->thread_count();
  for (ThreadId tid = 1; tid <= n; ++tid) {
    core::ThreadContext* t = run_->thread(tid);
    if (t && t->trace) t->trace->drain(batch_);
  }
  if (run_->trace().overflowed() && trace_note_.empty()) trace_note_ = run_->trace().overflow_message();
  size_t got = batch_.size();
  if (axis_ == TimeAxis::Wall) calibrate_wall();
  ingest(batch_);
  sync_processes();
  if (processes_changed_) rebuild_process_tree();
  // A lane made before its thread was named (the main thread's first events in step mode)
  // keeps the trace's "threadN" fallback: look its name up again until it has one.
  for (Lane& l : lanes_)
    if (l.name.size() > 6 && l.name.compare(0, 6, "thread") == 0 && l.name == "thread" + std::to_string(l.tid))
      l.name = run_->trace().thread_name(l.tid);
  return got;
}

void RunModel::ingest(std::vector<TraceEvent>& batch) {
  // Buffers are drained one after another: restore the run's order.
  std::sort(batch.begin(), batch.end(), [](const TraceEvent& a, const TraceEvent& b) { return a.seq < b.seq; });
  for (const TraceEvent& e : batch) apply(e);
  if (!run_ && processes_changed_) rebuild_process_tree();  // drain() rebuilds after its sync
}

void RunModel::calibrate_wall() {
  if (wall_scale_frozen_) return;
  const int64_t ticks = core::Trace::wall_ticks(), ns = steady_ns();
  const int64_t dt = ticks - wall_origin_, dn = ns - steady_origin_;
  if (dt > 0 && dn >= 1'000'000) {  // 1 ms of both clocks: good to ~1e-4
    wall_scale_ = static_cast<double>(dn) / static_cast<double>(dt);
    wall_scale_known_ = true;
    wall_scale_frozen_ = dn >= 200'000'000;  // 200 ms: exact enough for good
  } else if (!wall_scale_known_ && dt > 0) {
    // Too early to measure: borrow core's calibration over the run so far.
    const core::Trace& tr = run_->trace();
    double r = static_cast<double>(tr.wall_ns(ticks) - tr.wall_ns(wall_origin_)) / static_cast<double>(dt);
    if (r > 0) wall_scale_ = r;
  }
}

int64_t RunModel::time_of(const TraceEvent& e) const {
  switch (axis_) {
    case TimeAxis::Sequence: return static_cast<int64_t>(e.seq);
    case TimeAxis::Wall:
      return run_ ? static_cast<int64_t>(static_cast<double>(e.wall - wall_origin_) * wall_scale_) : e.wall;
    default: return e.vtime;
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Applying one event
//-----------------------------------------------------------------------------
void RunModel::set_state(Lane& l, int64_t t, LaneState s, ObjectId obj) {
  if (!l.states.empty()) {
    StateSpan& last = l.states.back();
    if (last.state == s && last.object == obj) return;  // no change: keep one span
    // Spans never go backwards, even if a clock did (free mode, TSC per core).
    t = std::max(t, last.start);
    if (t == last.start) {
      // Zero-length: replace it instead of keeping an invisible span.
      l.states.pop_back();
      if (!l.states.empty() && l.states.back().state == s && l.states.back().object == obj) {
        l.states.back().end = kOpenEnd;
        l.state = s;
        l.blocked_on = obj;
        return;
      }
    } else {
      last.end = t;
    }
  }
  l.states.push_back(StateSpan{t, kOpenEnd, s, obj});
  l.state = s;
  l.blocked_on = s == LaneState::Blocked ? obj : 0;
}

void RunModel::add_line(Lane& l, std::string line) {
  l.lines.push_back(std::move(line));
  if (l.lines.size() > opts_.max_lines_per_lane) {
    l.lines.pop_front();
    ++l.lines_hidden;
  }
}

void RunModel::apply_lock(Lane& l, ObjectInfo& o, const TraceEvent& e, int64_t t) {
  if (e.kind == EventKind::LockAcquire) {
    bool first = o.owner != l.tid || o.count == 0;
    o.owner = l.tid;
    o.count = e.value;
    if (first) {
      if (!l.holds.empty()) t = std::max(t, l.holds.back().start);  // sorted by start, whatever the clock did
      l.open_holds.push_back(static_cast<uint32_t>(l.holds.size()));
      l.holds.push_back(HoldSpan{t, kOpenEnd, o.id});
    }
    return;
  }
  if (e.kind != EventKind::LockRelease) return;
  o.count = e.value;
  if (e.value != 0) return;  // an RLock still held
  // Python lets any thread release a Lock: close the releaser's hold if it has
  // one, else the owner's. Only clear the owner if it is the thread released.
  ThreadId holder = l.tid;
  // Only the open holds are searched (a few), not the whole history.
  auto open_hold = [&](Lane& h) -> HoldSpan* {
    for (size_t k = h.open_holds.size(); k-- > 0;) {
      HoldSpan& span = h.holds[h.open_holds[k]];
      if (span.object == o.id) {
        h.open_holds.erase(h.open_holds.begin() + static_cast<long>(k));
        return &span;
      }
    }
    return nullptr;
  };
  HoldSpan* hs = open_hold(l);
  Lane* hl = &l;
  if (!hs && o.owner && o.owner < lane_index_.size() && lane_index_[o.owner] >= 0) {
    hl = &lanes_[lane_index_[o.owner]];
    hs = open_hold(*hl);
    holder = o.owner;
  }
  if (hs) {
    hs->end = std::max(t, hs->start);
    hl->longest_hold = std::max(hl->longest_hold, hs->end - hs->start);
  }
  if (o.owner == holder) o.owner = 0;
}

void RunModel::apply_object(Lane& l, ObjectInfo& o, const TraceEvent& e) {
  switch (e.kind) {
    case EventKind::SemAcquire:
      o.value = e.value;
      o.value_known = true;
      o.holders.push_back(l.tid);
      break;
    case EventKind::SemRelease:
      o.value = e.value;
      o.value_known = true;
      if (std::find(o.holders.begin(), o.holders.end(), l.tid) != o.holders.end())
        erase_one(o.holders, l.tid);
      else if (!o.holders.empty())
        o.holders.erase(o.holders.begin());  // released by a thread that did not acquire
      break;
    case EventKind::EventSet:
    case EventKind::EventClear:
      o.value = e.value;
      o.value_known = true;
      break;
    case EventKind::QueuePut:
      o.value = e.value;
      o.value_known = true;
      ++o.unfinished;  // as Queue.put does
      break;
    case EventKind::QueueGet:
      o.value = e.value;
      o.value_known = true;
      break;
    // A channel's events carry the message's size in bytes: count messages instead.
    case EventKind::ChannelSend:
      o.value = ++o.sent - o.received;
      o.value_known = true;
      break;
    case EventKind::ChannelRecv:
      o.value = o.sent - ++o.received;
      o.value_known = true;
      break;
    case EventKind::QueueTaskDone:
      o.unfinished = e.value;
      break;
    case EventKind::BarrierWait:
      o.value = e.value + 1;
      o.value_known = true;
      break;
    case EventKind::BarrierPass:
      o.value = 0;
      break;
    case EventKind::BarrierBroken:
      o.broken = true;
      break;
    default:
      break;
  }
}

void RunModel::apply_watch(Lane& l, const TraceEvent& e) {
  for (Lane::Watch& w : l.watches)
    if (w.var == e.object) {
      w.value = e.value;
      return;
    }
  std::string name = run_ ? run_->trace().object_name(e.object) : "var" + std::to_string(e.object);
  l.watches.push_back(Lane::Watch{e.object, std::move(name), e.value});
}

const CoroutineLane* Lane::coroutine(ObjectId id) const {
  for (const CoroutineLane& c : coroutines)
    if (c.id == id) return &c;
  return nullptr;
}

void RunModel::name_coroutine(ObjectId id, std::string name) { coroutine_names_.emplace_back(id, std::move(name)); }

// A CoroutineSwitch: the coroutine's state, and its running span opened or closed.
void RunModel::apply_coroutine(Lane& l, const TraceEvent& e, int64_t t) {
  if (e.object >= coroutine_index_.size()) coroutine_index_.resize(e.object + 1, -1);
  int32_t& idx = coroutine_index_[e.object];
  if (idx < 0) {
    std::string name = run_ ? run_->trace().object_name(e.object) : "co" + std::to_string(e.object);
    for (auto& [id, n] : coroutine_names_)
      if (id == e.object) name = n;
    idx = static_cast<int32_t>(l.coroutines.size());
    l.coroutines.push_back(CoroutineLane{e.object, std::move(name), core::CoroutineState::Waiting, {}});
  }
  auto close_run = [t](CoroutineLane& c) {
    if (!c.runs.empty() && c.runs.back().end == kOpenEnd) c.runs.back().end = std::max(t, c.runs.back().start);
  };
  CoroutineLane& c = l.coroutines[static_cast<size_t>(idx)];
  const auto state = static_cast<core::CoroutineState>(e.value);
  if (state == core::CoroutineState::Running) {
    // A switch whose leaving half was not traced still ends the previous run.
    if (l.running_coroutine && l.running_coroutine != e.object) {
      CoroutineLane& prev = l.coroutines[static_cast<size_t>(coroutine_index_[l.running_coroutine])];
      close_run(prev);
      prev.state = core::CoroutineState::Waiting;
    }
    if (c.runs.empty() || c.runs.back().end != kOpenEnd)
      c.runs.push_back(CoroutineSpan{c.runs.empty() ? t : std::max(t, c.runs.back().end), kOpenEnd});
    l.running_coroutine = e.object;
  } else {
    close_run(c);
    if (l.running_coroutine == e.object) l.running_coroutine = 0;
  }
  c.state = state;
}

// The thread ended: no coroutine of it runs any more.
void RunModel::end_coroutine_run(Lane& l, int64_t t) {
  if (!l.running_coroutine) return;
  CoroutineLane& c = l.coroutines[static_cast<size_t>(coroutine_index_[l.running_coroutine])];
  if (!c.runs.empty() && c.runs.back().end == kOpenEnd) c.runs.back().end = std::max(t, c.runs.back().start);
  l.running_coroutine = 0;
}

void RunModel::apply(const TraceEvent& e) {
  int64_t t = time_of(e);
  if (!have_time_) {
    begin_ = t;
    have_time_ = true;
  }
  now_ = std::max(now_, t);
  ++events_;
  Lane& l = lane_for(e.tid, e.pid);
  ++l.events;
  if (e.kind == EventKind::Watch) {  // a variable, not a primitive: no object row
    apply_watch(l, e);
    return;
  }
  if (e.kind == EventKind::CoroutineSwitch) {  // nor is a coroutine
    apply_coroutine(l, e, t);
    return;
  }
  ObjectInfo* o = nullptr;
  if (e.object) {
    bool fresh = e.object >= object_index_.size() || object_index_[e.object] < 0;
    o = &object_for(e.object);
    if (fresh && o->kind == ObjectKind::Other) o->kind = kind_from_event(e.kind);
    ++o->events;
  }
  switch (e.kind) {
    case EventKind::ThreadStart:
    case EventKind::ProcessStart:
    case EventKind::ProcessKill:
    case EventKind::ProcessExit:
    case EventKind::ProcessReap:
      if (e.pid) apply_process(process_for(e.pid), e, t);
      break;
    case EventKind::ThreadEnd: end_coroutine_run(l, t); break;
    case EventKind::ThreadBlock:
      if (o) o->waiters.push_back(l.tid);
      break;
    case EventKind::ThreadUnblock:
      if (l.blocked_on) {
        if (l.blocked_on < object_index_.size() && object_index_[l.blocked_on] >= 0)
          erase_one(objects_[object_index_[l.blocked_on]].waiters, l.tid);
      }
      break;
    case EventKind::ThreadSleep:
    case EventKind::ThreadWake:
    case EventKind::CpuBegin:
    case EventKind::CpuEnd: break;
    case EventKind::Print:
      add_line(l, run_ ? run_->trace().text(e.value) : "#" + std::to_string(e.value));
      break;
    case EventKind::Deadlock: deadlocked_ = true; break;
    case EventKind::LockAcquire:
    case EventKind::LockRelease:
      if (o) apply_lock(l, *o, e, t);
      break;
    default:
      if (o) apply_object(l, *o, e);
      break;
  }
  // The lane's state last: the bookkeeping above reads the state the event ends (the object
  // an unblocked thread waited for).
  const LaneState next = core::state_after(e.kind, l.state);
  if (next != l.state || core::sets_thread_state(e.kind)) set_state(l, t, next, next == LaneState::Blocked ? e.object : 0);
}

//-----------------------------------------------------------------------------
// [SECTION] Processes
//-----------------------------------------------------------------------------
const ProcessInfo* RunModel::process(ProcessId pid) const {
  for (const ProcessInfo& p : processes_)
    if (p.pid == pid) return &p;
  return nullptr;
}

ProcessInfo& RunModel::process_for(ProcessId pid) {
  if (pid >= process_index_.size()) process_index_.resize(pid + 1, -1);
  if (process_index_[pid] < 0) {
    process_index_[pid] = static_cast<int32_t>(all_processes_.size());
    ProcessInfo p;
    p.pid = pid;
    p.name = "Process " + std::to_string(pid);  // until core's list names it
    all_processes_.push_back(std::move(p));
    processes_changed_ = true;
  }
  return all_processes_[process_index_[pid]];
}

// Start: ProcessStart (value = the parent then; older traces: the first ThreadStart). Exit: ProcessExit (value = exit code),
// after ProcessKill when it was killed. Reaping and orphaning come from core (sync).
void RunModel::apply_process(ProcessInfo& p, const TraceEvent& e, int64_t t) {
  switch (e.kind) {
    case EventKind::ProcessStart:
      p.start = t;
      p.first_ppid = static_cast<ProcessId>(e.value);
      if (p.ppid == 0) p.ppid = p.first_ppid;  // a saved trace's tree; core's list corrects it
      break;
    case EventKind::ThreadStart:  // traces without ProcessStart: the first thread's start
      if (p.start != kOpenEnd) return;
      p.start = t;
      break;
    case EventKind::ProcessKill:
      p.killed = true;
      p.kill_time = t;
      break;
    case EventKind::ProcessExit:
      p.exited = true;
      p.exit_code = static_cast<int>(e.value);
      p.end = t;  // also replaces the estimate sync() made if core reported the exit first
      if (p.state == ProcessStatus::Running) p.state = p.ppid == 1 ? ProcessStatus::Reaped : ProcessStatus::Zombie;
      if (p.state == ProcessStatus::Orphan) p.state = ProcessStatus::Reaped;  // init reaps at once
      break;
    case EventKind::ProcessReap:
      p.state = ProcessStatus::Reaped;
      p.reap_time = t;
      p.reaped_by = static_cast<ProcessId>(e.value);
      p.orphan = p.reaped_by == 1;  // init reaps only what it adopted
      break;
    default:
      return;
  }
  processes_changed_ = true;
}

// Core's process list: names, parents, daemon flags, and the states the trace does not
// carry (zombie -> reaped when joined, orphaned when the parent ends). Once per drain.
void RunModel::sync_processes() {
  run_->for_each_process([&](core::ProcessContext& c) {
    ProcessInfo& p = process_for(c.pid);
    // The program's own process (init's child from the start) is reaped by the host at once.
    const bool program = c.ppid == 1 && !c.orphan;
    ProcessStatus st = c.state == core::ProcessState::Zombie   ? (program ? ProcessStatus::Reaped : ProcessStatus::Zombie)
                       : c.state == core::ProcessState::Reaped ? ProcessStatus::Reaped
                       : c.orphan                              ? ProcessStatus::Orphan
                                                               : ProcessStatus::Running;
    // Core also flags children that were already reaped when their parent ended: who
    // reaped it (ProcessReap) decides, once the model has seen it.
    bool orphan = p.reaped_by ? p.reaped_by == 1 : c.orphan;
    bool killed = c.killed.load(std::memory_order_relaxed);
    bool ended = c.state != core::ProcessState::Running;
    bool same = p.name == c.name && p.ppid == c.ppid && p.state == st && p.orphan == orphan &&
                p.daemon == c.daemon && (p.killed || !killed) &&
                (!ended || (p.exited && p.exit_code == c.exit_code));
    if (same) return;
    if (p.first_ppid == 0) p.first_ppid = c.ppid;
    p.name = c.name;
    p.ppid = c.ppid;
    p.state = st;
    p.orphan = orphan;
    p.daemon = c.daemon;
    p.killed = p.killed || killed;
    if (ended) {
      // Core can be ahead of the drained events (free mode, or a process killed before it
      // had threads, which emits nothing): end it now until ProcessExit says when.
      if (!p.exited) p.end = now_;
      p.exited = true;
      p.exit_code = c.exit_code;
    }
    processes_changed_ = true;
  });
}

// The shown processes in tree order: depth-first from the roots, children by pid.
void RunModel::rebuild_process_tree() {
  processes_changed_ = false;
  for (ProcessInfo& p : all_processes_) p.lanes.clear();
  for (const Lane& l : lanes_)
    if (l.pid && l.pid < process_index_.size() && process_index_[l.pid] >= 0)
      all_processes_[process_index_[l.pid]].lanes.push_back(l.tid);
  auto shown = [&](const ProcessInfo& p) { return p.pid != 1 || !p.lanes.empty(); };
  std::vector<const ProcessInfo*> by_pid;
  for (const ProcessInfo& p : all_processes_)
    if (shown(p)) by_pid.push_back(&p);
  std::sort(by_pid.begin(), by_pid.end(), [](const ProcessInfo* a, const ProcessInfo* b) { return a->pid < b->pid; });
  auto is_shown = [&](ProcessId pid) {
    return std::any_of(by_pid.begin(), by_pid.end(), [&](const ProcessInfo* p) { return p->pid == pid; });
  };
  processes_.clear();
  // Parents always have smaller pids than their children, except orphans (re-parented to
  // 1), so a parent-before-child walk never loops; `placed` guards it anyway.
  std::vector<ProcessId> placed;
  std::function<void(const ProcessInfo&, int)> visit = [&](const ProcessInfo& p, int depth) {
    if (std::find(placed.begin(), placed.end(), p.pid) != placed.end()) return;
    placed.push_back(p.pid);
    processes_.push_back(p);
    processes_.back().depth = depth;
    for (const ProcessInfo* c : by_pid)
      if (c->ppid == p.pid && c->pid != p.pid) visit(*c, depth + 1);
  };
  for (const ProcessInfo* p : by_pid)
    if (!is_shown(p->ppid) || p->ppid == p->pid) visit(*p, 0);
  for (const ProcessInfo* p : by_pid) visit(*p, 0);  // a cycle of parents (bad input): as roots
}

//-----------------------------------------------------------------------------
// [SECTION] Wait-for graph
//-----------------------------------------------------------------------------
ModelWaitGraph RunModel::wait_graph() const {
  ModelWaitGraph g;
  for (const Lane& l : lanes_) {
    if (l.state != LaneState::Blocked || !l.blocked_on) continue;
    const ObjectInfo* o = object(l.blocked_on);
    if (!o) continue;
    if (o->owner) g.edges.push_back({l.tid, o->id, o->owner});
    for (ThreadId h : o->holders) g.edges.push_back({l.tid, o->id, h});
  }
  std::sort(g.edges.begin(), g.edges.end(), [](const ModelWaitEdge& a, const ModelWaitEdge& b) {
    return std::tie(a.waiter, a.object, a.owner) < std::tie(b.waiter, b.object, b.owner);
  });
  g.edges.erase(std::unique(g.edges.begin(), g.edges.end(),
                            [](const ModelWaitEdge& a, const ModelWaitEdge& b) {
                              return a.waiter == b.waiter && a.object == b.object && a.owner == b.owner;
                            }),
                g.edges.end());
  // Depth-first search from each thread in ascending order; the path on the stack
  // closes a cycle when it meets itself. Graphs are tiny (threads of one lesson).
  std::vector<ThreadId> starts;
  for (const ModelWaitEdge& e : g.edges) starts.push_back(e.waiter);
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  std::vector<ModelWaitEdge> path;
  std::vector<ThreadId> done;
  auto out_edges = [&](ThreadId t) {
    std::vector<const ModelWaitEdge*> r;
    for (const ModelWaitEdge& e : g.edges)
      if (e.waiter == t) r.push_back(&e);
    return r;
  };
  std::function<bool(ThreadId)> dfs = [&](ThreadId t) -> bool {
    for (const ModelWaitEdge* e : out_edges(t)) {
      path.push_back(*e);
      for (size_t i = 0; i < path.size(); ++i) {
        if (path[i].waiter == e->owner) {
          g.cycle.assign(path.begin() + static_cast<long>(i), path.end());
          return true;
        }
      }
      if (std::find(done.begin(), done.end(), e->owner) == done.end() && dfs(e->owner)) return true;
      path.pop_back();
    }
    done.push_back(t);
    return false;
  };
  for (ThreadId s : starts) {
    path.clear();
    if (dfs(s)) break;
  }
  for (size_t i = 0; i < g.cycle.size(); ++i) {
    const ModelWaitEdge& e = g.cycle[i];
    const std::string object = object_label(e.object), owner = thread_label(e.owner);
    if (i == 0) g.description = trf(Str::CycleFirstFmt, thread_label(e.waiter).c_str(), object.c_str(), owner.c_str());
    else g.description += trf(Str::CycleNextFmt, object.c_str(), owner.c_str());
  }
  return g;
}

}  // namespace interleave::ui
