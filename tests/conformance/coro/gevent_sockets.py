# Checks gevent's patched sockets: an echo server with one greenlet per connection serving many clients at once, and select cooperating with other greenlets.
from gevent import monkey
monkey.patch_all()
import gevent
import select
import socket

order = []


def handle(conn, name):
    with conn:
        data = conn.recv(100)
        order.append(f"{name} got {data.decode()}")
        gevent.sleep(0.05)
        conn.sendall(data * 2)


def serve(server, count):
    for i in range(count):
        conn, _ = server.accept()
        gevent.spawn(handle, conn, f"h{i}")


def client(port, word):
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(word)
        return c.recv(100)


def ticker(n):
    for i in range(n):
        order.append(f"tick {i}")
        gevent.sleep(0.02)


server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
acceptor = gevent.spawn(serve, server, 3)
clients = [gevent.spawn(client, port, w) for w in (b"a", b"b", b"c")]
gevent.joinall(clients + [acceptor])
print([c.value for c in clients])
print(sorted(order))
server.close()
a, b = socket.socketpair()
order.clear()
t = gevent.spawn(ticker, 3)
gevent.spawn_later(0.05, a.sendall, b"late")
r, _, _ = select.select([b], [], [], 2)
print("select woke:", r == [b], b.recv(10))
t.join()
print(order)
