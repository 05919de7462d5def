# 唱歌和跳舞：同样两个任务，一个接一个做、用两个线程做、或用两个进程做。
import threading
import time

mode = "threads"      # "serial"（串行）| "threads"（线程）| "processes"（进程）
sing_loops = 3        # 唱几句
dance_loops = 2       # 跳几步
step_s = 1            # 每句、每步要这么久（用 sleep 代表等待）


def sing(loops):
    for i in range(loops):
        print("唱歌", i + 1)
        time.sleep(step_s)


def dance(loops):
    for i in range(loops):
        print("跳舞", i + 1)
        time.sleep(step_s)


if __name__ == "__main__":
    start = time.time()
    if mode == "serial":
        sing(sing_loops)           # 唱完了才轮到跳舞
        dance(dance_loops)
    else:
        if mode == "threads":
            Worker = threading.Thread
        else:
            import multiprocessing    # 每个工作者有自己的解释器
            Worker = multiprocessing.Process
        workers = [Worker(target=sing, args=(sing_loops,), name="唱歌"),    # 名字和它打印的一致
                   Worker(target=dance, args=(dance_loops,), name="跳舞")]
        for w in workers:
            w.start()              # 现在两个任务都在进行
        for w in workers:
            w.join()               # 等两个都做完
    print(f"{mode}：{time.time() - start:.1f} 秒")
