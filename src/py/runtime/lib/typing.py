# typing: names usable in annotations. They are placeholders: subscripting them gives
# objects that print like CPython's, and nothing is checked at run time.

import collections

TYPE_CHECKING = False


def _type_repr(obj):
    if obj is ...:
        return "..."
    if obj is None or obj is type(None):
        return "None"
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if isinstance(obj, list):
        return "[" + ", ".join(_type_repr(a) for a in obj) + "]"
    return repr(obj)


class _GenericAlias:
    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name

    def __repr__(self):
        if self._name == "Optional":
            return f"typing.Optional[{_type_repr(self.__args__[0])}]"
        head = f"typing.{self._name}" if self._name else _type_repr(self.__origin__)
        if self._name == "Callable" and self.__args__ and self.__args__[0] is not ...:
            params, ret = self.__args__[:-1], self.__args__[-1]
            return f"{head}[[{', '.join(_type_repr(a) for a in params)}], {_type_repr(ret)}]"
        return head + "[" + ", ".join(_type_repr(a) for a in self.__args__) + "]"

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((id(self.__origin__), self.__args__))

    def __getitem__(self, params):
        return _GenericAlias(self.__origin__, params if isinstance(params, tuple) else (params,), self._name)

    def __call__(self, *args, **kwargs):
        if isinstance(self.__origin__, type):
            return self.__origin__(*args, **kwargs)
        raise TypeError(f"Type {self._name} cannot be instantiated; use {self._name.lower()}() instead")

    def __mro_entries__(self, bases):
        # class C(Base[int]): the origin is the base; for an alias of a builtin (List[int]) also
        # Generic, unless a later base is generic (CPython's rule)
        if not self._name:
            return (self.__origin__,)
        res = []
        if self.__origin__ not in bases:
            res.append(self.__origin__)
        i = bases.index(self)
        for b in bases[i + 1:]:
            if isinstance(b, _GenericAlias) or (isinstance(b, type) and issubclass(b, Generic)):
                break
        else:
            res.append(Generic)
        return tuple(res)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class _SpecialForm:
    def __init__(self, name, origin=None):
        self._name = name
        self.__origin__ = origin

    def __repr__(self):
        return "typing." + self._name

    def __call__(self, *args, **kwargs):
        if self._name == "Any":
            raise TypeError("Any cannot be instantiated")
        raise TypeError(f"Cannot instantiate typing.{self._name}")

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        name = self._name
        if name == "Union":
            flat = []
            for p in params:
                if isinstance(p, _GenericAlias) and p._name in ("Union", "Optional"):
                    items = p.__args__
                else:
                    items = (p,)
                for q in items:
                    if q is None:
                        q = type(None)
                    if q not in flat:
                        flat.append(q)
            if len(flat) == 1:
                return flat[0]
            if len(flat) == 2 and type(None) in flat:
                other = flat[0] if flat[1] is type(None) else flat[1]
                return _GenericAlias(Union, (other, type(None)), "Optional")
            return _GenericAlias(Union, tuple(flat), "Union")
        if name == "Optional":
            if len(params) != 1:
                raise TypeError("typing.Optional requires a single type.")
            return Union[params[0], None]
        if name == "Callable":
            if len(params) != 2:
                raise TypeError("Callable must be used as Callable[[arg, ...], result].")
            args, result = params
            if args is ...:
                return _GenericAlias(self.__origin__, (..., result), name)
            return _GenericAlias(self.__origin__, tuple(args) + (result,), name)
        return _GenericAlias(self.__origin__, params, name)


Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
Union = _SpecialForm("Union")
Optional = _SpecialForm("Optional")
ClassVar = _SpecialForm("ClassVar")
Final = _SpecialForm("Final")
Literal = _SpecialForm("Literal")
Annotated = _SpecialForm("Annotated")
TypeAlias = _SpecialForm("TypeAlias")
Concatenate = _SpecialForm("Concatenate")
TypeGuard = _SpecialForm("TypeGuard")

List = _SpecialForm("List", list)
Dict = _SpecialForm("Dict", dict)
Set = _SpecialForm("Set", set)
FrozenSet = _SpecialForm("FrozenSet", frozenset)
Tuple = _SpecialForm("Tuple", tuple)
Type = _SpecialForm("Type", type)
Deque = _SpecialForm("Deque", collections.deque)
DefaultDict = _SpecialForm("DefaultDict", collections.defaultdict)
OrderedDict = _SpecialForm("OrderedDict", collections.OrderedDict)
Counter = _SpecialForm("Counter", collections.Counter)
ChainMap = _SpecialForm("ChainMap", collections.ChainMap)
Callable = _SpecialForm("Callable")
Iterable = _SpecialForm("Iterable")
Iterator = _SpecialForm("Iterator")
Generator = _SpecialForm("Generator")
Reversible = _SpecialForm("Reversible")
Container = _SpecialForm("Container")
Collection = _SpecialForm("Collection")
Sequence = _SpecialForm("Sequence")
MutableSequence = _SpecialForm("MutableSequence")
Mapping = _SpecialForm("Mapping")
MutableMapping = _SpecialForm("MutableMapping")
AbstractSet = _SpecialForm("AbstractSet")
MutableSet = _SpecialForm("MutableSet")
Hashable = _SpecialForm("Hashable")
Sized = _SpecialForm("Sized")
Awaitable = _SpecialForm("Awaitable")
Coroutine = _SpecialForm("Coroutine")
AsyncIterable = _SpecialForm("AsyncIterable")
AsyncIterator = _SpecialForm("AsyncIterator")
AsyncGenerator = _SpecialForm("AsyncGenerator")
ContextManager = _SpecialForm("ContextManager")
AsyncContextManager = _SpecialForm("AsyncContextManager")
KeysView = _SpecialForm("KeysView")
ValuesView = _SpecialForm("ValuesView")
ItemsView = _SpecialForm("ItemsView")
SupportsInt = _SpecialForm("SupportsInt")
SupportsFloat = _SpecialForm("SupportsFloat")
SupportsAbs = _SpecialForm("SupportsAbs")
SupportsIndex = _SpecialForm("SupportsIndex")
Text = str
AnyStr = None  # replaced below


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__


AnyStr = TypeVar("AnyStr", bytes, str)


class ParamSpec:
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name

    def __repr__(self):
        return "~" + self.__name__


class Generic:
    def __class_getitem__(cls, params):
        if cls is Generic or cls is Protocol:
            return cls
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(cls, params)


class Protocol(Generic):
    pass


def runtime_checkable(cls):
    return cls


class NamedTuple(collections._NamedTupleBase):
    def __init_subclass__(cls):
        ann = cls.__dict__.get("__annotations__", {})
        fields = tuple(ann)
        defaults = {}
        for name in fields:
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
                delattr(cls, name)
            elif defaults:
                raise TypeError(f"Non-default namedtuple field {name} cannot follow default field"
                                f"{'s' if len(defaults) > 1 else ''} {', '.join(defaults)}")
        cls._fields = fields
        cls._field_defaults = defaults
        cls.__annotations__ = dict(ann)


class TypedDict:
    def __new__(cls, *args, **kwargs):
        return dict(*args, **kwargs)


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(arg):
    return arg


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get("__annotations__", {}))
        return hints
    return dict(getattr(obj, "__annotations__", None) or {})


def get_origin(tp):
    return getattr(tp, "__origin__", None) if isinstance(tp, _GenericAlias) else None


def get_args(tp):
    return tuple(tp.__args__) if isinstance(tp, _GenericAlias) else ()
