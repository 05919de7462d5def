// core/resume_strategy.h - going on with a det run from a recorded point (the page's step back).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/run_config.h"
#include "core/strategy.h"

namespace interleave::core {

// Replays a recorded prefix of choices, then hands every later point to `inner`. `inner`
// answers the replayed points too (its answers dropped), so a seeded strategy's generator
// stands where it stood in the recorded run and the run goes on as that run went on.
class ResumeStrategy final : public Strategy {
 public:
  ResumeStrategy(std::vector<uint32_t> prefix, std::unique_ptr<Strategy> inner)
      : prefix_(std::move(prefix)), inner_(std::move(inner)) {}
  int pick(const std::vector<ThreadContext*>& runnable, ThreadId last) override;
  void on_thread_added(ThreadId tid) override { inner_->on_thread_added(tid); }
  const char* name() const override { return inner_->name(); }

 private:
  std::vector<uint32_t> prefix_;
  size_t pos_ = 0;
  std::unique_ptr<Strategy> inner_;
};

// The det strategy `cfg` names, as a run makes it (Random on a bad replay token, with
// `error` set; Custom calls cfg.custom_strategy).
std::unique_ptr<Strategy> make_strategy(const RunConfig& cfg, std::string& error);

}  // namespace interleave::core
