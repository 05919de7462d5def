# select for Interleave: readiness of the in-memory network's sockets (socket.py). A wait
# looks again every millisecond of the run's clock (det: virtual time), cooperatively once
# gevent has patched select.
import time as _time

import _interleave as _il


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
    pause = _pause()
    while True:
        readable = _il.net_readable(rlist)     # one native scan of socket.py's sockets
        if readable is None:
            readable = [s for s in rlist if _ready(s)]
        writable = [s for s in wlist if not s._closed] if wlist else []
        if readable or writable or (deadline is not None and _time.monotonic() >= deadline):
            return readable, writable, []
        _wait(rlist, deadline, pause)


def _wait(rlist, deadline, pause):
    # Until a message may have arrived: poll the sockets' channels every millisecond (an
    # event loop may watch thousands of idle connections, so each poll is one native call).
    # Buffers and ends of stream change only when this program reads, so they need no watching.
    channels = _il.net_channels(rlist) if rlist else []
    if channels is not None and None in channels:
        channels = None    # a socket not yet connected or listening: look at everything again
    while True:
        pause(0.001)
        if channels is None or _il.channels_ready(channels):
            return
        if deadline is not None and _time.monotonic() >= deadline:
            return


def _pause():
    # How a poll waits: gevent.sleep once gevent has patched the sockets, else time.sleep.
    import socket
    gevent = socket._cooperative()
    return _time.sleep if gevent is None else gevent.sleep
