# multiprocessing for Interleave. Each simulated process has its own interpreter (heap,
# modules, GIL); a child starts by fork (a copy of the parent's __main__ globals, the
# default on Linux as in CPython 3.11) or spawn (the program runs again as __mp_main__).
# Whatever crosses between processes is copied under pickling rules (_il's transfer); the
# engine's channels, pipes, locks and shared cells are what processes really share.
import _interleave as _il
import os
import sys
import threading
import time
import queue as _queue


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


_start_method = None
_METHODS = ("fork", "spawn", "forkserver")
_children = set()
_process_counter = 0
_exitcode_to_name = {-15: "-SIGTERM", -9: "-SIGKILL", -2: "-SIGINT", -1: "-SIGHUP"}

_BOOTSTRAP_ERROR = """
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable."""


def _next_identity():
    global _process_counter
    _process_counter += 1
    return _current_process._identity + (_process_counter,)


class BaseProcess:
    _start_method = None

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        if group is not None:
            raise AssertionError("group argument must be None for now")
        self._identity = _next_identity()
        self._config = dict(_current_process._config)
        self._parent_pid = os.getpid()
        self._parent_name = _current_process.name
        self._pid = None
        self._popen = None
        self._exitcode = None
        self._closed = False
        self._inheriting = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + "-" + ":".join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        self._check_closed()
        if self._popen is not None:
            raise AssertionError("cannot start a process twice")
        if self._parent_pid != os.getpid():
            raise AssertionError("can only start a process object created by current process")
        if _current_process._config.get("daemon"):
            raise AssertionError("daemonic processes are not allowed to have children")
        method = self._start_method or get_start_method()
        if method != "fork" and getattr(_current_process, "_inheriting", False):
            raise RuntimeError(_BOOTSTRAP_ERROR)
        _cleanup()
        self._pid = _il.process_start(self, method, self._name, self.daemon)
        self._popen = method
        del self._target, self._args, self._kwargs
        _children.add(self)

    def terminate(self):
        self._signal("terminate", 15)

    def kill(self):
        self._signal("kill", 9)

    def _signal(self, what, signum):
        # CPython: Popen.terminate() on None before start; nothing once the child is reaped.
        self._check_closed()
        if self._popen is None:
            raise AttributeError("'NoneType' object has no attribute '%s'" % what)
        if self._exitcode is None:
            _il.process_signal(self._pid, signum)

    def join(self, timeout=None):
        self._check_closed()
        if self._parent_pid != os.getpid():
            raise AssertionError("can only join a child process")
        if self._popen is None:
            raise AssertionError("can only join a started process")
        code = _il.process_join(self._pid, timeout)
        if code is not None:
            self._exitcode = code
            _children.discard(self)

    def is_alive(self):
        self._check_closed()
        if self is _current_process:
            return True
        if self._parent_pid != os.getpid():
            raise AssertionError("can only test a child process")
        if self._popen is None:
            return False
        if self.exitcode is None:
            return True
        _children.discard(self)
        return False

    def close(self):
        if self._popen is not None and self.exitcode is None:
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        _children.discard(self)
        self._closed = True

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = name

    @property
    def daemon(self):
        return self._config.get("daemon", False)

    @daemon.setter
    def daemon(self, daemonic):
        if self._popen is not None:
            raise AssertionError("process has already started")
        self._config["daemon"] = daemonic

    @property
    def exitcode(self):
        self._check_closed()
        if self._popen is None:
            return None
        if self._exitcode is None:
            self._exitcode = _il.process_poll(self._pid)
        return self._exitcode

    @property
    def pid(self):
        self._check_closed()
        return self._pid

    ident = pid

    @property
    def sentinel(self):
        self._check_closed()
        if self._popen is None:
            raise ValueError("process not started")
        return self._pid

    @property
    def authkey(self):
        return "authkey"

    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = "started"
        elif self._closed:
            status = "closed"
        elif self._parent_pid != os.getpid():
            status = "unknown"
        elif self._popen is None:
            status = "initial"
        else:
            exitcode = self.exitcode
            status = "started" if exitcode is None else "stopped"
        info = [type(self).__name__, "name=%r" % self._name]
        if self._popen is not None:
            info.append("pid=%s" % self._pid)
        info.append("parent=%s" % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            info.append("exitcode=%s" % _exitcode_to_name.get(exitcode, exitcode))
        if self.daemon:
            info.append("daemon")
        return "<%s>" % " ".join(info)

    def _bootstrap(self):
        # The child's life, as CPython's BaseProcess._bootstrap: run, wait for the children,
        # report an uncaught exception, wait for the threads; the result is the exit code.
        exitcode = 1
        try:
            try:
                self.run()
                exitcode = 0
            finally:
                _exit_function()
        except SystemExit as e:
            if e.code is None:
                exitcode = 0
            elif isinstance(e.code, int):
                exitcode = e.code
            else:
                print(str(e.code), file=sys.stderr)
                exitcode = 1
        except BaseException as e:
            exitcode = 1
            _il.print_exception("Process %s:" % self.name, e)
        finally:
            threading._shutdown()
        return exitcode


class Process(BaseProcess):
    pass


class ForkProcess(Process):
    _start_method = "fork"


class SpawnProcess(Process):
    _start_method = "spawn"


class ForkServerProcess(Process):
    _start_method = "forkserver"


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._name = "MainProcess"
        self._parent_pid = None
        self._popen = None
        self._pid = None
        self._exitcode = None
        self._closed = False
        self._inheriting = False
        self._config = {}

    @property
    def pid(self):
        return os.getpid()

    ident = pid

    def close(self):
        pass


class _ParentProcess(BaseProcess):
    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._popen = None
        self._exitcode = None
        self._closed = False
        self._config = {}

    def is_alive(self):
        return _il.process_state(self._pid)[0] == "running"

    def join(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.is_alive():
            if deadline is not None and time.monotonic() >= deadline:
                return
            time.sleep(0.001)

    @property
    def pid(self):
        return self._pid

    ident = pid


_current_process = _MainProcess()
_parent_process = None


def current_process():
    return _current_process


def parent_process():
    return _parent_process


def _cleanup():
    # Reaps children that have ended (CPython does it at every start and active_children()).
    for p in list(_children):
        if p._popen is not None and p.exitcode is not None:
            _children.discard(p)


def active_children():
    _cleanup()
    return list(_children)


def _exit_function():
    # At a process's exit: daemonic children are terminated, the others waited for.
    for p in active_children():
        if p.daemon:
            p.terminate()
    for p in active_children():
        p.join()


threading._late_atexits.append(_exit_function)


def _child_main():
    # A child's main thread: unpack the Process object (fork: with the parent's globals;
    # spawn: the program imported again as __mp_main__ first), then run it.
    global _current_process, _parent_process, _process_counter, _start_method
    _start_method = _il.process_start_method()   # set before spawn re-runs the program, as in CPython
    _current_process._inheriting = True
    process = _il.process_payload()
    _process_counter = 0
    _children.clear()
    _parent_process = _ParentProcess(process._parent_name, process._parent_pid)
    process._popen = None
    process._inheriting = False
    _current_process = process
    raise SystemExit(process._bootstrap())


# ---- start methods and contexts
def get_start_method(allow_none=False):
    global _start_method
    if _start_method is None:
        if allow_none:
            return None
        _start_method = "fork"
    return _start_method


def set_start_method(method, force=False):
    global _start_method
    if _start_method is not None and not force:
        raise RuntimeError("context has already been set")
    if method is not None and method not in _METHODS:
        raise ValueError("cannot find context for %r" % (method,))
    _start_method = method


def get_all_start_methods():
    return list(_METHODS)


def cpu_count():
    n = os.cpu_count()
    if n is None:
        raise NotImplementedError("cannot determine number of cpus")
    return n


def freeze_support():
    pass


# ---- queues
class Queue:
    _shared_kind = "Queue"

    def __init__(self, maxsize=0):
        if maxsize <= 0:
            maxsize = 2147483647
        self._maxsize = maxsize
        self._ch = _il.Channel(maxsize)
        self._closed = False

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        self._ch.send(obj, block, timeout)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        return self._ch.recv(block, timeout)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return self._ch.qsize()

    def empty(self):
        return self._ch.qsize() == 0

    def full(self):
        return self._ch.qsize() >= self._maxsize

    def close(self):
        self._closed = True

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass


class JoinableQueue(Queue):
    _shared_kind = "JoinableQueue"

    def __init__(self, maxsize=0):
        Queue.__init__(self, maxsize)
        self._unfinished = _il.SharedCells("i", 1)
        self._cond = Condition(Lock())

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        with self._cond:
            self._unfinished.set(0, self._unfinished.get(0) + 1)
        try:
            self._ch.send(obj, block, timeout)
        except BaseException:
            with self._cond:
                self._unfinished.set(0, self._unfinished.get(0) - 1)
            raise

    def task_done(self):
        with self._cond:
            left = self._unfinished.get(0)
            if left <= 0:
                raise ValueError("task_done() called too many times")
            self._unfinished.set(0, left - 1)
            if left == 1:
                self._cond.notify_all()

    def join(self):
        with self._cond:
            while self._unfinished.get(0):
                self._cond.wait()


class SimpleQueue:
    _shared_kind = "SimpleQueue"

    def __init__(self):
        self._ch = _il.Channel(0)
        self._closed = False

    def put(self, obj):
        self._ch.send(obj)

    def get(self):
        return self._ch.recv()

    def empty(self):
        return self._ch.qsize() == 0

    def close(self):
        self._closed = True


# ---- pipes
Connection = _il.Connection


def _conn_poll(self, timeout=0.0):
    if self._ready():
        return True
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(left, 0.001))
        else:
            time.sleep(0.001)
        if self._ready():
            return True


def _conn_enter(self):
    return self


def _conn_exit(self, *args):
    self.close()


Connection.poll = _conn_poll
Connection.__enter__ = _conn_enter
Connection.__exit__ = _conn_exit
Connection.readable = property(lambda self: self._readable())
Connection.writable = property(lambda self: self._writable())


def Pipe(duplex=True):
    return _il.Pipe(duplex)


# ---- synchronisation: the engine's primitives, shared by every process that inherits them
def Lock():
    return _il.share(threading.Lock(), "Lock")


def RLock():
    return _il.share(threading.RLock(), "RLock")


def Semaphore(value=1):
    return _il.share(threading.Semaphore(value), "Semaphore")


def BoundedSemaphore(value=1):
    return _il.share(threading.BoundedSemaphore(value), "BoundedSemaphore")


def Event():
    return _il.share(threading.Event(), "Event")


def Condition(lock=None):
    if lock is None:
        lock = RLock()
    return _il.share(threading.Condition(lock), "Condition")


def Barrier(parties, action=None, timeout=None):
    return _il.share(threading.Barrier(parties, action, timeout), "Barrier")


# ---- shared memory
_CTYPE_NAMES = {"i": "c_int", "l": "c_long", "d": "c_double", "f": "c_float"}


def _typecode(typecode_or_type):
    if not isinstance(typecode_or_type, str):
        raise TypeError("Interleave's Value and Array take a typecode ('i', 'l', 'd' or 'f'), not %r"
                        % (typecode_or_type,))
    if typecode_or_type == "c":
        raise ValueError("typecode 'c' holds bytes, which Interleave does not have yet; use 'i'")
    if typecode_or_type not in _CTYPE_NAMES:
        raise TypeError("bad typecode (must be i, l, d or f): %r" % (typecode_or_type,))
    return typecode_or_type


class _RawValue:
    _shared_kind = "Synchronized"

    def __init__(self, cells):
        self._cells = cells

    @property
    def value(self):
        return self._cells.get(0)

    @value.setter
    def value(self, v):
        self._cells.set(0, v)

    def __repr__(self):
        return "%s(%r)" % (_CTYPE_NAMES[self._code], self.value)


class Synchronized(_RawValue):
    def __init__(self, cells, lock, code):
        self._cells = cells
        self._lock = lock
        self._code = code

    def get_lock(self):
        return self._lock

    def get_obj(self):
        raw = _RawValue(self._cells)
        raw._code = self._code
        return raw

    def acquire(self, *args):
        return self._lock.acquire(*args)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Synchronized wrapper for %s(%r)>" % (_CTYPE_NAMES[self._code], self.value)


class SynchronizedArray:
    _shared_kind = "SynchronizedArray"

    def __init__(self, cells, lock, code):
        self._cells = cells
        self._lock = lock
        self._code = code

    def __len__(self):
        return len(self._cells)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._cells.get(k) for k in list(range(len(self._cells)))[i]]
        return self._cells.get(i)

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            keys = list(range(len(self._cells)))[i]
            values = list(value)
            if len(values) != len(keys):
                raise ValueError("Can only assign sequence of same size")
            for k, v in zip(keys, values):
                self._cells.set(k, v)
        else:
            self._cells.set(i, value)

    def __iter__(self):
        return iter([self._cells.get(k) for k in range(len(self._cells))])

    def get_lock(self):
        return self._lock

    def acquire(self, *args):
        return self._lock.acquire(*args)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<SynchronizedArray wrapper for %s>" % (self[:],)


