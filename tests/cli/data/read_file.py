# open() beside the program: read a data file line by line, write a file and read it back,
# and the errors of a missing file and of a folder.
import threading

totals = {}
lock = threading.Lock()


def add(line):
    name, amount = line.split(",")
    with lock:
        totals[name] = totals.get(name, 0) + int(amount)


with open("read_file.csv", encoding="utf-8") as f:
    header = f.readline().strip()
    workers = [threading.Thread(target=add, args=(line.strip(),)) for line in f]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(header, sorted(totals.items()))

with open("read_file_report.txt", "w") as out:
    for name, total in sorted(totals.items()):
        out.write(f"{name}: {total}\n")
print(open("read_file_report.txt").read(), end="")

for name in ("no_such_file.txt", "."):
    try:
        open(name)
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename)
