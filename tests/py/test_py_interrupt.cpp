// Long native operations (big-int multiply, divide, modular pow, sorting, seq * n, string
// and bytes building, formatting with huge widths, compiling) poll VM::interrupt_requested()
// through a WorkMeter and give up soon after vm.aborting is set: run() then returns Error
// with SystemExit "the run was stopped", which the program cannot catch. Correctness
// bounds, not benchmarks: each of these operations would run for seconds.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "py/compiler.h"
#include "py/parser.h"
#include "py/runtime/program.h"
#include "py/vm.h"

using namespace interleave::py;

namespace {

// Runs `body` inside try/except BaseException, sets vm.aborting after 100 ms from another
// thread and returns how long run() took.
double run_and_abort(const std::string& body, RunStatus* status, std::string* exc, std::string* out) {
  VM vm(VmConfig{.sink = [out](const std::string& s, Stream, const Thread*) { *out += s; }});
  std::string src = "try:\n    " + body + "\nexcept BaseException:\n    print('caught')\n";
  Thread* t = vm.load_main(src, "t.py");
  REQUIRE(t);
  auto start = std::chrono::steady_clock::now();
  std::thread stopper([&vm] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    vm.aborting.store(true);
  });
  *status = vm.run(*t, 0);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stopper.join();
  Thread tmp;
  *exc = t->exc.empty() ? "" : vm.exception_str(tmp, t->exc);
  return secs;
}

}  // namespace

TEST_CASE("long native operations stop soon after the run is aborted") {
  const char* bodies[] = {
      "x = 3 ** 50_000_000",                                     // Karatsuba squarings
      "x = (1 << 40_000_000) // ((1 << 20_000_000) - 1)",        // Knuth division
      "x = pow(3, 10 ** 9, (1 << 300_000) + 1)",                 // modular pow
      "x = (7 ** 1_000_001) * (3 ** 1_500_001) * 11 ** 1_200_001",
      "x = sorted(list(range(4_000_000, 0, -1)) * 4, key=str)",  // key calls, then the sort
      "x = sorted([str(i) for i in range(300_000)] * 40)",
  };
  for (const char* body : bodies) {
    RunStatus st;
    std::string exc, out;
    double secs = run_and_abort(body, &st, &exc, &out);
    INFO(body << " took " << secs << " s");
    CHECK(st == RunStatus::Error);
    CHECK(exc == "the run was stopped");
    CHECK(out.empty());  // not caught
    CHECK(secs < 2.0 * INTERLEAVE_TIME_FACTOR);
  }
}

TEST_CASE("str methods whose result would pass the memory limit fail before building it") {
  std::string out;
  VM vm(VmConfig{.limits = {.max_memory_bytes = 32u << 20},
                 .sink = [&](const std::string& s, Stream, const Thread*) { out += s; }});
  Thread* t = vm.load_main(
      "for make in (lambda: 'a'.ljust(10 ** 10), lambda: 'a'.center(10 ** 9, 'é'), lambda: 'a'.zfill(10 ** 9),\n"
      "             lambda: '\\t'.expandtabs(10 ** 9), lambda: ('ab' * 100).replace('a', 'x' * 10 ** 6),\n"
      "             lambda: ('a ' * 10 ** 6).split(), lambda: ('a,' * 10 ** 6).split(','),\n"
      "             lambda: ('a,' * 10 ** 6).rsplit(','), lambda: 'xy'.join(['abc'] * 10 ** 7)):\n"
      "    try:\n        make()\n        print('built')\n    except MemoryError:\n        print('MemoryError')\n"
      "print(len('a'.ljust(10 ** 6, 'é')), len('-1'.zfill(10 ** 6)), len('\\t\\ta'.expandtabs(10 ** 5)),\n"
      "      len(('ab' * 10).replace('a', 'x' * 10 ** 4)), len(('a b ' * 10 ** 4).split()), '-5'.zfill(4), 'x'.center(4, '*'))\n",
      "t.py");
  REQUIRE(t);
  CHECK(vm.run_to_end(*t) == 0);
  std::string expected;
  for (int i = 0; i < 9; i++) expected += "MemoryError\n";
  CHECK(out == expected + "1000000 1000000 200001 100010 20000 -005 *x**\n");  // the last line: CPython 3.11's
}