def _lock_for(lock):
    if lock is True or lock is None:
        return RLock()
    if lock is False:
        return None
    if not hasattr(lock, "acquire"):
        raise AttributeError("%r has no method 'acquire'" % (lock,))
    return lock


def Value(typecode_or_type, *args, lock=True):
    code = _typecode(typecode_or_type)
    cells = _il.SharedCells(code, 1)
    if args:
        cells.set(0, args[0])
    lock = _lock_for(lock)
    if lock is None:
        raw = _RawValue(cells)
        raw._code = code
        return raw
    return Synchronized(cells, lock, code)


def RawValue(typecode_or_type, *args):
    return Value(typecode_or_type, *args, lock=False)


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    code = _typecode(typecode_or_type)
    if isinstance(size_or_initializer, int):
        cells = _il.SharedCells(code, size_or_initializer)
    else:
        init = list(size_or_initializer)
        cells = _il.SharedCells(code, len(init))
        for i, v in enumerate(init):
            cells.set(i, v)
    return SynchronizedArray(cells, _lock_for(lock) or RLock(), code)


def RawArray(typecode_or_type, size_or_initializer):
    return Array(typecode_or_type, size_or_initializer)


# ---- pools and managers (their own modules, imported on first use)
def Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
    import multiprocessing.pool
    return multiprocessing.pool.Pool(processes, initializer, initargs, maxtasksperchild, context)


