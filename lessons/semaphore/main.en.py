# A semaphore lets at most `permits` threads into a section at once; the rest wait at the door.
import threading
import time

threads = 20           # how many threads want in
permits = 5            # how many may be inside at the same time
hold_s = 2             # how long each stays inside
use_semaphore = True   # turn the limit off to compare


class NoLimit:
    """Stands in for the semaphore when use_semaphore is False: lets everyone in."""
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


door = threading.Semaphore(permits) if use_semaphore else NoLimit()
inside_lock = threading.Lock()  # protects the two counters of who is inside
inside = 0
peak_inside = 0


def visitor(i):
    global inside, peak_inside
    with door:                 # acquire: take a permit, or wait until one is released
        with inside_lock:
            inside += 1
            peak_inside = max(peak_inside, inside)
            print(f"visitor {i} in ({inside} inside)")   # still holding the lock: the count is the one just made
        time.sleep(hold_s)
        with inside_lock:
            inside -= 1
    # leaving the `with door` block releases the permit and wakes one waiting thread


start = time.time()
workers = [threading.Thread(target=visitor, args=(i,), name=f"visitor {i}") for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(f"peak inside {peak_inside}, {time.time() - start:.1f} s")
