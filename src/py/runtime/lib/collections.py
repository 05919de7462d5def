# collections: deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap.
# Interleave's classes cannot subclass dict or tuple yet, so these wrap one
# (isinstance(Counter(), dict) is False here, True in CPython).

import _pyhelpers


class deque:
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._items = []
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def _trim_right(self):
        if self._maxlen is not None and len(self._items) > self._maxlen:
            del self._items[:len(self._items) - self._maxlen]

    def append(self, x):
        self._items.append(x)
        if self._maxlen is not None and len(self._items) > self._maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self._maxlen is not None and len(self._items) > self._maxlen:
            self._items.pop()

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)

    def extend(self, iterable):
        if iterable is self:
            iterable = list(self._items)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(self._items)
        for x in iterable:
            self.appendleft(x)

    def insert(self, i, x):
        if self._maxlen is not None and len(self._items) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._items.insert(i, x)

    def index(self, x, start=0, stop=None):
        if stop is None:
            stop = len(self._items)
        for i in range(len(self._items))[start:stop]:
            if self._items[i] == x:
                return i
        raise ValueError(f"{x!r} is not in deque")

    def clear(self):
        self._items.clear()

    def copy(self):
        return deque(self._items, self._maxlen)

    def __copy__(self):
        return self.copy()

    def rotate(self, n=1):
        if self._items:
            n = n % len(self._items)
            if n:
                self._items[:] = self._items[-n:] + self._items[:-n]

    def reverse(self):
        self._items.reverse()

    def count(self, x):
        return self._items.count(x)

    def remove(self, x):
        for i in range(len(self._items)):
            if self._items[i] == x:
                del self._items[i]
                return
        raise ValueError(f"{x!r} is not in deque")

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return len(self._items) > 0

    def __iter__(self):
        return iter(self._items)

    def __reversed__(self):
        return reversed(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError("sequence index must be integer, not 'slice'")
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("deque index out of range") from None

    def __setitem__(self, i, v):
        try:
            self._items[i] = v
        except IndexError:
            raise IndexError("deque index out of range") from None

    def __delitem__(self, i):
        try:
            del self._items[i]
        except IndexError:
            raise IndexError("deque index out of range") from None

    def __contains__(self, x):
        return x in self._items

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items == other._items

    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items != other._items

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items < other._items

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items <= other._items

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items > other._items

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items >= other._items

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") to deque')
        return deque(self._items + other._items, self._maxlen)

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return deque(self._items * n, self._maxlen)

    def __imul__(self, n):
        self._items *= n
        self._trim_right()
        return self

    def __repr__(self):
        if self._maxlen is None:
            return f"deque({self._items!r})"
        return f"deque({self._items!r}, maxlen={self._maxlen})"


class _DictWrapper:
    # The dict API over self._d, shared by the dict-like classes below.
    def __getitem__(self, key):
        return self._d[key]

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __len__(self):
        return len(self._d)

    def __bool__(self):
        return len(self._d) > 0

    def __iter__(self):
        return iter(self._d)

    def __reversed__(self):
        return reversed(list(self._d))

    def get(self, key, default=None):
        return self._d.get(key, default)

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def pop(self, key, *default):
        return self._d.pop(key, *default)

    def popitem(self):
        if not self._d:
            raise KeyError("popitem(): dictionary is empty")
        return self._d.popitem()

    def setdefault(self, key, default=None):
        return self._d.setdefault(key, default)

    def update(self, *args, **kwargs):
        self._d.update(*args, **kwargs)

    def clear(self):
        self._d.clear()

    def __eq__(self, other):
        if isinstance(other, _DictWrapper):
            return self._d == other._d
        if isinstance(other, dict):
            return self._d == other
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r


def _plain(m):
    # the dict inside a wrapper, or the mapping itself
    if isinstance(m, _DictWrapper):
        return m._d
    return m


class defaultdict(_DictWrapper):
    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        self._d = {}
        if args:
            self._d.update(_plain(args[0]))
        self._d.update(kwargs)

    def __getitem__(self, key):
        if key in self._d:
            return self._d[key]
        return self.__missing__(key)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._d[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self._d)

    def __copy__(self):
        return self.copy()

    def __or__(self, other):
        if not isinstance(other, (dict, _DictWrapper)):
            return NotImplemented
        r = self.copy()
        r._d.update(_plain(other))
        return r

    def __repr__(self):
        name = "None" if self.default_factory is None else repr(self.default_factory)
        return f"defaultdict({name}, {self._d!r})"


class Counter(_DictWrapper):
    def __init__(self, iterable=None, **kwds):
        self._d = {}
        self.update(iterable, **kwds)

    def __getitem__(self, key):
        return self._d.get(key, 0)

    def __missing__(self, key):
        return 0

    def __delitem__(self, key):
        if key in self._d:
            del self._d[key]

    def total(self):
        return sum(self._d.values())

    def most_common(self, n=None):
        ranked = sorted(self._d.items(), key=lambda kv: kv[1], reverse=True)
        return ranked if n is None else ranked[:n]

    def elements(self):
        for k, v in self._d.items():
            for _ in range(v):
                yield k

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, **kwds):
        d = self._d
        if iterable is not None:
            if isinstance(iterable, (dict, _DictWrapper)):
                for k, v in _plain(iterable).items():
                    d[k] = d.get(k, 0) + v
            else:
                for x in iterable:
                    d[x] = d.get(x, 0) + 1
        for k, v in kwds.items():
            d[k] = d.get(k, 0) + v

    def subtract(self, iterable=None, **kwds):
        d = self._d
        if iterable is not None:
            if isinstance(iterable, (dict, _DictWrapper)):
                for k, v in _plain(iterable).items():
                    d[k] = d.get(k, 0) - v
            else:
                for x in iterable:
                    d[x] = d.get(x, 0) - 1
        for k, v in kwds.items():
            d[k] = d.get(k, 0) - v

    def copy(self):
        c = Counter()
        c._d = dict(self._d)
        return c

    def __copy__(self):
        return self.copy()

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        for k, v in self._d.items():
            if other[k] != v:
                return False
        for k, v in other._d.items():
            if self[k] != v:
                return False
        return True

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        for k in list(self._d) + list(other._d):
            if self[k] > other[k]:
                return False
        return True

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return other <= self

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return other < self

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        r = Counter()
        for k, v in self._d.items():
            n = v + other[k]
            if n > 0:
                r._d[k] = n
        for k, v in other._d.items():
            if k not in self._d and v > 0:
                r._d[k] = v
        return r

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        r = Counter()
        for k, v in self._d.items():
            n = v - other[k]
            if n > 0:
                r._d[k] = n
        for k, v in other._d.items():
            if k not in self._d and v < 0:
                r._d[k] = 0 - v
        return r

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        r = Counter()
        for k, v in self._d.items():
            o = other[k]
            n = o if v < o else v
            if n > 0:
                r._d[k] = n
        for k, v in other._d.items():
            if k not in self._d and v > 0:
                r._d[k] = v
        return r

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        r = Counter()
        for k, v in self._d.items():
            o = other[k]
            n = v if v < o else o
            if n > 0:
                r._d[k] = n
        return r

    def __pos__(self):
        r = Counter()
        for k, v in self._d.items():
            if v > 0:
                r._d[k] = v
        return r

    def __neg__(self):
        r = Counter()
        for k, v in self._d.items():
            if v < 0:
                r._d[k] = 0 - v
        return r

    def _keep_positive(self):
        for k in [k for k, v in self._d.items() if not v > 0]:
            del self._d[k]
        return self

    def __iadd__(self, other):
        for k, v in other._d.items():
            self._d[k] = self._d.get(k, 0) + v
        return self._keep_positive()

    def __isub__(self, other):
        for k, v in other._d.items():
            self._d[k] = self._d.get(k, 0) - v
        return self._keep_positive()

    def __ior__(self, other):
        for k, v in other._d.items():
            if v > self._d.get(k, 0):
                self._d[k] = v
        return self._keep_positive()

    def __iand__(self, other):
        for k, v in list(self._d.items()):
            o = other[k]
            if o < v:
                self._d[k] = o
        return self._keep_positive()

    def __repr__(self):
        if not self._d:
            return "Counter()"
        try:
            inner = ", ".join(f"{k!r}: {v!r}" for k, v in self.most_common())
            return "Counter({" + inner + "})"
        except TypeError:
            return f"Counter({self._d!r})"


