# 事件循环：一个线程里跑很多任务，只在 await 处切换。
import asyncio
import os
import threading
import time

tasks = 5               # 事件循环同时跑几个任务
sleep_s = 1             # 每个任务等待 I/O 的秒数
blocking = False        # True：任务调用 time.sleep，它永远不会把循环交回去
use_to_thread = False   # 配合 blocking：把阻塞调用放到工作线程里去跑

workers = min(32, os.cpu_count() + 4)   # asyncio.to_thread 背后线程池的大小
threads_seen = set()    # 跑过任务代码的操作系统线程
loop_stalls_s = 0.0     # 任务霸占循环、让它没法切换的总时间


def blocking_io():
    threads_seen.add(threading.get_ident())
    time.sleep(sleep_s)                       # 阻塞调用它的那个线程


async def task(i):
    global loop_stalls_s
    threads_seen.add(threading.get_ident())
    if not blocking:
        await asyncio.sleep(sleep_s)          # 把循环交回去，睡完再回来
    elif use_to_thread:
        await asyncio.to_thread(blocking_io)  # 阻塞的是工作线程，循环照常运转
    else:
        t0 = time.time()
        blocking_io()                         # 循环本身被阻塞：谁也跑不了
        loop_stalls_s += time.time() - t0
    if i < 3 or i == tasks - 1:
        print(f"任务 {i} 在第 {time.time() - start:.1f} 秒完成")
    return i


async def main():
    return await asyncio.gather(*(task(i) for i in range(tasks)))


start = time.time()
cpu_start = time.process_time()
order = asyncio.run(main())                   # gather 按参数的顺序返回结果
elapsed_s = time.time() - start
cpu_s = time.process_time() - cpu_start  # CPU 开销：循环启动、唤醒、切换任务
os_threads_used = len(threads_seen)
print(f"{tasks} 个任务用时 {elapsed_s:.2f} 秒，用了 {os_threads_used} 个线程，循环被卡住 {loop_stalls_s:.1f} 秒，"
      f"CPU {cpu_s:.2f} 秒")
