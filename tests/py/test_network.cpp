// The in-memory network's latency (socket.py over network Channels): in det mode a send,
// a connect and a close reach the peer ProgramConfig::net_latency_s of virtual time later,
// for blocking recv/accept, select, selectors, gevent's hub and asyncio's streams alike; free
// mode adds none. The conformance corpus (tests/conformance/coro) checks what CPython prints.
#include <catch2/catch.hpp>

#include <string>

#include "py/runtime/program.h"

using namespace interleave;
using py::Program;
using py::ProgramConfig;
using py::ProgramStatus;

namespace {

// A det run with the network's latency `latency_s` (< 0: the default).
ProgramConfig det(double latency_s = -1, uint64_t seed = 1) {
  ProgramConfig c;
  c.run.mode = core::Mode::Det;
  c.run.seed = seed;
  if (latency_s >= 0) c.net_latency_s = latency_s;
  return c;
}

// Runs `src` to its end and gives its stdout (the test fails on a traceback).
std::string run(const std::string& src, const ProgramConfig& cfg) {
  Program p(src, cfg);
  REQUIRE(p.run_to_end() == ProgramStatus::Finished);
  INFO(p.stderr_text());
  CHECK(p.exit_code() == 0);
  return p.stdout_text();
}

// A send on one end of a socketpair, then the peer's blocking recv: how much of the clock
// passed, in whole microseconds (bytecodes cost a few ns each, so this is the latency).
const char* kOneWay = R"PY(import socket, time
a, b = socket.socketpair()
t0 = time.monotonic()
a.send(b"ping")
data = b.recv(10)
print(data, int((time.monotonic() - t0) * 1e6))
)PY";

}  // namespace

TEST_CASE("network: det - a recv returns once the bytes have travelled the latency", "[runtime][sockets]") {
  CHECK(run(kOneWay, det()) == "b'ping' 25\n");        // the default: 25 us
  CHECK(run(kOneWay, det(0.25)) == "b'ping' 250000\n");  // set per run (--net-latency-us)
  CHECK(run(kOneWay, det(0)) == "b'ping' 0\n");
}

TEST_CASE("network: det - select and a non-blocking recv see nothing before the bytes arrive", "[runtime][sockets]") {
  const char* src = R"PY(import select, selectors, socket, time
a, b = socket.socketpair()
a.send(b"x")
print("at once:", select.select([b], [], [], 0)[0] == [])
b.setblocking(False)
try:
    b.recv(1)
    print("recv: data")
except BlockingIOError:
    print("recv: would block")
sel = selectors.DefaultSelector()
sel.register(b, selectors.EVENT_READ)
print("selector at once:", sel.select(0))
t0 = time.monotonic()
r, _, _ = select.select([b], [], [], 5)
print("select:", r == [b], time.monotonic() - t0 >= 0.1)
print("selector:", len(sel.select(0)), b.recv(1))
a.close()
print("eof at once:", select.select([b], [], [], 0)[0] == [])
time.sleep(0.1)
print("eof later:", select.select([b], [], [], 0)[0] == [b], b.recv(1))
)PY";
  CHECK(run(src, det(0.1)) ==
        "at once: True\nrecv: would block\nselector at once: []\nselect: True True\n"
        "selector: 1 b'x'\neof at once: True\neof later: True b''\n");
}

TEST_CASE("network: det - a connect reaches the listener after the latency", "[runtime][sockets]") {
  const char* src = R"PY(import socket, time
srv = socket.create_server(("127.0.0.1", 0))
srv.setblocking(False)
c = socket.create_connection(srv.getsockname())
try:
    srv.accept()
    print("accepted at once")
except BlockingIOError:
    print("not yet")
srv.setblocking(True)
t0 = time.monotonic()
conn, _ = srv.accept()
print("accepted after", round(time.monotonic() - t0, 3))
)PY";
  CHECK(run(src, det(0.2)) == "not yet\naccepted after 0.2\n");
}

