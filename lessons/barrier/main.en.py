# A barrier holds every worker at the end of a phase until all have arrived, so no one runs ahead into the next phase.
import threading
import time

workers = 3             # threads working in phases
phases = 3              # how many phases each does
durations = [1, 2, 3]   # seconds a phase takes for worker i (durations[i % len(durations)])
use_barrier = True      # turn it off to let fast workers run ahead

barrier = threading.Barrier(workers, action=lambda: print("--- everyone arrived ---"))
lock = threading.Lock()
finished = [0] * workers     # phases finished by each worker
overtakes = 0                # a worker began a phase while someone was still in an earlier one
phases_done = 0


def worker(i):
    global overtakes, phases_done
    for p in range(phases):
        with lock:
            if any(f < p for f in finished):
                overtakes += 1
        print(f"worker-{i} starts phase {p + 1}")
        time.sleep(durations[i % len(durations)])
        with lock:
            finished[i] += 1
            phases_done += 1
        if use_barrier:
            barrier.wait()       # blocks until all `workers` threads have called wait()


threads = [threading.Thread(target=worker, args=(i,), name=f"worker-{i}") for i in range(workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"phases done {phases_done}, overtakes {overtakes}")
