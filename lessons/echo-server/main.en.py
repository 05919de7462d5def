# An upper-casing echo server: one thread per connection, one coroutine per connection,
# or one thread that watches every connection with a selector.
server = "threads"      # "threads" | "coroutines" | "event_loop"
clients = 5             # how many clients connect at once
messages = 3            # lines each client sends
period_s = 2            # the pause between two lines of a client

if server == "coroutines":
    from gevent import monkey
    monkey.patch_all()  # first of all: sockets, sleep and threads now switch greenlets instead of blocking

import selectors
import socket
import threading
import time

server_thread_ids = set()   # the OS threads that ran server code
latencies = []              # seconds from sending a line to getting its reply
bad_replies = 0             # replies that were not the upper-cased request


def serve_one(conn):
    # Echo one connection in upper case until the client hangs up.
    server_thread_ids.add(threading.get_native_id())
    with conn:
        while True:
            data = conn.recv(1024)          # waits for the next line
            if not data:                    # b"": the client closed the connection
                return
            conn.sendall(data.upper())


def serve_with_threads(listener):
    server_thread_ids.add(threading.get_native_id())
    handlers = []
    for _ in range(clients):
        conn, _ = listener.accept()
        t = threading.Thread(target=serve_one, args=(conn,))
        t.start()                           # one thread per connection
        handlers.append(t)
    for t in handlers:
        t.join()


def serve_with_coroutines(listener):
    import gevent
    server_thread_ids.add(threading.get_native_id())
    handlers = []
    for _ in range(clients):
        conn, _ = listener.accept()         # patched: waits without blocking the thread
        handlers.append(gevent.spawn(serve_one, conn))   # one greenlet per connection
    gevent.joinall(handlers)


def serve_with_event_loop(listener):
    server_thread_ids.add(threading.get_native_id())
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    accepted = open_conns = 0
    while accepted < clients or open_conns > 0:
        for key, _ in sel.select():         # wait until some socket has something to read
            sock = key.fileobj
            if sock is listener:
                conn, _ = listener.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ)
                accepted += 1
                open_conns += 1
                if accepted == clients:
                    sel.unregister(listener)
                continue
            data = sock.recv(1024)          # ready: this does not wait
            if data:
                sock.sendall(data.upper())
            else:                           # the client closed the connection
                sel.unregister(sock)
                sock.close()
                open_conns -= 1
    sel.close()


def client(i):
    global bad_replies
    with socket.create_connection(address) as s:
        for m in range(messages):
            if m > 0:
                time.sleep(period_s)        # the user thinks before typing the next line
            request = f"client {i} line {m}\n".encode()
            sent = time.time()
            s.sendall(request)
            reply = s.recv(1024)
            latencies.append(time.time() - sent)
            if reply != request.upper():
                bad_replies += 1


listener = socket.create_server(("127.0.0.1", 0))   # port 0: any free port
address = listener.getsockname()
serve = {"threads": serve_with_threads, "coroutines": serve_with_coroutines,
         "event_loop": serve_with_event_loop}[server]
server_main = threading.Thread(target=serve, args=(listener,))
start = time.time()
server_main.start()
users = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for u in users:
    u.start()
for u in users:
    u.join()
server_main.join()
listener.close()
elapsed_s = time.time() - start
replies = len(latencies)
server_threads = len(server_thread_ids)
max_latency_s = max(latencies, default=0.0)
print(f"{server}: {replies} replies ({bad_replies} wrong) for {clients} clients in {elapsed_s:.2f} s,"
      f" {server_threads} server thread(s), slowest reply {max_latency_s * 1000:.1f} ms")
