// The explorer's strategies in core: ChoiceLog, RecordingStrategy and PlanStrategy on
// scripted threads (two threads of three read/write steps each).
#include "helpers.h"

using namespace itest;

namespace {
// Runs two scripted threads under the strategy `make` builds over `log`.
RunStatus run_two(ChoiceLog& log, std::function<std::unique_ptr<Strategy>(ChoiceLog&)> make) {
  RunConfig cfg = det(1, StrategyKind::Custom);
  cfg.custom_strategy = [&]() { return make(log); };
  Run run(cfg);
  static std::atomic<int64_t> x{0};
  for (int i = 0; i < 2; ++i) spawn(run, op::repeat(3, {op::read(x), op::write(x, 1)}), "T" + std::to_string(i));
  return run.run();
}
}  // namespace

TEST_CASE("PlanStrategy with no plan never preempts", "[explore]") {
  ChoiceLog log;
  REQUIRE(run_two(log, [](ChoiceLog& l) { return std::make_unique<PlanStrategy>(std::vector<ThreadId>{}, l); }) ==
          RunStatus::Finished);
  REQUIRE(!log.points.empty());
  CHECK(log.preemptions() == 0);
  for (const auto& p : log.points) {
    CHECK(p.count == 2);
    CHECK(p.chosen == log.default_choice(p));
  }
}

TEST_CASE("PlanStrategy follows its plan; the log counts the preemption", "[explore]") {
  ChoiceLog first;
  run_two(first, [](ChoiceLog& l) { return std::make_unique<PlanStrategy>(std::vector<ThreadId>{}, l); });
  // At the second point the thread that ran could go on: switch to the other one there.
  REQUIRE(first.points.size() > 2);
  const ChoiceLog::Point& p = first.points[1];
  REQUIRE(p.stay != 0);
  const ThreadId other = first.tids[p.first] == p.stay ? first.tids[p.first + 1] : first.tids[p.first];
  ChoiceLog log;
  run_two(log, [&](ChoiceLog& l) { return std::make_unique<PlanStrategy>(std::vector<ThreadId>{0, other}, l); });
  CHECK(log.points[1].chosen == other);
  CHECK(log.is_preemption(log.points[1]));
  CHECK(log.preemptions() == 1);
  CHECK(log.points[1].step > log.points[0].step);
}

TEST_CASE("PlanStrategy keeps a thread whose next step is local, whatever the plan", "[explore]") {
  ChoiceLog first;
  run_two(first, [](ChoiceLog& l) { return std::make_unique<PlanStrategy>(std::vector<ThreadId>{}, l); });
  const ChoiceLog::Point& p = first.points[1];
  const ThreadId other = first.tids[p.first] == p.stay ? first.tids[p.first + 1] : first.tids[p.first];
  ChoiceLog log;
  run_two(log, [&](ChoiceLog& l) {
    return std::make_unique<PlanStrategy>(std::vector<ThreadId>{0, other}, l, [](const ThreadContext&) { return true; });
  });
  CHECK(log.points[1].forced);
  CHECK(log.preemptions() == 0);
}

TEST_CASE("RecordingStrategy logs what the strategy it wraps chose", "[explore]") {
  ChoiceLog log;
  std::vector<uint32_t> schedule;
  RunConfig cfg = det(7, StrategyKind::Custom);
  cfg.custom_strategy = [&]() { return std::make_unique<RecordingStrategy>(std::make_unique<RandomStrategy>(7), log); };
  Run run(cfg);
  std::atomic<int64_t> x{0};
  for (int i = 0; i < 2; ++i) spawn(run, op::repeat(3, {op::read(x), op::write(x, 1)}), "T" + std::to_string(i));
  REQUIRE(run.run() == RunStatus::Finished);
  schedule = run.det()->schedule();
  REQUIRE(schedule.size() == log.points.size());
  for (size_t i = 0; i < schedule.size(); ++i)
    CHECK(log.tids[log.points[i].first + schedule[i]] == log.points[i].chosen);
}

TEST_CASE("StrategyKind::Custom without a builder is a configuration error", "[explore]") {
  RunConfig cfg = det(1, StrategyKind::Custom);
  Run run(cfg);
  CHECK_THAT(run.config_error(), Catch::Contains("custom_strategy"));
}
