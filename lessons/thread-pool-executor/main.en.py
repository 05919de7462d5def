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


def on_done(fut):
    # runs in the worker thread that finished the task (in this thread if fut was already done)
    print(f"callback for task {fut.result()} runs in {threading.current_thread().name}")
    result_order.append(fut.result())


result_order = []
start = time.time()
with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="worker") as pool:
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
            pool.submit(task, i).add_done_callback(on_done)   # on_done(fut) runs when fut is done
# leaving the with block calls pool.shutdown(wait=True): it waits for every task still queued or running
print(f"{api}: results {result_order} after {time.time() - start:.1f} s")
