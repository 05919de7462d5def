import functools
from functools import partial, reduce, wraps, lru_cache, cache, total_ordering, cached_property, cmp_to_key

def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(5), cube(2), partial(power, 2)(10), square.args, square.keywords, square.func is power)
p2 = partial(partial(power, 3), exp=4); print(p2(), p2.args, p2.keywords)
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 10), reduce(max, [3, 9, 2]))
try: reduce(lambda a, b: a, [])
except TypeError as e: print("TypeError", e)

def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__)
        return func(*args, **kwargs)
    return wrapper

@logged
def add(a, b):
    "Add two numbers."
    return a + b
print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__(1, 1), add.__qualname__)

def tagged(func):
    func.tag = "t1"
    return func
@logged
@tagged
def noop():
    pass
print(noop.tag, noop.__dict__["tag"], noop.__module__)

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), fib.cache_info())
fib.cache_clear(); print(fib.cache_info())

@lru_cache
def sq(x):
    print("computing", x)
    return x * x
print(sq(3), sq(3), sq.cache_info(), sq.__name__)

@lru_cache(maxsize=2)
def ident(x):
    print("miss", x)
    return x
for v in [1, 2, 1, 3, 2, 1]:
    ident(v)
print(ident.cache_info(), ident.cache_parameters())

@lru_cache(maxsize=0)
def never(x):
    return x
never(1); never(1); print(never.cache_info())

@cache
def slow_sum(*args, **kw):
    print("summing", args, kw)
    return sum(args) + sum(kw.values())
print(slow_sum(1, 2), slow_sum(1, 2), slow_sum(1, 2, z=3), slow_sum(1, 2, z=3), slow_sum.cache_info())
try: lru_cache("x")
except TypeError as e: print("TypeError", e)
try: sq([1])
except TypeError as e: print("TypeError", e)

class Calc:
    def __init__(self, k):
        self.k = k
    @lru_cache(maxsize=None)
    def times(self, x):
        print("times", self.k, x)
        return self.k * x
c = Calc(3); print(c.times(2), c.times(2), Calc(4).times(2), Calc.times.cache_info().hits)

@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor
    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
    def __repr__(self):
        return f"V{self.major}.{self.minor}"
a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, a == Version(1, 2), sorted([b, a, Version(0, 9)]), max(a, b))

@total_ordering
class Rev:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __ge__(self, o): return self.n >= o.n
print(Rev(1) < Rev(2), Rev(1) > Rev(2), Rev(2) <= Rev(2))
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e: print("ValueError", e)

class Circle:
    def __init__(self, r):
        self.r = r
    @cached_property
    def area(self):
        print("computing area")
        return 3 * self.r * self.r
ci = Circle(2); print(ci.area, ci.area, "area" in ci.__dict__)
ci.area = 100; print(ci.area)
del ci.area; print(ci.area)
print(type(Circle.area).__name__)

def compare_len(x, y):
    return len(x) - len(y)
print(sorted(["ccc", "a", "bb"], key=cmp_to_key(compare_len)))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), min(["aa", "b"], key=cmp_to_key(compare_len)))

class Cell:
    def __init__(self, v): self.v = v
    def scaled(self, f): return self.v * f
    twice = functools.partialmethod(scaled, 2)
print(Cell(21).twice())
