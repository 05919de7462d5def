# traceback and sys.exc_info: the text CPython prints, kept or printed by a worker thread.
import sys
import threading
import traceback
import io


def fail(n):
    return {"a": 1}[n]


def worker(results):
    try:
        fail("k")
    except KeyError:
        results.append(traceback.format_exc())


results = []
t = threading.Thread(target=worker, args=(results,))
t.start()
t.join()
print(results[0].splitlines()[0], results[0].splitlines()[-1], sep=" / ")
print([line.split(", ", 1)[1] for line in results[0].splitlines() if line.startswith("  File")])

try:
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    kind, value, tb = sys.exc_info()
    print(kind.__name__, value, sys.exception() is value)
    lines = traceback.format_exception(e)
    print(lines[0], end="")
    print("".join(lines).count("direct cause"))
    print(traceback.format_exception_only(type(e), e))
    out = io.StringIO()
    traceback.print_exc(file=out)
    print(out.getvalue().splitlines()[-1])
print(sys.exc_info(), sys.exception())
print(traceback.format_exc(), end="")
