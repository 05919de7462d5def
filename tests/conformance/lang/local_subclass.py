# threading.local: each thread sees its own attributes; a subclass's __init__ runs again, with
# the constructor's arguments, in every thread that first touches the object.
import threading


class Counter(threading.local):
    created = 0

    def __init__(self, start):
        Counter.created += 1
        self.value = start

    def bump(self):
        self.value += 1
        return self.value


counter = Counter(10)
plain = threading.local()
plain.name = "main"
results = {}
lock = threading.Lock()


def work(tag, times):
    seen = (hasattr(plain, "name"), getattr(plain, "name", None))
    plain.name = tag
    for _ in range(times):
        n = counter.bump()
    with lock:
        results[tag] = (seen, n, plain.name)


threads = [threading.Thread(target=work, args=(f"t{i}", i + 1)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
print(counter.value, plain.name, Counter.created)
try:
    del plain.missing
except AttributeError as e:
    print("AttributeError", e)
print(getattr(Counter(1), "nope", "dflt"))
try:
    counter.nope
except AttributeError as e:
    print(e)
