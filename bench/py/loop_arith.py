# Benchmark: a tight loop of integer and float arithmetic on locals and a global.
def work(n):
    total = 0
    acc = 0.0
    for i in range(n):
        total += i * 3 % 7
        if i & 1:
            acc += i / 2.0
        else:
            acc -= 1.5
    return total, acc

print(work(9_000_000))
