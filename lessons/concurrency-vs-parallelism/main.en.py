# N CPU-bound tasks on C cores: one core takes turns in time slices, several cores run tasks side by side.
import threading
import time

tasks = 4          # how many tasks want the CPU
cores = 1          # how many cores the scheduler may use
work_s = 1.0       # CPU time each task needs
slice_ms = 100     # how long a task keeps a core before the scheduler may switch
gil = True         # a GIL, as in CPython? Only det mode can turn it off


def crunch(name):
    # Pure computation: spin until this thread has used work_s of CPU time.
    end = time.thread_time() + work_s
    while time.thread_time() < end:
        pass
    print(name, "done")


start = time.time()
workers = [threading.Thread(target=crunch, args=(f"task-{i}",), name=f"task-{i}") for i in range(tasks)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(f"{tasks} tasks x {work_s} s of CPU on {cores} core(s): {time.time() - start:.1f} s")
