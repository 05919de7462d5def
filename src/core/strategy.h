// core/strategy.h - who runs next in det mode, and the schedule token for replay.
//
// At every scheduling point with more than one runnable thread, the det scheduler
// passes the runnable threads (ascending thread id) to Strategy::pick, which returns
// the index of the one to run, or -1 to stop and wait for a choice from outside
// (step mode). The chosen indices form the run's schedule; encode_schedule() makes
// a compact URL-safe token of it, and ReplayStrategy plays one back.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base.h"

namespace interleave::core {

struct ThreadContext;

class Strategy {
 public:
  virtual ~Strategy() = default;
  // `runnable` holds at least two threads. Returns an index into it, or -1.
  virtual int pick(const std::vector<ThreadContext*>& runnable, ThreadId last) = 0;
  virtual void on_thread_added(ThreadId) {}
  virtual const char* name() const = 0;
};

// Custom: RunConfig::custom_strategy builds it (the explorer's recording and planned runs).
enum class StrategyKind : uint8_t { Random, Pct, RoundRobin, Ask, Replay, Custom };

// Seeded uniform choice at every point.
class RandomStrategy final : public Strategy {
 public:
  explicit RandomStrategy(uint64_t seed) : rng_(seed) {}
  int pick(const std::vector<ThreadContext*>& runnable, ThreadId last) override;
  const char* name() const override { return "random"; }

 private:
  SplitMix64 rng_;
};

// The next thread after `last` in id order (switches at every point).
class RoundRobinStrategy final : public Strategy {
 public:
  int pick(const std::vector<ThreadContext*>& runnable, ThreadId last) override;
  const char* name() const override { return "round-robin"; }
};

// PCT (Burckhardt et al.): random distinct priorities, the highest runnable runs;
// at d-1 random change points (within the first `max_steps` points) the running
// thread's priority drops below every initial priority. Finds depth-d bugs with
// probability >= 1/(n * k^(d-1)).
class PctStrategy final : public Strategy {
 public:
  PctStrategy(uint64_t seed, int depth, uint32_t max_steps);
  int pick(const std::vector<ThreadContext*>& runnable, ThreadId last) override;
  void on_thread_added(ThreadId tid) override;
  const char* name() const override { return "pct"; }

 private:
  int64_t& priority(ThreadId tid);
  SplitMix64 rng_;
  int depth_;
  uint32_t step_ = 0;
  std::vector<uint32_t> change_points_;
  std::vector<int64_t> priorities_;  // index = tid - 1
};

// Step mode: the learner picks every thread. pick() returns -1, which pauses the run
// until Run::choose(tid) directs the next choice (DetScheduler::direct).
class AskStrategy final : public Strategy {
 public:
  int pick(const std::vector<ThreadContext*>&, ThreadId) override { return -1; }
  const char* name() const override { return "ask"; }
};

// Plays back a recorded schedule. When the recording runs out or does not fit the
// program (an index out of range), falls back to index 0 and sets diverged().
class ReplayStrategy final : public Strategy {
 public:
  explicit ReplayStrategy(std::vector<uint32_t> choices) : choices_(std::move(choices)) {}
  int pick(const std::vector<ThreadContext*>& runnable, ThreadId last) override;
  const char* name() const override { return "replay"; }
  bool diverged() const { return diverged_; }

 private:
  std::vector<uint32_t> choices_;
  size_t pos_ = 0;
  bool diverged_ = false;
};

// The choice points of one det run as the schedule explorer sees them: at each, the
// runnable threads, the thread that ran last if it could go on ("stay"; 0 when it cannot:
// it blocked, ended or computes), and the thread chosen. A choice of another thread while
// `stay` could go on is a preemption; any other choice is free.
struct ChoiceLog {
  struct Point {
    uint32_t first = 0;   // its runnable threads are tids[first .. first + count)
    uint32_t count = 0;
    ThreadId last = 0;    // the thread stepped before (0 at the start)
    ThreadId stay = 0;    // `last` when it is runnable here, else 0
    ThreadId chosen = 0;
    uint64_t step = 0;    // the scheduler's steps taken before this point
    bool forced = false;  // PlanStrategy kept `stay` (its next step is local): not a real choice
  };
  std::vector<Point> points;
  std::vector<ThreadId> tids;

