// Strategies: round-robin, PCT, step mode (ask), schedule tokens.
#include "helpers.h"

#include <set>

using namespace itest;

namespace {
// Two threads x five increments by read/write: the lost-update race.
int64_t race(RunConfig cfg, std::string* token = nullptr) {
  std::atomic<int64_t> x{0};
  Run run(cfg);
  for (int i = 0; i < 2; ++i) spawn(run, op::repeat(5, {op::read(x), op::write(x, 1)}));
  REQUIRE(run.run() == RunStatus::Finished);
  if (token) *token = run.schedule_token();
  return x.load();
}
}  // namespace

TEST_CASE("Round-robin alternates and loses updates deterministically", "[strategy]") {
  CHECK(race(det(0, StrategyKind::RoundRobin)) == 5);  // read,read,write,write... each pair loses one
}

TEST_CASE("Random and PCT find both outcomes of the race", "[strategy]") {
  for (StrategyKind k : {StrategyKind::Random, StrategyKind::Pct}) {
    std::set<int64_t> outcomes;
    for (uint64_t seed = 0; seed < 300; ++seed) {
      RunConfig cfg = det(seed, k);
      cfg.pct_depth = 2;
      cfg.pct_max_steps = 20;
      outcomes.insert(race(cfg));
    }
    CHECK(outcomes.count(10) == 1);  // no interleaving hurt
    CHECK(outcomes.size() >= 2);     // and some lost updates
    for (int64_t v : outcomes) CHECK((v >= 2 && v <= 10));
  }
}

TEST_CASE("Step mode: the learner picks each thread / run pauses for a choice", "[strategy]") {
  Run run(det(0, StrategyKind::Ask));
  std::vector<std::string> log;
  spawn(run, {mark(&log, "a1"), mark(&log, "a2")}, "A");
  spawn(run, {mark(&log, "b1"), mark(&log, "b2")}, "B");
  REQUIRE(run.run() == RunStatus::AwaitingChoice);
  CHECK(run.det()->runnable() == std::vector<ThreadId>{1, 2});
  for (ThreadId pick : {2u, 2u, 2u}) {  // B's third step returns Done
    run.choose(pick);
    RunStatus s = run.run(1);
    CHECK((s == RunStatus::StepLimit || s == RunStatus::AwaitingChoice || s == RunStatus::Finished));
  }
  REQUIRE(run.run() == RunStatus::Finished);  // one thread left: no choice needed
  CHECK(log == std::vector<std::string>{"b1", "b2", "a1", "a2"});
}

TEST_CASE("Schedule tokens round-trip and stay short", "[strategy]") {
  std::vector<uint32_t> choices;
  SplitMix64 rng(5);
  for (int i = 0; i < 500; ++i) choices.push_back(rng.below(3));
  std::string token = encode_schedule(choices);
  CHECK(token.rfind("s1", 0) == 0);
  CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
  auto back = decode_schedule(token);
  REQUIRE(back.has_value());
  CHECK(*back == choices);
  CHECK(encode_schedule(std::vector<uint32_t>(1000, 1)).size() < 10);  // runs compress
  CHECK_FALSE(decode_schedule("x1AAAA").has_value());
  CHECK_FALSE(decode_schedule("s1A").has_value());
  CHECK(decode_schedule("s1")->empty());
}

TEST_CASE("Replay of a race reproduces its outcome", "[strategy][replay]") {
  for (uint64_t seed = 0; seed < 30; ++seed) {
    std::string token;
    int64_t original = race(det(seed, StrategyKind::Random), &token);
    RunConfig cfg = det(0, StrategyKind::Replay);
    cfg.replay = token;
    CHECK(race(cfg) == original);
  }
}

TEST_CASE("Schedule tokens carry coroutine choices after a dot, and stay as before without", "[strategy]") {
  const std::vector<uint32_t> choices = {0, 1, 1, 0};
  const std::vector<CoroutineChoice> co = {{12, 1, 2}, {12, 3, 0}, {5'000'000'000ull, 1, 1}};
  const std::string plain = encode_schedule(choices);
  CHECK(encode_schedule(choices, {}) == plain);  // old tokens are unchanged
  CHECK(decode_coroutine_choices(plain)->empty());
  const std::string token = encode_schedule(choices, co);
  REQUIRE(token.rfind(plain + ".", 0) == 0);
  CHECK(decode_schedule(token) == choices);
  CHECK(decode_coroutine_choices(token) == co);
  CHECK_FALSE(decode_schedule(plain + ".").has_value());        // a dot with nothing after it
  CHECK_FALSE(decode_schedule(plain + ".A").has_value());       // a broken coroutine part
  CHECK_FALSE(decode_coroutine_choices(plain + ".AAA").has_value());  // tid 0
  CHECK_FALSE(decode_coroutine_choices("x1.AAA").has_value());
}
