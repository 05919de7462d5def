// Coroutines in the trace and in the run's summary (the CLI's --json "coroutines" per
// thread): greenlet switches, gevent's hub and greenlets, asyncio task steps. Program
// outputs are CPython 3.11's (greenlet 2.0.2 / gevent 22.10.2 from Debian for those).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/trace.h"
#include "py/runtime/program.h"

using namespace interleave;
using py::Program;
using py::ProgramConfig;
using py::ProgramStatus;

namespace {

ProgramConfig det_config() {
  ProgramConfig c;
  c.run.mode = core::Mode::Det;
  c.run.seed = 1;
  return c;
}

ProgramConfig free_config() {
  ProgramConfig c;
  c.run.mode = core::Mode::Free;
  c.run.time_scale = 0.01;
  return c;
}

// "name:state" of every coroutine of the main thread, in order of first switch.
std::vector<std::string> main_coroutines(const Program& p) {
  std::vector<std::string> out;
  for (const py::ThreadSummary& t : p.threads())
    if (t.name == "MainThread")
      for (const auto& c : t.coroutines) out.push_back(c.name + ":" + c.state);
  return out;
}

// "name state" of every CoroutineSwitch in the trace, in order.
std::vector<std::string> switch_events(const Program& p) {
  std::vector<std::string> out;
  const core::Trace& tr = const_cast<Program&>(p).run().trace();
  for (const core::TraceEvent& e : tr.collect())
    if (e.kind == core::EventKind::CoroutineSwitch)
      out.push_back(tr.object_name(e.object) + " " + core::coroutine_state_name(e.value));
  return out;
}

const char* kGreenlets = R"PY(from greenlet import greenlet

def ping():
    print("ping 1")
    g2.switch()
    print("ping 2")

def pong():
    print("pong 1")
    g1.switch()
    print("pong 2 (never)")

g1 = greenlet(ping)
g2 = greenlet(pong)
g1.switch()
print("main again")
)PY";

const char* kGevent = R"PY(import gevent

def worker(n):
    for i in range(n):
        print("worker", n, "step", i)
        gevent.sleep(0.1)
    return n

jobs = [gevent.spawn(worker, n) for n in (1, 2, 3)]
gevent.joinall(jobs)
print([j.value for j in jobs])
)PY";

const char* kAsyncio = R"PY(import asyncio

async def worker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0.1)
    return name

async def main():
    tasks = [asyncio.create_task(worker("w%d" % k, k + 1), name="worker-%d" % k) for k in range(3)]
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    print(await asyncio.gather(*tasks))

asyncio.run(main())
)PY";

// A loop run by hand and left with one task waiting on a future and one never started.
const char* kLeftover = R"PY(import asyncio

async def forever():
    await asyncio.sleep(100)

async def noop():
    pass

loop = asyncio.new_event_loop()
t1 = loop.create_task(forever(), name="sleeper")
loop.run_until_complete(asyncio.sleep(0.1))
t2 = loop.create_task(noop(), name="unstarted")
print(t1.done(), t2.done())
)PY";

}  // namespace

TEST_CASE("coroutines: greenlet switches are traced on the thread's lane and summarised", "[runtime][coroutines]") {
  Program p(kGreenlets, det_config());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() == "ping 1\npong 1\nping 2\nmain again\n");
  // The main greenlet is the thread's own code: never listed.
  CHECK(switch_events(p) == std::vector<std::string>{"greenlet-1 running", "greenlet-1 waiting", "greenlet-2 running",
                                                     "greenlet-2 waiting", "greenlet-1 running", "greenlet-1 done"});
  CHECK(main_coroutines(p) == std::vector<std::string>{"greenlet-1:done", "greenlet-2:waiting"});
}

