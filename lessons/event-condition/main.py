# Event：发令枪一响，所有等着的选手同时起跑。Condition：有界缓冲区，配"不满"和"不空"两个条件。
import threading
import time

variant = "event"    # "event"（事件）| "condition"（条件变量）
runners = 4          # event：等发令枪的线程数
gun_s = 1            # event：第几秒开枪
capacity = 2         # condition：缓冲区容量
items = 6            # condition：要经过缓冲区的元素个数
produce_s = 0.1      # condition：生产一个元素要几秒
consume_s = 0.3      # condition：消费一个元素要几秒

# --- Event：一个标志；wait() 一直阻塞，直到有人调用 set() ---
gun = threading.Event()
gun_time = None
early_starts = 0
released = 0
count_lock = threading.Lock()


def runner(i):
    global early_starts, released
    gun.wait()                       # 枪响之前，大家都阻塞在这里
    t = time.time()
    with count_lock:
        released += 1
        if t < gun_time:
            early_starts += 1
    print(f"runner-{i} 起跑")


# --- Condition：等共享数据进入某个状态，配一把保护这份数据的锁 ---
lock = threading.Lock()
not_full = threading.Condition(lock)     # 两个条件，共用一把锁
not_empty = threading.Condition(lock)
buffer = []
max_buffer = 0
consumed_order = []


def put(item):
    global max_buffer
    with not_full:
        while len(buffer) >= capacity:
            not_full.wait()          # 睡着时释放锁，醒来时重新拿锁
        buffer.append(item)
        max_buffer = max(max_buffer, len(buffer))
        not_empty.notify()           # 如果有消费者在等，叫醒一个


def get():
    with not_empty:
        while not buffer:            # 醒来后要再检查一遍：状态可能又变了
            not_empty.wait()
        item = buffer.pop(0)
        not_full.notify()            # 现在有空位了
        return item


def producer():
    for k in range(items):
        time.sleep(produce_s)
        put(k)


def consumer():
    for _ in range(items):
        item = get()
        time.sleep(consume_s)
        consumed_order.append(item)
        print("消费了", item)


if variant == "event":
    workers = [threading.Thread(target=runner, args=(i,), name=f"runner-{i}") for i in range(runners)]
    for w in workers:
        w.start()
    time.sleep(gun_s)
    gun_time = time.time()
    print("砰！")
    gun.set()                        # 叫醒所有等待者；之后再调用 wait() 会立刻返回
else:
    workers = [threading.Thread(target=producer, name="producer"), threading.Thread(target=consumer, name="consumer")]
    for w in workers:
        w.start()
for w in workers:
    w.join()
print(f"起跑 {released} 人，抢跑 {early_starts} 人，缓冲区最多 {max_buffer} 个，消费顺序 {consumed_order}")
