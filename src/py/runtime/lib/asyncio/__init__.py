# asyncio for Interleave: one event loop per thread, written on the interpreter's coroutines
# (async def / await), with CPython's semantics for what programs observe - the order
# callbacks and tasks run in, timers on the run's clock (virtual in det mode, so a sleep of
# 10 s costs nothing), cancellation, and errors. Between callbacks the loop waits on a
# threading.Event with the next timer as its timeout: the wait is a blocking call of the
# engine, so det mode advances virtual time and reports a deadlock when every task waits
# for something that cannot happen; another thread wakes it (call_soon_threadsafe, to_thread).
import _interleave as _il
import sys
import threading
import time as _time

_PENDING = "PENDING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"
FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"


class CancelledError(BaseException):
    pass


class InvalidStateError(Exception):
    pass


class QueueEmpty(Exception):
    pass


class QueueFull(Exception):
    pass


TimeoutError = TimeoutError


# ---- the running loop of each thread
_running_loops = {}     # thread ident -> its running loop
_event_loops = {}       # thread ident -> the loop set_event_loop gave it
_current_tasks = {}     # loop -> the task whose step runs now
_task_counter = 0


def _get_running_loop():
    return _running_loops.get(threading.get_ident())


def get_running_loop():
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError("no running event loop")
    return loop


def new_event_loop():
    return BaseEventLoop()


def set_event_loop(loop):
    _event_loops[threading.get_ident()] = loop


def get_event_loop():
    loop = _get_running_loop()
    if loop is not None:
        return loop
    loop = _event_loops.get(threading.get_ident())
    if loop is None:
        loop = new_event_loop()
        set_event_loop(loop)
    return loop


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return _current_tasks.get(loop)


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return {t for t in loop._tasks if not t.done()}


def iscoroutine(obj):
    return type(obj).__name__ == "coroutine"


# ---- callbacks
class Handle:
    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._loop = loop
        self._cancelled = False

    def cancel(self):
        self._cancelled = True

    def cancelled(self):
        return self._cancelled

    def _run(self):
        try:
            self._callback(*self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop.call_exception_handler({"message": "Exception in callback %r" % (self._callback,),
                                               "exception": exc})


class TimerHandle(Handle):
    def __init__(self, when, callback, args, loop, order):
        Handle.__init__(self, callback, args, loop)
        self._when = when
        self._order = order

    def when(self):
        return self._when


class BaseEventLoop:
    def __init__(self):
        self._ready = []
        self._timers = []
        self._order = 0
        self._stopping = False
        self._closed = False
        self._tasks = []
        self._wakeup = threading.Event()
        self._from_threads = []
        self._threads_lock = threading.Lock()
        self._default_executor = None

    def time(self):
        return _time.monotonic()

    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self)
        self._ready.append(handle)
        return handle

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        self._order += 1
        timer = TimerHandle(when, callback, args, self, self._order)
        i = len(self._timers)
        while i > 0 and (self._timers[i - 1]._when, self._timers[i - 1]._order) > (when, timer._order):
            i -= 1
        self._timers.insert(i, timer)
        return timer

    def call_soon_threadsafe(self, callback, *args, context=None):
        handle = Handle(callback, args, self)
        with self._threads_lock:
            self._from_threads.append(handle)
        self._wakeup.set()
        return handle

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        return Task(coro, loop=self, name=name)

    def run_in_executor(self, executor, func, *args):
        if executor is None:
            if self._default_executor is None:
                import concurrent.futures
                self._default_executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio")
            executor = self._default_executor
        return wrap_future(executor.submit(func, *args), loop=self)

    def call_exception_handler(self, context):
        message = context.get("message", "Unhandled exception in event loop")
        exc = context.get("exception")
        if exc is None:
            print(message, file=sys.stderr)
        else:
            _il.print_exception(message, exc)

    def is_running(self):
        return _running_loops.get(threading.get_ident()) is self

    def is_closed(self):
        return self._closed

    def stop(self):
        self._stopping = True

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._timers.clear()
        executor = self._default_executor
        self._default_executor = None
        if executor is not None:
            executor.shutdown(wait=False)

    def _check_closed(self):
        if self._closed:
            raise RuntimeError("Event loop is closed")

    def run_forever(self):
        self._check_closed()
        if self.is_running():
            raise RuntimeError("This event loop is already running")
        if _get_running_loop() is not None:
            raise RuntimeError("Cannot run the event loop while another loop is running")
        me = threading.get_ident()
        _running_loops[me] = self
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            _running_loops.pop(me, None)

    def run_until_complete(self, future):
        self._check_closed()
        future = ensure_future(future, loop=self)
        future.add_done_callback(_stop_loop)
        try:
            self.run_forever()
        finally:
            future.remove_done_callback(_stop_loop)
        if not future.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return future.result()

    async def shutdown_default_executor(self):
        executor = self._default_executor
        self._default_executor = None
        if executor is not None:
            await to_thread(executor.shutdown, True)

    async def shutdown_asyncgens(self):
        pass

    def _take_from_threads(self):
        with self._threads_lock:
            handles = self._from_threads
            self._from_threads = []
            self._wakeup.clear()
        self._ready.extend(handles)

    def _run_once(self):
        if self._from_threads:
            self._take_from_threads()
        if not self._ready and not self._stopping:
            timeout = None
            if self._timers:
                timeout = self._timers[0]._when - self.time()
            if timeout is None or timeout > 0:
                self._wakeup.wait(timeout)
            if self._from_threads:
                self._take_from_threads()
        end = self.time() + 1e-9
        while self._timers and self._timers[0]._when <= end:
            timer = self._timers.pop(0)
            if not timer._cancelled:
                self._ready.append(timer)
        for _ in range(len(self._ready)):
            handle = self._ready.pop(0)
            if not handle._cancelled:
                handle._run()


