# gevent.event for Interleave: Event and AsyncResult, waking waiters through the hub.
from greenlet import getcurrent

import gevent


class Event:
    def __init__(self):
        self._flag = False
        self._waiters = []

    def is_set(self):
        return self._flag

    isSet = is_set
    ready = is_set

    def set(self):
        self._flag = True
        waiters = self._waiters
        self._waiters = []
        for g in waiters:
            gevent.get_hub().call_soon(g.switch)

    def clear(self):
        self._flag = False

    def wait(self, timeout=None):
        if self._flag:
            return True
        me = getcurrent()
        self._waiters.append(me)
        t = gevent.Timeout.start_new(timeout, False) if timeout is not None else None
        try:
            gevent._switch_to_hub()
        except gevent.Timeout as ex:
            if ex is not t:
                raise
        finally:
            if me in self._waiters:
                self._waiters.remove(me)
            if t is not None:
                t.cancel()
        return self._flag


class AsyncResult(Event):
    def __init__(self):
        Event.__init__(self)
        self.value = None
        self._exception = None

    def set(self, value=None):
        self.value = value
        Event.set(self)

    def set_exception(self, exception):
        self._exception = exception
        Event.set(self)

    @property
    def exception(self):
        return self._exception

    def successful(self):
        return self._flag and self._exception is None

    def get(self, block=True, timeout=None):
        if not self._flag:
            if not block:
                raise gevent.Timeout()
            if not self.wait(timeout):
                raise gevent.Timeout(timeout)
        if self._exception is not None:
            raise self._exception
        return self.value
