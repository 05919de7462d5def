# time for Interleave. The clocks come from the run (_interleave): virtual time in det mode,
# real time scaled by time_scale in free mode. The simulated machine keeps UTC, so dates
# print the same everywhere (and a det run's clock starts at 2026-01-01 00:00:00).
import _interleave as _il

sleep = _il.sleep
time = _il.clock_time
time_ns = _il.clock_time_ns
monotonic = _il.monotonic
monotonic_ns = _il.monotonic_ns
perf_counter = _il.monotonic
perf_counter_ns = _il.monotonic_ns
thread_time = _il.thread_time
thread_time_ns = _il.thread_time_ns
process_time = _il.process_time
process_time_ns = _il.process_time_ns

timezone = 0
altzone = 0
daylight = 0
tzname = ("UTC", "UTC")

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


class struct_time:
    """A broken-down time: indexable like a 9-tuple and with tm_* attributes."""

    def __init__(self, fields):
        fields = tuple(fields)
        if len(fields) != 9:
            raise TypeError(f"time.struct_time() takes a 9-sequence ({len(fields)}-sequence given)")
        (self.tm_year, self.tm_mon, self.tm_mday, self.tm_hour, self.tm_min, self.tm_sec,
         self.tm_wday, self.tm_yday, self.tm_isdst) = fields
        self.tm_zone = "UTC"
        self.tm_gmtoff = 0

    def _fields(self):
        return (self.tm_year, self.tm_mon, self.tm_mday, self.tm_hour, self.tm_min, self.tm_sec,
                self.tm_wday, self.tm_yday, self.tm_isdst)

    def __getitem__(self, i):
        return self._fields()[i]

    def __len__(self):
        return 9

    def __iter__(self):
        return iter(self._fields())

    def __eq__(self, other):
        return isinstance(other, struct_time) and self._fields() == other._fields()

    def __hash__(self):
        return hash(self._fields())

    def __repr__(self):
        return ("time.struct_time(tm_year=%d, tm_mon=%d, tm_mday=%d, tm_hour=%d, tm_min=%d, "
                "tm_sec=%d, tm_wday=%d, tm_yday=%d, tm_isdst=%d)" % self._fields())


def _leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def gmtime(secs=None):
    if secs is None:
        secs = time()
    secs = int(secs // 1)
    days, rem = divmod(secs, 86400)
    hour, rem = divmod(rem, 3600)
    minute, sec = divmod(rem, 60)
    wday = (days + 3) % 7          # 1970-01-01 was a Thursday
    # Civil date from days since the epoch (Gregorian calendar).
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    year = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    mday = doy - (153 * mp + 2) // 5 + 1
    mon = mp + 3 if mp < 10 else mp - 9
    if mon <= 2:
        year += 1
    cumulative = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    yday = cumulative[mon - 1] + mday + (1 if mon > 2 and _leap(year) else 0)
    return struct_time((year, mon, mday, hour, minute, sec, wday, yday, 0))


localtime = gmtime


def mktime(t):
    year, mon, mday, hour, minute, sec = tuple(t)[:6]
    days = 0
    for y in range(1970, year):
        days += 366 if _leap(y) else 365
    cumulative = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    days += cumulative[mon - 1] + mday - 1 + (1 if mon > 2 and _leap(year) else 0)
    return float(days * 86400 + hour * 3600 + minute * 60 + sec)


def asctime(t=None):
    if t is None:
        t = localtime()
    return "%s %s %2d %02d:%02d:%02d %d" % (_DAYS[t.tm_wday], _MONTHS[t.tm_mon - 1], t.tm_mday,
                                           t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


def ctime(secs=None):
    return asctime(localtime(secs))


def strftime(format, t=None):
    if t is None:
        t = localtime()
    out = []
    i = 0
    n = len(format)
    while i < n:
        c = format[i]
        if c != "%" or i + 1 == n:
            out.append(c)
            i += 1
            continue
        code = format[i + 1]
        i += 2
        if code == "Y":
            out.append("%d" % t.tm_year)
        elif code == "y":
            out.append("%02d" % (t.tm_year % 100))
        elif code == "m":
            out.append("%02d" % t.tm_mon)
        elif code == "d":
            out.append("%02d" % t.tm_mday)
        elif code == "e":
            out.append("%2d" % t.tm_mday)
        elif code == "H":
            out.append("%02d" % t.tm_hour)
        elif code == "I":
            out.append("%02d" % ((t.tm_hour + 11) % 12 + 1))
        elif code == "M":
            out.append("%02d" % t.tm_min)
        elif code == "S":
            out.append("%02d" % t.tm_sec)
        elif code == "p":
            out.append("AM" if t.tm_hour < 12 else "PM")
        elif code == "a":
            out.append(_DAYS[t.tm_wday])
        elif code == "A":
            out.append(_DAY_NAMES[t.tm_wday])
        elif code == "b" or code == "h":
            out.append(_MONTHS[t.tm_mon - 1])
        elif code == "B":
            out.append(_MONTH_NAMES[t.tm_mon - 1])
        elif code == "j":
            out.append("%03d" % t.tm_yday)
        elif code == "w":
            out.append("%d" % ((t.tm_wday + 1) % 7))
        elif code == "u":
            out.append("%d" % (t.tm_wday + 1))
        elif code == "Z":
            out.append("UTC")
        elif code == "z":
            out.append("+0000")
        elif code == "c":
            out.append(asctime(t))
        elif code == "x":
            out.append("%02d/%02d/%02d" % (t.tm_mon, t.tm_mday, t.tm_year % 100))
        elif code == "X":
            out.append("%02d:%02d:%02d" % (t.tm_hour, t.tm_min, t.tm_sec))
        elif code == "F":
            out.append("%d-%02d-%02d" % (t.tm_year, t.tm_mon, t.tm_mday))
        elif code == "T":
            out.append("%02d:%02d:%02d" % (t.tm_hour, t.tm_min, t.tm_sec))
        elif code == "%":
            out.append("%")
        else:
            out.append("%" + code)
    return "".join(out)
