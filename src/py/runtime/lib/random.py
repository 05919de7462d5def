# random for Interleave: CPython 3.11's generator and algorithms, so a seed gives CPython's
# exact sequence. The Mersenne Twister, its seeding, random() and getrandbits() are C++
# (_random, src/py/mod_random.cpp); every distribution below draws from them in the same
# order and with the same arithmetic as CPython's Lib/random.py.
# Without a seed, det mode derives the state from the run's seed (reproducible) and free
# mode from the system's entropy. Not here: randbytes() and bytes/bytearray seeds (no
# bytes type yet).
import _random
from math import log as _log, exp as _exp, pi as _pi, e as _e, ceil as _ceil
from math import sqrt as _sqrt, acos as _acos, cos as _cos, sin as _sin
from math import tau as TWOPI, floor as _floor, isfinite as _isfinite

try:
    from warnings import warn as _warn
except ImportError:
    _warn = None

__all__ = ["Random", "SystemRandom", "betavariate", "choice", "choices", "expovariate",
           "gammavariate", "gauss", "getrandbits", "getstate", "lognormvariate",
           "normalvariate", "paretovariate", "randbytes", "randint", "random", "randrange",
           "sample", "seed", "setstate", "shuffle", "triangular", "uniform",
           "vonmisesvariate", "weibullvariate"]

NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
LOG4 = _log(4.0)
SG_MAGICCONST = 1.0 + _log(4.5)
BPF = 53
RECIP_BPF = 2 ** -BPF
_ONE = 1
_SEED_TYPES = (type(None), int, float, str)


def _deprecated(message):
    if _warn is not None:
        _warn(message, DeprecationWarning, 4)  # the caller of randrange()


def _as_index(value):
    # operator.index(): ints as they are, else the type's __index__.
    if isinstance(value, int):
        return value
    hook = getattr(type(value), "__index__", None)
    if hook is None:
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    return hook(value)


def _range_arg(value, what):
    # An argument of randrange: an index, or (deprecated) an integral number.
    try:
        return _as_index(value)
    except TypeError:
        whole = int(value)
        if whole != value:
            _deprecated("randrange() will raise TypeError in the future")
            raise ValueError(f"non-integer {what} for randrange()")
        _deprecated("non-integer arguments to randrange() have been deprecated since "
                    "Python 3.10 and will be removed in a subsequent version")
        return whole


def _running_sums(values):
    # itertools.accumulate(values): the running totals, left to right.
    it = iter(values)
    for total in it:
        yield total
        for value in it:
            total = total + value
            yield total


