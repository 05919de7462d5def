# input() and sys.stdin as learners use them: a prompt, numbers for threads, the rest line by line.
import sys
import threading

name = input("name? ")
print(f"hello, {name}!")
count = int(input())
squares = []
lock = threading.Lock()


def square(n):
    with lock:
        squares.append(n * n)


threads = [threading.Thread(target=square, args=(int(input(f"#{i}: ")),)) for i in range(count)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(squares))
print(repr(sys.stdin.readline()))
for line in sys.stdin:
    print(repr(line))
print(repr(sys.stdin.readline()), repr(sys.stdin.read()))
try:
    input("more? ")
except EOFError as e:
    print("EOFError:", e)
