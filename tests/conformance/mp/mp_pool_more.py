# Checks Pool's imap (ordered), imap_unordered, map_async and apply_async callbacks and error callbacks, initializer/initargs, maxtasksperchild replacing workers, worker names, close/join and a PicklingError for a lambda.
import multiprocessing as mp
import os

tag = "unset"


def init(value):
    global tag
    tag = value


def tagged(x):
    return f"{tag}:{x}"


def square(x):
    return x * x


def pid_of(_):
    return os.getpid()


def name_of(_):
    return mp.current_process().name.rstrip("0123456789")


def fails(x):
    raise KeyError(x)


if __name__ == "__main__":
    got = []
    errors = []
    with mp.Pool(2, initializer=init, initargs=("ready",)) as pool:
        print(list(pool.imap(square, range(6))), flush=True)
        print(sorted(pool.imap_unordered(square, range(6), chunksize=2)), flush=True)
        r = pool.map_async(square, [1, 2, 3], callback=got.append)
        r.wait(10)
        print("map_async:", r.get(), got, r.ready(), r.successful(), flush=True)
        e = pool.apply_async(fails, (7,), error_callback=errors.append)
        e.wait(10)
        print("error callback:", [type(x).__name__ for x in errors], e.successful(), flush=True)
        print(pool.map(tagged, ["a", "b"]), flush=True)
        print(sorted(set(pool.map(name_of, range(4)))), flush=True)
        try:
            pool.map(lambda x: x, [1])
        except Exception as ex:
            print(type(ex).__name__, str(ex).split(" at 0x")[0], flush=True)
    pool = mp.Pool(2, maxtasksperchild=1)
    pids = pool.map(pid_of, range(4), chunksize=1)
    pool.close()
    pool.join()
    print("distinct workers:", len(set(pids)), flush=True)
    try:
        pool.apply(square, (2,))
    except ValueError as ex:
        print("ValueError:", ex, flush=True)
    try:
        mp.Pool(0)
    except ValueError as ex:
        print("ValueError:", ex, flush=True)