TEST_CASE("coroutines: gevent's hub and greenlets, named as gevent names them", "[runtime][coroutines]") {
  for (const ProgramConfig& cfg : {det_config(), free_config()}) {
    Program p(kGevent, cfg);
    REQUIRE(p.run_to_end() == ProgramStatus::Finished);
    CHECK(p.stdout_text() ==
          "worker 1 step 0\nworker 2 step 0\nworker 3 step 0\nworker 2 step 1\nworker 3 step 1\nworker 3 step 2\n[1, 2, 3]\n");
    std::vector<std::string> cos = main_coroutines(p);
    REQUIRE(cos.size() == 4);
    CHECK(cos[0].rfind("Hub-", 0) == 0);  // the hub runs first (joinall switches to it) and waits at the end
    CHECK(cos[0].substr(cos[0].find(':')) == ":waiting");
    CHECK(std::vector<std::string>(cos.begin() + 1, cos.end()) ==
          std::vector<std::string>{"Greenlet-0:done", "Greenlet-1:done", "Greenlet-2:done"});
  }
}

TEST_CASE("coroutines: asyncio tasks by name, each step traced", "[runtime][coroutines]") {
  Program p(kAsyncio, det_config());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() ==
        "['Task-1', 'worker-0', 'worker-1', 'worker-2']\nw0 0\nw1 0\nw2 0\nw1 1\nw2 1\nw2 2\n['w0', 'w1', 'w2']\n");
  std::vector<std::string> cos = main_coroutines(p);
  REQUIRE(cos.size() >= 4);
  CHECK(std::vector<std::string>(cos.begin(), cos.begin() + 4) ==
        std::vector<std::string>{"Task-1:done", "worker-0:done", "worker-1:done", "worker-2:done"});
  for (const std::string& c : cos) CHECK(c.substr(c.find(':')) == ":done");  // asyncio.run finishes them all
  // worker-2 sleeps 3 times: created ready, then 4 steps (3 ending in a wait, the last done).
  std::vector<std::string> w2;
  for (const std::string& e : switch_events(p))
    if (e.rfind("worker-2 ", 0) == 0) w2.push_back(e.substr(9));
  CHECK(w2 == std::vector<std::string>{"ready", "running", "waiting", "running", "waiting", "running", "waiting",
                                       "running", "done"});
}

TEST_CASE("coroutines: a task left waiting and one never started", "[runtime][coroutines]") {
  Program p(kLeftover, det_config());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() == "False False\n");
  std::vector<std::string> cos = main_coroutines(p);
  REQUIRE(cos.size() == 3);
  CHECK(cos[0] == "sleeper:waiting");
  CHECK(cos[1].substr(cos[1].find(':')) == ":done");  // run_until_complete's own task
  CHECK(cos[2] == "unstarted:ready");
}

TEST_CASE("coroutines: threads without coroutines list none", "[runtime][coroutines]") {
  Program p("import threading\nt = threading.Thread(target=print, args=('hi',))\nt.start()\nt.join()\n", det_config());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  REQUIRE(p.threads().size() == 2);
  for (const py::ThreadSummary& t : p.threads()) CHECK(t.coroutines.empty());
  CHECK(switch_events(p).empty());
}

TEST_CASE("objects: a socket's channels are labelled by address for the Objects window", "[runtime][sockets]") {
  const char* src = R"PY(import socket
import threading

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 5000))
srv.listen()

def serve():
    conn, peer = srv.accept()
    conn.sendall(conn.recv(1024).upper())
    conn.close()

t = threading.Thread(target=serve)
t.start()
c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
c.connect(("127.0.0.1", 5000))
c.sendall(b"hello")
print(c.recv(1024), c.getsockname()[1] > 0)
c.close()
t.join()
)PY";
  Program p(src, det_config());
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  CHECK(p.stdout_text() == "b'HELLO' True\n");
  const core::Trace& tr = p.run().trace();
  std::vector<std::string> names;
  for (const core::TraceEvent& e : tr.collect())
    if (e.kind == core::EventKind::ChannelSend) names.push_back(tr.object_name(e.object));
  // The connect request to the listener, the request, the reply.
  REQUIRE(names.size() == 3);
  CHECK(names[0] == "listening 127.0.0.1:5000");
  REQUIRE(names[1].rfind("socket 127.0.0.1:", 0) == 0);
  const std::string client = names[1].substr(7, names[1].find(' ', 7) - 7);  // "127.0.0.1:<ephemeral>"
  CHECK(names[1] == "socket " + client + " -> 127.0.0.1:5000");
  CHECK(names[2] == "socket 127.0.0.1:5000 -> " + client);
  CHECK(client != "127.0.0.1:5000");
}
