# abc: ABCMeta, ABC, abstractmethod. A class with abstract methods left refuses instances
# with CPython's TypeError (the VM checks at instantiation, as object.__new__ does).

import _pyhelpers


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    inner = getattr(value, "__func__", None)  # property, classmethod, staticmethod
    return inner is not None and getattr(inner, "__isabstractmethod__", False)


class ABCMeta(type):
    def __init__(cls, name, bases, namespace):
        abstracts = set()
        for key, value in namespace.items():
            if _is_abstract(value):
                abstracts.add(key)
        for base in cls.__mro__[1:]:
            for key in getattr(base, "__abstractmethods__", ()):
                if key in abstracts:
                    continue
                value = getattr(cls, key, None)
                if _is_abstract(value):
                    abstracts.add(key)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = []
        _pyhelpers.set_abstract(cls, tuple(sorted(abstracts)))

    def register(cls, subclass):
        # recorded only: isinstance()/issubclass() do not consult it in Interleave
        cls._abc_registry.append(subclass)
        return subclass


class ABC(metaclass=ABCMeta):
    pass


def get_cache_token():
    return 0


def update_abstractmethods(cls):
    ABCMeta.__init__(cls, cls.__name__, cls.__bases__, cls.__dict__)
    return cls

