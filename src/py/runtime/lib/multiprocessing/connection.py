# multiprocessing.connection for Interleave: Connection and Pipe (the runtime's, from
# multiprocessing), and wait() over connections and process sentinels. A Process's sentinel
# is its pid here; it is ready once the process has ended, reaped by its parent or not (a
# zombie's sentinel is ready too), as on Linux. Listener and Client (sockets) are not here.
import _interleave as _il
import time
from multiprocessing import Connection, Pipe

__all__ = ["Connection", "Pipe", "wait"]


def _is_ready(obj):
    if isinstance(obj, Connection):
        return obj._ready()
    if isinstance(obj, int) and not isinstance(obj, bool):
        return _il.process_state(obj)[0] != "running"
    raise ValueError("Invalid file object: %r (wait() takes connections and process sentinels)" % (obj,))


def wait(object_list, timeout=None):
    """The objects of object_list that are ready, in their order: a connection with data or at
    end of file, a sentinel whose process has ended. Blocks until one is, or `timeout` seconds
    (None: no limit) have passed, then returns an empty list."""
    objects = list(object_list)
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        ready = [o for o in objects if _is_ready(o)]
        if ready:
            return ready
        if deadline is None:
            time.sleep(0.001)
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            return []
        time.sleep(min(left, 0.001))
