#include <catch2/catch.hpp>

#include "lesson/lesson.h"
#include "lesson/lesson_run.h"
#include "lesson/params.h"
#include "lesson_fixture.h"

using namespace interleave::lesson;

namespace {
Lesson semaphore_lesson(LessonFixture& fx) {
  std::string error;
  auto lesson = load_lesson(fx.write("semaphore", kSemaphoreToml), error);
  REQUIRE(lesson);
  return *lesson;
}
}  // namespace

TEST_CASE("values parse by type and become Python literals") {
  LessonFixture fx;
  Lesson l = semaphore_lesson(fx);
  std::string error;
  auto threads = parse_param_value(*l.find_param("threads"), "64", error);
  REQUIRE(threads);
  CHECK(to_python_literal(*threads, ParamType::Int) == "64");
  auto hold = parse_param_value(*l.find_param("hold_s"), "0.5", error);
  REQUIRE(hold);
  CHECK(to_python_literal(*hold, ParamType::Float) == "0.5");
  CHECK(to_python_literal(ParamValue(3.0), ParamType::Float) == "3.0");
  auto flag = parse_param_value(*l.find_param("use_semaphore"), "false", error);
  REQUIRE(flag);
  CHECK(to_python_literal(*flag, ParamType::Bool) == "False");
  auto variant = parse_param_value(*l.find_param("variant"), "lifo", error);
  REQUIRE(variant);
  CHECK(to_python_literal(*variant, ParamType::Choice) == "\"lifo\"");
  auto list = parse_param_value(*l.find_param("durations"), "1, 2,3.5", error);
  REQUIRE(list);
  CHECK(to_python_literal(*list, ParamType::FloatList) == "[1.0, 2.0, 3.5]");
}

TEST_CASE("out-of-range and malformed values name the parameter and the valid range") {
  LessonFixture fx;
  Lesson l = semaphore_lesson(fx);
  std::string error;
  CHECK_FALSE(parse_param_value(*l.find_param("threads"), "0", error));
  CHECK(error == "threads must be a whole number from 1 to 256, got '0'");
  CHECK_FALSE(parse_param_value(*l.find_param("threads"), "2.5", error));
  CHECK_THAT(error, Catch::Contains("whole number"));
  CHECK_FALSE(parse_param_value(*l.find_param("hold_s"), "11", error));
  CHECK_THAT(error, Catch::Contains("from 0 to 10"));
  CHECK_FALSE(parse_param_value(*l.find_param("use_semaphore"), "yes", error));
  CHECK_THAT(error, Catch::Contains("true or false"));
  CHECK_FALSE(parse_param_value(*l.find_param("variant"), "random", error));
  CHECK_THAT(error, Catch::Contains("one of fifo, lifo"));
  CHECK_FALSE(parse_param_value(*l.find_param("durations"), "1,2,3,4,5", error));
  CHECK_THAT(error, Catch::Contains("1 to 4"));
  CHECK_FALSE(parse_param_value(*l.find_param("durations"), "1,,2", error));
  CHECK_FALSE(parse_param_value(*l.find_param("durations"), "", error));
  CHECK_FALSE(parse_param_value(*l.find_param("durations"), "40", error));
}

TEST_CASE("resolving parameters keeps declaration order and refuses unknown names") {
  LessonFixture fx;
  Lesson l = semaphore_lesson(fx);
  std::string error;
  auto resolved = resolve_params(l, {{"use_semaphore", "false"}, {"threads", "5"}}, error);
  REQUIRE(resolved);
  REQUIRE(resolved->values.size() == 5);
  CHECK(resolved->values[0].first == "threads");
  CHECK(std::get<int64_t>(resolved->values[0].second) == 5);
  CHECK(std::get<bool>(resolved->values[2].second) == false);
  CHECK(resolved->explicit_names == std::vector<std::string>{"use_semaphore", "threads"});

  CHECK_FALSE(resolve_params(l, {{"thread", "5"}}, error));
  CHECK_THAT(error, Catch::Contains("unknown parameter 'thread'"));
  CHECK_THAT(error, Catch::Contains("threads: whole number 1..256 (default 20)"));
  CHECK_THAT(error, Catch::Contains("durations: list of numbers 0..30 (1..4 items)"));
}

TEST_CASE("the network's latency option reaches the run's configuration, within its range") {
  std::string error;
  RunOptions o;
  auto dflt = prepare_program_run("x = 1\n", "x.py", o, error);
  REQUIRE(dflt);
  CHECK(dflt->config.net_latency_s == Approx(25e-6));  // the runtime's default
  o.net_latency_us = 400;
  auto set = prepare_program_run("x = 1\n", "x.py", o, error);
  REQUIRE(set);
  CHECK(set->config.net_latency_s == Approx(400e-6));
  o.net_latency_us = 2e6;
  CHECK_FALSE(prepare_program_run("x = 1\n", "x.py", o, error));
  CHECK_THAT(error, Catch::Contains("net_latency_us"));
}

TEST_CASE("reading several values reports every problem in order and keeps the good values") {
  LessonFixture fx;
  Lesson l = semaphore_lesson(fx);
  ParamsRead read = read_params(l, {{"threads", "0"}, {"hold_s", "0.25"}, {"nosuch", "1"}, {"variant", "lifo"}});
  REQUIRE(read.values.size() == 2);
  CHECK(read.values[0].first == "hold_s");
  CHECK(std::get<double>(read.values[0].second) == 0.25);
  CHECK(std::get<std::string>(read.values[1].second) == "lifo");
  REQUIRE(read.problems.size() == 2);
  CHECK(read.problems[0] == "threads must be a whole number from 1 to 256, got '0'");
  CHECK(read.problems[1] ==
        "unknown parameter 'nosuch' for lesson semaphore (valid: threads, hold_s, use_semaphore, variant, durations)");
}

TEST_CASE("a value echoed in an error is cut to 40 characters") {
  LessonFixture fx;
  Lesson l = semaphore_lesson(fx);
  std::string error;
  const std::string long_text(5000, '9');
  CHECK_FALSE(parse_param_value(*l.find_param("threads"), long_text, error));
  CHECK(error == "threads must be a whole number from 1 to 256, got '" + std::string(40, '9') + "\u2026'");
  std::string wide;  // 50 two-byte characters: cut on a character, not a byte
  for (int i = 0; i < 50; i++) wide += "\u00e9";
  CHECK_FALSE(parse_param_value(*l.find_param("threads"), wide, error));
  CHECK(error == "threads must be a whole number from 1 to 256, got '" + wide.substr(0, 80) + "\u2026'");
  ParamsRead read = read_params(l, {{std::string(100, 'x'), "1"}});
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].find(std::string(41, 'x')) == std::string::npos);
}