class OrderedDict(_DictWrapper):
    def __init__(self, *args, **kwargs):
        self._d = {}
        if len(args) > 1:
            raise TypeError(f"expected at most 1 arguments, got {len(args)}")
        if args:
            self._d.update(_plain(args[0]))
        self._d.update(kwargs)

    def move_to_end(self, key, last=True):
        value = self._d.pop(key)
        if last:
            self._d[key] = value
        else:
            rest = list(self._d.items())
            self._d.clear()
            self._d[key] = value
            for k, v in rest:
                self._d[k] = v

    def popitem(self, last=True):
        if not self._d:
            raise KeyError("dictionary is empty")
        if last:
            return self._d.popitem()
        key = next(iter(self._d))
        return key, self._d.pop(key)

    def copy(self):
        return OrderedDict(self._d)

    def __copy__(self):
        return self.copy()

    @classmethod
    def fromkeys(cls, iterable, value=None):
        r = cls()
        for k in iterable:
            r._d[k] = value
        return r

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._d.items()) == list(other._d.items())
        if isinstance(other, _DictWrapper):
            return self._d == other._d
        if isinstance(other, dict):
            return self._d == other
        return NotImplemented

    def __or__(self, other):
        if not isinstance(other, (dict, _DictWrapper)):
            return NotImplemented
        r = self.copy()
        r._d.update(_plain(other))
        return r

    def __repr__(self):
        if not self._d:
            return "OrderedDict()"
        return f"OrderedDict({list(self._d.items())!r})"


