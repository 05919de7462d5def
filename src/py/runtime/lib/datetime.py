# datetime on the run's clock (time.time(): virtual in det mode, so now() is reproducible).
# The simulated machine keeps UTC: local time is UTC. date, time, datetime, timedelta and
# timezone (fixed offsets) with CPython's arithmetic, comparisons, str, repr and isoformat.
import time as _time

MINYEAR = 1
MAXYEAR = 9999
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    return 29 if month == 2 and _is_leap(year) else _DAYS_IN_MONTH[month]


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ymd2ord(year, month, day):
    return _days_before_year(year) + _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year)) + day


def _ord2ymd(n):
    # Inverse of _ymd2ord through the 400-year cycle.
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leap)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leap)
    return year, month, n - preceding + 1


def _check_int(name, value):
    if not isinstance(value, int) or isinstance(value, bool):
        if isinstance(value, float):
            raise TypeError("'float' object cannot be interpreted as an integer")
        raise TypeError("an integer is required (got type %s)" % type(value).__name__)
    return value


def _check_date(year, month, day):
    _check_int("year", year)
    _check_int("month", month)
    _check_int("day", day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError("year %d is out of range" % year)
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")


def _check_time(hour, minute, second, microsecond):
    for value in (hour, minute, second, microsecond):
        _check_int("", value)
    if not 0 <= hour <= 23:
        raise ValueError("hour must be in 0..23")
    if not 0 <= minute <= 59:
        raise ValueError("minute must be in 0..59")
    if not 0 <= second <= 59:
        raise ValueError("second must be in 0..59")
    if not 0 <= microsecond <= 999999:
        raise ValueError("microsecond must be in 0..999999")


def _cmp(a, b):
    return 0 if a == b else (1 if a > b else -1)


class _Ordered:
    # <, <=, >, >= through the class's _compare(other): -1, 0 or 1 (TypeError for a stranger).
    def __lt__(self, other):
        return self._compare(other) < 0

    def __le__(self, other):
        return self._compare(other) <= 0

    def __gt__(self, other):
        return self._compare(other) > 0

    def __ge__(self, other):
        return self._compare(other) >= 0


def _refuse(a, b):
    raise TypeError("can't compare %s to %s" % (type(a).__name__, type(b).__name__))


class timedelta(_Ordered):
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total = (days + weeks * 7) * 86400 + seconds + minutes * 60 + hours * 3600
        us = total * 1000000 + milliseconds * 1000 + microseconds
        if isinstance(us, float):
            us = round(us)
        d, rem = divmod(us, 86400 * 1000000)
        s, u = divmod(rem, 1000000)
        if abs(d) > 999999999:
            raise OverflowError("days=%d; must have magnitude <= 999999999" % d)
        self._days = int(d)
        self._seconds = int(s)
        self._microseconds = int(u)

    days = property(lambda self: self._days)
    seconds = property(lambda self: self._seconds)
    microseconds = property(lambda self: self._microseconds)

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        return self._us() / 10 ** 6

    def __repr__(self):
        args = []
        if self._days:
            args.append("days=%d" % self._days)
        if self._seconds:
            args.append("seconds=%d" % self._seconds)
        if self._microseconds:
            args.append("microseconds=%d" % self._microseconds)
        return "datetime.timedelta(%s)" % (", ".join(args) if args else "0")

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = "%d:%02d:%02d" % (hh, mm, ss)
        if self._days:
            s = "%d day%s, " % (self._days, "s" if abs(self._days) != 1 else "") + s
        if self._microseconds:
            s = s + ".%06d" % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() + other._us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() - other._us())
        return NotImplemented

    def __neg__(self):
        return timedelta(microseconds=-self._us())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, (int, float)) and not isinstance(other, bool):
            return timedelta(microseconds=round(self._us() * other))
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        if isinstance(other, (int, float)):
            return timedelta(microseconds=round(self._us() / other))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        if isinstance(other, int):
            return timedelta(microseconds=self._us() // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() % other._us())
        return NotImplemented

    def __eq__(self, other):
        return isinstance(other, timedelta) and self._us() == other._us()

    def __ne__(self, other):
        return not self == other

    def _compare(self, other):
        return _cmp(self._us(), other._us()) if isinstance(other, timedelta) else _refuse(self, other)

    def __hash__(self):
        return hash(("timedelta", self._us()))

    def __bool__(self):
        return self._us() != 0


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


class tzinfo:
    pass


class timezone(tzinfo):
    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError("timezone() argument 1 must be datetime.timedelta, not " + type(offset).__name__)
        self._offset = offset
        self._name = name

    def utcoffset(self, dt):
        return self._offset

    def dst(self, dt):
        return None

    def tzname(self, dt):
        if self._name is not None:
            return self._name
        if not self._offset:
            return "UTC"
        return "UTC" + _format_offset(self._offset, ":")

    def __repr__(self):
        if self is timezone.utc:
            return "datetime.timezone.utc"
        return "datetime.timezone(%r)" % (self._offset,)

    def __str__(self):
        return self.tzname(None)

    def __eq__(self, other):
        return isinstance(other, timezone) and self._offset == other._offset

    def __hash__(self):
        return hash(self._offset)


timezone.utc = timezone(timedelta(0))


def _format_offset(off, sep):
    sign = "-" if off._days < 0 else "+"
    off = abs(off)
    hh, rem = divmod(off._seconds, 3600)
    mm, ss = divmod(rem, 60)
    s = "%s%02d%s%02d" % (sign, hh, sep, mm)
    if ss or off._microseconds:
        s += "%s%02d" % (sep, ss)
        if off._microseconds:
            s += ".%06d" % off._microseconds
    return s


class date(_Ordered):
    def __init__(self, year, month, day):
        _check_date(year, month, day)
        self._year = year
        self._month = month
        self._day = day

    year = property(lambda self: self._year)
    month = property(lambda self: self._month)
    day = property(lambda self: self._day)

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d = _ord2ymd(_EPOCH_ORDINAL + int(t // 86400))
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        return cls(*_ord2ymd(n))

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError("fromisoformat: argument must be str")
        try:
            y, m, d = s.split("-")
            if len(y) != 4 or len(m) != 2 or len(d) != 2:
                raise ValueError
            return cls(int(y), int(m), int(d))
        except ValueError:
            raise ValueError("Invalid isoformat string: %r" % s)

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isoformat(self):
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    __str__ = isoformat

    def __repr__(self):
        return "datetime.date(%d, %d, %d)" % (self._year, self._month, self._day)

    def timetuple(self):
        return _time.struct_time((self._year, self._month, self._day, 0, 0, 0, self.weekday(),
                                  self.toordinal() - _ymd2ord(self._year, 1, 1) + 1, -1))

    def strftime(self, fmt):
        return _time.strftime(fmt, self.timetuple())

    def __format__(self, spec):
        return self.strftime(spec) if spec else str(self)

    def ctime(self):
        return _time.asctime(self.timetuple())

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day)

    def _key(self):
        return (self._year, self._month, self._day)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self).fromordinal(self.toordinal() + other.days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime) and not isinstance(self, datetime):
            return self._key() == other._key()
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def _compare(self, other):
        if not isinstance(other, date) or isinstance(other, datetime):
            _refuse(self, other)
        return _cmp(self._key(), other._key())

    def __hash__(self):
        return hash(self._key())


class time(_Ordered):
    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        _check_time(hour, minute, second, microsecond)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)

    def isoformat(self, timespec="auto"):
        s = _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        if self._tzinfo is not None:
            s += _format_offset(self._tzinfo.utcoffset(None), ":")
        return s

    __str__ = isoformat

    def __repr__(self):
        parts = [self._hour, self._minute]
        if self._second or self._microsecond:
            parts.append(self._second)
        if self._microsecond:
            parts.append(self._microsecond)
        s = "datetime.time(%s" % ", ".join(str(p) for p in parts)
        if self._tzinfo is not None:
            s += ", tzinfo=%r" % self._tzinfo
        return s + ")"

    def strftime(self, fmt):
        return _strftime(fmt, (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1), self._microsecond)

    def __format__(self, spec):
        return self.strftime(spec) if spec else str(self)

    def _key(self):
        return (self._hour, self._minute, self._second, self._microsecond)

    def __eq__(self, other):
        return isinstance(other, time) and self._key() == other._key()

    def _compare(self, other):
        return _cmp(self._key(), other._key()) if isinstance(other, time) else _refuse(self, other)

    def __hash__(self):
        return hash(self._key())


