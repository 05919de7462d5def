# Checks Manager() proxies shared by processes: dict, list, Namespace, Value, Queue and Lock, with values copied in and out of the manager's own server process.
import multiprocessing as mp


def work(d, l, ns, v, q, lock, key):
    with lock:
        d[key] = d.get(key, 0) + 1
        l.append(key)
        ns.count = ns.count + 1
        v.value = v.value + 10
    q.put(key.upper())


if __name__ == "__main__":
    with mp.Manager() as m:
        d = m.dict()
        l = m.list([0])
        ns = m.Namespace(count=0)
        v = m.Value("i", 0)
        q = m.Queue()
        lock = m.Lock()
        ps = [mp.Process(target=work, args=(d, l, ns, v, q, lock, k)) for k in ("a", "b", "a")]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(sorted(d.items()), sorted(l[1:]), l[0], len(l), ns.count, v.value, flush=True)
        print(sorted(q.get(timeout=10) for _ in ps), q.qsize(), "a" in d, "z" in d, flush=True)
        copy = d.copy()
        copy["local"] = 1
        print(type(copy).__name__, "local" in d, d.get("zzz", "none"), flush=True)
        l.extend([7, 8])
        l[0] = 5
        print(l[0], l[-1], l.count("a"), str(ns), flush=True)
