// Blocking calls inside iteration consumed by builtins (vm.h, "Python-level iteration"):
// list(gen), sum(genexpr), sorted(..., key=pyfn), zip/map/... over generators run as
// ordinary frames, so a native that blocks inside them suspends the thread (run() returns
// Blocked, the call is re-executed on the next run()) instead of raising.
#include <catch2/catch.hpp>

#include <string>

#include "py/vm.h"

using namespace interleave::py;

namespace {

// gate(x=None): a blocking native like lock.acquire(). In "every" mode each call blocks
// once and succeeds when re-executed; otherwise only call number _gate_block_at blocks
// (once). _gate_calls counts every execution, retries included. Returns x.
int64_t& counter(VM& vm, const char* name) {
  Value* v = vm.builtins->find(vm.intern(name));
  return v->i;
}

NativeStatus gate(VM& vm, Thread&, CallArgs& a, Value* out) {
  int64_t n = ++counter(vm, "_gate_calls");
  int64_t& pending = counter(vm, "_gate_pending");
  bool every = counter(vm, "_gate_every") != 0;
  if (pending) {
    pending = 0;  // the retry of a blocked call
  } else if (every || n == counter(vm, "_gate_block_at")) {
    pending = 1;
    return NativeStatus::Block;
  }
  *out = a.n ? a.args[0] : Value::none();
  return NativeStatus::Ok;
}

struct Gated {
  std::string out, err;
  VM vm{VmConfig{.sink = [this](const std::string& s, Stream st, const Thread*) { (st == Stream::Stdout ? out : err) += s; }}};
  Thread* t = nullptr;
  int blocks = 0;
  Gated(const std::string& src, bool every, int64_t block_at = 0) {
    for (const char* n : {"_gate_calls", "_gate_pending", "_gate_every", "_gate_block_at"})
      vm.builtins->set(vm.intern(n), Value::integer(0));
    counter(vm, "_gate_every") = every ? 1 : 0;
    counter(vm, "_gate_block_at") = block_at;
    vm.builtins->set(vm.intern("gate"), Value::object(vm.native("gate", gate)));
    t = vm.load_main(src, "t.py");
  }
  int64_t calls() { return counter(vm, "_gate_calls"); }
  // Runs to the end with budget `step` per run() (0 = unlimited); counts the Blocked returns.
  RunStatus finish(uint64_t step = 0) {
    RunStatus st;
    while ((st = vm.run(*t, step)) == RunStatus::Yield || st == RunStatus::Blocked)
      if (st == RunStatus::Blocked) blocks++;
    if (st == RunStatus::Error) vm.print_traceback(t->exc);
    return st;
  }
};

const char* kGen =
    "def g(n):\n"
    "    for i in range(n):\n"
    "        yield gate(i)\n"
    "def pairs(n):\n"
    "    for i in range(n):\n"
    "        yield (gate(i), i * i)\n"
    "class Counter:\n"
    "    def __init__(self, n):\n"
    "        self.i = 0\n"
    "        self.n = n\n"
    "    def __iter__(self):\n"
    "        return self\n"
    "    def __next__(self):\n"
    "        if self.i >= self.n:\n"
    "            raise StopIteration\n"
    "        self.i += 1\n"
    "        return gate(self.i)\n";

// Each program prints one line; `items` is how many gate() calls it makes.
struct Case {
  const char* program;
  const char* output;
  int items;
};

const Case kCases[] = {
    {"print(list(g(3)))", "[0, 1, 2]", 3},
    {"print(tuple(g(3)), len(set(g(2))), sorted(frozenset(g(2))))", "(0, 1, 2) 2 [0, 1]", 7},
    {"print(sum(x for x in g(4)), sum(g(3), 10))", "6 13", 7},
    {"print(sorted(g(3), key=lambda x: -x), sorted(g(3), reverse=True))", "[2, 1, 0] [2, 1, 0]", 6},
    {"print(sorted(g(3), key=lambda x: gate(-x)), sorted(Counter(3), key=lambda x: gate(-x), reverse=True))",
     "[2, 1, 0] [1, 2, 3]", 12},
    {"print(''.join(str(x) for x in g(3)), '-'.join(map(str, g(2))))", "012 0-1", 5},
    {"print(dict(pairs(3)), dict(pairs(1), z=9))", "{0: 0, 1: 1, 2: 4} {0: 0, 'z': 9}", 4},
    {"print(list(enumerate(g(2))), list(enumerate(g(2), start=5)))", "[(0, 0), (1, 1)] [(5, 0), (6, 1)]", 4},
    {"print(list(zip(g(3), 'ab')), list(zip([7], g(2))))", "[(0, 'a'), (1, 'b')] [(7, 0)]", 4},
    {"print(list(map(lambda x: x * 10, g(3))), list(map(lambda x: gate(x + 1), [1, 2])))", "[0, 10, 20] [2, 3]", 5},
    {"print(list(filter(lambda x: x % 2, g(4))), list(filter(None, g(3))))", "[1, 3] [1, 2]", 7},
    {"l = [9]\nl.extend(g(2))\nd = {}\nd.update(pairs(1))\ns = {5}\ns.update(g(2))\nprint(l, d, sorted(s))",
     "[9, 0, 1] {0: 0} [0, 1, 5]", 5},
    {"print(min(g(3)), max(g(3), key=lambda x: -x), max(g(0), default='d'), max(g(2), key=lambda x: gate(-x)))",
     "0 0 d 0", 10},
    {"print(any(x == 1 for x in g(5)), all(x < 1 for x in g(5)))", "True False", 4},
    {"print(next(g(1)), next(g(0), 'e'), next(g(2), 'e'), next(Counter(1)), next(Counter(2), 'e'))", "0 e 0 1 1", 4},
    {"print(list(Counter(3)), [x for x in Counter(2)], sum(Counter(2)))", "[1, 2, 3] [1, 2] 3", 7},
    {"out = []\nfor i, x in enumerate(Counter(2)):\n    out.append((i, x))\nprint(out)", "[(0, 1), (1, 2)]", 2},
    {"a, b = g(2)\nfirst, *rest = g(3)\nprint(a, b, first, rest, [*g(2)], 1 in g(3))", "0 1 0 [1, 2] [0, 1] True", 9},
    {"print(*g(3), sep=',')", "0,1,2", 3},
    {"print(tuple(Counter(2)), sorted(Counter(3), reverse=True), max(Counter(3)), any(Counter(3)), set(Counter(1)))",
     "(1, 2) [3, 2, 1] 3 True {1}", 10},
    {"print(''.join(map(str, Counter(2))), dict(zip(Counter(2), g(2))), 2 in Counter(3), min(Counter(2), default=0))",
     "12 {1: 0, 2: 1} True 1", 10},
};

std::string program(const Case& c) { return std::string(kGen) + c.program + "\n"; }

}  // namespace

