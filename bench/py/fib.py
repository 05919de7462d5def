# Benchmark: recursive calls (frame push/pop, argument binding, comparisons).
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print(fib(32))
