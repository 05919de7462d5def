// Determinism: same program + seed -> byte-identical trace; schedules replay.
#include "helpers.h"

#include <set>

using namespace itest;

namespace {
struct Program {
  std::atomic<int64_t> x{0};
  std::unique_ptr<Run> run;
  explicit Program(RunConfig cfg) : run(std::make_unique<Run>(cfg)) {
    Lock& a = run->create<Lock>("A");
    Queue& q = run->create<Queue>(Queue::Order::Fifo, 2);
    for (int i = 0; i < 3; ++i) {
      std::vector<ScriptOp> ops = op::repeat(5, {op::read(x), op::write(x, 1)});
      ops.push_back(op::acquire(a));
      ops.push_back(op::put(q, static_cast<Item>(i)));
      ops.push_back(op::print("thread " + std::to_string(i)));
      ops.push_back(op::sleep(0.25 * i));
      ops.push_back(op::release(a));
      ops.push_back(op::get(q));
      spawn(*run, ops, "T" + std::to_string(i));
    }
  }
};
}  // namespace

TEST_CASE("Determinism: same seed gives a byte-identical trace 100 times", "[determinism]") {
  for (StrategyKind k : {StrategyKind::Random, StrategyKind::Pct}) {
    RunConfig cfg = det(12345, k);
    Program first(cfg);
    REQUIRE(first.run->run() == RunStatus::Finished);
    std::string expected = first.run->trace().to_text();
    REQUIRE(expected.size() > 100);
    for (int i = 0; i < 100; ++i) {
      Program again(cfg);
      REQUIRE(again.run->run() == RunStatus::Finished);
      REQUIRE(again.run->trace().to_text() == expected);
      REQUIRE(again.x.load() == first.x.load());
    }
  }
}

TEST_CASE("Determinism: different seeds give different schedules", "[determinism]") {
  std::set<std::string> tokens;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Program p(det(seed, StrategyKind::Random));
    REQUIRE(p.run->run() == RunStatus::Finished);
    tokens.insert(p.run->schedule_token());
  }
  CHECK(tokens.size() > 10);
}

TEST_CASE("Determinism: a recorded schedule replays to the identical trace", "[determinism][replay]") {
  for (uint64_t seed : {1u, 2u, 99u}) {
    Program rec(det(seed, StrategyKind::Random));
    REQUIRE(rec.run->run() == RunStatus::Finished);
    std::string token = rec.run->schedule_token();
    RunConfig cfg = det(0, StrategyKind::Replay);
    cfg.replay = token;
    Program rep(cfg);
    REQUIRE(rep.run->config_error().empty());
    REQUIRE(rep.run->run() == RunStatus::Finished);
    CHECK(rep.run->trace().to_text() == rec.run->trace().to_text());
    CHECK(rep.run->schedule_token() == token);
    CHECK_FALSE(static_cast<ReplayStrategy&>(rep.run->det()->strategy()).diverged());
  }
}

TEST_CASE("Determinism: a malformed replay token is a config error, not a crash", "[determinism][replay]") {
  RunConfig cfg = det(0, StrategyKind::Replay);
  cfg.replay = "s1***";
  Run run(cfg);
  CHECK(run.config_error() == "malformed schedule token");
  spawn(run, {op::sleep(1)});
  CHECK(run.run() == RunStatus::Finished);
}
