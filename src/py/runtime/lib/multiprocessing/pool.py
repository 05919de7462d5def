# multiprocessing.pool for Interleave: worker processes fed through a task queue, and a
# result thread in the parent that hands results to their AsyncResult (callbacks run on
# it, as in CPython). Functions and arguments reach the workers by pickling, so a lambda
# fails as it does in CPython.
import multiprocessing as _mp
import os
import threading
import time

RUN, CLOSE, TERMINATE = 0, 1, 2
_job_counter = 0


def _next_job():
    global _job_counter
    _job_counter += 1
    return _job_counter


class MaybeEncodingError(Exception):
    pass


def _worker(inqueue, outqueue, initializer, initargs, maxtasks):
    if initializer is not None:
        initializer(*initargs)
    done = 0
    while maxtasks is None or done < maxtasks:
        task = inqueue.get()
        if task is None:
            break
        job, index, func, chunk, star = task
        try:
            if star:
                result = (True, [func(*args) for args in chunk])
            elif chunk is None:
                fn, args, kwds = func
                result = (True, fn(*args, **kwds))
            else:
                result = (True, [func(x) for x in chunk])
        except Exception as e:
            result = (False, e)
        try:
            outqueue.put((job, index, result))
        except Exception as e:
            outqueue.put((job, index, (False, MaybeEncodingError(
                "Error sending result: '%r'. Reason: '%r'" % (result[1], e)))))
        done += 1
    outqueue.put(("exit", os.getpid(), None))


class ApplyResult:
    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._job = _next_job()
        self._event = threading.Event()
        self._callback = callback
        self._error_callback = error_callback
        self._success = None
        self._value = None
        pool._cache[self._job] = self

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("%r not ready" % self)
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise _mp.TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, index, result):
        self._success, self._value = result
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._event.set()
        self._pool._cache.pop(self._job, None)


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, chunks, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._success = True
        self._value = [None] * length
        self._pending = chunks
        if chunks == 0:
            self._finish()

    def _finish(self):
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._event.set()
        self._pool._cache.pop(self._job, None)

    def _set(self, index, result):
        start, ok, value = index[0], result[0], result[1]
        self._pending -= 1
        if ok and self._success:
            self._value[start:start + len(value)] = value
        elif not ok and self._success:
            self._success = False
            self._value = value
        if self._pending == 0:
            self._finish()


class IMapIterator:
    def __init__(self, pool, ordered):
        self._pool = pool
        self._job = _next_job()
        self._cond = threading.Condition(threading.Lock())
        self._items = {}
        self._unordered = []
        self._ordered = ordered
        self._index = 0
        self._length = None
        self._received = 0
        pool._cache[self._job] = self

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            while True:
                if self._ordered and self._index in self._items:
                    ok, value = self._items.pop(self._index)
                    break
                if not self._ordered and self._unordered:
                    ok, value = self._unordered.pop(0)
                    break
                if self._length is not None and self._index >= self._length:
                    raise StopIteration
                if not self._cond.wait(timeout) and timeout is not None:
                    raise _mp.TimeoutError
            self._index += 1
        if ok:
            return value
        raise value

    __next__ = next

    def _set(self, index, result):
        ok, values = result
        with self._cond:
            if ok:
                for k, v in enumerate(values):
                    self._store(index[0] + k, (True, v))
            else:
                for k in range(index[1]):
                    self._store(index[0] + k, (False, values))
            self._received += index[1]
            if self._length is not None and self._received >= self._length:
                self._pool._cache.pop(self._job, None)
            self._cond.notify_all()

    def _store(self, i, item):
        if self._ordered:
            self._items[i] = item
        else:
            self._unordered.append(item)

    def _set_length(self, length):
        with self._cond:
            self._length = length
            if self._received >= length:
                self._pool._cache.pop(self._job, None)
            self._cond.notify_all()


