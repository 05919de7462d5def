# 创建线程的两种写法（传一个目标函数，或者继承 Thread），以及随着时间推移有几个线程活着。
import threading
import time

style = "function"    # "function"（目标函数）| "subclass"（子类）
threads = 2           # 工作线程的个数
loops = [3, 2]        # 每个线程的步数（第 i 个线程走 loops[i % len(loops)] 步）
step_s = 1            # 每一步的耗时


def work(steps):
    me = threading.current_thread()
    for i in range(steps):
        print(f"{me.name}：第 {i + 1} 步，共 {steps} 步")
        time.sleep(step_s)


class Worker(threading.Thread):
    def __init__(self, steps):
        super().__init__()            # 一定要先调用 Thread 自己的 __init__
        self.steps = steps

    def run(self):                    # start() 会在新线程里调用 run()
        work(self.steps)


workers = []
for i in range(threads):
    steps = loops[i % len(loops)]
    if style == "function":
        workers.append(threading.Thread(target=work, args=(steps,)))
    else:
        workers.append(Worker(steps))
for w in workers:
    w.start()

# 主线程在每个步与步的交界之后半步的时候，数一数活着的线程。
active_count_samples = []
time.sleep(step_s / 2)
while True:
    n = threading.active_count()      # 包括主线程自己
    active_count_samples.append(n)
    names = [t.name for t in threading.enumerate()]
    print(f"{threading.current_thread().name} 看到 {n} 个活着的线程：{names}")
    if n == 1:
        break
    time.sleep(step_s)
for w in workers:
    w.join()
print("采样 =", active_count_samples)
