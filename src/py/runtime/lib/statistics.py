# statistics: mean, fmean, median (low/high), mode, multimode, variance, pvariance, stdev,
# pstdev. Sums are exact (rationals as (numerator, denominator) pairs), as CPython's are,
# so the results round the same way.

import math
from collections import Counter


class StatisticsError(ValueError):
    pass


def _ratio(x):
    # x as an exact (numerator, denominator)
    if isinstance(x, int):
        return int(x), 1
    if isinstance(x, float):
        if x != x or x in (math.inf, -math.inf):
            raise ValueError("cannot convert non-finite float to a ratio")
        den = 1
        while x != int(x):
            x *= 2.0
            den *= 2
        return int(x), den
    raise TypeError(f"can't convert type '{type(x).__name__}' to numerator/denominator")


def _add(a, b):
    n = a[0] * b[1] + b[0] * a[1]
    d = a[1] * b[1]
    g = math.gcd(n, d)
    return n // g, d // g


def _reduce(n, d):
    if d < 0:
        n, d = -n, -d
    g = math.gcd(n, d)
    return n // g, d // g


def _sum(data):
    # (type, exact sum, count)
    T = int
    total = (0, 1)
    count = 0
    for x in data:
        if isinstance(x, bool):
            pass
        elif isinstance(x, float):
            T = float
        elif not isinstance(x, int):
            raise TypeError(f"can't convert type '{type(x).__name__}' to numerator/denominator")
        total = _add(total, _ratio(x))
        count += 1
    return T, total, count


def _convert(value, T):
    n, d = value
    if T is int and d == 1:
        return n
    return n / d


def mean(data):
    data = list(data)
    T, total, n = _sum(data)
    if n < 1:
        raise StatisticsError("mean requires at least one data point")
    return _convert(_reduce(total[0], total[1] * n), T)


def fmean(data, weights=None):
    data = list(data)
    if weights is not None:
        weights = list(weights)
        if len(weights) != len(data):
            raise StatisticsError("data and weights must be the same length")
        num = _sum_float([x * w for x, w in zip(data, weights)])
        den = _sum_float(weights)
        if not den:
            raise StatisticsError("sum of weights must be non-zero")
        return num / den
    if not data:
        raise StatisticsError("fmean requires at least one data point")
    return _sum_float(data) / len(data)


def _sum_float(data):
    total = (0, 1)
    for x in data:
        total = _add(total, _ratio(float(x)))
    return total[0] / total[1]


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2] if n % 2 == 1 else data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2]


def mode(data):
    pairs = Counter(iter(data)).most_common(1)
    if not pairs:
        raise StatisticsError("no mode for empty data")
    return pairs[0][0]


def multimode(data):
    counts = Counter(iter(data)).most_common()
    if not counts:
        return []
    top = counts[0][1]
    return [v for v, c in counts if c == top]


def _ss(data, c=None):
    # (type, exact sum of squared deviations, count)
    if c is not None:
        T = int
        total = (0, 1)
        count = 0
        for x in data:
            if isinstance(x, float) or isinstance(c, float):
                T = float
            d = x - c
            total = _add(total, _ratio(d * d))
            count += 1
        return T, total, count
    T, sx, n = _sum(data)
    sxx = (0, 1)
    for x in data:
        r = _ratio(x)
        sxx = _add(sxx, (r[0] * r[0], r[1] * r[1]))
    if n == 0:
        return T, (0, 1), 0
    # n*sxx - sx*sx, over n
    num = n * sxx[0] * sx[1] * sx[1] - sx[0] * sx[0] * sxx[1]
    den = sxx[1] * sx[1] * sx[1] * n
    return T, _reduce(num, den), n


def variance(data, xbar=None):
    data = list(data)
    T, ss, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError("variance requires at least two data points")
    return _convert(_reduce(ss[0], ss[1] * (n - 1)), T)


def pvariance(data, mu=None):
    data = list(data)
    T, ss, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError("pvariance requires at least one data point")
    return _convert(_reduce(ss[0], ss[1] * n), T)


def _isqrt(v):
    if v < 2:
        return v
    x = 1 << ((v.bit_length() + 1) // 2)
    while True:
        y = (x + v // x) // 2
        if y >= x:
            return x
        x = y


def _float_sqrt_of_frac(n, m):
    # sqrt(n/m) correctly rounded: 56+ bits of the root, the last one sticky
    if n == 0:
        return 0.0
    k = (112 - (n.bit_length() - m.bit_length())) // 2
    if k >= 0:
        num, exact_div = divmod(n << (2 * k), m)
    else:
        num, exact_div = divmod(n, m << (-2 * k))
    s = _isqrt(num)
    if s * s != num or exact_div:
        s |= 1
    return float(s) * 2.0 ** (-k)


def stdev(data, xbar=None):
    data = list(data)
    T, ss, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError("stdev requires at least two data points")
    mss = _reduce(ss[0], ss[1] * (n - 1))
    return _float_sqrt_of_frac(mss[0], mss[1])


def pstdev(data, mu=None):
    data = list(data)
    T, ss, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError("pstdev requires at least one data point")
    mss = _reduce(ss[0], ss[1] * n)
    return _float_sqrt_of_frac(mss[0], mss[1])
