# Checks TCP sockets on the loopback: an echo server with a thread per connection, EOF as b'', timeouts and non-blocking errors, ConnectionRefusedError, select and selectors readiness, socketserver.ThreadingTCPServer, and asyncio streams.
import asyncio
import select
import selectors
import socket
import socketserver
import threading


def echo_server(server, count):
    for _ in range(count):
        conn, _ = server.accept()
        threading.Thread(target=echo, args=(conn,)).start()


def echo(conn):
    with conn:
        while True:
            data = conn.recv(4)
            if not data:
                break
            conn.sendall(data.upper())


server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
acceptor = threading.Thread(target=echo_server, args=(server, 2))
acceptor.start()
with socket.create_connection(("127.0.0.1", port)) as c:
    c.sendall(b"abcd")
    got = b""
    while len(got) < 4:
        got += c.recv(16)
    print(got, c.getpeername()[1] == port)
    c.settimeout(0.2)
    try:
        c.recv(16)
    except TimeoutError as e:
        print("timeout:", e)
    c.setblocking(False)
    try:
        c.recv(16)
    except BlockingIOError as e:
        print("BlockingIOError", e.errno)
second = socket.create_connection(("127.0.0.1", port))
second.sendall(b"xy")
readable, _, _ = select.select([second], [], [], 5)
print("select:", readable == [second], second.recv(10))
second.shutdown(socket.SHUT_WR)
print("after shutdown:", second.recv(10))
second.close()
acceptor.join()
server.close()
try:
    socket.create_connection(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print("refused:", e.errno, isinstance(e, ConnectionError))

a, b = socket.socketpair()
sel = selectors.DefaultSelector()
sel.register(b, selectors.EVENT_READ, data="b-side")
print("nothing yet:", sel.select(timeout=0.05))
a.sendall(b"ping")
events = sel.select(timeout=5)
print([(key.data, mask == selectors.EVENT_READ) for key, mask in events], b.recv(10))
sel.close()
a.close()
b.close()


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(self.request.recv(100)[::-1])


with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler) as srv:
    host, sport = srv.server_address
    runner = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    runner.start()
    with socket.create_connection((host, sport)) as c:
        c.sendall(b"stressed")
        print("socketserver:", c.recv(100))
    srv.shutdown()
    runner.join()


async def handle(reader, writer):
    line = await reader.readline()
    writer.write(line.upper())
    await writer.drain()
    writer.close()


async def main():
    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    aport = srv.sockets[0].getsockname()[1]
    replies = []
    for word in (b"one\n", b"two\n"):
        reader, writer = await asyncio.open_connection("127.0.0.1", aport)
        writer.write(word)
        replies.append(await reader.readline())
        print("at eof after reply:", await reader.read() == b"")
        writer.close()
    srv.close()
    await srv.wait_closed()
    return replies


print(asyncio.run(main()))
