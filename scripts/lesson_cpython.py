#!/usr/bin/env python3
"""Run an Interleave lesson under CPython and evaluate its checks.

    python3 scripts/lesson_cpython.py <lesson-id|all> [--lang zh|en] [--set name=value]... [--timeout S]
                                      [--fast] [--cases] [--python PATH]

Loads lessons/<id>/lesson.toml, reads the parameters through the native CLI's `params`
command (the one implementation of --set, ranges and default_when; build/native-release or
build/native, or $INTERLEAVE_CLI), applies them (see docs/lesson-format.md), rewrites the parameters' top-level literal assignments in
main.py, runs the program with this Python in a subprocess, collects the result
globals through a side channel (a temporary file, so the program's stdout stays
clean), measures virtual_time_s as the wall time of the run and has every check judged by
the native CLI's `judge` command (the evaluator of Interleave's own runs,
src/lesson/checks.cpp) with mode = "cpython". Checks that need values only Interleave's runner
measures (run.* other than virtual_time_s / wall_time_s / exit_code), or whose
`when` names the det mode, are reported "n/a on CPython".

--lang picks a listing: zh (main.py, the Chinese program) or en (main.en.py, the English one;
main.py when the lesson has no main.en.py). Without it, both listings of a lesson that has two.

--cases also runs each of the lesson's [[cases]] parameter sets (as `interleave check` does).

The program runs with this Python unless it imports a module this Python lacks (greenlet,
gevent): then with the first of FALLBACK_PYTHONS (Debian's python3, which has
python3-greenlet and python3-gevent) that has them all; --python PATH picks one explicitly.

--fast scales every parameter whose name ends in _s or _ms, and float lists named
`durations` (seconds too), by 0.05 (a quick run).
Exit status: 0 all applicable checks pass, 1 a check failed or the run broke, 2 bad usage.
Python 3.11 standard library only.
"""
import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = os.path.join(ROOT, "lessons")
CPYTHON_RUN = {"run.virtual_time_s": "virtual_time_s", "run.wall_time_s": "wall_time_s",
               "run.exit_code": "exit_code"}
FAST = 0.05
FALLBACK_PYTHONS = ("/usr/bin/python3",)


class UsageError(Exception):
    pass


def program_file(lesson_id, lang):
    """The listing of `lang`, as the C++ loader picks it (src/lesson/lesson.h, program_file)."""
    if lang == "en" and os.path.exists(os.path.join(LESSONS, lesson_id, "main.en.py")):
        return "main.en.py"
    return "main.py"


def langs(lesson_id, lang):
    """The listings to run: the one --lang names, else zh and (if the lesson has main.en.py) en."""
    if lang:
        return [lang]
    return ["zh", "en"] if program_file(lesson_id, "en") == "main.en.py" else ["zh"]


def load(lesson_id, lang="zh"):
    path = os.path.join(LESSONS, lesson_id, "lesson.toml")
    if not os.path.exists(path):
        raise UsageError("no lesson %r (known: %s)" % (lesson_id, ", ".join(all_ids())))
    with open(path, "rb") as f:
        meta = tomllib.load(f)
    with open(os.path.join(LESSONS, lesson_id, program_file(lesson_id, lang)), encoding="utf-8") as f:
        source = f.read()
    return meta, source


def all_ids():
    ids = []
    for name in os.listdir(LESSONS) if os.path.isdir(LESSONS) else []:
        p = os.path.join(LESSONS, name, "lesson.toml")
        if os.path.exists(p):
            with open(p, "rb") as f:
                m = tomllib.load(f)
            ids.append((m.get("part", 9), m.get("order", 99), name))
    return [i[2] for i in sorted(ids)]


def interleave_cli():
    """The native CLI, whose `params` command is the one reading of --set (src/lesson/params.cpp)."""
    explicit = os.environ.get("INTERLEAVE_CLI")
    candidates = [explicit] if explicit else [os.path.join(ROOT, "build", p, "interleave")
                                              for p in ("native-release", "native")]
    for path in candidates:
        if path and os.access(path, os.X_OK):
            return path
    raise UsageError("parameters are read by the native CLI, and none is built (tried %s); build it with "
                     "bash -c 'source scripts/lib.sh; build_preset native', or set INTERLEAVE_CLI"
                     % ", ".join(candidates))


