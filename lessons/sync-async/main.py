# Synchronous or asynchronous, blocking or not: how a caller hands out tasks and learns that they are done.
import threading
import time

style = "sync_blocking"   # "sync_blocking" | "async_blocking" | "sync_polling" | "async_callback"
tasks = 3                 # how many tasks the caller hands out
task_s = 2                # how long each task takes
poll_s = 0.5              # sync_polling: the caller's other work between two checks

results = []
polls = 0                 # checks that found the task unfinished
blocked_s = 0.0           # time the caller spent blocked waiting for a task


def run_task(i, done, on_done=None):
    time.sleep(task_s)                     # the task's I/O
    results.append(i)
    done.set()
    if on_done is not None:
        on_done(i)                         # call the caller back (in this worker thread)


def hand_out(i, on_done=None):
    done = threading.Event()
    t = threading.Thread(target=run_task, args=(i, done, on_done))
    t.start()
    return t, done


def wait_blocked(t):
    global blocked_s
    t0 = time.time()
    t.join()                               # the caller can do nothing else meanwhile
    blocked_s += time.time() - t0


start = time.time()
if style == "sync_blocking":               # one at a time, waiting for each
    for i in range(tasks):
        t, done = hand_out(i)
        wait_blocked(t)
elif style == "async_blocking":            # all at once, then wait for all
    handed = [hand_out(i) for i in range(tasks)]
    for t, done in handed:
        wait_blocked(t)
elif style == "sync_polling":              # one at a time, checking now and then
    for i in range(tasks):
        t, done = hand_out(i)
        while not done.is_set():           # a non-blocking check
            polls += 1
            time.sleep(poll_s)             # do something else, then check again
        t.join()                           # already finished: returns at once
else:                                      # all at once, and be called back
    all_done = threading.Event()

    def on_done(i):
        print(f"callback: task {i} finished")
        if len(results) == tasks:
            all_done.set()

    handed = [hand_out(i, on_done) for i in range(tasks)]
    print("caller: all handed out, free for other work")
    all_done.wait()                        # only so the demo ends; the callbacks need nothing from us
elapsed = time.time() - start
caller_busy_s = elapsed - blocked_s        # the time the caller could spend on other work
print(f"{style}: {elapsed:.1f} s, caller free {caller_busy_s:.1f} s, polls {polls}")
