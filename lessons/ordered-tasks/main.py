# 严格轮流：每个线程一把锁，除了第一把都先锁上，每个线程做完就解开下一个线程的锁。
import threading

threads = 3     # 几个线程轮流
rounds = 3      # 每个线程打印几行

locks = [threading.Lock() for _ in range(threads)]
for lk in locks[1:]:
    lk.acquire()                # 只有 0 号线程可以先走
order = []


def task(i):
    for r in range(rounds):
        locks[i].acquire()                      # 等轮到我
        print(f"thread-{i}：第 {r + 1} 轮")
        order.append(i)
        locks[(i + 1) % threads].release()      # 把机会交给下一个线程


workers = [threading.Thread(target=task, args=(i,), name=f"thread-{i}") for i in range(threads)]
for w in reversed(workers):     # 倒着启动：启动顺序无关紧要
    w.start()
for w in workers:
    w.join()
print("顺序：", order)
