# multiprocessing.managers for Interleave: the manager is a server process of its own (as
# in CPython) holding the real objects; proxies in any process send each method call to it
# and get a copy of the result. Each client thread has its own connection and a handler
# thread in the server, so a blocking call (a Queue's get, a Lock's acquire) blocks only
# its caller, and an RLock is owned per client thread.
import _interleave as _il
import multiprocessing as _mp
import queue as _queue
import threading


class RemoteError(Exception):
    pass


class Namespace:
    def __init__(self, **kwds):
        for k, v in kwds.items():
            setattr(self, k, v)

    def __repr__(self):
        items = [(k, v) for k, v in self.__dict__.items() if not k.startswith("_")]
        return "Namespace(%s)" % ", ".join("%s=%r" % kv for kv in sorted(items))


class Value:
    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self._typecode, self._value)


def _array(typecode, sequence, lock=True):
    return list(sequence)


_TYPES = {
    "dict": dict, "list": list, "Namespace": Namespace, "Value": Value, "Array": _array,
    "Queue": _queue.Queue, "JoinableQueue": _queue.Queue, "Lock": threading.Lock, "RLock": threading.RLock,
    "Semaphore": threading.Semaphore, "BoundedSemaphore": threading.BoundedSemaphore,
    "Event": threading.Event, "Condition": threading.Condition, "Barrier": threading.Barrier,
}


# ---- the server process
def _serve(requests):
    objects = {}
    while True:
        msg = requests.recv()
        if msg[0] == "shutdown":
            return
        if msg[0] == "hello":
            t = threading.Thread(target=_handle_client, args=(msg[1], objects), daemon=True)
            t.start()


def _handle_client(conn, objects):
    while True:
        try:
            ident, method, args, kwds = conn.recv()
        except EOFError:
            return
        try:
            result = (True, _call(objects, ident, method, args, kwds))
        except Exception as e:
            result = (False, e)
        try:
            conn.send(result)
        except Exception as e:
            conn.send((False, RemoteError(repr(e))))


def _setitem(obj, key, value):
    obj[key] = value


def _delitem(obj, key):
    del obj[key]


# The builtin types' special methods, as the operations that call them.
_OPERATORS = {
    "__len__": len, "__getitem__": lambda obj, key: obj[key], "__setitem__": _setitem,
    "__delitem__": _delitem, "__contains__": lambda obj, key: key in obj,
}


def _call(objects, ident, method, args, kwds):
    if method == "#create":
        typeid = args[0]
        objects[ident] = _TYPES[typeid](*args[1], **kwds)
        return None
    obj = objects[ident]
    if method == "#getattr":
        return getattr(obj, args[0])
    if method == "#setattr":
        return setattr(obj, args[0], args[1])
    if method == "#delattr":
        return delattr(obj, args[0])
    if method == "#str":
        return str(obj)
    if method == "#repr":
        return repr(obj)
    if method in _OPERATORS:
        return _OPERATORS[method](obj, *args)
    result = getattr(obj, method)(*args, **kwds)
    if method in ("items", "keys", "values"):
        result = list(result)
    return result


# ---- the client side
_connections = {}   # (pid, thread ident) -> this client thread's connection to a server
_next_ident = 0


def _connection(requests):
    key = (id(requests), _mp.os.getpid(), threading.get_ident())
    conn = _connections.get(key)
    if conn is None:
        conn, theirs = _mp.Pipe()
        requests.send(("hello", theirs))
        _connections[key] = conn
    return conn


class BaseProxy:
    _exposed = ()

    def __init__(self, requests, ident, typeid):
        self._requests = requests
        self._id = ident
        self._typeid = typeid

    def _callmethod(self, methodname, args=(), kwds={}):
        conn = _connection(self._requests)
        conn.send((self._id, methodname, tuple(args), dict(kwds)))
        ok, value = conn.recv()
        if ok:
            return value
        raise value

    def _getvalue(self):
        return self._callmethod("copy")

    def __getattr__(self, name):
        if name[:1] == "_" or name not in type(self)._exposed:
            raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))

        def call(*args, **kwds):
            return self._callmethod(name, args, kwds)
        return call

    def __repr__(self):
        return "<%s object, typeid %r at %s>" % (type(self).__name__, self._typeid, hex(id(self)))

    def __str__(self):
        return self._callmethod("#repr")


class _ContainerProxy(BaseProxy):
    def __getitem__(self, key):
        return self._callmethod("__getitem__", (key,))

    def __setitem__(self, key, value):
        return self._callmethod("__setitem__", (key, value))

    def __delitem__(self, key):
        return self._callmethod("__delitem__", (key,))

    def __len__(self):
        return self._callmethod("__len__")

    def __contains__(self, key):
        return self._callmethod("__contains__", (key,))


