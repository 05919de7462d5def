# 子进程改了全局变量，父进程里的值不变；线程改了，父进程里的值就变了。
import multiprocessing
import threading

kind = "processes"    # "processes"（进程）| "threads"（线程）
start = 1             # 任何工作者运行之前，全局变量的值
deltas = [5, 10]      # 第 i 个工作者给全局变量加上 deltas[i]

value = start         # 模块顶层的全局变量


def add(i, delta, seen):
    global value
    value += delta                     # 进程改的是自己那一份副本；线程改的是大家共用的那一个
    print(f"工作者 {i}：加上 {delta}，现在看到 value = {value}")
    seen.put(value)                    # 告诉父进程自己看到了什么


if __name__ == "__main__":
    seen = multiprocessing.SimpleQueue()   # 进程之间、线程之间都能用
    Worker = multiprocessing.Process if kind == "processes" else threading.Thread
    for i, delta in enumerate(deltas):
        w = Worker(target=add, args=(i, delta, seen), name=f"工作者 {i}")   # 泳道上的名字和输出一致
        w.start()
        w.join()                       # 一次只跑一个工作者，线程之间不会争抢 value
    child_seen = [seen.get() for _ in deltas]
    parent_after = value
    print(f"父进程：value = {parent_after}")
