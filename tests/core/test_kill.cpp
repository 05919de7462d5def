// Run::kill_process: one process's threads stop, in det and free mode, wherever they
// are (blocked in each primitive, sleeping, computing, spinning at yield points),
// while the other processes' threads go on and are still woken as before.
#include "helpers.h"

#include <chrono>
#include <thread>

using namespace itest;
using Clock = std::chrono::steady_clock;

namespace {

// Spins at yield points until cancelled or `stop` is set: a CPU-bound Python loop.
class SpinTask final : public Task {
 public:
  explicit SpinTask(std::atomic<bool>* stop = nullptr) : stop_(stop) {}
  StepResult step(ThreadContext& ctx) override {
    for (;;) {
      spins.fetch_add(1, std::memory_order_relaxed);
      if (stop_ && stop_->load()) return StepResult::Done;
      switch (ctx.sched->yield_point(ctx)) {
        case YieldAction::Continue: continue;
        case YieldAction::Yield: return StepResult::Yield;
        case YieldAction::Cancel: saw_cancel = true; return StepResult::Done;
      }
    }
  }
  std::atomic<uint64_t> spins{0};
  std::atomic<bool> saw_cancel{false};

 private:
  std::atomic<bool>* stop_;
};

// Three processes: A (the killer's), B (the victim), C (another bystander).
struct KillRig {
  explicit KillRig(bool det_mode, int cores = 2, VTime instruction_cost = 0,
                   StrategyKind strategy = StrategyKind::RoundRobin)
      : det_mode(det_mode), run(config(det_mode, cores, instruction_cost, strategy)) {
    a = pid_of(run.spawn_process(1, "A"));
    b = pid_of(run.spawn_process(1, "B"));
    c = pid_of(run.spawn_process(1, "C"));
  }
  static RunConfig config(bool det_mode, int cores, VTime instruction_cost, StrategyKind strategy) {
    RunConfig cfg = det_mode ? det(7, strategy) : free_mode();
    cfg.cores = cores;
    cfg.instruction_cost = instruction_cost;
    return cfg;
  }
  static ProcessId pid_of(const Outcome& o) {
    REQUIRE(o.is_done());
    return static_cast<ProcessId>(o.value);
  }

  // Spawns a scripted thread in `pid`; returns its tid (and task through `task`).
  ThreadId thread(ProcessId pid, std::vector<ScriptOp> ops, const std::string& name, ScriptTask** task = nullptr) {
    ScriptTask* raw = spawn(run, std::move(ops), name, pid);
    if (task) *task = raw;
    return static_cast<ThreadId>(run.thread_count());
  }
  ThreadId spinner(ProcessId pid, SpinTask** task, const std::string& name, std::atomic<bool>* stop = nullptr) {
    auto t = std::make_unique<SpinTask>(stop);
    *task = t.get();
    REQUIRE(run.spawn_thread(pid, std::move(t), name).is_done());
    return static_cast<ThreadId>(run.thread_count());
  }

  // Waits until `pred` holds, sleeping (virtual time in det, real time in free, the GIL
  // dropped) between checks. Free: gives up after a generous bound and says so.
  ScriptOp await_that(std::function<bool()> pred) {
    return [this, pred](ThreadContext& t, ScriptTask&) {
      auto give_up = Clock::now() + std::chrono::seconds(20 * INTERLEAVE_TIME_FACTOR);
      for (;;) {
        if (pred()) {
          t.end_op();
          return Outcome::done();
        }
        if (!det_mode && Clock::now() > give_up) {
          poll_timed_out = true;
          return Outcome::done(false);
        }
        Outcome o = t.sched->sleep(t, 0.0005);
        if (!o.is_done()) return o;             // det: parked; either: cancelled
        if (det_mode) return Outcome::suspend();  // re-executed: checks again
      }
    };
  }
  ScriptOp await_state(ThreadId tid, ThreadState s) {
    return await_that([this, tid, s] {
      ThreadContext* t = run.thread(tid);
      return t && t->get_state() == s;
    });
  }
  ScriptOp kill(ProcessId pid) {
    return [this, pid](ThreadContext&, ScriptTask&) {
      killed_at = Clock::now();
      kill_vtime = run.now();
      return kill_result = run.kill_process(pid);
    };
  }
  ScriptOp join(ProcessId pid) {
    return [this, pid](ThreadContext& t, ScriptTask&) {
      Outcome o = run.join_process(t, pid);
      if (o.is_done()) {
        joined_at = Clock::now();
        join_vtime = run.now();
      }
      return o;
    };
  }

