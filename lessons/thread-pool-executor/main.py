# ThreadPoolExecutor: a fixed set of worker threads runs many tasks; results by submission order, input order or finish order.
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

workers = 4          # threads in the pool
api = "submit"       # "submit" | "map" | "as_completed" | "callback"
durations = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]   # seconds per task
first_k = 0          # as_completed: stop after the first k results (0 = all)


def task(i):
    time.sleep(durations[i])               # the task's I/O
    print(f"task {i} done in {threading.current_thread().name}")
    return i


result_order = []
start = time.time()
pool = ThreadPoolExecutor(max_workers=workers)
if api == "submit":
    futures = [pool.submit(task, i) for i in range(len(durations))]   # returns Futures at once
    for f in futures:
        result_order.append(f.result())    # blocks until that task is done
elif api == "map":
    for r in pool.map(task, range(len(durations))):
        result_order.append(r)             # always in input order
elif api == "as_completed":
    futures = [pool.submit(task, i) for i in range(len(durations))]
    for f in as_completed(futures):        # whichever finishes first comes first
        result_order.append(f.result())
        if len(result_order) == first_k:
            pool.shutdown(wait=False, cancel_futures=True)   # enough: drop tasks not started yet
            break
else:
    for i in range(len(durations)):
        f = pool.submit(task, i)
        f.add_done_callback(lambda fut: result_order.append(fut.result()))   # runs when fut is done
pool.shutdown(wait=True)       # wait until every task still queued or running is done
print(f"{api}: results {result_order} after {time.time() - start:.1f} s")
