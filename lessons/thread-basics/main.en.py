# Two ways to make a thread (a target function, or a subclass of Thread) and how many threads are alive over time.
import threading
import time

style = "function"    # "function" | "subclass"
threads = 2           # how many worker threads
loops = [3, 2]        # steps per thread (thread i does loops[i % len(loops)] steps)
step_s = 1            # one step takes this long


def work(steps):
    me = threading.current_thread()
    for i in range(steps):
        print(f"{me.name}: step {i + 1} of {steps}")
        time.sleep(step_s)


class Worker(threading.Thread):
    def __init__(self, steps):
        super().__init__()            # always call Thread's own __init__ first
        self.steps = steps

    def run(self):                    # start() calls run() in the new thread
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

# The main thread samples the live threads half a step after each step boundary.
active_count_samples = []
time.sleep(step_s / 2)
while True:
    n = threading.active_count()      # includes the main thread
    active_count_samples.append(n)
    names = [t.name for t in threading.enumerate()]
    print(f"{threading.current_thread().name} sees {n} alive: {names}")
    if n == 1:
        break
    time.sleep(step_s)
for w in workers:
    w.join()
print("samples:", active_count_samples)
