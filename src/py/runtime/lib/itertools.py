# itertools: the iterator building blocks, as generators (lazy like CPython's; the
# arguments CPython checks at the call are checked at the call here too).

_sentinel = object()


def count(start=0, step=1):
    if not isinstance(start, (int, float)) or not isinstance(step, (int, float)):
        raise TypeError("a number is required")
    return _count(start, step)

def _count(n, step):
    while True:
        yield n
        n += step


def cycle(iterable):
    return _cycle(iter(iterable))

def _cycle(it):
    saved = []
    for x in it:
        yield x
        saved.append(x)
    if not saved:
        return
    while True:
        for x in saved:
            yield x


def repeat(obj, times=None):
    if times is None:
        return _repeat_forever(obj)
    return _repeat(obj, times)

def _repeat_forever(obj):
    while True:
        yield obj

def _repeat(obj, times):
    for _ in range(times):
        yield obj


def accumulate(iterable, func=None, *, initial=None):
    return _accumulate(iter(iterable), func, initial)

def _accumulate(it, func, initial):
    total = initial
    if initial is None:
        total = next(it, _sentinel)
        if total is _sentinel:
            return
    yield total
    for x in it:
        total = total + x if func is None else func(total, x)
        yield total


def chain(*iterables):
    return _chain(iterables)

def _chain(iterables):
    for it in iterables:
        for x in it:
            yield x

def _from_iterable(iterables):
    return _chain(iterables)

chain.from_iterable = _from_iterable


def compress(data, selectors):
    return _compress(iter(data), iter(selectors))

def _compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    return _dropwhile(predicate, iter(iterable))

def _dropwhile(predicate, it):
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def takewhile(predicate, iterable):
    return _takewhile(predicate, iter(iterable))

def _takewhile(predicate, it):
    for x in it:
        if predicate(x):
            yield x
        else:
            break


def filterfalse(predicate, iterable):
    return _filterfalse(predicate, iter(iterable))

def _filterfalse(predicate, it):
    for x in it:
        if not (bool(x) if predicate is None else predicate(x)):
            yield x


class groupby:
    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = key
        self._tgtkey = _sentinel
        self._currkey = _sentinel
        self._currvalue = _sentinel
        self._id = object()

    def __iter__(self):
        return self

    def _step(self):
        # the next value and its key; False at the end
        v = next(self._it, _sentinel)
        if v is _sentinel:
            self._currvalue = _sentinel
            return False
        self._currvalue = v
        self._currkey = v if self._keyfunc is None else self._keyfunc(v)
        return True

    def __next__(self):
        self._id = object()
        if self._currvalue is _sentinel:
            if not self._step():
                raise StopIteration
        while self._tgtkey is not _sentinel and self._currkey == self._tgtkey:
            if not self._step():
                raise StopIteration
        self._tgtkey = self._currkey
        return (self._currkey, self._grouper(self._tgtkey, self._id))

    def _grouper(self, tgtkey, gid):
        while self._id is gid and self._currvalue is not _sentinel and self._currkey == tgtkey:
            yield self._currvalue
            if not self._step():
                return


