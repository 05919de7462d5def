// `interleave check`'s verdict over many runs (lesson/check_tally.h) and the lesson fields it
// reads: [run] expect_exit and [[cases]].
#include <catch2/catch.hpp>

#include "lesson/check_tally.h"
#include "lesson/lesson.h"
#include "lesson/params.h"
#include "lesson_fixture.h"

using namespace interleave::lesson;

namespace {

Lesson two_checks(std::vector<int> expect_exit = {0}) {
  Lesson l;
  l.id = "demo";
  l.checks = {Check{"always", "", "True", {}, false}, Check{"rare", "x > 5", "True", {}, false}};
  l.run.expect_exit = std::move(expect_exit);
  return l;
}

CheckOutcome outcome(const std::string& name, Verdict v, const std::string& detail = {}) {
  return CheckOutcome{name, v, detail};
}

}  // namespace

TEST_CASE("check: a check that never applies fails the lesson, naming it") {
  Lesson l = two_checks();
  CheckTally tally(l);
  for (int i = 0; i < 3; ++i)
    CHECK(tally.record(0, {outcome("always", Verdict::Pass), outcome("rare", Verdict::NotApplicable, "when is false")})
              .empty());
  auto lines = tally.never_passed();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "check rare never applied and passed in 3 runs (n/a 3: when is false)");
}

TEST_CASE("check: one run where the check applies and passes is enough") {
  Lesson l = two_checks();
  CheckTally tally(l);
  tally.record(0, {outcome("always", Verdict::Pass), outcome("rare", Verdict::NotApplicable, "when is false")});
  tally.record(0, {outcome("always", Verdict::Pass), outcome("rare", Verdict::Pass)});
  CHECK(tally.never_passed().empty());
  CHECK(tally.runs() == 2);
}

TEST_CASE("check: a failing or erroring check is a problem of its run") {
  Lesson l = two_checks();
  CheckTally tally(l);
  auto problems = tally.record(0, {outcome("always", Verdict::Fail), outcome("rare", Verdict::Error, "NameError: name 'y' is not defined")});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "check always is fail");
  CHECK(problems[1] == "check rare is error: NameError: name 'y' is not defined");
  auto lines = tally.never_passed();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "check always never applied and passed in 1 runs (failed or erred 1)");
}

TEST_CASE("check: a run that crashes fails, and its n/a checks do not count as exercised") {
  Lesson l = two_checks();
  CheckTally tally(l);
  // A program that dies before setting its results: every check n/a, exit code 1.
  auto problems = tally.record(1, {outcome("always", Verdict::NotApplicable, "needs result r"),
                                   outcome("rare", Verdict::NotApplicable, "needs result r")});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "exit code 1, expected 0 ([run] expect_exit)");
  CHECK(tally.never_passed().size() == 2);
}

TEST_CASE("check: passes in a run with an unexpected exit code are not trusted") {
  Lesson l = two_checks();
  CheckTally tally(l);
  CHECK(tally.record(3, {outcome("always", Verdict::Pass), outcome("rare", Verdict::Pass)}).size() == 1);
  auto lines = tally.never_passed();
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] == "check rare never applied and passed in 1 runs (in runs with an unexpected exit code 1)");
}

TEST_CASE("check: an exit code the lesson declares is fine") {
  Lesson l = two_checks({0, 3});
  CheckTally tally(l);
  CHECK(tally.record(3, {outcome("always", Verdict::Pass), outcome("rare", Verdict::Pass)}).empty());
  CHECK(tally.never_passed().empty());
  auto problems = tally.record(1, {outcome("always", Verdict::Pass), outcome("rare", Verdict::Pass)});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "exit code 1, expected 0 or 3 ([run] expect_exit)");
}

TEST_CASE("lesson.toml: expect_exit defaults to [0] and is validated") {
  LessonFixture fx;
  std::string error;
  auto plain = load_lesson(fx.write("semaphore", kSemaphoreToml), error);
  REQUIRE(plain);
  CHECK(plain->run.expect_exit == std::vector<int>{0});
  auto with = [&](const std::string& line) {
    std::string toml = kSemaphoreToml;
    toml.replace(toml.find("seed = 7"), 8, "seed = 7\n" + line);
    return load_lesson(fx.write("semaphore", toml), error);
  };
  auto deadlocking = with("expect_exit = [0, 3]");
  REQUIRE(deadlocking);
  CHECK(deadlocking->run.expect_exit == std::vector<int>{0, 3});
  CHECK_FALSE(with("expect_exit = []"));
  CHECK_THAT(error, Catch::Contains("run.expect_exit: must be a non-empty list of exit codes"));
  CHECK_FALSE(with("expect_exit = 3"));
  CHECK_THAT(error, Catch::Contains("run.expect_exit"));
  CHECK_FALSE(with("expect_exit = [0, 300]"));
  CHECK_THAT(error, Catch::Contains("from -255 to 255"));
}

TEST_CASE("lesson.toml: [[cases]] are typed, range-checked and kept as --set text") {
  LessonFixture fx;
  std::string error;
  auto with = [&](const std::string& cases) {
    return load_lesson(fx.write("semaphore", std::string(kSemaphoreToml) + cases), error);
  };
  auto ok = with(R"(
[[cases]]
name = "crowd"
set = { threads = 30, hold_s = 0.5, use_semaphore = false, variant = "lifo", durations = [1, 2.5] }
)");
  REQUIRE(ok);
  REQUIRE(ok->cases.size() == 1);
  CHECK(ok->cases[0].name == "crowd");
  using Sets = std::vector<std::pair<std::string, std::string>>;
  CHECK(ok->cases[0].sets == Sets{{"threads", "30"}, {"hold_s", "0.5"}, {"use_semaphore", "false"},
                                  {"variant", "lifo"}, {"durations", "1.0,2.5"}});
  // Every text parses back to the value it came from.
  for (const auto& [name, text] : ok->cases[0].sets) {
    INFO(name << "=" << text);
    CHECK(parse_param_value(*ok->find_param(name), text, error));
  }

  CHECK_FALSE(with("[[cases]]\nname = \"x\"\nset = { nobody = 1 }\n"));
  CHECK_THAT(error, Catch::Contains("cases.x.set.nobody: is not a parameter of the lesson"));
  CHECK_FALSE(with("[[cases]]\nname = \"x\"\nset = { threads = 999 }\n"));
  CHECK_THAT(error, Catch::Contains("cases.x.set.threads"));
  CHECK_THAT(error, Catch::Contains("from 1 to 256"));
  CHECK_FALSE(with("[[cases]]\nname = \"x\"\nset = { threads = \"many\" }\n"));
  CHECK_THAT(error, Catch::Contains("must be a whole number"));
  CHECK_FALSE(with("[[cases]]\nname = \"x\"\n"));
  CHECK_THAT(error, Catch::Contains("cases.x.set: missing"));
  CHECK_FALSE(with("[[cases]]\nname = \"x\"\nset = { threads = 3 }\n[[cases]]\nname = \"x\"\nset = { threads = 4 }\n"));
  CHECK_THAT(error, Catch::Contains("'x' is declared twice"));
}
