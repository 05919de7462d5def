# 信号量让最多 permits 个线程同时进入一段代码，其余的在门口等着。
import threading
import time

threads = 20           # 想进门的线程数
permits = 5            # 同时最多能进几个
hold_s = 2             # 每个线程在里面待多久
use_semaphore = True   # 关掉限制，对比一下


class NoLimit:
    """use_semaphore 为 False 时顶替信号量：谁来都放进去。"""
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


door = threading.Semaphore(permits) if use_semaphore else NoLimit()
inside_lock = threading.Lock()  # 保护下面两个记录门里人数的计数器
inside = 0
peak_inside = 0


def visitor(i):
    global inside, peak_inside
    with door:                 # acquire：拿一张许可，没有就等别人还回来
        with inside_lock:
            inside += 1
            peak_inside = max(peak_inside, inside)
            print(f"游客 {i} 进门（门里 {inside} 人）")   # 还拿着锁：打印的正是刚算出的人数
        time.sleep(hold_s)
        with inside_lock:
            inside -= 1
    # 离开 `with door` 块就还回许可，并唤醒一个在等的线程


start = time.time()
workers = [threading.Thread(target=visitor, args=(i,), name=f"游客 {i}") for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(f"门里最多 {peak_inside} 人，耗时 {time.time() - start:.1f} 秒")
