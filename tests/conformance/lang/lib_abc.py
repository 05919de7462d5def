import abc
from abc import ABC, ABCMeta, abstractmethod

class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"

class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s * self.s
    def perimeter(self): return 4 * self.s

class Half(Shape):
    def area(self): return 0

print(Square(3).describe(), Square(2).perimeter(), sorted(Shape.__abstractmethods__), sorted(Half.__abstractmethods__))
print(Square.__abstractmethods__ == frozenset(), isinstance(Square(1), Shape), type(Shape).__name__, isinstance(Shape, ABCMeta))
for cls in (Shape, Half):
    try: cls()
    except TypeError as e: print("TypeError", e)

class Base(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self): ...
    @classmethod
    @abstractmethod
    def make(cls): ...
class Impl(Base):
    @property
    def name(self): return "impl"
    @classmethod
    def make(cls): return cls()
try: Base()
except TypeError as e: print("TypeError", e)
print(Impl.make().name, getattr(Base.__dict__["name"], "__isabstractmethod__", "n/a") if False else "ok")

class Plugin(ABC):
    @abstractmethod
    def run(self, x):
        return x * 10
class Doubler(Plugin):
    def run(self, x):
        return super().run(x) + 2
print(Doubler().run(4))

class Partial(ABC):
    @abstractmethod
    def a(self): ...
    @abstractmethod
    def b(self): ...
class StillAbstract(Partial):
    def a(self): return 1
class Done(StillAbstract):
    def b(self): return 2
try: StillAbstract()
except TypeError as e: print("TypeError", e)
d = Done(); print(d.a(), d.b(), isinstance(d, Partial))

class NoAbstract(ABC):
    pass
print(type(NoAbstract()).__name__)

class Worker(ABC):
    def __init__(self, name):
        self.name = name
    @abstractmethod
    def work(self): ...
class Printer(Worker):
    def work(self): return f"{self.name} prints"
print(Printer("p1").work())
try: Worker("w")
except TypeError as e: print("TypeError", e)
print(abstractmethod(lambda: 0).__isabstractmethod__)