def _bisect_right(items, x, lo, hi):
    while lo < hi:
        mid = (lo + hi) // 2
        if x < items[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _is_sequence(population):
    if isinstance(population, (list, tuple, str, range)):
        return True
    from collections import deque
    return isinstance(population, deque)


_BELOW_KIND = {}


def _below_kind(cls):
    # Which integer method a subclass of Random uses. CPython picks it when the class is
    # made (__init_subclass__): its own _randbelow, else getrandbits() if the class defines
    # one, else random() alone. Decided here on first use instead (Interleave's classes have
    # no __init_subclass__ or __mro__), from what the class overrides; getrandbits() wins.
    # "native": Random's own algorithm, run in one call by _random (the same draws).
    kind = _BELOW_KIND.get(cls)
    if kind is None:
        if cls._randbelow is not Random._randbelow:
            kind = "own"
        elif cls.getrandbits is not _random.Random.getrandbits:
            kind = "getrandbits"
        elif cls.random is not _random.Random.random:
            kind = "random"
        else:
            kind = "native"
        _BELOW_KIND[cls] = kind
    return kind


def _randbelow_of(rng):
    # rng._randbelow, or the native method that draws the same when rng's class keeps it.
    cls = type(rng)
    if cls is Random or _below_kind(cls) == "native":
        return rng._randbelow_native
    return rng._randbelow


class Random(_random.Random):
    """Random number generator base class used by bound module functions."""

    VERSION = 3

    def __init__(self, x=None):
        self.seed(x)
        self.gauss_next = None

    def seed(self, a=None, version=2):
        """Initialize internal state from a seed (None, int, float or str)."""
        if version == 1 and isinstance(a, str):
            # The version-1 string hash, kept for old sequences.
            x = ord(a[0]) << 7 if a else 0
            for ch in a:
                x = ((1000003 * x) ^ ord(ch)) & 0xFFFFFFFFFFFFFFFF
            x ^= len(a)
            a = -2 if x == -1 else x
        elif version == 2 and isinstance(a, str):
            a = _random.text_seed(a)
        elif not isinstance(a, _SEED_TYPES):
            raise TypeError("The only supported seed types are: None,\n"
                            "int, float, str, bytes, and bytearray.")
        super().seed(a)
        self.gauss_next = None

    def getstate(self):
        """Return internal state; can be passed to setstate() later."""
        return self.VERSION, super().getstate(), self.gauss_next

    def setstate(self, state):
        """Restore internal state from object returned by getstate()."""
        version = state[0]
        if version == 3:
            version, words, self.gauss_next = state
            super().setstate(words)
        elif version == 2:
            # Version 2 saved the words as signed ints.
            version, words, self.gauss_next = state
            try:
                words = tuple(w % (2 ** 32) for w in words)
            except ValueError as e:
                raise TypeError from e
            super().setstate(words)
        else:
            raise ValueError(f"state with version {version} passed to "
                             f"Random.setstate() of version {self.VERSION}")

    def __reduce__(self):
        return self.__class__, (), self.getstate()

    def _randbelow(self, n):
        "Return a random int in the range [0,n).  Defined for n > 0."
        cls = type(self)
        if cls is Random:
            return self._randbelow_native(n)
        kind = _below_kind(cls)
        if kind == "random":
            return self._randbelow_without_getrandbits(n)
        if kind == "native":
            return self._randbelow_native(n)
        return self._randbelow_with_getrandbits(n)

    def _randbelow_with_getrandbits(self, n):
        "Return a random int in the range [0,n) from getrandbits().  Defined for n > 0."
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r

    def _randbelow_without_getrandbits(self, n, maxsize=1 << BPF):
        "Return a random int in the range [0,n) from random() alone.  Defined for n > 0."
        random = self.random
        if n >= maxsize:
            if _warn is not None:
                _warn("Underlying random() generator does not supply \n"
                      "enough bits to choose from a population range this large.\n"
                      "To remove the range limitation, add a getrandbits() method.")
            return _floor(random() * n)
        rem = maxsize % n
        limit = (maxsize - rem) / maxsize
        r = random()
        while r >= limit:
            r = random()
        return _floor(r * maxsize) % n

    def randbytes(self, n):
        """Generate n random bytes (needs the bytes type, which Interleave lacks)."""
        raise NotImplementedError("random.randbytes() needs the bytes type, "
                                  "which Interleave's Python does not have yet")

    def randrange(self, start, stop=None, step=_ONE):
        """Choose a random item from range(stop) or range(start, stop[, step])."""
        istart = start if type(start) is int else _range_arg(start, "arg 1")
        if stop is None:
            if step is not _ONE:
                raise TypeError("Missing a non-None stop argument")
            if istart > 0:
                return _randbelow_of(self)(istart)
            raise ValueError("empty range for randrange()")
        istop = stop if type(stop) is int else _range_arg(stop, "stop")
        width = istop - istart
        istep = step if type(step) is int else _range_arg(step, "step")
        if istep == 1:
            if width > 0:
                return istart + _randbelow_of(self)(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return istart + istep * _randbelow_of(self)(n)

    def randint(self, a, b):
        """Return random integer in range [a, b], including both end points."""
        return self.randrange(a, b + 1)

    def choice(self, seq):
        """Choose a random element from a non-empty sequence."""
        if not len(seq):
            raise IndexError("Cannot choose from an empty sequence")
        return seq[_randbelow_of(self)(len(seq))]

    def shuffle(self, x):
        """Shuffle list x in place, and return None."""
        randbelow = _randbelow_of(self)
        for i in reversed(range(1, len(x))):
            j = randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        """Chooses k unique random elements from a population sequence."""
        if not _is_sequence(population):
            raise TypeError("Population must be a sequence.  "
                            "For dicts or sets, use sorted(d).")
        n = len(population)
        if counts is not None:
            cum_counts = list(_running_sums(counts))
            if len(cum_counts) != n:
                raise ValueError("The number of counts does not match the population")
            total = cum_counts.pop()
            if not isinstance(total, int):
                raise TypeError("Counts must be integers")
            if total <= 0:
                raise ValueError("Total of counts must be greater than zero")
            picks = self.sample(range(total), k=k)
            return [population[_bisect_right(cum_counts, s, 0, len(cum_counts))] for s in picks]
        randbelow = _randbelow_of(self)
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        # A pool list when it is smaller than a set of k picks would be, else a set of the
        # indexes picked so far (the same threshold as CPython, so the same draws).
        setsize = 21
        if k > 5:
            setsize += 4 ** _ceil(_log(k * 3, 4))
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            picked = set()
            for i in range(k):
                j = randbelow(n)
                while j in picked:
                    j = randbelow(n)
                picked.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        """Return a k sized list of population elements chosen with replacement."""
        random = self.random
        n = len(population)
        if cum_weights is None:
            if weights is None:
                n += 0.0
                return [population[_floor(random() * n)] for i in range(k)]
            try:
                cum_weights = list(_running_sums(weights))
            except TypeError:
                if not isinstance(weights, int):
                    raise
                k = weights
                raise TypeError(f"The number of choices must be a keyword argument: k={k!r}") from None
        elif weights is not None:
            raise TypeError("Cannot specify both weights and cumulative weights")
        if len(cum_weights) != n:
            raise ValueError("The number of weights does not match the population")
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError("Total of weights must be greater than zero")
        if not _isfinite(total):
            raise ValueError("Total of weights must be finite")
        hi = n - 1
        return [population[_bisect_right(cum_weights, random() * total, 0, hi)]
                for i in range(k)]

    def uniform(self, a, b):
        "Get a random number in the range [a, b) or [a, b] depending on rounding."
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        """Triangular distribution."""
        u = self.random()
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        """Normal distribution (Kinderman and Monahan's ratio of uniforms)."""
        random = self.random
        while True:
            u1 = random()
            u2 = 1.0 - random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            zz = z * z / 4.0
            if zz <= -_log(u2):
                break
        return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        """Gaussian distribution (Box-Muller: each pair of draws gives two values)."""
        random = self.random
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = random() * TWOPI
            g2rad = _sqrt(-2.0 * _log(1.0 - random()))
            z = _cos(x2pi) * g2rad
            self.gauss_next = _sin(x2pi) * g2rad
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        """Log normal distribution."""
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd):
        """Exponential distribution; lambd is 1.0 divided by the desired mean."""
        return -_log(1.0 - self.random()) / lambd

    def vonmisesvariate(self, mu, kappa):
        """Circular data distribution (Best and Fisher's method)."""
        random = self.random
        if kappa <= 1e-6:
            return TWOPI * random()
        s = 0.5 / kappa
        r = s + _sqrt(1.0 + s * s)
        while True:
            u1 = random()
            z = _cos(_pi * u1)
            d = z / (r + z)
            u2 = random()
            if u2 < 1.0 - d * d or u2 <= (1.0 - d) * _exp(d):
                break
        q = 1.0 / r
        f = (q + z) / (1.0 + q * z)
        u3 = random()
        if u3 > 0.5:
            return (mu + _acos(f)) % TWOPI
        return (mu - _acos(f)) % TWOPI

    def gammavariate(self, alpha, beta):
        """Gamma distribution (alpha > 0, beta > 0)."""
        if alpha <= 0.0 or beta <= 0.0:
            raise ValueError("gammavariate: alpha and beta must be > 0.0")
        random = self.random
        if alpha > 1.0:
            # Cheng's rejection method (R.C.H. Cheng, 1977).
            ainv = _sqrt(2.0 * alpha - 1.0)
            bbb = alpha - LOG4
            ccc = alpha + ainv
            while True:
                u1 = random()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - random()
                v = _log(u1 / (1.0 - u1)) / ainv
                x = alpha * _exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                    return x * beta
        elif alpha == 1.0:
            return -_log(1.0 - random()) * beta
        else:
            # ALGORITHM GS of Ahrens and Dieter (1974) for alpha < 1.
            while True:
                u = random()
                b = (_e + alpha) / _e
                p = b * u
                if p <= 1.0:
                    x = p ** (1.0 / alpha)
                else:
                    x = -_log((b - p) / alpha)
                u1 = random()
                if p > 1.0:
                    if u1 <= x ** (alpha - 1.0):
                        break
                elif u1 <= _exp(-x):
                    break
            return x * beta

    def betavariate(self, alpha, beta):
        """Beta distribution (alpha > 0, beta > 0), from two gamma draws."""
        y = self.gammavariate(alpha, 1.0)
        if y:
            return y / (y + self.gammavariate(beta, 1.0))
        return 0.0

    def paretovariate(self, alpha):
        """Pareto distribution.  alpha is the shape parameter."""
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        """Weibull distribution: alpha the scale, beta the shape."""
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)


class SystemRandom(Random):
    """Numbers from the system's entropy source: in free mode the generator is seeded from
    it; in det mode from the run's seed (a det run repeats). No state to get or set."""

    def seed(self, *args, **kwds):
        "Not used by a system random number generator."
        return None

    def _notimplemented(self, *args, **kwds):
        raise NotImplementedError("System entropy source does not have state.")

    getstate = setstate = _notimplemented


_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
vonmisesvariate = _inst.vonmisesvariate
gammavariate = _inst.gammavariate
gauss = _inst.gauss
betavariate = _inst.betavariate
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits
randbytes = _inst.randbytes
