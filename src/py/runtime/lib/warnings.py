# warnings: warn() prints "file:line: Category: message" and the source line to stderr once
# per place, with CPython's default filters (DeprecationWarning shown only when triggered
# by __main__'s code); filters, simplefilter, catch_warnings(record=True).
import sys
import _traceback


class WarningMessage:
    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source

    def __str__(self):
        return "{message : %r, category : %r, filename : %r, lineno : %s, line : %r}" % (
            self.message, self.category.__name__, self.filename, self.lineno, self.line)


filters = []
_defaults = [("default", None, DeprecationWarning, "__main__", 0), ("ignore", None, DeprecationWarning, None, 0),
             ("ignore", None, PendingDeprecationWarning, None, 0), ("ignore", None, ImportWarning, None, 0),
             ("ignore", None, ResourceWarning, None, 0)]
_onceregistry = {}
_shown = {}
_ACTIONS = ("error", "ignore", "always", "default", "module", "once")


def _check_action(action):
    if action not in _ACTIONS:
        raise ValueError("invalid action: %r" % (action,))


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    _check_action(action)
    entry = (action, message.lower() or None, category, module or None, lineno)
    _add(entry, append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    _check_action(action)
    _add((action, None, category, None, lineno), append)


def _add(entry, append):
    if entry in filters:
        filters.remove(entry)
    if append:
        filters.append(entry)
    else:
        filters.insert(0, entry)
    _shown.clear()


def resetwarnings():
    del filters[:]
    _shown.clear()


def _action_for(text, category, module, lineno):
    for action, msg, cat, mod, ln in filters + _defaults:
        if msg is not None and not text.lower().startswith(msg):
            continue
        if not issubclass(category, cat):
            continue
        if mod is not None and mod != module:
            continue
        if ln and ln != lineno:
            continue
        return action
    return "default"


def formatwarning(message, category, filename, lineno, line=None):
    s = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line:
        s += "  %s\n" % line.strip()
    return s


def _showwarnmsg_impl(msg):
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    (msg.file or sys.stderr).write(text)


def _showwarnmsg(msg):
    # A program may replace showwarning (as CPython allows): then it is called instead.
    if showwarning is not _showwarning_orig:
        showwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


def showwarning(message, category, filename, lineno, file=None, line=None):
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


_showwarning_orig = showwarning


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = type(message)
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'" % type(category).__name__)
    rows = _traceback.stack()[:-1]
    if stacklevel > len(rows):
        filename, lineno, func, line, module = "sys", 1, "", "", "sys"
    else:
        filename, lineno, func, line = rows[-stacklevel]
        module = "__main__" if filename == _main_file() else filename.split("/")[-1][:-3]
    warn_explicit(message, category, filename, lineno, module, None, None, None, line)


def _main_file():
    main = sys.modules.get("__main__")
    return getattr(main, "__file__", None)


def warn_explicit(message, category, filename, lineno, module=None, registry=None, module_globals=None,
                  source=None, line=None):
    text = str(message)
    if module is None:
        module = filename[:-3] if filename.endswith(".py") else filename
    action = _action_for(text, category, module, lineno)
    if action == "error":
        raise message if isinstance(message, Warning) else category(message)
    if action == "ignore":
        return
    key = (text, category, lineno) if action == "default" else (text, category)
    if action == "module":
        key = (text, category, module)
    if action != "always":
        if key in _shown:
            return
        _shown[key] = True
    if not isinstance(message, Warning):
        message = category(message)
    msg = WarningMessage(message, category, filename, lineno, None, line)
    if _recording is not None:
        _recording.append(msg)
    else:
        _showwarnmsg(msg)


_recording = None


class catch_warnings:
    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._action = (action, category, lineno, append)

    def __enter__(self):
        global _recording
        self._saved = (filters[:], dict(_shown), _recording)
        _shown.clear()
        if self._action[0] is not None:
            simplefilter(*self._action)
        if self._record:
            _recording = []
            return _recording
        return None

    def __exit__(self, *exc):
        global _recording
        saved_filters, shown, _recording = self._saved
        filters[:] = saved_filters
        _shown.clear()
        _shown.update(shown)
        return False
