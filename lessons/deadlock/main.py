# 死锁：两个线程以相反的顺序拿两把锁，互相等对方，永远等下去；有三种解法。
import threading
import time

variant = "two_locks"   # "two_locks"：两个线程 | "diners"：四个食客，一碗面条、一把叉子
fix = "none"            # "none" | "rlock" | "single_lock" | "ordering"
hold_s = 1              # 线程拿着第一把锁停顿多久，再去拿第二把

# 每把锁按它代表的东西命名：画面和死锁报告里显示的就是这些名字。
if variant == "two_locks":
    people = ["T0", "T1"]
    lock_a = threading.Lock()
    lock_b = threading.Lock()
    resources = [(lock_a, "lock_a"), (lock_b, "lock_b")]
else:
    people = ["diner-0", "diner-1", "diner-2", "diner-3"]
    noodles = threading.Lock()            # 面条
    fork = threading.Lock()               # 叉子
    resources = [(noodles, "noodles"), (fork, "fork")]
if fix == "rlock":
    both = threading.RLock()              # 用一把可重入锁同时代表两样资源
    resources = [(both, name) for _, name in resources]
table = threading.Lock()                  # single_lock：一把锁管住这一对资源

finished = 0
tally = threading.Lock()


def person(i, name):
    global finished
    if i % 2 == 0 or fix == "ordering":    # ordering：大家都先拿第一样资源
        first, second = resources
    else:                                  # 奇数号线程反过来拿
        second, first = resources
    if fix == "single_lock":
        with table:
            print(f"{name} 同时拿到了 {resources[0][1]} 和 {resources[1][1]}")
            time.sleep(hold_s)
    else:
        with first[0]:
            print(f"{name} 拿到了 {first[1]}，还想要 {second[1]}")
            time.sleep(hold_s)             # 这段时间里，另一个线程拿走了另一把锁
            with second[0]:
                print(f"{name} 两样都拿到了")
    with tally:
        finished += 1


workers = [threading.Thread(target=person, args=(i, n), name=n) for i, n in enumerate(people)]
for w in workers:
    w.start()
for w in workers:
    w.join()                               # fix = "none" 时，这里永远返回不了
print("做完的线程数：", finished)
