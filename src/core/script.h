// core/script.h - scripted green-thread tasks for C++ tests and benchmarks.
//
// A ScriptTask runs a list of operations, one per step in det mode, with a yield
// point after each, exactly as the VM runs instructions:
//   auto task = std::make_unique<ScriptTask>(std::vector<ScriptOp>{
//       op::acquire(a), op::cpu(3 * kSecond), op::sleep(1.0),
//       op::read(x), op::write(x, +1), op::release(a)});
// An operation that returns Suspend makes step() return Blocked and is re-executed
// when the thread runs again (rule 2 of the contract in core/scheduler.h). Each
// completed operation's Outcome is appended to results() (errors included), so
// tests can check what every call returned.
#pragma once
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/queue.h"
#include "core/sync.h"

namespace interleave::core {

class ScriptTask;
using ScriptOp = std::function<Outcome(ThreadContext&, ScriptTask&)>;

class ScriptTask final : public Task {
 public:
  explicit ScriptTask(std::vector<ScriptOp> ops) : ops_(std::move(ops)) {}
  StepResult step(ThreadContext& ctx) override;

  const std::vector<Outcome>& results() const { return results_; }
  int64_t reg = 0;  // the register read() loads and write() stores from

 private:
  std::vector<ScriptOp> ops_;
  size_t pc_ = 0;
  std::vector<Outcome> results_;
};

namespace op {
ScriptOp acquire(Lock& l, bool blocking = true, double timeout = -1);
ScriptOp release(Lock& l);
ScriptOp acquire(RLock& l, bool blocking = true, double timeout = -1);
ScriptOp release(RLock& l);
ScriptOp acquire(Semaphore& s, bool blocking = true, std::optional<double> timeout = std::nullopt);
ScriptOp release(Semaphore& s, int64_t n = 1);
ScriptOp wait(Condition& c, std::optional<double> timeout = std::nullopt);
ScriptOp notify(Condition& c, int64_t n = 1);
ScriptOp notify_all(Condition& c);
ScriptOp wait(Event& e, std::optional<double> timeout = std::nullopt);
ScriptOp set(Event& e);
ScriptOp clear(Event& e);
ScriptOp wait(Barrier& b, std::optional<double> timeout = std::nullopt);
ScriptOp put(Queue& q, Item item, bool block = true, std::optional<double> timeout = std::nullopt);
ScriptOp get(Queue& q, bool block = true, std::optional<double> timeout = std::nullopt);
ScriptOp task_done(Queue& q);
ScriptOp join(Queue& q);
ScriptOp send(Channel& c, std::string bytes);
ScriptOp recv(Channel& c, std::string* out);
ScriptOp cpu(VTime ns);
ScriptOp sleep(double seconds);
ScriptOp join_thread(ThreadId tid, std::optional<double> timeout = std::nullopt);
// Shared memory for races: read() loads into the register, write() stores
// register + delta (two separate steps, so updates can be lost).
ScriptOp read(std::atomic<int64_t>& var);
ScriptOp write(std::atomic<int64_t>& var, int64_t delta);
ScriptOp print(std::string line);
// Any other action; it completes at once.
ScriptOp call(std::function<void(ThreadContext&)> fn);
// Repeats `body` n times (builds a flat list).
std::vector<ScriptOp> repeat(int n, const std::vector<ScriptOp>& body);
}  // namespace op

}  // namespace interleave::core
