# datetime: dates, times and durations with CPython's arithmetic, str, repr and formats.
from datetime import date, datetime, time, timedelta, timezone

d = date(2024, 2, 28)
print(d, repr(d), d + timedelta(days=1), d + timedelta(days=2), d.weekday(), d.isoweekday())
print(date(2023, 12, 31) - date(2023, 1, 1), (date(2024, 3, 1) - d).days, d.toordinal())
print(date.fromordinal(738000), date.fromisoformat("1999-12-31"), d.strftime("%A %d %B %Y (%j)"))
for n in (1, 59, 60, 365, 366, 146097, 730120, 3652059):
    print(n, date.fromordinal(n), date.fromordinal(n).toordinal() == n)
td = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5)
print(td, repr(td), td.total_seconds(), -td, abs(-td), repr(timedelta()), str(timedelta(seconds=-1)))
print(td * 2, td / 2, td // 3, timedelta(hours=5) / timedelta(minutes=30), timedelta(minutes=7) % timedelta(minutes=2))
print(timedelta(weeks=1, milliseconds=1500), timedelta(days=2) > timedelta(hours=47), bool(timedelta(0)))
dt = datetime(2026, 1, 1, 12, 30, 15, 250000)
print(dt, repr(dt), dt.isoformat(), dt.isoformat(sep=" ", timespec="milliseconds"))
print(dt.date(), dt.time(), repr(dt.time()), dt + timedelta(hours=12), dt - timedelta(days=366))
print(dt - datetime(2025, 12, 31), dt.strftime("%Y-%m-%d %H:%M:%S.%f %p"), dt.timestamp())
print(datetime.fromtimestamp(0, timezone.utc), datetime.fromtimestamp(1700000000.5, timezone.utc).isoformat())
aware = datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc)
print(repr(aware), aware.utcoffset(), aware.tzname(), aware.strftime("%z %Z"))
print(datetime.fromisoformat("2026-03-04T05:06:07.5"), datetime.combine(d, time(9, 30)))
print(repr(time(7)), time(7, 8, 9, 10), time(23, 59).isoformat(timespec="minutes"))
print(sorted([datetime(2026, 1, 2), datetime(2025, 5, 5), datetime(2026, 1, 1, 23)]))
print(d == date(2024, 2, 28), d < date(2024, 3, 1), d != date(2024, 2, 29))
print(f"{dt:%H:%M}", format(d, "%d/%m"), "{:%Y}".format(dt))
for bad in ((2023, 2, 29), (2023, 13, 1), (0, 1, 1)):
    try:
        date(*bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    datetime(2026, 1, 1) - aware
except TypeError as e:
    print("TypeError:", e)
now = datetime.now()
print(type(now).__name__, now.year >= 2024, isinstance(date.today(), date))
print(timedelta(1) < timedelta(2), time(1) >= time(1), sorted([time(3), time(1, 30), time(2)]))