  RunStatus finish() { return det_mode ? run.run(5'000'000) : run.wait(60.0 * INTERLEAVE_TIME_FACTOR); }
  double kill_to_join_ms() const { return std::chrono::duration<double, std::milli>(joined_at - killed_at).count(); }

  // The common end of every scenario: the run finished, B was killed and joined, and
  // the join came promptly after the kill.
  void check_end() {
    CHECK_FALSE(poll_timed_out.load());
    CHECK(kill_result.is_done());
    CHECK(kill_result.ok);
    CHECK(run.process_killed(b));
    CHECK_FALSE(run.process_killed(a));
    CHECK_FALSE(run.process_killed(c));
    CHECK(run.process(b)->state == ProcessState::Reaped);  // Zombie, then reaped by the join
    CHECK(run.process(a)->state == ProcessState::Zombie);
    if (det_mode) {
      // The dying threads run first: B exits at the kill's instant.
      VTime exit_vtime = -1;
      for (const TraceEvent& e : run.trace().collect())
        if (e.kind == EventKind::ProcessExit && e.pid == b) exit_vtime = e.vtime;
      CHECK(exit_vtime == kill_vtime);
      CHECK(join_vtime >= kill_vtime);
    } else {
      CHECK(kill_to_join_ms() < 1000.0 * INTERLEAVE_TIME_FACTOR);
    }
  }

  bool det_mode;
  Run run;
  ProcessId a = 0, b = 0, c = 0;
  std::atomic<bool> poll_timed_out{false};
  Outcome kill_result = Outcome::fail(ErrorKind::None, "not called");
  Clock::time_point killed_at{}, joined_at{};
  VTime kill_vtime = -1, join_vtime = -2;
};

const char* mode_name(bool det_mode) { return det_mode ? "det" : "free"; }

// A flag op: set when a thread got past the operation before it.
ScriptOp flag(std::atomic<bool>* f) {
  return op::call([f](ThreadContext&) { *f = true; });
}

}  // namespace

