// Conditional defaults and check expressions over real lessons, evaluated by the interpreter.
#include <catch2/catch.hpp>

#include <filesystem>

#include "lesson/checks.h"
#include "lesson/lesson.h"
#include "lesson/params.h"
#include "lesson_fixture.h"

using namespace interleave::lesson;
using nlohmann::json;

namespace {

std::filesystem::path lessons_root() {
  // tests/lesson/test_checks.cpp -> <repo>/lessons
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "lessons";
}

Lesson real_lesson(const std::string& id) {
  std::string error;
  auto lesson = load_lesson(lessons_root() / id, error);
  INFO(error);
  REQUIRE(lesson);
  return *lesson;
}

ResolvedParams params_of(const Lesson& l, const std::vector<std::pair<std::string, std::string>>& sets = {}) {
  std::string error;
  auto p = resolve_params(l, sets, error);
  INFO(error);
  REQUIRE(p);
  REQUIRE(apply_conditional_defaults(l, *p, error));
  return *p;
}

const CheckOutcome& outcome(const std::vector<CheckOutcome>& os, const std::string& name) {
  for (const auto& o : os)
    if (o.name == name) return o;
  FAIL("no check named " << name);
  return os.front();
}

Verdict verdict(const std::vector<CheckOutcome>& os, const std::string& name) {
  const auto& o = outcome(os, name);
  INFO(name << ": " << verdict_name(o.verdict) << " " << o.detail);
  return o.verdict;
}

const ParamValue& value_of(const ResolvedParams& p, const std::string& name) {
  for (const auto& [n, v] : p.values)
    if (n == name) return v;
  FAIL("no parameter " << name);
  return p.values.front().second;
}

RunFacts det_facts(double virtual_time_s) {
  RunFacts f;
  f.virtual_time_s = virtual_time_s;
  return f;
}

}  // namespace

TEST_CASE("semaphore: peak_inside == min(permits, threads) passes and fails by value") {
  Lesson l = real_lesson("semaphore");
  auto p = params_of(l, {{"threads", "10"}, {"permits", "3"}, {"hold_s", "1"}});
  // 10 threads, 3 permits, 1 s each: ceil(10/3) = 4 batches -> 4 s.
  auto good = evaluate_checks(l, p, json{{"peak_inside", 3}}, det_facts(4.0));
  CHECK(verdict(good, "peak_is_bounded") == Verdict::Pass);
  CHECK(verdict(good, "time_in_batches") == Verdict::Pass);
  CHECK(verdict(good, "no_limit_all_inside") == Verdict::NotApplicable);
  CHECK(outcome(good, "no_limit_all_inside").detail == "when is false");

  auto bad = evaluate_checks(l, p, json{{"peak_inside", 4}}, det_facts(3.0));
  CHECK(verdict(bad, "peak_is_bounded") == Verdict::Fail);
  CHECK(verdict(bad, "time_in_batches") == Verdict::Fail);

  auto off = evaluate_checks(l, params_of(l, {{"threads", "5"}, {"use_semaphore", "false"}, {"hold_s", "2"}}),
                             json{{"peak_inside", 5}}, det_facts(2.0));
  CHECK(verdict(off, "no_limit_all_inside") == Verdict::Pass);
  CHECK(verdict(off, "peak_is_bounded") == Verdict::NotApplicable);
}

TEST_CASE("time_close: 10 ms + 1 % in det mode (bytecode costs virtual CPU), 0.15 s + 5 % in free mode") {
  Lesson l = real_lesson("semaphore");
  auto p = params_of(l, {{"threads", "10"}, {"permits", "3"}, {"hold_s", "1"}});
  json r{{"peak_inside", 3}};
  CHECK(verdict(evaluate_checks(l, p, r, det_facts(4.0004)), "time_in_batches") == Verdict::Pass);
  CHECK(verdict(evaluate_checks(l, p, r, det_facts(4.049)), "time_in_batches") == Verdict::Pass);
  CHECK(verdict(evaluate_checks(l, p, r, det_facts(4.06)), "time_in_batches") == Verdict::Fail);
  RunFacts free;
  free.mode = "free";
  free.virtual_time_s = 4.3;  // within 0.15 + 0.2
  CHECK(verdict(evaluate_checks(l, p, r, free), "time_in_batches") == Verdict::Pass);
  free.virtual_time_s = 4.36;
  CHECK(verdict(evaluate_checks(l, p, r, free), "time_in_batches") == Verdict::Fail);
  free.mode = "cpython";
  free.virtual_time_s = 3.66;
  CHECK(verdict(evaluate_checks(l, p, r, free), "time_in_batches") == Verdict::Pass);
}

