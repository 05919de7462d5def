# concurrent.futures for Interleave: Future, ThreadPoolExecutor, ProcessPoolExecutor (over a
# multiprocessing Pool), as_completed and wait,
# written on this runtime's threading and queue, with CPython's observable behaviour
# (worker names, lazy worker start, FIFO hand-out of tasks, completion order).
import threading
import queue
import time

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_RUNNING = "RUNNING"
_CANCELLED = "CANCELLED"
_CANCELLED_AND_NOTIFIED = "CANCELLED_AND_NOTIFIED"
_FINISHED = "FINISHED"
_DONE_STATES = (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED)


class Error(Exception):
    pass


class CancelledError(Error):
    pass


TimeoutError = TimeoutError


class InvalidStateError(Error):
    pass


class BrokenExecutor(RuntimeError):
    pass


class _Collector:
    # Collects futures in the order they finish, for as_completed() and wait().
    def __init__(self):
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.finished = []

    def add(self, future):
        with self.lock:
            self.finished.append(future)
            self.ready.set()

    def take(self):
        with self.lock:
            out = self.finished
            self.finished = []
            self.ready.clear()
            return out


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._collectors = []
        self._done_callbacks = []

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception is not None:
                    return f"<Future state=finished raised {type(self._exception).__name__}>"
                return f"<Future state=finished returned {type(self._result).__name__}>"
            return f"<Future state={self._state.lower()}>"

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception as e:
                _il_print(f"exception calling callback for {self!r}: {type(e).__name__}: {e}")

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED)

    def running(self):
        with self._condition:
            return self._state == _RUNNING

    def done(self):
        with self._condition:
            return self._state in _DONE_STATES

    def _get_result(self):
        if self._exception is not None:
            raise self._exception
        return self._result

    def result(self, timeout=None):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            self._condition.wait(timeout)
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            raise TimeoutError()

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in _DONE_STATES:
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as e:
            _il_print(f"exception calling callback for {self!r}: {type(e).__name__}: {e}")

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                self._state = _CANCELLED_AND_NOTIFIED
                for c in self._collectors:
                    c.add(self)
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
            raise RuntimeError(f"Future in unexpected state: {self._state}")

    def _finish(self, result, exception):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                raise InvalidStateError(f"{self._state}: {self!r}")
            self._result = result
            self._exception = exception
            self._state = _FINISHED
            for c in self._collectors:
                c.add(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_result(self, result):
        self._finish(result, None)

    def set_exception(self, exception):
        self._finish(None, exception)


def _il_print(message):
    import sys
    print(message, file=sys.stderr)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


def _worker(executor, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException as e:
            _il_print(f"Exception in initializer: {type(e).__name__}: {e}")
            executor._broken = "A thread initializer failed, the thread pool is not usable anymore"
            return
    while True:
        item = work_queue.get()
        if item is not None:
            item.run()
            del item
            executor._idle.release()
            continue
        # None wakes a worker to look at the shutdown flag; pass it on to the next one.
        if _exiting or executor._shutdown:
            work_queue.put(None)
            return


_executors = []     # live executors, told to stop when the main thread ends
_exiting = False


def _at_exit():
    global _exiting
    _exiting = True
    for ex in list(_executors):
        ex._stop_at_exit()
    for ex in list(_executors):
        ex._join_at_exit()


threading._register_atexit(_at_exit)


class Executor:
    def submit(self, fn, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        end_time = None if timeout is None else timeout + time.monotonic()
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            try:
                while futures:
                    f = futures.pop(0)
                    if end_time is None:
                        yield f.result()
                    else:
                        yield f.result(end_time - time.monotonic())
            finally:
                for f in futures:
                    f.cancel()
        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class ThreadPoolExecutor(Executor):
    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        if max_workers is None:
            import os
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle = threading.Semaphore(0)
        self._threads = []
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = thread_name_prefix or f"ThreadPoolExecutor-{ThreadPoolExecutor._counter}"
        ThreadPoolExecutor._counter += 1
        self._initializer = initializer
        self._initargs = initargs
        _executors.append(self)

    def submit(self, fn, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise BrokenExecutor(self._broken)
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if _exiting:
                raise RuntimeError("cannot schedule new futures after interpreter shutdown")
            f = Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        # An idle worker will take the item; otherwise start one more, up to max_workers.
        if self._idle.acquire(timeout=0):
            return
        n = len(self._threads)
        if n < self._max_workers:
            t = threading.Thread(name=f"{self._thread_name_prefix}_{n}", target=_worker,
                                 args=(self, self._work_queue, self._initializer, self._initargs))
            t.start()
            self._threads.append(t)

    def _stop_at_exit(self):
        self._work_queue.put(None)

    def _join_at_exit(self):
        for t in self._threads:
            t.join()

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()
        if self in _executors and wait:
            _executors.remove(self)


class ProcessPoolExecutor(Executor):
    # Worker processes of a multiprocessing Pool; each future is settled by the pool's
    # result thread in this process.
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        import os
        import multiprocessing.pool
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            if max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        self._max_workers = max_workers
        self._pool = multiprocessing.pool.Pool(max_workers, initializer, initargs, max_tasks_per_child, mp_context)
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._pending = []
        _executors.append(self)

    def submit(self, fn, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if _exiting:
                raise RuntimeError("cannot schedule new futures after interpreter shutdown")
            f = Future()

            def done(result):
                if f.set_running_or_notify_cancel():
                    f.set_result(result)

            def failed(exc):
                if f.set_running_or_notify_cancel():
                    f.set_exception(exc)
            self._pool.apply_async(fn, args, kwargs, done, failed)
            return f

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            if self._shutdown:
                return
            self._shutdown = True
        self._pool.close()
        if wait:
            self._pool.join()
        if self in _executors and wait:
            _executors.remove(self)

    def _stop_at_exit(self):
        self._pool.close()

    def _join_at_exit(self):
        self._pool.join()


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]

    def __len__(self):
        return 2

    def __repr__(self):
        return f"DoneAndNotDoneFutures(done={self.done!r}, not_done={self.not_done!r})"


def _attach(fs):
    collector = _Collector()
    for f in fs:
        with f._condition:
            f._collectors.append(collector)
    return collector


def _detach(fs, collector):
    for f in fs:
        with f._condition:
            if collector in f._collectors:
                f._collectors.remove(collector)


def as_completed(fs, timeout=None):
    end_time = None if timeout is None else timeout + time.monotonic()
    unique = []
    for f in fs:
        if f not in unique:
            unique.append(f)
    total = len(unique)
    collector = _attach(unique)
    try:
        done = [f for f in unique if f._state in (_CANCELLED_AND_NOTIFIED, _FINISHED)]
        pending = [f for f in unique if f not in done]
        for f in done:
            yield f
        # What finished meanwhile stays in the collector (only pending futures are taken).
        while pending:
            wait_s = None if end_time is None else end_time - time.monotonic()
            if wait_s is not None and wait_s < 0:
                raise TimeoutError(f"{len(pending)} (of {total}) futures unfinished")
            collector.ready.wait(wait_s)
            for f in collector.take():
                if f in pending:
                    pending.remove(f)
                    yield f
    finally:
        _detach(unique, collector)


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = list(fs)
    end_time = None if timeout is None else timeout + time.monotonic()
    collector = _attach(fs)
    try:
        while True:
            done = [f for f in fs if f._state in (_CANCELLED_AND_NOTIFIED, _FINISHED)]
            not_done = [f for f in fs if f not in done]
            if not not_done:
                break
            if return_when == FIRST_COMPLETED and done:
                break
            if return_when == FIRST_EXCEPTION and any(
                    not f.cancelled() and f._exception is not None for f in done):
                break
            wait_s = None if end_time is None else end_time - time.monotonic()
            if wait_s is not None and wait_s <= 0:
                break
            collector.ready.wait(wait_s)
            collector.take()
    finally:
        _detach(fs, collector)
    return DoneAndNotDoneFutures(set(done), set(not_done))
