# enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique. Members are made when the class
# is created (EnumType.__init__); the class iterates, indexes by name and is called by value.

_auto_null = object()


class auto:
    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % self.value


def _is_descriptor(obj):
    return hasattr(obj, "__get__") or hasattr(obj, "__set__") or hasattr(obj, "__delete__")


def _is_member_name(name, value):
    if name.startswith("_"):
        return False
    if isinstance(value, (property, classmethod, staticmethod, type)):
        return False
    if type(value) is type(_is_member_name) or _is_descriptor(value):
        return False
    return True


class EnumType(type):
    def __init__(cls, name, bases, ns):
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        if name in ("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum") and cls.__module__ == "enum":
            return
        items = [(k, v) for k, v in ns.items() if _is_member_name(k, v)]
        for base in cls.__mro__[1:]:
            if getattr(base, "_member_names_", None):
                raise TypeError(f"<enum {name!r}> cannot extend <enum {base.__name__!r}>")
        last_values = []
        custom_init = cls.__init__ is not Enum.__init__
        for index in range(len(items)):
            key, value = items[index]
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value = cls._generate_next_value_(key, 1, len(last_values), last_values[:])
                else:
                    value = value.value
            last_values.append(value)
            args = value if isinstance(value, tuple) else (value,)
            if custom_init:
                member_value = value
            else:
                member_value = cls._convert_value_(value)
            existing = None
            for m in cls._member_map_.values():
                if m._value_ == member_value:
                    existing = m
                    break
            if existing is not None:
                cls._member_map_[key] = existing
                setattr(cls, key, existing)
                continue
            member = object.__new__(cls)
            member._name_ = key
            member._value_ = member_value
            member._sort_order_ = len(cls._member_names_)
            if custom_init:
                cls.__init__(member, *args)
            cls._member_names_.append(key)
            cls._member_map_[key] = member
            try:
                cls._value2member_map_[member_value] = member
            except TypeError:
                pass
            setattr(cls, key, member)

    def __call__(cls, value, *args, **kwds):
        if args or kwds:
            raise TypeError("Interleave's enum has no functional API (Enum('Name', 'A B'))")
        return cls._lookup_(value)

    def __iter__(cls):
        return iter([cls._member_map_[n] for n in cls._member_names_])

    def __reversed__(cls):
        return iter([cls._member_map_[n] for n in reversed(cls._member_names_)])

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(f"unsupported operand type(s) for 'in': '{type(member).__qualname__}' and '{type(cls).__qualname__}'")
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return f"<flag {cls.__name__!r}>"
        return f"<enum {cls.__name__!r}>"

    @property
    def __members__(cls):
        return dict(cls._member_map_)


EnumMeta = EnumType
Flag = None


class Enum(metaclass=EnumType):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _convert_value_(cls, value):
        return value

    @classmethod
    def _lookup_(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for m in cls._member_map_.values():
            if m._value_ == value:
                return m
        missing = cls._missing_(value)
        if isinstance(missing, cls):
            return missing
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    @classmethod
    def _missing_(cls, value):
        return None

    def __init__(self, *args, **kwds):
        pass

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        return f"{type(self).__name__}.{self._name_}"

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return (type(self), (self._value_,))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __setattr__(self, name, value):
        if name in ("name", "value"):
            raise AttributeError(f"cannot set attribute '{name}'")
        object.__setattr__(self, name, value)


class ReprEnum(Enum):
    pass


class IntEnum(ReprEnum):
    # without int subclassing: the int operations and comparisons, by value
    @classmethod
    def _convert_value_(cls, value):
        return int(value)

    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._value_ < int(other)

    def __le__(self, other):
        return self._value_ <= int(other)

    def __gt__(self, other):
        return self._value_ > int(other)

    def __ge__(self, other):
        return self._value_ >= int(other)

    def __hash__(self):
        return hash(self._value_)

    def __add__(self, other): return self._value_ + other
    def __radd__(self, other): return other + self._value_
    def __sub__(self, other): return self._value_ - other
    def __rsub__(self, other): return other - self._value_
    def __mul__(self, other): return self._value_ * other
    def __rmul__(self, other): return other * self._value_
    def __floordiv__(self, other): return self._value_ // other
    def __truediv__(self, other): return self._value_ / other
    def __mod__(self, other): return self._value_ % other
    def __and__(self, other): return self._value_ & int(other)
    def __or__(self, other): return self._value_ | int(other)
    def __neg__(self): return -self._value_
    def __abs__(self): return abs(self._value_)
    def __bool__(self): return self._value_ != 0


class StrEnum(ReprEnum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    @classmethod
    def _convert_value_(cls, value):
        if not isinstance(value, str):
            raise TypeError(f"{value!r} is not a string")
        return value

    def __str__(self):
        return self._value_

    def __format__(self, spec):
        return format(self._value_, spec)

    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self._value_)

    def __len__(self):
        return len(self._value_)

    def __add__(self, other):
        return self._value_ + other

    def __radd__(self, other):
        return other + self._value_

    def upper(self):
        return self._value_.upper()

    def lower(self):
        return self._value_.lower()


class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return 1
        high = max(last_values)
        return 1 << high.bit_length() if high > 0 else 1

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        known = 0
        for m in cls._member_map_.values():
            known |= m._value_
        if value & ~known:
            return None
        pseudo = object.__new__(cls)
        names = [m._name_ for m in cls if m._value_ and m._value_ & value == m._value_ and _is_single_bit(m._value_)]
        pseudo._name_ = "|".join(names) if names else None
        pseudo._value_ = value
        cls._value2member_map_[value] = pseudo
        return pseudo

    def __contains__(self, other):
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter([m for m in type(self) if _is_single_bit(m._value_) and m._value_ & self._value_])

    def __len__(self):
        return len(list(self.__iter__()))

    def __or__(self, other):
        return type(self)(self._value_ | other._value_)

    def __and__(self, other):
        return type(self)(self._value_ & other._value_)

    def __xor__(self, other):
        return type(self)(self._value_ ^ other._value_)

    def __invert__(self):
        known = 0
        for m in type(self)._member_map_.values():
            known |= m._value_
        return type(self)(known & ~self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __eq__(self, other):
        if isinstance(other, Flag):
            return type(other) is type(self) and other._value_ == self._value_
        return NotImplemented

    def __hash__(self):
        return hash(self._value_)

    def __repr__(self):
        name = self._name_ if self._name_ is not None else str(self._value_)
        return f"<{type(self).__name__}.{name}: {self._value_!r}>"

    def __str__(self):
        name = self._name_ if self._name_ is not None else str(self._value_)
        return f"{type(self).__name__}.{name}"


def _is_single_bit(v):
    return v > 0 and v & (v - 1) == 0


class IntFlag(Flag):
    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)

    def __hash__(self):
        return hash(self._value_)

    def __or__(self, other):
        return type(self)(self._value_ | int(other))

    def __and__(self, other):
        return type(self)(self._value_ & int(other))


def unique(enumeration):
    duplicates = [(name, m.name) for name, m in enumeration.__members__.items() if name != m.name]
    if duplicates:
        details = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {details}")
    return enumeration


EnumCheck = None
member = None
nonmember = None
verify = None
global_enum = None
property_ = property
