# Event: a starting gun that releases every waiting runner at once. Condition: a bounded buffer with "not full" and "not empty".
import threading
import time

variant = "event"    # "event" | "condition"
runners = 4          # event: threads waiting for the gun
gun_s = 1            # event: when the gun goes off
capacity = 2         # condition: buffer size
items = 6            # condition: items to pass through the buffer
produce_s = 0.1      # condition: time to make an item
consume_s = 0.3      # condition: time to use an item

# --- Event: one flag; wait() blocks until someone calls set() ---
gun = threading.Event()
gun_time = None
early_starts = 0
released = 0
count_lock = threading.Lock()


def runner(i):
    global early_starts, released
    gun.wait()                       # everyone blocks here until the gun
    t = time.time()
    with count_lock:
        released += 1
        if t < gun_time:
            early_starts += 1
    print(f"runner-{i} off")


# --- Condition: waiting for a state of shared data, with the lock that protects it ---
lock = threading.Lock()
not_full = threading.Condition(lock)     # two conditions, one lock
not_empty = threading.Condition(lock)
buffer = []
max_buffer = 0
consumed_order = []


def put(item):
    global max_buffer
    with not_full:
        while len(buffer) >= capacity:
            not_full.wait()          # releases the lock while asleep, retakes it on waking
        buffer.append(item)
        max_buffer = max(max_buffer, len(buffer))
        not_empty.notify()           # wake one consumer, if any is waiting


def get():
    with not_empty:
        while not buffer:            # re-check after waking: the state may have changed again
            not_empty.wait()
        item = buffer.pop(0)
        not_full.notify()            # there is room now
        return item


def producer():
    for k in range(items):
        time.sleep(produce_s)
        put(k)


def consumer():
    for _ in range(items):
        item = get()
        time.sleep(consume_s)
        consumed_order.append(item)
        print("consumed", item)


if variant == "event":
    workers = [threading.Thread(target=runner, args=(i,), name=f"runner-{i}") for i in range(runners)]
    for w in workers:
        w.start()
    time.sleep(gun_s)
    gun_time = time.time()
    print("bang!")
    gun.set()                        # wakes every waiter, and later wait() calls return at once
else:
    workers = [threading.Thread(target=producer, name="producer"), threading.Thread(target=consumer, name="consumer")]
    for w in workers:
        w.start()
for w in workers:
    w.join()
print(f"released {released}, early {early_starts}, max buffer {max_buffer}, consumed {consumed_order}")
