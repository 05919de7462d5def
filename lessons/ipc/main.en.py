# Processes share no memory: they pass copies of messages through a Queue or a Pipe,
# or keep one object in a Manager's server process and change it through proxies.
import multiprocessing

variant = "queue"            # "queue" | "manager_dict" | "pipe" | "pipe_oneway"
messages = ["a", "b", "c"]   # what the writer sends, in order
workers = 10                 # manager_dict: processes that each take 1 from the shared value
start = 100                  # manager_dict: the shared value at the start


def queue_writer(q):
    for m in messages:
        q.put(m)
        print("writer put", m)


def pipe_writer(conn, wait_for_reply):
    note = {"text": ""}                  # one dict, reused for every message
    for m in messages:
        note["text"] = m
        conn.send(note)                  # pickled now: the reader gets a copy of note as it is
        note["text"] = "changed"         # so this does not touch what was sent
        if wait_for_reply:
            print("writer sent", m, "- reply:", conn.recv())   # duplex: the same end receives too
    conn.close()


def take_one(shared, lock):
    with lock:                           # -= on a proxy is a get and a set: two messages to the server
        shared["value"] -= 1


if __name__ == "__main__":
    received = []
    final_value = None
    if variant == "queue":
        q = multiprocessing.Queue()
        w = multiprocessing.Process(target=queue_writer, args=(q,), name="writer")
        w.start()
        for _ in messages:
            received.append(q.get())     # blocks until the writer has put the next one
        w.join()
    elif variant == "pipe":
        here, there = multiprocessing.Pipe()                 # duplex: both ends send and receive
        w = multiprocessing.Process(target=pipe_writer, args=(there, True), name="writer")
        w.start()
        for _ in messages:
            note = here.recv()
            received.append(note["text"])
            here.send(f"got {note['text']}")
        w.join()
    elif variant == "pipe_oneway":
        recv_end, send_end = multiprocessing.Pipe(duplex=False)  # one way: child sends, parent reads
        w = multiprocessing.Process(target=pipe_writer, args=(send_end, False), name="writer")
        w.start()
        send_end.close()                 # the parent's copy of the send end: else recv() never sees the end
        try:
            while True:
                received.append(recv_end.recv()["text"])
        except EOFError:                 # every copy of the send end is closed
            pass
        w.join()
    else:
        with multiprocessing.Manager() as manager:           # a server process holds the real dict
            shared = manager.dict(value=start)
            lock = manager.Lock()
            ps = [multiprocessing.Process(target=take_one, args=(shared, lock), name=f"taker-{i}") for i in range(workers)]
            for p in ps:
                p.start()
            for p in ps:
                p.join()
            final_value = shared["value"]
    print(f"{variant}: received {received}, final value {final_value}")
