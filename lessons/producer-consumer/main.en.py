# Producers and consumers decoupled by a queue: a bounded queue slows fast producers down; sentinels or join() end the work.
import queue
import threading
import time

variant = "bounded"   # "bounded" | "joinable" | "sentinel"
producers = 2         # threads that make items
consumers = 2         # threads that use them
items = 6             # items per producer
produce_s = 0.1       # time to make one item
consume_s = 0.5       # time to use one item
maxsize = 3           # queue capacity for bounded and joinable (0 = unbounded)

q = queue.Queue(0 if variant == "sentinel" else maxsize)
STOP = None                    # the sentinel: "no more items, you can go home"
stats = threading.Lock()       # protects the statistics below
taken = []
max_queue_len = 0
producer_blocked_s = 0.0


def producer(p):
    global max_queue_len, producer_blocked_s
    for k in range(items):
        time.sleep(produce_s)                  # make the item
        t0 = time.time()
        q.put((p, k))                          # blocks while the queue is full
        print(f"producer {p} put {(p, k)}")
        with stats:
            producer_blocked_s += time.time() - t0
            max_queue_len = max(max_queue_len, q.qsize())


def consumer(c):
    while True:
        item = q.get()                         # blocks while the queue is empty
        if item is STOP:
            break
        time.sleep(consume_s)                  # use the item
        print(f"consumer {c} used {item}")
        with stats:
            taken.append(item)
        q.task_done()                          # tell the queue this item is finished


daemon = variant == "joinable"                 # joinable: consumers never stop; they die with main
cons = [threading.Thread(target=consumer, args=(c,), daemon=daemon, name=f"consumer {c}") for c in range(consumers)]
prods = [threading.Thread(target=producer, args=(p,), name=f"producer {p}") for p in range(producers)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
produced = producers * items

if variant == "joinable":
    q.join()                   # returns once task_done() was called for every item put
    consumed = len(taken)      # measured right now: join() must not return early
else:
    for _ in cons:
        q.put(STOP)            # one sentinel per consumer
    for t in cons:
        t.join()
    consumed = len(taken)
duplicates = len(taken) - len(set(taken))
print(f"produced {produced}, consumed {consumed}, duplicates {duplicates}, "
      f"longest queue {max_queue_len}, producers blocked {producer_blocked_s:.1f} s")
