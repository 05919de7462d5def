# Checks concurrent.futures.ProcessPoolExecutor: submit/result, map, as_completed, an exception re-raised by result(), work in other processes, shutdown and the with form.
from concurrent.futures import ProcessPoolExecutor, as_completed
import os


def cube(x):
    return x ** 3


def other_pid(parent):
    return os.getpid() != parent


def bad(x):
    raise ValueError(f"bad input {x}")


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        f = ex.submit(cube, 3)
        print(f.result(timeout=10), f.done(), flush=True)
        print(list(ex.map(cube, range(5))), flush=True)
        futures = [ex.submit(cube, i) for i in range(4)]
        print(sorted(f.result() for f in as_completed(futures)), flush=True)
        print(ex.submit(other_pid, os.getpid()).result(), flush=True)
        g = ex.submit(bad, 5)
        try:
            g.result()
        except ValueError as e:
            print("ValueError:", e, type(g.exception()).__name__, flush=True)
    try:
        ex.submit(cube, 1)
    except RuntimeError as e:
        print("RuntimeError:", e, flush=True)
    ex2 = ProcessPoolExecutor(2)
    fs = [ex2.submit(cube, i) for i in range(3)]
    ex2.shutdown(wait=True)
    print([f.result() for f in fs], flush=True)
    try:
        ProcessPoolExecutor(0)
    except ValueError as e:
        print("ValueError:", e, flush=True)
