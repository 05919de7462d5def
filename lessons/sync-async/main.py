# 同步还是异步，阻塞还是非阻塞：调用者怎样把任务交出去，又怎样知道任务做完了。
import threading
import time

style = "sync_blocking"   # "sync_blocking" | "async_blocking" | "sync_polling" | "async_callback"
tasks = 3                 # 调用者要交出去的任务数
task_s = 2                # 每个任务耗时多少秒
poll_s = 0.5              # 调用者自己的活，一段多少秒（轮询时就是两次检查之间的间隔）

results = []
finished_at = []          # 每个任务完成的时刻，从第一次交出任务开始算
polls = 0                 # 检查时发现任务还没做完的次数
caller_free_s = 0.0       # 调用者在干自己的活、而不是在等的时间


def run_task(i, done, on_done=None):
    time.sleep(task_s)                     # 任务的 I/O
    finished_at.append(time.time() - start)
    results.append(i)
    done.set()
    if on_done is not None:
        on_done(i)                         # 回调调用者（在这个工作线程里执行）


def hand_out(i, on_done=None):
    done = threading.Event()
    t = threading.Thread(target=run_task, args=(i, done, on_done))
    t.start()
    return t, done


def other_work(what):
    # 调用者自己的活，每次干 poll_s 秒：这正是它阻塞时干不了的事
    global caller_free_s
    print(f"调用者：{what}")
    t0 = time.time()
    time.sleep(poll_s)
    caller_free_s += time.time() - t0


start = time.time()
if style == "sync_blocking":               # 交一个，坐在桌边等它做完，再交下一个
    for i in range(tasks):
        t, done = hand_out(i)
        t.join()                           # 这段时间里调用者什么别的也干不了
elif style == "async_blocking":            # 一次全交出去，然后等全部做完
    handed = [hand_out(i) for i in range(tasks)]
    for t, done in handed:
        t.join()
elif style == "sync_polling":              # 交一个，时不时走回去看一眼
    for i in range(tasks):
        t, done = hand_out(i)
        while not done.is_set():           # 不阻塞的检查
            polls += 1
            other_work(f"任务 {i} 还没好，先回去干自己的活")
        t.join()                           # 已经做完了：立刻返回
else:                                      # 一次全交出去，做完了回调通知
    all_done = threading.Event()

    def on_done(i):
        print(f"回调：任务 {i} 完成")
        if len(results) == tasks:
            all_done.set()

    handed = [hand_out(i, on_done) for i in range(tasks)]
    while not all_done.is_set():           # 调用者从不去看任务，只管干自己的活，
        other_work("干自己的活")            # 直到最后一个回调到来（演示到此结束）
elapsed = time.time() - start
last_done_s = max(finished_at)             # 最后一个任务完成的时刻
print(f"{style}：用时 {elapsed:.1f} 秒，调用者空闲 {caller_free_s:.1f} 秒，轮询 {polls} 次")
