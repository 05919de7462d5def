// Step back and Find on the run host: a seek replays the run to the step asked for, exactly,
// and Find searches off the main thread and loads the failing schedule as a paused run.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/host/run_host.h"
#include "host_helpers.h"

using namespace interleave;
using nlohmann::json;
using host_test::state;
using host_test::wait_report;

namespace {

const lesson::Catalog& catalog() {
  static lesson::Catalog c = lesson::load_catalog(INTERLEAVE_TEST_LESSONS_DIR);
  return c;
}

host::StartRequest paused_lesson(const std::string& id, uint64_t seed) {
  host::StartRequest r;
  r.lesson = id;
  r.options.mode = "det";
  r.options.seed = seed;
  r.options.sets = {{"iterations", "200"}};
  r.paused = true;
  return r;
}

// What a paused run shows: its step, threads (state, line), runnable set and schedule so far.
json paused_view(const host::RunHost& h) {
  json s = state(h);
  REQUIRE(s["status"] == "paused");
  return {{"live", {{"steps", s["live"]["steps"]}, {"threads", s["live"]["threads"]},
                    {"runnable", s["live"]["runnable"]}, {"schedule", s["live"]["schedule"]}}}};
}

// The run's trace without the wall clock (Chrome JSON: "ts" is virtual in det mode).
std::string trace_of(const host::RunHost& h) { return h.trace_json(); }

const char* kCounterRace =
    "import threading\n"
    "n = 0\n"
    "def worker():\n"
    "    global n\n"
    "    for _ in range(2):\n"
    "        n += 1\n"
    "ts = [threading.Thread(target=worker) for _ in range(2)]\n"
    "for t in ts:\n"
    "    t.start()\n"
    "for t in ts:\n"
    "    t.join()\n"
    "assert n == 4, f'lost update: n == {n}'\n";

json wait_explore(const host::RunHost& h, double seconds = 60 * INTERLEAVE_TIME_FACTOR) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (h.explore_status().running && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return json::parse(h.explore_json());
}

}  // namespace

TEST_CASE("seek: step K, back to K-3, forward 3 is the straight run to K", "[host][seek]") {
  for (uint64_t seed : {1u, 7u}) {
    host::RunHost straight(&catalog());
    REQUIRE(straight.start(paused_lesson("race-condition", seed)) == "");
    straight.step(40, 0);
    straight.settle();
    const json want = paused_view(straight);
    const std::string want_trace = trace_of(straight);

    host::RunHost h(&catalog());
    REQUIRE(h.start(paused_lesson("race-condition", seed)) == "");
    h.step(40, 0);
    h.settle();
    const uint64_t first_session = state(h)["session"];
    h.step_back(3);
    h.settle();
    json back = paused_view(h);
    CHECK(back["live"]["steps"] == 37);
    CHECK(state(h)["session"] != first_session);  // a replayed copy took the run's place
    h.step(3, 0);
    h.settle();
    CHECK(paused_view(h) == want);
    CHECK(trace_of(h) == want_trace);
  }
}

TEST_CASE("seek: back to the start, then to the end, gives the straight run's report", "[host][seek]") {
  host::RunHost straight(&catalog());
  auto r = paused_lesson("race-condition", 3);
  r.paused = false;
  REQUIRE(straight.start(r) == "");
  json want = wait_report(straight);

  host::RunHost h(&catalog());
  REQUIRE(h.start(paused_lesson("race-condition", 3)) == "");
  h.step(100, 0);
  h.seek(0);
  h.settle();
  CHECK(paused_view(h)["live"]["steps"] == 0);
  h.seek(UINT64_MAX);  // past the end: stops at the end
  json got = wait_report(h);
  CHECK(got["report"]["results"] == want["report"]["results"]);
  CHECK(got["report"]["schedule"] == want["report"]["schedule"]);
  CHECK(got["report"]["stdout"] == want["report"]["stdout"]);
}

TEST_CASE("seek: a seek by virtual time lands on the first step at or past it", "[host][seek]") {
  host::RunHost h(&catalog());
  REQUIRE(h.start(paused_lesson("race-condition", 2)) == "");
  h.step(60, 0);
  h.settle();
  const double t60 = state(h)["live"]["virtual_time_s"];
  h.seek(20);
  h.settle();
  const double t20 = state(h)["live"]["virtual_time_s"];
  REQUIRE(t20 < t60);
  h.seek(60);
  h.settle();
  h.seek_time(int64_t(t20 * 1e9));
  h.settle();
  json s = state(h);
  CHECK(s["live"]["virtual_time_s"].get<double>() >= t20);
  CHECK(s["live"]["steps"].get<uint64_t>() <= 20);
}

