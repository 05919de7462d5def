# 进程之间不共享内存：它们通过 Queue 或 Pipe 传递消息的副本，
# 或者把一个对象放在 Manager 的服务进程里，再通过代理去改它。
import multiprocessing

variant = "queue"            # "queue" | "manager_dict" | "pipe" | "pipe_oneway"
messages = ["a", "b", "c"]   # 写者按顺序发送的内容
workers = 10                 # manager_dict：进程数，每个进程从共享值里减 1
start = 100                  # manager_dict：共享值的初值


def queue_writer(q):
    for m in messages:
        q.put(m)
        print("写者放入", m)


def pipe_writer(conn, wait_for_reply):
    note = {"text": ""}                  # 同一个字典，每条消息都重复使用它
    for m in messages:
        note["text"] = m
        conn.send(note)                  # 此刻就被序列化：读者拿到的是 note 此刻的副本
        note["text"] = "changed"         # 所以这一行改不到已经发出去的内容
        if wait_for_reply:
            print("写者发出", m, "- 回复：", conn.recv())   # 双向：同一端也能接收
    conn.close()


def take_one(shared, lock):
    with lock:                           # 对代理做 -= 是一次读加一次写：给服务进程发两条消息
        shared["value"] -= 1


if __name__ == "__main__":
    received = []
    final_value = None
    if variant == "queue":
        q = multiprocessing.Queue()
        w = multiprocessing.Process(target=queue_writer, args=(q,), name="writer")
        w.start()
        for _ in messages:
            received.append(q.get())     # 阻塞，直到写者放入下一条
        w.join()
    elif variant == "pipe":
        here, there = multiprocessing.Pipe()                 # 双向：两端都能收发
        w = multiprocessing.Process(target=pipe_writer, args=(there, True), name="writer")
        w.start()
        for _ in messages:
            note = here.recv()
            received.append(note["text"])
            here.send(f"收到 {note['text']}")
        w.join()
    elif variant == "pipe_oneway":
        recv_end, send_end = multiprocessing.Pipe(duplex=False)  # 单向：子进程发，父进程读
        w = multiprocessing.Process(target=pipe_writer, args=(send_end, False), name="writer")
        w.start()
        send_end.close()                 # 关掉父进程手里那份发送端，否则 recv() 永远等不到结束
        try:
            while True:
                received.append(recv_end.recv()["text"])
        except EOFError:                 # 发送端的所有副本都关闭了
            pass
        w.join()
    else:
        with multiprocessing.Manager() as manager:           # 真正的字典在一个服务进程里
            shared = manager.dict(value=start)
            lock = manager.Lock()
            ps = [multiprocessing.Process(target=take_one, args=(shared, lock), name=f"taker-{i}") for i in range(workers)]
            for p in ps:
                p.start()
            for p in ps:
                p.join()
            final_value = shared["value"]
    print(f"{variant}：收到 {received}，最终值 {final_value}")
