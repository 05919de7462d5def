# object.__hash__: the identity hash, reused by classes that define __eq__ and by super()
class Plain:
    pass


p = Plain()
print(object.__hash__(p) == hash(p))
print(Plain.__hash__ is object.__hash__)


class Named:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, Named) and other.name == self.name

    __hash__ = object.__hash__


a, b = Named("x"), Named("x")
print(a == b, hash(a) == hash(b))
d = {a: 1}
print(d[a], b in d)


class Wrapped:
    def __hash__(self):
        return super().__hash__() ^ 1


w = Wrapped()
print(hash(w) == object.__hash__(w) ^ 1)
print(len({w, w, Wrapped()}))


class NoHash:
    def __eq__(self, other):
        return True


print(NoHash.__hash__)
try:
    object.__hash__()
except TypeError as e:
    print("TypeError")
