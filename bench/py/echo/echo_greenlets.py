# 1,000 connections to an echo server with a greenlet per connection (gevent, patched), over
# Interleave's in-memory network.
from gevent import monkey
monkey.patch_all()
import gevent
import socket
import time

CONNECTIONS = 1000


def handle(conn):
    with conn:
        conn.sendall(conn.recv(1024))


def serve(server, n):
    for _ in range(n):
        conn, _ = server.accept()
        gevent.spawn(handle, conn)


def client(port, i):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(b"hello %d\n" % i)
        return s.recv(1024)


if __name__ == "__main__":
    start = time.monotonic()
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    acceptor = gevent.spawn(serve, server, CONNECTIONS)
    clients = [gevent.spawn(client, port, i) for i in range(CONNECTIONS)]
    gevent.joinall(clients + [acceptor])
    server.close()
    ok = sum(1 for i, g in enumerate(clients) if g.value == b"hello %d\n" % i)
    print(f"greenlets: {ok} of {CONNECTIONS} echoed, {time.monotonic() - start:.3f} s")
