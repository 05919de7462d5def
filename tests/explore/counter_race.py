# Two threads add to a shared counter without a lock: `n += 1` is a read, an add and a
# write, so one thread's update can be lost when the other runs in between (one preemption).
import threading

rounds = 2
n = 0


def worker():
    global n
    for _ in range(rounds):
        n += 1


workers = [threading.Thread(target=worker) for _ in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
assert n == 2 * rounds, f"lost update: n == {n}, expected {2 * rounds}"
print("n =", n)