TEST_CASE("thread-pool-executor: greedy_schedule for 2 workers and (6, 8, 4) finishes at 10 s") {
  Lesson l = real_lesson("thread-pool-executor");
  auto p = params_of(l, {{"workers", "2"}, {"durations", "6,8,4"}, {"api", "submit"}});
  json r{{"result_order", {0, 1, 2}}};
  CHECK(verdict(evaluate_checks(l, p, r, det_facts(10.0)), "greedy_time") == Verdict::Pass);
  auto slow = evaluate_checks(l, p, r, det_facts(14.0));
  CHECK(verdict(slow, "greedy_time") == Verdict::Fail);
  CHECK(verdict(slow, "input_order") == Verdict::Pass);
  CHECK(verdict(slow, "finish_order") == Verdict::NotApplicable);
  CHECK(verdict(slow, "all_or_first_k") == Verdict::Pass);
  // as_completed: finish times 6, 8, 10 -> order 0, 1, 2; 1, 0, 2 is out of finish order.
  auto pc = params_of(l, {{"workers", "2"}, {"durations", "6,8,4"}, {"api", "as_completed"}});
  CHECK(verdict(evaluate_checks(l, pc, json{{"result_order", {0, 1, 2}}}, det_facts(10.0)), "finish_order") ==
        Verdict::Pass);
  CHECK(verdict(evaluate_checks(l, pc, json{{"result_order", {1, 0, 2}}}, det_facts(10.0)), "finish_order") ==
        Verdict::Fail);
}

TEST_CASE("race-condition: default_when gives start=180 for read_sleep_write unless set explicitly") {
  Lesson l = real_lesson("race-condition");
  auto dflt = params_of(l);
  CHECK(std::get<int64_t>(value_of(dflt, "start")) == 0);
  auto rsw = params_of(l, {{"variant", "read_sleep_write"}});
  CHECK(std::get<int64_t>(value_of(rsw, "start")) == 180);
  auto set = params_of(l, {{"variant", "read_sleep_write"}, {"start", "7"}});
  CHECK(std::get<int64_t>(value_of(set, "start")) == 7);

  json r{{"final", 179}, {"expected", 182}, {"lost_updates", 3}};
  auto os = evaluate_checks(l, rsw, r, det_facts(0.1));
  CHECK(verdict(os, "read_sleep_write_keeps_one") == Verdict::Pass);
  CHECK(verdict(os, "lock_is_exact") == Verdict::NotApplicable);
  r["final"] = 180;
  CHECK(verdict(evaluate_checks(l, rsw, r, det_facts(0.1)), "read_sleep_write_keeps_one") == Verdict::Fail);
}

TEST_CASE("race-condition: the schedule-dependent check is gated on mode, seed and switch points") {
  Lesson l = real_lesson("race-condition");
  auto p = params_of(l, {{"threads", "2"}, {"iterations", "100000"}});
  json r{{"final", 150000}, {"expected", 200000}, {"lost_updates", 50000}};
  RunFacts f;
  f.seed = f.default_seed = l.run.seed;
  CHECK(verdict(evaluate_checks(l, p, r, f), "det_increment_loses") == Verdict::Pass);
  r["lost_updates"] = 0;
  CHECK(verdict(evaluate_checks(l, p, r, f), "det_increment_loses") == Verdict::Fail);
  f.seed = f.default_seed + 1;
  CHECK(verdict(evaluate_checks(l, p, r, f), "det_increment_loses") == Verdict::NotApplicable);
  f.seed = f.default_seed;
  f.switch_points = "cpython";
  CHECK(verdict(evaluate_checks(l, p, r, f), "det_increment_loses") == Verdict::NotApplicable);
  f.switch_points = "any";
  f.mode = "free";
  CHECK(verdict(evaluate_checks(l, p, r, f), "det_increment_loses") == Verdict::NotApplicable);
}

TEST_CASE("a check that needs a missing result is n/a and names it") {
  Lesson l = real_lesson("semaphore");
  auto p = params_of(l);
  auto os = evaluate_checks(l, p, json::object(), det_facts(0));
  CHECK(verdict(os, "peak_is_bounded") == Verdict::NotApplicable);
  CHECK(outcome(os, "peak_is_bounded").detail == "needs result peak_inside");
  // virtual_time_s comes from the facts (source run.virtual_time_s), so this one runs.
  CHECK(verdict(os, "time_in_batches") == Verdict::Fail);
}

