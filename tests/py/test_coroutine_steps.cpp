// Det step mode within a thread: choosing which ready coroutine an asyncio event loop or
// the gevent hub runs next (Program::ready_coroutines / choose_coroutine / step_coroutine),
// replaying that choice from the schedule token, and runs that nobody steers staying as
// they were (their output is CPython 3.11's).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/strategy.h"
#include "py/runtime/program.h"
#include "asyncio_workers.h"

using namespace interleave;
using py::Program;
using py::ProgramConfig;
using py::ProgramStatus;

namespace {

const std::string kAsyncioText = std::string(testing::kThreeAsyncioWorkers) + "print(\"done\")\n";
const char* kAsyncio = kAsyncioText.c_str();

const char* kGevent = R"PY(import gevent

def worker(name):
    for i in range(2):
        print(name, i)
        gevent.sleep(0)

gevent.joinall([gevent.spawn(worker, n) for n in "abc"])
print("done")
)PY";

const char* kInOrder = "a 0\nb 0\nc 0\na 1\nb 1\nc 1\ndone\n";

ProgramConfig det_config() {
  ProgramConfig c;
  c.run.mode = core::Mode::Det;
  c.run.seed = 1;
  return c;
}

core::ThreadId main_tid(const Program& p) {
  for (const py::ThreadSummary& t : p.threads())
    if (t.name == "MainThread") return t.tid;
  return 0;
}

std::vector<std::string> names(const std::vector<py::ReadyCoroutine>& ready) {
  std::vector<std::string> out;
  for (const auto& r : ready) out.push_back(r.name);
  return out;
}

// Steps `p` one scheduler step at a time until its main thread has `n` coroutines ready.
std::vector<py::ReadyCoroutine> step_until_ready(Program& p, size_t n) {
  for (int i = 0; i < 100000 && p.status() == ProgramStatus::Running; ++i) {
    std::vector<py::ReadyCoroutine> ready = p.ready_coroutines(main_tid(p));
    if (ready.size() >= n) return ready;
    p.step();
  }
  return {};
}

uint32_t index_of(const std::vector<py::ReadyCoroutine>& ready, const std::string& name) {
  for (const auto& r : ready)
    if (r.name == name) return r.index;
  FAIL("no ready coroutine " << name);
  return 0;
}

std::string replayed_stdout(const std::string& source, const std::string& token) {
  ProgramConfig c = det_config();
  c.run.strategy = core::StrategyKind::Replay;
  c.run.replay = token;
  Program p(source, c);
  p.run_to_end();
  return p.stdout_text();
}

}  // namespace

TEST_CASE("coroutine steps: an unsteered run is unchanged and its token has no coroutine part", "[py][coroutine-steps]") {
  for (const char* src : {kAsyncio, kGevent}) {
    Program p(src, det_config());
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.stdout_text() == kInOrder);
    CHECK(p.schedule_token().find('.') == std::string::npos);
    CHECK(p.ready_coroutines(main_tid(p)).empty());  // the run is over: nothing to choose
  }
}

TEST_CASE("coroutine steps: the asyncio loop's ready tasks, in the order it runs them", "[py][coroutine-steps]") {
  Program p(kAsyncio, det_config());
  p.advance(0);
  const auto ready = step_until_ready(p, 3);
  REQUIRE(names(ready) == std::vector<std::string>{"Task-2", "Task-3", "Task-4"});
  CHECK(ready[0].id != 0);  // tasks are traced from their creation
  CHECK(p.running_coroutine(main_tid(p)) != 0);  // Task-1 (main) made them and runs on
  p.run_to_end();
  CHECK(p.stdout_text() == kInOrder);  // looking changed nothing
}