namespace {

// Runs `prep`, then a native stop() that sets vm.aborting (as Program::interrupt() does from
// another thread), then `op`, then a print. The dispatch loop only looks at the flag between
// instruction chunks, so `op` starts with the stop already requested: a polled operation gives
// up at its meter's first poll and the print never runs; an unpolled one would run to its end
// and print. *work: the units the operation's meters counted after the stop.
RunStatus run_stopped_before(const std::string& prep, const std::string& op, std::string* exc, std::string* out,
                             uint64_t* work) {
  VM vm(VmConfig{.sink = [out](const std::string& s, Stream, const Thread*) { *out += s; }});
  static uint64_t before;
  vm.builtins->set(vm.intern("stop"), Value::object(vm.native("stop", [](VM& v, Thread&, CallArgs&, Value* o) {
    before = v.metered_work.load();
    v.aborting.store(true);
    *o = Value::none();
    return NativeStatus::Ok;
  })));
  Thread* t = vm.load_main(prep + "\nstop()\ntry:\n    x = " + op + "\nexcept BaseException:\n    pass\nprint('done')\n", "t.py");
  REQUIRE(t);
  RunStatus st = vm.run(*t, 0);
  Thread tmp;
  *exc = t->exc.empty() ? "" : vm.exception_str(tmp, t->exc);
  *work = vm.metered_work.load() - before;
  return st;
}

}  // namespace

TEST_CASE("string, bytes and formatting operations give up at their first poll once the run is stopped") {
  // Each result is tens or hundreds of megabytes (seconds of work in a debug build); a
  // stopped operation counts one poll interval (64K units) plus at most a chunk.
  const char* cases[][2] = {
      {"s = 'a'", "s.ljust(300_000_000)"},
      {"s = 'a'", "s.center(100_000_000, 'é')"},
      {"s = '-1'", "s.zfill(300_000_000)"},
      {"l = ['abc'] * 10_000_000", "''.join(l)"},
      {"s = 'ab' * 50_000_000", "s.replace('a', 'xy')"},
      {"s = 'ab' * 1_000_000", "s.replace('', '-')"},
      {"s = 'a ' * 3_000_000", "s.split()"},
      {"s = 'é ' * 3_000_000", "s.split()"},
      {"s = 'a,' * 3_000_000", "s.split(',')"},
      {"s = 'a ' * 3_000_000", "s.rsplit()"},
      {"s = 'a,' * 3_000_000", "s.rsplit(',')"},
      {"s = 'a\\n' * 3_000_000", "s.splitlines()"},
      {"s = '\\t' * 1_000_000", "s.expandtabs(100)"},
      {"s = 'a' * 100_000_000", "s.upper()"},
      {"s = 'É' * 20_000_000", "s.lower()"},
      {"s = 'ß' * 20_000_000", "s.casefold()"},
      {"s = 'ab ' * 10_000_000", "s.title()"},
      {"s = 'aB' * 10_000_000", "s.swapcase()"},
      {"s = 'ab' * 10_000_000", "s.capitalize()"},
      {"pass", "'%100000000s' % 'a'"},
      {"pass", "'%-100000000d' % 5"},
      {"w = 10 ** 8", "f'{0:>{w}}'"},
      {"w = 10 ** 8", "f'{0:0{w},}'"},
      {"w = 10 ** 8", "f'{2 ** 70:0{w}_}'"},
      {"w = 10 ** 8", "format('x', f'^{w}')"},
      {"w = 10 ** 8", "'{0:>{1}}'.format(1.5, w)"},
      {"b = b'ab'", "b * 100_000_000"},
      {"b = b'a' * 50_000_000", "b.hex()"},
      {"b = b'a ' * 3_000_000", "b.split()"},
      {"b = b'a,' * 3_000_000", "b.rsplit(b',')"},
      {"b = b'a\\n' * 3_000_000", "b.splitlines()"},
      {"l = [b'abc'] * 10_000_000", "b''.join(l)"},
      {"b = b'ab' * 50_000_000", "b.replace(b'a', b'xy')"},
      {"b = bytearray(b'a' * 100_000_000)", "b.upper()"},
      {"pass", "b'%100000000s' % b'a'"},
  };
  for (auto& c : cases) {
    std::string exc, out;
    uint64_t work = 0;
    RunStatus st = run_stopped_before(c[0], c[1], &exc, &out, &work);
    INFO(c[1] << ": " << work << " units after the stop");
    CHECK(st == RunStatus::Error);
    CHECK(exc == "the run was stopped");
    CHECK(out.empty());            // neither caught nor run to its end
    CHECK(work >= WorkMeter::kInterval);  // the operation's meter polled ...
    CHECK(work < (4u << 20));      // ... and gave up at once (each whole is >= 20 MB)
  }
}

