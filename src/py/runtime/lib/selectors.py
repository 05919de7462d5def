# selectors for Interleave: DefaultSelector over select.select (socket.py's sockets).
import select as _select

EVENT_READ = 1
EVENT_WRITE = 2


class SelectorKey:
    def __init__(self, fileobj, fd, events, data):
        self.fileobj = fileobj
        self.fd = fd
        self.events = events
        self.data = data

    def __repr__(self):
        return "SelectorKey(fileobj=%r, fd=%r, events=%r, data=%r)" % (self.fileobj, self.fd, self.events, self.data)


class BaseSelector:
    # The registered objects are also kept in lists by event, so that select() costs the
    # ready ones, not all of them (an event loop may watch thousands of connections).
    def __init__(self):
        self._keys = {}
        self._readers = []
        self._writers = []

    def register(self, fileobj, events, data=None):
        if not events or events & ~(EVENT_READ | EVENT_WRITE):
            raise ValueError("Invalid events: %r" % (events,))
        fd = fileobj.fileno()
        if fd in self._keys:
            raise KeyError("%r (FD %d) is already registered" % (fileobj, fd))
        key = SelectorKey(fileobj, fd, events, data)
        self._keys[fd] = key
        if events & EVENT_READ:
            self._readers.append(fileobj)
        if events & EVENT_WRITE:
            self._writers.append(fileobj)
        return key

    def unregister(self, fileobj):
        fd = fileobj.fileno() if fileobj.fileno() >= 0 else fileobj._fd
        try:
            key = self._keys.pop(fd)
        except KeyError:
            raise KeyError("%r is not registered" % (fileobj,)) from None
        if key.events & EVENT_READ:
            self._readers.remove(key.fileobj)
        if key.events & EVENT_WRITE:
            self._writers.remove(key.fileobj)
        return key

    def modify(self, fileobj, events, data=None):
        self.unregister(fileobj)
        return self.register(fileobj, events, data)

    def get_key(self, fileobj):
        try:
            return self._keys[fileobj.fileno()]
        except KeyError:
            raise KeyError("%r is not registered" % (fileobj,)) from None

    def get_map(self):
        return dict(self._keys)

    def select(self, timeout=None):
        if timeout is not None and timeout < 0:
            timeout = 0
        r, w, _ = _select.select(self._readers, self._writers, [], timeout)
        masks = {}   # fd -> events ready, in the order the keys were registered
        for fileobj in r:
            masks[self._fd_of(fileobj)] = EVENT_READ
        for fileobj in w:
            fd = self._fd_of(fileobj)
            masks[fd] = masks.get(fd, 0) | EVENT_WRITE
        return [(self._keys[fd], mask) for fd, mask in masks.items()]

    def _fd_of(self, fileobj):
        fd = fileobj.fileno()
        return fd if fd >= 0 else fileobj._fd

    def close(self):
        self._keys.clear()
        self._readers.clear()
        self._writers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


DefaultSelector = BaseSelector
SelectSelector = BaseSelector