TEST_CASE("a blocking call inside iteration consumed by a builtin suspends the thread") {
  for (const Case& c : kCases) {
    INFO(c.program);
    // blocks on the first gate() call only: Blocked once, then the call runs again once
    Gated once(program(c), false, 1);
    REQUIRE(once.finish() == RunStatus::Done);
    CHECK(once.err.empty());
    CHECK(once.out == std::string(c.output) + "\n");
    CHECK(once.blocks == 1);
    CHECK(once.calls() == c.items + 1);
  }
}

TEST_CASE("every gate() call can block, at any step budget") {
  for (const Case& c : kCases) {
    for (uint64_t step : {0u, 1u, 5u}) {
      INFO(c.program << " (step " << step << ")");
      Gated every(program(c), true);
      REQUIRE(every.finish(step) == RunStatus::Done);
      CHECK(every.err.empty());
      CHECK(every.out == std::string(c.output) + "\n");
      CHECK(every.blocks == c.items);
      CHECK(every.calls() == 2 * c.items);
    }
  }
}

TEST_CASE("blocking at a later item keeps the items before it") {
  Gated r(std::string(kGen) + "print(list(zip(g(4), map(lambda x: x + 1, g(4)))))\n", false, 5);
  REQUIRE(r.vm.run(*r.t, 0) == RunStatus::Blocked);
  CHECK(r.calls() == 5);
  REQUIRE(r.vm.run(*r.t, 0) == RunStatus::Done);
  CHECK(r.out == "[(0, 1), (1, 2), (2, 3), (3, 4)]\n");
  CHECK(r.calls() == 9);
}

