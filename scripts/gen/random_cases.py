#!/usr/bin/env python3
"""Writes tests/py/random_cases.inc: what CPython 3.11's random module gives for many seeds
and every function, for tests/py/test_py_random.cpp to compare with our random.

Tables:
  kRandomCases    {seed, expression over a Random `r` seeded with it, repr of the result or
                   "ExcType: message"}; each expression runs on a fresh Random(seed).
  kMtCases        {32-bit key words, the first generator outputs} for Mt19937 itself
                   (seeding an int seeds with its absolute value's words).
  kSha512Cases    {text, hex digest} for the SHA-512 that str seeds use.
  kRandomPrograms {program, its stdout}: the module functions and subclasses.

Usage: python3 scripts/gen/random_cases.py > tests/py/random_cases.inc
"""
import contextlib
import hashlib
import io
import random
import sys

assert sys.version_info[:2] == (3, 11), sys.version

SEEDS = ["0", "1", "42", "12345", "-1", "-42", "2**31 - 1", "2**32", "2**32 + 1", "2**63 - 1",
         "2**64 + 12345", "-(2**64 + 12345)", "3**100", "2**200 - 1", "10**60 + 7", "True",
         "0.0", "1.5", "-2.25", "1e300", "0.1", "7.0", "''", "'hello'", "'h\u00e9llo \u2713'",
         "'x' * 111", "'y' * 112", "'z' * 300"]

EXPRESSIONS = [
    "[r.random() for _ in range(4)]",
    "[r.getrandbits(k) for k in (0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 200)]",
    "[r.randint(1, 6) for _ in range(12)]",
    "[r.randint(-10**20, 10**20) for _ in range(3)]",
    "[r.randrange(10) for _ in range(8)]",
    "[r.randrange(5, 17) for _ in range(6)]",
    "[r.randrange(0, 100, 7) for _ in range(6)]",
    "[r.randrange(100, 0, -3) for _ in range(6)]",
    "[r.randrange(-50, -5, 5) for _ in range(4)]",
    "[r.randrange(2**70) for _ in range(3)]",
    "r.randrange(1)",
    "[r.choice('abcdefgh') for _ in range(8)]",
    "[r.choice(range(1000)) for _ in range(4)]",
    "[r.choice([None, 1.5, 'x', (1, 2)]) for _ in range(5)]",
    "(lambda l: (r.shuffle(l), l)[1])(list(range(20)))",
    "(lambda l: (r.shuffle(l), l)[1])(list('ab'))",
    "(lambda l: (r.shuffle(l), l)[1])([])",
    "r.sample(range(10), 10)",
    "r.sample(range(100), 5)",
    "r.sample(range(10**6), 8)",
    "r.sample(list('abcdefghijklmnopqrstuvwxyz'), 7)",
    "r.sample(range(50), 20)",
    "r.sample(('a', 'b', 'c'), 0)",
    "r.sample('hello world', 4)",
    "r.sample(['red', 'blue'], counts=[4, 2], k=5)",
    "r.sample(range(3), k=6, counts=[1, 2, 3])",
    "r.choices('abc', k=6)",
    "r.choices(range(5), [10, 1, 1, 1, 5], k=8)",
    "r.choices('xyz', cum_weights=[0.5, 0.75, 1.0], k=6)",
    "r.choices([1, 2, 3], [0, 0, 1], k=3)",
    "r.choices('ab')",
    "[r.uniform(1, 5) for _ in range(3)]",
    "[r.uniform(-2.5, 2.5) for _ in range(2)]",
    "[r.gauss(0, 1) for _ in range(5)]",
    "[r.gauss(100, 15) for _ in range(2)]",
    "(r.gauss(), r.seed(3), r.gauss())",
    "[r.normalvariate(0, 1) for _ in range(4)]",
    "[r.normalvariate(mu=5, sigma=0.5) for _ in range(2)]",
    "[r.expovariate(1.5) for _ in range(4)]",
    "[r.expovariate(-2) for _ in range(2)]",
    "[r.triangular() for _ in range(3)]",
    "[r.triangular(0, 10, 8) for _ in range(3)]",
    "[r.triangular(5, 5) for _ in range(1)]",
    "[r.betavariate(2, 3) for _ in range(3)]",
    "[r.betavariate(0.5, 0.5) for _ in range(3)]",
    "[r.gammavariate(0.5, 2) for _ in range(3)]",
    "[r.gammavariate(1.0, 2) for _ in range(3)]",
    "[r.gammavariate(3.5, 1) for _ in range(3)]",
    "[r.lognormvariate(0, 0.25) for _ in range(2)]",
    "[r.vonmisesvariate(1, 4) for _ in range(3)]",
    "[r.vonmisesvariate(0, 0) for _ in range(1)]",
    "[r.paretovariate(3) for _ in range(2)]",
    "[r.weibullvariate(1, 1.5) for _ in range(2)]",
    "r.getstate()[0], r.getstate()[1][:4], r.getstate()[1][-1], r.getstate()[2]",
    "(lambda s: ([r.random() for _ in range(3)], r.setstate(s), [r.random() for _ in range(3)]))(r.getstate())",
    "(lambda s: (r.gauss(), r.setstate(s), r.gauss()))((r.gauss(), r.getstate())[1])",
    "(lambda s: r.setstate((2, tuple(w - 2**32 if w > 2**31 else w for w in s[1]), None)) or r.random())(r.getstate())",
    "[r.random() for _ in range(700)][-3:]",
    "(r.seed('abc', version=1), r.random())",
    "(r.seed('', version=1), r.random())",
    "(r.seed(2**100, version=1), r.random())",
]


