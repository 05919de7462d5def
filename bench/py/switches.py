# Two threads of plain loops: in det mode with every bytecode a switch point, each
# bytecode is a scheduling step (bench/py/runtime_rates.sh divides steps by wall time).
import threading

n = 200000


def spin():
    for _ in range(n):
        pass


threads = [threading.Thread(target=spin) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
