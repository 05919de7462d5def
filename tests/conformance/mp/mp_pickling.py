# Checks what crosses between processes by pickling: copies (a mutated copy never changes the sender's object), and CPython's errors for a lambda, a local function, a lock, a generator and a shared Lock sent in a message; fork needs no pickling.
import multiprocessing as mp
import threading


def mutate(conn):
    d = conn.recv()
    d["added"] = True
    d["items"].append(99)
    conn.send(d)


def outer():
    def inner():
        return 1
    return inner


def run_target(target):
    target()


if __name__ == "__main__":
    a, b = mp.Pipe()
    p = mp.Process(target=mutate, args=(b,))
    p.start()
    original = {"items": [1, 2], "shared": None}
    original["shared"] = original["items"]
    a.send(original)
    back = a.recv()
    p.join()
    print("original:", original, flush=True)
    print("copy back:", back, back["items"] is back["shared"], flush=True)
    cases = [("lambda", lambda: 1), ("local", outer()), ("thread lock", threading.Lock()),
             ("generator", (i for i in range(3))), ("mp lock", mp.Lock()), ("queue", mp.Queue())]
    for name, value in cases:
        try:
            a.send(value)
            print(name, "sent", flush=True)
        except Exception as e:
            print(name, "->", type(e).__name__, str(e).split(" at 0x")[0], flush=True)
    spawn = mp.get_context("spawn")
    for name, target in (("lambda", lambda: None), ("local", outer())):
        s = spawn.Process(target=target)
        try:
            s.start()
            s.join()
            print("spawn", name, "exit", s.exitcode, flush=True)
        except Exception as e:
            print("spawn", name, "->", type(e).__name__, str(e).split(" at 0x")[0], flush=True)
    f = mp.get_context("fork").Process(target=run_target, args=(lambda: None,))
    f.start()
    f.join()
    print("fork lambda exit", f.exitcode, flush=True)
