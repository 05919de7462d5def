# Multiple inheritance: C3 MRO, cooperative super(), mixins, errors, exceptions, metaclasses.
import threading


def names(classes):
    return [c.__name__ for c in classes]


# ---- the diamond
class A:
    def who(self):
        return "A"

    def chain(self):
        return ["A"]


class B(A):
    def who(self):
        return "B"

    def chain(self):
        return ["B"] + super().chain()


class C(A):
    def who(self):
        return "C"

    def chain(self):
        return ["C"] + super().chain()


class D(B, C):
    def chain(self):
        return ["D"] + super().chain()


print(names(D.__mro__))
print(names(D.mro()), type(D.mro()).__name__)
print(D().who(), D().chain())
print(names(D.__bases__), D.__base__.__name__, names(B.__bases__), A.__bases__ == (object,))
print(super(B, D()).who(), super(C, D()).who())


# ---- a deeper MRO (the classic example from the C3 paper)
class O: pass
class F(O): pass
class E(O): pass
class Dd(O): pass
class Cc(Dd, F): pass
class Bb(Dd, E): pass
class Aa(Bb, Cc): pass


print(names(Aa.__mro__))


class Z(Aa):  # single base under a class with several
    pass


print(names(Z.__mro__), issubclass(Z, F), isinstance(Z(), E))


# ---- cooperative __init__ with keyword arguments
class Shape:
    def __init__(self, **kw):
        print("Shape rest", sorted(kw))
        super().__init__(**kw)


class Colored(Shape):
    def __init__(self, color="black", **kw):
        self.color = color
        print("Colored", color)
        super().__init__(**kw)


class Named(Shape):
    def __init__(self, name="?", **kw):
        self.name = name
        print("Named", name)
        super().__init__(**kw)


class Square(Colored, Named):
    def __init__(self, side, **kw):
        self.side = side
        super().__init__(**kw)


s = Square(3, color="red", name="sq")
print(s.side, s.color, s.name, names(Square.__mro__))
try:
    Square(1, color="blue", bogus=1)
except TypeError as e:
    print("TypeError", e)


# ---- mixins overriding methods, properties and classmethods from a second base
class ReprMixin:
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in sorted(self.__dict__.items()))
        return f"{type(self).__name__}({fields})"


class LoudMixin:
    def speak(self):
        return super().speak().upper() + "!"


class Sized:
    @property
    def size(self):
        return len(self.items)

    @classmethod
    def make(cls, *items):
        obj = cls()
        obj.items = list(items)
        return obj

    @staticmethod
    def kind():
        return "sized"


class Animal:
    def __init__(self):
        self.items = []

    def speak(self):
        return "hello"


class Dog(ReprMixin, LoudMixin, Animal, Sized):
    pass


d = Dog.make(1, 2, 3)
print(repr(d), d.size, Dog.kind(), d.kind(), d.speak(), type(d).__name__)
print(isinstance(d, Sized), isinstance(d, LoudMixin), issubclass(Dog, ReprMixin), issubclass(Animal, Dog))
print(isinstance(d, (int, Sized)), issubclass(Dog, (str, Animal)))


# ---- class attributes and dunder methods from a second base
class Addable:
    unit = "cm"

    def __add__(self, other):
        return type(self)(self.v + other.v)

    def __eq__(self, other):
        return self.v == other.v

    __hash__ = None

    def __len__(self):
        return self.v

    def __iter__(self):
        return iter(range(self.v))


class Value:
    def __init__(self, v):
        self.v = v


class Length(Value, Addable):
    pass


x = Length(2) + Length(3)
print(x.v, Length.unit, x == Length(5), len(x), list(x), Length.__hash__)


# ---- MRO errors, duplicate bases, layout conflicts
def attempt(make):
    try:
        cls = make()
        print("made", names(cls.__mro__))
    except TypeError as e:
        print("TypeError:", e)


class X: pass
class Y: pass
class XY(X, Y): pass
class YX(Y, X): pass