def _stop_loop(future):
    future._loop.stop()


# ---- futures and tasks
class Future:
    _asyncio_future_blocking = False

    def __init__(self, *, loop=None):
        self._loop = loop if loop is not None else get_event_loop()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None

    def __repr__(self):
        state = self._state.lower()
        if self._state == _FINISHED:
            if self._exception is not None:
                state += " exception=%r" % (self._exception,)
            else:
                state += " result=%r" % (self._result,)
        return "<%s %s>" % (type(self).__name__, state)

    def get_loop(self):
        return self._loop

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def _make_cancelled_error(self):
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Result is not set.")
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Exception is not set.")
        return self._exception

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        kept = [f for f in self._callbacks if f != fn]
        removed = len(self._callbacks) - len(kept)
        self._callbacks = kept
        return removed

    def _schedule_callbacks(self):
        callbacks = self._callbacks
        self._callbacks = []
        for fn in callbacks:
            self._loop.call_soon(fn, self)

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError("%s: %r" % (self._state, self))
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError("%s: %r" % (self._state, self))
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError("StopIteration interacts badly with generators and cannot be raised into a Future")
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()


class Task(Future):
    def __init__(self, coro, *, loop=None, name=None):
        global _task_counter
        Future.__init__(self, loop=loop)
        if not iscoroutine(coro):
            raise TypeError("a coroutine was expected, got %r" % (coro,))
        _task_counter += 1
        self._name = str(name) if name is not None else "Task-%d" % _task_counter
        self._coro = coro
        self._fut_waiter = None
        self._must_cancel = False
        self._num_cancels_requested = 0
        self._trace_slot = 0  # the canvas's key for this task (_il.task_state)
        _il.task_state(self, "new")
        self._loop.call_soon(self._step)
        self._loop._tasks.append(self)

    def __repr__(self):
        info = [self._state.lower(), "name=%r" % self._name, "coro=<%s>" % (self._coro.__qualname__
                if hasattr(self._coro, "__qualname__") else "coroutine")]
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append("exception=%r" % (self._exception,))
            else:
                info.append("result=%r" % (self._result,))
        return "<Task %s>" % " ".join(info)

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_coro(self):
        return self._coro

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def cancel(self, msg=None):
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None and self._fut_waiter.cancel(msg):
            return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def _step(self, exc=None):
        if self.done():
            return
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        self._fut_waiter = None
        _current_tasks[self._loop] = self
        _il.task_state(self, "step")
        try:
            if exc is None:
                result = self._coro.send(None)
            else:
                result = self._coro.throw(exc)
        except StopIteration as e:
            if self._must_cancel:
                self._must_cancel = False
                Future.cancel(self, self._cancel_message)
            else:
                Future.set_result(self, e.value)
        except CancelledError as e:
            self._cancel_message = e.args[0] if e.args else None
            Future.cancel(self, self._cancel_message)
        except (KeyboardInterrupt, SystemExit) as e:
            Future.set_exception(self, e)
            raise
        except BaseException as e:
            Future.set_exception(self, e)
        else:
            self._suspend_on(result)
        finally:
            _current_tasks.pop(self._loop, None)
            _il.task_state(self, "end")

    def _suspend_on(self, result):
        blocking = getattr(result, "_asyncio_future_blocking", None)
        if blocking is not None:
            if result._loop is not self._loop:
                self._loop.call_soon(self._step, RuntimeError(
                    "Task %r got Future %r attached to a different loop" % (self, result)))
            elif blocking:
                if result is self:
                    self._loop.call_soon(self._step, RuntimeError("Task cannot await on itself: %r" % self))
                    return
                result._asyncio_future_blocking = False
                result.add_done_callback(self._wakeup)
                self._fut_waiter = result
                if self._must_cancel and self._fut_waiter.cancel(self._cancel_message):
                    self._must_cancel = False
            else:
                self._loop.call_soon(self._step, RuntimeError(
                    "yield was used instead of yield from in task %r with %r" % (self, result)))
        elif result is None:
            self._loop.call_soon(self._step)
        else:
            self._loop.call_soon(self._step, RuntimeError("Task got bad yield: %r" % (result,)))

    def _wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            self._step(exc)
        else:
            self._step()