TEST_CASE("coroutine steps: choosing a ready task makes the loop run it next, and a replay repeats it",
          "[py][coroutine-steps]") {
  Program p(kAsyncio, det_config());
  p.advance(0);
  auto ready = step_until_ready(p, 3);
  REQUIRE(ready.size() == 3);
  const core::ThreadId tid = main_tid(p);
  CHECK_FALSE(p.choose_coroutine(tid, 99));  // no such entry: nothing changes
  REQUIRE(p.choose_coroutine(tid, index_of(ready, "Task-4")));
  CHECK(names(p.ready_coroutines(tid)) == std::vector<std::string>{"Task-4", "Task-2", "Task-3"});
  // A coroutine step ends the running one's turn: Task-1 goes on until it awaits the gather.
  const core::ObjectId task1 = p.running_coroutine(tid);
  REQUIRE(task1 != 0);
  p.step_coroutine(tid);
  CHECK(p.stdout_text() == "");
  CHECK(p.running_coroutine(tid) == 0);
  // The next one runs the loop's pick, worker c, up to its await, and only it.
  p.step_coroutine(tid);
  CHECK(p.stdout_text() == "c 0\n");
  CHECK(p.running_coroutine(tid) == 0);
  // Then Task-3 (b) before Task-2 (a).
  ready = p.ready_coroutines(tid);
  REQUIRE(p.choose_coroutine(tid, index_of(ready, "Task-3")));
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  const std::string want = "c 0\nb 0\na 0\nc 1\nb 1\na 1\ndone\n";
  CHECK(p.stdout_text() == want);
  const std::string token = p.schedule_token();
  REQUIRE(core::decode_coroutine_choices(token)->size() == 2);
  CHECK(replayed_stdout(kAsyncio, token) == want);
  // The replay records the same choices: its token is the same.
  ProgramConfig c = det_config();
  c.run.strategy = core::StrategyKind::Replay;
  c.run.replay = token;
  Program again(kAsyncio, c);
  again.run_to_end();
  CHECK(again.schedule_token() == token);
}

TEST_CASE("coroutine steps: choosing a ready greenlet makes the gevent hub switch to it next",
          "[py][coroutine-steps]") {
  Program p(kGevent, det_config());
  p.advance(0);
  auto ready = step_until_ready(p, 3);
  REQUIRE(names(ready) == std::vector<std::string>{"Greenlet-0", "Greenlet-1", "Greenlet-2"});
  CHECK(ready[0].id == 0);  // never ran yet: not in the trace
  const core::ThreadId tid = main_tid(p);
  REQUIRE(p.choose_coroutine(tid, index_of(ready, "Greenlet-2")));
  p.step_coroutine(tid);
  CHECK(p.stdout_text() == "c 0\n");
  // Mid-round: the hub's remaining greenlets come first, then the next round's.
  ready = p.ready_coroutines(tid);
  CHECK(names(ready) == std::vector<std::string>{"Greenlet-0", "Greenlet-1", "Greenlet-2"});
  REQUIRE(p.choose_coroutine(tid, index_of(ready, "Greenlet-2")));  // c again, before a and b
  p.step_coroutine(tid);
  CHECK(p.stdout_text() == "c 0\nc 1\n");
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  const std::string want = "c 0\nc 1\na 0\nb 0\na 1\nb 1\ndone\n";
  CHECK(p.stdout_text() == want);
  CHECK(replayed_stdout(kGevent, p.schedule_token()) == want);
}

TEST_CASE("coroutine steps: a thread without a loop has nothing ready; free mode cannot steer",
          "[py][coroutine-steps]") {
  Program p("x = 1\nfor i in range(100):\n    x += i\n", det_config());
  p.advance(0);
  p.step();
  CHECK(p.ready_coroutines(main_tid(p)).empty());
  CHECK_FALSE(p.choose_coroutine(main_tid(p), 0));
  CHECK(p.running_coroutine(main_tid(p)) == 0);
  ProgramConfig free = det_config();
  free.run.mode = core::Mode::Free;
  Program f(kAsyncio, free);
  f.run_to_end();
  CHECK(f.ready_coroutines(main_tid(f)).empty());
  CHECK_FALSE(f.choose_coroutine(main_tid(f), 0));
}
