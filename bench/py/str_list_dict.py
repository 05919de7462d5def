# Benchmark: strings, lists and dicts (methods, formatting, comprehensions, sorting).
def run(rounds):
    counts = {}
    out = []
    for r in range(rounds):
        words = f"the quick brown fox {r % 17} jumps over the lazy dog {r % 5}".split()
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        line = "-".join(w.upper() for w in words if len(w) > 3)
        out.append(line[: 10 + r % 7])
        if len(out) > 1000:
            out.sort()
            out = out[500:]
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return top, len(out), sum(len(s) for s in out)

print(run(250_000))
