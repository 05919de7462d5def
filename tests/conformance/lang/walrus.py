# Assignment expressions (PEP 572): where they may stand and where their name binds.
import queue

data = [3, 1, 4, 1, 5, 9, 2, 6]
if (n := len(data)) > 5:
    print("long list", n)

q = queue.Queue()
for x in data + [None]:
    q.put(x)
total = 0
while (item := q.get()) is not None:
    total += item
print("total", total)

# In a comprehension the name binds in the enclosing scope.
values = [y for x in data if (y := x * 2) > 6]
print(values, y)

def f(xs):
    found = [last := x for x in xs]
    return found, last

print(f([7, 8, 9]))

def counter():
    count = 0
    [count := count + 1 for _ in range(5)]
    return count

print(counter())
print([(z := i, z ** 2) for i in range(3)], z)
print(len(s := "hello"), s)
print({(w := 2), w + 1})
print(max(a := 4, 3), a)

def g():
    def h():
        return [k := j for j in range(4)]
    r = h()
    return r, "k" in dir()

print(g())
try:
    exec_ok = True
    print([m for m in range(3) if (m2 := m) == 1], m2)
except NameError as e:
    print("NameError", e)
