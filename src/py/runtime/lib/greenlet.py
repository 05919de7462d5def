# greenlet for Interleave: coroutines switched by hand within one thread, as the greenlet
# package (what gevent is built on). The switching itself is the interpreter's (_greenlet):
# a greenlet is a stack of heap frames set aside while another runs.
import _greenlet as _g


class GreenletExit(BaseException):
    pass


class error(Exception):
    pass


_g.classes(GreenletExit, error)


class greenlet:
    def __init__(self, run=None, parent=None):
        if run is not None:
            self.run = run
        if parent is None:
            parent = getcurrent()
        self._handle = _g.new(self, parent._handle)

    def switch(self, *args, **kwargs):
        run = None
        if not _g.info(self._handle, "started"):
            run = getattr(self, "run", None)
            if run is None:
                raise AttributeError("run")
        return _g.switch(self._handle, run, args, kwargs)

    def throw(self, typ=None, val=None, tb=None):
        if typ is None:
            typ = GreenletExit
        if isinstance(typ, BaseException):
            exc = typ
        elif val is None:
            exc = typ()
        elif isinstance(val, BaseException):
            exc = val
        else:
            exc = typ(val)
        return _g.throw(self._handle, exc)

    @property
    def dead(self):
        return _g.info(self._handle, "dead")

    @property
    def parent(self):
        return _g.info(self._handle, "parent")

    @parent.setter
    def parent(self, value):
        if not isinstance(value, greenlet):
            raise TypeError("parent must be a greenlet")
        _g.set_parent(self._handle, value._handle)

    @property
    def gr_frame(self):
        return None

    def __bool__(self):
        return _g.info(self._handle, "started") and not _g.info(self._handle, "dead")

    def __repr__(self):
        state = "dead" if self.dead else ("active" if self else "pending")
        return "<%s.%s object at %s (otid=0x0) %s>" % (type(self).__module__, type(self).__qualname__,
                                                     hex(id(self)), state)


class _MainGreenlet(greenlet):
    def __init__(self):
        self._handle = _g.make_main(self)

    def __repr__(self):
        return "<greenlet.greenlet object at %s (otid=0x0) current active started main>" % hex(id(self))


def getcurrent():
    current = _g.current()
    if current is None:
        current = _MainGreenlet()
    return current
