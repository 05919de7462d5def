# Checks how greenlets wait on patched sockets: a recv timeout, a gevent.Timeout and a kill
# around a waiting recv, accept waiting while other greenlets run, 300 connections that stay
# idle for a while before each gets one line back (an echo server, a greenlet each), and a
# second greenlet refused on a socket another one waits on.
from gevent import monkey
monkey.patch_all()
import gevent
import socket
import time

server = socket.create_server(("127.0.0.1", 0))
address = server.getsockname()

a, b = socket.socketpair()
b.settimeout(0.2)
t0 = time.monotonic()
try:
    b.recv(10)
except socket.timeout as e:
    print("recv timed out:", type(e).__name__, e, round(time.monotonic() - t0, 1))
b.settimeout(None)
gevent.spawn_later(0.1, a.sendall, b"in time")
print("after a wait:", b.recv(10))

try:
    with gevent.Timeout(0.1):
        b.recv(10)
except gevent.Timeout as e:
    print("gevent.Timeout:", e)
waiter = gevent.spawn(b.recv, 10)
gevent.sleep(0.05)
waiter.kill()
print("killed while waiting:", waiter.dead, type(waiter.value).__name__)
a.sendall(b"still works")
print(b.recv(20))

ticks = []


def ticker():
    for i in range(3):
        ticks.append(i)
        gevent.sleep(0.05)


def late_client():
    gevent.sleep(0.2)
    return socket.create_connection(address)


g = gevent.spawn(ticker)
c = gevent.spawn(late_client)
conn, _ = server.accept()          # waits while the ticker runs
print("accepted after ticks:", ticks)
conn.close()
c.get().close()
g.join()

N = 300


def handle(conn):
    with conn:
        while True:
            data = conn.recv(100)
            if not data:
                return
            conn.sendall(data.upper())


def acceptor():
    handlers = []
    for _ in range(N):
        conn, _ = server.accept()
        handlers.append(gevent.spawn(handle, conn))
    gevent.joinall(handlers)


def client(i):
    with socket.create_connection(address) as s:
        gevent.sleep(2)            # idle: every handler waits in recv meanwhile
        s.sendall(b"line %d" % i)
        return s.recv(100)


acc = gevent.spawn(acceptor)
users = [gevent.spawn(client, i) for i in range(N)]
gevent.joinall(users)
acc.join()
replies = [u.value for u in users]
print(len(replies), replies[:2], replies[-1], all(r == b"LINE %d" % i for i, r in enumerate(replies)))
first = gevent.spawn(b.recv, 10)
gevent.sleep(0.01)
try:
    b.recv(10)                     # a second greenlet on the same socket
except AssertionError as e:
    print(type(e).__name__, str(e).split(":")[0])
a.sendall(b"first's")
print(first.get())
for s in (a, b, server):
    s.close()
