# 一个把收到的行转成大写再发回去的回显服务器：一个连接一个线程、一个连接一个协程，
# 或者一个线程用选择器（selector）看住所有连接。
server = "threads"      # "threads" | "coroutines" | "event_loop"
clients = 5             # 同时连上来的客户端数
messages = 3            # 每个客户端发送的行数
period_s = 2            # 同一个客户端两行之间停多久（秒）

if server == "coroutines":
    from gevent import monkey
    monkey.patch_all()  # 最先做：从此 socket、sleep 和线程都改成切换 greenlet，而不是阻塞

import selectors
import socket
import threading
import time

server_thread_ids = set()   # 运行过服务器代码的操作系统线程
latencies = []              # 从发出一行到收到回复用了多少秒
bad_replies = 0             # 不是请求大写形式的回复数


def serve_one(conn):
    # 为一个连接服务：把每一行转成大写发回去，直到客户端挂断
    server_thread_ids.add(threading.get_native_id())
    with conn:
        while True:
            data = conn.recv(1024)          # 等下一行
            if not data:                    # b""：客户端关闭了连接
                return
            conn.sendall(data.upper())


def serve_with_threads(listener):
    server_thread_ids.add(threading.get_native_id())
    handlers = []
    for _ in range(clients):
        conn, _ = listener.accept()
        t = threading.Thread(target=serve_one, args=(conn,))
        t.start()                           # 一个连接一个线程
        handlers.append(t)
    for t in handlers:
        t.join()


def serve_with_coroutines(listener):
    import gevent
    server_thread_ids.add(threading.get_native_id())
    handlers = []
    for _ in range(clients):
        conn, _ = listener.accept()         # 打过补丁：等待时不会阻塞整个线程
        handlers.append(gevent.spawn(serve_one, conn))   # 一个连接一个 greenlet
    gevent.joinall(handlers)


def serve_with_event_loop(listener):
    server_thread_ids.add(threading.get_native_id())
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    accepted = open_conns = 0
    while accepted < clients or open_conns > 0:
        for key, _ in sel.select():         # 等到某个 socket 有东西可读
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
            data = sock.recv(1024)          # 已经就绪：不会等
            if data:
                sock.sendall(data.upper())
            else:                           # 客户端关闭了连接
                sel.unregister(sock)
                sock.close()
                open_conns -= 1
    sel.close()


def client(i):
    global bad_replies
    with socket.create_connection(address) as s:
        for m in range(messages):
            if m > 0:
                time.sleep(period_s)        # 用户想一想，再敲下一行
            request = f"client {i} line {m}\n".encode()
            sent = time.time()
            s.sendall(request)
            reply = s.recv(1024)
            latencies.append(time.time() - sent)
            if reply != request.upper():
                bad_replies += 1


listener = socket.create_server(("127.0.0.1", 0))   # 端口 0：随便一个空闲端口
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
print(f"{server}：{clients} 个客户端，{replies} 个回复（{bad_replies} 个错误），用时 {elapsed_s:.2f} 秒，"
      f"服务器线程 {server_threads} 个，最慢的回复 {max_latency_s * 1000:.1f} 毫秒")
