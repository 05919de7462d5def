// Det batches (core/det_scheduler.h): a thread that is the only choice takes many steps at
// once. The promise is that nothing observable changes: every lesson, in both listings,
// over several seeds and parameter sets, gives the same report and the same trace
// (virtual times, kinds, objects, values) with batches on and off.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lesson/lesson.h"
#include "lesson/lesson_run.h"

using namespace interleave;
using nlohmann::json;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Observed {
  json report;
  std::vector<std::string> trace;
};

Observed run_once(const lesson::PreparedRun& prepared, bool batch) {
  py::ProgramConfig cfg = prepared.config;
  cfg.run.batch_steps = batch;
  py::Program program(prepared.source, cfg);
  program.run_to_end();
  Observed o;
  o.report = lesson::run_report(prepared, program);
  for (const char* wall : {"wall_time_s", "memory_peak_bytes"}) o.report.erase(wall);
  for (const auto& e : program.run().trace().collect())
    o.trace.push_back(std::to_string(e.vtime) + " " + std::to_string(e.tid) + " " + std::to_string(int(e.kind)) + " " +
                      std::to_string(e.object) + " " + std::to_string(e.value));
  return o;
}

void require_same_run(const lesson::Lesson& l, const std::string& lang, uint64_t seed,
                      const std::vector<std::pair<std::string, std::string>>& sets) {
  lesson::RunOptions opt;
  opt.seed = seed;
  opt.lang = lang;
  opt.sets = sets;
  std::string error;
  auto file = l.dir / (lang == "en" && std::filesystem::exists(l.dir / "main.en.py") ? "main.en.py" : "main.py");
  auto prepared = lesson::prepare_lesson_run(l, read_file(file), opt, error);
  INFO(l.id << " [" << lang << "] seed " << seed << ": " << error);
  REQUIRE(prepared);
  Observed on = run_once(*prepared, true), off = run_once(*prepared, false);
  if (on.report != off.report) {  // say where, not just that
    for (auto it = on.report.begin(); it != on.report.end(); ++it)
      if (!off.report.contains(it.key()) || off.report[it.key()] != it.value())
        FAIL_CHECK(it.key() << ": batched " << it.value().dump() << "\n  unbatched " << off.report[it.key()].dump());
  }
  for (size_t i = 0; i < std::min(on.trace.size(), off.trace.size()); ++i) {
    INFO("trace event " << i << " (vtime tid kind object value)");
    REQUIRE(on.trace[i] == off.trace[i]);
  }
  REQUIRE(on.trace.size() == off.trace.size());
}

}  // namespace

TEST_CASE("det batches: every lesson runs exactly as one step at a time", "[batches][lessons]") {
  for (const auto& entry : std::filesystem::directory_iterator(INTERLEAVE_LESSONS_DIR)) {
    if (!std::filesystem::exists(entry.path() / "lesson.toml")) continue;
    std::string error;
    auto l = lesson::load_lesson(entry.path(), error);
    INFO(entry.path().string() << ": " << error);
    REQUIRE(l);
    for (uint64_t seed : {1, 7}) require_same_run(*l, seed == 1 ? "zh" : "en", seed, {});
  }
}

TEST_CASE("det batches: timers, timeouts, processes and kills fall where they fall unbatched", "[batches]") {
  std::string error;
  auto dir = std::filesystem::path(INTERLEAVE_LESSONS_DIR);
  struct Case { const char* lesson; std::vector<std::pair<std::string, std::string>> sets; };
  const std::vector<Case> cases = {
      {"zombie-orphan", {{"scenario", "orphan"}}},
      {"process-basics", {}},
      {"mutex", {}},
      {"echo-server", {{"server", "event_loop"}, {"clients", "20"}}},
      {"echo-server", {{"server", "coroutines"}, {"clients", "20"}}},
      {"gil", {}},
      {"race-condition", {{"threads", "3"}}},
  };
  for (const auto& c : cases) {
    auto l = lesson::load_lesson(dir / c.lesson, error);
    INFO(c.lesson << ": " << error);
    REQUIRE(l);
    for (uint64_t seed : {2, 3}) require_same_run(*l, "en", seed, c.sets);
  }
}

TEST_CASE("det batches: a run paused at any step shows the clock and state of one step at a time",
          "[batches]") {
  // One thread most of the time (batches), a sleeper waking inside, a print and an import.
  const char* src = R"(
import threading, time
def sleeper():
    time.sleep(0.00002)
    print("awake")
threading.Thread(target=sleeper).start()
total = 0
for i in range(300):
    total += i
import json
print(total)
)";
  py::ProgramConfig cfg;
  cfg.run.seed = 3;
  for (uint64_t k : {1, 2, 17, 30, 64, 150, 299, 500, 1200}) {
    py::Program batched(src, cfg), single(src, cfg);
    batched.advance(k);  // one call: batches up to k steps
    for (uint64_t i = 0; i < k; ++i) single.advance(1);
    INFO("paused at step " << k);
    CHECK(batched.steps() == single.steps());
    CHECK(batched.virtual_time_s() == single.virtual_time_s());
    CHECK(batched.stdout_text() == single.stdout_text());
  }
}
