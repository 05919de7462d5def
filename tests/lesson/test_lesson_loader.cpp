#include <catch2/catch.hpp>

#include "lesson/lesson.h"
#include "lesson/lesson_json.h"
#include "lesson_fixture.h"

using namespace interleave::lesson;

TEST_CASE("a complete lesson.toml loads with every field") {
  LessonFixture fx;
  std::string error;
  auto lesson = load_lesson(fx.write("semaphore", kSemaphoreToml), error);
  REQUIRE(lesson);
  CHECK(error.empty());
  CHECK(lesson->id == "semaphore");
  CHECK(lesson->part == 4);
  CHECK(lesson->title.zh == "信号量");
  CHECK(lesson->run.seed == 7);
  CHECK(lesson->run.cores == 4);  // default
  REQUIRE(lesson->params.size() == 5);
  CHECK(std::get<int64_t>(lesson->params[0].default_value) == 20);
  CHECK(std::get<double>(lesson->params[1].default_value) == 2.0);  // TOML int read as float
  REQUIRE(lesson->params[3].default_when.size() == 1);
  CHECK(std::get<std::string>(lesson->params[3].default_when[0].value) == "lifo");
  CHECK(lesson->results[1].source == "run.virtual_time_s");
  CHECK(lesson->checks[0].when == "use_semaphore");
}

TEST_CASE("a broken lesson.toml is refused with the file and the field named") {
  LessonFixture fx;
  std::string error;
  SECTION("syntax error with a line number") {
    CHECK_FALSE(load_lesson(fx.write("bad", "id = \n"), error));
    CHECK_THAT(error, Catch::Contains("lesson.toml:1"));
  }
  SECTION("id differs from the folder") {
    CHECK_FALSE(load_lesson(fx.write("other", kSemaphoreToml), error));
    CHECK_THAT(error, Catch::Contains("differs from its folder 'other'"));
  }
  SECTION("a default outside its range") {
    std::string toml = kSemaphoreToml;
    toml.replace(toml.find("default = 20"), 12, "default = 999");
    CHECK_FALSE(load_lesson(fx.write("semaphore", toml), error));
    CHECK_THAT(error, Catch::Contains("params.threads.default"));
    CHECK_THAT(error, Catch::Contains("from 1 to 256"));
  }
  SECTION("an unknown parameter type") {
    std::string toml = kSemaphoreToml;
    toml.replace(toml.find("type = \"bool\""), 13, "type = \"flag\"");
    CHECK_FALSE(load_lesson(fx.write("semaphore", toml), error));
    CHECK_THAT(error, Catch::Contains("'flag' is not one of"));
  }
  SECTION("a lesson without a program") {
    CHECK_FALSE(load_lesson(fx.write("semaphore", kSemaphoreToml, ""), error));
    CHECK_THAT(error, Catch::Contains("main.py"));
  }
}

TEST_CASE("the catalogue loads every lesson folder in order and reports broken ones") {
  LessonFixture fx;
  fx.write("semaphore", kSemaphoreToml);
  fx.write("zeta", "id = \"zeta\"\npart = 1\ntitle = { zh = \"甲\", en = \"A\" }\n");
  fx.write("broken", "id = \"broken\"\n");
  std::filesystem::create_directories(fx.root / "not-a-lesson");
  Catalog catalog = load_catalog(fx.root);
  REQUIRE(catalog.lessons.size() == 2);
  CHECK(catalog.lessons[0].id == "zeta");  // part 1 before part 4
  CHECK(catalog.lessons[1].id == "semaphore");
  REQUIRE(catalog.errors.size() == 1);
  CHECK_THAT(catalog.errors[0], Catch::Contains("broken"));
  CHECK(catalog.find("semaphore") != nullptr);
  CHECK(catalog.find("nope") == nullptr);

  auto json = catalog_json(catalog);
  REQUIRE(json.size() == 2);
  CHECK(json[1]["id"] == "semaphore");
  CHECK(json[1]["params"][0]["max"] == 256);
  CHECK(json[1]["params"][4]["default"] == nlohmann::json::array({1.0, 2.5}));
  CHECK(json[1]["title"]["en"] == "Semaphore");
}
