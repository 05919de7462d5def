# A pool of worker processes: tasks wait in a queue until a worker is free, and the
# same few workers run them all. Starting one process per task costs a start each time.
import multiprocessing
import time

workers = 3                  # processes in the pool
api = "apply_async"          # "apply_async" | "apply" | "map" | "callback" | "process_per_task"
durations = [3, 3, 3, 3, 3]  # seconds per task


def task(i):
    time.sleep(durations[i])                      # the task's work
    me = multiprocessing.current_process().name   # which worker ran it
    print(f"task {i} done by {me}")
    return i * i, me


def task_to_queue(i, q):
    q.put((i, task(i)))                           # a plain Process has no return value


if __name__ == "__main__":
    start = time.time()
    done = []                                     # (i, (result, worker)) as they come back
    if api == "process_per_task":
        q = multiprocessing.Queue()
        ps = [multiprocessing.Process(target=task_to_queue, args=(i, q)) for i in range(len(durations))]
        for p in ps:
            p.start()                             # one new process for every task
        done = [q.get() for _ in ps]
        for p in ps:
            p.join()
    else:
        pool = multiprocessing.Pool(workers)      # the workers start once, here
        if api == "apply":
            for i in range(len(durations)):
                done.append((i, pool.apply(task, (i,))))    # blocks until this task is done
        elif api == "apply_async":
            handles = [pool.apply_async(task, (i,)) for i in range(len(durations))]   # returns at once
            done = [(i, h.get()) for i, h in enumerate(handles)]                     # get() waits
        elif api == "map":
            done = list(enumerate(pool.map(task, range(len(durations)), chunksize=1)))   # input order
        else:
            for i in range(len(durations)):
                # the callback runs in the parent (in the pool's result thread) when the task is done
                pool.apply_async(task, (i,), callback=lambda r, i=i: done.append((i, r)))
        pool.close()                              # no more tasks ...
        pool.join()                               # ... and wait for the workers to finish them
    arrival_order = [i for i, _ in done]          # the order the results reached the parent
    results = [r for _, (r, _) in sorted(done)]
    worker_of_task = [w for _, (_, w) in sorted(done)]
    distinct_workers = len(set(worker_of_task))
    print(f"{api}: {len(durations)} tasks on {distinct_workers} processes in {time.time() - start:.2f} s")