def ensure_future(coro_or_future, *, loop=None):
    if isinstance(coro_or_future, Future):
        if loop is not None and loop is not coro_or_future._loop:
            raise ValueError("The future belongs to a different loop than the one specified as the loop argument")
        return coro_or_future
    if iscoroutine(coro_or_future):
        if loop is None:
            loop = get_event_loop()
        return loop.create_task(coro_or_future)
    if hasattr(coro_or_future, "__await__"):
        return ensure_future(_wrap_awaitable(coro_or_future), loop=loop)
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


async def _wrap_awaitable(awaitable):
    return await awaitable


def create_task(coro, *, name=None, context=None):
    return get_running_loop().create_task(coro, name=name)


def wrap_future(future, *, loop=None):
    if isinstance(future, Future):
        return future
    if loop is None:
        loop = get_event_loop()
    new = loop.create_future()

    def copy(done):
        if new.done():
            return
        if done.cancelled():
            new.cancel()
        elif done.exception() is not None:
            new.set_exception(done.exception())
        else:
            new.set_result(done.result())

    future.add_done_callback(lambda done: loop.call_soon_threadsafe(copy, done))
    return new


class _Sleep0:
    def __await__(self):
        yield


def _set_result_unless_cancelled(future, result):
    if not future.cancelled():
        future.set_result(result)


async def sleep(delay, result=None):
    if delay <= 0:
        await _Sleep0()
        return result
    loop = get_running_loop()
    future = loop.create_future()
    handle = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        handle.cancel()


