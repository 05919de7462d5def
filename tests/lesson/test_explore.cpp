// The schedule explorer (lesson/explore.h) on the programs in tests/explore/: the lost
// update of an unlocked counter, the two-lock deadlock, the locked counter; and a lesson
// whose check fails on some schedules.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "lesson/explore.h"
#include "lesson_fixture.h"

using namespace interleave;
using lesson::ExploreOptions;
using lesson::ExploreStrategy;

namespace {

std::string program_text(const std::string& name) {
  std::ifstream in(std::string(INTERLEAVE_EXPLORE_PROGRAMS) + "/" + name, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

lesson::PreparedRun prepare(const std::string& name, lesson::RunOptions o = {}) {
  std::string error;
  auto p = lesson::prepare_program_run(program_text(name), name, o, error);
  INFO(error);
  REQUIRE(p);
  return *p;
}

// The program with its assert commented out: the lesson's check judges it instead.
std::string without_assert(std::string text) {
  const size_t at = text.find("assert n");
  REQUIRE(at != std::string::npos);
  return text.insert(at, "# ");
}

ExploreOptions options(ExploreStrategy s, int k = 2, uint64_t budget = 5000) {
  ExploreOptions o;
  o.strategy = s;
  o.max_preemptions = k;
  o.budget = budget;
  return o;
}

// Runs `name` again as `interleave run --replay TOKEN` does.
struct Replayed {
  int exit_code;
  bool deadlock;
  std::string stderr_text;
};
Replayed replay(const std::string& name, const std::string& token) {
  lesson::RunOptions o;
  o.replay = token;
  lesson::PreparedRun p = prepare(name, o);
  py::Program program(p.source, p.config);
  program.run_to_end();
  return {program.exit_code(), program.status() == py::ProgramStatus::Deadlock, program.stderr_text()};
}

}  // namespace

TEST_CASE("explore finds the lost update of an unlocked counter with one preemption") {
  lesson::PreparedRun run = prepare("counter_race.py");
  for (ExploreStrategy s : {ExploreStrategy::Random, ExploreStrategy::Pct, ExploreStrategy::Exhaustive}) {
    INFO(lesson::explore_strategy_name(s));
    lesson::ExploreResult r = lesson::explore(run, options(s));
    INFO(r.error);
    REQUIRE(r.found);
    CHECK(r.error.empty());
    CHECK(r.failure.kind == "exception");
    // One preemption loses one update (n == 3) or, before T1's first write, two (n == 2).
    CHECK_THAT(r.failure.message, Catch::Matches("AssertionError: lost update: n == [23], expected 4"));
    CHECK(r.preemptions == 1);
    CHECK(r.minimal);
    REQUIRE(r.where.size() == 1);
    CHECK(r.where[0].from != r.where[0].to);
    CHECK(r.tried >= 1);
    Replayed again = replay("counter_race.py", r.token);
    CHECK(again.exit_code == 1);
    CHECK_THAT(again.stderr_text, Catch::Contains(r.failure.message));
  }
}

TEST_CASE("explore finds the two-lock deadlock with one preemption") {
  lesson::PreparedRun run = prepare("two_locks.py");
  for (ExploreStrategy s : {ExploreStrategy::Random, ExploreStrategy::Pct, ExploreStrategy::Exhaustive}) {
    INFO(lesson::explore_strategy_name(s));
    lesson::ExploreResult r = lesson::explore(run, options(s));
    INFO(r.error);
    REQUIRE(r.found);
    CHECK(r.failure.kind == "deadlock");
    CHECK_THAT(r.failure.message, Catch::Contains("forward waits for lock_b held by backward"));
    CHECK(r.preemptions == 1);
    Replayed again = replay("two_locks.py", r.token);
    CHECK(again.deadlock);
    CHECK(again.exit_code == 3);
    CHECK_THAT(again.stderr_text, Catch::Contains("interleave: deadlock: " + r.failure.message));
  }
}

TEST_CASE("exhaustive search proves the locked counter within its bound") {
  lesson::PreparedRun run = prepare("counter_locked.py");
  // Bound 1: about 170 schedules (bound 2: about 7800, too slow for a test in Debug).
  lesson::ExploreResult r = lesson::explore(run, options(ExploreStrategy::Exhaustive, 1, 0));
  INFO(r.error);
  CHECK_FALSE(r.found);
  CHECK(r.exhausted);
  CHECK(r.error.empty());
  CHECK(r.tried > 10);  // one preemption anywhere over three threads is many schedules
  // The same search with a budget too small to finish says so: not exhausted.
  lesson::ExploreResult cut = lesson::explore(run, options(ExploreStrategy::Exhaustive, 2, 3));
  CHECK_FALSE(cut.found);
  CHECK_FALSE(cut.exhausted);
  CHECK(cut.tried == 3);
}

TEST_CASE("a bound too small to reach the bug is exhausted without finding it") {
  // The lost update needs one preemption: with none allowed every schedule is serial.
  lesson::ExploreResult r = lesson::explore(prepare("counter_race.py"), options(ExploreStrategy::Exhaustive, 0, 0));
  CHECK_FALSE(r.found);
  CHECK(r.exhausted);
}

TEST_CASE("random and pct stop at their budget") {
  lesson::PreparedRun run = prepare("counter_locked.py");
  for (ExploreStrategy s : {ExploreStrategy::Random, ExploreStrategy::Pct}) {
    lesson::ExploreResult r = lesson::explore(run, options(s, 2, 7));
    CHECK_FALSE(r.found);
    CHECK_FALSE(r.exhausted);
    CHECK(r.tried == 7);
  }
}

TEST_CASE("explore reports a lesson's failing check by name") {
  LessonFixture fx;
  fx.write("tally", R"(
id = "tally"
part = 1
order = 1
title = { zh = "计数", en = "Tally" }

[[params]]
name = "rounds"
type = "int"
default = 2
min = 1
max = 100

[[results]]
name = "n"

[[checks]]
name = "no_update_lost"
expect = "n == 2 * rounds"
text = { zh = "不丢失更新", en = "no update is lost" }
)",
           without_assert(program_text("counter_race.py")));
  auto catalog = lesson::load_catalog(fx.root);
  const lesson::Lesson* l = catalog.find("tally");
  REQUIRE(l);
  std::string error;
  auto run = lesson::prepare_lesson_run(*l, *lesson::read_lesson_file(*l, "main.py"), {}, error);
  INFO(error);
  REQUIRE(run);
  lesson::ExploreResult r = lesson::explore(*run, options(ExploreStrategy::Exhaustive, 1));
  REQUIRE(r.found);
  CHECK(r.failure.kind == "check");
  CHECK(r.failure.name == "no_update_lost");
  CHECK(r.failure.message == "no update is lost");
  CHECK(r.preemptions == 1);
  auto json = lesson::explore_json(r, options(ExploreStrategy::Exhaustive, 1));
  CHECK(json["found"] == true);
  CHECK(json["failure"]["kind"] == "check");
  CHECK(json["failure"]["name"] == "no_update_lost");
  CHECK(json["token"] == r.token);
}

TEST_CASE("explore refuses options out of range, naming the range") {
  lesson::PreparedRun run = prepare("counter_race.py");
  ExploreOptions o = options(ExploreStrategy::Random, 11);
  CHECK_THAT(lesson::validate(o), Catch::Contains("from 0 to 10, got 11"));
  CHECK_THAT(lesson::explore(run, o).error, Catch::Contains("from 0 to 10"));
  o = options(ExploreStrategy::Random, 2, lesson::kMaxBudget + 1);
  CHECK_THAT(lesson::validate(o), Catch::Contains("from 1 to 100000000"));
  lesson::RunOptions free;
  free.mode = "free";
  CHECK_THAT(lesson::explore(prepare("counter_race.py", free), options(ExploreStrategy::Random)).error,
             Catch::Contains("det mode"));
}

TEST_CASE("a program with one schedule is exhausted after one run, whatever the strategy") {
  std::string error;
  auto run = lesson::prepare_program_run("x = 1\nprint(x)\n", "one.py", {}, error);
  REQUIRE(run);
  for (ExploreStrategy s : {ExploreStrategy::Random, ExploreStrategy::Pct, ExploreStrategy::Exhaustive}) {
    lesson::ExploreResult r = lesson::explore(*run, options(s));
    CHECK_FALSE(r.found);
    CHECK(r.exhausted);
    CHECK(r.tried == 1);
  }
}

TEST_CASE("a program that fails on every schedule is found at once, with no preemption") {
  std::string error;
  auto run = lesson::prepare_program_run("raise ValueError('always')\n", "always.py", {}, error);
  REQUIRE(run);
  lesson::ExploreResult r = lesson::explore(*run, options(ExploreStrategy::Random));
  REQUIRE(r.found);
  CHECK(r.tried == 1);
  CHECK(r.preemptions == 0);
  CHECK(r.minimal);
  CHECK(r.failure.kind == "exception");
  CHECK(r.failure.message == "ValueError: always");
}
