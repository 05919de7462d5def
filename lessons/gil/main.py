# GIL：每个解释器一把锁。吃 CPU 的线程只能轮流拿着它；每个进程有自己的解释器（和自己的 GIL）；
# 等 I/O 的线程会把它放开。
import multiprocessing
import sys
import threading
import time

workload = "cpu"    # "cpu"：计算 | "io"：等待（用 sleep 代表一次网络或磁盘读取）
workers = 4         # 几个线程或进程分担这份工作
kind = "threads"    # "threads"（线程）| "processes"（进程）
gil = True          # 仅 det 模式：False 让同一进程的线程并排计算
cores = 4           # det 模式：虚拟机的 CPU 核数
work_s = 1.0        # 整份工作：一个人单干需要的 CPU（或等待）秒数
switch_ms = 5       # 别人也想要时，一个线程最多拿着 GIL 多久


def job(share):
    if workload == "cpu":
        end = time.thread_time() + share      # 盯着本线程自己的 CPU 时钟空转
        while time.thread_time() < end:
            pass
    else:
        time.sleep(share)                     # 等待：这段时间 GIL 是放开的


def timed(n):
    # n 个工人分担工作；要等每个人都做完，才停表。
    Worker = threading.Thread if kind == "threads" else multiprocessing.Process
    team = [Worker(target=job, args=(work_s / n,), name=f"worker-{i}") for i in range(n)]
    start = time.perf_counter()
    for w in team:
        w.start()
    for w in team:
        w.join()                              # 先 join，再读时间
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.setswitchinterval(switch_ms / 1000)
    alone_s = timed(1)                        # 一个工人包揽全部
    together_s = timed(workers)               # workers 个工人一起分担
    speedup = alone_s / together_s
    print(f"{workload}，{workers} 个 {kind}：单干 {alone_s:.2f} 秒，一起干 {together_s:.2f} 秒，加速 {speedup:.2f} 倍")
