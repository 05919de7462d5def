# atexit: functions run when the program ends (after its non-daemon threads), last registered
# first; an exception in one is printed and the others still run, as in CPython.
import sys
import threading
import _traceback

_funcs = []


def register(func, *args, **kwargs):
    _funcs.append((func, args, kwargs))
    return func


def unregister(func):
    _funcs[:] = [entry for entry in _funcs if entry[0] != func]


def _clear():
    del _funcs[:]


def _ncallbacks():
    return len(_funcs)


def _run_exitfuncs():
    while _funcs:
        func, args, kwargs = _funcs.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            sys.stderr.write("Exception ignored in atexit callback: " + repr(func) + "\n")
            sys.stderr.write(_traceback.format_exception(e))


threading._late_atexits.append(_run_exitfuncs)