TEST_CASE("a string operation stops soon after another thread aborts the run") {
  for (const char* body : {"x = ('ab' * 100_000_000).replace('a', 'xyz')", "x = ('é' * 40_000_000).upper()"}) {
    RunStatus st;
    std::string exc, out;
    double secs = run_and_abort(body, &st, &exc, &out);
    INFO(body << " took " << secs << " s");
    CHECK(st == RunStatus::Error);
    CHECK(exc == "the run was stopped");
    CHECK(out.empty());
    CHECK(secs < 2.0 * INTERLEAVE_TIME_FACTOR);
  }
}

namespace {

// About 2 MB of valid Python.
std::string big_program() {
  std::string src;
  for (int i = 0; src.size() < (2u << 20); i++)
    src += "def f" + std::to_string(i) + "(a, b):\n    x = a * " + std::to_string(i) + " + b\n    return [x, x + 1, 'abc']\n";
  return src;
}

// The same ending in an unclosed bracket: compiled to its end, it is a SyntaxError; a
// compile that stops early never sees the bracket.
std::string big_program_with_late_error() { return big_program() + "y = (\n"; }

}  // namespace

TEST_CASE("load_main gives up compiling a large program once the run is being stopped") {
  std::string out;
  VM vm(VmConfig{.sink = [&](const std::string& s, Stream, const Thread*) { out += s; }});
  const std::string src = big_program_with_late_error();
  vm.aborting = true;
  CHECK(vm.load_main(src, "big.py") == nullptr);
  CHECK(vm.compile_stopped);
  CHECK(out.empty());  // no SyntaxError: the end of the source was never read
  CHECK(vm.metered_work.load() < src.size() / 8);

  VM whole(VmConfig{.sink = [&](const std::string& s, Stream, const Thread*) { out += s; }});  // the same source compiled to its end
  CHECK(whole.load_main(src, "big.py") == nullptr);
  CHECK_FALSE(whole.compile_stopped);
  CHECK_THAT(out, Catch::Contains("SyntaxError: '(' was never closed"));
  CHECK(whole.metered_work.load() > src.size() / 2);
}

TEST_CASE("the compiler proper gives up on a parsed program once the run is being stopped") {
  ParseResult pr = parse(big_program());
  REQUIRE(pr.ast);
  VM vm;
  vm.aborting = true;
  WorkMeter wm(&vm);
  CompileResult cr = compile_module(*pr.ast, vm.heap, "big.py", &wm);
  CHECK(cr.stopped);
  CHECK(cr.code == nullptr);
  CHECK(cr.error.empty());
  CHECK(vm.metered_work.load() < (1u << 20));  // one poll: the first 64K units of ~2 MB

  VM fine;  // without a stop request the same AST compiles
  WorkMeter wm2(&fine);
  CompileResult ok = compile_module(*pr.ast, fine.heap, "big.py", &wm2);
  CHECK_FALSE(ok.stopped);
  CHECK(ok.code != nullptr);
}

TEST_CASE("a stop request or the time limit during the compile ends the run as stopped or past its limit") {
  const std::string src = big_program_with_late_error();
  for (auto mode : {interleave::core::Mode::Det, interleave::core::Mode::Free}) {
    {  // interrupt() before the first advance: the compile stops at its first poll
      ProgramConfig cfg;
      cfg.run.mode = mode;
      Program p(src, cfg);
      p.interrupt();
      CHECK(p.run_to_end() == ProgramStatus::Cancelled);
      CHECK(p.exit_code() == 130);
      CHECK(p.end_reason() == EndReason::Stopped);
      CHECK(p.stderr_text().find("SyntaxError") == std::string::npos);
    }
    {  // from another thread while the driver compiles
      ProgramConfig cfg;
      cfg.run.mode = mode;
      Program p(src, cfg);
      std::thread stopper([&p] { p.interrupt(); });
      ProgramStatus st = p.run_to_end();
      stopper.join();
      CHECK(st == ProgramStatus::Cancelled);
      CHECK(p.end_reason() == EndReason::Stopped);
    }
    {  // a time limit far shorter than the compile (milliseconds of work at the least)
      ProgramConfig cfg;
      cfg.run.mode = mode;
      cfg.time_limit_s = 1e-4;
      Program p(src, cfg);
      p.run_to_end();
      CHECK(p.exit_code() == 124);
      CHECK(p.end_reason() == EndReason::TimeLimit);
      CHECK_THAT(p.stderr_text(), Catch::Contains("the run passed its time limit"));
    }
  }
  ProgramConfig cfg;  // not stopped: the SyntaxError at the end is reported as before
  Program p(src, cfg);
  p.run_to_end();
  CHECK(p.exit_code() == 1);
  CHECK(p.end_reason() == EndReason::SyntaxError);
  CHECK_THAT(p.stderr_text(), Catch::Contains("SyntaxError: '(' was never closed"));
}