class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __getitem__(self, key):
        for m in self.maps:
            if key in m:
                return m[key]
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(self._union())

    def _union(self):
        d = {}
        for m in reversed(self.maps):
            for k in m:
                d[k] = None
        return d

    def __iter__(self):
        return iter(self._union())

    def keys(self):
        return list(self._union())

    def items(self):
        return [(k, self[k]) for k in self._union()]

    def values(self):
        return [self[k] for k in self._union()]

    def __contains__(self, key):
        for m in self.maps:
            if key in m:
                return True
        return False

    def __bool__(self):
        for m in self.maps:
            if m:
                return True
        return False

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}") from None

    def pop(self, key, *default):
        try:
            return self.maps[0].pop(key, *default)
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}") from None

    def clear(self):
        self.maps[0].clear()

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return ChainMap(m, *self.maps)

    @property
    def parents(self):
        return ChainMap(*self.maps[1:])

    def copy(self):
        return ChainMap(self.maps[0].copy(), *self.maps[1:])

    def __eq__(self, other):
        if isinstance(other, ChainMap):
            return dict(self.items()) == dict(other.items())
        if isinstance(other, dict):
            return dict(self.items()) == other
        return NotImplemented

    def __repr__(self):
        return "ChainMap(" + ", ".join(repr(m) for m in self.maps) + ")"


_KEYWORDS = frozenset([
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield"])


class _NamedTupleBase:
    # Instances keep their values in _values (a tuple); attribute names come from _fields.
    _fields = ()
    _field_defaults = {}

    def __init__(self, *args, **kwargs):
        fields = self._fields
        n = len(fields)
        if len(args) > n:
            raise TypeError(f"{type(self).__name__}.__new__() takes {n + 1} positional arguments but {len(args) + 1} were given")
        for name in kwargs:
            if name not in fields:
                raise TypeError(f"{type(self).__name__}.__new__() got an unexpected keyword argument '{name}'")
            if name in fields[:len(args)]:
                raise TypeError(f"{type(self).__name__}.__new__() got multiple values for argument '{name}'")
        values = list(args)
        for name in fields[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in self._field_defaults:
                values.append(self._field_defaults[name])
            else:
                missing = [f for f in fields[len(values):] if f not in kwargs and f not in self._field_defaults]
                if len(missing) == 1:
                    raise TypeError(f"{type(self).__name__}.__new__() missing 1 required positional argument: '{missing[0]}'")
                names = ", ".join(repr(m) for m in missing[:-1]) + " and " + repr(missing[-1])
                raise TypeError(f"{type(self).__name__}.__new__() missing {len(missing)} required positional arguments: {names}")
        self.__dict__["_values"] = tuple(values)

    def __getattr__(self, name):
        fields = type(self)._fields
        if name in fields:
            return self._values[fields.index(name)]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        if name in type(self)._fields:
            raise AttributeError("can't set attribute")
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __len__(self):
        return len(self._values)

    def __iter__(self):
        return iter(self._values)

    def __getitem__(self, i):
        return self._values[i]

    def __contains__(self, x):
        return x in self._values

    def __hash__(self):
        return hash(self._values)

    def __eq__(self, other):
        if isinstance(other, _NamedTupleBase):
            return self._values == other._values
        if isinstance(other, tuple):
            return self._values == other
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    def __lt__(self, other):
        return self._values < tuple(other)

    def __le__(self, other):
        return self._values <= tuple(other)

    def __gt__(self, other):
        return self._values > tuple(other)

    def __ge__(self, other):
        return self._values >= tuple(other)

    def __add__(self, other):
        return self._values + tuple(other)

    def count(self, x):
        return self._values.count(x)

    def index(self, x):
        return self._values.index(x)

    def _asdict(self):
        return dict(zip(self._fields, self._values))

    def _replace(self, **kwargs):
        values = []
        for name, v in zip(self._fields, self._values):
            values.append(kwargs.pop(name, v))
        if kwargs:
            raise ValueError(f"Got unexpected field names: {list(kwargs)!r}")
        return type(self)(*values)

    @classmethod
    def _make(cls, iterable):
        values = tuple(iterable)
        if len(values) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(values)}")
        return cls(*values)

    def __getnewargs__(self):
        return self._values

    def __repr__(self):
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self._values))
        return f"{type(self).__name__}({inner})"


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = [str(x) for x in field_names]
    typename = str(typename)
    if rename:
        seen = set()
        for i, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS or name.startswith("_") or name in seen):
                field_names[i] = f"_{i}"
            seen.add(name)
    for name in [typename] + field_names:
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
        if name in _KEYWORDS:
            raise ValueError(f"Type names and field names cannot be a keyword: {name!r}")
    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(zip(field_names[len(field_names) - len(defaults):], defaults))
    ns = {"_fields": tuple(field_names), "_field_defaults": field_defaults,
          "__module__": module if module is not None else _pyhelpers.caller_module()}
    return type(typename, (_NamedTupleBase,), ns)


__all__ = ["deque", "defaultdict", "Counter", "OrderedDict", "ChainMap", "namedtuple"]
