# 进程池：任务在队列里排队，等有空闲的工作进程再执行，始终是那几个进程轮流跑完所有任务。
# 每个任务开一个新进程，则每次都要付一次启动的代价。
import multiprocessing
import time

workers = 3                  # 池里的进程数
api = "apply_async"          # "apply_async" | "apply" | "map" | "callback" | "process_per_task"
durations = [3, 3, 3, 3, 3]  # 每个任务的耗时（秒）


def task(i):
    time.sleep(durations[i])                      # 任务本身的工作
    me = multiprocessing.current_process().name   # 是哪个工作进程跑的
    print(f"任务 {i} 由 {me} 完成")
    return i * i, me


def task_to_queue(i, q):
    q.put((i, task(i)))                           # 普通的 Process 没有返回值，只能放进队列


if __name__ == "__main__":
    start = time.time()
    done = []                                     # 按回来的先后记下 (i, (结果, 工作进程))
    if api == "process_per_task":
        q = multiprocessing.Queue()
        ps = [multiprocessing.Process(target=task_to_queue, args=(i, q)) for i in range(len(durations))]
        for p in ps:
            p.start()                             # 每个任务一个新进程
        done = [q.get() for _ in ps]
        for p in ps:
            p.join()
    else:
        pool = multiprocessing.Pool(workers)      # 工作进程只在这里启动一次
        if api == "apply":
            for i in range(len(durations)):
                done.append((i, pool.apply(task, (i,))))    # 阻塞，直到这个任务做完
        elif api == "apply_async":
            handles = [pool.apply_async(task, (i,)) for i in range(len(durations))]   # 立刻返回
            done = [(i, h.get()) for i, h in enumerate(handles)]                     # get() 才等待
        elif api == "map":
            done = list(enumerate(pool.map(task, range(len(durations)), chunksize=1)))   # 按输入顺序
        else:
            for i in range(len(durations)):
                # 任务做完时，回调在父进程里（进程池的结果线程中）执行
                pool.apply_async(task, (i,), callback=lambda r, i=i: done.append((i, r)))
        pool.close()                              # 不再提交任务……
        pool.join()                               # ……等工作进程把手上的任务做完
    arrival_order = [i for i, _ in done]          # 结果回到父进程的顺序
    results = [r for _, (r, _) in sorted(done)]
    worker_of_task = [w for _, (_, w) in sorted(done)]
    distinct_workers = len(set(worker_of_task))
    print(f"{api}：{len(durations)} 个任务用了 {distinct_workers} 个进程，耗时 {time.time() - start:.2f} 秒")
