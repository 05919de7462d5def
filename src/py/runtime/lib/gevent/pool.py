# gevent.pool for Interleave: Group and Pool (a Group with a size limit).
import gevent
from gevent.lock import Semaphore


class Group:
    def __init__(self, *args):
        self.greenlets = set()

    def __len__(self):
        return len(self.greenlets)

    def __contains__(self, g):
        return g in self.greenlets

    def __iter__(self):
        return iter(list(self.greenlets))

    def add(self, g):
        self.greenlets.add(g)
        g.rawlink(self._discard)

    def discard(self, g):
        self._discard(g)

    def _discard(self, g):
        self.greenlets.discard(g)

    def spawn(self, function, *args, **kwargs):
        g = gevent.Greenlet(function, *args, **kwargs)
        self.start(g)
        return g

    def start(self, g):
        self.add(g)
        g.start()

    def join(self, timeout=None, raise_error=False):
        gevent.joinall(list(self.greenlets), timeout=timeout, raise_error=raise_error)
        return not self.greenlets

    def kill(self, exception=gevent.GreenletExit, block=True, timeout=None):
        gevent.killall(list(self.greenlets), exception, block, timeout)

    def apply(self, func, args=None, kwds=None):
        return self.spawn(func, *(args or ()), **(kwds or {})).get()

    def apply_async(self, func, args=None, kwds=None, callback=None):
        g = self.spawn(func, *(args or ()), **(kwds or {}))
        if callback is not None:
            g.rawlink(lambda done: callback(done.value) if done.successful() else None)
        return g

    def map(self, func, iterable):
        return [g.get() for g in [self.spawn(func, item) for item in iterable]]

    def imap(self, func, *iterables):
        return iter(self.map(lambda args: func(*args), list(zip(*iterables))))

    def imap_unordered(self, func, *iterables):
        return self.imap(func, *iterables)


class Pool(Group):
    def __init__(self, size=None, greenlet_class=None):
        if size is not None and size < 0:
            raise ValueError("size must not be negative: %r" % (size,))
        Group.__init__(self)
        self.size = size
        self._semaphore = Semaphore(size) if size else None

    def wait_available(self, timeout=None):
        if self._semaphore is not None:
            self._semaphore.wait(timeout)

    def full(self):
        return self._semaphore is not None and self._semaphore.counter <= 0

    def free_count(self):
        if self.size is None:
            return 1
        return max(0, self.size - len(self))

    def add(self, g):
        if self._semaphore is not None:
            self._semaphore.acquire()
        Group.add(self, g)

    def _discard(self, g):
        if g in self.greenlets:
            Group._discard(self, g)
            if self._semaphore is not None:
                self._semaphore.release()
