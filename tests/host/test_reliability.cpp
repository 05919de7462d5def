// Runs that cannot hurt the host: every way a run ends (compile error, runtime error, memory
// limit, time limit, deadlock, Stop) ends it with its reason in the report, and the next run
// works. Memory and time limits are small here so each case takes about a second.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/host/run_host.h"
#include "host_helpers.h"

using namespace interleave;
using nlohmann::json;
using host_test::state;

namespace {

json wait_report(const host::RunHost& h) { return host_test::wait_report(h, 60 * INTERLEAVE_TIME_FACTOR); }

host::StartRequest code_request(std::string code, std::string mode = "det") {
  host::StartRequest r;
  r.code = std::move(code);
  r.options.mode = std::move(mode);
  r.options.memory_mb = 64;
  r.options.time_limit_s = 2;
  return r;
}

// Runs `code` to its end and returns the host's state with the report.
json run_code(host::RunHost& h, const std::string& code, const std::string& mode = "det", double time_limit_s = 2) {
  host::StartRequest r = code_request(code, mode);
  r.options.time_limit_s = time_limit_s;
  REQUIRE(h.start(r) == "");
  json s = wait_report(h);
  REQUIRE_FALSE(s["report"].is_null());
  return s;
}

// The host still works: a plain program runs to its end.
void next_run_works(host::RunHost& h) {
  json s = run_code(h, "print('next', 6 * 7)\n", "det", 60);
  CHECK(s["status"] == "finished");
  CHECK(s["report"]["stdout"] == "next 42\n");
  CHECK(s["report"]["end"]["reason"] == "finished");
}

}  // namespace

TEST_CASE("reliability: a syntax error ends the run at once, reported, and the next run works", "[reliability]") {
  host::RunHost h(nullptr);
  json s = run_code(h, "x = 1\nif x\n    print(x)\n");
  CHECK(s["status"] == "finished");
  CHECK(s["report"]["exit_code"] == 1);
  CHECK(s["report"]["end"]["reason"] == "syntax-error");
  CHECK_THAT(s["report"]["end"]["message"].get<std::string>(), Catch::Contains("SyntaxError"));
  CHECK_THAT(s["report"]["stderr"].get<std::string>(), Catch::Contains("line 2"));
  // where the editor underlines it: CPython's caret, just past `if x` (expected ':')
  CHECK(s["report"]["end"]["line"] == 2);
  CHECK(s["report"]["end"]["col"] == 5);
  CHECK(s["report"]["end"]["end_col"] == 6);
  next_run_works(h);
}

TEST_CASE("reliability: an indentation error is a syntax error with its name", "[reliability]") {
  host::RunHost h(nullptr);
  json s = run_code(h, "if True:\nprint(1)\n");
  CHECK(s["report"]["end"]["reason"] == "syntax-error");
  CHECK_THAT(s["report"]["end"]["message"].get<std::string>(), Catch::Contains("IndentationError"));
  next_run_works(h);
}

TEST_CASE("reliability: an uncaught exception ends the run with its message", "[reliability]") {
  host::RunHost h(nullptr);
  for (const char* mode : {"det", "free"}) {
    json s = run_code(h, "print('before')\n1 / 0\n", mode);
    CHECK(s["report"]["exit_code"] == 1);
    CHECK(s["report"]["end"]["reason"] == "exception");
    CHECK(s["report"]["end"]["message"] == "ZeroDivisionError: division by zero");
    CHECK(s["report"]["stdout"] == "before\n");
  }
  json s = run_code(h, "import sys\nsys.exit(4)\n");
  CHECK(s["report"]["end"]["reason"] == "exit");
  CHECK(s["report"]["exit_code"] == 4);
  next_run_works(h);
}

