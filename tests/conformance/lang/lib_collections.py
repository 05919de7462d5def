from collections import deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap
import collections
d = deque([1, 2, 3], maxlen=3)
d.append(4); print(d, d.maxlen, len(d), d[0], d[-1])
d.appendleft(0); print(d)
d.rotate(1); print(d); d.rotate(-2); print(d)
print(d.popleft(), d.pop(), d)
d2 = deque(); d2.extend("abc"); d2.extendleft("xy"); print(d2, list(reversed(d2)), 'a' in d2)
try: deque().pop()
except IndexError as e: print("IndexError", e)
dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]: dd[k].append(v)
print(dd, dd["a"], len(dd), sorted(dd.items()))
print(defaultdict(int), defaultdict(None, {1: 2}))
c = Counter("abracadabra")
print(c, c.most_common(2), c["z"], sorted(c.elements())[:5], c.total())
c.update("aaz"); c.subtract({"b": 5}); print(c)
a, b = Counter(a=3, b=1), Counter(a=1, b=2)
print(a + b, a - b, a | b, a & b, +Counter(x=-1, y=2), -Counter(x=-1, y=2))
print(Counter(), Counter(a=1) == Counter(a=1, b=0))
od = OrderedDict(a=1, b=2, c=3); od.move_to_end("a"); print(od, list(od))
od.move_to_end("c", last=False); print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict())
P = namedtuple("Point", "x y")
p = P(1, y=2); print(p, p.x, p[1], p._fields, p._asdict(), p._replace(x=5), P._make([7, 8]))
x, y = p; print(x, y, p == (1, 2), len(p), hash(p) == hash(P(1, 2)), {p: 1}[P(1, 2)])
try: p.x = 3
except AttributeError as e: print("AttributeError", e)
Q = namedtuple("Q", ["a", "b", "c"], defaults=[0, 1]); print(Q(5), Q._field_defaults, Q.__name__)
try: Q()
except TypeError as e: print("TypeError", e)
cm = ChainMap({"a": 1}, {"a": 2, "b": 3}); print(cm["a"], cm["b"], len(cm), sorted(cm), cm)
ch = cm.new_child({"c": 4}); print(ch, ch.parents)
print(repr(P), sorted({P(2, 1), P(1, 2)}))

# deque details
d = deque(range(5))
d[1] = 10; del d[0]; print(d, d.index(3), d.count(10), d.copy(), d == deque([10, 2, 3, 4]))
d.insert(1, 99); d.remove(99); d.reverse(); print(d, d + deque([1]), d * 2, bool(deque()))
d += [7]; print(d, deque("ab") < deque("b"))
for bad in (lambda: d.remove(123), lambda: d.index(123), lambda: deque()[0], lambda: deque().popleft()):
    try: bad()
    except (ValueError, IndexError) as e: print(type(e).__name__, e)
try: deque([], maxlen=-1)
except ValueError as e: print("ValueError", e)
print(deque([1, 2, 3], 2), deque("abc", maxlen=0))
q = deque(maxlen=2); q.extendleft([1, 2, 3]); print(q)

# defaultdict details
dd = defaultdict(lambda: "x", {"k": "v"})
print(dd["k"], dd["q"], "q" in dd, dd.get("zz"), "zz" in dd, len(dd))
dd2 = defaultdict(set); dd2["a"].add(1); dd2["a"].add(2); print(dd2, dd2.pop("a"), dd2)
try: defaultdict()["nope"]
except KeyError as e: print("KeyError", e)
counts = defaultdict(int)
for w in "the cat the hat the".split(): counts[w] += 1
print(counts, dict(counts), counts == {"the": 3, "cat": 1, "hat": 1})

# Counter details
c = Counter(cats=4, dogs=8)
print(c, c.most_common(), list(c.elements()), c["fish"], "fish" in c)
del c["cats"]; del c["nothing"]; print(c, len(c))
words = Counter(["red", "blue", "red", "green", "blue", "blue"])
print(words.most_common(1), sorted(words), words.most_common()[-1])
c = Counter(a=4, b=2, c=0, d=-2); c.subtract(Counter(a=1, b=2, c=3, d=4)); print(c, +c)
c1 = Counter("aab"); c1 += Counter("bcc"); print(c1); c1 -= Counter("ab"); print(c1)
c2 = Counter(a=2); c2 |= Counter(a=1, b=3); print(c2); c2 &= Counter(a=5, b=1); print(c2)
print(Counter(a=1) <= Counter(a=2), Counter(a=3) < Counter(a=2), Counter("abc") == Counter("cba"))
try: Counter.fromkeys("ab")
except NotImplementedError as e: print("NotImplementedError", e)
print(Counter({"x": 2, "y": 1}).copy(), Counter("hello").get("l"), Counter("hi").get("z"))

# OrderedDict details
o = OrderedDict.fromkeys("abc", 0); o["d"] = 1; del o["a"]
print(o, list(o.keys()), list(o.values()), list(o.items()), len(o))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {"b": 2, "a": 1})
try: OrderedDict().popitem()
except KeyError as e: print("KeyError", e)
print(list(reversed(OrderedDict(x=1, y=2))), o.get("b"), o.setdefault("z", 5), o)

# namedtuple details
Card = namedtuple("Card", ["rank", "suit"])
hand = [Card(10, "h"), Card(2, "s"), Card(10, "c")]
print(sorted(hand), max(hand), Card(1, "x") < Card(2, "a"), list(Card(3, "d")), Card(3, "d")[-1])
print(Card._fields, Card(rank=5, suit="s"), tuple(Card(1, 2)), Card(1, 2) + (3,), Card(1, 2).index(2))
R = namedtuple("R", "a, b  c", rename=False); print(R(1, 2, 3))
S = namedtuple("S", ["ok", "def", "ok", "_x"], rename=True); print(S._fields)
for bad in (lambda: namedtuple("T", "a a"), lambda: namedtuple("T", "_a"), lambda: namedtuple("T", "class"),
            lambda: namedtuple("1T", "a"), lambda: Card(1, 2, 3), lambda: Card(1, foo=2),
            lambda: Card._make([1]), lambda: Card(1, 2)._replace(z=1)):
    try: bad()
    except (ValueError, TypeError) as e: print(type(e).__name__, e)
seen = {Card(1, "a"): "one"}; seen[Card(1, "a")] = "uno"; print(seen, Card(1, "a") in {Card(1, "a")})
class Pt(namedtuple("Pt", "x y")):
    def norm1(self):
        return abs(self.x) + abs(self.y)
print(Pt(3, -4).norm1(), Pt(3, -4))

# ChainMap details
defaults = {"color": "red", "user": "guest"}
args = {"user": "ann"}
cm = ChainMap(args, defaults)
print(cm["user"], cm["color"], cm.get("nope", 0), "color" in cm, list(cm.items()), dict(cm))
cm["color"] = "blue"; print(args, defaults, cm.maps[0])
del cm["color"]
try: del cm["color"]
except KeyError as e: print("KeyError", e)
try: cm["missing"]
except KeyError as e: print("KeyError", e)
print(ChainMap(), bool(ChainMap({})), cm.new_child().maps)