# ---- combining awaitables
class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        Future.__init__(self, loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    loop = get_event_loop()
    if not coros_or_futures:
        outer = loop.create_future()
        outer.set_result([])
        return outer
    children = []
    seen = {}
    for arg in coros_or_futures:
        key = id(arg)
        if key in seen:
            fut = seen[key]
        else:
            fut = ensure_future(arg, loop=loop)
            loop = fut._loop
            seen[key] = fut
        children.append(fut)
    outer = _GatheringFuture(children, loop=loop)
    state = {"done": 0}
    total = len(children)

    def on_done(fut):
        state["done"] += 1
        if outer.done():
            if not fut.cancelled():
                fut.exception()
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if state["done"] == total:
            results = []
            for f in children:
                if f.cancelled():
                    res = f._make_cancelled_error()
                else:
                    res = f.exception()
                    if res is None:
                        res = f.result()
                results.append(res)
            if outer._cancel_requested:
                outer.set_exception(CancelledError())
            else:
                outer.set_result(results)

    for fut in set(children):
        fut.add_done_callback(on_done)
    return outer


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isinstance(fs, Future) or iscoroutine(fs):
        raise TypeError("expect a list of futures, not %s" % type(fs).__name__)
    fs = set(fs)
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError("Invalid return_when value: %s" % (return_when,))
    loop = get_running_loop()
    fs = {ensure_future(f, loop=loop) for f in fs}
    waiter = loop.create_future()
    handle = None
    if timeout is not None:
        handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = {"left": len(fs)}

    def on_done(f):
        counter["left"] -= 1
        if (counter["left"] <= 0 or return_when == FIRST_COMPLETED or
                (return_when == FIRST_EXCEPTION and not f.cancelled() and f.exception() is not None)):
            if handle is not None:
                handle.cancel()
            _release_waiter(waiter)

    for f in fs:
        f.add_done_callback(on_done)
    try:
        await waiter
    finally:
        if handle is not None:
            handle.cancel()
        for f in fs:
            f.remove_done_callback(on_done)
    done = {f for f in fs if f.done()}
    return done, fs - done


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    fut = ensure_future(fut, loop=loop)
    if timeout <= 0:
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError:
            raise TimeoutError() from None
    waiter = loop.create_future()
    handle = loop.call_later(timeout, _release_waiter, waiter)

    def release(done):
        _release_waiter(waiter)

    fut.add_done_callback(release)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            fut.remove_done_callback(release)
            await _cancel_and_wait(fut)
            raise
        if fut.done():
            return fut.result()
        fut.remove_done_callback(release)
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError:
            raise TimeoutError() from None
    finally:
        handle.cancel()


async def _cancel_and_wait(fut):
    loop = get_running_loop()
    waiter = loop.create_future()

    def release(done):
        _release_waiter(waiter)

    fut.add_done_callback(release)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(release)


def as_completed(fs, *, timeout=None):
    if isinstance(fs, Future) or iscoroutine(fs):
        raise TypeError("expect an iterable of futures, not %s" % type(fs).__name__)
    loop = get_event_loop()
    todo = []
    for f in fs:
        f = ensure_future(f, loop=loop)
        if f not in todo:
            todo.append(f)
    done = Queue()
    timer = [None]

    def on_timeout():
        for f in todo:
            f.remove_done_callback(on_completion)
            done.put_nowait(None)
        todo.clear()

    def on_completion(f):
        if f not in todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timer[0] is not None:
            timer[0].cancel()

    async def wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(on_completion)
    if todo and timeout is not None:
        timer[0] = loop.call_later(timeout, on_timeout)
    return [wait_for_one() for _ in range(len(todo))]


def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner._loop
    outer = loop.create_future()

    def inner_done(inner):
        if outer.cancelled():
            return
        if inner.cancelled():
            outer.cancel()
        elif inner.exception() is not None:
            outer.set_exception(inner.exception())
        else:
            outer.set_result(inner.result())

    inner.add_done_callback(inner_done)
    return outer


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()
    if kwargs:
        return await loop.run_in_executor(None, lambda: func(*args, **kwargs))
    return await loop.run_in_executor(None, func, *args)


class Timeout:
    def __init__(self, when):
        self._when = when
        self._handle = None
        self._task = None
        self._expired = False

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._when = when
        if when is not None and self._task is not None:
            self._handle = get_running_loop().call_at(when, self._on_timeout)

    def expired(self):
        return self._expired

    async def __aenter__(self):
        self._task = current_task()
        if self._task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._expired and exc_type is CancelledError:
            self._task.uncancel()
            raise TimeoutError from exc
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._expired = True
        self._handle = None


def timeout(delay):
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)