TEST_CASE("reliability: the memory limit holds wherever the memory is allocated", "[reliability]") {
  // Each grows past the 64 MB limit in a different place: list and string concatenation,
  // padding, repetition, dict growth, replace, split, expandtabs, a native list builder.
  const char* programs[] = {
      "l = [1]\nwhile True:\n    l = l + l\n",
      "x = 'a'.ljust(2 * 10**9)\n",
      "s = 'x'\nwhile True:\n    s = s + s\n",
      "s = []\nwhile True:\n    s.append('a'.ljust(10**6))\n",
      "d = {}\ni = 0\nwhile True:\n    d[i] = str(i) * 10\n    i += 1\n",
      "x = ('x' * 10**6).replace('x', 'y' * 1000)\n",
      "x = ('a ' * 10**7).split()\n",
      "x = ('\\t' * 10**6).expandtabs(1000)\n",
      "x = list(range(10**8))\n",
  };
  host::RunHost h(nullptr);
  for (const char* code : programs) {
    INFO(code);
    json s = run_code(h, code, "det", 120);  // a loaded machine must not turn it into a time limit
    CHECK(s["report"]["end"]["reason"] == "memory-limit");
    CHECK(s["report"]["exit_code"] == 1);
    CHECK_THAT(s["report"]["stderr"].get<std::string>(), Catch::EndsWith("MemoryError\n"));
    CHECK(s["report"]["memory_peak_bytes"].get<double>() <= double(64 << 20) * 1.02);
  }
  next_run_works(h);
}

TEST_CASE("reliability: garbage that native calls leave near the limit is collected, not a MemoryError", "[reliability]") {
  // Each call makes 16 MB that is garbage a few instructions later: 20 of them pass the 64 MB
  // limit many times over, long before the next periodic collection.
  host::RunHost h(nullptr);
  for (const char* mode : {"det", "free"}) {
    json s = run_code(h, "s = 'a'\nfor i in range(20):\n    s = s.ljust(16_000_000)[:1]\nprint('done', len(s))\n", mode, 60);
    CHECK(s["report"]["end"]["reason"] == "finished");
    CHECK(s["report"]["stdout"] == "done 1\n");
  }
}

TEST_CASE("reliability: MemoryError can be caught, and the program goes on", "[reliability]") {
  host::RunHost h(nullptr);
  json s = run_code(h,
                    "try:\n    x = 'a' * (10**9)\nexcept MemoryError:\n    print('caught')\n"
                    "big = []\ntry:\n    while True:\n        big.append('b' * 10**5)\nexcept MemoryError:\n"
                    "    n = len(big)\n    big = None\n    print('freed', n > 100)\n",
                    "det", 120);
  CHECK(s["report"]["stdout"] == "caught\nfreed True\n");
  CHECK(s["report"]["end"]["reason"] == "finished");
}

TEST_CASE("reliability: endless output is kept bounded, and the time limit ends the run", "[reliability]") {
  host::RunHost h(nullptr);
  for (const char* mode : {"det", "free"}) {
    json s = run_code(h, "while True:\n    print('x' * 1000)\n", mode);
    CHECK(s["report"]["end"]["reason"] == "time-limit");
    CHECK(s["report"]["exit_code"] == 124);
    const std::string out = s["report"]["stdout"];
    CHECK(out.size() <= (size_t(1) << 20) * 5 / 4 + 200);
    CHECK_THAT(out, Catch::StartsWith("[interleave: ") && Catch::Contains("earlier lines dropped"));
  }
  next_run_works(h);
}

TEST_CASE("reliability: an endless loop ends by the time limit in both modes, threads too", "[reliability]") {
  host::RunHost h(nullptr);
  const char* programs[] = {
      "while True:\n    pass\n",
      "import threading\ndef spin():\n    while True:\n        pass\n"
      "for _ in range(3):\n    threading.Thread(target=spin).start()\n",
      "import threading\ndef spin():\n    while True:\n        pass\n"
      "threading.Thread(target=spin, daemon=True).start()\nthreading.Event().wait()\n",
  };
  for (const char* mode : {"det", "free"}) {
    for (const char* code : programs) {
      INFO(mode << ": " << code);
      json s = run_code(h, code, mode);
      CHECK(s["report"]["end"]["reason"] == "time-limit");
      CHECK_THAT(s["report"]["end"]["message"].get<std::string>(), Catch::Contains("time limit of 2 s"));
      CHECK(s["report"]["wall_time_s"].get<double>() < 2.0 + 10 * INTERLEAVE_TIME_FACTOR);
    }
  }
  next_run_works(h);
}

