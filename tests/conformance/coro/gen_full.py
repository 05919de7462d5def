# Checks generators in full: send, throw (instances, classes, values), close running finally blocks, GeneratorExit ignored, throw and close forwarded down yield-from chains, return values and StopIteration.value.
def counter():
    total = 0
    try:
        while True:
            got = yield total
            if got is None:
                break
            total += got
    finally:
        print("counter cleanup", total)
    return total


c = counter()
print(next(c), c.send(3), c.send(4))
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value)
c2 = counter()
next(c2)
c2.send(5)
c2.close()
print("closed twice:", c2.close())


def stubborn():
    for _ in range(2):
        try:
            yield 1
        except GeneratorExit:
            print("ignoring exit")


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print("then it ends:", next(s, "done"))


def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught", e)
            yield "recovered"


k = catcher()
print(next(k), k.throw(ValueError("bad")), next(k))
print(k.throw(ValueError, "by class"))
next(k)
try:
    k.throw(KeyError("not caught"))
except KeyError as e:
    print("escaped", e)
try:
    next(k)
except StopIteration:
    print("finished after escape")


def leaf():
    try:
        x = yield "leaf"
        print("leaf got", x)
        yield "leaf again"
    except IndexError:
        print("leaf handled IndexError")
        return "leaf result"
    finally:
        print("leaf finally")


def middle():
    r = yield from leaf()
    print("middle got", r)
    yield "middle"


def top():
    try:
        yield from middle()
    finally:
        print("top finally")


t = top()
print(next(t), t.send("hi"))
print(t.throw(IndexError))
t.close()
fresh = top()
try:
    fresh.throw(ZeroDivisionError("early"))
except ZeroDivisionError as e:
    print("unstarted:", e)
print(next(fresh, "exhausted"))
g = (i * i for i in range(3))
print(g.__next__(), list(g))
try:
    g.throw(TypeError, "into a genexp")
except TypeError as e:
    print("genexp:", e)
try:
    k.throw("text")
except TypeError as e:
    print("TypeError:", e)