# ---- running a program
def _cancel_all_tasks(loop):
    pending = [t for t in loop._tasks if not t.done()]
    if not pending:
        return
    for task in pending:
        task.cancel()
    loop.run_until_complete(gather(*pending, return_exceptions=True))


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    if not iscoroutine(main):
        raise ValueError("a coroutine was expected, got %r" % (main,))
    loop = new_event_loop()
    try:
        set_event_loop(loop)
        return loop.run_until_complete(main)
    finally:
        try:
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            set_event_loop(None)
            loop.close()


# ---- synchronisation between tasks of one loop
class _Waiters:
    def __init__(self):
        self._waiters = []

    def _wake_first(self):
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(True)
                return True
        return False


class Lock(_Waiters):
    def __init__(self):
        _Waiters.__init__(self)
        self._locked = False

    def __repr__(self):
        extra = "locked" if self._locked else "unlocked"
        if self._waiters:
            extra += ", waiters:%d" % len(self._waiters)
        return "<asyncio.locks.Lock object [%s]>" % extra

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and all(w.cancelled() for w in self._waiters):
            self._locked = True
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_first()
            raise
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("Lock is not acquired.")
        self._locked = False
        self._wake_first()

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Event(_Waiters):
    def __init__(self):
        _Waiters.__init__(self)
        self._value = False

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Semaphore(_Waiters):
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        _Waiters.__init__(self)
        self._value = value

    def locked(self):
        return self._value == 0 or any(not w.cancelled() for w in self._waiters)

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if fut.done() and not fut.cancelled():
                self._value += 1
                self._wake_up_next()
            raise
        if self._value > 0:
            self._wake_up_next()
        return True

    def _wake_up_next(self):
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return

    def release(self):
        self._value += 1
        self._wake_up_next()

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        self._bound_value = value
        Semaphore.__init__(self, value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError("BoundedSemaphore released too many times")
        Semaphore.release(self)


class Condition(_Waiters):
    def __init__(self, lock=None):
        _Waiters.__init__(self)
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release

    async def __aenter__(self):
        await self._lock.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self._lock.release()

    async def wait(self):
        if not self._lock.locked():
            raise RuntimeError("cannot wait on un-acquired lock")
        self._lock.release()
        try:
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            while True:
                try:
                    await self._lock.acquire()
                    break
                except CancelledError:
                    pass

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._lock.locked():
            raise RuntimeError("cannot notify on un-acquired lock")
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


# ---- queues
class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._items = []
        self._getters = []
        self._putters = []
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()

    def __repr__(self):
        return "<%s maxsize=%r qsize=%d>" % (type(self).__name__, self._maxsize, len(self._items))

    def _put(self, item):
        self._items.append(item)

    def _get(self):
        return self._items.pop(0)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                break

    @property
    def maxsize(self):
        return self._maxsize

    def qsize(self):
        return len(self._items)

    def empty(self):
        return not self._items

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            putter = get_running_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except BaseException:
                putter.cancel()
                if putter in self._putters:
                    self._putters.remove(putter)
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            getter = get_running_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except BaseException:
                getter.cancel()
                if getter in self._getters:
                    self._getters.remove(getter)
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class LifoQueue(Queue):
    def _get(self):
        return self._items.pop()


class PriorityQueue(Queue):
    def _put(self, item):
        i = len(self._items)
        while i > 0 and item < self._items[i - 1]:
            i -= 1
        self._items.insert(i, item)


# ---- streams over the in-memory network (socket.py); readiness is looked at every
# millisecond of the run's clock
class IncompleteReadError(EOFError):
    def __init__(self, partial, expected):
        EOFError.__init__(self, "%d bytes read on a total of %r expected bytes" % (len(partial), expected))
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    def __init__(self, message, consumed):
        Exception.__init__(self, message)
        self.consumed = consumed


_EMPTY = "".encode()
_NEWLINE = "\n".encode()


async def _until_readable(sock):
    while not sock._readable():
        await sleep(0.001)


class StreamReader:
    def __init__(self, sock=None, limit=65536):
        self._sock = sock
        self._buffer = _EMPTY
        self._eof = False

    async def _fill(self):
        await _until_readable(self._sock)
        chunk = self._sock.recv(65536)
        if not chunk:
            self._eof = True
        self._buffer += chunk

    def at_eof(self):
        return self._eof and not self._buffer

    async def read(self, n=-1):
        if n == 0:
            return _EMPTY
        if n < 0:
            while not self._eof:
                await self._fill()
            data, self._buffer = self._buffer, _EMPTY
            return data
        if not self._buffer and not self._eof:
            await self._fill()
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    async def readexactly(self, n):
        while len(self._buffer) < n and not self._eof:
            await self._fill()
        if len(self._buffer) < n:
            partial, self._buffer = self._buffer, _EMPTY
            raise IncompleteReadError(partial, n)
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    async def readuntil(self, separator=_NEWLINE):
        while separator not in self._buffer and not self._eof:
            await self._fill()
        i = self._buffer.find(separator)
        if i < 0:
            partial, self._buffer = self._buffer, _EMPTY
            raise IncompleteReadError(partial, None)
        end = i + len(separator)
        data, self._buffer = self._buffer[:end], self._buffer[end:]
        return data

    async def readline(self):
        try:
            return await self.readuntil(_NEWLINE)
        except IncompleteReadError as e:
            return e.partial

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.readline()
        if not line:
            raise StopAsyncIteration
        return line


class StreamWriter:
    def __init__(self, sock):
        self._sock = sock
        self._closing = False

    def write(self, data):
        self._sock.sendall(data)

    def writelines(self, data):
        for d in data:
            self.write(d)

    def can_write_eof(self):
        return True

    def write_eof(self):
        self._sock.shutdown(1)

    async def drain(self):
        await sleep(0)

    def close(self):
        self._closing = True
        self._sock.close()

    def is_closing(self):
        return self._closing

    async def wait_closed(self):
        await sleep(0)

    def get_extra_info(self, name, default=None):
        if name == "peername":
            return self._sock.getpeername()
        if name == "sockname":
            return self._sock.getsockname()
        if name == "socket":
            return self._sock
        return default


async def open_connection(host=None, port=None, *, limit=65536, **kwds):
    import socket
    sock = socket.create_connection((host or "127.0.0.1", port))
    return StreamReader(sock, limit), StreamWriter(sock)


class Server:
    def __init__(self, sock, callback):
        self._sock = sock
        self._callback = callback
        self._task = None
        self._closed = False

    @property
    def sockets(self):
        return [] if self._closed else [self._sock]

    def _start(self):
        if self._task is None:
            self._task = create_task(self._accept_loop())

    async def _accept_loop(self):
        while True:
            await _until_readable(self._sock)
            conn, addr = self._sock.accept()
            result = self._callback(StreamReader(conn), StreamWriter(conn))
            if iscoroutine(result):
                create_task(result)

    def is_serving(self):
        return self._task is not None and not self._closed

    async def start_serving(self):
        self._start()

    async def serve_forever(self):
        self._start()
        try:
            await get_running_loop().create_future()
        finally:
            self.close()

    def close(self):
        if self._closed:
            return
        self._closed = True
        if self._task is not None:
            self._task.cancel()
        self._sock.close()

    async def wait_closed(self):
        await sleep(0)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


async def start_server(client_connected_cb, host=None, port=None, *, limit=65536, start_serving=True, **kwds):
    import socket
    sock = socket.create_server((host or "127.0.0.1", port or 0))
    server = Server(sock, client_connected_cb)
    if start_serving:
        server._start()
    return server
