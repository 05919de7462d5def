class Meta(type):
    def __init__(cls, name, bases, ns):
        print("Meta.__init__", name, bases, sorted(k for k in ns if not k.startswith("__")))
    def __iter__(cls):
        return iter(cls._items)
    def __len__(cls):
        return len(cls._items)
    def __getitem__(cls, k):
        return cls._items[k]
    def __contains__(cls, x):
        return x in cls._items
    def __repr__(cls):
        return f"<meta {cls.__name__}>"
    def describe(cls):
        return "I am " + cls.__name__
    @property
    def size(cls):
        return len(cls._items)
class Bag(metaclass=Meta):
    _items = [1, 2, 3]
class Sub(Bag):
    _items = [4]
print(list(Bag), len(Bag), Bag[0], 2 in Bag, 5 in Bag, Bag, [Bag, Sub], repr(Sub), str(Bag), Bag.describe(), Sub.size)
print(type(Bag).__name__, isinstance(Bag, Meta), isinstance(Bag, type), sorted(Sub), [x for x in Bag])
class M2(type):
    def __new__(mcs, name, bases, ns):
        ns["added"] = name.lower()
        return super().__new__(mcs, name, bases, ns)
class X(metaclass=M2): pass
class Y(X): pass
print(X.added, Y.added, type(Y).__name__)

class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]
class Config(metaclass=Singleton):
    def __init__(self, v):
        print("init", v)
        self.v = v
a = Config(1); b = Config(2); print(a is b, a.v, type(a).__name__)
class Logger(metaclass=Singleton): pass
print(Logger() is Logger(), Logger() is a)

class Registry(type):
    classes = []
    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, ns)
        Registry.classes.append(name)
        return cls
class RBase(metaclass=Registry): pass
class RChild(RBase): pass
print(Registry.classes, type(RChild) is Registry)
try:
    class Clash(Bag, metaclass=M2): pass
except TypeError as e: print("TypeError", e)
