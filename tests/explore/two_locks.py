# Two threads take two locks in opposite orders: if one is preempted between its two
# acquires and the other takes its first lock, each waits for the other forever.
import threading

lock_a = threading.Lock()
lock_b = threading.Lock()


def forward():
    with lock_a:
        with lock_b:
            pass


def backward():
    with lock_b:
        with lock_a:
            pass


workers = [threading.Thread(target=forward, name="forward"), threading.Thread(target=backward, name="backward")]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("both done")
