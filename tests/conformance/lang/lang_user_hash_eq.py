# A user __hash__/__eq__ for dict keys and set members, as CPython 3.11 does (issue #16).
import collections
import enum
from dataclasses import dataclass


class P:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __hash__(self):
        return hash((self.x, self.y))

    def __eq__(self, other):
        return isinstance(other, P) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"P({self.x}, {self.y})"


def by_x(p):
    return (p.x, p.y)


print("-- dict keys")
d = {P(1, 2): "a"}
print(d[P(1, 2)], P(1, 2) in d, P(2, 1) in d, P(1, 2) not in d)
d[P(1, 2)] = "b"
print(len(d), d)
print(d.get(P(1, 2)), d.get(P(0, 0), "none"))
print(d.setdefault(P(1, 2), "x"), d.setdefault(P(3, 4), "c"), d)
print(d.pop(P(1, 2)), d.pop(P(9, 9), "gone"), d)
del d[P(3, 4)]
print(d)
try:
    d[P(5, 5)]
except KeyError as e:
    print("KeyError", e)
d = dict([(P(1, 1), 1), (P(1, 1), 2)])
d.update({P(1, 1): 3, P(2, 2): 4})
print(d, {**d, P(2, 2): 5}, d | {P(1, 1): 0}, d == {P(2, 2): 4, P(1, 1): 3}, dict(d) == d)
print({p: p.x for p in [P(1, 1), P(1, 1), P(2, 2)]})
print(hash(P(1, 2)) == hash((1, 2)), hash(P(1, 2)) == hash(P(1, 2)))

print("-- sets")
s = {P(1, 2), P(1, 2), P(3, 4)}
print(len(s), P(3, 4) in s, sorted(s, key=by_x))
s.add(P(3, 4))
s.discard(P(1, 2))
print(len(s))
s.remove(P(3, 4))
print(len(s))
try:
    s.remove(P(3, 4))
except KeyError as e:
    print("KeyError", e)
a = {P(1, 1), P(2, 2), P(3, 3)}
b = {P(2, 2), P(3, 3), P(4, 4)}
print(sorted(a | b, key=by_x), sorted(a & b, key=by_x), sorted(a - b, key=by_x), sorted(a ^ b, key=by_x))
print(a == {P(3, 3), P(2, 2), P(1, 1)}, a <= a | b, {P(2, 2)} < a, a.isdisjoint({P(9, 9)}), a.isdisjoint(b))
print(sorted(a.union([P(7, 7)]), key=by_x), sorted(a.intersection(b), key=by_x), sorted(a.difference(b), key=by_x))
c = a.copy()
c.update([P(1, 1), P(8, 8)])
c -= {P(2, 2)}
c |= {P(2, 2), P(9, 9)}
c &= {P(2, 2), P(9, 9), P(1, 1)}
print(sorted(c, key=by_x), set([P(5, 5)]) == {P(5, 5)}, {p for p in [P(6, 6), P(6, 6)]})
fa = frozenset(a)
print(P(1, 1) in fa, fa == frozenset({P(1, 1), P(2, 2), P(3, 3)}), len({fa, frozenset(a)}), fa in {frozenset(a): 1})
t = {(P(1, 2), "k"): 1}
print((P(1, 2), "k") in t, t[(P(1, 2), "k")], ((P(1, 2),), 3) in {((P(1, 2),), 3)})

print("-- frozenset keys")
print(frozenset({1, 2}) in {frozenset({2, 1}): 0}, len({frozenset({1}), frozenset({1})}))
print(hash(frozenset({1, 2})) == hash(frozenset({2, 1})), hash(frozenset()), hash(frozenset({1, 2, 3})))

print("-- Counter, defaultdict")
cnt = collections.Counter([P(1, 1), P(1, 1), P(2, 2)])
print(cnt[P(1, 1)], cnt[P(2, 2)], cnt[P(3, 3)], cnt.most_common(1))
dd = collections.defaultdict(list)
dd[P(1, 1)].append(1)
dd[P(1, 1)].append(2)
print(dict(dd))


print("-- __eq__ on a hash collision")
class C:
    calls = []

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 7

    def __eq__(self, other):
        C.calls.append((self.n, getattr(other, "n", other)))
        return isinstance(other, C) and self.n == other.n

    def __repr__(self):
        return f"C{self.n}"


d = {}
for i in range(4):
    d[C(i)] = i
print(len(d), C.calls)
C.calls.clear()
print(d[C(2)], C.calls)
C.calls.clear()
k = list(d)[3]
print(d[k], C.calls)
C.calls.clear()
print(C(9) in d, C.calls)
C.calls.clear()
print(7 in d, C.calls)
C.calls.clear()
s = {C(0), C(1)}
print(C(1) in s, C.calls)
C.calls.clear()
print(len(s | {C(1), C(2)}), len(s.copy()))

print("-- unhashable")
class OnlyEq:
    def __eq__(self, other):
        return True


class NoneHash:
    __hash__ = None


class SubEq(P):
    def __eq__(self, other):
        return False


