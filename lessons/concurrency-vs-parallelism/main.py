# N 个吃 CPU 的任务跑在 C 个核上：一个核只能按时间片轮流跑，多个核才能让任务并排跑。
import threading
import time

tasks = 4          # 有几个任务要用 CPU
cores = 1          # 调度器能用几个核
work_s = 1.0       # 每个任务需要多少秒 CPU 时间
slice_ms = 100     # 一个任务占住一个核多久之后，调度器才可能换人
gil = True         # 像 CPython 一样有 GIL 吗？只有确定性模式能把它关掉


def crunch(name):
    # 纯计算：一直空转，直到本线程用满 work_s 秒 CPU 时间。
    end = time.thread_time() + work_s
    while time.thread_time() < end:
        pass
    print(name, "完成")


start = time.time()
workers = [threading.Thread(target=crunch, args=(f"task-{i}",), name=f"task-{i}") for i in range(tasks)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(f"{tasks} 个任务，每个 {work_s} 秒 CPU，{cores} 个核：用时 {time.time() - start:.1f} 秒")
