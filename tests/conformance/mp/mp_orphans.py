# Checks an orphan: a child that starts a grandchild and then ends with os._exit(7) leaves the grandchild running; the grandchild sees a new parent pid and still reports through the queue; active_children() reaps finished children.
import multiprocessing as mp
import os
import time


def grandchild(q, parent_pid):
    time.sleep(0.5)
    q.put(("grandchild", os.getppid() != parent_pid, mp.parent_process().name))


def child(q):
    g = mp.Process(target=grandchild, args=(q, os.getpid()), name="grandchild")
    g.start()
    q.put(("child", g.name, g.is_alive()))
    time.sleep(0.1)
    os._exit(7)


def quick():
    pass


if __name__ == "__main__":
    q = mp.Queue()
    c = mp.Process(target=child, args=(q,), name="child")
    c.start()
    print(q.get(timeout=10), flush=True)
    c.join()
    print("child exit:", c.exitcode, flush=True)
    print(q.get(timeout=10), flush=True)
    ps = [mp.Process(target=quick) for _ in range(3)]
    for p in ps:
        p.start()
    time.sleep(0.5)
    print("active after they ended:", mp.active_children(), flush=True)
    print("exit codes:", [p.exitcode for p in ps], flush=True)
