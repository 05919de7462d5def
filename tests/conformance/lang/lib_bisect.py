import bisect
from bisect import bisect_left, bisect_right, insort, insort_left, insort_right

a = [1, 2, 4, 4, 4, 8, 9]
print(bisect_left(a, 4), bisect_right(a, 4), bisect.bisect(a, 4), bisect_left(a, 0), bisect_right(a, 100), bisect_left(a, 5))
print(bisect_left(a, 4, 3), bisect_left(a, 4, 0, 2), bisect_right(a, 4, hi=4), bisect_left([], 1))
def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
s = []
for x in [5, 1, 4, 1, 3]:
    insort(s, x)
print(s)
insort_left(s, 4); insort_right(s, 4.0); print(s)
b = [1.0, 2.0]; insort_left(b, 1); insort_right(b, 2); print(b)
records = [("amy", 21), ("bob", 30), ("cid", 44)]
print(bisect_left(records, 30, key=lambda r: r[1]), bisect_right(records, 21, key=lambda r: r[1]))
insort(records, ("dan", 25), key=lambda r: r[1]); print(records)
insort_left(records, ("eve", 30), key=lambda r: r[1]); print(records)
try: bisect_left(a, 1, -1)
except ValueError as e: print("ValueError", e)
words = sorted(["pear", "apple", "fig"])
i = bisect_left(words, "banana"); print(i, words[i])
print(bisect_left(range(0, 100, 5), 42), bisect_right((1, 1, 1), 1))
