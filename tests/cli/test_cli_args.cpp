#include <catch2/catch.hpp>

#include "cli_args.h"

using interleave::cli::Command;
using interleave::cli::parse_args;

TEST_CASE("no arguments asks for help") {
  auto r = parse_args({});
  REQUIRE(r.args);
  CHECK(r.args->command == Command::Help);
}

TEST_CASE("run collects the target and every option") {
  auto r = parse_args({"run", "race-condition", "--set", "threads=4", "--set=lock=true", "--mode",
                       "free", "--seed=7", "--time-scale", "0.01", "--cores", "2", "--json"});
  REQUIRE(r.args);
  const auto& a = *r.args;
  CHECK(a.command == Command::Run);
  CHECK(a.target == "race-condition");
  REQUIRE(a.sets.size() == 2);
  CHECK(a.sets[0] == std::pair<std::string, std::string>{"threads", "4"});
  CHECK(a.sets[1] == std::pair<std::string, std::string>{"lock", "true"});
  CHECK(a.mode == "free");
  CHECK(a.seed == 7ULL);
  CHECK(a.time_scale == Approx(0.01));
  CHECK(a.cores == 2);
  CHECK(a.json);
}

TEST_CASE("bad arguments name the problem and the valid values") {
  CHECK_THAT(parse_args({"run", "x.py", "--mode", "fast"}).error,
             Catch::Contains("--mode must be det or free"));
  CHECK_THAT(parse_args({"run", "x.py", "--seed", "-1"}).error, Catch::Contains("whole number"));
  CHECK_THAT(parse_args({"run", "x.py", "--cores", "0"}).error, Catch::Contains("1 to 64"));
  CHECK_THAT(parse_args({"run", "x.py", "--set", "novalue"}).error, Catch::Contains("NAME=VALUE"));
  CHECK_THAT(parse_args({"run", "x.py", "--seed"}).error, Catch::Contains("needs a value"));
  CHECK_THAT(parse_args({"run"}).error, Catch::Contains("needs a lesson id"));
  CHECK_THAT(parse_args({"run", "a.py", "b.py"}).error, Catch::Contains("second"));
  CHECK_THAT(parse_args({"fly"}).error, Catch::Contains("unknown command 'fly'"));
  CHECK_THAT(parse_args({"list", "--xml"}).error, Catch::Contains("--json"));
  CHECK_FALSE(parse_args({"run", "x.py", "--time-scale", "0"}).args);
}

TEST_CASE("check takes a lesson and how many runs") {
  auto r = parse_args({"check", "semaphore", "--seeds", "5", "--free", "--sweep=3", "--time-scale", "0.1"});
  REQUIRE(r.args);
  CHECK(r.args->command == Command::Check);
  CHECK(r.args->target == "semaphore");
  CHECK(r.args->check_seeds == 5);
  CHECK(r.args->check_free);
  CHECK(r.args->check_sweep == 3);
  CHECK_THAT(parse_args({"check"}).error, Catch::Contains("needs a lesson id"));
  CHECK_THAT(parse_args({"check", "x", "--seeds", "0"}).error, Catch::Contains("1 to 10000"));
  CHECK_THAT(parse_args({"run", "x.py", "--switch-points", "some"}).error, Catch::Contains("any or cpython"));
  CHECK_THAT(parse_args({"run", "x.py", "--gil", "maybe"}).error, Catch::Contains("on or off"));
  CHECK_THAT(parse_args({"run", "x.py", "--instruction-ns", "-1"}).error, Catch::Contains("0 to 1000000"));
  auto g = parse_args({"run", "x.py", "--gil=off", "--instruction-ns", "1000"});
  REQUIRE(g.args);
  CHECK(g.args->gil == false);
  CHECK(g.args->instruction_ns == Approx(1000));
}

TEST_CASE("run takes the memory and time limits, within their ranges") {
  auto r = parse_args({"run", "x.py", "--memory-mb", "64", "--time-limit=2.5"});
  REQUIRE(r.args);
  CHECK(r.args->memory_mb == 64);
  CHECK(r.args->time_limit_s == Approx(2.5));
  CHECK_THAT(parse_args({"run", "x.py", "--memory-mb", "2048"}).error, Catch::Contains("from 16 to 1024, got '2048'"));
  CHECK_THAT(parse_args({"run", "x.py", "--memory-mb", "lots"}).error, Catch::Contains("from 16 to 1024"));
  CHECK_THAT(parse_args({"run", "x.py", "--time-limit", "0"}).error, Catch::Contains("seconds from 1 to 3600, got '0'"));
  CHECK_THAT(parse_args({"run", "x.py", "--time-limit"}).error, Catch::Contains("--time-limit"));
}

TEST_CASE("run takes the network's latency in microseconds, within its range") {
  auto r = parse_args({"run", "x.py", "--net-latency-us", "120"});
  REQUIRE(r.args);
  CHECK(r.args->net_latency_us == Approx(120));
  CHECK_FALSE(parse_args({"run", "x.py"}).args->net_latency_us);  // the runtime's default then
  CHECK_THAT(parse_args({"run", "x.py", "--net-latency-us", "-1"}).error, Catch::Contains("from 0 to 1000000, got '-1'"));
  CHECK_THAT(parse_args({"run", "x.py", "--net-latency-us"}).error, Catch::Contains("--net-latency-us"));
}

