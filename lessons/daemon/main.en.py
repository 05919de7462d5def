# A daemon child is stopped when the main program ends; a non-daemon child is waited for.
import multiprocessing
import threading
import time

kind = "process"        # "process" | "thread"
daemon = True           # a daemon child does not keep the program alive
child_s = 3             # the child works this long
main_s = 1              # the main program works this long, then reaches its end
other_thread_s = -1     # a second, non-daemon thread works this long (negative: no such thread)

# A child thread sets this; a child process could only set its own copy (see process-memory).
child_finished = None if kind == "process" else False


def child():
    global child_finished
    print(f"child ({'daemon' if daemon else 'not a daemon'}): works {child_s} s")
    time.sleep(child_s)
    child_finished = True
    print("child: finished")            # a daemon child stopped early never gets here


def other():
    time.sleep(other_thread_s)
    print("other thread: finished")


if __name__ == "__main__":
    Worker = multiprocessing.Process if kind == "process" else threading.Thread
    Worker(target=child, daemon=daemon, name="child").start()
    if other_thread_s >= 0:
        threading.Thread(target=other, name="other").start()   # not a daemon
    time.sleep(main_s)
    print("main: reached the end of the program")
    # No join() here. At its end the program waits for every non-daemon thread, then
    # terminates daemonic child processes and waits for the others; daemon threads just stop.
