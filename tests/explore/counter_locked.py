# The same counter with a lock around the read-modify-write: no schedule loses an update.
import threading

rounds = 2
n = 0
lock = threading.Lock()


def worker():
    global n
    for _ in range(rounds):
        with lock:
            n += 1


workers = [threading.Thread(target=worker) for _ in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
assert n == 2 * rounds, f"lost update: n == {n}, expected {2 * rounds}"
print("n =", n)