def resolve_params(lesson_id, lang, meta, sets, fast):
    """The values a run starts from: `interleave params` parses --set, checks ranges and applies
    default_when, exactly as a run does; then --fast shortens the times."""
    args = [interleave_cli(), "params", lesson_id, "--lang", lang]
    for item in sets:
        args += ["--set", item]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(done.stderr.strip().removeprefix("interleave: params: "))
    got = json.loads(done.stdout)
    values = {p["name"]: got[p["name"]] for p in meta.get("params", [])}   # in declaration order
    if fast:
        shorten(meta.get("params", []), values)
    return values


def set_text(value):
    """A value as `--set` writes it (src/lesson/params.cpp param_value_text reads it back)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(repr(v) for v in value)
    return value if isinstance(value, str) else repr(value)


def as_json(value):
    """A result as `interleave judge` reads it: a tuple is {"$tuple": [...]} (lesson/checks.h)."""
    if isinstance(value, tuple):
        return {"$tuple": [as_json(v) for v in value]}
    if isinstance(value, (list, set, frozenset)):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    return value


def judge(lesson_id, lang, meta, values, facts, got):
    """The lesson's checks judged by `interleave judge`: the evaluator Interleave's own runs use
    (src/lesson/checks.cpp), over this CPython run's facts and results."""
    args = [interleave_cli(), "judge", lesson_id, "--lang", lang]
    params = {p["name"]: set_text(values[p["name"]]) for p in meta.get("params", [])}
    stdin = json.dumps({"params": params, "facts": facts, "results": {k: as_json(v) for k, v in got.items()}})
    done = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(done.stderr.strip().removeprefix("interleave: judge: "))
    return json.loads(done.stdout)


def shorten(params, values):
    for p in params:
        n = p["name"]
        if (n.endswith("_s") or n.endswith("_ms")) and p["type"] in ("int", "float"):
            v = values[n] * FAST
            if p["type"] == "int":
                v = max(int(round(v)), p.get("min", 0) if p.get("min", 0) > 0 else 0)
                if v == 0 and values[n] > 0:
                    v = 1
            values[n] = v
        elif (n.endswith("_s") or n.endswith("_ms") or n == "durations") and p["type"] == "float_list":
            values[n] = [x * FAST for x in values[n]]


def rewrite(source, values, literal_params):
    """Replace the literal of each parameter's top-level assignment."""
    tree = ast.parse(source)
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in values:
                try:
                    ast.literal_eval(node.value)
                except ValueError:
                    raise UsageError("parameter %s is not assigned a literal at line %d" % (name, node.lineno))
                if name in found:
                    raise UsageError("parameter %s is assigned twice at top level" % name)
                found[name] = node.value
    missing = [n for n in values if n not in found]
    if missing:
        raise UsageError("main.py has no top-level literal assignment for: %s" % ", ".join(missing))
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    data = source.encode("utf-8")
    edits = []
    for name, node in found.items():
        a = offsets[node.lineno - 1] + node.col_offset
        b = offsets[node.end_lineno - 1] + node.end_col_offset
        v = values[name]
        text = v if literal_params.get(name) else repr(v)
        edits.append((a, b, text.encode("utf-8")))
    for a, b, text in sorted(edits, reverse=True):
        data = data[:a] + text + data[b:]
    return data.decode("utf-8")


# Joined onto line 1 (a comment). The results hook is registered here, before the program
# imports anything, so that it runs last at exit (atexit is last in, first out): after
# multiprocessing's exit handler has terminated daemonic children and joined the others.
PROLOGUE = ("import time as _il_time; _il_t0 = _il_time.time(); _il_c0 = _il_time.process_time(); "
            "import atexit as _il_atexit; __name__ == '__main__' and _il_atexit.register("
            "lambda: globals().get('_interleave_results', lambda: None)()); ")

EPILOGUE = '''

if __name__ == "__main__":
    def _interleave_results():
        # runs at exit, after every non-daemon thread (and, when PROLOGUE registered it, every
        # non-daemon child process) has ended
        import os as _os
        _out = {"_elapsed": repr(_il_time.time() - _il_t0),
                "_cpu": repr(_il_time.process_time() - _il_c0)} if "_il_t0" in globals() else {}
        _g = globals()
        for _n in %r:
            if _n in _g:
                _out[_n] = repr(_g[_n])
        with open(_os.environ["INTERLEAVE_RESULTS"], "w", encoding="utf-8") as _f:
            _f.write(repr(_out))
    if "_il_atexit" not in globals():   # no PROLOGUE (the program does not start with a comment)
        import atexit as _il_atexit
        _il_atexit.register(_interleave_results)
'''


