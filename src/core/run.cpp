// core/run.cpp
// [SECTION] Names
// [SECTION] WaitList and Primitive
// [SECTION] Run: construction and destruction
// [SECTION] Processes and threads
// [SECTION] Join, print, watch
// [SECTION] Driving
// [SECTION] Wait-for graph and deadlock reports
#include "core/run.h"

#include <algorithm>
#include <functional>

#include "core/det_scheduler.h"
#include "core/free_scheduler.h"
#include "core/resume_strategy.h"
#include "core/interpreter_lock.h"

namespace interleave::core {

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------
const char* thread_state_name(ThreadState s) {
  static const char* const names[] = {"new", "runnable", "running", "blocked", "sleeping", "computing",
                                      "waiting-core", "done"};
  return names[static_cast<int>(s)];
}

const char* run_status_name(RunStatus s) {
  static const char* const names[] = {"finished", "deadlock", "step-limit", "awaiting-choice", "cancelled",
                                      "timed-out"};
  return names[static_cast<int>(s)];
}

//-----------------------------------------------------------------------------
// [SECTION] WaitList and Primitive
//-----------------------------------------------------------------------------
bool WaitList::remove(ThreadContext* t) {
  auto it = std::find(waiters_.begin(), waiters_.end(), t);
  if (it == waiters_.end()) return false;
  waiters_.erase(it);
  return true;
}

ThreadContext* WaitList::pop_front() {
  if (waiters_.empty()) return nullptr;
  ThreadContext* t = waiters_.front();
  waiters_.erase(waiters_.begin());
  return t;
}

Primitive::Primitive(Run& run, std::string_view name, const char* type)
    : run_(run), trace_fast_(run.config().trace_fast_paths),
      det_(run.mode() == Mode::Det),
      sched_(run.scheduler()), name_(name), type_(type) {
  id_ = run.register_object(this);
  run.trace().name_object(id_, name_, type_);
}

Primitive::~Primitive() { run_.unregister_object(id_); }

std::vector<ThreadId> Primitive::waiters() const {
  std::lock_guard<std::mutex> g(mu_);
  std::vector<ThreadId> out;
  for (ThreadContext* t : waiters_.threads()) out.push_back(t->id);
  return out;
}

void Primitive::emit(ThreadContext& t, EventKind k, int64_t value) {
  run_.trace().emit(t.trace, sched_.trace_now(), k, id_, value);
}

//-----------------------------------------------------------------------------
// [SECTION] Run: construction and destruction
//-----------------------------------------------------------------------------
std::unique_ptr<Strategy> make_strategy(const RunConfig& cfg, std::string& error) {
  switch (cfg.strategy) {
    case StrategyKind::Pct: return std::make_unique<PctStrategy>(cfg.seed, cfg.pct_depth, cfg.pct_max_steps);
    case StrategyKind::RoundRobin: return std::make_unique<RoundRobinStrategy>();
    case StrategyKind::Ask: return std::make_unique<AskStrategy>();
    case StrategyKind::Replay: {
      auto choices = decode_schedule(cfg.replay);
      if (!choices) {
        error = "malformed schedule token";
        return std::make_unique<ReplayStrategy>(std::vector<uint32_t>{});
      }
      return std::make_unique<ReplayStrategy>(std::move(*choices));
    }
    case StrategyKind::Custom:
      if (cfg.custom_strategy) return cfg.custom_strategy();
      error = "a custom strategy needs RunConfig::custom_strategy";
      break;
    case StrategyKind::Random: break;
  }
  return std::make_unique<RandomStrategy>(cfg.seed);
}

Run::Run(const RunConfig& cfg) : cfg_(cfg), trace_(cfg.mode, cfg.max_trace_events_per_thread, cfg.max_trace_events) {
  if (cfg_.cores < 1) {
    config_error_ = "cores must be >= 1";
    cfg_.cores = 1;
  }
  if (!(cfg_.time_scale > 0)) {
    config_error_ = "time_scale must be > 0";
    cfg_.time_scale = 1.0;
  }
  trace_.set_time_scale(cfg_.time_scale);
  if (cfg_.mode == Mode::Det && cfg_.strategy == StrategyKind::Replay)  // a token replays its coroutine choices too
    cfg_.coroutine_plan = decode_coroutine_choices(cfg_.replay).value_or(std::vector<CoroutineChoice>{});
  if (cfg_.mode == Mode::Det)
    sched_ = std::make_unique<DetScheduler>(*this, cfg_, make_strategy(cfg_, config_error_));
  else
    sched_ = std::make_unique<FreeScheduler>(*this, cfg_);
  spawn_process(0, "init");  // pid 1: adopts orphans; programs run in processes under it
}

Run::~Run() {
  sched_->cancel();
  if (FreeScheduler* f = free()) f->join_all();
  // Tasks first (the interpreter's may refer to primitives), then primitives, then
  // the scheduler they point to.
  for (auto& t : threads_) t->task.reset();
  owned_.clear();
  sched_.reset();
}

DetScheduler* Run::det() { return cfg_.mode == Mode::Det ? static_cast<DetScheduler*>(sched_.get()) : nullptr; }
FreeScheduler* Run::free() { return cfg_.mode == Mode::Free ? static_cast<FreeScheduler*>(sched_.get()) : nullptr; }

ObjectId Run::register_object(Primitive* p) {
  std::lock_guard<std::mutex> g(mu_);
  objects_.push_back(p);
  return static_cast<ObjectId>(objects_.size());
}

void Run::unregister_object(ObjectId id) {
  std::lock_guard<std::mutex> g(mu_);
  if (id >= 1 && id <= objects_.size()) objects_[id - 1] = nullptr;
}

Primitive* Run::object(ObjectId id) const {
  std::lock_guard<std::mutex> g(mu_);
  return id >= 1 && id <= objects_.size() ? objects_[id - 1] : nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Processes and threads
//-----------------------------------------------------------------------------
Outcome Run::spawn_process(ProcessId parent, std::string_view name, bool daemon, bool gil) {
  std::lock_guard<std::mutex> g(mu_);
  if (processes_.size() >= cfg_.max_processes)
    return Outcome::fail(ErrorKind::CapacityError, msg::kTooManyProcesses);
  if (parent > processes_.size()) return Outcome::fail(ErrorKind::ValueError, msg::kNoSuchProcess);
  auto p = std::make_unique<ProcessContext>();
  p->pid = static_cast<ProcessId>(processes_.size() + 1);
  p->ppid = parent;
  p->name = std::string(name);
  p->daemon = daemon;
  p->gil = gil;
  if (gil && cfg_.mode == Mode::Free) p->lock = std::make_unique<InterpreterLock>(cfg_.switch_interval);
  exit_waiters_.push_back(std::make_unique<WaitList>());
  p->exit_waiters = exit_waiters_.back().get();
  trace_.name_process(p->pid, name);
  ProcessId pid = p->pid;
  processes_.push_back(std::move(p));
  return Outcome::done(true, pid);
}

ProcessContext* Run::process(ProcessId pid) {
  std::lock_guard<std::mutex> g(mu_);
  return pid >= 1 && pid <= processes_.size() ? processes_[pid - 1].get() : nullptr;
}

void Run::set_exit_code(ProcessId pid, int code) {
  if (ProcessContext* p = process(pid)) {
    std::lock_guard<std::mutex> g(mu_);
    p->exit_code = code;
  }
}

void Run::for_each_process(const std::function<void(ProcessContext&)>& fn) {
  std::lock_guard<std::mutex> g(mu_);
  for (auto& p : processes_) fn(*p);
}

Outcome Run::spawn_thread(ProcessId pid, std::unique_ptr<Task> task, std::string_view name, bool daemon,
                          ThreadOwner* owner) {
  ThreadContext* t;
  ProcessId started_by = 0;  // the parent, when this is the process's first thread
  {
    std::lock_guard<std::mutex> g(mu_);
    if (pid < 1 || pid > processes_.size() || processes_[pid - 1]->state != ProcessState::Running)
      return Outcome::fail(ErrorKind::ValueError, msg::kNoSuchProcess);
    if (threads_.size() >= cfg_.max_threads) return Outcome::fail(ErrorKind::CapacityError, msg::kTooManyThreads);
    if (!task) return Outcome::fail(ErrorKind::ValueError, "thread needs a task");
    auto ctx = std::make_unique<ThreadContext>();
    ctx->id = static_cast<ThreadId>(threads_.size() + 1);
    ctx->process = processes_[pid - 1].get();
    ctx->run = this;
    ctx->sched = sched_.get();
    ctx->name = std::string(name);
    ctx->task = std::move(task);
    ctx->daemon = daemon;
    ctx->owner = owner;
    ctx->killed.store(ctx->process->killed.load(std::memory_order_relaxed), std::memory_order_relaxed);
    // A process (other than init, which the host may reuse) starts with its first thread.
    if (pid != 1 && ctx->process->live_threads == 0) started_by = ctx->process->ppid;
    ctx->process->live_threads++;
    t = ctx.get();
    threads_.push_back(std::move(ctx));
  }
  t->trace = trace_.open_buffer(pid, t->id);
  trace_.name_thread(t->id, name);
  // On the new thread's lane before it runs (free: before its OS thread exists).
  if (started_by) trace_.emit(t->trace, sched_->trace_now(), EventKind::ProcessStart, 0, started_by);
  sched_->start_thread(*t);
  return Outcome::done(true, t->id);
}

ThreadContext* Run::thread(ThreadId tid) {
  std::lock_guard<std::mutex> g(mu_);
  return tid >= 1 && tid <= threads_.size() ? threads_[tid - 1].get() : nullptr;
}

size_t Run::thread_count() const {
  std::lock_guard<std::mutex> g(mu_);
  return threads_.size();
}

void Run::on_thread_done(ThreadContext& t) {
  std::unique_lock<std::mutex> lk(mu_);
  trace_.emit(t.trace, sched_->trace_now(), EventKind::ThreadEnd, 0, 0);
  sched_->wake_all(t.joiners, 1);
  ProcessContext& p = *t.process;
  // pid 1 stays alive: the host (a test, the CLI) may still start threads in it.
  if (--p.live_threads == 0 && p.state == ProcessState::Running && p.pid != 1) exit_process(p, t.trace);
}

void Run::exit_process(ProcessContext& p, TraceBuffer* buf) {
  p.state = ProcessState::Zombie;
  if (buf) {
    if (p.killed.load(std::memory_order_relaxed)) trace_.emit(buf, sched_->trace_now(), EventKind::ProcessKill, 0, 0);
    trace_.emit(buf, sched_->trace_now(), EventKind::ProcessExit, 0, p.exit_code);
  }
  sched_->wake_all(*p.exit_waiters, 1);
  // Orphans are adopted by pid 1, as on Unix, and init reaps whatever of them exits.
  for (auto& child : processes_) {
    if (child->ppid != p.pid || child->state == ProcessState::Reaped) continue;
    child->ppid = 1;
    child->orphan = true;
    if (child->state == ProcessState::Zombie) reap(*child, 1);
  }
  if (p.orphan) reap(p, 1);
}

void Run::reap(ProcessContext& p, ProcessId reaper) {
  p.state = ProcessState::Reaped;
  // On the process's last lane, like its ProcessExit: its threads are all done, and their
  // last events were emitted under mu_ too, so this thread may append there now.
  for (size_t i = threads_.size(); i-- > 0;)
    if (threads_[i]->process == &p) {
      if (threads_[i]->trace) trace_.emit(threads_[i]->trace, sched_->trace_now(), EventKind::ProcessReap, 0, reaper);
      return;
    }
}

Outcome Run::kill_process(ProcessId pid) {
  std::vector<ThreadContext*> victims;
  ProcessContext* p;
  {
    std::lock_guard<std::mutex> g(mu_);
    if (pid < 1 || pid > processes_.size())
      return Outcome::fail(ErrorKind::ValueError, "kill_process: no such process (valid pids: 2 to the number of processes)");
    if (pid == 1) return Outcome::fail(ErrorKind::ValueError, "kill_process: pid 1 (the init process) cannot be killed");
    p = processes_[pid - 1].get();
    if (p->state != ProcessState::Running || p->killed.load(std::memory_order_relaxed)) return Outcome::done(false);
    // Under mu_, so a thread spawn_thread adds from now on sees the flag (killed at birth).
    p->killed.store(true, std::memory_order_relaxed);
    for (auto& t : threads_)
      if (t->process == p) {
        t->killed.store(true, std::memory_order_seq_cst);
        victims.push_back(t.get());
      }
    if (p->live_threads == 0) exit_process(*p, nullptr);  // nothing to wait for
  }
  if (p->lock) p->lock->cancel();  // this process's GIL only: dying threads still take turns
  for (ThreadContext* t : victims) sched_->kill(*t);
  return Outcome::done(true);
}

bool Run::process_killed(ProcessId pid) const {
  std::lock_guard<std::mutex> g(mu_);
  return pid >= 1 && pid <= processes_.size() && processes_[pid - 1]->killed.load(std::memory_order_relaxed);
}

//-----------------------------------------------------------------------------
// [SECTION] Join, print, watch
//-----------------------------------------------------------------------------
Outcome Run::join_thread(ThreadContext& self, ThreadId target, std::optional<double> timeout) {
  if (self.is_killed()) return self.cancel_op();
  if (timeout && *timeout < 0) timeout = 0;  // CPython: a negative join timeout means "don't wait"
  ThreadContext* other = thread(target);
  if (!other) return Outcome::fail(ErrorKind::ValueError, msg::kNoSuchThread);
  if (other == &self) return Outcome::fail(ErrorKind::RuntimeError, msg::kJoinSelf);
  std::unique_lock<std::mutex> lk(mu_);
  VTime deadline = self.begin_op(sched_->now(), timeout.value_or(0), timeout.has_value());
  for (;;) {
    if (other->get_state() == ThreadState::Done || sched_->now() >= deadline) {
      bool finished = other->get_state() == ThreadState::Done;
      self.end_op();
      self.joining.store(nullptr, std::memory_order_relaxed);
      return Outcome::done(finished);
    }
    self.joining.store(other, std::memory_order_relaxed);
    WaitStatus st = sched_->wait(self, other->joiners, nullptr, lk, deadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      self.end_op();
      self.joining.store(nullptr, std::memory_order_relaxed);
      return Outcome::cancelled();
    }
  }
}

Outcome Run::join_process(ThreadContext& self, ProcessId pid, std::optional<double> timeout) {
  if (self.is_killed()) return self.cancel_op();
  if (timeout && *timeout < 0) timeout = 0;
  ProcessContext* p = process(pid);
  if (!p) return Outcome::fail(ErrorKind::ValueError, msg::kNoSuchProcess);
  if (p == self.process) return Outcome::fail(ErrorKind::RuntimeError, "a process cannot join itself");
  std::unique_lock<std::mutex> lk(mu_);
  VTime deadline = self.begin_op(sched_->now(), timeout.value_or(0), timeout.has_value());
  for (;;) {
    if (p->state != ProcessState::Running) {
      if (p->state == ProcessState::Zombie) reap(*p, self.process->pid);
      self.end_op();
      return Outcome::done(true, p->exit_code);
    }
    if (sched_->now() >= deadline) {
      self.end_op();
      return Outcome::done(false);
    }
    WaitStatus st = sched_->wait(self, *p->exit_waiters, nullptr, lk, deadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      self.end_op();
      return Outcome::cancelled();
    }
  }
}

void Run::print(ThreadContext& t, std::string_view line) {
  int64_t id = trace_.add_text(line);
  if (id < 0) return;  // past the trace's text capacity (counted there)
  trace_.emit(t.trace, sched_->trace_now(), EventKind::Print, 0, id);
}

ObjectId Run::register_named(std::string_view name, std::string_view type) {
  ObjectId id;
  {
    std::lock_guard<std::mutex> g(mu_);
    objects_.push_back(nullptr);  // no primitive behind it
    id = static_cast<ObjectId>(objects_.size());
  }
  trace_.name_object(id, name, type);
  return id;
}

ObjectId Run::register_variable(std::string_view name) { return register_named(name, "variable"); }

ObjectId Run::register_coroutine(std::string_view name) { return register_named(name, "coroutine"); }

void Run::coroutine_state(ThreadContext& t, ObjectId co, CoroutineState state) {
  trace_.emit(t.trace, sched_->trace_now(), EventKind::CoroutineSwitch, co, static_cast<int64_t>(state));
}

void Run::rename_thread(ThreadId tid, std::string_view name) {
  ThreadContext* t = thread(tid);
  if (!t) return;
  {
    std::lock_guard<std::mutex> g(mu_);
    t->name = std::string(name);
  }
  trace_.name_thread(tid, name);
}

void Run::watch(ThreadContext& t, ObjectId var, int64_t value) {
  trace_.emit(t.trace, sched_->trace_now(), EventKind::Watch, var, value);
}

//-----------------------------------------------------------------------------
// [SECTION] Driving
//-----------------------------------------------------------------------------
RunStatus Run::run(uint64_t max_steps) {
  if (DetScheduler* d = det()) {
    RunStatus s = d->run(max_steps);
    if (s == RunStatus::Deadlock && !deadlock_) {
      WaitForGraph g = wait_for_graph();
      DeadlockReport r;
      r.cycle = g.find_cycle();
      r.blocked = g.blocked;
      r.description = describe_cycle(r.cycle);
      if (r.cycle.empty()) r.description = "every thread is blocked and no timer is pending";
      if (!r.blocked.empty())
        if (ThreadContext* t = thread(r.blocked.front()))
          trace_.emit(t->trace, sched_->trace_now(), EventKind::Deadlock, 0, static_cast<int64_t>(r.cycle.size()));
      deadlock_ = std::move(r);
    }
    return s;
  }
  return wait(-1);
}

RunStatus Run::wait(double real_timeout_s) {
  FreeScheduler* f = free();
  if (!f) return run();
  if (!f->wait_all(real_timeout_s)) return RunStatus::TimedOut;
  return sched_->cancelled() ? RunStatus::Cancelled : RunStatus::Finished;
}

void Run::choose(ThreadId tid) {
  if (DetScheduler* d = det()) d->direct(tid);
}

void Run::cancel() { sched_->cancel(); }

std::string Run::schedule_token() const {
  if (cfg_.mode != Mode::Det) return {};
  return encode_schedule(static_cast<const DetScheduler*>(sched_.get())->schedule(), coroutine_choices_);
}

void Run::record_coroutine_choice(const CoroutineChoice& c) { coroutine_choices_.push_back(c); }

//-----------------------------------------------------------------------------
// [SECTION] Wait-for graph and deadlock reports
//-----------------------------------------------------------------------------
std::string Run::describe_cycle(const std::vector<WaitEdge>& cycle) const {
  std::string d;
  for (const WaitEdge& e : cycle) {
    if (!d.empty()) d += "; ";
    d += trace_.thread_name(e.waiter) + " waits for " +
         (e.object ? trace_.object_name(e.object) + " held by " : std::string("")) + trace_.thread_name(e.owner);
  }
  return d;
}

WaitForGraph Run::wait_for_graph() const {
  std::vector<ThreadContext*> threads;
  {
    std::lock_guard<std::mutex> g(mu_);
    for (auto& t : threads_) threads.push_back(t.get());
  }
  WaitForGraph g;
  std::vector<ThreadId> owners;
  for (ThreadContext* t : threads) {
    ThreadState s = t->get_state();
    if (s != ThreadState::Blocked || t->is_killed()) continue;  // a killed thread is about to leave
    g.blocked.push_back(t->id);
    if (Primitive* p = t->blocked_on.load(std::memory_order_relaxed)) {
      owners.clear();
      p->owners(owners);
      for (ThreadId o : owners) g.edges.push_back({t->id, p->id(), o, p->only_owners_release()});
    } else if (ThreadContext* j = t->joining.load(std::memory_order_relaxed)) {
      g.edges.push_back({t->id, 0, j->id});
    }
  }
  std::sort(g.edges.begin(), g.edges.end(), [](const WaitEdge& a, const WaitEdge& b) {
    return a.waiter != b.waiter ? a.waiter < b.waiter : a.object != b.object ? a.object < b.object : a.owner < b.owner;
  });
  return g;
}

std::vector<WaitEdge> WaitForGraph::find_cycle() const {
  // Depth-first search from each blocked thread in id order; the first back edge
  // closes the cycle. Graphs are tiny (threads of one lesson).
  std::vector<WaitEdge> path;
  std::vector<ThreadId> on_path;
  std::vector<ThreadId> done;
  std::function<bool(ThreadId)> visit = [&](ThreadId t) -> bool {
    on_path.push_back(t);
    for (const WaitEdge& e : edges) {
      if (e.waiter != t) continue;
      path.push_back(e);
      auto it = std::find(on_path.begin(), on_path.end(), e.owner);
      if (it != on_path.end()) {
        // Keep only the edges from the owner's position onwards: that is the cycle.
        size_t start = static_cast<size_t>(it - on_path.begin());
        path.erase(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(start));
        return true;
      }
      if (std::find(done.begin(), done.end(), e.owner) == done.end() && visit(e.owner)) return true;
      path.pop_back();
    }
    on_path.pop_back();
    done.push_back(t);
    return false;
  };
  for (ThreadId t : blocked) {
    if (std::find(done.begin(), done.end(), t) != done.end()) continue;
    path.clear();
    on_path.clear();
    if (visit(t)) return path;
  }
  return {};
}

}  // namespace interleave::core
