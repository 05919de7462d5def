# Coroutines: many tasks in one thread, and each decides when to hand over.
variant = "gevent"          # "generator" | "greenlet" | "gevent"
tasks = 10                  # items sent, rounds of switching, or gevent tasks
sleep_s = 1                 # gevent: each task's I/O wait
cooperative_sleep = True    # gevent: patch time.sleep so that waiting hands over to the next task

if variant == "gevent" and cooperative_sleep:
    from gevent import monkey
    monkey.patch_all()      # first of all: from now on time.sleep switches instead of blocking

import threading
import time

output_order = []           # what happened, in order
threads_seen = set()        # OS thread ids (gevent patches get_ident, not get_native_id)


def note(event):
    threads_seen.add(threading.get_native_id())
    output_order.append(event)
    print(event)


def consumer():             # a generator: it runs only when someone sends it a value
    reply = ""
    while True:
        n = yield reply     # pause here until the next send()
        note(f"consumer got {n}")
        reply = f"ok {n}"


def ping():
    for n in range(tasks):
        note(f"ping {n}")
        pong_greenlet.switch()   # jump into pong, exactly where it stopped


def pong():
    for n in range(tasks):
        note(f"pong {n}")
        ping_greenlet.switch()


def task(i):
    note(f"task {i} starts")
    time.sleep(sleep_s)          # patched: the hub runs the other tasks meanwhile
    note(f"task {i} ends")


start = time.time()
cpu_start = time.process_time()
if variant == "generator":
    c = consumer()
    next(c)                      # run it up to its first yield
    for n in range(tasks):
        note(f"producer sends {n}")
        c.send(n)                # resume the consumer; it returns at its next yield
    c.close()
elif variant == "greenlet":
    from greenlet import greenlet
    ping_greenlet = greenlet(ping)
    pong_greenlet = greenlet(pong)
    ping_greenlet.switch()       # back here when ping returns
else:
    import gevent
    gevent.joinall([gevent.spawn(task, i) for i in range(tasks)])
elapsed_s = time.time() - start
cpu_s = time.process_time() - cpu_start    # the switching itself costs a little CPU
os_threads_used = len(threads_seen)
print(f"{variant}: {len(output_order)} events in {elapsed_s:.2f} s on {os_threads_used} OS thread(s)")
