// core/det_scheduler.h - deterministic green-thread scheduler with virtual time.
//
// One host thread steps every simulated thread's Task. At each scheduling point the
// runnable threads (ascending id) go to the Strategy, which picks one; the choices
// form the schedule (replayable). Virtual time: sleeps and timeouts are timers; CPU
// work (spend(), and RunConfig::instruction_cost per yield point) is a burst on one
// of C virtual cores. A process with the GIL on runs at most one burst at a time;
// processes run in parallel on separate cores. When no thread is runnable the clock
// jumps to the next timer; with no timer either, the run is deadlocked.
//
// The GIL is modelled at the scheduling point too: while one thread of a GIL process
// computes (or waits for a core), its siblings are not offered to the strategy, since
// they could not execute bytecode without the lock. When the burst ends, every
// runnable thread of the process competes again and the strategy picks, so seeds
// still choose the interleaving when bytecode costs virtual time.
//
// Batches: when only one thread can be chosen and nothing can change that for a while,
// it takes many steps at once (one instruction each when every bytecode is a switch
// point), paying their virtual CPU time in one burst. The run is the same as one step at
// a time: same choices, clock, CPU times and step count (see batch_budget).
//
// Killed threads (Run::kill_process) are stepped ahead of the strategy, lowest id
// first, until they are done: a killed process ends at the instant of the kill, and
// no choice is spent (or recorded) on it.
#pragma once
#include <memory>
#include <queue>
#include <vector>

#include "core/run_config.h"
#include "core/scheduler.h"
#include "core/strategy.h"

namespace interleave::core {

class DetScheduler final : public Scheduler {
 public:
  DetScheduler(Run& run, const RunConfig& cfg, std::unique_ptr<Strategy> strategy);

  Mode mode() const override { return Mode::Det; }
  VTime now() const override { return clock_; }
  WaitStatus wait(ThreadContext& t, WaitList& wl, Primitive* obj, std::unique_lock<std::mutex>& lk,
                  VTime deadline) override;
  ThreadContext* wake_one(WaitList& wl) override;
  Outcome sleep(ThreadContext& t, double seconds) override;
  Outcome spend(ThreadContext& t, VTime ns) override;
  YieldAction yield_point(ThreadContext& t, uint64_t instructions = 1) override;
  void pay_batch(ThreadContext& t, uint64_t instructions) override;
  void start_thread(ThreadContext& t) override;
  // The driving thread's only (Program::interrupt() stops a det run from elsewhere through
  // its VMs): the scheduling loop stays free of atomics.
  void cancel() override { cancelled_ = true; }
  bool cancelled() const override { return cancelled_; }
  void kill(ThreadContext& t) override;

  // Steps threads until every thread is done, a deadlock, or `max_steps` steps.
  RunStatus run(uint64_t max_steps);

  Strategy& strategy() { return *strategy_; }
  // The next choice goes to `tid` if it can run then (step mode, or a learner picking a
  // thread mid-run); otherwise the strategy decides. Recorded in the schedule as usual.
  void direct(ThreadId tid) { directed_ = tid; }
  const std::vector<uint32_t>& schedule() const { return schedule_; }
  uint64_t steps() const { return steps_; }
  uint64_t context_switches() const { return switches_; }
  // Threads that could run now (ascending id), e.g. to offer in step mode.
  std::vector<ThreadId> runnable() const;

 private:
  struct Timer {
    VTime at;
    uint64_t order;  // FIFO among equal times, for determinism
    ThreadContext* thread;
    uint64_t gen;
  };
  struct TimerLater {
    bool operator()(const Timer& a, const Timer& b) const {
      return a.at != b.at ? a.at > b.at : a.order > b.order;
    }
  };

  void add_timer(ThreadContext& t, VTime at);
  void fire_timer(ThreadContext& t);
  bool advance_time();
  void make_runnable(ThreadContext& t);
  // Every det state change goes through here, keeping ready_ in step with the states.
  void set_state(ThreadContext& t, ThreadState s);
  void step_thread(ThreadContext& t, uint64_t budget = 1);
  // How many steps `t`, the only thread that could be chosen now, may take in one go:
  // 1 unless nothing can change that before then - no timer due sooner, no thread
  // waiting for a core, nobody dying. A rival made ready meanwhile ends the batch
  // (Task::rival_ready), so the choices offered are those of one step at a time.
  uint64_t batch_budget(uint64_t steps_left);
  // The earliest live timer (stale ones dropped on the way), or kNoDeadline.
  VTime next_timer_at();
  void request_burst(ThreadContext& t, VTime ns, bool is_op);
  bool can_burst(const ThreadContext& t) const;
  bool eligible(const ThreadContext& t) const;
  void begin_burst(ThreadContext& t, VTime ns);
  void end_burst(ThreadContext& t);
  void leave_core(ThreadContext& t);
  void dispatch_cores();
  ThreadContext* first_dying() const;
  void emit(ThreadContext& t, EventKind k, ObjectId obj, int64_t value);

  std::unique_ptr<Strategy> strategy_;
  int cores_;
  int busy_cores_ = 0;
  VTime instruction_cost_;
  bool batch_steps_;
  bool cancelled_ = false;
  int dying_ = 0;                          // live killed threads (stepped before anyone else)
  std::vector<ThreadContext*> live_;       // ascending id
  std::vector<ThreadContext*> ready_;      // ascending id: the live threads Runnable or Running, the
                                           // only ones eligible() may accept (so a step costs them,
                                           // not every blocked or sleeping thread)
  std::vector<ThreadContext*> runnable_;   // scratch, rebuilt per step
  std::vector<ThreadContext*> core_queue_; // FIFO of threads waiting for a core
  std::priority_queue<Timer, std::vector<Timer>, TimerLater> timers_;
  uint64_t timer_order_ = 0;
  std::vector<uint32_t> schedule_;
  ThreadId last_ = 0;
  ThreadContext* batching_ = nullptr;      // the thread running a batch of steps now
  ThreadId directed_ = 0;
  uint64_t steps_ = 0;
  uint64_t switches_ = 0;
};

}  // namespace interleave::core