TEST_CASE("queue-basics: literal parameters and tuple results") {
  Lesson l = real_lesson("queue-basics");
  auto p = params_of(l, {{"kind", "priority"}});
  json order = json::array();
  for (auto [pr, name] : std::vector<std::pair<int, std::string>>{{1, "code"}, {1, "read"}, {2, "eat"}, {3, "write"}})
    order.push_back({{"$tuple", {pr, name}}});
  json r{{"get_order", order}, {"full_raised", 0}, {"empty_raised", true}};
  auto os = evaluate_checks(l, p, r, det_facts(0));
  CHECK(verdict(os, "priority_order") == Verdict::Pass);
  CHECK(verdict(os, "fifo_order") == Verdict::NotApplicable);
  CHECK(verdict(os, "full_refuses") == Verdict::Pass);
  CHECK(verdict(os, "empty_at_end") == Verdict::Pass);
  // Lists are not tuples: the same order as JSON arrays does not compare equal.
  json lists = json::array();
  for (auto& t : order) lists.push_back(t["$tuple"]);
  r["get_order"] = lists;
  CHECK(verdict(evaluate_checks(l, p, r, det_facts(0)), "priority_order") == Verdict::Fail);
}

TEST_CASE("syntax and runtime errors in expressions are Error with the exception's last line") {
  LessonFixture fx;
  std::string toml = std::string(kSemaphoreToml) + R"(
[[checks]]
name = "broken_syntax"
expect = "peak_inside == = 3"
text = { zh = "x", en = "x" }

[[checks]]
name = "divides_by_zero"
expect = "peak_inside / 0 > 1"
text = { zh = "x", en = "x" }

[[checks]]
name = "bad_when"
when = "undefined_name"
expect = "True"
text = { zh = "x", en = "x" }

[[checks]]
name = "injection"
expect = "1)\nimport os\n(2"
text = { zh = "x", en = "x" }

[[checks]]
name = "strings_and_facts"
expect = "deadlock is None and exit_code == 0 and run_mode == 'det' and 'q\"uo\\'te' == label and floor(-1.5) == -2 and ceil(2.1) == 3"
text = { zh = "x", en = "x" }
)";
  std::string error;
  auto l = load_lesson(fx.write("semaphore", toml), error);
  INFO(error);
  REQUIRE(l);
  auto p = params_of(*l, {{"threads", "12"}});
  CHECK(std::get<std::string>(value_of(p, "variant")) == "lifo");  // default_when threads > 10
  json r{{"peak_inside", 3}, {"label", "q\"uo'te"}};
  auto os = evaluate_checks(*l, p, r, det_facts(1));
  CHECK(verdict(os, "bounded") == Verdict::Pass);
  CHECK(verdict(os, "broken_syntax") == Verdict::Error);
  CHECK(outcome(os, "broken_syntax").detail == "SyntaxError: invalid syntax");
  CHECK(verdict(os, "divides_by_zero") == Verdict::Error);
  CHECK(outcome(os, "divides_by_zero").detail == "ZeroDivisionError: division by zero");
  CHECK(verdict(os, "bad_when") == Verdict::Error);
  CHECK(outcome(os, "bad_when").detail == "NameError: name 'undefined_name' is not defined");
  CHECK(verdict(os, "injection") == Verdict::Error);
  CHECK_THAT(outcome(os, "injection").detail, Catch::StartsWith("SyntaxError"));
  CHECK(verdict(os, "strings_and_facts") == Verdict::Pass);

  auto js = checks_json(os);
  REQUIRE(js.size() == os.size());
  CHECK(js[0]["name"] == "bounded");
  CHECK(js[0]["passed"] == true);
  CHECK(js[0]["verdict"] == "pass");
  for (const auto& j : js)
    if (j["name"] == "divides_by_zero") CHECK(j["passed"].is_null());
}

TEST_CASE("a broken default_when names the lesson, the parameter and the expression") {
  LessonFixture fx;
  std::string toml = kSemaphoreToml;
  auto at = toml.find("threads > 10");
  toml.replace(at, 12, "threads > nope");
  std::string error;
  auto l = load_lesson(fx.write("semaphore", toml), error);
  REQUIRE(l);
  auto p = resolve_params(*l, {}, error);
  REQUIRE(p);
  CHECK_FALSE(apply_conditional_defaults(*l, *p, error));
  CHECK_THAT(error, Catch::Contains("semaphore") && Catch::Contains("variant") &&
                        Catch::Contains("threads > nope") && Catch::Contains("NameError"));
  CHECK_THAT(error, Catch::Contains("name 'nope' is not defined"));
}

