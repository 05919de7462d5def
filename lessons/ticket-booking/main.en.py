# Ticket booking: users (processes) check how many tickets are left, wait, then buy one.
# Without a lock two users can buy the same ticket; with the lock, never.
import multiprocessing
import random
import time

users = 8            # buyers, one process each
tickets = 5          # tickets in the store when the sale opens
lock = True          # hold a lock from checking to buying?
max_delay_s = 1      # a user waits up to this long between checking and buying (a slow network)
seed = 1             # seed of the random delays


class NoLock:
    """Stands in for the lock when `lock` is False: `with NoLock()` protects nothing."""
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def book(user, delay, store, store_lock, opening, outcomes):
    opening.wait()                          # everybody clicks the moment the sale opens
    with store_lock:
        left = store.value                  # check: how many tickets are left?
        print(f"user {user} sees {left} left")
        time.sleep(delay)                   # ... the network is slow ...
        if left > 0:
            store.value = left - 1          # buy: write back the count we read
            print(f"user {user} bought a ticket")
        else:
            print(f"user {user} found it sold out")
    outcomes.put(left > 0)


if __name__ == "__main__":
    store = multiprocessing.Value("i", tickets)   # an int in shared memory every process sees
    store_lock = multiprocessing.Lock() if lock else NoLock()
    opening = multiprocessing.Event()
    outcomes = multiprocessing.Queue()
    random.seed(seed)
    delays = [random.uniform(0, max_delay_s) for _ in range(users)]   # drawn here: a forked child would copy the same generator
    buyers = [multiprocessing.Process(target=book, args=(u + 1, delays[u], store, store_lock, opening, outcomes),
                                      name=f"user {u + 1}") for u in range(users)]
    for b in buyers:
        b.start()
    opening.set()                           # the sale opens
    bought = [outcomes.get() for _ in buyers]
    for b in buyers:
        b.join()

    sold = bought.count(True)
    refused = users - sold
    remaining = store.value
    oversold = sold - (tickets - remaining)    # sales the store never counted: tickets sold twice
    print(f"sold {sold}, refused {refused}, remaining {remaining}, oversold {oversold}")
