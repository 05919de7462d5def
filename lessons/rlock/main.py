# A thread that takes a plain Lock it already holds waits for itself forever; an RLock counts the acquisitions instead.
import threading

kind = "rlock"     # "lock" | "rlock"
depth = 2          # how many times the same thread acquires it (nested)

guard = threading.RLock() if kind == "rlock" else threading.Lock()
held = 0           # how many times the owner holds it now (an RLock keeps this count inside)
count_trace = []


def enter(level):
    global held
    with guard:                         # the 2nd time: an RLock just counts; a Lock blocks
        held += 1
        count_trace.append(held)
        print("  " * level + f"level {level}: acquired, count {held}")
        if level < depth:
            enter(level + 1)            # e.g. a locked method calling another locked method
        held -= 1
        count_trace.append(held)
        print("  " * level + f"level {level}: released, count {held}")


worker = threading.Thread(target=enter, args=(1,), name="worker")
worker.start()
worker.join()                           # with kind = "lock" and depth >= 2 this never returns
print("count trace:", count_trace)
