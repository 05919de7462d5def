# ThreadPoolExecutor：固定的几个工作线程跑很多任务；结果可以按提交顺序、输入顺序或完成顺序拿到。
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

workers = 4          # 池里的线程数
api = "submit"       # "submit" | "map" | "as_completed" | "callback"
durations = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]   # 每个任务的耗时（秒）
first_k = 0          # as_completed：拿到前 k 个结果就停（0 表示全部）


def task(i):
    time.sleep(durations[i])               # 任务的 I/O
    print(f"任务 {i} 在 {threading.current_thread().name} 里完成")
    return i


def on_done(fut):
    # 在做完这个任务的工作线程里运行（登记时 fut 已经做完的话，就在登记它的线程里运行）
    print(f"任务 {fut.result()} 的回调运行在 {threading.current_thread().name} 里")
    result_order.append(fut.result())


result_order = []
start = time.time()
with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="工作线程") as pool:
    if api == "submit":
        futures = [pool.submit(task, i) for i in range(len(durations))]   # 立刻返回一批 Future
        for f in futures:
            result_order.append(f.result())    # 阻塞，直到这个任务做完
    elif api == "map":
        for r in pool.map(task, range(len(durations))):
            result_order.append(r)             # 总是按输入顺序
    elif api == "as_completed":
        futures = [pool.submit(task, i) for i in range(len(durations))]
        for f in as_completed(futures):        # 谁先做完谁先来
            result_order.append(f.result())
            if len(result_order) == first_k:
                pool.shutdown(wait=False, cancel_futures=True)   # 够了：还没开始的任务都取消
                break
    else:
        for i in range(len(durations)):
            pool.submit(task, i).add_done_callback(on_done)   # fut 做完时调用 on_done(fut)
# 离开 with 块时会调用 pool.shutdown(wait=True)：等还在排队或正在运行的任务全部做完
print(f"{api}：结果 {result_order}，耗时 {time.time() - start:.1f} 秒")
