# A lock taken inside __str__/__repr__ and key functions that builtins call back (no other
# thread holds it), str.format's nested fields numbered after their field, and the module
# a library class's repr names.
import queue
import threading


class Account:
    def __init__(self):
        self.lock = threading.Lock()
        self.balance = 5

    def __str__(self):
        with self.lock:
            return f"Account({self.balance})"

    __repr__ = __str__


acct = Account()
print(str(acct), [acct], f"{acct}", "{}".format(acct), repr({"a": acct}))
print(sorted([3, 1, 2], key=lambda x: (acct.lock.acquire(), acct.lock.release(), -x)[2]))
print(max([3, 1, 2], key=lambda x: (acct.lock.acquire(), acct.lock.release(), x)[2]))
print("{:{}}|".format(1.5, 10), "{:{}.{}}|{}".format(3.14159, 8, 3, "x"), "{0:{1}}|".format("a", 4),
      "{:>{w}}|".format("b", w=3), "{:{}}{}".format("c", 3, "d"))
print(queue.Queue, threading.Thread, threading.Lock().__class__.__name__)


class Local:
    pass


print(Local, repr(Local()).split(" object")[0])
