# 栅栏让每个线程在一个阶段结束时停下，等所有人都到齐，谁也不能抢先进入下一阶段。
import threading
import time

workers = 3             # 分阶段工作的线程数
phases = 3              # 每个线程要做几个阶段
durations = [1, 2, 3]   # 线程 i 做一个阶段要几秒（durations[i % len(durations)]）
use_barrier = True      # 关掉它，快的线程就会跑到前面去

barrier = threading.Barrier(workers, action=lambda: print("--- 全员到齐 ---"))
lock = threading.Lock()
finished = [0] * workers     # 每个线程已做完的阶段数
overtakes = 0                # 有线程开始新阶段时，还有人停在更早的阶段
phases_done = 0


def worker(i):
    global overtakes, phases_done
    for p in range(phases):
        with lock:
            if any(f < p for f in finished):
                overtakes += 1
        print(f"worker-{i} 开始第 {p + 1} 阶段")
        time.sleep(durations[i % len(durations)])
        with lock:
            finished[i] += 1
            phases_done += 1
        if use_barrier:
            barrier.wait()       # 阻塞，直到 `workers` 个线程都调用了 wait()


threads = [threading.Thread(target=worker, args=(i,), name=f"worker-{i}") for i in range(workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"共完成 {phases_done} 个阶段，抢跑 {overtakes} 次")
