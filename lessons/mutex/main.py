# 锁的基本用法：acquire/release 和 `with`、带超时的 acquire、用非阻塞 acquire 轮询，以及释放一把没上锁的锁。
import threading
import time

variant = "basic"     # "basic" | "timeout" | "nonblocking" | "release_unlocked"
threads = 2           # 有几个线程要抢这把锁
hold_s = 1            # 一个线程拿着锁多久
timeout_s = 0.5       # timeout：最多等多久；nonblocking：两次尝试之间歇多久

lock = threading.Lock()
report = [None] * threads        # 每个线程只写自己那一格：没有竞争


def use_resource(name):
    print(f"{name} 拿到了锁")
    time.sleep(hold_s)           # 不能重叠进行的工作


def worker(i):
    name = f"T{i}"
    got = timed_out = failed = 0
    if variant == "timeout":
        if lock.acquire(timeout=timeout_s):    # 在时限内拿到就返回 True
            try:
                use_resource(name)
            finally:
                lock.release()
            got = 1
        else:
            print(f"{name} 等了 {timeout_s} 秒，放弃了")
            timed_out = 1
    elif variant == "nonblocking":
        while not lock.acquire(blocking=False):  # 锁被占着就立刻返回 False
            failed += 1
            time.sleep(timeout_s)                # 先干点别的，再试一次
        try:
            use_resource(name)
        finally:
            lock.release()
        got = 1
    else:
        with lock:                   # 自动 acquire ... release，出了异常也会释放
            use_resource(name)
        got = 1
    report[i] = (got, timed_out, failed)


workers = [threading.Thread(target=worker, args=(i,), name=f"T{i}") for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()

acquired = sum(r[0] for r in report)
timeouts = sum(r[1] for r in report)
failed_polls = sum(r[2] for r in report)
error = None
if variant == "release_unlocked":
    try:
        lock.release()               # 现在没人拿着它
    except RuntimeError as e:
        error = str(e)
        print("RuntimeError:", error)
print(f"拿到锁 {acquired} 次，超时 {timeouts} 次，轮询失败 {failed_polls} 次")
