# 抢票：用户（进程）先查还剩几张票，等一会儿，再买一张。
# 不加锁时两个用户可能买到同一张票；加了锁就绝不会。
import multiprocessing
import random
import time

users = 8            # 买票的用户数，每人一个进程
tickets = 5          # 开售时票库里的票数
lock = True          # 从查票到下单，全程加锁吗？
max_delay_s = 1      # 用户查票后最多等这么久才下单（网络慢）
seed = 1             # 随机等待时间的种子


class NoLock:
    """lock 为 False 时顶替锁：`with NoLock()` 什么也不保护。"""
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def book(user, delay, store, store_lock, opening, outcomes):
    opening.wait()                          # 一开售，所有人同时点“购买”
    with store_lock:
        left = store.value                  # 查票：还剩几张？
        print(f"用户 {user} 查到还剩 {left} 张")
        time.sleep(delay)                   # ……网络很慢……
        if left > 0:
            store.value = left - 1          # 下单：把读到的数减 1 写回去
            print(f"用户 {user} 买到了一张票")
        else:
            print(f"用户 {user} 发现票已售完")
    outcomes.put(left > 0)


if __name__ == "__main__":
    store = multiprocessing.Value("i", tickets)   # 共享内存里的一个整数，每个进程看到的都是它
    store_lock = multiprocessing.Lock() if lock else NoLock()
    opening = multiprocessing.Event()
    outcomes = multiprocessing.Queue()
    random.seed(seed)
    delays = [random.uniform(0, max_delay_s) for _ in range(users)]   # 在这里抽：fork 出的子进程会复制同一个随机数生成器
    buyers = [multiprocessing.Process(target=book, args=(u + 1, delays[u], store, store_lock, opening, outcomes),
                                      name=f"用户 {u + 1}") for u in range(users)]
    for b in buyers:
        b.start()
    opening.set()                           # 开售
    bought = [outcomes.get() for _ in buyers]
    for b in buyers:
        b.join()

    sold = bought.count(True)
    refused = users - sold
    remaining = store.value
    oversold = sold - (tickets - remaining)    # 票库没记上的销售：同一张票卖了不止一次
    print(f"卖出 {sold} 张，拒绝 {refused} 人，剩余 {remaining} 张，超卖 {oversold} 张")
