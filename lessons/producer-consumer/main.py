# 生产者和消费者之间隔着一个队列：有界队列让太快的生产者慢下来；用哨兵或 join() 结束工作。
import queue
import threading
import time

variant = "bounded"   # "bounded"（有界）| "joinable"（用 join）| "sentinel"（用哨兵）
producers = 2         # 生产产品的线程数
consumers = 2         # 消费产品的线程数
items = 6             # 每个生产者生产的个数
produce_s = 0.1       # 生产一个产品的时间
consume_s = 0.5       # 消费一个产品的时间
maxsize = 3           # bounded 和 joinable 的队列容量（0 表示不限）

q = queue.Queue(0 if variant == "sentinel" else maxsize)
STOP = None                    # 哨兵："没有产品了，可以下班了"
stats = threading.Lock()       # 保护下面这些统计数据
taken = []
max_queue_len = 0
producer_blocked_s = 0.0


def producer(p):
    global max_queue_len, producer_blocked_s
    for k in range(items):
        time.sleep(produce_s)                  # 生产一个产品
        t0 = time.time()
        q.put((p, k))                          # 队列满了就阻塞
        print(f"生产者 {p} 放入 {(p, k)}")
        with stats:
            producer_blocked_s += time.time() - t0
            max_queue_len = max(max_queue_len, q.qsize())


def consumer(c):
    while True:
        item = q.get()                         # 队列空了就阻塞
        if item is STOP:
            break
        time.sleep(consume_s)                  # 消费这个产品
        print(f"消费者 {c} 用掉 {item}")
        with stats:
            taken.append(item)
        q.task_done()                          # 告诉队列：这个产品处理完了


daemon = variant == "joinable"                 # joinable：消费者永不退出，随主线程一起结束
cons = [threading.Thread(target=consumer, args=(c,), daemon=daemon, name=f"消费者 {c}") for c in range(consumers)]
prods = [threading.Thread(target=producer, args=(p,), name=f"生产者 {p}") for p in range(producers)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
produced = producers * items

if variant == "joinable":
    q.join()                   # 每个放进去的产品都调用过 task_done() 后才返回
    consumed = len(taken)      # 此刻就数：join() 不能提前返回
else:
    for _ in cons:
        q.put(STOP)            # 每个消费者一个哨兵
    for t in cons:
        t.join()
    consumed = len(taken)
duplicates = len(taken) - len(set(taken))
print(f"生产了 {produced} 个，消费了 {consumed} 个，重复 {duplicates} 个，"
      f"队列最长 {max_queue_len}，生产者共阻塞 {producer_blocked_s:.1f} 秒")
