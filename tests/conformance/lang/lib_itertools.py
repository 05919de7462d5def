import itertools
from itertools import (count, cycle, repeat, accumulate, chain, compress, dropwhile, takewhile, filterfalse,
                       groupby, islice, pairwise, starmap, tee, zip_longest, product, permutations,
                       combinations, combinations_with_replacement)
import operator

print(list(islice(count(), 5)), list(islice(count(10, 5), 3)), list(islice(count(0.5, 0.25), 3)))
print(list(islice(cycle("abc"), 7)), list(cycle([])), list(repeat("x", 3)), list(islice(repeat(1), 2)))
print(list(zip(range(3), repeat(0))), list(map(pow, range(5), repeat(2))))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2, 3], operator.mul)))
print(list(accumulate([1, 2], initial=100)), list(accumulate([])), list(accumulate([], initial=0)))
print(list(chain("ab", [1, 2], ())), list(chain.from_iterable(["xy", "z"])), list(chain()))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress(range(10), [0, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 3, 8])), list(takewhile(lambda x: x < 5, [1, 4, 6, 3, 8])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a"])))
print([(k, list(g)) for k, g in groupby("AAAABBBCCDAABBB")])
print([k for k, g in groupby("AAAABBBCCD")], [len(list(g)) for k, g in groupby([1, 1, 2, 3, 3, 3])])
data = [("a", 1), ("a", 2), ("b", 3), ("c", 4), ("c", 5)]
print([(k, [v for _, v in g]) for k, g in groupby(data, key=operator.itemgetter(0))])
groups = list(groupby("aabbc"))
print([(k, list(g)) for k, g in groups])
it = groupby([1, 1, 2]); k1, g1 = next(it); print(k1, next(g1)); k2, g2 = next(it); print(k2, list(g2), list(g1))
print(list(groupby([])), [(k, list(g)) for k, g in groupby(range(6), key=lambda x: x // 2)])
print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)), list(islice("ABCDEFG", 0, None, 2)))
print(list(islice(range(10), 1, 8, 3)), list(islice([], 3)), list(islice("abc", 0)), list(islice("abc", 5, 9)))
src = iter(range(10)); print(list(islice(src, 3)), next(src))
src = iter(range(10)); print(list(islice(src, 2, 4)), next(src))
for bad in [(-1,), (0, -1), (1, 2, 0), ("a",)]:
    try: islice("abc", *bad)
    except ValueError as e: print("ValueError", e)
print(list(pairwise("ABCD")), list(pairwise("A")), list(pairwise([])))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(lambda *a: sum(a), [(), (1, 2, 3)])))
a, b = tee([1, 2, 3]); print(list(a), list(b))
a, b, c = tee(iter("xyz"), 3); print(next(a), next(a), list(b), list(a), list(c), len(tee("ab", 0)))
print(list(zip_longest("ABCD", "xy", fillvalue="-")), list(zip_longest([1], [2, 3], [4, 5, 6])), list(zip_longest()))
print(list(product("AB", "xy")), list(product(range(2), repeat=3)), list(product()), list(product("ab", [])))
print(list(product("ab", "c", repeat=2)))
print(list(permutations("ABC", 2)), list(permutations(range(3))), list(permutations("ab", 3)), list(permutations([], 0)))
print(list(combinations("ABCD", 2)), list(combinations(range(4), 3)), list(combinations("ab", 0)), list(combinations("ab", 3)))
print(list(combinations_with_replacement("ABC", 2)), list(combinations_with_replacement([], 2)), list(combinations_with_replacement("ab", 0)))
print(len(list(permutations(range(5)))), len(list(combinations(range(10), 4))), sum(1 for _ in product(range(3), repeat=4)))
for bad in [lambda: permutations("ab", -1), lambda: combinations("ab", -2)]:
    try: bad()
    except ValueError as e: print("ValueError", e)
counter = count(1)
print(next(counter), next(counter), [next(counter) for _ in range(3)])
def evens():
    for i in count():
        if i % 2 == 0:
            yield i
print(list(islice(evens(), 4)), list(takewhile(lambda x: x < 10, (i * i for i in count()))))
