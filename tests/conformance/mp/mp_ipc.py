# Checks the IPC objects between processes: JoinableQueue task_done/join, SimpleQueue, a one-way Pipe, EOFError once every copy of the writing end is closed, Event, Semaphore, Barrier, Condition, Value.get_lock and Array slices.
import multiprocessing as mp
import time


def consumer(jq, results):
    while True:
        item = jq.get()
        if item is None:
            jq.task_done()
            break
        results.put(item * 10)
        jq.task_done()


def writer(conn, n):
    for i in range(n):
        conn.send(i)
    conn.close()


def waiter(ev, sq, name):
    ev.wait()
    sq.put(name)


def gate(sem, lock, inside, peak, n):
    with sem:
        with lock:
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        time.sleep(0.05)
        with lock:
            inside.value -= 1


def meet(barrier, sq):
    sq.put(barrier.wait() >= 0)


def notifier(cond, flag):
    time.sleep(0.1)
    with cond:
        flag.value = 1
        cond.notify_all()


def adder(arr, i):
    with arr.get_lock():
        arr[i] = arr[i] + i


if __name__ == "__main__":
    jq = mp.JoinableQueue()
    results = mp.Queue()
    c = mp.Process(target=consumer, args=(jq, results))
    c.start()
    for i in range(5):
        jq.put(i)
    jq.put(None)
    jq.join()
    print("joined:", sorted(results.get(timeout=10) for _ in range(5)), flush=True)
    c.join()
    try:
        jq.task_done()
    except ValueError as e:
        print("ValueError:", e, flush=True)

    r, w = mp.Pipe(duplex=False)
    p = mp.Process(target=writer, args=(w, 3))
    p.start()
    w.close()
    got = []
    while True:
        try:
            got.append(r.recv())
        except EOFError:
            break
    p.join()
    print("pipe:", got, "then EOFError", flush=True)
    try:
        r.send(1)
    except OSError as e:
        print("OSError on the reading end", flush=True)

    ev = mp.Event()
    sq = mp.SimpleQueue()
    ws = [mp.Process(target=waiter, args=(ev, sq, f"w{i}")) for i in range(3)]
    for x in ws:
        x.start()
    time.sleep(0.1)
    print("empty before set:", sq.empty(), flush=True)
    ev.set()
    print("woken:", sorted(sq.get() for _ in ws), flush=True)
    for x in ws:
        x.join()

    sem = mp.Semaphore(2)
    lock = mp.Lock()
    inside = mp.Value("i", 0)
    peak = mp.Value("i", 0)
    gs = [mp.Process(target=gate, args=(sem, lock, inside, peak, i)) for i in range(5)]
    for x in gs:
        x.start()
    for x in gs:
        x.join()
    print("semaphore peak:", peak.value, "inside at end:", inside.value, flush=True)

    barrier = mp.Barrier(3)
    bs = [mp.Process(target=meet, args=(barrier, sq)) for _ in range(3)]
    for x in bs:
        x.start()
    print("barrier:", [sq.get() for _ in bs], flush=True)
    for x in bs:
        x.join()

    cond = mp.Condition()
    flag = mp.Value("i", 0)
    n = mp.Process(target=notifier, args=(cond, flag))
    n.start()
    with cond:
        ok = cond.wait_for(lambda: flag.value == 1, timeout=10)
    n.join()
    print("condition:", ok, flag.value, flush=True)

    arr = mp.Array("i", [1, 1, 1, 1])
    ads = [mp.Process(target=adder, args=(arr, i)) for i in range(4)]
    for x in ads:
        x.start()
    for x in ads:
        x.join()
    print("array:", arr[:], arr[1:3], len(arr), sum(arr), flush=True)
    v = mp.Value("d", 0.25)
    with v.get_lock():
        v.value *= 4
    print("value:", v.value, flush=True)
