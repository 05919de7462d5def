# gevent.queue for Interleave: queues whose blocking get/put switch to the hub.
from queue import Empty, Full

from greenlet import getcurrent

import gevent


class Queue:
    def __init__(self, maxsize=None, items=()):
        self._maxsize = maxsize if maxsize is not None and maxsize > 0 else None
        self._items = list(items)
        self._getters = []
        self._putters = []

    def qsize(self):
        return len(self._items)

    def __len__(self):
        return len(self._items)

    def empty(self):
        return not self._items

    def full(self):
        return self._maxsize is not None and len(self._items) >= self._maxsize

    @property
    def maxsize(self):
        return self._maxsize

    def _wake(self, waiters):
        while waiters:
            g = waiters.pop(0)
            if not g.dead:
                gevent.get_hub().call_soon(g.switch)
                return

    def _wait(self, waiters, block, timeout, error):
        if not block:
            raise error()
        me = getcurrent()
        waiters.append(me)
        t = gevent.Timeout.start_new(timeout, error) if timeout is not None else None
        try:
            gevent._switch_to_hub()
        except BaseException:
            if me in waiters:
                waiters.remove(me)
            raise
        finally:
            if t is not None:
                t.cancel()

    def put(self, item, block=True, timeout=None):
        while self.full():
            self._wait(self._putters, block, timeout, Full)
        self._items.append(item)
        self._wake(self._getters)

    def put_nowait(self, item):
        self.put(item, False)

    def get(self, block=True, timeout=None):
        while not self._items:
            self._wait(self._getters, block, timeout, Empty)
        item = self._items.pop(0)
        self._wake(self._putters)
        return item

    def get_nowait(self):
        return self.get(False)

    def peek(self, block=True, timeout=None):
        while not self._items:
            self._wait(self._getters, block, timeout, Empty)
        return self._items[0]

    def __iter__(self):
        return self

    def __next__(self):
        result = self.get()
        if result is StopIteration:
            raise StopIteration
        return result


class JoinableQueue(Queue):
    def __init__(self, maxsize=None, items=(), unfinished_tasks=None):
        Queue.__init__(self, maxsize, items)
        self.unfinished_tasks = len(self._items) if unfinished_tasks is None else unfinished_tasks
        self._joiners = []

    def put(self, item, block=True, timeout=None):
        Queue.put(self, item, block, timeout)
        self.unfinished_tasks += 1

    def task_done(self):
        if self.unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self.unfinished_tasks -= 1
        if self.unfinished_tasks == 0:
            joiners = self._joiners
            self._joiners = []
            for g in joiners:
                gevent.get_hub().call_soon(g.switch)

    def join(self, timeout=None):
        if self.unfinished_tasks == 0:
            return True
        self._joiners.append(getcurrent())
        gevent._switch_to_hub()
        return True


class LifoQueue(Queue):
    def get(self, block=True, timeout=None):
        while not self._items:
            self._wait(self._getters, block, timeout, Empty)
        item = self._items.pop()
        self._wake(self._putters)
        return item
