# Deadlock: threads take two locks in opposite orders and wait for each other forever; three ways to fix it.
import threading
import time

variant = "two_locks"   # "two_locks": two threads | "diners": four diners, noodles and a fork
fix = "none"            # "none" | "rlock" | "single_lock" | "ordering"
hold_s = 1              # how long a thread holds its first lock before reaching for the second

# Each lock is named for what it stands for: the views and the deadlock report use these names.
if variant == "two_locks":
    people = ["T0", "T1"]
    lock_a = threading.Lock()
    lock_b = threading.Lock()
    resources = [(lock_a, "lock_a"), (lock_b, "lock_b")]
else:
    people = ["diner-0", "diner-1", "diner-2", "diner-3"]
    noodles = threading.Lock()
    fork = threading.Lock()
    resources = [(noodles, "noodles"), (fork, "fork")]
if fix == "rlock":
    both = threading.RLock()              # one re-entrant lock stands for both resources
    resources = [(both, name) for _, name in resources]
table = threading.Lock()                  # single_lock: one lock for the pair

finished = 0
tally = threading.Lock()


def person(i, name):
    global finished
    if i % 2 == 0 or fix == "ordering":    # ordering: everyone takes the first resource first
        first, second = resources
    else:                                  # odd threads take them the other way round
        second, first = resources
    if fix == "single_lock":
        with table:
            print(f"{name} has {resources[0][1]} and {resources[1][1]}")
            time.sleep(hold_s)
    else:
        with first[0]:
            print(f"{name} took {first[1]}, wants {second[1]}")
            time.sleep(hold_s)             # meanwhile the other thread takes the other lock
            with second[0]:
                print(f"{name} has both")
    with tally:
        finished += 1


workers = [threading.Thread(target=person, args=(i, n), name=n) for i, n in enumerate(people)]
for w in workers:
    w.start()
for w in workers:
    w.join()                               # with fix = "none" this never returns
print("finished:", finished)
