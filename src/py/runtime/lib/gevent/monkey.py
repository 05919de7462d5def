# gevent.monkey for Interleave: patch_all() makes time.sleep cooperative (it switches to the
# hub instead of blocking the thread) and threading's Thread a greenlet, as gevent does.
import time as _time

_patched = {}


def is_module_patched(name):
    return name in _patched


def patch_time():
    import gevent
    if "time" not in _patched:
        _patched["time"] = _time.sleep
        _time.sleep = gevent.sleep


def patch_thread(threading=True, _threading_local=True, Event=True, logging=True, existing_locks=True):
    import threading as _threading
    import gevent
    if "threading" in _patched:
        return
    _patched["threading"] = _threading.Thread.start

    # Each greenlet is a thread to threading: get_ident() names the running greenlet, so
    # current_thread(), enumerate() and threading.local see greenlets, as under gevent.
    def get_ident():
        return id(gevent.getcurrent())

    main = _threading.main_thread()
    _threading._active.pop(main._ident, None)
    main._ident = get_ident()
    _threading._active[main._ident] = main
    _threading.get_ident = get_ident

    def bootstrap(self):
        self._ident = get_ident()
        _threading._active[self._ident] = self
        try:
            self.run()
        finally:
            _threading._active.pop(self._ident, None)

    def start(self):
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        self._greenlet = gevent.spawn(bootstrap, self)

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        self._greenlet.join(timeout)

    def is_alive(self):
        return self._started and not self._greenlet.dead

    _threading.Thread.start = start
    _threading.Thread.join = join
    _threading.Thread.is_alive = is_alive


def patch_socket(dns=True, aggressive=True):
    _patched["socket"] = True


def patch_select(aggressive=True):
    _patched["select"] = True


def patch_all(socket=True, dns=True, time=True, select=True, thread=True, os=True, ssl=True,
              subprocess=True, sys=False, aggressive=True, Event=True, builtins=True, signal=True,
              queue=True, contextvars=True, **kwargs):
    if time:
        patch_time()
    if thread:
        patch_thread()
    if socket:
        patch_socket()
    if select:
        patch_select()
    return True
