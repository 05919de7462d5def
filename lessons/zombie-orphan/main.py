# 僵尸与孤儿：已经退出的子进程会一直留在进程表里，直到父进程给它收尸（join）；
# 父进程先退出的子进程，会被 init（pid 1）收养。
import multiprocessing
import os
import time
from multiprocessing.connection import wait

scenario = "zombie"   # "zombie"（从不 join）| "reaped"（一结束就收尸）| "orphan"（父进程先退出）
children = 3          # 第 n 个子进程活 n + 1 秒


def child(n, report):
    print(f"子进程 {n}：pid {os.getpid()}，父进程 {os.getppid()}")
    first_ppid = os.getppid()
    time.sleep(n + 1)
    print(f"子进程 {n}：退出，现在的父进程是 {os.getppid()}")
    report.put((n, first_ppid, os.getppid()))


def is_zombie(p):
    """已经退出（sentinel 就绪了），却还没被收尸（pid 还在）。"""
    if not wait([p.sentinel], timeout=0):
        return False                   # 还在运行
    try:
        os.kill(p.pid, 0)              # 信号 0 只是问问这个 pid 在不在
        return True
    except ProcessLookupError:
        return False                   # 已经收尸：pid 没了


def short_lived_parent(report):
    for n in range(children):
        multiprocessing.Process(target=child, args=(n, report), name=f"子进程 {n}").start()
    time.sleep(0.5)
    print(f"父进程 {os.getpid()}：不等子进程，直接退出")
    os._exit(0)                        # 跳过 multiprocessing 的退出处理，否则它会 join 子进程


if __name__ == "__main__":
    report = multiprocessing.SimpleQueue()
    max_zombies = zombies_at_end = zombies_after_join = reparented_to_init = None
    if scenario == "orphan":
        parent = multiprocessing.Process(target=short_lived_parent, args=(report,), name="父进程")
        parent.start()
        parent.join()
        reports = sorted(report.get() for _ in range(children))   # 孤儿们还在跑：等它们报告
        reparented_to_init = sum(1 for n, first, last in reports if first == parent.pid and last == 1)
    else:
        procs = [multiprocessing.Process(target=child, args=(n, report), name=f"子进程 {n}") for n in range(children)]
        for p in procs:
            p.start()
        samples = []
        for second in range(children + 1):
            time.sleep(0.5 if second == 0 else 1)   # 在两次退出的正中间看一眼
            if scenario == "reaped":
                multiprocessing.active_children()   # 给每个已经结束的子进程 join（收尸）
            samples.append(sum(is_zombie(p) for p in procs))
            print(f"t={second + 0.5} 秒：{samples[-1]} 个僵尸")
        max_zombies = max(samples)
        zombies_at_end = samples[-1]
        for p in procs:
            p.join()                                # join 就是收尸
        zombies_after_join = sum(is_zombie(p) for p in procs)
    print("僵尸最多", max_zombies, "最后", zombies_at_end, "join 之后", zombies_after_join,
          "被 init 收养", reparented_to_init)
