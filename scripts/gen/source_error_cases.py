#!/usr/bin/env python3
"""Writes tests/py/source_error_cases.inc: programs whose source CPython 3.11 rejects
before running (or that only run thanks to a source rule), with what CPython prints for
the file t.py: stdout + stderr.

Covers TabError, a UTF-8 BOM, non-printable and invalid characters (message and caret),
source that is not UTF-8, null bytes, NFKC-normalized identifiers, the 4300-digit
limit on int literals, and the parser's errors as a learner meets them: where the caret
goes (^ under a token, ^^^ under a range), unclosed brackets, and CPython's hints
("Perhaps you forgot a comma?", "expected ':'", "Missing parentheses in call to 'print'").

Usage: python3 scripts/gen/source_error_cases.py > tests/py/source_error_cases.inc
"""
import os
import subprocess
import sys
import tempfile

CASES = [
    b"if True:\n        x = 1\n\ty = 2\n",
    b"x = 1\nif x:\n\tprint(1)\n        print(2)\n",
    b"if 1:\n    x = 1\n\t\0\0 y = 2\n",  # a null byte outranks the TabError of its line (fuzz_py_compile)
    b"if 1:\n    if 1:\n\tprint(1)\n",
    b"if 1:\n\tif 1:\n\t        print(1)\n\t\tprint(2)\n",
    b"if 1:\n  \tx = 1\n  \ty = 2\n\tprint(x + y)\n",
    b"\xef\xbb\xbfx = 1\nprint(x)\n",
    b"\xef\xbb\xbf\xef\xbb\xbfx = 1\n",
    b"x = 1\n\xef\xbb\xbfy = 2\n",
    "x = 1\ny = 2\u200b\n".encode(),
    "x = 1\u200b\n".encode(),
    b"if 1:\n\tx = 1\n\ty = 2 \xe2\x80\x8b\n",
    "x = 1\nprint(x)\u00a0\n".encode(),
    b"x = 1\nz = \x01\n",
    b"x = 1\nz = \x7f\n",
    b"x = 1\ny = \x0b2\n",
    b"x = 1\ny = \x00\n",
    b"x = 1\nz = $\n",
    b"x = 1 ? 2\n",
    b"x = 1 ! 2\n",
    "x = 1\nz = \u20ac\n".encode(),
    "a\u20acb = 1\n".encode(),
    "print(1)\n  \u00e9t\u00e9 = 3 \u2062\n".encode(),
    "print(1)\n\u00e9t\u00e9 = 3 \u2062\n".encode(),
    b"x = 1\ny = \"a\xff\"\n",
    b"x = 1\n# \xff\n",
    b"x = \"\xc3(\"\n",
    b"x = \"\xed\xa0\x80\"\n",
    b"x = 1\n\n\nx\xe2\x82 = 2\n",
    b"x = '\xf4\x90\x80\x80'\n",
    b"x = '\xc0\xaf'\n",
    "\ufb01 = 1\nprint(fi)\n".encode(),
    "\u212b = 'angstrom'\nprint(\u00c5, A\u030a)\n".encode(),
    "x\u00b2 = 2\nprint(x2)\n".encode(),
    "\uff21\uff22 = 5\nprint(AB)\n".encode(),
    "caf\u0065\u0301 = 1\nprint(caf\u00e9)\n".encode(),
    "\u1100\u1161\u11a8 = 7\nprint(\uac01)\n".encode(),
    "q\u0323\u0307 = 1\nprint(q\u0307\u0323)\n".encode(),
    "\u00b5 = 1\nprint(\u03bc)\n".encode(),
    "\u2160 = 1\nprint(I)\n".encode(),
    b"x = " + b"9" * 4301 + b"\n",
    b"x = " + b"9" * 4300 + b"\nprint(x % 97)\n",
    b"x = 0x" + b"f" * 5000 + b"\nprint(x.bit_length())\n",
    # the parser: carets, unclosed brackets, hints
    b'print(1 2\n',
    b'x = [1, 2\ny = 3\n',
    b'foo(a,\n  b\nz = 1\n',
    b'def f(x):\n    return (x +\n\nprint(f(1))\n',
    b'x = (1 +\n',
    b'if x == 1\n    pass\n',
    b'while True\n  pass\n',
    b'for i in range(3)\n  print(i)\n',
    b'def f()\n  pass\n',
    b'class A\n  pass\n',
    b'x = 1 +\n',
    b'print "hi"\n',
    b'x = 5 y = 6\n',
    b'f(x for x in y, 1)\n',
    b'f(1, x for x in y)\n',
    b'f(x for x in y,)\n',
    b'a = 1\nb = 2 3\n',
    b'x = [1 2 3]\n',
    b'else:\n  pass\n',
    b'print(a b)\n',
    b'x = {1: 2, 3}\n',
    b'x = {1: 2, "a" 3}\n',
    b'x = {1: 2, f(3)}\n',
    b'f(**k, *a)\n',
    b'f(a=1, 2)\n',
    b'f(**k, 2)\n',
    b'def f(a=1, b):\n  pass\n',
    b'x += 1 = 2\n',
    b'1 = x\n',
    b'f() = 1\n',
    b'x = f() = 3\n',
    b'x = a + 1 = 3\n',
    b'x.y() = 1\n',
    b'x y\n',
    b'import a.b as\n',
    b"print('a'\n",
    b'x = = 1\nfoo(\n',
    b'foo(1,\nx = = 2\n',
    b'y = 1\nz = [1, 2,\n  3 4\n',
    b'if True:\n  x = (1,\n  y = 2\n',
    b'print(1 2 3)\n',
    b'f(a, b c)\n',
    b'x = 1 if y\n',
    b'def f(:\n  pass\n',
    b"x = {'a' 1}\n",
    b'a, b = 1, 2 3\n',
    b'x = "abc\n',
    b"x = 'abc",
    b's = """abc\n\nx=1\n',
    b'x = "ab\\\n',
    b'x = "ab\\\ncd\n',
    b'for x in 1 2:\n  pass\n',
    b'import\n',
    b'from x import\n',
    b'x = 1\n    y = 2\n',
    b'if x:\npass\n',
    b'x = [1, 2)\n',
    b'x = [1,\n 2)\n',
    b'x = 1)\n',
    b'f(x "s")\n',
    b'while x = 1:\n  pass\n',
    b'if x = 3:\n  pass\n',
    b'x = f"{}"\n',
    b'x = f"{a b}"\n',
    b'x = f"{!r}"\n',
    b'x = f"a {x!z}"\n',
    b'y = 1\nx = (f"{1}"\n   f"{ }")\n',
    b'if x:\n    y = 1\n  z = 2\n',
    b'def f(x):\n    print(x\n    return x\n',
]


def run(src):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "t.py")
        with open(path, "wb") as f:
            f.write(src)
        p = subprocess.run([sys.executable, "t.py"], cwd=d, capture_output=True)
        return (p.stdout + p.stderr).replace(path.encode(), b"t.py")


def c_bytes(b):
    out = []
    for ch in b:
        if ch == 0x22 or ch == 0x5C:
            out.append("\\" + chr(ch))
        elif ch == 0x0A:
            out.append("\\n")
        elif 0x20 <= ch < 0x7F:
            out.append(chr(ch))
        else:
            out.append('\\x%02x""' % ch)  # "" ends the escape before a following hex digit
    return '"' + "".join(out) + '"'


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("run this with CPython 3.11")
    print(f"// Generated by scripts/gen/source_error_cases.py with CPython {sys.version.split()[0]}. Do not edit.")
    print("// {source of t.py, what `python3 t.py` prints (stdout then stderr)}")
    print("const SourceCase kSourceCases[] = {")
    for src in CASES:
        print(f"    {{std::string({c_bytes(src)}, {len(src)}), {c_bytes(run(src))}}},")
    print("};")


if __name__ == "__main__":
    main()
