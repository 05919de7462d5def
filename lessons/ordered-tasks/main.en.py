# Strict turns: one lock per thread, all but the first start locked, and each thread unlocks the next one's lock.
import threading

threads = 3     # how many threads take turns
rounds = 3      # how many lines each thread prints

locks = [threading.Lock() for _ in range(threads)]
for lk in locks[1:]:
    lk.acquire()                # only thread 0 may go first
order = []


def task(i):
    for r in range(rounds):
        locks[i].acquire()                      # wait for my turn
        print(f"thread-{i}: round {r + 1}")
        order.append(i)
        locks[(i + 1) % threads].release()      # pass the turn to the next thread


workers = [threading.Thread(target=task, args=(i,), name=f"thread-{i}") for i in range(threads)]
for w in reversed(workers):     # start them backwards: the start order does not matter
    w.start()
for w in workers:
    w.join()
print("order:", order)