def Manager():
    import multiprocessing.managers
    m = multiprocessing.managers.SyncManager()
    m.start()
    return m


class _Context:
    ProcessError = ProcessError
    BufferTooShort = BufferTooShort
    TimeoutError = TimeoutError
    AuthenticationError = AuthenticationError

    def __init__(self, method, process_class):
        self._name = method
        self.Process = process_class

    def get_start_method(self, allow_none=False):
        return self._name

    def get_context(self, method=None):
        return get_context(method)

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return Pool(processes, initializer, initargs, maxtasksperchild, self)

    def __repr__(self):
        return "<multiprocessing.context.%sContext object>" % self._name.capitalize()


for _name in ("Queue", "JoinableQueue", "SimpleQueue", "Pipe", "Lock", "RLock", "Semaphore",
              "BoundedSemaphore", "Event", "Condition", "Barrier", "Value", "Array", "RawValue",
              "RawArray", "Manager", "cpu_count", "current_process", "parent_process",
              "active_children", "freeze_support", "set_start_method", "get_all_start_methods"):
    setattr(_Context, _name, staticmethod(globals()[_name]))

_contexts = {"fork": _Context("fork", ForkProcess), "spawn": _Context("spawn", SpawnProcess),
             "forkserver": _Context("forkserver", ForkServerProcess)}


def get_context(method=None):
    if method is None:
        method = get_start_method()
    if method not in _contexts:
        raise ValueError("cannot find context for %r" % (method,))
    return _contexts[method]
