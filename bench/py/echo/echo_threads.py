# 1,000 connections to an echo server with a thread per connection, over Interleave's
# in-memory network: each client sends one line and reads it back.
import socket
import threading
import time

CONNECTIONS = 1000


def handle(conn):
    with conn:
        data = conn.recv(1024)
        conn.sendall(data)


def serve(server, n):
    for _ in range(n):
        conn, _ = server.accept()
        threading.Thread(target=handle, args=(conn,)).start()


def client(port, i, results):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(b"hello %d\n" % i)
        results[i] = s.recv(1024)


if __name__ == "__main__":
    start = time.monotonic()
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    results = [None] * CONNECTIONS
    batch = 100  # the run's thread cap: clients and handlers in waves
    acceptor = threading.Thread(target=serve, args=(server, CONNECTIONS))
    acceptor.start()
    for first in range(0, CONNECTIONS, batch):
        clients = [threading.Thread(target=client, args=(port, i, results)) for i in range(first, first + batch)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
    acceptor.join()
    server.close()
    ok = sum(1 for i, r in enumerate(results) if r == b"hello %d\n" % i)
    print(f"threads: {ok} of {CONNECTIONS} echoed, {time.monotonic() - start:.3f} s")
