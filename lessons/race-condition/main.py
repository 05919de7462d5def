# 多个线程读出共享计数器、改一改、再写回去，不加锁会丢失更新；加了锁就不会。
import threading
import time

variant = "increment"   # "increment" | "balance" | "read_sleep_write" | "print_before_join"
threads = 2             # 共用这个计数器的线程数
iterations = 100000     # 每个线程更新的次数（read_sleep_write 每个线程只更新一次）
lock = False            # 给“读-改-写”加锁吗？
start = 0               # 计数器的初值
sleep_s = 0.05          # read_sleep_write：读和写之间停顿的时间


class NoLock:
    """lock 为 False 时用它顶替锁：`with NoLock()` 什么也不保护。"""
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


counter_lock = threading.Lock() if lock else NoLock()
counter = start
go = threading.Event()          # 让所有线程在起跑线上排好，真正同时出发


def increment():
    global counter
    go.wait()
    for _ in range(iterations):
        with counter_lock:
            counter += 1        # 读出 counter、加 1、写回去：分三步


def balance(n):
    global counter
    go.wait()
    for _ in range(iterations):
        with counter_lock:
            counter += n        # 存进 n ……
            counter -= n        # ……再取出来：应该什么都没变


def read_sleep_write():
    global counter
    go.wait()
    with counter_lock:
        value = counter         # 读
        time.sleep(sleep_s)     # 中间做点慢事（I/O）
        counter = value - 1     # 写回用旧值算出来的结果


if variant == "balance":
    workers = [threading.Thread(target=balance, args=(i + 1,)) for i in range(threads)]
    expected = start
elif variant == "read_sleep_write":
    workers = [threading.Thread(target=read_sleep_write) for _ in range(threads)]
    expected = start - threads
else:
    workers = [threading.Thread(target=increment) for _ in range(threads)]
    expected = start + threads * iterations

for w in workers:
    w.start()
go.set()
if variant == "print_before_join":
    print("join 之前，counter =", counter)    # 太早了：线程们还在数
for w in workers:
    w.join()

final = counter
lost_updates = abs(expected - final)
print(f"最终值 {final}，应得 {expected}，丢失的更新 {lost_updates}")
