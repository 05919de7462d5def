# 守护子进程在主程序结束时被终止；非守护的子进程，程序会等它做完。
import multiprocessing
import threading
import time

kind = "process"        # "process"（进程）| "thread"（线程）
daemon = True           # 守护的子进程/线程不会拖住程序
child_s = 3             # 子进程/线程要干这么多秒
main_s = 1              # 主程序干这么多秒，然后走到程序末尾
other_thread_s = -1     # 另一个非守护线程要干这么多秒（负数：没有这个线程）

# 子线程会改这个变量；子进程只能改它自己的那份副本（见"进程不共享内存"一课）。
child_finished = None if kind == "process" else False


def child():
    global child_finished
    print(f"child（{'守护' if daemon else '非守护'}）：要干 {child_s} 秒")
    time.sleep(child_s)
    child_finished = True
    print("child：干完了")              # 被提前终止的守护子进程走不到这里


def other():
    time.sleep(other_thread_s)
    print("other 线程：干完了")


if __name__ == "__main__":
    Worker = multiprocessing.Process if kind == "process" else threading.Thread
    Worker(target=child, daemon=daemon, name="child").start()
    if other_thread_s >= 0:
        threading.Thread(target=other, name="other").start()   # 不是守护线程
    time.sleep(main_s)
    print("主程序：走到了程序末尾")
    # 这里没有 join()。程序结束时先等所有非守护线程，再终止守护子进程、等待其余子进程；
    # 守护线程则直接停下。
