# traceback: the text CPython prints for an exception, for programs that log or keep it
# (print_exc in a worker thread, format_exc into a result). Stack walking beyond the
# current frames' names and lines (frame objects, locals) is not supported.
import sys
import _traceback


def _exception(exc, value):
    # The 3.10+ form takes the exception; the old one (type, value, tb) its value.
    if value is not None or isinstance(exc, type):
        return value
    return exc


def format_exception(exc, value=None, tb=None, limit=None, chain=True):
    exc = _exception(exc, value)
    if exc is None:
        return ["NoneType: None\n"]
    return _traceback.format_exception(exc).splitlines(True)


def format_exception_only(exc, value=None):
    exc = _exception(exc, value)
    if exc is None:
        return ["NoneType: None\n"]
    text = str(exc)
    name = type(exc).__name__
    return [name + (": " + text if text else "") + "\n"]


def format_exc(limit=None, chain=True):
    return "".join(format_exception(sys.exception(), limit=limit, chain=chain))


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    text = "".join(format_exception(exc, value, tb, limit, chain))
    print(text, end="", file=sys.stderr if file is None else file)


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exception(), limit=limit, file=file, chain=chain)


def _format_rows(rows, limit):
    if limit is not None:
        rows = rows[-limit:] if limit >= 0 else rows[:-limit]
    out = []
    for fn, line, name, src in rows:
        text = '  File "' + fn + '", line ' + str(line) + ", in " + name + "\n"
        out.append(text + ("    " + src + "\n" if src else ""))
    return out


def format_stack(f=None, limit=None):
    return _format_rows(_traceback.stack()[:-1], limit)


def print_stack(f=None, limit=None, file=None):
    text = "".join(_format_rows(_traceback.stack()[:-1], limit))
    print(text, end="", file=sys.stderr if file is None else file)