class DictProxy(_ContainerProxy):
    _exposed = ("clear", "copy", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values")

    def __iter__(self):
        return iter(self._callmethod("keys"))


class ListProxy(_ContainerProxy):
    _exposed = ("append", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort", "copy")

    def __iter__(self):
        return iter(self._callmethod("copy"))

    def __iadd__(self, value):
        self._callmethod("extend", (value,))
        return self


class NamespaceProxy(BaseProxy):
    def __getattr__(self, key):
        if key[:1] == "_":
            raise AttributeError(key)
        return self._callmethod("#getattr", (key,))

    def __setattr__(self, key, value):
        if key[:1] == "_":
            self.__dict__[key] = value
            return
        self._callmethod("#setattr", (key, value))

    def __delattr__(self, key):
        self._callmethod("#delattr", (key,))


class ValueProxy(BaseProxy):
    _exposed = ("get", "set")

    @property
    def value(self):
        return self._callmethod("get")

    @value.setter
    def value(self, value):
        self._callmethod("set", (value,))


class ArrayProxy(_ContainerProxy):
    pass


class QueueProxy(BaseProxy):
    _exposed = ("put", "get", "put_nowait", "get_nowait", "qsize", "empty", "full", "task_done", "join")


class AcquirerProxy(BaseProxy):
    _exposed = ("acquire", "release", "locked")

    def __enter__(self):
        return self._callmethod("acquire")

    def __exit__(self, *args):
        return self._callmethod("release")


class EventProxy(BaseProxy):
    _exposed = ("is_set", "set", "clear", "wait")


class ConditionProxy(AcquirerProxy):
    _exposed = ("acquire", "release", "wait", "notify", "notify_all")


class BarrierProxy(BaseProxy):
    _exposed = ("wait", "abort", "reset")


_PROXIES = {
    "dict": DictProxy, "list": ListProxy, "Namespace": NamespaceProxy, "Value": ValueProxy,
    "Array": ArrayProxy, "Queue": QueueProxy, "JoinableQueue": QueueProxy, "Lock": AcquirerProxy,
    "RLock": AcquirerProxy, "Semaphore": AcquirerProxy, "BoundedSemaphore": AcquirerProxy,
    "Event": EventProxy, "Condition": ConditionProxy, "Barrier": BarrierProxy,
}


class SyncManager:
    def __init__(self):
        self._requests = None
        self._process = None
        self._state = "initial"

    def start(self):
        if self._state != "initial":
            raise _mp.ProcessError("Already started server")
        # The channel travels inside every proxy, also through queues (proxies are picklable).
        self._requests = _il.share(_il.Channel(0), "Listener")
        self._process = _mp.Process(target=_serve, args=(self._requests,), name="SyncManager-%d"
                                    % (len(_mp.active_children()) + 1), daemon=True)
        self._process.start()
        self._state = "started"

    def _create(self, typeid, *args, **kwds):
        global _next_ident
        if self._state != "started":
            raise _mp.ProcessError("Manager has not been started" if self._state == "initial"
                                   else "Manager has shut down")
        _next_ident += 1
        ident = "%d:%d" % (_mp.os.getpid(), _next_ident)
        proxy = _PROXIES[typeid](self._requests, ident, typeid)
        proxy._callmethod("#create", (typeid, args), kwds)
        return proxy

    def dict(self, *args, **kwds):
        return self._create("dict", *args, **kwds)

    def list(self, *args):
        return self._create("list", *args)

    def Namespace(self, **kwds):
        return self._create("Namespace", **kwds)

    def Value(self, typecode, value, lock=True):
        return self._create("Value", typecode, value)

    def Array(self, typecode, sequence, lock=True):
        return self._create("Array", typecode, sequence)

    def Queue(self, maxsize=0):
        return self._create("Queue", maxsize)

    def JoinableQueue(self, maxsize=0):
        return self._create("JoinableQueue", maxsize)

    def Lock(self):
        return self._create("Lock")

    def RLock(self):
        return self._create("RLock")

    def Semaphore(self, value=1):
        return self._create("Semaphore", value)

    def BoundedSemaphore(self, value=1):
        return self._create("BoundedSemaphore", value)

    def Event(self):
        return self._create("Event")

    def Condition(self, lock=None):
        return self._create("Condition")

    def Barrier(self, parties, action=None, timeout=None):
        return self._create("Barrier", parties)

    def shutdown(self):
        if self._state == "started":
            self._state = "shutdown"
            self._requests.send(("shutdown",))
            self._process.join()

    def __enter__(self):
        if self._state == "initial":
            self.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()


BaseManager = SyncManager
