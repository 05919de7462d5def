import heapq
from heapq import heappush, heappop, heapify, heappushpop, heapreplace, nlargest, nsmallest, merge

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heappush(h, x)
print(h, h[0], [heappop(h) for _ in range(len(h))], h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0]
heapify(data); print(data, data[0])
print(heappushpop(data, -1), heappushpop(data, 4), data)
print(heapreplace(data, 10), data)
print(sorted(data) == [heappop(data) for _ in range(len(data))])
tasks = []
heappush(tasks, (2, "write")); heappush(tasks, (1, "read")); heappush(tasks, (3, "exec")); heappush(tasks, (1, "alpha"))
print([heappop(tasks) for _ in range(4)])
try: heappop([])
except IndexError as e: print("IndexError", e)
try: heapreplace([], 1)
except IndexError as e: print("IndexError", e)
print(heappushpop([], 5))
nums = [1, 8, 2, 23, 7, -4, 18, 23, 42, 37, 2]
print(nlargest(3, nums), nsmallest(3, nums), nlargest(0, nums), nsmallest(20, [3, 1]), nlargest(2, iter([5, 1, 9])))
portfolio = [{"name": "IBM", "price": 91.1}, {"name": "AAPL", "price": 543.22}, {"name": "FB", "price": 21.09},
             {"name": "HPQ", "price": 31.75}, {"name": "YHOO", "price": 16.35}, {"name": "ACME", "price": 115.65}]
print([s["name"] for s in nsmallest(3, portfolio, key=lambda s: s["price"])])
print([s["name"] for s in nlargest(3, portfolio, key=lambda s: s["price"])])
print(nlargest(3, [(1, "a"), (1, "b"), (2, "c"), (1, "d")], key=lambda t: t[0]))
print(list(merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15])), list(merge()), list(merge([], [1])))
print(list(merge([5, 3, 1], [4, 2], reverse=True)), list(merge(["a", "bbb"], ["cc"], key=len)))
print(list(merge([(1, "x"), (2, "y")], [(1, "a"), (3, "b")])))
class Job:
    def __init__(self, pri, name): self.pri, self.name = pri, name
    def __lt__(self, other): return self.pri < other.pri
    def __repr__(self): return f"Job({self.pri}, {self.name})"
jobs = []
for p, n in [(3, "c"), (1, "a"), (2, "b"), (0, "z")]:
    heappush(jobs, Job(p, n))
print([heappop(jobs) for _ in range(4)])
import random
rng = random.Random(7)
vals = [rng.randint(0, 1000) for _ in range(300)]
h = []
for v in vals: heappush(h, v)
print([heappop(h) for _ in range(300)] == sorted(vals))
h2 = list(vals); heapify(h2); print(all(h2[i] <= h2[c] for i in range(300) for c in (2 * i + 1, 2 * i + 2) if c < 300))
