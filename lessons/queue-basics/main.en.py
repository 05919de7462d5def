# Queue, LifoQueue and PriorityQueue hand items out in different orders; a bounded queue refuses items when full.
import queue

kind = "fifo"        # "fifo" | "lifo" | "priority"
items = [(3, "write"), (1, "read"), (2, "eat"), (1, "code")]   # (priority, name) pairs
maxsize = 0          # 0 = unbounded
extra_puts = 0       # urgent items (priority 0) put after `items`

if kind == "fifo":
    q = queue.Queue(maxsize)          # first in, first out
elif kind == "lifo":
    q = queue.LifoQueue(maxsize)      # last in, first out: a stack
else:
    q = queue.PriorityQueue(maxsize)  # smallest first; ties go to the next tuple element

to_put = items + [(0, f"extra-{k + 1}") for k in range(extra_puts)]
full_raised = 0
for item in to_put:
    try:
        q.put(item, timeout=0.5)      # blocks while full, for at most 0.5 s
        # qsize() and full() are snapshots: another thread may change the queue right after
        # the call, so with several threads they only hint; here one thread owns the queue
        print("put", item, "qsize", q.qsize(), "full" if q.full() else "")
    except queue.Full:
        full_raised += 1
        print("queue.Full: no room for", item)

get_order = []
empty_raised = False
while True:
    try:
        get_order.append(q.get_nowait())  # never waits: raises queue.Empty instead
    except queue.Empty:
        empty_raised = True
        break
print("got", get_order)
