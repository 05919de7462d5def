# Checks what a parent sees of a child without reaping it: multiprocessing.connection.wait() finds a sentinel not ready while the child runs and ready once it has exited, before and after join(); os.kill(pid, 0) finds a zombie but raises ProcessLookupError once join() has reaped it; terminate() before start() is an AttributeError, after join() it does nothing; wait() mixes pipes and sentinels and honours its timeout; a child (fork or spawn) finds its start method already set.
import multiprocessing as mp
import os
import time
from multiprocessing.connection import wait


def nap(s):
    time.sleep(s)


def exists(pid):
    try:
        os.kill(pid, 0)            # signal 0: only asks whether the pid exists
        return True
    except ProcessLookupError as e:
        print("  os.kill:", type(e).__name__, e)
        return False


def set_method():
    try:
        mp.set_start_method("fork")
        print("child: set_start_method passed")
    except RuntimeError as e:
        print("child:", e)


if __name__ == "__main__":
    p = mp.Process(target=nap, args=(0.5,))
    for what in (p.terminate, p.kill):
        try:
            what()
        except AttributeError as e:
            print("before start:", e)
    p.start()
    print("running: ready", wait([p.sentinel], timeout=0), "exists", exists(p.pid))
    print("blocking wait returns the sentinel:", wait([p.sentinel]) == [p.sentinel])
    print("zombie: exists", exists(p.pid))
    p.join()
    print("reaped: ready", wait([p.sentinel], timeout=0) == [p.sentinel], "exit code", p.exitcode)
    print("reaped: exists", exists(p.pid))
    p.terminate()
    p.kill()
    print("terminate and kill after join: exit code", p.exitcode)

    q = mp.Process(target=nap, args=(30,))
    q.start()
    print("timeout: ready", wait([q.sentinel], timeout=0.2))
    r, w = mp.Pipe(duplex=False)
    print("empty pipe and running child:", wait([r, q.sentinel], timeout=0))
    w.send("hello")
    print("pipe with data:", wait([r, q.sentinel], timeout=0) == [r], r.recv())
    q.terminate()
    q.join()
    w.send("again")
    print("terminated: exit code", q.exitcode, "- ready:", len(wait([r, q.sentinel], timeout=0)))

    for method in ("fork", "spawn"):
        c = mp.get_context(method).Process(target=set_method)
        c.start()
        c.join()
    try:
        wait(["not a connection"], timeout=0)
    except (TypeError, ValueError) as e:
        print("bad object:", type(e).__name__)
