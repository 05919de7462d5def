# The object-model hooks the library modules rely on, checked against CPython 3.11.

# function attributes
def f(a, b=2, *, c=3):
    "Doc of f."
    return a
f.calls = 0
f.calls += 1
print(f.calls, f.__dict__, f.__doc__, f.__module__, f.__defaults__, f.__kwdefaults__, f.__name__)
f.__name__ = "renamed"; print(f.__name__, getattr(f, "missing", "default"), hasattr(f, "calls"))
try: f.__name__ = 3
except TypeError as e: print("TypeError", e)
try: f.nothing
except AttributeError as e: print("AttributeError", e)
def g(): pass
print(g.__doc__, g.__defaults__, g.__kwdefaults__)

# type(name, bases, ns)
def hello(self): return "hi " + self.name
T = type("T", (), {"name": "t", "hello": hello, "n": 1})
print(T.__name__, T().hello(), T.n, T.__module__, type(T()).__name__)
U = type("U", (T,), {"name": "u"})
print(U().hello(), isinstance(U(), T), U.__base__.__name__)
try: type("V", (), [])
except TypeError as e: print("TypeError", e)

# descriptors
class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"expected int, got {type(value).__name__}")
        setattr(obj, self.name, value)
class Pt:
    x = Typed()
    y = Typed()
p = Pt(); print(p.x); p.x = 5; print(p.x, p._x, type(Pt.x).__name__)
try: p.y = "s"
except TypeError as e: print("TypeError", e)
class Ten:
    def __get__(self, obj, objtype=None):
        return 10
class A:
    ten = Ten()
print(A().ten, A.ten)

# __init_subclass__
class Plugin:
    registry = []
    def __init_subclass__(cls, **kw):
        super().__init_subclass__()
        Plugin.registry.append(cls.__name__)
class P1(Plugin): pass
class P2(P1): pass
print(Plugin.registry)

# __new__
class Single:
    _inst = None
    def __new__(cls, *args):
        if cls._inst is None:
            cls._inst = object.__new__(cls)
            print("made", args)
        return cls._inst
    def __init__(self, *args):
        print("init", args)
s1 = Single(1); s2 = Single(2); print(s1 is s2)
class Other:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(Other())
o = object.__new__(Pt); print(type(o).__name__, o.x)
try: object.__new__(1)
except TypeError as e: print("TypeError", e)

# object.__setattr__ past a __setattr__ hook
class Frozen:
    def __init__(self, v):
        object.__setattr__(self, "v", v)
    def __setattr__(self, k, v):
        raise AttributeError(f"cannot assign to field '{k}'")
fr = Frozen(3); print(fr.v)
try: fr.v = 4
except AttributeError as e: print("AttributeError", e)
object.__delattr__(fr, "v"); print(hasattr(fr, "v"))

# augmented assignment and NotImplemented
class Acc:
    def __init__(self): self.items = []
    def __iadd__(self, other):
        self.items.append(other)
        return self
    def __repr__(self): return f"Acc({self.items})"
acc = Acc(); alias = acc; acc += 1; acc += 2; print(acc, alias is acc)
class Money:
    def __init__(self, v): self.v = v
    def __add__(self, other):
        if isinstance(other, Money): return Money(self.v + other.v)
        return NotImplemented
    def __radd__(self, other):
        if other == 0: return self
        return NotImplemented
    def __repr__(self): return f"Money({self.v})"
print(Money(1) + Money(2), sum([Money(1), Money(2), Money(3)]))
try: Money(1) + "x"
except TypeError as e: print("TypeError", e)
m = Money(5); m += Money(1); print(m)
class OnlyAdd:
    def __add__(self, o): return "add"
x = OnlyAdd(); x += 1; print(x)

# reversed()
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i): return "abc"[i]
class Rev:
    def __reversed__(self): return iter([3, 2, 1])
print(list(reversed(Seq())), list(reversed(Rev())))
try: reversed(object())
except TypeError as e: print("TypeError", e)

# dict() and dict.update() over a mapping with keys()
class M:
    def keys(self): return ["a", "b"]
    def __getitem__(self, k): return k * 2
d = dict(M()); d.update(M(), c=1); print(d, dict(M(), z=0))

# slice objects
sl = slice(1, 5, 2); print(sl.start, sl.stop, sl.step, [0, 1, 2, 3, 4, 5][sl], slice(3).stop, "abcdef"[slice(2, None)])

# print to an object with write()
class Sink:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
sk = Sink(); print("a", 1, sep="+", end="!", file=sk); print(sk.parts)
print(int.__module__, type(len).__name__)