class SubPlain(P):
    pass


print(OnlyEq.__hash__, NoneHash.__hash__, SubEq.__hash__)
for cls in (OnlyEq, NoneHash, SubEq):
    obj = cls() if cls is not SubEq else cls(1, 1)
    for what, f in (("hash", lambda: hash(obj)), ("key", lambda: {obj: 1}), ("set", lambda: {obj}),
                    ("in", lambda: obj in {1: 2}), ("get", lambda: {}.get(obj)), ("add", lambda: set().add(obj))):
        try:
            f()
            print(what, "ok")
        except TypeError as e:
            print(what, "TypeError:", e)
print(len({SubPlain(1, 1), SubPlain(1, 1), P(1, 1)}))

print("-- __hash__ results")
class H:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v


for v in (5, -1, True, 2 ** 70, -(2 ** 80)):
    print(hash(H(v)) == hash(v), hash(H(v)) if v in (5, -1, True) else "")
for v in ("x", 1.5, None):
    try:
        hash(H(v))
    except TypeError as e:
        print("TypeError:", e)
    try:
        {H(v): 1}
    except TypeError as e:
        print("TypeError:", e)

print("-- exceptions from __hash__ and __eq__")
class BadHash:
    def __hash__(self):
        raise ValueError("no hash today")


class BadEq:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise RuntimeError("eq failed")

    def __repr__(self):
        return "BadEq()"


def attempt(name, f):
    try:
        print(name, f())
    except (ValueError, RuntimeError) as e:
        print(name, type(e).__name__, e)


bad = BadEq()
attempt("hash key", lambda: {BadHash(): 1})
attempt("hash in", lambda: BadHash() in {1: 2})
attempt("hash set", lambda: {1, BadHash()})
attempt("hash get", lambda: {}.get(BadHash()))
attempt("eq lookup", lambda: {bad: 1}[BadEq()])
attempt("eq same object", lambda: {bad: 1}[bad])
attempt("eq int", lambda: BadEq() in {1})
attempt("eq int key", lambda: 1 in {bad})
attempt("eq other hash", lambda: BadEq() in {2, 3})
attempt("eq pop", lambda: {bad: 1}.pop(BadEq()))
attempt("eq union", lambda: len({bad} | {BadEq()}))
attempt("eq setdefault", lambda: {bad: 1}.setdefault(BadEq(), 2))
attempt("eq set ==", lambda: {bad} == {BadEq()})
try:
    for x in [1]:
        d = {bad: 1}
        d[BadEq()] = 2
except RuntimeError as e:
    print("store", e, d)

print("-- equal to an int")
class One:
    def __hash__(self):
        return hash(1)

    def __eq__(self, other):
        return other == 1

    def __repr__(self):
        return "One()"


d = {1: "int one"}
print(d[One()], One() in d, One() in {1}, 1 in {One()}, d.get(One()))
d[One()] = "replaced"
print(d)
e = {One(): "obj"}
print(e[1], e[1.0], e[True], {1, One()}, {One(), 1}, {One(): 1, 1: 2})


print("-- library value types")
@dataclass(frozen=True)
class F:
    a: int
    b: str


@dataclass
class M:
    a: int


@dataclass(unsafe_hash=True)
class U:
    a: int


@dataclass(eq=False)
class N:
    a: int


print({F(1, "x"): 1}[F(1, "x")], len({F(1, "x"), F(1, "x"), F(2, "x")}), hash(F(1, "x")) == hash((1, "x")))
print(M.__hash__, len({U(1), U(1)}), hash(U(1)) == hash((1,)), len({N(1), N(1)}))
try:
    {M(1)}
except TypeError as e:
    print("TypeError:", e)
Pt = collections.namedtuple("Pt", "x y")
print({Pt(1, 2): "a"}[Pt(1, 2)], len({Pt(1, 2), Pt(1, 2)}), hash(Pt(1, 2)) == hash((1, 2)))


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Num(enum.IntEnum):
    ONE = 1
    TWO = 2


print({Color.RED: "r"}[Color.RED], Color.GREEN in {Color.RED}, {1: "a"}[Num.ONE], {Num.TWO: "b"}[2], Num.ONE in {1, 5})

print("-- many keys, removals (the dict compacts)")
class Q:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return self.n % 5

    def __eq__(self, other):
        return isinstance(other, Q) and self.n == other.n


d = {Q(i): i for i in range(100)}
for i in range(0, 100, 3):
    del d[Q(i)]
d[Q(3)] = "back"
print(len(d), d[Q(50)], Q(51) in d, Q(3) in d, list(d.values())[-1], sum(v for v in d.values() if v != "back"))
s = set(Q(i) for i in range(60))
for i in range(50):
    s.discard(Q(i))
print(len(s), sorted(q.n for q in s), Q(55) in s, Q(5) in s)
print(d.popitem()[1], len(d), s.pop().n in range(50, 60), len(s))
d.clear()
d[Q(1)] = 1
print(d[Q(1)], len(d))