TEST_CASE("reliability: det's virtual time limit ends a program that sleeps for ever", "[reliability]") {
  host::RunHost h(nullptr);
  json s = run_code(h, "import time\nwhile True:\n    time.sleep(3600)\n");
  CHECK(s["report"]["end"]["reason"] == "time-limit");
  CHECK_THAT(s["report"]["end"]["message"].get<std::string>(), Catch::Contains("virtual time limit"));
  next_run_works(h);
}

TEST_CASE("reliability: a deadlock and a Stop end with their reasons", "[reliability]") {
  host::RunHost h(nullptr);
  for (const char* mode : {"det", "free"}) {
    json s = run_code(h,
                      "import threading, time\na = threading.Lock()\nb = threading.Lock()\n"
                      "def t1():\n    with a:\n        time.sleep(0.1)\n        with b: pass\n"
                      "def t2():\n    with b:\n        time.sleep(0.1)\n        with a: pass\n"
                      "x = threading.Thread(target=t1)\ny = threading.Thread(target=t2)\n"
                      "x.start(); y.start(); x.join(); y.join()\n",
                      mode);
    CHECK(s["status"] == "deadlock");
    CHECK(s["report"]["end"]["reason"] == "deadlock");
    CHECK_THAT(s["report"]["end"]["message"].get<std::string>(), Catch::Contains("waits for"));
    CHECK(s["report"]["exit_code"] == 3);
  }

  host::StartRequest r = code_request("while True:\n    pass\n");
  r.paused = true;  // a paused run is stopped as well as a running one
  REQUIRE(h.start(r) == "");
  h.settle();
  h.stop();
  h.settle();
  CHECK(state(h)["status"] == "idle");
  next_run_works(h);
}

TEST_CASE("reliability: a program too large to compile within the memory limit says so", "[reliability]") {
  std::string code;
  for (int i = 0; i < 75000; ++i) code += "x" + std::to_string(i % 100) + " = " + std::to_string(i) + "\n";
  host::RunHost h(nullptr);
  host::StartRequest r = code_request(code);
  r.options.memory_mb = 16;
  REQUIRE(h.start(r) == "");
  json s = wait_report(h);
  CHECK(s["report"]["end"]["reason"] == "memory-limit");
  CHECK_THAT(s["report"]["end"]["message"].get<std::string>(), Catch::Contains("too large to compile"));
  next_run_works(h);
}

TEST_CASE("reliability: limits out of range are refused with the valid range", "[reliability]") {
  host::RunHost h(nullptr);
  host::StartRequest r = code_request("print(1)\n");
  r.options.memory_mb = 8;
  CHECK_THAT(h.start(r), Catch::Contains("memory_mb must be from 16 to 1024"));
  r = code_request("print(1)\n");
  r.options.time_limit_s = 0;
  CHECK_THAT(h.start(r), Catch::Contains("time_limit_s must be seconds from 1 to 3600"));
  CHECK(state(h)["status"] == "idle");
}

TEST_CASE("reliability: a large program compiles and runs; a larger one is refused with the limit", "[reliability]") {
  std::string code;
  for (int i = 0; i < 75000; ++i) code += "x" + std::to_string(i % 100) + " = " + std::to_string(i) + "\n";
  code += "print(x99)\n";
  REQUIRE(code.size() > 850'000);
  REQUIRE(code.size() <= host::RunHost::kMaxProgramBytes);
  host::RunHost h(nullptr);
  host::StartRequest r = code_request(code);
  r.options.memory_mb = 512;
  r.options.time_limit_s = 300;
  REQUIRE(h.start(r) == "");
  json s = wait_report(h);
  CHECK(s["report"]["stdout"] == "74999\n");
  CHECK(s["report"]["end"]["reason"] == "finished");
  r.code = code + std::string(host::RunHost::kMaxProgramBytes, '#');
  CHECK_THAT(h.start(r), Catch::Contains("programs of at most 1000000 bytes (1 MB)"));
}