attempt(lambda: type("P", (A, B), {}))
attempt(lambda: type("P", (B, A), {}))
attempt(lambda: type("P", (XY, YX), {}))
attempt(lambda: type("P", (X, X), {}))
attempt(lambda: type("P", (int, str), {}))
attempt(lambda: type("P", (dict, list), {}))
try:
    class Bad(A, B):
        pass
except TypeError as e:
    print("class statement:", e)
try:
    class Dup(X, Y, X):
        pass
except TypeError as e:
    print("class statement:", e)
try:
    class Layout(KeyError, OSError, StopIteration):
        pass
except TypeError as e:
    print("class statement:", e)


# ---- exceptions with several bases
class AppError(Exception):
    pass


class NotFound(AppError, KeyError):
    pass


class BadValue(ValueError, AppError):
    pass


class Both(ValueError, KeyError):
    pass


class FileGone(NotFound, OSError):
    pass


for exc_type in (NotFound, BadValue, Both, FileGone):
    print(exc_type.__name__, names(exc_type.__mro__), exc_type.__base__.__name__)
    for catch in (KeyError, ValueError, AppError, LookupError, OSError):
        try:
            raise exc_type("boom")
        except catch as e:
            print("  caught by", catch.__name__, type(e).__name__, e.args)
        except Exception as e:
            print("  not", catch.__name__, type(e).__name__)


class Gone(OSError, AppError):
    pass


try:
    raise Gone(2, "gone")
except AppError as e:
    print(e.errno, e.strerror, isinstance(e, OSError), Gone.__base__.__name__)


class Retry:
    attempts = 3

    def describe(self):
        return f"{type(self).__name__}: {self} (retry {self.attempts}x)"


class Timeout(Retry, TimeoutError):
    pass


try:
    raise Timeout("slow")
except OSError as e:
    print(e.describe(), Timeout.__base__.__name__)


# ---- metaclass from one base, metaclass conflict
class Registry(type):
    classes = []

    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, ns)
        Registry.classes.append(name)
        return cls


class Plugin(metaclass=Registry):
    pass


class Helper:
    pass


class CsvPlugin(Helper, Plugin):
    pass


print(type(CsvPlugin).__name__, Registry.classes, names(CsvPlugin.__mro__))


class Other(type):
    pass


class OtherBase(metaclass=Other):
    pass


try:
    class Mixed(Plugin, OtherBase):
        pass
except TypeError as e:
    print("TypeError:", e)


class SubRegistry(Registry):
    pass


class Special(metaclass=SubRegistry):
    pass


class Combined(Plugin, Special):
    pass


print(type(Combined).__name__, Registry.classes)


# ---- __init_subclass__ and __set_name__ through several bases
class Tracked:
    seen = []

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Tracked.seen.append(cls.__name__)


class Field:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, "unset")

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value * 2


class Model(Helper, Tracked):
    title = Field()


class Article(Model, X):
    pass


a = Article()
print(Tracked.seen, a.title)
a.title = 21
print(a.title, Article.title.name)


# ---- super() in classmethods and two-argument super
class Base1:
    @classmethod
    def create(cls):
        return ["Base1", cls.__name__]


class Base2:
    @classmethod
    def create(cls):
        return ["Base2", cls.__name__]


class Both12(Base1, Base2):
    @classmethod
    def create(cls):
        return super().create() + super(Base1, cls).create()


print(Both12.create())


# ---- a mixin whose method starts a thread (socketserver.ThreadingMixIn style)
class Server:
    def __init__(self):
        self.handled = []
        self.lock = threading.Lock()

    def finish_request(self, n):
        with self.lock:
            self.handled.append(n * n)

    def process_request(self, n):
        self.finish_request(n)


class ThreadingMixIn:
    daemon_threads = False

    def process_request_thread(self, n):
        self.finish_request(n)

    def process_request(self, n):
        t = threading.Thread(target=self.process_request_thread, args=(n,))
        t.daemon = self.daemon_threads
        t.start()
        self.threads.append(t)


class ThreadedServer(ThreadingMixIn, Server):
    def __init__(self):
        super().__init__()
        self.threads = []


srv = ThreadedServer()
for i in range(5):
    srv.process_request(i)
for t in srv.threads:
    t.join()
print(sorted(srv.handled), names(ThreadedServer.__mro__))