def names_in(expr):
    return {n.id for n in ast.walk(ast.parse(expr, mode="eval")) if isinstance(n, ast.Name)}


def imported_modules(source):
    """The top-level names of the modules a program imports (absolute imports only)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return sorted(names)


def missing_modules(python, modules):
    """The modules of `modules` that `python` cannot find."""
    code = "import importlib.util, sys; print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))"
    out = subprocess.run([python, "-c", code, *modules], capture_output=True, text=True, check=True).stdout
    return out.split()


def choose_python(source, explicit=None):
    """The Python to run a lesson with: `explicit`, else this one if it has every module the
    program imports, else the first of FALLBACK_PYTHONS that has them."""
    if explicit:
        return explicit
    missing = missing_modules(sys.executable, imported_modules(source))
    if not missing:
        return sys.executable
    for python in FALLBACK_PYTHONS:
        if os.path.exists(python) and not missing_modules(python, missing):
            return python
    raise UsageError("no Python here has %s (tried %s and %s); pass --python PATH"
                     % (", ".join(missing), sys.executable, ", ".join(FALLBACK_PYTHONS)))


def run_lesson(lesson_id, sets, timeout, fast, quiet=False, python=None, lang="zh"):
    meta, source = load(lesson_id, lang)
    python = choose_python(source, python)
    values = resolve_params(lesson_id, lang, meta, sets, fast)
    literal_params = {p["name"]: p["type"] == "literal" for p in meta.get("params", [])}
    program = rewrite(source, values, literal_params)
    results = meta.get("results", [])
    global_names = [r["name"] for r in results if "source" not in r]
    if program.startswith("#"):
        program = PROLOGUE + program   # keeps line numbers; the time excludes interpreter start-up
    program += EPILOGUE % (global_names,)
    with tempfile.TemporaryDirectory() as tmp:
        prog_path = os.path.join(tmp, program_file(lesson_id, lang))
        res_path = os.path.join(tmp, "results.txt")
        with open(prog_path, "w", encoding="utf-8") as f:
            f.write(program)
        env = dict(os.environ, INTERLEAVE_RESULTS=res_path, PYTHONUNBUFFERED="1")
        t0 = time.perf_counter()
        timed_out = False
        proc = subprocess.Popen([python, prog_path], cwd=tmp, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, 9)
            out, err = proc.communicate()
        wall = time.perf_counter() - t0
        cpu = None
        got = {}
        if os.path.exists(res_path):
            with open(res_path, encoding="utf-8") as f:
                raw = ast.literal_eval(f.read())
            if "_elapsed" in raw:
                wall = float(raw.pop("_elapsed"))
                cpu = float(raw.pop("_cpu"))
            for k, v in raw.items():
                try:
                    got[k] = ast.literal_eval(v)
                except (ValueError, SyntaxError):
                    got[k] = v
    out, err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    if not quiet:
        print("=== %s %s  %s" % (lesson_id, program_file(lesson_id, lang), " ".join("%s=%r" % kv for kv in values.items())))
        if python != sys.executable:
            print("(run with %s)" % python)
        sys.stdout.write(out)
        if err.strip():
            sys.stdout.write("--- stderr\n" + err)
    run_seed = meta.get("run", {}).get("seed", 1)
    vtime = wall
    if meta.get("cpython", {}).get("time") == "cpu" and cpu is not None:
        vtime = cpu   # CPU-bound lesson: the GIL serialises it, so its CPU time is its time on an idle machine
    facts = dict(mode="cpython", seed=run_seed, default_seed=run_seed, switch_points="cpython",
                 virtual_time_s=vtime, wall_time_s=wall, exit_code=None if timed_out else proc.returncode)
    rows = []
    for r in results:
        src = r.get("source")
        if src is None:
            rows.append((r["name"], repr(got[r["name"]]) if r["name"] in got else "(not set)"))
        elif src in CPYTHON_RUN:
            v = facts[CPYTHON_RUN[src]]
            rows.append((r["name"], "%.3f" % v if isinstance(v, float) else repr(v)))
        else:
            rows.append((r["name"], "n/a on CPython (%s)" % src))
    status = "timed out (deadlock?)" if timed_out else "exit code %s" % proc.returncode
    rows.append(("(run)", "%.3f s wall time%s on CPython, %s" % (
        wall, "" if cpu is None else ", %.3f s CPU time" % cpu, status)))
    if vtime is not wall:
        rows.append(("(time)", "virtual_time_s is the CPU time ([cpython] time = \"cpu\")"))
    checks = []
    failed = 0
    expects_deadlock = False
    mode_names = {"run_mode"} if "mode" in values else {"run_mode", "mode"}
    by_name = {c["name"]: c for c in meta.get("checks", [])}
    for j in judge(lesson_id, lang, meta, values, facts, got):
        c = by_name[j["name"]]
        if j["verdict"] == "pass":
            verdict = "pass"
        elif j["verdict"] == "fail":
            verdict = "FAIL"
        elif j["verdict"] == "error":
            verdict = "FAIL (%s)" % j["detail"]
        elif j["detail"] == "when is false" and not (names_in(c["when"]) & mode_names):
            verdict = "skipped (when is false)"
        else:
            verdict = "n/a on CPython"
        if j["detail"] != "when is false" and "deadlocked" in names_in(c["expect"]) \
                and not c["expect"].lstrip().startswith("not"):
            expects_deadlock = True   # a hang under CPython is then the expected outcome
        if verdict.startswith("FAIL"):
            failed += 1
        checks.append((c["name"], verdict, c["expect"]))
    if not quiet:
        print("--- results")
        for name, v in rows:
            print("  %-24s %s" % (name, v))
        print("--- checks")
        for name, v, expr in checks:
            print("  %-24s %-16s %s" % (name, v, expr))
    broken = (timed_out and not expects_deadlock) or (not timed_out and proc.returncode != 0)
    return failed, checks, timed_out, broken, values


def case_sets(case):
    """A [[cases]] entry's `set` table as --set items (lists written 1,2,3, booleans true|false)."""
    def text(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list):
            return ",".join(text(x) for x in v)
        return str(v)
    return ["%s=%s" % (k, text(v)) for k, v in case["set"].items()]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lesson")
    ap.add_argument("--lang", choices=["zh", "en"], default=None,
                    help="the listing: zh (main.py) or en (main.en.py); default: both")
    ap.add_argument("--set", action="append", default=[], metavar="name=value")
    ap.add_argument("--timeout", type=float, default=None, help="seconds (default 60, 10 with --fast)")
    ap.add_argument("--fast", action="store_true", help="scale *_s, *_ms and durations parameters by 0.05")
    ap.add_argument("--cases", action="store_true", help="also run the lesson's [[cases]] parameter sets")
    ap.add_argument("--python", default=None, metavar="PATH",
                    help="the Python to run lessons with (default: this one, or Debian's when it lacks an imported module)")
    a = ap.parse_args(argv)
    timeout = a.timeout if a.timeout is not None else (10.0 if a.fast else 60.0)
    try:
        ids = all_ids() if a.lesson == "all" else [a.lesson]
        if a.lesson == "all" and a.set:
            raise UsageError("--set needs a single lesson id")
        summary = []
        bad = 0
        runs = []
        for lid in ids:
            for lang in langs(lid, a.lang):
                name = "%s [%s]" % (lid, lang) if len(langs(lid, None)) > 1 else lid
                runs.append((lid, name, a.set, lang))
                if a.cases:
                    runs += [(lid, "%s (case %s)" % (name, c["name"]), case_sets(c), lang)
                             for c in load(lid)[0].get("cases", [])]
        for lid, label, sets, lang in runs:
            failed, checks, timed_out, broken, _ = run_lesson(lid, sets, timeout, a.fast, python=a.python, lang=lang)
            counts = {}
            for _, v, _ in checks:
                k = "fail" if v.startswith("FAIL") else v.split(" ")[0]
                counts[k] = counts.get(k, 0) + 1
            note = (" timed out (deadlock?)" + (", unexpected" if broken else ", expected: the lesson deadlocks")) \
                if timed_out else (" program exited non-zero" if broken else "")
            summary.append("%-28s %s%s" % (label, ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items())), note))
            if failed or broken:
                bad += 1
            print()
        if True:
            print("=== summary")
            for s in summary:
                print("  " + s)
        return 1 if bad else 0
    except UsageError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
