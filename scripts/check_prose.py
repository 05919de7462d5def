#!/usr/bin/env python3
"""Checks the "predict, then see" markers of every lesson's prose (docs/lesson-format.md).

    python3 scripts/check_prose.py [LESSONS_DIR]

In each zh.md and en.md, the marker lines `<!-- predict -->`, `<!-- answer -->` and
`<!-- /answer -->` appear at most once each, in that order, each alone on its line, with
text between them; a marker-like comment that is not exactly one of them is an error; zh.md
and en.md of a lesson use the same markers; a file with a prediction heading ("先猜", "Predict")
marks it. Exit status 0 when all are well formed, 1 with
one line per problem. Python 3.11 standard library only.
"""
import os
import re
import sys

ORDER = ["predict", "answer", "/answer"]
MARKER = re.compile(r"^<!--\s*(predict|answer|/answer)\s*-->$")
LOOSE = re.compile(r"<!--\s*/?\s*(predict|answer)", re.IGNORECASE)


def markers(path):
    """The file's markers in order, and its problems."""
    found, problems, text_since = [], [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        m = MARKER.match(line.strip())
        if m:
            if found and not "".join(text_since).strip():
                problems.append("%s:%d: nothing between <!-- %s --> and <!-- %s -->" % (path, n, found[-1], m.group(1)))
            found.append(m.group(1))
            text_since = []
        elif LOOSE.search(line):
            problems.append("%s:%d: not a marker line (write <!-- predict -->, <!-- answer --> or "
                            "<!-- /answer --> alone on a line): %s" % (path, n, line.strip()))
        else:
            text_since.append(line)
    asks = any(re.match(r"^#+\s*(先猜|Predict)", line.strip()) for line in lines)
    if asks and "answer" not in found:
        problems.append("%s: a prediction heading without <!-- predict --> / <!-- answer --> markers" % path)
    if found and found != [m for m in ORDER if m in found]:
        problems.append("%s: markers %s out of order or repeated (valid order: %s)" % (path, found, ORDER))
    if "/answer" in found and "answer" not in found:
        problems.append("%s: <!-- /answer --> without <!-- answer -->" % path)
    if "answer" in found and "predict" not in found:
        problems.append("%s: <!-- answer --> without <!-- predict -->" % path)
    return found, problems


def main(argv):
    root = argv[0] if argv else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lessons")
    problems, marked = [], 0
    for lesson in sorted(os.listdir(root)):
        if not os.path.exists(os.path.join(root, lesson, "lesson.toml")):
            continue
        got = {}
        for lang in ("zh", "en"):
            path = os.path.join(root, lesson, lang + ".md")
            if os.path.exists(path):
                got[lang], p = markers(path)
                problems += p
        if len(got) == 2 and got["zh"] != got["en"]:
            problems.append("%s: zh.md marks %s but en.md marks %s" % (lesson, got["zh"], got["en"]))
        marked += any(got.values())
    for p in problems:
        print(p)
    print("%d lessons with a marked prediction, %d problems" % (marked, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
