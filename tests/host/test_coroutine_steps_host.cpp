// Step mode within a thread on the run host: the live state lists each thread's ready
// coroutines, choose_coroutine makes the event loop run one of them next, step_coroutine runs
// one coroutine's turn, and a step back replays the choice.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "app/host/run_host.h"
#include "../py/asyncio_workers.h"
#include "host_helpers.h"

using namespace interleave;
using nlohmann::json;
using host_test::state;
using host_test::wait_report;

namespace {

const char* kTasks = testing::kThreeAsyncioWorkers;

host::StartRequest paused_program() {
  host::StartRequest r;
  r.code = kTasks;
  r.options.mode = "det";
  r.options.seed = 1;
  r.paused = true;
  return r;
}

json main_thread(const host::RunHost& h) {
  json s = state(h);
  for (const json& t : s["live"]["threads"])
    if (t["name"] == "MainThread") return t;
  return nullptr;
}

// Steps the paused run until its main thread has `n` coroutines ready; returns that thread.
json step_until_ready(host::RunHost& h, size_t n) {
  for (int i = 0; i < 5000; ++i) {
    json t = main_thread(h);
    if (t.is_object() && t.contains("ready") && t["ready"].size() >= n) return t;
    h.step(1, 0);
    h.settle();
  }
  return nullptr;
}

uint32_t index_of(const json& thread, const std::string& name) {
  for (const json& r : thread["ready"])
    if (r["name"] == name) return r["index"];
  FAIL("no ready coroutine " << name);
  return 0;
}

}  // namespace

TEST_CASE("host: a paused run lists each thread's ready coroutines; a run standing still only",
          "[host][coroutine-steps]") {
  host::RunHost h(nullptr);
  REQUIRE(h.start(paused_program()) == "");
  h.settle();
  json t = step_until_ready(h, 3);
  REQUIRE(t.is_object());
  CHECK(t["ready"][0]["name"] == "Task-2");
  CHECK(t["ready"][2]["name"] == "Task-4");
  CHECK(t["coroutine"] != 0);  // Task-1 runs: it made them
  CHECK(t["coroutine_name"] == "Task-1");
  CHECK(h.status() == "paused");
  h.resume();
  json done = wait_report(h);
  CHECK(done["report"]["stdout"] == "a 0\nb 0\nc 0\na 1\nb 1\nc 1\n");
}

TEST_CASE("host: choose_coroutine_id names the coroutine by its trace id (the canvas's click)",
          "[host][coroutine-steps]") {
  host::RunHost h(nullptr);
  REQUIRE(h.start(paused_program()) == "");
  h.settle();
  json t = step_until_ready(h, 3);
  REQUIRE(t.is_object());
  const core::ThreadId tid = t["tid"];
  h.choose_coroutine_id(tid, 999);  // not ready: nothing happens
  h.choose_coroutine_id(tid, t["ready"][1]["id"].get<core::ObjectId>());  // Task-3
  h.settle();
  CHECK(main_thread(h)["ready"][0]["name"] == "Task-3");
  h.resume();
  CHECK(wait_report(h)["report"]["stdout"] == "b 0\na 0\nc 0\nb 1\na 1\nc 1\n");
}

TEST_CASE("host: choose_coroutine steers the loop, step_coroutine runs one turn, step back keeps the choice",
          "[host][coroutine-steps]") {
  host::RunHost h(nullptr);
  REQUIRE(h.start(paused_program()) == "");
  h.settle();
  json t = step_until_ready(h, 3);
  REQUIRE(t.is_object());
  const core::ThreadId tid = t["tid"];
  h.choose_coroutine(tid, index_of(t, "Task-4"));
  h.settle();
  t = main_thread(h);
  CHECK(t["ready"][0]["name"] == "Task-4");
  json s = state(h);
  CHECK(s["status"] == "paused");
  CHECK(s["live"]["schedule"].get<std::string>().find('.') != std::string::npos);
  const uint64_t before = s["live"]["steps"];
  h.step_coroutine(tid);  // Task-1's turn ends at its await
  h.step_coroutine(tid);  // then Task-4 (worker c) runs to its await
  h.settle();
  s = state(h);
  CHECK(s["status"] == "paused");
  CHECK(s["live"]["steps"] > before);
  t = main_thread(h);
  CHECK(t["coroutine"] == 0);  // back in the loop
  CHECK(t["ready"][0]["name"] == "Task-2");
  // Back before the choice and forward again: the replay makes the same choice.
  h.step_back(int(s["live"]["steps"].get<uint64_t>() - before) + 1);
  h.settle();
  h.resume();
  json done = wait_report(h);
  CHECK(done["report"]["stdout"] == "c 0\na 0\nb 0\nc 1\na 1\nb 1\n");
}
