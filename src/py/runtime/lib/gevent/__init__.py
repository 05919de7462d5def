# gevent for Interleave: greenlets scheduled by a hub (one per thread), as the gevent
# package does: spawn() queues a greenlet to start on the hub's next turn, gevent.sleep()
# and the blocking calls of gevent's queue, lock and event switch to the hub, which runs
# callbacks in FIFO order and timers on the run's clock. A plain time.sleep() blocks the
# whole thread - every greenlet stalls - until monkey.patch_all() makes it cooperative.
import sys
import time as _time

import _greenlet
import _interleave as _il
from greenlet import GreenletExit, getcurrent, greenlet

_real_sleep = _time.sleep
_real_monotonic = _time.monotonic
_IO_POLL_S = 0.001      # how often the hub looks at the sockets its greenlets wait for
__version__ = "22.10.2"


class LoopExit(Exception):
    pass


class ConcurrentObjectUseError(AssertionError):
    # Two greenlets waiting on one socket at once, as gevent refuses it.
    pass


class Timeout(BaseException):
    def __init__(self, seconds=None, exception=None, ref=True, priority=-1):
        BaseException.__init__(self)
        self.seconds = seconds
        self.exception = exception
        self._timer = None

    def start(self):
        if self.pending:
            raise AssertionError("%r is already started; to restart it, cancel it first" % self)
        if self.seconds is None:
            return
        target = getcurrent()
        error = self if self.exception is None or self.exception is False else self.exception
        self._timer = get_hub().call_later(self.seconds, self._expire, target, error)

    def _expire(self, target, error):
        self._timer = None
        target.throw(error)

    @classmethod
    def start_new(cls, timeout=None, exception=None, ref=True):
        if isinstance(timeout, Timeout):
            if not timeout.pending:
                timeout.start()
            return timeout
        t = cls(timeout, exception)
        t.start()
        return t

    @property
    def pending(self):
        return self._timer is not None

    def cancel(self):
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    close = cancel

    def __str__(self):
        if self.seconds is None:
            return ""
        suffix = "" if self.seconds == 1 else "s"
        if self.exception is None:
            return "%s second%s" % (self.seconds, suffix)
        if self.exception is False:
            return "%s second%s (silent)" % (self.seconds, suffix)
        return "%s second%s: %s" % (self.seconds, suffix, self.exception)

    def __repr__(self):
        return "Timeout(seconds=%r)" % (self.seconds,)

    def __enter__(self):
        if not self.pending:
            self.start()
        return self

    def __exit__(self, typ, value, tb):
        self.cancel()
        if value is self and self.exception is False:
            return True
        return None


def with_timeout(seconds, function, *args, **kwds):
    timeout_value = kwds.pop("timeout_value", Timeout)
    timeout = Timeout.start_new(seconds)
    try:
        try:
            return function(*args, **kwds)
        except Timeout as t:
            if t is timeout and timeout_value is not Timeout:
                return timeout_value
            raise
    finally:
        timeout.cancel()


# ---- the hub
class _Handle:
    def __init__(self, when, order, callback, args):
        self.when = when
        self.order = order
        self.callback = callback
        self.args = args
        self.cancelled = False

    def cancel(self):
        self.cancelled = True