class Pool:
    _wrap_exception = True

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        self._ctx = context or _mp.get_context()
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._processes = processes
        self._initializer = initializer
        self._initargs = initargs
        self._maxtasks = maxtasksperchild
        self._state = RUN
        self._cache = {}
        self._inqueue = _mp.SimpleQueue()
        self._outqueue = _mp.SimpleQueue()
        self._pool = []
        for _ in range(processes):
            self._add_worker()
        self._result_thread = threading.Thread(target=self._handle_results, name="Thread-results", daemon=True)
        self._result_thread.start()

    def _add_worker(self):
        w = self._ctx.Process(target=_worker, args=(self._inqueue, self._outqueue, self._initializer,
                                                   self._initargs, self._maxtasks))
        w.name = w.name.replace("Process", "PoolWorker")
        w.daemon = True
        w.start()
        self._pool.append(w)

    def _handle_results(self):
        while True:
            item = self._outqueue.get()
            if item is None:
                return
            job, index, result = item
            if job == "exit":
                self._worker_exited(index)
                continue
            target = self._cache.get(job)
            if target is not None:
                target._set(index, result)

    def _worker_exited(self, pid):
        for w in list(self._pool):
            if w.pid == pid:
                w.join()
                self._forget(w)
                if self._state == RUN:
                    self._add_worker()

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _submit(self, job, index, func, chunk, star=False):
        self._inqueue.put((job, index, func, chunk, star))

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        try:
            self._submit(result._job, 0, (func, tuple(args), dict(kwds)), None)
        except Exception as e:
            result._set(0, (False, e))
        return result

    def _chunks(self, iterable, chunksize):
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if chunksize < 1:
            chunksize = 1
        return items, [(i, items[i:i + chunksize]) for i in range(0, len(items), chunksize)]

    def _map_async(self, func, iterable, chunksize, callback, error_callback, star):
        self._check_running()
        items, chunks = self._chunks(iterable, chunksize)
        result = MapResult(self, len(chunks), len(items), callback, error_callback)
        for start, chunk in chunks:
            try:
                self._submit(result._job, (start, len(chunk)), func, chunk, star)
            except Exception as e:
                result._set((start, len(chunk)), (False, e))
        return result

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, chunksize, None, None, False).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, chunksize, callback, error_callback, False)

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, chunksize, None, None, True).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, chunksize, callback, error_callback, True)

    def _imap(self, func, iterable, chunksize, ordered):
        self._check_running()
        it = IMapIterator(self, ordered)
        items = list(iterable)
        for start in range(0, len(items), chunksize):
            chunk = items[start:start + chunksize]
            try:
                self._submit(it._job, (start, len(chunk)), func, chunk)
            except Exception as e:
                it._set((start, len(chunk)), (False, e))
        it._set_length(len(items))
        return it

    def imap(self, func, iterable, chunksize=1):
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        return self._imap(func, iterable, chunksize, True)

    def imap_unordered(self, func, iterable, chunksize=1):
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        return self._imap(func, iterable, chunksize, False)

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            # A count, not the list: the result thread retires workers from it meanwhile.
            for _ in range(len(self._pool)):
                self._inqueue.put(None)

    def terminate(self):
        self._state = TERMINATE
        for w in self._pool:
            w.terminate()
        for w in self._pool:
            w.join()
        self._stop_results()

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        while True:
            try:
                w = self._pool[0]
            except IndexError:
                break
            w.join()
            self._forget(w)
        self._stop_results()

    def _forget(self, worker):
        # The result thread and join() both retire workers: one removal wins.
        try:
            self._pool.remove(worker)
        except ValueError:
            pass

    def _stop_results(self):
        if self._result_thread is not None:
            if self._result_thread is not threading.current_thread():
                self._outqueue.put(None)
                self._result_thread.join()
            self._result_thread = None

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()

    def __repr__(self):
        state = {RUN: "RUN", CLOSE: "CLOSE", TERMINATE: "TERMINATE"}[self._state]
        return "<%s.%s state=%s pool_size=%d>" % (type(self).__module__, type(self).__qualname__, state,
                                                  len(self._pool))


class ThreadPool(Pool):
    def __init__(self, processes=None, initializer=None, initargs=()):
        raise NotImplementedError("multiprocessing.pool.ThreadPool is not in Interleave yet; "
                                  "use concurrent.futures.ThreadPoolExecutor")
