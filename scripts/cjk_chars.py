#!/usr/bin/env python3
"""Writes every CJK character the canvas may draw (the lessons' labels and check texts in
lesson.toml, what their Chinese listings print into the lanes, and the canvas's own words in
each SOURCE, such as src/ui/ui_text.cpp) to OUT, for pyftsubset: the page ships only the
glyphs it needs.
usage: cjk_chars.py LESSONS_DIR OUT [SOURCE...]"""
import pathlib
import sys

lessons, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
extra = [pathlib.Path(p) for p in sys.argv[3:]]
chars = set()
for source in sorted(lessons.glob("*/lesson.toml")) + sorted(lessons.glob("*/main*.py")) + extra:
    chars.update(c for c in source.read_text(encoding="utf-8") if ord(c) >= 0x2E80)
chars.update("…，。：；（）")  # punctuation the views join texts with
out.write_text("".join(sorted(chars)), encoding="utf-8")
