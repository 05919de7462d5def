# Benchmark: the CPU-bound loop of the threading lessons (a countdown in a function).
def count(n):
    while n > 0:
        n -= 1
    return n


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


print(count(5_000_000), crunch(2_000_000))
