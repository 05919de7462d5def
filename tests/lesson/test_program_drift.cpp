#include <catch2/catch.hpp>

#include <fstream>

#include "lesson/lesson.h"
#include "lesson/lesson_json.h"
#include "lesson/program_drift.h"
#include "lesson_fixture.h"

using namespace interleave::lesson;

namespace {

const char* kTwoListingsToml = R"(
id = "two"
part = 1
title = { zh = "两种", en = "two" }

[[params]]
name = "n"
type = "int"
default = 2
min = 1
max = 9

[[params]]
name = "durations"
type = "float_list"
default = [0.5, 1.0]

[[results]]
name = "total"
)";

Lesson load_two(LessonFixture& f, const std::string& zh, const std::string& en) {
  auto dir = f.write("two", kTwoListingsToml, zh);
  if (!en.empty()) std::ofstream(dir / "main.en.py") << en;
  std::string error;
  auto l = load_lesson(dir, error);
  REQUIRE(l);
  return *l;
}

}  // namespace

TEST_CASE("a lesson's listing follows the language; without main.en.py main.py serves both") {
  LessonFixture f;
  Lesson one = load_two(f, "n = 2\ndurations = [0.5, 1.0]\ntotal = n\n", "");
  CHECK_FALSE(one.has_en_program);
  CHECK(program_file(one, "zh") == "main.py");
  CHECK(program_file(one, "en") == "main.py");
  CHECK(lesson_json(one)["programs"]["en"] == "main.py");
  Lesson two = load_two(f, "n = 2\ndurations = [0.5, 1.0]\ntotal = n\n", "n = 2\ndurations = [0.5, 1.0]\ntotal = n\n");
  CHECK(two.has_en_program);
  CHECK(program_file(two, "en") == "main.en.py");
  CHECK(lesson_json(two)["programs"]["en"] == "main.en.py");
  CHECK(lang_error("en").empty());
  CHECK(lang_error("de") == "the language must be zh or en, got 'de'");
}

TEST_CASE("listings that differ only in voice and spacing agree") {
  LessonFixture f;
  Lesson l = load_two(f, "n = 2\ndurations = [0.5, 1.0]\ntotal = n * 2\nprint('合计', total)\n",
                      "# English\nn=2\ndurations = [0.5,1.0]\ntotal = n * 2\nprint(\"total\", total)\n");
  CHECK(program_drift(l).empty());
}

TEST_CASE("listings that drift apart are named: a default, a missing parameter line, a result") {
  LessonFixture f;
  Lesson l = load_two(f, "n = 2\ndurations = [0.5, 1.0]\ntotal = n\n",
                      "n = 3\ntotal_en = n\n");
  auto problems = program_drift(l);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0] == "parameter n is 2 in main.py (line 1) but 3 in main.en.py (line 1)");
  CHECK(problems[1] == "parameter durations is a constant of main.py only (expected a line 'durations = ...' in both)");
  CHECK(problems[2] == "at the defaults main.py reports total but main.en.py reports none");
}

TEST_CASE("listings whose runs end differently drift apart") {
  LessonFixture f;
  Lesson l = load_two(f, "n = 2\ndurations = [0.5, 1.0]\ntotal = n\n",
                      "n = 2\ndurations = [0.5, 1.0]\ntotal = n\nraise SystemExit(3)\n");
  auto problems = program_drift(l);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "at the defaults main.py ends with exit code 0 but main.en.py with 3");
}
