# Checks private name mangling: self.__x and def __m inside a class become _Class__x, per class along the hierarchy; __dunder__ names and names outside classes are left alone.
class _Base:
    __slots_like = "base"
    def __init__(self):
        self.__v = 1
        self.__dunder__ = 2
    def __hidden(self):
        return self.__v
    def show(self):
        return self.__hidden(), self.__dunder__, _Base.__slots_like
class Child(_Base):
    def __init__(self):
        super().__init__()
        self.__v = 10
    def mine(self):
        return self.__v
c = Child()
print(c.show(), c.mine(), sorted(k for k in vars(c)))
try:
    c.__hidden()
except AttributeError as e:
    print(e)
