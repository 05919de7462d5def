# 运行几个子进程的两种写法：每启动一个就 join 一个，
# 或者先全部启动，再全部 join。
import multiprocessing
import time

pattern = "join_all"      # "join_each" | "join_all"
durations = [1, 2, 3]     # 第 n 个子进程睡 durations[n] 秒


def task(n, seconds):
    print(f"任务 {n}：开始，睡 {seconds} 秒")
    time.sleep(seconds)
    print(f"任务 {n}：完成")


if __name__ == "__main__":
    begin = time.time()
    procs = [multiprocessing.Process(target=task, args=(n, s), name=f"任务 {n}") for n, s in enumerate(durations)]
    if pattern == "join_each":
        for p in procs:
            p.start()
            p.join()          # 父进程在这里等，这个子进程结束后才启动下一个
    else:
        for p in procs:
            p.start()         # 父进程开始等之前，每个子进程都已经在跑了
        for p in procs:
            p.join()          # 等其中一个的时候，其他的还在继续跑
    elapsed_s = round(time.time() - begin, 3)
    print(f"{pattern}：{elapsed_s} 秒")
