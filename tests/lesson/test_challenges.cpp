// Challenges: lesson.toml [[challenges]] load and are validated, are judged over a run, and
// are reachable (the explorer, or a declared solution, finds a run that meets each).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "lesson/challenges.h"
#include "lesson/lesson.h"
#include "lesson_fixture.h"

using namespace interleave::lesson;

namespace {

std::filesystem::path lessons_root() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "lessons";
}

// A two-thread counter without a lock; `rounds` increments each.
const char* kCounterProgram =
    "import threading\n"
    "rounds = 2\n"
    "n = 0\n"
    "def worker():\n"
    "    global n\n"
    "    for _ in range(rounds):\n"
    "        n += 1\n"
    "ts = [threading.Thread(target=worker) for _ in range(2)]\n"
    "for t in ts:\n"
    "    t.start()\n"
    "for t in ts:\n"
    "    t.join()\n"
    "expected = 2 * rounds\n";

std::string counter_toml(const std::string& challenges) {
  return "id = \"counter\"\npart = 4\ntitle = { zh = \"计数\", en = \"Counter\" }\n"
         "[[params]]\nname = \"rounds\"\ntype = \"int\"\ndefault = 2\nmin = 1\nmax = 100\n"
         "[[results]]\nname = \"n\"\n[[results]]\nname = \"expected\"\n" +
         challenges;
}

std::string challenge(const std::string& fields) {
  return "[[challenges]]\nid = \"lose\"\ntitle = { zh = \"丢\", en = \"Lose\" }\n"
         "goal = { zh = \"丢一次\", en = \"Lose one\" }\n" + fields;
}

}  // namespace

TEST_CASE("challenges load with their fields, and every shipped one is declared in both languages") {
  LessonFixture fx;
  std::string error;
  auto l = load_lesson(fx.write("counter", counter_toml(challenge(
                                               "allowed = [\"step\", \"params\"]\nsuccess = \"n < expected\"\n"
                                               "solution = { set = { rounds = 3 }, seed = 4 }\n")),
                                kCounterProgram),
                       error);
  INFO(error);
  REQUIRE(l);
  REQUIRE(l->challenges.size() == 1);
  const Challenge& c = l->challenges[0];
  CHECK(c.id == "lose");
  CHECK(c.title.en == "Lose");
  CHECK(c.goal.zh == "丢一次");
  CHECK(c.allowed == std::vector<std::string>{"step", "params"});
  CHECK(c.success == "n < expected");
  CHECK(c.sets == std::vector<std::pair<std::string, std::string>>{{"rounds", "3"}});
  CHECK(c.seed == 4u);

  Catalog cat = load_catalog(lessons_root());
  CHECK(cat.errors.empty());
  int total = 0;
  for (const Lesson& lesson : cat.lessons)
    for (const Challenge& ch : lesson.challenges) {
      ++total;
      CHECK_FALSE(ch.title.zh.empty());
      CHECK_FALSE(ch.title.en.empty());
      CHECK_FALSE(ch.goal.zh.empty());
      CHECK_FALSE(ch.goal.en.empty());
    }
  CHECK(total >= 6);
}

TEST_CASE("bad challenge data is refused, naming the field and the valid values") {
  LessonFixture fx;
  auto refused = [&](const std::string& fields) {
    std::string error;
    CHECK_FALSE(load_lesson(fx.write("counter", counter_toml(challenge(fields)), kCounterProgram), error));
    return error;
  };
  CHECK_THAT(refused("allowed = [\"fly\"]\nsuccess = \"True\"\n"),
             Catch::Contains("challenges.lose.allowed") && Catch::Contains("\"step\", \"params\" or \"edit\"") &&
                 Catch::Contains("'fly'"));
  CHECK_THAT(refused("allowed = []\nsuccess = \"True\"\n"), Catch::Contains("allowed"));
  CHECK_THAT(refused("allowed = [\"step\"]\n"), Catch::Contains("challenges.lose.success"));
  CHECK_THAT(refused("allowed = [\"step\"]\nsuccess = \"  \"\n"), Catch::Contains("empty"));
  CHECK_THAT(refused("allowed = [\"step\"]\nsuccess = \"True\"\nsolution = { set = { rounds = 500 } }\n"),
             Catch::Contains("solution.set.rounds"));
  CHECK_THAT(refused("allowed = [\"step\"]\nsuccess = \"True\"\nsolution = { set = { nope = 1 } }\n"),
             Catch::Contains("is not a parameter"));
  CHECK_THAT(refused("allowed = [\"step\"]\nsuccess = \"True\"\nsolution = { schedule = \"xyz\" }\n"),
             Catch::Contains("replay token"));
  CHECK_THAT(refused("allowed = [\"step\"]\nsuccess = \"True\"\nsolution = { speed = 1 }\n"),
             Catch::Contains("solution.speed"));
  std::string error;
  const std::string twice = challenge("allowed = [\"step\"]\nsuccess = \"True\"\n");
  CHECK_FALSE(load_lesson(fx.write("counter", counter_toml(twice + twice), kCounterProgram), error));
  CHECK_THAT(error, Catch::Contains("'lose' is declared twice"));
  std::string bad_id = challenge("allowed = [\"step\"]\nsuccess = \"True\"\n");
  bad_id.replace(bad_id.find("\"lose\""), 6, "\"Lose It\"");
  CHECK_FALSE(load_lesson(fx.write("counter", counter_toml(bad_id), kCounterProgram), error));
  CHECK_THAT(error, Catch::Contains("lowercase"));
}

TEST_CASE("a reachable challenge is found by the explorer; an impossible one is reported unreachable") {
  LessonFixture fx;
  std::string error;
  auto l = load_lesson(
      fx.write("counter",
               counter_toml(challenge("allowed = [\"step\"]\nsuccess = \"n < expected\"\n") +
                            "[[challenges]]\nid = \"overflow\"\ntitle = { zh = \"多\", en = \"More\" }\n"
                            "goal = { zh = \"多\", en = \"More\" }\nallowed = [\"step\"]\nsuccess = \"n > expected\"\n"),
               kCounterProgram),
      error);
  INFO(error);
  REQUIRE(l);
  ChallengeReach lose = reach_challenge(*l, l->challenges[0], "zh");
  INFO(lose.error);
  CHECK(lose.reached);
  CHECK_THAT(lose.how, Catch::StartsWith("explore"));
  CHECK(lose.token.rfind("s1", 0) == 0);
  // No interleaving adds more than it should: the search runs out without a find.
  ChallengeReach over = reach_challenge(*l, l->challenges[1], "zh");
  CHECK_FALSE(over.reached);
  CHECK(over.error.empty());
}

TEST_CASE("every shipped challenge is reachable in both listings") {
  Catalog cat = load_catalog(lessons_root());
  for (const Lesson& lesson : cat.lessons)
    for (const Challenge& c : lesson.challenges)
      for (const char* lang : {"zh", "en"}) {
        ChallengeReach r = reach_challenge(lesson, c, lang);
        INFO(lesson.id << " " << c.id << " [" << lang << "]: " << r.error << " " << r.how);
        CHECK(r.reached);
      }
}
