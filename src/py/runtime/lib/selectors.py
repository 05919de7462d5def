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
    def __init__(self):
        self._keys = {}

    def register(self, fileobj, events, data=None):
        if not events or events & ~(EVENT_READ | EVENT_WRITE):
            raise ValueError("Invalid events: %r" % (events,))
        fd = fileobj.fileno()
        if fd in self._keys:
            raise KeyError("%r (FD %d) is already registered" % (fileobj, fd))
        key = SelectorKey(fileobj, fd, events, data)
        self._keys[fd] = key
        return key

    def unregister(self, fileobj):
        fd = fileobj.fileno() if fileobj.fileno() >= 0 else fileobj._fd
        try:
            return self._keys.pop(fd)
        except KeyError:
            raise KeyError("%r is not registered" % (fileobj,)) from None

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
        keys = list(self._keys.values())
        readers = [k.fileobj for k in keys if k.events & EVENT_READ]
        writers = [k.fileobj for k in keys if k.events & EVENT_WRITE]
        if timeout is not None and timeout < 0:
            timeout = 0
        r, w, _ = _select.select(readers, writers, [], timeout)
        ready = []
        for k in keys:
            mask = (EVENT_READ if k.fileobj in r else 0) | (EVENT_WRITE if k.fileobj in w else 0)
            if mask:
                ready.append((k, mask & k.events))
        return ready

    def close(self):
        self._keys.clear()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


DefaultSelector = BaseSelector
SelectSelector = BaseSelector
