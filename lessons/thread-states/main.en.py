# The life of a thread: new, runnable, running, blocked, dead - and a thread can be started only once.
import threading
import time

threads = 3            # how many worker threads
start_twice = False    # try to start the first thread again after it has ended

lock = threading.Lock()


def work(i):
    time.sleep(0.1 * (i + 1))      # blocked: sleeping, as if waiting for I/O
    with lock:                     # blocked again if another thread holds the lock
        time.sleep(0.15)           # holding the lock keeps the others waiting
    total = sum(range(10000))      # running: plain computation
    print(f"{threading.current_thread().name} done, total {total}")


workers = [threading.Thread(target=work, args=(i,), name=f"worker-{i}") for i in range(threads)]
print("before start:", workers[0].is_alive())     # new: created, not started
for w in workers:
    w.start()                                      # new -> runnable
print("after start:", workers[0].is_alive())
for w in workers:
    w.join()                                       # main is blocked until w is dead
print("after join:", workers[0].is_alive())      # dead

error = None
if start_twice:
    try:
        workers[0].start()                         # a dead thread never comes back
    except RuntimeError as e:
        error = str(e)
        print("RuntimeError:", error)
