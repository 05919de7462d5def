// core/strategy.h - who runs next in det mode, and the schedule token for replay.
//
// At every scheduling point with more than one runnable thread, the det scheduler
// passes the runnable threads (ascending thread id) to Strategy::pick, which returns
// the index of the one to run, or -1 to stop and wait for a choice from outside
// (step mode). The chosen indices form the run's schedule; encode_schedule() makes
// a compact URL-safe token of it, and ReplayStrategy plays one back.
#pragma once
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

enum class StrategyKind : uint8_t { Random, Pct, RoundRobin, Ask, Replay };

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

// Schedule token: "s1" + base64url(varint pairs {choice, repeat}). Fits in a URL.
std::string encode_schedule(const std::vector<uint32_t>& choices);
// Returns nullopt for a malformed token.
std::optional<std::vector<uint32_t>> decode_schedule(std::string_view token);

}  // namespace interleave::core
