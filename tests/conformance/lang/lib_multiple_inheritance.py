# Multiple inheritance in the library modules: socketserver's ThreadingMixIn (the docs' idiom),
# abc, dataclasses, enum, typing.Generic and collections under classes with several bases.
import abc
import dataclasses
import enum
import socket
import socketserver
import threading
import typing
from collections import OrderedDict, namedtuple


# ---- socketserver: the example of the Python docs
class ThreadedTCPRequestHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = str(self.request.recv(1024), "ascii")
        cur_thread = threading.current_thread()
        response = bytes("{}: {}".format(cur_thread.name, data), "ascii")
        self.request.sendall(response)


class ThreadedTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    pass


def client(ip, port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect((ip, port))
        sock.sendall(bytes(message, "ascii"))
        response = str(sock.recv(1024), "ascii")
        print("Received: {}".format(response))


server = ThreadedTCPServer(("127.0.0.1", 0), ThreadedTCPRequestHandler)
with server:
    ip, port = server.server_address
    server_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    server_thread.daemon = True
    server_thread.start()
    print("Server loop running in thread:", server_thread.name)
    client(ip, port, "Hello World 1")
    client(ip, port, "Hello World 2")
    client(ip, port, "Hello World 3")
    server.shutdown()
server_thread.join()
print([c.__name__ for c in ThreadedTCPServer.__mro__])
print(issubclass(socketserver.ThreadingTCPServer, socketserver.ThreadingMixIn),
      [c.__name__ for c in socketserver.ThreadingTCPServer.__bases__])


# ---- abc: an abstract base with a mixin
class Store(abc.ABC):
    @abc.abstractmethod
    def get(self, key): ...

    @abc.abstractmethod
    def put(self, key, value): ...


class LoggingMixin:
    def log(self, msg):
        self.lines.append(msg)


class HalfStore(LoggingMixin, Store):
    def get(self, key):
        return None


class MemStore(LoggingMixin, Store):
    def __init__(self):
        self.lines = []
        self.data = {}

    def get(self, key):
        self.log(f"get {key}")
        return self.data.get(key)

    def put(self, key, value):
        self.log(f"put {key}")
        self.data[key] = value


try:
    HalfStore()
except TypeError as e:
    print("TypeError:", e)
m = MemStore()
m.put("a", 1)
print(m.get("a"), m.lines, isinstance(m, Store), [c.__name__ for c in MemStore.__mro__])


# ---- dataclasses: fields gathered over the MRO
@dataclasses.dataclass
class Point:
    x: int = 0
    y: int = 0


@dataclasses.dataclass
class Labelled:
    label: str = "?"


@dataclasses.dataclass
class LabelledPoint(Point, Labelled):
    z: int = 0


lp = LabelledPoint(1, 2, "here", 3)
print(lp, [f.name for f in dataclasses.fields(lp)], dataclasses.asdict(lp))


class JsonMixin:
    def to_json(self):
        return "{" + ", ".join(f'"{k}": {v!r}' for k, v in dataclasses.asdict(self).items()) + "}"


@dataclasses.dataclass(frozen=True)
class Pair(JsonMixin):
    a: int
    b: int


print(Pair(1, 2).to_json(), Pair(1, 2) == Pair(1, 2), hash(Pair(1, 2)) == hash(Pair(1, 2)))


# ---- enum with a mixin class
class DescribedMixin:
    def describe(self):
        return f"{self.name.lower()} is {self.value}"


class Color(DescribedMixin, enum.Enum):
    RED = 1
    GREEN = 2


print(Color.RED.describe(), list(Color), Color(2), isinstance(Color.RED, DescribedMixin))


# ---- typing.Generic with other bases
T = typing.TypeVar("T")


class Base:
    def hello(self):
        return "base"


class Stack(Base, typing.Generic[T]):
    def __init__(self):
        self.items: typing.List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)


class IntStack(Stack[int]):
    pass


s = IntStack()
s.push(1)
print(s.items, s.hello(), [c.__name__ for c in IntStack.__mro__], [c.__name__ for c in Stack.__mro__])
print(IntStack.__orig_bases__, IntStack.__bases__)


# ---- collections: a namedtuple base with a mixin, an OrderedDict holding instances
class Norm:
    def norm(self):
        return abs(self.x) + abs(self.y)


class Vec(namedtuple("Vec", "x y"), Norm):
    pass


v = Vec(3, -4)
print(v.norm(), v.x, v._replace(y=1).norm(), [c.__name__ for c in Vec.__mro__][-2:])
od = OrderedDict(a=v)
print(od["a"].norm())


# ---- threading.Thread and queue.Queue under a mixin, functools over several bases
import functools
import queue


class LogMixin:
    def log(self, m):
        print(f"[{self.name}] {m}")


class Worker(LogMixin, threading.Thread):
    def __init__(self, n):
        super().__init__(name=f"w{n}")
        self.n = n

    def run(self):
        self.log(f"running {self.n}")


for w in [Worker(i) for i in range(2)]:
    w.start()
    w.join()
print([k.__name__ for k in Worker.__mro__])


class CountingMixin:
    puts = 0

    def put(self, item, block=True, timeout=None):
        type(self).puts += 1
        super().put(item, block, timeout)


class CountingQueue(CountingMixin, queue.Queue):
    pass


q = CountingQueue()
q.put(1)
q.put(2)
print(q.get(), q.qsize(), CountingQueue.puts)


class Ordered:
    def __lt__(self, other):
        return self.v < other.v

    def __radd__(self, other):
        return f"radd {other}"


class Box:
    def __init__(self, v):
        self.v = v


@functools.total_ordering
class OrderedBox(Box, Ordered):
    def __eq__(self, other):
        return self.v == other.v

    def __hash__(self):
        return hash(self.v)


print(1 + OrderedBox(2), OrderedBox(1) < OrderedBox(2), OrderedBox(3) >= OrderedBox(2),
      sorted([OrderedBox(3), OrderedBox(1)])[0].v, {OrderedBox(1): "a"}[OrderedBox(1)])


@functools.singledispatch
def kind(x):
    return "default"


@kind.register(Ordered)
def _(x):
    return "ordered"


print(kind(OrderedBox(1)), kind(Box(1)), type(OrderedBox).__name__, OrderedBox.__class__.__name__)
