# Seeded random gives CPython's sequences: the module functions after random.seed(), Random
# instances with int, big int, float and str seeds, getstate/setstate, and one generator per
# worker thread (each thread's draws depend only on its seed, whatever the interleaving).
import random
import threading

random.seed(2024)
print(random.random(), random.randint(1, 6), random.randrange(0, 50, 5))
deck = [f"{rank}{suit}" for suit in "SHDC" for rank in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:8])
print(random.choice(deck), random.sample(deck, 3), random.choices("HT", k=10))
print(random.choices(["low", "mid", "high"], weights=[5, 3, 1], k=6))
print(round(random.uniform(10, 20), 6), round(random.gauss(0, 1), 6), round(random.expovariate(0.5), 6))
print(random.getrandbits(64), random.sample(range(10**9), 3))
print(random.sample(["bronze", "silver", "gold"], counts=[5, 3, 1], k=4))

for seed in (0, -7, 2**80 + 3, 3.75, "interleave"):
    r = random.Random(seed)
    print(repr(seed)[:20], r.random(), r.randint(-100, 100), r.choice("concurrency"))

state = random.getstate()
first = [random.random() for _ in range(5)]
random.setstate(state)
print(first == [random.random() for _ in range(5)])

results = {}
lock = threading.Lock()


def worker(n):
    rng = random.Random(n)
    draws = [rng.randint(1, 1000) for _ in range(5)]
    with lock:
        results[n] = draws


threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for n in sorted(results):
    print(n, results[n])
