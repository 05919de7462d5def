# Synchronous or asynchronous, blocking or not: how a caller hands out tasks and learns that they are done.
import threading
import time

style = "sync_blocking"   # "sync_blocking" | "async_blocking" | "sync_polling" | "async_callback"
tasks = 3                 # how many tasks the caller hands out
task_s = 2                # how long each task takes
poll_s = 0.5              # one slice of the caller's own work (between two checks when polling)

results = []
finished_at = []          # when each task finished, counted from the first hand-out
polls = 0                 # checks that found the task unfinished
caller_free_s = 0.0       # time the caller spent on its own work instead of waiting


def run_task(i, done, on_done=None):
    time.sleep(task_s)                     # the task's I/O
    finished_at.append(time.time() - start)
    results.append(i)
    done.set()
    if on_done is not None:
        on_done(i)                         # call the caller back (in this worker thread)


def hand_out(i, on_done=None):
    done = threading.Event()
    t = threading.Thread(target=run_task, args=(i, done, on_done))
    t.start()
    return t, done


def other_work(what):
    # The caller's own work, one slice of poll_s: this is what it could not do while blocked.
    global caller_free_s
    print(f"caller: {what}")
    t0 = time.time()
    time.sleep(poll_s)
    caller_free_s += time.time() - t0


start = time.time()
if style == "sync_blocking":               # one at a time, waiting at the table for each
    for i in range(tasks):
        t, done = hand_out(i)
        t.join()                           # the caller can do nothing else meanwhile
elif style == "async_blocking":            # all at once, then wait for all
    handed = [hand_out(i) for i in range(tasks)]
    for t, done in handed:
        t.join()
elif style == "sync_polling":              # one at a time, walking back now and then to check
    for i in range(tasks):
        t, done = hand_out(i)
        while not done.is_set():           # a non-blocking check
            polls += 1
            other_work(f"task {i} not done yet, back to my own work")
        t.join()                           # already finished: returns at once
else:                                      # all at once, and be called back
    all_done = threading.Event()

    def on_done(i):
        print(f"callback: task {i} finished")
        if len(results) == tasks:
            all_done.set()

    handed = [hand_out(i, on_done) for i in range(tasks)]
    while not all_done.is_set():           # the caller never looks at the tasks: it works
        other_work("my own work")          # until the last callback has come (then the demo ends)
elapsed = time.time() - start
last_done_s = max(finished_at)             # when the last task finished
print(f"{style}: {elapsed:.1f} s, caller free {caller_free_s:.1f} s, polls {polls}")
