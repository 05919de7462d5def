# select for Interleave: readiness of the in-memory network's sockets (socket.py). A wait
# looks again every millisecond of the run's clock (det: virtual time), cooperatively once
# gevent has patched select.
import time as _time


class error(OSError):
    pass


def _ready(sock):
    if not hasattr(sock, "_readable"):
        raise TypeError("argument must be an int, or have a fileno() method.")
    return sock._readable()


def select(rlist, wlist, xlist, timeout=None):
    if timeout is not None and timeout < 0:
        raise ValueError("timeout must be non-negative")
    rlist, wlist, xlist = list(rlist), list(wlist), list(xlist)
    deadline = None if timeout is None else _time.monotonic() + timeout
    while True:
        readable = [s for s in rlist if _ready(s)]
        writable = [s for s in wlist if not s._closed]
        if readable or writable or (deadline is not None and _time.monotonic() >= deadline):
            return readable, writable, []
        _pause()


def _pause():
    import socket
    gevent = socket._cooperative()
    if gevent is not None:
        gevent.sleep(0.001)
    else:
        _time.sleep(0.001)