class Hub(greenlet):
    def __init__(self):
        greenlet.__init__(self, parent=getcurrent())
        self._callbacks = []
        self._todo = []   # this round's callbacks not run yet (step mode may reorder them)
        self._timers = []
        self._order = 0
        self._io = {}   # channel -> the greenlet waiting for a message on it (wait_readable)

    def call_soon(self, callback, *args):
        self._order += 1
        handle = _Handle(None, self._order, callback, args)
        self._callbacks.append(handle)
        return handle

    def call_later(self, seconds, callback, *args):
        self._order += 1
        handle = _Handle(_real_monotonic() + max(seconds, 0), self._order, callback, args)
        i = len(self._timers)
        while i > 0 and (self._timers[i - 1].when, self._timers[i - 1].order) > (handle.when, handle.order):
            i -= 1
        self._timers.insert(i, handle)
        return handle

    def wait_readable(self, channel, timeout=None):
        # Blocks the calling greenlet until `channel` (a socket's, socket.py) has a message or
        # is closed: True, or False once `timeout` seconds have passed. The hub looks at every
        # waited-on channel in one native call per poll, as libev's poller does, instead of
        # each greenlet polling.
        current = getcurrent()
        if current is self:
            raise AssertionError("Impossible to call blocking function in the event loop callback")
        if channel in self._io:
            raise ConcurrentObjectUseError("This socket is already used by another greenlet: %r" % (self._io[channel],))
        self._io[channel] = current
        timer = None if timeout is None else self.call_later(timeout, self._io_timeout, channel, current)
        try:
            return self.switch()
        finally:
            if timer is not None:
                timer.cancel()
            if self._io.get(channel) is current:
                del self._io[channel]

    def _io_timeout(self, channel, waiter):
        if self._io.get(channel) is waiter:
            del self._io[channel]
            waiter.switch(False)

    def _poll_io(self):
        # Hands every ready channel back to its greenlet; True when there were some.
        ready = _il.channels_ready(list(self._io))
        for channel in ready:
            self.call_soon(self._io.pop(channel).switch, True)
        return bool(ready)

    def run(self):
        while True:
            self._run_callbacks()
            if self._callbacks:
                continue
            if self._io and self._poll_io():
                continue
            while self._timers and self._timers[0].cancelled:
                self._timers.pop(0)
            if not self._timers and not self._io:
                raise LoopExit("This operation would block forever")
            delay = self._timers[0].when - _real_monotonic() if self._timers else _IO_POLL_S
            if self._io:
                delay = min(delay, _IO_POLL_S)   # channels are looked at again every millisecond
            if delay > 0:
                _real_sleep(delay)
            now = _real_monotonic() + 1e-9
            while self._timers and self._timers[0].when <= now:
                handle = self._timers.pop(0)
                if not handle.cancelled:
                    self._callbacks.append(handle)

    def _run_callbacks(self):
        # Taken one at a time from self._todo, so that det step mode can choose which ready
        # greenlet runs next (Program::choose_coroutine moves its handle to the front).
        todo = self._todo = self._callbacks
        self._callbacks = []
        while todo:
            handle = todo.pop(0)
            if handle.cancelled:
                continue
            try:
                handle.callback(*handle.args)
            except BaseException as e:
                print("Traceback (most recent call last): ... %s: %s" % (type(e).__name__, e), file=sys.stderr)

    def wait(self):
        # Blocks the calling greenlet until something switches back to it.
        return self.switch()


_hubs = {}


def get_hub():
    # One hub per OS thread: the thread's own ident, which monkey-patching does not change.
    import _interleave
    key = _interleave.get_ident()
    hub = _hubs.get(key)
    if hub is None or hub.dead:
        hub = Hub()
        _hubs[key] = hub
    return hub


def _switch_to_hub():
    hub = get_hub()
    if getcurrent() is hub:
        raise AssertionError("Impossible to call blocking function in the event loop callback")
    return hub.switch()


def sleep(seconds=0, ref=True):
    hub = get_hub()
    current = getcurrent()
    if seconds <= 0:
        hub.call_soon(current.switch)
    else:
        hub.call_later(seconds, current.switch)
    _switch_to_hub()


def idle(priority=0):
    sleep(0)


# ---- greenlets
_greenlet_counter = 0


