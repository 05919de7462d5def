# Two CPU-bound threads for 0.5 s: in free mode with a tiny switch interval, how often
# the GIL changes hands (bench/py/runtime_rates.sh divides the hand-offs by wall time).
import threading
import time

seconds = 0.5


def spin():
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


threads = [threading.Thread(target=spin) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
