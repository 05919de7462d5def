// Dict and set keys hashed and compared by Python code (a user __hash__/__eq__, issue #16):
// what CPython's output cannot pin down. The behaviour CPython prints is in
// tests/conformance/lang/lang_user_hash_eq.py.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "bare_run.h"
#include "py/vm.h"

using namespace interleave::py;

namespace {

using testing::Run;

// The tuple hash before keys got their Python hash: items' hashes combined, then halved.
int64_t old_tuple_hash(std::initializer_list<size_t> item_hashes) {
  size_t h = 0x345678;
  for (size_t ih : item_hashes) h = (h ^ ih) * 1000003;
  return int64_t(h >> 1);
}

}  // namespace

TEST_CASE("hash() of ints, str and tuples is what it was before user hashes", "[dict_keys]") {
  Run r("print(hash(5), hash(-1), hash('abc'), hash((1, 2)), hash(('a', 3)))\n");
  REQUIRE(r.finish() == 0);
  size_t a = std::hash<std::string>()("a");
  std::string want = "5 -2 " + std::to_string(int64_t(std::hash<std::string>()("abc") >> 1)) + " " +
                     std::to_string(old_tuple_hash({std::hash<int64_t>()(1), std::hash<int64_t>()(2)})) + " " +
                     std::to_string(old_tuple_hash({a, std::hash<int64_t>()(3)})) + "\n";
  CHECK(r.out == want);
}

// CPython restarts a lookup whose __eq__ changed the dict's keys; here the index is a C++
// container, so the lookup must not touch it across the call. Clearing: CPython's KeyError.
TEST_CASE("an __eq__ that changes the dict during a lookup restarts it", "[dict_keys]") {
  Run r(
      "class K:\n"
      "    def __init__(s, n, d=None): s.n, s.d = n, d\n"
      "    def __hash__(s): return 0\n"
      "    def __eq__(s, o):\n"
      "        if s.d is not None:\n"
      "            d, s.d = s.d, None\n"
      "            d.clear()\n"
      "        return isinstance(o, K) and o.n == s.n\n"
      "d = {}\n"
      "d[K(1, d)] = 1\n"
      "try:\n    d[K(1)]\nexcept KeyError:\n    print('KeyError', len(d))\n"
      "rounds = [0]\n"
      "class Grow:\n"
      "    def __init__(s, n): s.n = n\n"
      "    def __hash__(s): return 1\n"
      "    def __eq__(s, o):\n"
      "        if rounds[0] < 1:\n"
      "            rounds[0] += 1\n"
      "            for i in range(50): g[(len(g), i)] = i\n"  // new native keys: the index grows
      "        return isinstance(o, Grow) and o.n == s.n\n"
      "g = {Grow(1): 'one'}\n"
      "print(g[Grow(1)], len(g))\n"
      "for k in [k for k in g if isinstance(k, tuple)][:30]:\n    del g[k]\n"  // the dict compacts
      "print(g[Grow(1)], len(g), Grow(2) in g)\n");
  REQUIRE(r.finish() == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "KeyError 0\none 51\none 21 False\n");
}

TEST_CASE("Python keys and native keys share one dict through compaction", "[dict_keys]") {
  Run r(
      "class P:\n"
      "    def __init__(s, n): s.n = n\n"
      "    def __hash__(s): return s.n\n"
      "    def __eq__(s, o): return o == s.n if not isinstance(o, P) else o.n == s.n\n"
      "d = {}\n"
      "for i in range(100):\n    d[P(i) if i % 2 else i] = i\n"
      "for i in range(0, 100, 4):\n    del d[P(i)]\n"  // an int key found by an equal P
      "print(len(d), d[P(3)], d[7], d[P(2)], d[2], 4 in d, P(4) in d, 1 in {P(1)}, list(d)[:3])\n");
  REQUIRE(r.finish() == 0);
  CHECK(r.err.empty());
  CHECK(r.out.substr(0, r.out.find('[')) == "75 3 7 2 2 False False True ");
}
