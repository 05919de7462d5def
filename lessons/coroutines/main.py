# 协程：一个线程里跑很多任务，每个任务自己决定什么时候把执行权交出去。
variant = "gevent"          # "generator" | "greenlet" | "gevent"
tasks = 10                  # 发送几个值、来回切换几轮，或者 gevent 任务的个数
sleep_s = 1                 # gevent：每个任务等待 I/O 的秒数
cooperative_sleep = True    # gevent：给 time.sleep 打补丁，等待时就把执行权交给下一个任务

if variant == "gevent" and cooperative_sleep:
    from gevent import monkey
    monkey.patch_all()      # 必须最先做：从此 time.sleep 不再阻塞，而是切换到别的任务

import threading
import time

output_order = []           # 按顺序记下发生的事（英文事件名，检查要用）
threads_seen = set()        # 用到的操作系统线程 id（gevent 会改 get_ident，但不改 get_native_id）


def note(event, text):
    threads_seen.add(threading.get_native_id())
    output_order.append(event)
    print(text)


def consumer():             # 生成器：只有别人 send 值进来，它才往下跑
    reply = ""
    while True:
        n = yield reply     # 停在这里，等下一次 send()
        note(f"consumer got {n}", f"消费者收到 {n}")
        reply = f"ok {n}"


def ping():
    for n in range(tasks):
        note(f"ping {n}", f"ping {n}")
        pong_greenlet.switch()   # 跳进 pong，正好从它上次停下的地方继续


def pong():
    for n in range(tasks):
        note(f"pong {n}", f"pong {n}")
        ping_greenlet.switch()


def task(i):
    note(f"task {i} starts", f"任务 {i} 开始")
    time.sleep(sleep_s)          # 打过补丁：等待期间，hub 去跑别的任务
    note(f"task {i} ends", f"任务 {i} 结束")


start = time.time()
cpu_start = time.process_time()
if variant == "generator":
    c = consumer()
    next(c)                      # 先让它跑到第一个 yield
    for n in range(tasks):
        note(f"producer sends {n}", f"生产者发送 {n}")
        c.send(n)                # 唤醒消费者；它跑到下一个 yield 又回到这里
    c.close()
elif variant == "greenlet":
    from greenlet import greenlet
    ping_greenlet = greenlet(ping)
    pong_greenlet = greenlet(pong)
    ping_greenlet.switch()       # ping 返回后回到这里
else:
    import gevent
    gevent.joinall([gevent.spawn(task, i) for i in range(tasks)])
elapsed_s = time.time() - start
cpu_s = time.process_time() - cpu_start    # 切换本身也要花一点 CPU
os_threads_used = len(threads_seen)
print(f"{variant}：{len(output_order)} 个事件，用时 {elapsed_s:.2f} 秒，用了 {os_threads_used} 个操作系统线程")