TEST_CASE("explore: Find loads the lost update as a paused replay with its preemptions marked", "[host][explore]") {
  for (bool threaded : {true, false}) {
    host::RunHost h(nullptr, threaded);
    host::StartRequest r;
    r.code = kCounterRace;
    lesson::ExploreOptions o;
    o.strategy = lesson::ExploreStrategy::Exhaustive;
    o.max_preemptions = 2;
    REQUIRE(h.explore(r, o) == "");
    if (!threaded)
      for (int i = 0; i < 1000 && h.explore_status().running; ++i) h.pump(8);
    json e = wait_explore(h);
    INFO(e.dump());
    REQUIRE(e["result"]["found"] == true);
    CHECK(e["result"]["failure"]["kind"] == "exception");
    CHECK(e["result"]["preemptions"] == 1);
    CHECK(e["running"] == false);
    CHECK(e["tried"].get<uint64_t>() >= 1);
    if (!threaded) h.pump(8);
    h.settle();
    auto s = h.current();
    REQUIRE(s);
    CHECK(s->marks.size() == 1);
    CHECK(state(h)["status"] == "paused");
    // The loaded run replays to the same failure.
    h.resume();
    if (!threaded)
      for (int i = 0; i < 1000 && state(h)["report"].is_null(); ++i) h.pump(8);
    json done = wait_report(h);
    CHECK(done["report"]["exit_code"] == 1);
    CHECK_THAT(done["report"]["stderr"].get<std::string>(), Catch::Contains("lost update"));
    CHECK(done["report"]["schedule"] == e["result"]["token"]);
  }
}

TEST_CASE("explore: no failing schedule of the locked counter; bad options and Stop", "[host][explore]") {
  host::RunHost h(&catalog());
  host::StartRequest r;
  r.code = std::string(kCounterRace).replace(std::string(kCounterRace).find("        n += 1"), 14,
                                             "        with lock:\n            n += 1");
  r.code->insert(0, "import threading\nlock = threading.Lock()\n");
  lesson::ExploreOptions o;
  o.strategy = lesson::ExploreStrategy::Exhaustive;
  o.max_preemptions = 2;
  REQUIRE(h.explore(r, o) == "");
  json e = wait_explore(h);
  CHECK(e["result"]["found"] == false);
  CHECK(e["result"]["exhausted"] == true);
  CHECK(h.current() == nullptr);

  o.max_preemptions = 11;
  CHECK_THAT(h.explore(r, o), Catch::Contains("from 0 to 10"));
  o.max_preemptions = 2;
  r.options.mode = "free";
  CHECK_THAT(h.explore(r, o), Catch::Contains("det"));

  // Stop ends an endless search (no budget, no failure) within a schedule.
  o.strategy = lesson::ExploreStrategy::Random;
  o.budget = 0;
  r.options.mode = "det";
  REQUIRE(h.explore(r, o) == "");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(h.explore_status().running);
  auto t0 = std::chrono::steady_clock::now();
  h.stop();
  h.settle();
  CHECK_FALSE(h.explore_status().running);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2 * INTERLEAVE_TIME_FACTOR));
}

TEST_CASE("stdin: input() reads the request's lines, and a step back reads them again from the start",
          "[host][stdin]") {
  host::StartRequest r;
  r.code =
      "a = input('a? ')\n"
      "b = input()\n"
      "print(a + '|' + b)\n"
      "try:\n"
      "    input()\n"
      "except EOFError as e:\n"
      "    print('EOFError:', e)\n";
  r.options.mode = "det";
  r.options.stdin_text = "first\r\nsecond\n";
  r.paused = true;
  host::RunHost h(&catalog());
  REQUIRE(h.start(r) == "");
  h.step(30, 0);
  h.settle();
  h.step_back(10);  // a replay: a fresh program, its input read from the start again
  h.settle();
  h.seek(UINT64_MAX);
  json got = wait_report(h);
  CHECK(got["report"]["stdout"] == "a? first|second\nEOFError: EOF when reading a line\n");

  r.options.stdin_text = std::string(lesson::kMaxStdinBytes + 1, 'x');
  CHECK(h.start(r) == "stdin must be at most 1 MB (1048576 bytes), got 1048577 bytes");
}
