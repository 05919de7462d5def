# threading for Interleave. The primitives (locks, semaphores, conditions, events,
# barriers) are the run's instrumented engine objects from _interleave; this module adds
# CPython's Python-level behaviour on top: the Thread class and its names, Timer, local,
# enumerate() and the wait for non-daemon threads when the main thread ends.
import _interleave as _il

Lock = _il.lock
RLock = _il.RLock
Semaphore = _il.Semaphore
BoundedSemaphore = _il.BoundedSemaphore
Condition = _il.Condition
Event = _il.Event
Barrier = _il.Barrier
BrokenBarrierError = _il.BrokenBarrierError
ThreadError = RuntimeError
get_ident = _il.get_ident
get_native_id = _il.get_ident
TIMEOUT_MAX = 4294967.0

_active = {}        # ident -> Thread, for every thread that has started and not finished
_counter = 0        # for the default names Thread-1, Thread-2, ...


def _newname(template="Thread-%d"):
    global _counter
    _counter += 1
    return template % _counter


def _wait_for(self, predicate, timeout=None):
    # Condition.wait_for: the predicate is Python code, so the loop is too.
    endtime = None
    waittime = timeout
    result = predicate()
    while not result:
        if waittime is not None:
            if endtime is None:
                endtime = _il.monotonic() + waittime
            else:
                waittime = endtime - _il.monotonic()
                if waittime <= 0:
                    break
        self.wait(waittime)
        result = predicate()
    return result


Condition.wait_for = _wait_for


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if group is not None:
            raise AssertionError("group argument must be None for now")
        if name:
            name = str(name)
        else:
            name = _newname()
            if target is not None:
                try:
                    name += f" ({target.__name__})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = tuple(args)
        self._kwargs = {} if kwargs is None else kwargs
        self._daemonic = current_thread().daemon if daemon is None else bool(daemon)
        self._ident = None
        self._started = False

    def start(self):
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        # Registers self in _active under its ident before the new thread can run.
        self._ident = _il.start_thread(self._bootstrap, self._name, self._daemonic, _active, self)

    def _bootstrap(self):
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as e:
            _il.print_thread_exception(self._name, e)
        finally:
            _active.pop(self._ident, None)

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        _il.join_thread(self._ident, timeout)

    def is_alive(self):
        return self._started and _il.thread_alive(self._ident)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)
        if self._started:
            _il.rename_thread(self._ident, self._name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._ident

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = bool(daemonic)

    def isDaemon(self):
        _deprecated("isDaemon() is deprecated, get the daemon attribute instead")
        return self.daemon

    def setDaemon(self, daemonic):
        _deprecated("setDaemon() is deprecated, set the daemon attribute instead")
        self.daemon = daemonic

    def getName(self):
        _deprecated("getName() is deprecated, get the name attribute instead")
        return self.name

    def setName(self, name):
        _deprecated("setName() is deprecated, set the name attribute instead")
        self.name = name

    def __repr__(self):
        if not self._started:
            status = "initial"
        elif self.is_alive():
            status = "started"
        else:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += f" {self._ident}"
        return f"<{type(self).__name__}({self._name}, {status})>"


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started = True
        self._ident = _il.main_ident()
        _active[self._ident] = self

    def is_alive(self):
        return _il.thread_alive(self._ident)


class _DummyThread(Thread):
    # A thread this module did not start (a greenlet once gevent has patched threading).
    # It stays in _active, so current_thread() gives the same object each time, as CPython.
    def __init__(self, ident):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started = True
        self._ident = ident
        _active[ident] = self

    def is_alive(self):
        return True


class Timer(Thread):
    """Calls function(*args, **kwargs) after interval seconds, unless cancelled."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


_local_values = {}   # id(local object) -> {ident: {name: value}}
_local_args = {}     # id(local object) -> (args, kwargs) its class was called with


class local:
    """Attributes seen only by the thread that set them. A subclass's __init__ runs again,
    with the constructor's arguments, in each thread that first touches the object."""

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        _local_args[id(self)] = (args, kwargs)
        _local_values[id(self)] = {get_ident(): {}}  # the creating thread: __init__ runs now
        return self

    def _thread_dict(self):
        per_object = _local_values.setdefault(id(self), {})
        ident = get_ident()
        d = per_object.get(ident)
        if d is None:
            d = per_object[ident] = {}
            args, kwargs = _local_args.get(id(self), ((), {}))
            type(self).__init__(self, *args, **kwargs)
        return d

    def _missing(self, name):
        # CPython's plain local is _thread._local; a subclass goes by its own name.
        kind = "_thread._local" if type(self) is local else type(self).__name__
        return AttributeError(f"'{kind}' object has no attribute '{name}'")

    def __getattr__(self, name):
        per_thread = local._thread_dict(self)
        if name not in per_thread:
            raise local._missing(self, name)
        return per_thread[name]

    def __setattr__(self, name, value):
        local._thread_dict(self)[name] = value

    def __delattr__(self, name):
        per_thread = local._thread_dict(self)
        if name not in per_thread:
            raise local._missing(self, name)
        del per_thread[name]


def current_thread():
    t = _active.get(get_ident())
    if t is None:
        t = _DummyThread(get_ident())
    return t


def currentThread():
    _deprecated("currentThread() is deprecated, use current_thread() instead")
    return current_thread()


def main_thread():
    return _main_thread


def enumerate():
    return list(_active.values())


def active_count():
    return len(_active)


def activeCount():
    _deprecated("activeCount() is deprecated, use active_count() instead")
    return active_count()


def _deprecated(message):
    # As CPython's threading: a DeprecationWarning pointing at the caller's caller.
    import warnings
    warnings.warn(message, DeprecationWarning, stacklevel=3)


def settrace(func):
    pass


def setprofile(func):
    pass


_atexits = []
_late_atexits = []


def _register_atexit(func, *args, **kwargs):
    # Called when the main thread ends, before the wait for the other threads.
    _atexits.append((func, args, kwargs))


def _shutdown():
    # The main thread's last act: run the exit hooks, then wait for every non-daemon
    # thread (new ones too).
    while _atexits:
        func, args, kwargs = _atexits.pop()
        func(*args, **kwargs)
    me = current_thread()
    while True:
        pending = [t for t in list(_active.values()) if t is not me and not t.daemon and t.is_alive()]
        if not pending:
            break
        for t in pending:
            t.join()
    # Then the interpreter's own exit hooks (CPython's atexit), e.g. multiprocessing's wait
    # for its children.
    while _late_atexits:
        _late_atexits.pop()()


_main_thread = _MainThread()