def islice(iterable, *args):
    if not 1 <= len(args) <= 3:
        if not args:
            raise TypeError("islice expected at least 2 arguments, got 1")
        raise TypeError(f"islice expected at most 4 arguments, got {len(args) + 1}")
    if len(args) == 1:
        start, stop, step = None, args[0], None
    else:
        start, stop = args[0], args[1]
        step = args[2] if len(args) == 3 else None
    if stop is not None and (not isinstance(stop, int) or stop < 0):
        raise ValueError("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    if start is None:
        start = 0
    if not isinstance(start, int) or start < 0:
        raise ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    if step is None:
        step = 1
    if not isinstance(step, int) or step < 1:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice(iter(iterable), start, stop, step)

def _islice(it, start, stop, step):
    i = 0
    nexti = start
    if stop is not None and nexti >= stop:
        for _ in range(stop):
            if next(it, _sentinel) is _sentinel:
                return
        return
    for x in it:
        if i == nexti:
            yield x
            nexti += step
            if stop is not None and nexti >= stop:
                # consume up to stop, as CPython does
                i += 1
                while i < stop:
                    if next(it, _sentinel) is _sentinel:
                        return
                    i += 1
                return
        i += 1


def pairwise(iterable):
    return _pairwise(iter(iterable))

def _pairwise(it):
    a = next(it, _sentinel)
    if a is _sentinel:
        return
    for b in it:
        yield (a, b)
        a = b


def starmap(function, iterable):
    return _starmap(function, iter(iterable))

def _starmap(function, it):
    for args in it:
        yield function(*args)


def tee(iterable, n=2):
    if not isinstance(n, int):
        raise TypeError(f"'{type(n).__name__}' object cannot be interpreted as an integer")
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    buffers = [[] for _ in range(n)]
    return tuple(_tee(it, buffers, i) for i in range(n))

def _tee(it, buffers, i):
    mine = buffers[i]
    while True:
        if not mine:
            x = next(it, _sentinel)
            if x is _sentinel:
                return
            for b in buffers:
                b.append(x)
        yield mine.pop(0)


def zip_longest(*iterables, fillvalue=None):
    return _zip_longest([iter(x) for x in iterables], fillvalue)

def _zip_longest(its, fillvalue):
    if not its:
        return
    active = len(its)
    while True:
        row = []
        for i in range(len(its)):
            it = its[i]
            if it is None:
                row.append(fillvalue)
                continue
            x = next(it, _sentinel)
            if x is _sentinel:
                active -= 1
                if not active:
                    return
                its[i] = None
                x = fillvalue
            row.append(x)
        yield tuple(row)


def product(*iterables, repeat=1):
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(p) for p in iterables] * repeat
    return _product(pools)

def _product(pools):
    for p in pools:
        if not p:
            return
    n = len(pools)
    idx = [0] * n
    while True:
        yield tuple(pools[i][idx[i]] for i in range(n))
        i = n - 1
        while i >= 0:
            idx[i] += 1
            if idx[i] < len(pools[i]):
                break
            idx[i] = 0
            i -= 1
        if i < 0:
            return


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    if r is None:
        r = n
    elif not isinstance(r, int):
        raise TypeError("Expected int as r")
    elif r < 0:
        raise ValueError("r must be non-negative")
    return _permutations(pool, n, r)

def _permutations(pool, n, r):
    if r > n:
        return
    yield from _permute(pool, [False] * n, [], r)

def _permute(pool, used, chosen, r):
    if len(chosen) == r:
        yield tuple(pool[j] for j in chosen)
        return
    for i in range(len(pool)):
        if not used[i]:
            used[i] = True
            chosen.append(i)
            yield from _permute(pool, used, chosen, r)
            chosen.pop()
            used[i] = False


def combinations(iterable, r):
    pool = tuple(iterable)
    if not isinstance(r, int):
        raise TypeError("Expected int as r")
    if r < 0:
        raise ValueError("r must be non-negative")
    return _combinations(pool, r, False)

def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    if not isinstance(r, int):
        raise TypeError("Expected int as r")
    if r < 0:
        raise ValueError("r must be non-negative")
    return _combinations(pool, r, True)

def _combinations(pool, r, replace):
    n = len(pool)
    if r == 0:
        yield ()
        return
    if n == 0 or (not replace and r > n):
        return
    idx = [0] * r if replace else list(range(r))
    while True:
        yield tuple(pool[i] for i in idx)
        # the rightmost index that can still grow
        i = r - 1
        while i >= 0:
            limit = n - 1 if replace else n - r + i
            if idx[i] < limit:
                break
            i -= 1
        if i < 0:
            return
        idx[i] += 1
        for j in range(i + 1, r):
            idx[j] = idx[i] if replace else idx[j - 1] + 1