  void clear() { points.clear(); tids.clear(); }
  // Appends a point for `runnable` with `last` the thread stepped before; chosen is set later.
  Point& add(const std::vector<ThreadContext*>& runnable, ThreadId last);
  bool is_preemption(const Point& p) const { return p.stay != 0 && p.chosen != p.stay; }
  uint32_t preemptions() const;
  // The thread the non-preemptive default picks at `p`: `stay` when it can go on, else the
  // first runnable thread after `p.last` in id order (round robin).
  ThreadId default_choice(const Point& p) const;
};

// Wraps another strategy and logs every choice point it answers into `log` (owned by the
// caller, who reads it after the run). A -1 from the inner strategy (step mode) is passed on.
class RecordingStrategy final : public Strategy {
 public:
  RecordingStrategy(std::unique_ptr<Strategy> inner, ChoiceLog& log) : inner_(std::move(inner)), log_(log) {}
  int pick(const std::vector<ThreadContext*>& runnable, ThreadId last) override;
  void on_thread_added(ThreadId tid) override { inner_->on_thread_added(tid); }
  const char* name() const override { return inner_->name(); }

 private:
  std::unique_ptr<Strategy> inner_;
  ChoiceLog& log_;
};

// Follows a plan of thread ids, one per choice point (0, or a thread that cannot run then:
// the default), and past the plan the non-preemptive default (ChoiceLog::default_choice).
// `local(t)` (optional) says that runnable thread t's next step touches nothing shared;
// when the thread that ran last is such a thread it goes on whatever the plan says, since
// switching before a local step commutes with every other thread's step (the explorer's
// partial-order reduction). Logs every point into `log`, forced ones marked.
class PlanStrategy final : public Strategy {
 public:
  using LocalStep = std::function<bool(const ThreadContext&)>;
  PlanStrategy(std::vector<ThreadId> plan, ChoiceLog& log, LocalStep local = {})
      : plan_(std::move(plan)), log_(log), local_(std::move(local)) {}
  int pick(const std::vector<ThreadContext*>& runnable, ThreadId last) override;
  const char* name() const override { return "plan"; }

 private:
  std::vector<ThreadId> plan_;
  size_t pos_ = 0;
  ChoiceLog& log_;
  LocalStep local_;
};

// A learner's choice of the coroutine a thread's event loop (asyncio) or hub (gevent) runs
// at its next pick, made in det step mode: before scheduler step `step`, entry `index` of
// thread `tid`'s ready queue moved to its front. The core only records and replays these;
// the interpreter's runtime applies them (py/runtime/program.h, choose_coroutine).
struct CoroutineChoice {
  uint64_t step = 0;
  ThreadId tid = 0;
  uint32_t index = 0;
  bool operator==(const CoroutineChoice&) const = default;
};

// Schedule token: "s1" + base64url(varint pairs {choice, repeat}), then, only when the run
// has coroutine choices, "." + base64url(varint triples {step - previous step, tid, index}).
// Fits in a URL; a run without coroutine choices has the same token as before they existed.
std::string encode_schedule(const std::vector<uint32_t>& choices, const std::vector<CoroutineChoice>& coroutines = {});
// The thread choices of a token. Returns nullopt for a malformed token (either part).
std::optional<std::vector<uint32_t>> decode_schedule(std::string_view token);
// The coroutine choices of a token (empty when it has none); nullopt when malformed.
std::optional<std::vector<CoroutineChoice>> decode_coroutine_choices(std::string_view token);

}  // namespace interleave::core
