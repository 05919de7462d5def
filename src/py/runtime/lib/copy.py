# copy: shallow and deep copies, with __copy__ / __deepcopy__(memo) hooks.

class Error(Exception):
    pass

error = Error

_ATOMIC = (type(None), int, float, bool, str, bytes, range, type, type(len), type(lambda: None))


def _is_atomic(x):
    return isinstance(x, _ATOMIC) or x is NotImplemented or x is Ellipsis


def _new_like(x):
    cls = type(x)
    if cls.__module__ == "builtins" and not isinstance(x, BaseException):
        raise TypeError(f"cannot pickle '{cls.__name__}' object")
    y = object.__new__(cls)
    if isinstance(x, BaseException):
        y.args = x.args
    return y


def copy(x):
    if _is_atomic(x) or isinstance(x, (tuple, frozenset)):
        return x
    if isinstance(x, list):
        return list(x)
    if isinstance(x, dict):
        return dict(x)
    if isinstance(x, set):
        return set(x)
    if isinstance(x, bytearray):
        return bytearray(x)
    hook = getattr(type(x), "__copy__", None)
    if hook is not None:
        return hook(x)
    y = _new_like(x)
    y.__dict__.update(x.__dict__)
    return y


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    if _is_atomic(x):
        return x
    if isinstance(x, list):
        y = []
        memo[d] = y
        _keep_alive(x, memo)
        for a in x:
            y.append(deepcopy(a, memo))
        return y
    if isinstance(x, tuple):
        items = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        for a, b in zip(x, items):
            if a is not b:
                y = tuple(items)
                break
        else:
            y = x
        memo[d] = y
        _keep_alive(x, memo)
        return y
    if isinstance(x, dict):
        y = {}
        memo[d] = y
        _keep_alive(x, memo)
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
        return y
    if isinstance(x, (set, frozenset)):
        items = [deepcopy(a, memo) for a in x]
        y = set(items) if isinstance(x, set) else frozenset(items)
        memo[d] = y
        _keep_alive(x, memo)
        return y
    if isinstance(x, bytearray):
        y = bytearray(x)
        memo[d] = y
        return y
    hook = getattr(type(x), "__deepcopy__", None)
    if hook is not None:
        y = hook(x, memo)
    else:
        y = _new_like(x)
        memo[d] = y
        _keep_alive(x, memo)
        state = deepcopy(x.__dict__, memo)
        y.__dict__.update(state)
        return y
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    # the originals stay referenced while the memo lives, so their ids stay unique
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