TEST_CASE("JSON values become Python literals") {
  CHECK(json_to_python_literal(json::parse(R"([1, 2.5, 3.0, true, null, "a\nb", {"k": [-1]}])")) ==
        "[1, 2.5, 3.0, True, None, \"a\\nb\", {\"k\": [-1]}]");
  CHECK(json_to_python_literal(json{{"$tuple", {7}}}) == "(7,)");
}

TEST_CASE("every shipped lesson: defaults resolve and every check expression compiles") {
  Catalog cat = load_catalog(lessons_root());
  REQUIRE(cat.errors.empty());
  REQUIRE(cat.lessons.size() >= 10);
  size_t checks = 0;
  for (const Lesson& l : cat.lessons) {
    auto p = params_of(l);
    // No results at all: every check that reads a program result is n/a; none is an error.
    auto os = evaluate_checks(l, p, json::object(), det_facts(0));
    REQUIRE(os.size() == l.checks.size());
    for (const auto& o : os) {
      INFO(l.id << "/" << o.name << ": " << verdict_name(o.verdict) << " " << o.detail);
      CHECK(o.verdict != Verdict::Error);
      checks++;
    }
  }
  CHECK(checks >= 30);
}

TEST_CASE("deadlock lesson: run.deadlocked and run.cycle come from the facts") {
  Lesson l = real_lesson("deadlock");
  auto p = params_of(l);
  RunFacts f;
  f.exit_code = 1;
  f.deadlock = json{{"cycle", {"t1", "lock_a", "t2", "lock_b"}}};
  auto os = evaluate_checks(l, p, json{{"finished", 0}}, f);
  CHECK(verdict(os, "no_fix_deadlocks") == Verdict::Pass);
  CHECK(verdict(os, "fix_avoids_deadlock") == Verdict::NotApplicable);
  f.deadlock = json{{"cycle", {"t1", "lock_a"}}};
  CHECK(verdict(evaluate_checks(l, p, json{{"finished", 0}}, f), "no_fix_deadlocks") == Verdict::Fail);
  f.deadlock = nullptr;  // no deadlock: cycle is None, the check fails rather than erroring
  CHECK(verdict(evaluate_checks(l, p, json{{"finished", 2}}, f), "no_fix_deadlocks") == Verdict::Fail);
}

TEST_CASE("deadlock lesson: default_when with a float value, explicit values win") {
  Lesson l = real_lesson("deadlock");
  CHECK(std::get<double>(value_of(params_of(l), "hold_s")) == 1.0);
  CHECK(std::get<double>(value_of(params_of(l, {{"variant", "diners"}}), "hold_s")) == 0.1);
  CHECK(std::get<double>(value_of(params_of(l, {{"variant", "diners"}, {"hold_s", "2"}}), "hold_s")) == 2.0);
}

TEST_CASE("a runaway expression is an Error; the checks before it keep their verdicts") {
  LessonFixture fx;
  std::string toml = std::string(kSemaphoreToml) + R"(
[[checks]]
name = "runaway"
expect = "len([0 for _ in range(10 ** 12) if False]) == 0"
text = { zh = "x", en = "x" }
)";
  std::string error;
  auto l = load_lesson(fx.write("semaphore", toml), error);
  REQUIRE(l);
  auto os = evaluate_checks(*l, params_of(*l), json{{"peak_inside", 3}}, det_facts(1));
  CHECK(verdict(os, "bounded") == Verdict::Pass);
  CHECK(verdict(os, "runaway") == Verdict::Error);
  CHECK_THAT(outcome(os, "runaway").detail, Catch::Contains("budget"));
}

TEST_CASE("cpython mode: run values only Interleave measures make checks n/a") {
  Lesson l = real_lesson("deadlock");
  RunFacts f;
  f.mode = "cpython";
  auto os = evaluate_checks(l, params_of(l), json{{"finished", 0}}, f);
  CHECK(verdict(os, "no_fix_deadlocks") == Verdict::NotApplicable);
  CHECK(outcome(os, "no_fix_deadlocks").detail == "needs result cycle, deadlocked");
}
