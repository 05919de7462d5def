import operator
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(2, 3), operator.sub(5, 7), operator.mul("ab", 3), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.pow(2, 10), operator.neg(4), operator.pos(-4), operator.abs(-3), operator.inv(5))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.lshift(1, 4), operator.rshift(32, 2))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1.0), operator.ne(1, 2), operator.ge(1, 2), operator.gt(3, 2))
print(operator.not_(0), operator.truth([]), operator.truth([0]), operator.is_(None, None), operator.is_not(1, None))
print(operator.concat([1], [2]), operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"))
d = {"a": 1}
operator.setitem(d, "b", 2); print(d, operator.getitem(d, "b")); operator.delitem(d, "a"); print(d)
print(operator.getitem([10, 20, 30], slice(1, None)), operator.index(7), operator.length_hint([1, 2, 3]))
lst = [1]
print(operator.iadd(lst, [2]), lst, operator.iadd(1, 2), operator.imul("x", 3), operator.isub(10, 4), operator.ior({1}, {2}))
print(operator.itruediv(9, 2), operator.ifloordiv(9, 2), operator.imod(9, 4), operator.ipow(3, 3), operator.iand(6, 3), operator.ixor(6, 3))
try: operator.indexOf([1], 5)
except ValueError as e: print("ValueError", e)

rows = [("bob", 25, "b"), ("amy", 31, "a"), ("cid", 25, "c")]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(1, 0)))
print(itemgetter(0)("xyz"), itemgetter(0, 2)("xyz"), itemgetter("k")({"k": "v"}), itemgetter(slice(2))([1, 2, 3]))
print(list(map(itemgetter(0), rows)), itemgetter(1), itemgetter(1, "a"))

class Addr:
    def __init__(self, city): self.city = city
class Person:
    def __init__(self, name, city): self.name, self.addr = name, Addr(city)
people = [Person("zed", "Oslo"), Person("ann", "Bergen")]
print([p.name for p in sorted(people, key=attrgetter("name"))], attrgetter("addr.city")(people[0]))
print(attrgetter("name", "addr.city")(people[1]), attrgetter("name"), attrgetter("a", "b.c"))
try: attrgetter("nope")(people[0])
except AttributeError as e: print("AttributeError", e)
print(methodcaller("upper")("abc"), methodcaller("split", ",")("a,b"), methodcaller("replace", "a", "o", 1)("banana"))
print(methodcaller("get", "k", default=None) if False else methodcaller("split", maxsplit=1)("a b c"))
print(methodcaller("zfill", 5), methodcaller("f", 1, x=2))
print(sorted(["b", "A", "c"], key=methodcaller("lower")))
