# dataclasses: @dataclass (init, repr, eq, order, frozen), field, fields, asdict, astuple,
# replace, is_dataclass. The generated methods are shared functions reading the class's
# field list (no code is generated from text).

import copy


class _MISSING_TYPE:
    def __repr__(self):
        return "MISSING"

MISSING = _MISSING_TYPE()


class FrozenInstanceError(AttributeError):
    pass


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = "_FIELD"

    def __repr__(self):
        return (f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
                f"default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r},"
                f"hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},"
                f"kw_only={self.kw_only!r},_field_type={self._field_type})")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
          metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(tp):
    name = getattr(tp, "_name", None)
    if name == "ClassVar":
        return True
    return isinstance(tp, str) and (tp.startswith("ClassVar") or tp.startswith("typing.ClassVar"))


def _fields_of(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    fs = getattr(cls, "__dataclass_fields__", None)
    if fs is None:
        raise TypeError("must be called with a dataclass type or instance")
    return fs


def fields(class_or_instance):
    return tuple(f for f in _fields_of(class_or_instance).values() if f._field_type == "_FIELD")


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def _qualname(self):
    return type(self).__qualname__


def _dc_init(self, *args, **kwargs):
    cls = type(self)
    params = cls.__dataclass_params__
    init_fields = [f for f in cls.__dataclass_fields__.values() if f._field_type == "_FIELD" and f.init]
    positional = [f for f in init_fields if not f.kw_only]
    name = f"{_qualname(self)}.__init__()"
    if len(args) > len(positional):
        required = len([f for f in positional if f.default is MISSING and f.default_factory is MISSING])
        total = len(positional)
        if required == total:
            raise TypeError(f"{name} takes {total + 1} positional argument{'s' if total else ''} but {len(args) + 1} were given")
        raise TypeError(f"{name} takes from {required + 1} to {total + 1} positional arguments but {len(args) + 1} were given")
    known = [f.name for f in init_fields]
    for k in kwargs:
        if k not in known:
            raise TypeError(f"{name} got an unexpected keyword argument '{k}'")
    values = {}
    for f, v in zip(positional, args):
        if f.name in kwargs:
            raise TypeError(f"{name} got multiple values for argument '{f.name}'")
        values[f.name] = v
    missing_pos = []
    missing_kw = []
    for f in init_fields:
        if f.name in values:
            continue
        if f.name in kwargs:
            values[f.name] = kwargs[f.name]
        elif f.default is not MISSING:
            values[f.name] = f.default
        elif f.default_factory is not MISSING:
            values[f.name] = f.default_factory()
        elif f.kw_only:
            missing_kw.append(f.name)
        else:
            missing_pos.append(f.name)
    for missing, kind in ((missing_pos, "positional"), (missing_kw, "keyword-only")):
        if missing:
            quoted = [repr(m) for m in missing]
            if len(quoted) == 1:
                listed = quoted[0]
            elif len(quoted) == 2:
                listed = quoted[0] + " and " + quoted[1]
            else:
                listed = ", ".join(quoted[:-1]) + ", and " + quoted[-1]
            s = "s" if len(missing) > 1 else ""
            raise TypeError(f"{name} missing {len(missing)} required {kind} argument{s}: {listed}")
    for f in cls.__dataclass_fields__.values():
        if f._field_type != "_FIELD":
            continue
        if f.name in values:
            v = values[f.name]
        elif f.default is not MISSING:
            v = f.default
        elif f.default_factory is not MISSING:
            v = f.default_factory()
        else:
            continue
        if params["frozen"]:
            object.__setattr__(self, f.name, v)
        else:
            setattr(self, f.name, v)
    post = getattr(self, "__post_init__", None)
    if post is not None:
        post()


def _dc_repr(self):
    parts = []
    for f in type(self).__dataclass_fields__.values():
        if f._field_type == "_FIELD" and f.repr:
            parts.append(f"{f.name}={getattr(self, f.name)!r}")
    return f"{_qualname(self)}(" + ", ".join(parts) + ")"


def _cmp_tuple(self):
    return tuple(getattr(self, f.name) for f in type(self).__dataclass_fields__.values()
                 if f._field_type == "_FIELD" and f.compare)


def _dc_eq(self, other):
    if other.__class__ is self.__class__:
        return _cmp_tuple(self) == _cmp_tuple(other)
    return NotImplemented


def _dc_lt(self, other):
    if other.__class__ is self.__class__:
        return _cmp_tuple(self) < _cmp_tuple(other)
    return NotImplemented


def _dc_le(self, other):
    if other.__class__ is self.__class__:
        return _cmp_tuple(self) <= _cmp_tuple(other)
    return NotImplemented


def _dc_gt(self, other):
    if other.__class__ is self.__class__:
        return _cmp_tuple(self) > _cmp_tuple(other)
    return NotImplemented


def _dc_ge(self, other):
    if other.__class__ is self.__class__:
        return _cmp_tuple(self) >= _cmp_tuple(other)
    return NotImplemented


def _dc_hash(self):
    return hash(tuple(getattr(self, f.name) for f in type(self).__dataclass_fields__.values()
                      if f._field_type == "_FIELD" and (f.compare if f.hash is None else f.hash)))


def _dc_frozen_setattr(self, name, value):
    if type(self).__dataclass_params__["frozen"] and name in type(self).__dataclass_fields__:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")
    object.__setattr__(self, name, value)


def _dc_frozen_delattr(self, name):
    if type(self).__dataclass_params__["frozen"] and name in type(self).__dataclass_fields__:
        raise FrozenInstanceError(f"cannot delete field '{name}'")
    object.__delattr__(self, name)


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only):
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    all_fields = {}
    base_frozen = None
    for base in reversed(cls.__mro__[1:]):
        base_fields = base.__dict__.get("__dataclass_fields__")
        if base_fields is not None:
            base_frozen = base.__dict__["__dataclass_params__"]["frozen"]
            for f in base_fields.values():
                all_fields[f.name] = f
    if base_frozen is not None and base_frozen != frozen:
        if frozen:
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")
        raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
    ns = cls.__dict__
    ann = ns.get("__annotations__", {})
    own = []
    for name, tp in ann.items():
        default = ns.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = tp
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if _is_classvar(tp):
            f._field_type = "_FIELD_CLASSVAR"
        elif f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
        own.append(f)
        all_fields[name] = f
    for f in own:
        if isinstance(ns.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    seen_default = None
    for f in all_fields.values():
        if f._field_type != "_FIELD" or not f.init or f.kw_only:
            continue
        if f.default is MISSING and f.default_factory is MISSING:
            if seen_default is not None:
                raise TypeError(f"non-default argument '{f.name}' follows default argument")
        else:
            seen_default = f
    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = {"init": init, "repr": repr, "eq": eq, "order": order,
                                "unsafe_hash": unsafe_hash, "frozen": frozen}
    # CPython's: __hash__ set to None by the class body's own __eq__ is not explicit
    class_hash = ns.get("__hash__", MISSING)
    has_explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in ns))
    if init and "__init__" not in ns:
        cls.__init__ = _dc_init
    if repr and "__repr__" not in ns:
        cls.__repr__ = _dc_repr
    if eq and "__eq__" not in ns:
        cls.__eq__ = _dc_eq
    if order:
        for name, fn in (("__lt__", _dc_lt), ("__le__", _dc_le), ("__gt__", _dc_gt), ("__ge__", _dc_ge)):
            if name in ns:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}. "
                                "Consider using functools.total_ordering")
            setattr(cls, name, fn)
    if frozen:
        if "__setattr__" in ns or "__delattr__" in ns:
            raise TypeError(f"Cannot overwrite attribute __setattr__ in class {cls.__name__}")
        cls.__setattr__ = _dc_frozen_setattr
        cls.__delattr__ = _dc_frozen_delattr
    # CPython's table: unsafe_hash adds __hash__ (an explicit one is an error); eq with frozen
    # adds it unless the class wrote one; eq alone makes instances unhashable
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError(f"Cannot overwrite attribute __hash__ in class {cls.__name__}")
        cls.__hash__ = _dc_hash
    elif eq and frozen:
        if not has_explicit_hash:
            cls.__hash__ = _dc_hash
    elif eq and not has_explicit_hash:
        cls.__hash__ = None
    cls.__match_args__ = tuple(f.name for f in all_fields.values() if f._field_type == "_FIELD" and f.init and not f.kw_only)
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


def _asdict_inner(obj, dict_factory):
    if is_dataclass(obj) and not isinstance(obj, type):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if hasattr(type(obj), "_fields") and hasattr(obj, "_asdict"):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory)) for k, v in obj.items())
    return copy.deepcopy(obj)


def asdict(obj, *, dict_factory=dict):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _astuple_inner(obj, tuple_factory):
    if is_dataclass(obj) and not isinstance(obj, type):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory) for f in fields(obj)])
    if hasattr(type(obj), "_fields") and hasattr(obj, "_asdict"):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory)) for k, v in obj.items())
    return copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def replace(obj, **changes):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("replace() should be called on dataclass instances")
    for f in type(obj).__dataclass_fields__.values():
        if f._field_type != "_FIELD":
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be specified with replace()")
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return type(obj)(**changes)
