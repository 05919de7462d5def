# The GIL: one lock per interpreter. CPU-bound threads take turns holding it; processes
# each have their own interpreter (and GIL); a thread that waits for I/O lets go of it.
import multiprocessing
import sys
import threading
import time

workload = "cpu"    # "cpu": compute | "io": wait (a sleep stands for a network or disk read)
workers = 4         # how many threads or processes share the job
kind = "threads"    # "threads" | "processes"
gil = True          # det mode only: False lets threads of one process compute side by side
cores = 4           # det mode: the virtual machine's CPU cores
work_s = 1.0        # the whole job: seconds of CPU (or of waiting) for one worker alone
switch_ms = 5       # how long a thread may keep the GIL while others want it


def job(share):
    if workload == "cpu":
        end = time.thread_time() + share      # spin on this thread's own CPU clock
        while time.thread_time() < end:
            pass
    else:
        time.sleep(share)                     # waiting: the GIL is released meanwhile


def timed(n):
    # n workers split the job; the clock stops only when every one of them has finished.
    Worker = threading.Thread if kind == "threads" else multiprocessing.Process
    team = [Worker(target=job, args=(work_s / n,), name=f"worker-{i}") for i in range(n)]
    start = time.perf_counter()
    for w in team:
        w.start()
    for w in team:
        w.join()                              # join first, THEN read the clock
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.setswitchinterval(switch_ms / 1000)
    alone_s = timed(1)                        # one worker does all of it
    together_s = timed(workers)               # workers share it
    speedup = alone_s / together_s
    print(f"{workload}, {workers} {kind}: alone {alone_s:.2f} s, together {together_s:.2f} s, speedup {speedup:.2f}x")
