# A global changed by child processes stays unchanged in the parent; changed by threads, it changes.
import multiprocessing
import threading

kind = "processes"    # "processes" | "threads"
start = 1             # the global's value before any worker runs
deltas = [5, 10]      # worker i adds deltas[i] to the global

value = start         # a module-level global


def add(i, delta, seen):
    global value
    value += delta                     # a process changes its own copy; a thread, the one shared value
    print(f"worker {i}: added {delta}, now sees value = {value}")
    seen.put(value)                    # tell the parent what this worker saw


if __name__ == "__main__":
    seen = multiprocessing.SimpleQueue()   # works between processes and between threads
    Worker = multiprocessing.Process if kind == "processes" else threading.Thread
    for i, delta in enumerate(deltas):
        w = Worker(target=add, args=(i, delta, seen), name=f"worker {i}")   # the lane shows the name the output uses
        w.start()
        w.join()                       # one worker at a time, so threads never race on value
    child_seen = [seen.get() for _ in deltas]
    parent_after = value
    print(f"parent: value = {parent_after}")
