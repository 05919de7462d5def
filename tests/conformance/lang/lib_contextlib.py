import contextlib
import sys
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack, redirect_stdout

@contextmanager
def tag(name):
    print(f"<{name}>")
    yield name.upper()
    print(f"</{name}>")

with tag("p") as t:
    print("inside", t)

@contextmanager
def guarded():
    try:
        yield
    except ValueError as e:
        print("handled", e)
    finally:
        print("cleanup")

with guarded():
    raise ValueError("boom")
print("after")
try:
    with guarded():
        raise KeyError("k")
except KeyError as e:
    print("propagated", e)

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def two_yields():
    yield 1
    yield 2
try:
    with two_yields():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def swallow_and_yield():
    try:
        yield
    except Exception:
        yield
try:
    with swallow_and_yield():
        raise ValueError()
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def timer_like(label):
    print("start", label)
    yield
    print("end", label)

@timer_like("deco")
def work(x):
    print("working", x)
    return x * 2
print(work(5), work(6))

with suppress(ZeroDivisionError):
    1 / 0
print("suppressed")
with suppress(KeyError, IndexError):
    [][1]
try:
    with suppress(KeyError):
        int("x")
except ValueError as e:
    print("not suppressed", e)
with suppress():
    pass

class Resource:
    def __init__(self, name): self.name = name
    def close(self): print("closed", self.name)
with closing(Resource("db")) as r:
    print("using", r.name)

with nullcontext(42) as v:
    print("null", v)
with nullcontext() as v:
    print("null", v)

class CM:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None)
        return self.swallow

with ExitStack() as stack:
    names = [stack.enter_context(CM(n)) for n in "abc"]
    stack.callback(print, "callback", 1, sep="-")
    print("names", names)

with ExitStack() as stack:
    stack.enter_context(CM("outer", swallow=True))
    stack.enter_context(CM("inner"))
    raise ValueError("x")
print("swallowed by outer")

try:
    with ExitStack() as stack:
        stack.enter_context(CM("only"))
        raise KeyError("y")
except KeyError as e:
    print("through", e)

def bad_exit(*exc):
    raise RuntimeError("from exit")
try:
    with ExitStack() as stack:
        stack.push(bad_exit)
        stack.enter_context(CM("before"))
except RuntimeError as e:
    print("RuntimeError", e)

stack = ExitStack()
stack.enter_context(CM("kept"))
moved = stack.pop_all()
stack.close()
print("moved")
moved.close()
try:
    ExitStack().enter_context(object())
except TypeError as e:
    print("TypeError", e)

class Buf:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
buf = Buf()
with redirect_stdout(buf):
    print("hidden", 1)
    print("line two")
print("captured", buf.parts)
