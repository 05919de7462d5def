import enum
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value, Color(2), Color["RED"], type(Color.RED).__name__)
print(list(Color), len(Color), Color.RED in Color, Color.RED is Color(1), Color.RED == Color.RED, Color.RED != Color.BLUE)
print(Color, repr(Color), [c.name for c in Color], list(Color.__members__), isinstance(Color.RED, Color))
print({Color.RED: "stop", Color.GREEN: "go"}[Color.GREEN], sorted(Color, key=lambda c: c.value, reverse=True))
print(f"{Color.RED}", "{}".format(Color.BLUE), str(Color.GREEN), list(reversed(Color)))
for bad in [lambda: Color(7), lambda: Color["PURPLE"]]:
    try: bad()
    except (ValueError, KeyError) as e: print(type(e).__name__, e)
try: Color.RED.value = 5
except AttributeError as e: print("AttributeError")

class State(Enum):
    IDLE = auto()
    RUNNING = auto()
    DONE = auto()
print(list(State), State.RUNNING.value, State(3))

class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2
print(list(Shape), Shape.ALIAS_FOR_SQUARE, Shape(2), Shape["ALIAS_FOR_SQUARE"] is Shape.SQUARE, list(Shape.__members__))
try:
    @unique
    class Mistake(Enum):
        ONE = 1
        TWO = 2
        UNO = 1
except ValueError as e: print("ValueError", e)

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)
print(Planet.EARTH.value, Planet.EARTH.mass, Planet.EARTH.surface_gravity, Planet((3.303e+23, 2.4397e6)))

class Weekday(Enum):
    MON = 1
    TUE = 2
    def is_first(self):
        return self is Weekday.MON
    @classmethod
    def first(cls):
        return cls.MON
print(Weekday.MON.is_first(), Weekday.TUE.is_first(), Weekday.first(), Weekday.TUE.name.lower())

class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
print(Priority.HIGH, repr(Priority.LOW), Priority.HIGH > Priority.LOW, Priority.MEDIUM == 2, Priority.LOW + 1, int(Priority.HIGH))
print(sorted([Priority.HIGH, Priority.LOW]), Priority(2), f"{Priority.HIGH:>3}", Priority.LOW < 2)

class Mode(StrEnum):
    READ = auto()
    WRITE = "w"
print(Mode.READ, repr(Mode.READ), Mode.WRITE == "w", Mode("read"), f"[{Mode.WRITE}]", Mode.READ.upper())

class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(repr(Perm.R), Perm.W in rw, Perm.X in rw, bool(Perm.R & Perm.X), rw == Perm(6), Perm.R.value, (rw & Perm.R) is Perm.R)
class Bits(Flag):
    A = auto()
    B = auto()
    C = auto()
print([b.value for b in Bits], Bits.A | Bits.C == Bits(5))

class Status(Enum):
    OK = "ok"
    ERR = "err"
    @classmethod
    def _missing_(cls, value):
        return cls.ERR
print(Status("whatever"), Status("ok"), Status.OK.value.upper())
print(isinstance(Color, enum.EnumMeta), type(Color).__name__, Color.RED.__class__ is Color)
