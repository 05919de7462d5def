# After monkey.patch_all() each greenlet is a thread to the threading module: its own
# get_ident(), its own current_thread() (a Dummy one unless a patched Thread started it),
# and its own threading.local attributes.
from gevent import monkey
monkey.patch_all()
import gevent
import threading
import time

idents = []


def spawned(n):
    idents.append(threading.get_ident())
    gevent.sleep(0.01)
    idents.append(threading.get_ident())
    me = threading.current_thread()
    print(n, me.name.split("-")[0], me is threading.current_thread())


gevent.joinall([gevent.spawn(spawned, i) for i in range(3)])
print("distinct idents:", len(set(idents)), "stable:", idents[0] == idents[3])
print("main's ident is its own:", threading.get_ident() not in idents)


def threaded(n):
    time.sleep(0.01)
    me = threading.current_thread()
    print(n, me.name, me.ident == threading.get_ident())


workers = [threading.Thread(target=threaded, args=(i,), name=f"worker-{i}") for i in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(threading.current_thread().name, threading.main_thread().ident == threading.get_ident())

box = threading.local()
box.value = "main"


def peek():
    print("worker sees main's local:", hasattr(box, "value"))
    box.value = "worker"


t = threading.Thread(target=peek)
t.start()
t.join()
print("main's local kept:", box.value)