def _format_time(hh, mm, ss, us, timespec):
    if timespec == "auto":
        timespec = "microseconds" if us else "seconds"
    if timespec == "hours":
        return "%02d" % hh
    if timespec == "minutes":
        return "%02d:%02d" % (hh, mm)
    if timespec == "seconds":
        return "%02d:%02d:%02d" % (hh, mm, ss)
    if timespec == "milliseconds":
        return "%02d:%02d:%02d.%03d" % (hh, mm, ss, us // 1000)
    if timespec == "microseconds":
        return "%02d:%02d:%02d.%06d" % (hh, mm, ss, us)
    raise ValueError("Unknown timespec value")


def _strftime(fmt, fields, microsecond, offset=None):
    # %f (microseconds) and %z/%Z are the datetime module's own; the rest are time.strftime's.
    fmt = fmt.replace("%%", "\0").replace("%f", "%06d" % microsecond)
    if offset is not None:
        fmt = fmt.replace("%z", _format_offset(offset, "")).replace("%Z", "UTC" if not offset else "UTC" + _format_offset(offset, ":"))
    elif "%z" in fmt or "%Z" in fmt:
        fmt = fmt.replace("%z", "").replace("%Z", "")
    return _time.strftime(fmt, _time.struct_time(fields)).replace("\0", "%")


class datetime(date):
    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        _check_date(year, month, day)
        _check_time(hour, minute, second, microsecond)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        dt = cls._from_us(round(t * 1000000) + _EPOCH_ORDINAL * 86400 * 1000000, None)
        if tz is not None:
            dt = (dt + tz.utcoffset(dt)).replace(tzinfo=tz)
        return dt

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls.fromtimestamp(t)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def combine(cls, d, t, tzinfo=True):
        if tzinfo is True:
            tzinfo = t.tzinfo
        return cls(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond, tzinfo)

    @classmethod
    def fromordinal(cls, n):
        return cls(*_ord2ymd(n))

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError("fromisoformat: argument must be str")
        try:
            day_part, time_part = (s[:10], s[11:]) if len(s) > 10 else (s, "")
            d = date.fromisoformat(day_part)
            hh = mm = ss = us = 0
            if time_part:
                main, _, frac = time_part.partition(".")
                fields = [int(x) for x in main.split(":")]
                hh = fields[0]
                mm = fields[1] if len(fields) > 1 else 0
                ss = fields[2] if len(fields) > 2 else 0
                if frac:
                    us = int((frac + "000000")[:6])
            return cls(d.year, d.month, d.day, hh, mm, ss, us)
        except (ValueError, IndexError):
            raise ValueError("Invalid isoformat string: %r" % s)

    @classmethod
    def strptime(cls, text, fmt):
        raise NotImplementedError("datetime.strptime is not supported by Interleave")

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond)

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._microsecond, self._tzinfo)

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(self)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def _us(self):
        return ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second) * 1000000
                + self._microsecond)

    def _utc_us(self):
        off = self.utcoffset()
        return self._us() - (off._us() if off is not None else 0)

    def timestamp(self):
        return (self._utc_us() - _EPOCH_ORDINAL * 86400 * 1000000) / 10 ** 6

    def timetuple(self):
        return _time.struct_time((self._year, self._month, self._day, self._hour, self._minute, self._second,
                                  self.weekday(), self.toordinal() - _ymd2ord(self._year, 1, 1) + 1, -1))

    def strftime(self, fmt):
        return _strftime(fmt, tuple(self.timetuple()), self._microsecond, self.utcoffset())

    def isoformat(self, sep="T", timespec="auto"):
        s = "%04d-%02d-%02d%s" % (self._year, self._month, self._day, sep)
        s += _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        off = self.utcoffset()
        if off is not None:
            s += _format_offset(off, ":")
        return s

    def __str__(self):
        return self.isoformat(sep=" ")

    def __repr__(self):
        parts = [self._year, self._month, self._day, self._hour, self._minute]
        if self._second or self._microsecond:
            parts.append(self._second)
        if self._microsecond:
            parts.append(self._microsecond)
        s = "datetime.datetime(%s" % ", ".join(str(p) for p in parts)
        if self._tzinfo is not None:
            s += ", tzinfo=%r" % self._tzinfo
        return s + ")"

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None,
                tzinfo=True):
        pick = lambda new, old: old if new is None else new
        return type(self)(pick(year, self._year), pick(month, self._month), pick(day, self._day),
                          pick(hour, self._hour), pick(minute, self._minute), pick(second, self._second),
                          pick(microsecond, self._microsecond), self._tzinfo if tzinfo is True else tzinfo)

    def astimezone(self, tz=None):
        tz = timezone.utc if tz is None else tz
        return datetime.fromtimestamp(self.timestamp(), tz)

    @classmethod
    def _from_us(cls, us, tzinfo):
        days, us = divmod(us, 86400 * 1000000)
        secs, us = divmod(us, 1000000)
        hh, rem = divmod(secs, 3600)
        mm, ss = divmod(rem, 60)
        y, m, d = _ord2ymd(days)
        return cls(y, m, d, hh, mm, ss, us, tzinfo)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_us(self._us() + other._us(), self._tzinfo)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_us(self._us() - other._us(), self._tzinfo)
        if isinstance(other, datetime):
            if (self._tzinfo is None) != (other._tzinfo is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            return timedelta(microseconds=self._utc_us() - other._utc_us())
        return NotImplemented

    def _compare(self, other):
        if not isinstance(other, datetime):
            _refuse(self, other)
        if (self._tzinfo is None) != (other._tzinfo is None):
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        return _cmp(self._utc_us(), other._utc_us())

    def __eq__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented if not isinstance(other, date) else False
        if (self._tzinfo is None) != (other._tzinfo is None):
            return False
        return self._utc_us() == other._utc_us()

    def __hash__(self):
        return hash(self._utc_us())


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(1)
datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)
time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
UTC = timezone.utc
