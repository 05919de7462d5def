# Checks gevent: spawn/joinall with cooperative sleeps, a plain time.sleep stalling every greenlet until monkey.patch_all(), Queue, Event, Semaphore, Pool.map, kill, Timeout and spawn_later.
import gevent
from gevent import Greenlet
from gevent.queue import Queue
from gevent.event import Event
from gevent.lock import Semaphore
from gevent.pool import Pool
import time
log = []
def task(name, n, delay):
    for i in range(n):
        log.append(f"{name}{i}")
        gevent.sleep(delay)
    return f"{name} done"
gs = [gevent.spawn(task, "a", 3, 0.1), gevent.spawn(task, "b", 2, 0.15)]
gevent.joinall(gs)
print(log, [g.value for g in gs], [g.successful() for g in gs])
log.clear()
def blocking(name):
    log.append(name + " start")
    time.sleep(0.1)
    log.append(name + " end")
start = time.monotonic()
gevent.joinall([gevent.spawn(blocking, "x"), gevent.spawn(blocking, "y")])
print(log, round(time.monotonic() - start, 1))
q = Queue()
def producer():
    for i in range(3):
        q.put(i)
        gevent.sleep(0)
    q.put(None)
def consumer():
    got = []
    while True:
        item = q.get()
        if item is None:
            return got
        got.append(item)
p = gevent.spawn(producer); c = gevent.spawn(consumer)
print(c.get(), p.dead)
ev = Event()
def waiter(i):
    ev.wait()
    return i
ws = [gevent.spawn(waiter, i) for i in range(3)]
gevent.sleep(0.01)
print([w.ready() for w in ws])
ev.set()
gevent.joinall(ws)
print([w.value for w in ws])
sem = Semaphore(2)
active = []
peak = []
def limited(i):
    with sem:
        active.append(i); peak.append(len(active))
        gevent.sleep(0.05)
        active.remove(i)
gevent.joinall([gevent.spawn(limited, i) for i in range(5)])
print("peak", max(peak))
pool = Pool(2)
print(pool.map(lambda x: x * x, range(5)))
k = gevent.spawn(task, "k", 5, 1)
gevent.sleep(0.01)
k.kill()
print(k.dead, type(k.value).__name__)
try:
    with gevent.Timeout(0.05):
        gevent.sleep(1)
except gevent.Timeout as t:
    print("timeout", t)
later = gevent.spawn_later(0.2, task, "late", 1, 0)
print(later.get())
from gevent import monkey
monkey.patch_all()
log.clear()
start = time.monotonic()
gevent.joinall([gevent.spawn(blocking, "p"), gevent.spawn(blocking, "q")])
print(log, round(time.monotonic() - start, 1))
