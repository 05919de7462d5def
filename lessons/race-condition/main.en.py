# Threads that read, change and write back a shared counter without a lock lose updates; with a lock they never do.
import threading
import time

variant = "increment"   # "increment" | "balance" | "read_sleep_write" | "print_before_join"
threads = 2             # how many threads share the counter
iterations = 100000     # updates per thread (read_sleep_write does one per thread)
lock = False            # protect the read-modify-write with a lock?
start = 0               # the counter's first value
sleep_s = 0.05          # read_sleep_write: the pause between reading and writing


class NoLock:
    """Stands in for a lock when `lock` is False: `with NoLock()` protects nothing."""
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


counter_lock = threading.Lock() if lock else NoLock()
counter = start
go = threading.Event()          # line every thread up so that they really start together


def increment():
    global counter
    go.wait()
    for _ in range(iterations):
        with counter_lock:
            counter += 1        # read counter, add 1, write it back: three steps


def balance(n):
    global counter
    go.wait()
    for _ in range(iterations):
        with counter_lock:
            counter += n        # deposit n ...
            counter -= n        # ... and take it out again: should change nothing


def read_sleep_write():
    global counter
    go.wait()
    with counter_lock:
        value = counter         # read
        time.sleep(sleep_s)     # do something slow (I/O) in between
        counter = value - 1     # write back what we computed from an old value


if variant == "balance":
    workers = [threading.Thread(target=balance, args=(i + 1,)) for i in range(threads)]
    expected = start
elif variant == "read_sleep_write":
    workers = [threading.Thread(target=read_sleep_write) for _ in range(threads)]
    expected = start - threads
else:
    workers = [threading.Thread(target=increment) for _ in range(threads)]
    expected = start + threads * iterations

for w in workers:
    w.start()
go.set()
if variant == "print_before_join":
    print("counter before join:", counter)    # too early: the threads are still counting
for w in workers:
    w.join()

final = counter
lost_updates = abs(expected - final)
print(f"final {final}, expected {expected}, lost updates {lost_updates}")
