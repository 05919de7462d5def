import dataclasses
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError
from typing import ClassVar, List

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2); q = Point(1); r = Point(y=5, x=3)
print(p, q, r, p == Point(1, 2), p != q, p == (1, 2), p.x, q.y)
print([f.name for f in fields(p)], [f.type.__name__ for f in fields(Point)], fields(Point)[1].default)
print(asdict(p), astuple(p), replace(p, y=9), is_dataclass(p), is_dataclass(Point), is_dataclass(3))
for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: Point(1, x=2)]:
    try: bad()
    except TypeError as e: print("TypeError", e)

@dataclass
class Three:
    a: int
    b: int
    c: int
try: Three()
except TypeError as e: print("TypeError", e)
try: Three(1)
except TypeError as e: print("TypeError", e)

@dataclass
class Inventory:
    name: str
    items: list = field(default_factory=list)
    tags: dict = field(default_factory=dict, repr=False)
    count: ClassVar[int] = 0
    secret: str = field(default="s", compare=False)
i1 = Inventory("a"); i2 = Inventory("a"); i1.items.append(1)
print(i1, i2, i1.items is i2.items, Inventory.count, [f.name for f in fields(Inventory)])
print(Inventory("x", secret="p") == Inventory("x", secret="q"), asdict(i1))

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
print(sorted([Version(1, 5), Version(0, 9), Version(1, 0)]), Version(1) < Version(1, 1), Version(2) >= Version(1, 9))
try: Version(1) < (1, 0)
except TypeError as e: print("TypeError", e)

@dataclass(frozen=True)
class Coord:
    lat: float
    lon: float
c = Coord(1.5, 2.5)
try: c.lat = 3
except FrozenInstanceError as e: print("FrozenInstanceError", e)
try: del c.lon
except FrozenInstanceError as e: print("FrozenInstanceError", e)
print(c, hash(c) == hash(Coord(1.5, 2.5)), {c: "here"}[Coord(1.5, 2.5)], len({c, Coord(1.5, 2.5), Coord(0, 0)}))
print(isinstance(FrozenInstanceError(), AttributeError), replace(c, lon=0.0))

@dataclass
class Temp:
    celsius: float
    fahrenheit: float = field(init=False)
    def __post_init__(self):
        self.fahrenheit = self.celsius * 9 / 5 + 32
print(Temp(100), Temp(-40).fahrenheit)

@dataclass
class Base:
    id: int
    name: str = "base"
@dataclass
class Child(Base):
    extra: List[int] = field(default_factory=lambda: [1, 2])
print(Child(7), Child(8, "n", [3]), [f.name for f in fields(Child)], isinstance(Child(1), Base))

@dataclass
class Line:
    start: Point
    end: Point
ln = Line(Point(0, 0), Point(3, 4))
print(ln, asdict(ln), astuple(ln))
d = asdict(ln); d["start"]["x"] = 99; print(ln.start.x)

try:
    @dataclass
    class Bad:
        a: int = 0
        b: int
except TypeError as e: print("TypeError", e)
try:
    @dataclass
    class Bad2:
        a: list = []
except ValueError as e: print("ValueError", e)
try:
    field(default=1, default_factory=list)
except ValueError as e: print("ValueError", e)
try:
    @dataclass(order=True, eq=False)
    class Bad3:
        a: int
except ValueError as e: print("ValueError", e)
try: asdict(Point)
except TypeError as e: print("TypeError", e)

@dataclass(repr=False, eq=False)
class Plain:
    v: int
pl = Plain(1); print(pl == Plain(1), pl.v, "Plain object" in repr(pl))

@dataclass
class WithMethods:
    items: list = field(default_factory=list)
    def add(self, x):
        self.items.append(x)
        return self
    @property
    def total(self):
        return sum(self.items)
w = WithMethods().add(3).add(4); print(w, w.total)

@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int
print(Opts(level=2))
try: Opts(1)
except TypeError as e: print("TypeError", e)
