# Zombies and orphans: a child that has exited stays in the process table until its parent
# reaps it (join); a child whose parent exits first is adopted by init, pid 1.
import multiprocessing
import os
import time
from multiprocessing.connection import wait

scenario = "zombie"   # "zombie" (never joined) | "reaped" (reaped as they end) | "orphan" (parent exits first)
children = 3          # child n lives n + 1 seconds


def child(n, report):
    print(f"child {n}: pid {os.getpid()}, parent {os.getppid()}")
    first_ppid = os.getppid()
    time.sleep(n + 1)
    print(f"child {n}: exits, parent now {os.getppid()}")
    report.put((n, first_ppid, os.getppid()))


def is_zombie(p):
    """Exited (its sentinel is ready) but not yet reaped (its pid still exists)."""
    if not wait([p.sentinel], timeout=0):
        return False                   # still running
    try:
        os.kill(p.pid, 0)              # signal 0 only asks whether the pid exists
        return True
    except ProcessLookupError:
        return False                   # reaped: the pid is gone


def short_lived_parent(report):
    for n in range(children):
        multiprocessing.Process(target=child, args=(n, report), name=f"child {n}").start()
    time.sleep(0.5)
    print(f"parent {os.getpid()}: exits without waiting for its children")
    os._exit(0)                        # skips multiprocessing's exit handler, which would join them


if __name__ == "__main__":
    report = multiprocessing.SimpleQueue()
    max_zombies = zombies_at_end = zombies_after_join = reparented_to_init = None
    if scenario == "orphan":
        parent = multiprocessing.Process(target=short_lived_parent, args=(report,), name="parent")
        parent.start()
        parent.join()
        reports = sorted(report.get() for _ in range(children))   # the orphans still run: wait for them
        reparented_to_init = sum(1 for n, first, last in reports if first == parent.pid and last == 1)
    else:
        procs = [multiprocessing.Process(target=child, args=(n, report), name=f"child {n}") for n in range(children)]
        for p in procs:
            p.start()
        samples = []
        for second in range(children + 1):
            time.sleep(0.5 if second == 0 else 1)   # look half-way between two exits
            if scenario == "reaped":
                multiprocessing.active_children()   # joins (reaps) every child that has ended
            samples.append(sum(is_zombie(p) for p in procs))
            print(f"t={second + 0.5} s: {samples[-1]} zombie(s)")
        max_zombies = max(samples)
        zombies_at_end = samples[-1]
        for p in procs:
            p.join()                                # joining reaps
        zombies_after_join = sum(is_zombie(p) for p in procs)
    print("max zombies", max_zombies, "at end", zombies_at_end, "after join", zombies_after_join,
          "adopted by init", reparented_to_init)
