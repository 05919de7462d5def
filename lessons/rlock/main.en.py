# A thread that takes a plain Lock it already holds waits for itself forever; an RLock counts the acquisitions instead.
# A second thread shows that an RLock is free only when the count is back to 0, and that only its owner may release it.
import threading

kind = "rlock"     # "lock" | "rlock"
depth = 2          # how many times the same thread acquires it (nested)

guard = threading.RLock() if kind == "rlock" else threading.Lock()
held = 0           # how many times the owner holds it now (an RLock keeps this count inside)
count_trace = []
owner_deepest = threading.Event()   # the worker holds the lock `depth` times
other_tried = threading.Event()     # the other thread has tried to release it
release_refused = False             # did the RLock refuse a release by a thread that is not its owner?
count_when_other_got_it = None      # the owner's count at the moment the other thread got the lock


def enter(level):
    global held
    with guard:                         # the 2nd time: an RLock just counts; a Lock blocks
        held += 1
        count_trace.append(held)
        print("  " * level + f"level {level}: acquired, count {held}")
        if level < depth:
            enter(level + 1)            # e.g. a locked method calling another locked method
        else:
            owner_deepest.set()
            other_tried.wait()          # keep holding it until the other thread has had a go
        held -= 1
        count_trace.append(held)
        print("  " * level + f"level {level}: released, count {held}")


def other():
    global release_refused, count_when_other_got_it
    owner_deepest.wait()
    if kind == "rlock":                 # (a plain Lock has no owner: anyone may release it)
        try:
            guard.release()             # not ours to release
        except RuntimeError:
            release_refused = True
            print("other: release() refused with RuntimeError: I am not the owner")
    print("other: waiting for the lock")
    other_tried.set()
    with guard:                         # free only when the owner's count is back to 0
        count_when_other_got_it = held
        print(f"other: got the lock, the owner's count is {held}")


worker = threading.Thread(target=enter, args=(1,), name="worker")
rival = threading.Thread(target=other, name="other")
worker.start()
rival.start()
worker.join()                           # with kind = "lock" and depth >= 2 this never returns
rival.join()
print("count trace:", count_trace)
