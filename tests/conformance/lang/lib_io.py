# io.StringIO / BytesIO and print(file=...) to any object with write().
import io


class Counter:
    def __init__(self):
        self.calls = []

    def write(self, s):
        self.calls.append(s)


s = io.StringIO()
print("a", 1, 2.5, sep="-", end="!\n", file=s)
s.write("second line\n")
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.read(3)), repr(s.read()))
s.seek(0)
print([line for line in s])
print(s.readlines())
c = Counter()
print("x", "y", file=c)
print(file=c)
print(c.calls)
with io.StringIO("one\ntwo") as f:
    print(f.readlines())
print(f.closed)
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
try:
    io.StringIO().write(5)
except TypeError as e:
    print("TypeError:", e)
b = io.BytesIO(b"hello")
b.seek(0, 2)
b.write(b" world")
print(b.getvalue(), b.tell())
b.seek(0)
print(b.read(5), b.readline())
t = io.StringIO()
t.write("abcdef")
t.seek(2)
t.write("XY")
print(t.getvalue(), t.truncate(4), repr(t.getvalue()))
