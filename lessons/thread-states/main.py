# 线程的一生：新建、就绪、运行、阻塞、死亡；而且一个线程只能启动一次。
import threading
import time

threads = 3            # 工作线程的个数
start_twice = False    # 第一个线程结束后，再启动它一次试试

lock = threading.Lock()


def work(i):
    time.sleep(0.1 * (i + 1))      # 阻塞：在睡眠，就像在等 I/O
    with lock:                     # 如果别的线程拿着锁，又会阻塞
        time.sleep(0.15)           # 拿着锁不放，别的线程只好等着
    total = sum(range(10000))      # 运行：纯计算
    print(f"{threading.current_thread().name} 完成，total = {total}")


workers = [threading.Thread(target=work, args=(i,), name=f"工作线程-{i}") for i in range(threads)]
print("start 之前，is_alive() =", workers[0].is_alive())     # 新建：对象有了，还没启动
for w in workers:
    w.start()                                      # 新建 -> 就绪
print("start 之后，is_alive() =", workers[0].is_alive())
for w in workers:
    w.join()                                       # 主线程阻塞，直到 w 死亡
print("join 之后，is_alive() =", workers[0].is_alive())      # 死亡

error = None
if start_twice:
    try:
        workers[0].start()                         # 死亡的线程不会复活
    except RuntimeError as e:
        error = str(e)
        print("RuntimeError:", error)