TEST_CASE("a lesson's listing is picked with --lang zh|en, for run and check") {
  auto run = parse_args({"run", "barrier", "--lang", "en"});
  REQUIRE(run.args);
  CHECK(run.args->lang == std::optional<std::string>("en"));
  auto check = parse_args({"check", "barrier", "--lang=zh", "--seeds", "2"});
  REQUIRE(check.args);
  CHECK(check.args->lang == std::optional<std::string>("zh"));
  auto both = parse_args({"check", "barrier"});
  REQUIRE(both.args);
  CHECK_FALSE(both.args->lang);  // check: both listings
  auto bad = parse_args({"run", "barrier", "--lang", "fr"});
  CHECK_FALSE(bad.args);
  CHECK_THAT(bad.error, Catch::Contains("--lang must be zh or en, got 'fr'"));
  CHECK_THAT(parse_args({"check", "barrier", "--lang"}).error, Catch::Contains("--lang needs a value"));
}

TEST_CASE("explore takes a target, a strategy, a bound and a budget or a time") {
  auto r = parse_args({"explore", "race-condition", "--strategy", "exhaustive", "--max-preemptions=1", "--budget",
                       "500", "--set", "iterations=3", "--json"});
  REQUIRE(r.args);
  const auto& a = *r.args;
  CHECK(a.command == Command::Explore);
  CHECK(a.target == "race-condition");
  CHECK(a.explore_strategy == "exhaustive");
  CHECK(a.max_preemptions == 1);
  CHECK(a.budget == 500ULL);
  CHECK_FALSE(a.time_s);
  CHECK(a.sets.size() == 1);
  CHECK(a.json);
  auto t = parse_args({"explore", "x.py", "--time", "2.5"});
  REQUIRE(t.args);
  CHECK(t.args->time_s == Approx(2.5));
  CHECK(t.args->explore_strategy == "random");
  CHECK(t.args->max_preemptions == 2);
}

TEST_CASE("explore's bad arguments name the valid range") {
  CHECK_THAT(parse_args({"explore", "x.py", "--strategy", "dfs"}).error,
             Catch::Contains("--strategy must be random, pct or exhaustive, got 'dfs'"));
  CHECK_THAT(parse_args({"explore", "x.py", "--max-preemptions", "11"}).error, Catch::Contains("from 0 to 10"));
  CHECK_THAT(parse_args({"explore", "x.py", "--max-preemptions", "-1"}).error, Catch::Contains("from 0 to 10"));
  CHECK_THAT(parse_args({"explore", "x.py", "--budget", "0"}).error, Catch::Contains("from 1 to 100000000"));
  CHECK_THAT(parse_args({"explore", "x.py", "--time", "0.05"}).error, Catch::Contains("from 0.1 to 86400"));
  CHECK_THAT(parse_args({"explore", "x.py", "--budget", "5", "--time", "1"}).error, Catch::Contains("not both"));
  CHECK_THAT(parse_args({"explore", "x.py", "--mode", "free"}).error, Catch::Contains("det"));
  CHECK_THAT(parse_args({"explore", "x.py", "--replay", "s1AA"}).error, Catch::Contains("run --replay"));
  CHECK_THAT(parse_args({"explore", "x.py", "--budget"}).error, Catch::Contains("--budget needs a value"));
  CHECK_THAT(parse_args({"explore"}).error, Catch::Contains("needs a lesson id or a .py file"));
  CHECK_THAT(parse_args({"explore", "a.py", "b.py"}).error, Catch::Contains("second"));
}

TEST_CASE("params takes a lesson, --set and --lang, nothing else") {
  auto r = parse_args({"params", "race-condition", "--set", "threads=4", "--lang=en"});
  REQUIRE(r.args);
  CHECK(r.args->command == Command::Params);
  CHECK(r.args->target == "race-condition");
  REQUIRE(r.args->sets.size() == 1);
  CHECK(r.args->lang == std::optional<std::string>("en"));
  CHECK_THAT(parse_args({"params", "race-condition", "--mode", "free"}).error, Catch::Contains("valid: --set, --lang"));
  CHECK_THAT(parse_args({"params"}).error, Catch::Contains("needs a lesson id"));
  CHECK_THAT(parse_args({"params", "a", "b"}).error, Catch::Contains("second"));
}

TEST_CASE("judge takes a lesson, --set and --lang, as params does") {
  auto r = parse_args({"judge", "race-condition", "--lang", "zh"});
  REQUIRE(r.args);
  CHECK(r.args->command == Command::Judge);
  CHECK(r.args->target == "race-condition");
  CHECK_THAT(parse_args({"judge", "race-condition", "--seed", "3"}).error, Catch::Contains("for judge (valid: --set, --lang)"));
  CHECK_THAT(parse_args({"judge"}).error, Catch::Contains("judge needs a lesson id"));
}