TEST_CASE("network: det - each direction keeps its order, data before the end of stream", "[runtime][sockets]") {
  const char* src = R"PY(import socket, threading, time
a, b = socket.socketpair()

def writer(sock, tag):
    for i in range(20):
        sock.send(tag + str(i).encode() + b",")
        if i % 3 == 0:
            time.sleep(0.00002)    # less than the latency: several sends in flight at once
    sock.shutdown(socket.SHUT_WR)

def read_all(sock):
    got = b""
    while True:
        chunk = sock.recv(7)
        if not chunk:
            return got
        got += chunk

ta = threading.Thread(target=writer, args=(a, b"a"))
tb = threading.Thread(target=writer, args=(b, b"b"))
ta.start(); tb.start()
from_a, from_b = read_all(b), read_all(a)
ta.join(); tb.join()
print(from_a == "".join("a%d," % i for i in range(20)).encode())
print(from_b == "".join("b%d," % i for i in range(20)).encode())
)PY";
  for (uint64_t seed : {1, 2, 3}) CHECK(run(src, det(-1, seed)) == "True\nTrue\n");
}

TEST_CASE("network: det - gevent and asyncio streams wait for the latency too", "[runtime][sockets]") {
  const char* gevent_src = R"PY(from gevent import monkey
monkey.patch_all()
import gevent, socket, time
a, b = socket.socketpair()
t0 = time.monotonic()
gevent.spawn(a.sendall, b"hi")
print(b.recv(10), time.monotonic() - t0 >= 0.3)
)PY";
  CHECK(run(gevent_src, det(0.3)) == "b'hi' True\n");
  const char* asyncio_src = R"PY(import asyncio, time

async def handle(reader, writer):
    line = await reader.readline()
    writer.write(line.upper())
    await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    t0 = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"echo\n")
    reply = await reader.readline()
    # the request and the reply: two one-way trips at least
    print(reply, time.monotonic() - t0 >= 0.6)
    server.close()

asyncio.run(main())
)PY";
  CHECK(run(asyncio_src, det(0.3)) == "b'ECHO\\n' True\n");
}

TEST_CASE("network: det - an echo exchange replays exactly from its seed", "[runtime][sockets]") {
  const char* src = R"PY(import socket, threading, time
srv = socket.create_server(("127.0.0.1", 0))
port = srv.getsockname()[1]
log = []

def serve():
    for _ in range(3):
        conn, _ = srv.accept()
        threading.Thread(target=echo, args=(conn,)).start()

def echo(conn):
    with conn:
        while True:
            data = conn.recv(64)
            if not data:
                return
            conn.sendall(data)

def client(i):
    with socket.create_connection(("127.0.0.1", port)) as c:
        for j in range(3):
            c.sendall(("%d.%d" % (i, j)).encode())
            log.append((c.recv(64), time.monotonic()))

threading.Thread(target=serve).start()
clients = [threading.Thread(target=client, args=(i,)) for i in range(3)]
for t in clients: t.start()
for t in clients: t.join()
print(log)
)PY";
  const std::string first = run(src, det(-1, 7));
  CHECK(first == run(src, det(-1, 7)));
  CHECK(first.find("b'2.2'") != std::string::npos);
}

TEST_CASE("network: free mode adds no modelled latency", "[runtime][sockets][free]") {
  // A latency of 5 s is configured but free mode ignores it: the peer sees the bytes at once.
  ProgramConfig c;
  c.run.mode = core::Mode::Free;
  c.net_latency_s = 5;
  const char* src = R"PY(import select, socket, time
a, b = socket.socketpair()
t0 = time.monotonic()
a.send(b"now")
print(select.select([b], [], [], 0)[0] == [b], b.recv(10), time.monotonic() - t0 < 2)
)PY";
  CHECK(run(src, c) == "True b'now' True\n");
}
