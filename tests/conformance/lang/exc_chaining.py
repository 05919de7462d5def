# Exception chaining (PEP 3134): __context__ set while handling, __cause__ by `raise ... from`,
# `from None` hiding the context, and the chain CPython prints for an uncaught exception.
def show(e):
    cause, context = e.__cause__, e.__context__
    print(type(e).__name__, e,
          "| cause:", type(cause).__name__ if cause else None,
          "| context:", type(context).__name__ if context else None,
          "| suppress:", e.__suppress_context__)


fresh = ValueError("fresh")
show(fresh)

try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("while handling")
except ValueError as e:
    show(e)

try:
    try:
        raise KeyError("inner")
    except KeyError as k:
        raise ValueError("explicit") from k
except ValueError as e:
    show(e)
    print(e.__cause__ is e.__context__)

try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("hidden") from None
except ValueError as e:
    show(e)

try:
    raise RuntimeError("outer") from TypeError
except RuntimeError as e:
    show(e)

try:
    raise RuntimeError("bad cause") from 42
except TypeError as e:
    print("TypeError:", e)


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise LookupError(f"no {key}")


try:
    lookup({}, "x")
except LookupError as e:
    show(e)

try:
    try:
        raise KeyError("a")
    finally:
        print("finally runs")
except KeyError as e:
    show(e)

e1 = ValueError("one")
try:
    try:
        raise e1
    except ValueError:
        raise TypeError("two")
except TypeError as e2:
    show(e2)
    print(e2.__context__ is e1)

e = RuntimeError("set by hand")
e.__cause__ = KeyError("k")
print(e.__cause__, e.__suppress_context__)


def fail():
    try:
        raise KeyError("first")
    except KeyError as k:
        raise RuntimeError("second") from k


try:
    fail()
except RuntimeError:
    raise SystemError("third")
