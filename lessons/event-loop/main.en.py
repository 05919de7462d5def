# The event loop: many tasks in one thread, and they switch only at an await.
import asyncio
import os
import threading
import time

tasks = 5               # how many tasks the loop runs together
sleep_s = 1             # each task's I/O wait
blocking = False        # True: the task calls time.sleep, which never hands the loop back
use_to_thread = False   # with blocking: run the blocking call in a worker thread instead

workers = min(32, os.cpu_count() + 4)   # the size of the pool behind asyncio.to_thread
threads_seen = set()    # the OS threads that ran the tasks' code
loop_stalls_s = 0.0     # time a task held the loop, so that it could not switch


def blocking_io():
    threads_seen.add(threading.get_ident())
    time.sleep(sleep_s)                       # blocks the thread that calls it


async def task(i):
    global loop_stalls_s
    threads_seen.add(threading.get_ident())
    if not blocking:
        await asyncio.sleep(sleep_s)          # hand the loop back until the sleep is over
    elif use_to_thread:
        await asyncio.to_thread(blocking_io)  # a worker thread blocks, the loop goes on
    else:
        t0 = time.time()
        blocking_io()                         # the loop itself blocks: nobody else runs
        loop_stalls_s += time.time() - t0
    if i < 3 or i == tasks - 1:
        print(f"task {i} done at {time.time() - start:.1f} s")
    return i


async def main():
    return await asyncio.gather(*(task(i) for i in range(tasks)))


start = time.time()
cpu_start = time.process_time()
order = asyncio.run(main())                   # gather keeps the order of its arguments
elapsed_s = time.time() - start
cpu_s = time.process_time() - cpu_start  # CPU work: the loop starting, waking, switching tasks
os_threads_used = len(threads_seen)
print(f"{tasks} tasks in {elapsed_s:.2f} s on {os_threads_used} thread(s), loop stalled {loop_stalls_s:.1f} s,"
      f" CPU {cpu_s:.2f} s")
