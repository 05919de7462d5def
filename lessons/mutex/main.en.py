# Lock basics: acquire/release and `with`, acquire with a timeout, polling with a non-blocking acquire, and releasing an unlocked lock.
import threading
import time

variant = "basic"     # "basic" | "timeout" | "nonblocking" | "release_unlocked"
threads = 2           # how many threads want the lock
hold_s = 1            # how long a thread keeps the lock
timeout_s = 0.5       # timeout: how long to wait; nonblocking: the pause between tries

lock = threading.Lock()
report = [None] * threads        # each thread writes only its own slot: no race


def use_resource(name):
    print(f"{name} holds the lock")
    time.sleep(hold_s)           # the work that must not overlap


def worker(i):
    name = f"T{i}"
    got = timed_out = failed = 0
    if variant == "timeout":
        if lock.acquire(timeout=timeout_s):    # True if we got it in time
            try:
                use_resource(name)
            finally:
                lock.release()
            got = 1
        else:
            print(f"{name} gave up after {timeout_s} s")
            timed_out = 1
    elif variant == "nonblocking":
        while not lock.acquire(blocking=False):  # returns False at once if taken
            failed += 1
            time.sleep(timeout_s)                # do something else, then try again
        try:
            use_resource(name)
        finally:
            lock.release()
        got = 1
    else:
        with lock:                   # acquire ... release, even if an exception happens
            use_resource(name)
        got = 1
    report[i] = (got, timed_out, failed)


workers = [threading.Thread(target=worker, args=(i,), name=f"T{i}") for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()

acquired = sum(r[0] for r in report)
timeouts = sum(r[1] for r in report)
failed_polls = sum(r[2] for r in report)
error = None
if variant == "release_unlocked":
    try:
        lock.release()               # nobody holds it now
    except RuntimeError as e:
        error = str(e)
        print("RuntimeError:", error)
print(f"acquired {acquired}, timeouts {timeouts}, failed polls {failed_polls}")
