# gevent.lock for Interleave: semaphores whose blocking acquire switches to the hub.
from greenlet import getcurrent

import gevent


class Semaphore:
    def __init__(self, value=1, hub=None):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self.counter = value
        self._waiters = []

    def locked(self):
        return self.counter <= 0

    def acquire(self, blocking=True, timeout=None):
        while self.counter <= 0:
            if not blocking:
                return False
            me = getcurrent()
            self._waiters.append(me)
            t = gevent.Timeout.start_new(timeout, False) if timeout is not None else None
            try:
                gevent._switch_to_hub()
            except gevent.Timeout as ex:
                if ex is not t:
                    raise
                if me in self._waiters:
                    self._waiters.remove(me)
                return False
            finally:
                if t is not None:
                    t.cancel()
        self.counter -= 1
        return True

    def release(self):
        self.counter += 1
        while self._waiters:
            g = self._waiters.pop(0)
            if not g.dead:
                gevent.get_hub().call_soon(g.switch)
                break
        return self.counter

    def wait(self, timeout=None):
        if self.counter > 0:
            return self.counter
        self.acquire(timeout=timeout)
        self.release()
        return self.counter

    def __enter__(self):
        self.acquire()

    def __exit__(self, *args):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1, hub=None):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self):
        if self.counter >= self._initial_value:
            raise ValueError("Semaphore released too many times")
        return Semaphore.release(self)


class RLock:
    def __init__(self, hub=None):
        self._block = Semaphore(1)
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=None):
        me = getcurrent()
        if self._owner is me:
            self._count += 1
            return True
        if self._block.acquire(blocking, timeout):
            self._owner = me
            self._count = 1
            return True
        return False

    def release(self):
        if self._owner is not getcurrent():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None
            self._block.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()


DummySemaphore = Semaphore