TEST_CASE("the builtins keep CPython's laziness and short-circuits") {
  Gated r(std::string(kGen) +
              "def noisy(n):\n    for i in range(n):\n        print('y', i)\n        yield gate(i)\n"
              "m = map(lambda x: x * 2, noisy(3))\nprint('made')\nprint(next(m))\n"
              "print(any(x > 0 for x in noisy(5)))\n"
              "print(list(zip(noisy(3), noisy(1))))\n",
          true);
  REQUIRE(r.finish() == RunStatus::Done);
  CHECK(r.out ==
        "made\ny 0\n0\n"
        "y 0\ny 1\nTrue\n"
        "y 0\ny 0\ny 1\n[(0, 0)]\n");
}

TEST_CASE("lazy builtins over generators look like the builtins") {
  Gated r(std::string(kGen) +
              "e = enumerate(g(1))\nprint(repr(e)[:17], repr(zip(g(1)))[:11], repr(map(len, g(1)))[:11])\n"
              "try:\n    len(filter(None, g(1)))\nexcept TypeError as ex:\n    print(ex)\n",
          false);
  REQUIRE(r.finish() == RunStatus::Done);
  CHECK(r.out == "<enumerate object <zip object <map object\nobject of type 'filter' has no len()\n");
}

TEST_CASE("errors inside helper-run iteration keep CPython's messages and tracebacks") {
  Gated r(
      "def g():\n    yield 1\n    raise KeyError('k')\n"
      "try:\n    dict(x for x in [(1, 2, 3)])\nexcept ValueError as e:\n    print(e)\n"
      "try:\n    dict(x for x in [1])\nexcept TypeError as e:\n    print(e)\n"
      "try:\n    ''.join(x for x in [1])\nexcept TypeError as e:\n    print(e)\n"
      "try:\n    max(x for x in [])\nexcept ValueError as e:\n    print(e)\n"
      "try:\n    a, b = (x for x in [1, 2, 3])\nexcept ValueError as e:\n    print(e)\n"
      "print(sorted(g(), key=lambda x: x))\n",
      false);
  REQUIRE(r.finish() == RunStatus::Error);
  CHECK(r.out ==
        "dictionary update sequence element #0 has length 3; 2 is required\n"
        "cannot convert dictionary update sequence element #0 to a sequence\n"
        "sequence item 0: expected str instance, int found\n"
        "max() arg is an empty sequence\n"
        "too many values to unpack (expected 2)\n");
  CHECK(r.err ==
        "Traceback (most recent call last):\n"
        "  File \"t.py\", line 24, in <module>\n    print(sorted(g(), key=lambda x: x))\n"
        "  File \"t.py\", line 3, in g\n    raise KeyError('k')\n"
        "KeyError: 'k'\n");
}

TEST_CASE("a blocking call in a nested callback raises RuntimeError at its call") {
  Gated r(
      "class A:\n    def __eq__(self, other):\n        return gate(True)\n"
      "try:\n    [A()].index(1)\nexcept RuntimeError as e:\n    print('caught', e)\n"
      "try:\n    min([4, 2], key=lambda x: gate(x))\nexcept RuntimeError as e:\n    print('min key:', e)\n"
      "print(sorted([2, 1], key=gate))\n",
      true);
  REQUIRE(r.finish() == RunStatus::Error);
  // a Python key over a builtin container is called nested (cheaper than a helper loop)
  CHECK(r.out ==
        "caught a blocking call cannot run inside a callback from a builtin\n"
        "min key: a blocking call cannot run inside a callback from a builtin\n");
  CHECK(r.err ==
        "Traceback (most recent call last):\n"
        "  File \"t.py\", line 12, in <module>\n    print(sorted([2, 1], key=gate))\n"
        "RuntimeError: a blocking call cannot run inside a callback from a builtin\n");
}