class Greenlet(greenlet):
    def __init__(self, run=None, *args, **kwargs):
        global _greenlet_counter
        greenlet.__init__(self, parent=get_hub())
        if run is not None:
            self._run = run
        self.args = args
        self.kwargs = kwargs
        self.value = None
        self._exc_info = None
        self._links = []
        self._start_event = None
        self._killed_before_start = False
        self.name = "Greenlet-%d" % _greenlet_counter
        _greenlet_counter += 1

    def __repr__(self):
        fn = getattr(self, "_run", None)
        label = getattr(fn, "__name__", "_run")
        if self.args:
            label += "(%s)" % ", ".join(repr(a) for a in self.args)
        return "<%s at %s: %s>" % (type(self).__name__, hex(id(self)), label)

    @classmethod
    def spawn(cls, *args, **kwargs):
        g = cls(*args, **kwargs)
        g.start()
        return g

    @classmethod
    def spawn_later(cls, seconds, *args, **kwargs):
        g = cls(*args, **kwargs)
        g.start_later(seconds)
        return g

    def start(self):
        if self._start_event is None:
            self._start_event = get_hub().call_soon(self.switch)

    def start_later(self, seconds):
        if self._start_event is None:
            self._start_event = get_hub().call_later(seconds, self.switch)

    @property
    def started(self):
        return bool(self) or self.dead

    @property
    def exception(self):
        return self._exc_info[1] if self._exc_info is not None else None

    @property
    def dead(self):
        return self._killed_before_start or _greenlet.info(self._handle, "dead")

    def ready(self):
        return self._exc_info is not None or self.dead

    def successful(self):
        return self._exc_info is not None and self._exc_info[1] is None

    def run(self):
        try:
            result = self._run(*self.args, **self.kwargs)
        except GreenletExit as e:
            self._report_result(e)
            return
        except BaseException as e:
            self._report_error(e)
            return
        self._report_result(result)

    def _run(self):
        return None

    def _report_result(self, result):
        self.value = result
        self._exc_info = (None, None, None)
        self._notify_links()

    def _report_error(self, exc):
        self._exc_info = (type(exc), exc, None)
        import _interleave
        _interleave.print_exception("", exc)  # the traceback, as gevent prints it
        stamp = _time.strftime("%Y-%m-%dT%H:%M:%SZ", _time.gmtime())
        print("%s %r failed with %s" % (stamp, self, type(exc).__name__), file=sys.stderr)
        print("", file=sys.stderr)
        self._notify_links()

    def _notify_links(self):
        if self._links:
            get_hub().call_soon(self._run_links)

    def _run_links(self):
        links = self._links
        self._links = []
        for link in links:
            link(self)

    def rawlink(self, callback):
        self._links.append(callback)
        if self.ready() and len(self._links) == 1:
            get_hub().call_soon(self._run_links)

    link = rawlink

    def unlink(self, callback):
        self._links = [l for l in self._links if l is not callback]

    def join(self, timeout=None):
        if self.ready():
            return
        current = getcurrent()

        def wake(_):
            current.switch()
        self.rawlink(wake)
        t = Timeout.start_new(timeout) if timeout is not None else None
        try:
            _switch_to_hub()
        except Timeout as ex:
            if ex is not t:
                raise
        finally:
            self.unlink(wake)
            if t is not None:
                t.cancel()

    def get(self, block=True, timeout=None):
        if self.ready():
            if self.successful():
                return self.value
            raise self._exc_info[1]
        if not block:
            raise Timeout()
        self.join(timeout)
        if not self.ready():
            raise Timeout(timeout)
        if self.successful():
            return self.value
        raise self._exc_info[1]

    def kill(self, exception=GreenletExit, block=True, timeout=None):
        if self._start_event is not None and not self:
            if not self.dead:  # never started: it never will
                self._start_event.cancel()
                self._killed_before_start = True
                exc = exception() if isinstance(exception, type) else exception
                self._report_result(exc)
            return
        if self.dead:
            return
        exc = exception() if isinstance(exception, type) else exception
        get_hub().call_soon(self.throw, exc)
        if block:
            self.join(timeout)


def spawn(function, *args, **kwargs):
    return Greenlet.spawn(function, *args, **kwargs)


def spawn_later(seconds, function, *args, **kwargs):
    return Greenlet.spawn_later(seconds, function, *args, **kwargs)


def joinall(greenlets, timeout=None, raise_error=False, count=None):
    greenlets = list(greenlets)
    done = []
    t = Timeout.start_new(timeout) if timeout is not None else None
    try:
        for g in greenlets:
            g.join()
            done.append(g)
            if raise_error and g.exception is not None:
                raise g.exception
            if count is not None and len(done) >= count:
                break
    except Timeout as ex:
        if ex is not t:
            raise
    finally:
        if t is not None:
            t.cancel()
    return done


def killall(greenlets, exception=GreenletExit, block=True, timeout=None):
    for g in list(greenlets):
        g.kill(exception, block=False)
    if block:
        joinall(greenlets, timeout=timeout)


def wait(objects=None, timeout=None, count=None):
    return joinall(objects or [], timeout=timeout, count=count)


def signal_handler(*args, **kwargs):
    raise NotImplementedError("signal handlers are not simulated by Interleave")


class _Exceptions:
    LoopExit = LoopExit
    ConcurrentObjectUseError = ConcurrentObjectUseError


exceptions = _Exceptions()