PROGRAMS = [
    # The module's functions share one generator.
    "import random\nrandom.seed(5)\nprint(random.random(), random.randint(1, 10), random.choice('abc'))\n"
    "l = list(range(8)); random.shuffle(l); print(l, random.sample(range(30), 4))\n"
    "print(random.choices('ab', [1, 3], k=4), random.getrandbits(40), random.gauss(), random.uniform(2, 3))\n"
    "s = random.getstate(); a = random.random(); random.setstate(s); print(a == random.random())\n",
    # A subclass with its own random() and no getrandbits() draws integers from random().
    "import random\nclass Half(random.Random):\n    def random(self):\n        return 0.5\n"
    "h = Half(1)\nprint(h.randrange(10), h.randint(1, 6), h.choice('abcd'), h.sample(range(5), 2), h.uniform(0, 4))\n",
    "import random\nclass Cycle(random.Random):\n    def __init__(self):\n        super().__init__(3)\n        self.i = 0\n"
    "    def random(self):\n        self.i += 1\n        return (self.i * 0.37) % 1.0\n"
    "c = Cycle()\nprint([c.randrange(100) for _ in range(5)], c.choices('xyz', k=3))\n",
    # getrandbits() overridden: it is what integers come from.
    "import random\nclass Bits(random.Random):\n    def getrandbits(self, k):\n        return (2 ** k - 1) // 3\n"
    "b = Bits(2)\nprint(b.randrange(100), b.randint(0, 1000), b.random())\n",
    # A plain subclass keeps Random's algorithms and sequence.
    "import random\nclass Mine(random.Random):\n    pass\n"
    "m = Mine(9)\nprint(m.randrange(1000), m.random(), m.sample(range(100), 3), isinstance(m, random.Random))\n",
    "import random\nr = random.Random()\nr.seed(11)\nprint(r.random(), random.Random(11).random())\n"
    "print(random.SystemRandom().seed(1), random.Random.VERSION)\n",
]


def program_output(source):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(source, {"__name__": "__main__"})
    return out.getvalue()


def outcome(seed, expr):
    r = random.Random(eval(seed))
    try:
        return repr(eval(expr, {"r": r}))
    except Exception as e:  # noqa: BLE001 - the message is the expected result
        return f"{type(e).__name__}: {e}"


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def mt_cases():
    keys = [[0], [1], [5489], [0x123, 0x234, 0x345, 0x456], [0xFFFFFFFF] * 3, list(range(1, 700))]
    for key in keys:
        seed = sum(w << (32 * i) for i, w in enumerate(key))
        r = random.Random(seed)
        outs = [r.getrandbits(32) for _ in range(1250)]
        yield key, [outs[i] for i in (0, 1, 2, 623, 624, 625, 1247, 1248, 1249)]


def main():
    print("// Generated by scripts/gen/random_cases.py with CPython %s. Do not edit." % sys.version.split()[0])
    print("// {seed, expression over r = random.Random(seed), what CPython gives}")
    print("constexpr const char* kRandomCases[][3] = {")
    for seed in SEEDS:
        for expr in EXPRESSIONS:
            print(f"    {{{c_str(seed)}, {c_str(expr)}, {c_str(outcome(seed, expr))}}},")
    print("};")
    print()
    print("// {key words of the seed}, {outputs 0, 1, 2, 623, 624, 625, 1247, 1248, 1249}")
    print("struct MtCase { std::vector<uint32_t> key; std::vector<uint32_t> outputs; };")
    print("const MtCase kMtCases[] = {")
    for key, outs in mt_cases():
        print("    {{%s}, {%s}}," % (", ".join(f"{w}u" for w in key), ", ".join(f"{o}u" for o in outs)))
    print("};")
    print()
    print("// {text (UTF-8), its SHA-512 digest in hex}")
    print("constexpr const char* kSha512Cases[][2] = {")
    texts = ["", "abc", "h\u00e9llo \u2713"] + ["q" * n for n in (111, 112, 127, 128, 129, 239, 240, 255, 256, 1000)]
    for text in texts:
        print(f"    {{{c_str(text)}, {c_str(hashlib.sha512(text.encode()).hexdigest())}}},")
    print("};")
    print()
    print("// {program, its stdout}")
    print("constexpr const char* kRandomPrograms[][2] = {")
    for source in PROGRAMS:
        print(f"    {{{c_str(source)}, {c_str(program_output(source))}}},")
    print("};")


main()
