# 让函数"在进程里跑"的三种写法：传 target 函数、继承 Process，以及自己调用 run() 的坑。
# 然后是 is_alive()、join()、exitcode 和 terminate()。
import multiprocessing
import os
import time

style = "function"        # "function" | "subclass" | "direct_run"
children = 1              # 几个子进程
terminate_after_s = -1    # 启动子进程后过几秒终止它们（-1：不终止）
start_method = "fork"     # "fork"（复制父进程）| "spawn"（新解释器把本文件重新跑一遍）
work_s = 2.5              # 每个任务在最后一行之前睡这么久

# 顶层代码：用 spawn 时，每个子进程都会以 __mp_main__ 模块的身份再跑一遍。
print(f"pid {os.getpid()} 以 {__name__} 的身份运行文件开头")


def work(n, done):
    me = multiprocessing.current_process()
    print(f"{me.name}：任务 {n} 在 pid {os.getpid()} 里运行，父进程 pid {os.getppid()}")
    time.sleep(work_s)
    print(f"{me.name}：任务 {n} 做完了")         # 被终止的子进程走不到这里
    done.put((n, os.getpid(), os.getppid()))     # 子进程改不了父进程的变量


class Worker(multiprocessing.Process):
    def __init__(self, n, done):
        super().__init__(name=f"child-{n}")      # 一定先调用 Process 自己的 __init__
        self.n = n
        self.done = done

    def run(self):                               # start() 会在新进程里调用 run()
        work(self.n, self.done)


if __name__ == "__main__":                       # spawn 出来的子进程跳过这一段
    multiprocessing.set_start_method(start_method)
    done = multiprocessing.SimpleQueue()
    procs = []
    for n in range(children):
        if style == "subclass":
            procs.append(Worker(n, done))
        else:
            # args 是元组：只有一个参数时要写 args=(n,)，(n) 只是 n 本身
            procs.append(multiprocessing.Process(target=work, args=(n, done), name=f"child-{n}"))
    for p in procs:
        if style == "direct_run":
            p.run()                              # 普通的函数调用：work() 就在这里、在父进程里运行
        else:
            p.start()                            # 由一个新进程运行 work()
    alive_before_join = [p.is_alive() for p in procs]
    started = [p for p in procs if p.pid is not None]   # 直接调用 run() 什么进程也没启动
    if terminate_after_s >= 0:
        time.sleep(terminate_after_s)
        for p in started:
            p.terminate()                        # SIGTERM：子进程跑到哪儿就停在哪儿
    for p in started:
        p.join()                                 # 等子进程结束，并回收它
    alive_after_join = [p.is_alive() for p in procs]

    parent_pid = os.getpid()
    pids = [p.pid for p in procs]                # None：从没启动过
    exitcodes = [p.exitcode for p in procs]      # 0 正常，-15 被终止，None 从没启动
    processes_created = sum(1 for p in pids if p is not None)
    reports = []
    while not done.empty():
        reports.append(done.get())
    reports.sort()
    finished = [n for n, pid, ppid in reports]
    ran_in = [pid for n, pid, ppid in reports]
    ppid_of_children = [ppid for n, pid, ppid in reports]
    print("pid：", pids, "退出码：", exitcodes, "做完的任务：", finished)