TEST_CASE("kill: a thread blocked on a Lock leaves the wait list; the next waiter still gets the lock",
          "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Lock& l = rig.run.create<Lock>("L");
  std::atomic<bool> b_past{false};
  ScriptTask *victim, *other;
  ThreadId bt = rig.thread(rig.b, {rig.await_that([&] { return l.locked(); }), op::acquire(l), flag(&b_past)}, "B1",
                           &victim);
  ThreadId ct = rig.thread(rig.c, {rig.await_state(bt, ThreadState::Blocked), op::acquire(l), op::release(l)}, "C1",
                           &other);
  rig.thread(rig.a,
             {op::acquire(l), rig.await_state(bt, ThreadState::Blocked), rig.await_state(ct, ThreadState::Blocked),
              rig.kill(rig.b), op::release(l), rig.join(rig.b)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().size() == 1);  // the acquire never completed
  CHECK_FALSE(b_past.load());
  REQUIRE(other->results().size() == 3);
  CHECK(other->results()[1].ok);  // C1 got the lock after the kill
  CHECK(rig.run.thread(bt)->is_killed());
  CHECK_FALSE(rig.run.thread(ct)->is_killed());
}

TEST_CASE("kill: a Queue getter leaves the wait list; the item goes to the next getter", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Queue& q = rig.run.create<Queue>();
  std::atomic<bool> b_past{false};
  ScriptTask *victim, *other;
  ThreadId bt = rig.thread(rig.b, {op::get(q), flag(&b_past)}, "B1", &victim);
  ThreadId ct = rig.thread(rig.c, {rig.await_state(bt, ThreadState::Blocked), op::get(q)}, "C1", &other);
  rig.thread(rig.a,
             {rig.await_state(bt, ThreadState::Blocked), rig.await_state(ct, ThreadState::Blocked), rig.kill(rig.b),
              op::put(q, 42), rig.join(rig.b)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().empty());
  CHECK_FALSE(b_past.load());
  REQUIRE(other->results().size() == 2);
  CHECK(other->results()[1].value == 42);
  CHECK(q.qsize() == 0);
}

TEST_CASE("kill: a Queue putter and a Queue joiner stop; the queue keeps its items", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Queue& q = rig.run.create<Queue>(Queue::Order::Fifo, 1);
  ScriptTask *putter, *joiner;
  ThreadId p1 = rig.thread(rig.b, {op::put(q, 1), op::put(q, 2)}, "B-put", &putter);
  ThreadId j1 = rig.thread(rig.b, {rig.await_that([&] { return q.qsize() == 1; }), op::join(q)}, "B-join", &joiner);
  rig.thread(rig.a,
             {rig.await_state(p1, ThreadState::Blocked), rig.await_state(j1, ThreadState::Blocked), rig.kill(rig.b),
              rig.join(rig.b), op::get(q), op::get(q, false)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(putter->results().size() == 1);  // the first put went in, the second was cut off
  CHECK(joiner->results().size() == 1);
  CHECK(q.qsize() == 0);
}

TEST_CASE("kill: a Channel receiver leaves the wait list; the message goes to the next receiver", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Channel& ch = rig.run.create<Channel>();
  std::string b_got = "none", c_got = "none";
  std::atomic<bool> b_past{false};
  ScriptTask *victim, *other;
  ThreadId bt = rig.thread(rig.b, {op::recv(ch, &b_got), flag(&b_past)}, "B1", &victim);
  ThreadId ct = rig.thread(rig.c, {rig.await_state(bt, ThreadState::Blocked), op::recv(ch, &c_got)}, "C1", &other);
  rig.thread(rig.a,
             {rig.await_state(bt, ThreadState::Blocked), rig.await_state(ct, ThreadState::Blocked), rig.kill(rig.b),
              op::send(ch, "hello"), rig.join(rig.b)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().empty());
  CHECK(b_got == "none");
  CHECK_FALSE(b_past.load());
  CHECK(c_got == "hello");
}

TEST_CASE("kill: a Pipe reader stops; the pipe still carries the next message", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Pipe pipe(rig.run, true, "P");
  std::string b_got = "none", a_got = "none";
  ScriptTask* victim;
  ThreadId bt = rig.thread(rig.b, {[&](ThreadContext& t, ScriptTask&) { return pipe.end(1).recv(t, b_got); }}, "B1",
                           &victim);
  rig.thread(rig.a,
             {rig.await_state(bt, ThreadState::Blocked), rig.kill(rig.b), rig.join(rig.b),
              [&](ThreadContext& t, ScriptTask&) { return pipe.end(0).send(t, "x"); },
              [&](ThreadContext& t, ScriptTask&) { return pipe.end(1).recv(t, a_got); }},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().empty());
  CHECK(b_got == "none");
  CHECK(a_got == "x");
}

TEST_CASE("kill: a Condition waiter leaves the wait list; notify(1) reaches the next waiter", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Lock& l = rig.run.create<Lock>("L");
  Condition& cond = rig.run.create<Condition>(l, "cond");
  ScriptTask *victim, *other;
  ThreadId bt = rig.thread(rig.b, {op::acquire(l), op::wait(cond), op::release(l)}, "B1", &victim);
  ThreadId ct = rig.thread(rig.c, {rig.await_state(bt, ThreadState::Blocked), op::acquire(l), op::wait(cond),
                                   op::release(l)},
                           "C1", &other);
  rig.thread(rig.a,
             {rig.await_state(bt, ThreadState::Blocked), rig.await_state(ct, ThreadState::Blocked), rig.kill(rig.b),
              op::acquire(l), op::notify(cond, 1), op::release(l), rig.join(rig.b)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().size() == 1);  // acquired, then cut off in wait()
  REQUIRE(other->results().size() == 4);
  CHECK(other->results()[2].ok);  // notified
  CHECK_FALSE(l.locked());        // B1 had released it in wait(): nothing left held
}

TEST_CASE("kill: an Event waiter stops; set() still wakes the other waiter", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Event& e = rig.run.create<Event>("E");
  ScriptTask *victim, *other;
  ThreadId bt = rig.thread(rig.b, {op::wait(e)}, "B1", &victim);
  ThreadId ct = rig.thread(rig.c, {op::wait(e)}, "C1", &other);
  rig.thread(rig.a,
             {rig.await_state(bt, ThreadState::Blocked), rig.await_state(ct, ThreadState::Blocked), rig.kill(rig.b),
              op::set(e), rig.join(rig.b)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().empty());
  REQUIRE(other->results().size() == 1);
  CHECK(other->results()[0].ok);
}

TEST_CASE("kill: Semaphore, RLock and Barrier waiters stop; the others are served", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Semaphore& s = rig.run.create<Semaphore>(0);
  RLock& r = rig.run.create<RLock>("R");
  Barrier& bar = rig.run.create<Barrier>(3, "bar");
  ScriptTask *bs, *br, *bb, *cs, *cr, *cb;
  ThreadId t_bs = rig.thread(rig.b, {op::acquire(s)}, "B-sem", &bs);
  ThreadId t_br = rig.thread(rig.b, {rig.await_that([&] { return r.owner() != 0; }), op::acquire(r)}, "B-rlock", &br);
  ThreadId t_bb = rig.thread(rig.b, {op::wait(bar)}, "B-bar", &bb);
  ThreadId t_cs = rig.thread(rig.c, {rig.await_state(t_bs, ThreadState::Blocked), op::acquire(s)}, "C-sem", &cs);
  ThreadId t_cr = rig.thread(rig.c, {rig.await_state(t_br, ThreadState::Blocked), op::acquire(r), op::release(r)},
                             "C-rlock", &cr);
  ThreadId t_cb = rig.thread(rig.c, {rig.await_state(t_bb, ThreadState::Blocked), op::wait(bar)}, "C-bar", &cb);
  rig.thread(rig.a,
             {op::acquire(r), rig.await_state(t_bs, ThreadState::Blocked), rig.await_state(t_br, ThreadState::Blocked),
              rig.await_state(t_bb, ThreadState::Blocked), rig.await_state(t_cs, ThreadState::Blocked),
              rig.await_state(t_cr, ThreadState::Blocked), rig.await_state(t_cb, ThreadState::Blocked),
              rig.kill(rig.b), op::release(s), op::release(r), op::wait(bar), rig.join(rig.b)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(bs->results().empty());
  CHECK(br->results().size() == 1);
  CHECK(bb->results().empty());
  REQUIRE(cs->results().size() == 2);
  CHECK(cs->results()[1].ok);
  REQUIRE(cr->results().size() == 3);
  CHECK(cr->results()[1].ok);
  // The killed party's arrival still counts (as with a killed process on a
  // multiprocessing.Barrier): the two live parties complete the barrier.
  REQUIRE(cb->results().size() == 2);
  CHECK(cb->results()[1].is_done());
}

TEST_CASE("kill: a sleeping thread stops at once; other sleepers wake on time", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  ScriptTask *victim, *other;
  std::atomic<bool> b_past{false};
  ThreadId bt = rig.thread(rig.b, {op::sleep(1000.0), flag(&b_past)}, "B1", &victim);
  rig.thread(rig.c, {op::sleep(0.2)}, "C1", &other);
  rig.thread(rig.a, {rig.await_state(bt, ThreadState::Sleeping), rig.kill(rig.b), rig.join(rig.b)}, "A1");
  auto t0 = Clock::now();
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().empty());
  CHECK_FALSE(b_past.load());
  REQUIRE(other->results().size() == 1);
  CHECK(other->results()[0].is_done());
  if (det_mode) {
    CHECK(rig.join_vtime < kSecond);
    CHECK(rig.run.now() == seconds_to_vtime(0.2));  // C1's sleep is the last thing that ran
  } else {
    CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 30.0 * INTERLEAVE_TIME_FACTOR);
  }
}

TEST_CASE("kill: a thread joining another thread stops; the other joiner still returns", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Event& go = rig.run.create<Event>("go");
  ScriptTask *victim, *other;
  ThreadId worker = rig.thread(rig.c, {op::wait(go)}, "C-worker");
  ThreadId bt = rig.thread(rig.b, {op::join_thread(worker)}, "B1", &victim);
  ThreadId ct = rig.thread(rig.c, {op::join_thread(worker)}, "C1", &other);
  rig.thread(rig.a,
             {rig.await_state(bt, ThreadState::Blocked), rig.await_state(ct, ThreadState::Blocked), rig.kill(rig.b),
              rig.join(rig.b), op::set(go)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().empty());
  CHECK(rig.run.thread(bt)->joining.load() == nullptr);  // out of the wait-for graph
  REQUIRE(other->results().size() == 1);
  CHECK(other->results()[0].ok);
}

TEST_CASE("kill: a thread joining a process stops; the process it joined is left alone", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Event& go = rig.run.create<Event>("go");
  ScriptTask* victim;
  rig.thread(rig.c, {op::wait(go)}, "C-worker");
  ThreadId bt = rig.thread(rig.b, {[&](ThreadContext& t, ScriptTask&) { return rig.run.join_process(t, rig.c); }},
                           "B1", &victim);
  rig.thread(rig.a, {rig.await_state(bt, ThreadState::Blocked), rig.kill(rig.b), rig.join(rig.b), op::set(go)}, "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().empty());
  CHECK(rig.run.process(rig.c)->state == ProcessState::Zombie);  // nobody reaped it
}

TEST_CASE("kill: a thread computing a CPU burst gives its core up at once", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  // One core (det): B1 computes on it, C1 waits for it; the kill hands it to C1 at once.
  KillRig rig(det_mode, 1);
  ScriptTask *victim, *other;
  VTime c_done = -1;
  std::atomic<bool> started{false};
  ThreadId bt = rig.thread(rig.b, {flag(&started), op::cpu(1000 * kSecond)}, "B1", &victim);
  // Free threads show no Computing state: the burst is a busy loop in spend().
  ScriptOp computing =
      det_mode ? rig.await_state(bt, ThreadState::Computing) : rig.await_that([&] { return started.load(); });
  rig.thread(rig.c, {computing, op::cpu(det_mode ? kSecond : kSecond / 20), record_time(&c_done)}, "C1", &other);
  rig.thread(rig.a, {computing, op::sleep(det_mode ? 0 : 0.02), rig.kill(rig.b), rig.join(rig.b)}, "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(victim->results().size() == 1);
  REQUIRE(other->results().size() == 3);
  CHECK(other->results()[1].is_done());
  if (det_mode) CHECK(c_done == rig.kill_vtime + kSecond);  // it got the core at the kill
}

TEST_CASE("kill: det threads waiting for a core leave the core queue", "[kill]") {
  // One core, B without a GIL: B1 computes, B2 and C1 wait for the core. After the kill
  // the core goes to C1 at once; B2's place in the queue is gone.
  RunConfig cfg = det();
  cfg.cores = 1;
  Run run(cfg);
  ProcessId b = static_cast<ProcessId>(run.spawn_process(1, "B", false, false).value);
  ProcessId c = static_cast<ProcessId>(run.spawn_process(1, "C").value);
  VTime killed = -1, c_done = -1;
  ScriptTask* b1 = spawn(run, {op::cpu(1000 * kSecond)}, "B1", b);
  ScriptTask* b2 = spawn(run, {op::cpu(1000 * kSecond)}, "B2", b);
  spawn(run, {op::cpu(kSecond), record_time(&c_done)}, "C1", c);
  spawn(run,
        {op::sleep(0.5), op::call([&](ThreadContext&) {
           CHECK(run.thread(2)->get_state() == ThreadState::WaitingCore);
           CHECK(run.thread(3)->get_state() == ThreadState::WaitingCore);
           killed = run.now();
           CHECK(run.kill_process(b).ok);
         }),
         [&](ThreadContext& t, ScriptTask&) { return run.join_process(t, b); }},
        "A1");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(b1->results().empty());
  CHECK(b2->results().empty());
  CHECK(killed == seconds_to_vtime(0.5));
  CHECK(c_done == killed + kSecond);
}

TEST_CASE("kill: threads spinning at yield points get Cancel; the killer's siblings keep their GIL", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  // Det charges 1 ms per yield point, so spinning is a stream of bursts on the cores.
  // Random picks: round robin starves B2 (B1 always comes first when B's burst ends).
  KillRig rig(det_mode, 2, det_mode ? 1'000'000 : 0, StrategyKind::Random);
  std::atomic<bool> stop_a{false};
  SpinTask *b1, *b2, *a2;
  rig.spinner(rig.b, &b1, "B1");
  rig.spinner(rig.b, &b2, "B2");
  rig.spinner(rig.a, &a2, "A2", &stop_a);
  uint64_t a2_at_kill = 0;
  rig.thread(rig.a,
             {rig.await_that([&] { return b1->spins > 20 && b2->spins > 20 && a2->spins > 20; }), rig.kill(rig.b),
              rig.join(rig.b), op::call([&](ThreadContext&) { a2_at_kill = a2->spins; }),
              rig.await_that([&] { return a2->spins > a2_at_kill + 20; }), op::call([&](ThreadContext&) { stop_a = true; })},
             "A1");
  RunStatus st = rig.finish();
  INFO("b1 " << b1->spins << " b2 " << b2->spins << " a2 " << a2->spins << " now " << rig.run.now() << " killed "
             << rig.run.process_killed(rig.b) << " A1 state " << thread_state_name(rig.run.thread(4)->get_state()));
  REQUIRE(st == RunStatus::Finished);
  rig.check_end();
  CHECK(b1->saw_cancel);
  CHECK(b2->saw_cancel);
  CHECK_FALSE(a2->saw_cancel);  // A's GIL and threads were untouched: A2 spun on after the kill
}

TEST_CASE("kill: locks held by the killed process stay held (CPython's hazard)", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Lock& l = rig.run.create<Lock>("L");
  Event& never = rig.run.create<Event>("never");
  ScriptTask* other;
  ThreadId bt = rig.thread(rig.b, {op::acquire(l), op::wait(never)}, "B1");
  // C1 waits for the lock with a timeout: it is blocked on it when B is killed.
  ThreadId ct = rig.thread(rig.c, {rig.await_state(bt, ThreadState::Blocked), op::acquire(l, true, 0.5)}, "C1", &other);
  rig.thread(rig.a, {rig.await_state(ct, ThreadState::Blocked), rig.kill(rig.b), rig.join(rig.b)}, "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  REQUIRE(other->results().size() == 2);
  CHECK_FALSE(other->results()[1].ok);  // timed out: the lock was never released
  CHECK(l.holder() == bt);
}

TEST_CASE("kill: det reports the deadlock on a lock a killed process still holds", "[kill][deadlock]") {
  Run run(det());
  ProcessId b = static_cast<ProcessId>(run.spawn_process(1, "B").value);
  ProcessId c = static_cast<ProcessId>(run.spawn_process(1, "C").value);
  Lock& l = run.create<Lock>("L");
  Event& never = run.create<Event>("never");
  spawn(run, {op::acquire(l), op::wait(never)}, "B1", b);
  spawn(run, {op::sleep(1), op::acquire(l)}, "C1", c);
  spawn(run, {op::sleep(0.5), op::call([&](ThreadContext&) { run.kill_process(b); })}, "A1");
  REQUIRE(run.run() == RunStatus::Deadlock);
  REQUIRE(run.deadlock());
  CHECK(run.deadlock()->blocked == std::vector<ThreadId>{2});  // C1 only; B1 is gone
  CHECK(run.process(b)->state == ProcessState::Zombie);
}

TEST_CASE("kill: a deadlock inside the killed process ends with it", "[kill][deadlock]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  Lock& x = rig.run.create<Lock>("X");
  Lock& y = rig.run.create<Lock>("Y");
  Barrier& both = rig.run.create<Barrier>(2, "both");
  rig.thread(rig.b, {op::acquire(x), op::wait(both), op::acquire(y)}, "B1");
  rig.thread(rig.b, {op::acquire(y), op::wait(both), op::acquire(x)}, "B2");
  size_t blocked_after_kill = 99;
  rig.thread(rig.a,
             {rig.await_that([&] { return rig.run.wait_for_graph().find_cycle().size() == 2; }), rig.kill(rig.b),
              op::call([&](ThreadContext&) { blocked_after_kill = rig.run.wait_for_graph().blocked.size(); }),
              rig.join(rig.b)},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  CHECK(blocked_after_kill == 0);  // killed threads are out of the graph at once
  CHECK(x.locked());
  CHECK(y.locked());
}

TEST_CASE("kill: a process may kill itself (os._exit); later threads are killed at birth", "[kill]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode);
  std::atomic<bool> past{false}, child_ran{false};
  Outcome child = Outcome::fail(ErrorKind::None, "not spawned");
  ScriptTask* self;
  ThreadId bt = rig.thread(rig.b,
                           {op::call([&](ThreadContext& t) {
                              rig.run.set_exit_code(t.process->pid, 3);
                              rig.kill_result = rig.run.kill_process(t.process->pid);
                              rig.killed_at = Clock::now();
                              rig.kill_vtime = rig.run.now();
                              // Still running (its own thread is live): the new thread is killed at birth.
                              child = rig.run.spawn_thread(
                                  t.process->pid,
                                  std::make_unique<ScriptTask>(std::vector<ScriptOp>{flag(&child_ran)}), "B-child");
                            }),
                            flag(&past)},
                           "B1", &self);
  Outcome joined;
  rig.thread(rig.a,
             {rig.await_that([&] { return rig.run.process_killed(rig.b); }),
              [&](ThreadContext& t, ScriptTask&) {
                joined = rig.run.join_process(t, rig.b);
                if (joined.is_done()) {
                  rig.joined_at = Clock::now();
                  rig.join_vtime = rig.run.now();
                }
                return joined;
              }},
             "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  (void)bt;
  rig.check_end();
  CHECK(self->results().size() == 1);
  CHECK_FALSE(past.load());
  REQUIRE(child.is_done());
  CHECK(rig.run.thread(static_cast<ThreadId>(child.value))->is_killed());
  CHECK_FALSE(child_ran.load());
  CHECK(joined.value == 3);  // the exit code set before the kill
}

TEST_CASE("kill: bad pids fail with a message; a second kill and a kill of an ended process do nothing",
          "[kill]") {
  Run run(det());
  ProcessId b = static_cast<ProcessId>(run.spawn_process(1, "B").value);
  ProcessId done = static_cast<ProcessId>(run.spawn_process(1, "done").value);
  spawn(run, {}, "D1", done);
  REQUIRE(run.run() == RunStatus::Finished);
  Outcome bad = run.kill_process(99);
  CHECK(bad.error == ErrorKind::ValueError);
  CHECK(std::string(bad.message) == "kill_process: no such process (valid pids: 2 to the number of processes)");
  CHECK(run.kill_process(0).error == ErrorKind::ValueError);
  Outcome init = run.kill_process(1);
  CHECK(init.error == ErrorKind::ValueError);
  CHECK(std::string(init.message) == "kill_process: pid 1 (the init process) cannot be killed");
  CHECK_FALSE(run.kill_process(done).ok);  // already exited
  CHECK_FALSE(run.process_killed(done));
  // A process without threads has nothing to wait for: it is a Zombie at once.
  Outcome first = run.kill_process(b);
  CHECK(first.is_done());
  CHECK(first.ok);
  CHECK(run.process(b)->state == ProcessState::Zombie);
  Outcome again = run.kill_process(b);
  CHECK(again.is_done());
  CHECK_FALSE(again.ok);
  CHECK(run.spawn_thread(b, std::make_unique<ScriptTask>(std::vector<ScriptOp>{}), "late").error ==
        ErrorKind::ValueError);
}

TEST_CASE("kill: the trace shows ProcessKill just before ProcessExit, on the killed process", "[kill][trace]") {
  Run run(det());
  ProcessId b = static_cast<ProcessId>(run.spawn_process(1, "B").value);
  Event& never = run.create<Event>("never");
  spawn(run, {op::wait(never)}, "B1", b);
  spawn(run, {op::wait(never)}, "B2", b);
  spawn(run, {op::sleep(1), op::call([&](ThreadContext&) { run.kill_process(b); })}, "A1");
  REQUIRE(run.run() == RunStatus::Finished);
  std::vector<TraceEvent> ev = run.trace().collect();
  int kills = 0;
  for (size_t i = 0; i < ev.size(); ++i) {
    if (ev[i].kind != EventKind::ProcessKill) continue;
    ++kills;
    CHECK(ev[i].pid == b);
    CHECK(ev[i].vtime == kSecond);
    REQUIRE(i + 1 < ev.size());
    CHECK(ev[i + 1].kind == EventKind::ProcessExit);
  }
  CHECK(kills == 1);
  CHECK(run.trace().to_text().find("process_kill") != std::string::npos);
  CHECK(run.trace().to_chrome_json(true).find("\"traceEvents\"") != std::string::npos);
}

TEST_CASE("kill: det runs with kills replay byte for byte", "[kill][determinism]") {
  auto once = [](uint64_t seed, const std::string& replay) {
    RunConfig cfg = det(seed, replay.empty() ? StrategyKind::Random : StrategyKind::Replay);
    cfg.replay = replay;
    cfg.cores = 2;
    cfg.instruction_cost = 100'000;
    Run run(cfg);
    ProcessId b = static_cast<ProcessId>(run.spawn_process(1, "B").value);
    // B's lock stays held when B dies mid-loop, so A2 loops on its own lock.
    Lock& lb = run.create<Lock>("LB");
    Lock& la = run.create<Lock>("LA");
    Queue& q = run.create<Queue>();
    for (int i = 0; i < 3; ++i) spawn(run, op::repeat(20, {op::acquire(lb), op::cpu(50'000), op::release(lb)}), "B", b);
    spawn(run, {op::get(q)}, "Bq", b);
    spawn(run, {op::get(q)}, "Aq");
    spawn(run, op::repeat(20, {op::acquire(la), op::cpu(50'000), op::release(la)}), "A2");
    spawn(run, {op::sleep(0.001), op::call([&, b](ThreadContext&) { run.kill_process(b); }), op::put(q, 1)}, "A1");
    REQUIRE(run.run() == RunStatus::Finished);
    return std::make_pair(run.trace().to_text(), run.schedule_token());
  };
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    auto first = once(seed, "");
    CHECK(once(seed, "") == first);
    CHECK(once(0, first.second).first == first.first);
  }
}

TEST_CASE("kill: det passes a wake-up the killed thread had not used to the next waiter", "[kill]") {
  Run run(det());
  ProcessId b = static_cast<ProcessId>(run.spawn_process(1, "B").value);
  ProcessId c = static_cast<ProcessId>(run.spawn_process(1, "C").value);
  Lock& l = run.create<Lock>("L");
  Lock& cl = run.create<Lock>("CL");
  Condition& cond = run.create<Condition>(cl, "cond");
  Queue& q = run.create<Queue>();
  // B1, C1 wait on each of the lock, the condition and the queue, B first. A1 wakes
  // one waiter (B's) and kills B in the same step, before B runs.
  ScriptTask* bl = spawn(run, {op::sleep(0.1), op::acquire(l)}, "B-lock", b);
  ScriptTask* bc = spawn(run, {op::acquire(cl), op::wait(cond), op::release(cl)}, "B-cond", b);
  ScriptTask* bq = spawn(run, {op::get(q)}, "B-get", b);
  ScriptTask* cl1 = spawn(run, {op::sleep(0.2), op::acquire(l), op::release(l)}, "C-lock", c);
  ScriptTask* cc = spawn(run, {op::sleep(0.2), op::acquire(cl), op::wait(cond), op::release(cl)}, "C-cond", c);
  ScriptTask* cq = spawn(run, {op::sleep(0.2), op::get(q)}, "C-get", c);
  spawn(run,
        {op::acquire(l), op::sleep(1), op::call([&](ThreadContext& t) {
           REQUIRE(l.release(t).is_done());  // wakes B-lock
           REQUIRE(cl.acquire(t).ok);
           REQUIRE(cond.notify(t, 1).value == 1);  // wakes B-cond
           cl.release(t);
           REQUIRE(q.put(t, 7).is_done());  // wakes B-get
           CHECK(run.kill_process(b).ok);
         })},
        "A1");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(bl->results().size() == 1);
  CHECK(bc->results().size() == 1);
  CHECK(bq->results().empty());
  REQUIRE(cl1->results().size() == 3);
  CHECK(cl1->results()[1].ok);
  REQUIRE(cc->results().size() == 4);
  CHECK(cc->results()[2].ok);  // C-cond got the notification B-cond could not use
  REQUIRE(cq->results().size() == 2);
  CHECK(cq->results()[1].value == 7);
}

TEST_CASE("kill: under contention no wake-up is lost - the other process's getters get every item", "[kill][stress]") {
  const bool det_mode = GENERATE(true, false);
  INFO(mode_name(det_mode));
  KillRig rig(det_mode, 2, det_mode ? 20'000 : 0, StrategyKind::Random);
  Queue& q = rig.run.create<Queue>();
  Lock& lb = rig.run.create<Lock>("LB");  // B may die holding it: C has its own
  Lock& lc = rig.run.create<Lock>("LC");
  std::atomic<int> b_got{0};
  ScriptOp count = op::call([&](ThreadContext&) { ++b_got; });
  // Four getters in B and two in C share the queue; A puts 50 items, kills
  // B mid-stream, then puts 200 more. B took at most 50, so C's 200 gets all succeed,
  // unless a wake-up went to a dead thread (then C hangs).
  for (int i = 0; i < 4; ++i) rig.thread(rig.b, op::repeat(100, {op::get(q), op::acquire(lb), count, op::release(lb)}), "B");
  std::vector<ScriptTask*> getters(2);
  for (auto& g : getters) rig.thread(rig.c, op::repeat(100, {op::get(q), op::acquire(lc), op::release(lc)}), "C", &g);
  std::vector<ScriptOp> a_ops;
  for (int i = 0; i < 50; ++i) a_ops.push_back(op::put(q, static_cast<Item>(i)));
  a_ops.push_back(rig.kill(rig.b));
  for (int i = 50; i < 250; ++i) a_ops.push_back(op::put(q, static_cast<Item>(i)));
  a_ops.push_back(rig.join(rig.b));
  rig.thread(rig.a, std::move(a_ops), "A1");
  REQUIRE(rig.finish() == RunStatus::Finished);
  rig.check_end();
  for (ScriptTask* g : getters) {
    REQUIRE(g->results().size() == 300);
    for (size_t i = 0; i < 300; i += 3) CHECK(g->results()[i].is_done());
  }
  // B took b_got items, plus at most one per thread it died holding.
  CHECK(q.qsize() <= 50 - b_got.load());
  CHECK(q.qsize() >= 46 - b_got.load());
}
