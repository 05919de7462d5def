# warnings (shown once per place, DeprecationWarning from __main__, filters, catch_warnings)
# and atexit (last registered first, after the non-daemon threads, errors reported).
import atexit
import sys
import threading
import time
import warnings

warnings.showwarning = lambda message, category, filename, lineno, file=None, line=None: print(
    "warning:", category.__name__, message, lineno)


def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)


for _ in range(3):
    old_api()
warnings.warn("plain")
warnings.warn("plain")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("recorded", RuntimeWarning)
    warnings.warn("recorded", RuntimeWarning)
print([str(w.message) for w in caught], caught[0].category.__name__)
warnings.simplefilter("error", UserWarning)
try:
    warnings.warn("now an error")
except UserWarning as e:
    print("UserWarning raised:", e)
warnings.resetwarnings()
warnings.simplefilter("ignore")
warnings.warn("ignored")

t = threading.Thread(target=lambda: None)
t.setDaemon(False)
print(t.getName() == t.name, threading.currentThread() is threading.main_thread())


def bye(who, punct="!"):
    print("bye", who + punct)


def slow():
    time.sleep(0.05)
    print("worker done")


atexit.register(bye, "first")
atexit.register(bye, "second", punct="?")
atexit.register(print, "never")
atexit.unregister(print)
threading.Thread(target=slow).start()
print("main ends")