TEST_CASE("builtin containers keep the native paths") {
  Gated r(
      "l = list(range(5))\nprint(list(l), tuple(l), sum(l), min(l), max(l, key=abs), sorted(l, reverse=True),\n"
      "      any(l), all(l), list(enumerate('ab')), list(zip(l, 'xy')), list(map(str, l)), list(filter(None, l)),\n"
      "      dict(zip('ab', l)), ','.join(map(str, l)), 3 in l, set(l) == set(range(5)))\n",
      false);
  REQUIRE(r.finish() == RunStatus::Done);
  CHECK(r.out ==
        "[0, 1, 2, 3, 4] (0, 1, 2, 3, 4) 10 0 4 [4, 3, 2, 1, 0] True False [(0, 'a'), (1, 'b')] "
        "[(0, 'x'), (1, 'y')] ['0', '1', '2', '3', '4'] [1, 2, 3, 4] {'a': 0, 'b': 1} 0,1,2,3,4 True True\n");
}

TEST_CASE("a builtin consuming a generator leaves it as CPython does") {
  Gated r(
      "def gen(n):\n    for i in range(n):\n        yield gate(i)\n"
      "g = gen(10)\nprint(any(g), next(g), all(x < 5 for x in g), next(g))\n"
      "def h():\n    try:\n        yield [1]\n    except TypeError:\n        print('caught inside')\n        yield 2\n"
      "try:\n    set(h())\nexcept TypeError as e:\n    print('caller:', e)\n"
      "e = gen(2)\nprint(list(e), list(e), sum(e), max(e, default=-1))\n"
      "def me():\n    yield list(it)\nit = me()\ntry:\n    next(it)\nexcept ValueError as ex:\n    print(ex)\n"
      "print(list(map(list, [gen(2), gen(1)])), sorted([gen(3), gen(2)], key=sum)[0] is not None)\n",
      false, 1);
  REQUIRE(r.finish() == RunStatus::Done);
  CHECK(r.out ==
        "True 2 False 6\n"
        "caller: unhashable type: 'list'\n"
        "[0, 1] [] 0 -1\n"
        "generator already executing\n"
        "[[0, 1], [0]] True\n");
  CHECK(r.blocks == 1);
}

TEST_CASE("a blocking call in a generator consumed inside a callback raises RuntimeError") {
  Gated r(
      "def gen(n):\n    for i in range(n):\n        yield gate(i)\n"
      "try:\n    print(list(map(list, [gen(2)])))\nexcept RuntimeError as e:\n    print(e)\n",
      true);
  REQUIRE(r.finish() == RunStatus::Done);
  CHECK(r.out == "a blocking call cannot run inside a callback from a builtin\n");
}

TEST_CASE("for loops over user iterators call type(it).__next__ as a frame") {
  Gated r(
      "class It:\n    def __init__(self, n):\n        self.i = 0\n        self.n = n\n"
      "    def __iter__(self):\n        return self\n"
      "    def __next__(self):\n        self.i += 1\n        if self.i > self.n:\n            raise self.stop('done')\n"
      "        return gate(self.i)\n"
      "class MyStop(StopIteration):\n    pass\n"
      "it = It(3)\nit.stop = MyStop\nit.__next__ = lambda: 99\nout = []\nfor x in it:\n    out.append(x)\n"
      "def first_even(n):\n    s = It(n)\n    s.stop = StopIteration\n    for x in s:\n        if x % 2 == 0:\n            return x\n"
      "k = It(1)\nk.stop = KeyError\ntry:\n    for x in k:\n        pass\nexcept KeyError as e:\n    print('KeyError', e)\n"
      "print(out, first_even(5))\n",
      true);
  REQUIRE(r.finish() == RunStatus::Done);
  CHECK(r.out == "KeyError 'done'\n[1, 2, 3] 2\n");
  CHECK(r.blocks == 6);
}
