# logging as threading tutorials use it: basicConfig with %(threadName)s, loggers in a
# hierarchy, handlers to a StringIO, {-style formats, exceptions, filters, disable.
import logging, threading, sys, io
logging.basicConfig(level=logging.DEBUG, format="(%(threadName)-10s) %(levelname)s %(name)s: %(message)s", stream=sys.stdout)
def worker(n):
    logging.debug("starting %d", n)
    log = logging.getLogger("app.worker")
    log.info("working on %s", n)
    logging.debug("done")
ts = [threading.Thread(target=worker, args=(i,), name=f"w{i}") for i in range(2)]
for t in ts:
    t.start(); t.join()
logging.warning("careful")
buf = io.StringIO()
h = logging.StreamHandler(buf)
h.setFormatter(logging.Formatter("{levelname}|{name}|{message}|{funcName}|{lineno}", style="{"))
lg = logging.getLogger("app")
lg.addHandler(h)
lg.propagate = False
lg.error("to the buffer %s", "x")
logging.getLogger("app.sub").warning("child goes to parent")
print(repr(buf.getvalue()))
try:
    1 / 0
except ZeroDivisionError:
    lg.exception("failed")
print(buf.getvalue().splitlines()[-1])
print(logging.getLevelName(20), logging.getLevelName("ERROR"), logging.getLevelName(5))
print(logging.getLogger("app.sub").parent.name, logging.getLogger().name, logging.getLogger("x").getEffectiveLevel())
print(lg, logging.root)
rec = logging.LogRecord("n", logging.INFO, "/a/b/mod.py", 7, "v=%(v)s", ({"v": 3},), None)
print(rec.getMessage(), rec.filename, rec.module, rec.levelname)
flt = logging.getLogger("app.sub")
flt.addFilter(lambda r: "secret" not in r.getMessage())
flt.warning("secret stuff")
flt.warning("public stuff")
print(buf.getvalue().splitlines()[-1])
try:
    logging.Formatter("%(nope)s").format(rec)
except ValueError as e:
    print("ValueError:", e)
logging.disable(logging.ERROR)
lg.error("disabled")
logging.disable(logging.NOTSET)
lg.critical("enabled %d%%", 100)
print(buf.getvalue().splitlines()[-1])
