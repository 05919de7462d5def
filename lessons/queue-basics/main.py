# Queue、LifoQueue 和 PriorityQueue 取出元素的顺序各不相同；有界队列满了就不再接收。
import queue

kind = "fifo"        # "fifo" | "lifo" | "priority"
items = [(3, "write"), (1, "read"), (2, "eat"), (1, "code")]   # (优先级, 名字) 对
maxsize = 0          # 0 表示不限长度
extra_puts = 0       # 在 items 之后再放入的紧急元素（优先级 0）

if kind == "fifo":
    q = queue.Queue(maxsize)          # 先进先出
elif kind == "lifo":
    q = queue.LifoQueue(maxsize)      # 后进先出：就是一个栈
else:
    q = queue.PriorityQueue(maxsize)  # 最小的先出；优先级相同就比较元组的下一个元素

to_put = items + [(0, f"extra-{k + 1}") for k in range(extra_puts)]
full_raised = 0
for item in to_put:
    try:
        q.put(item, timeout=0.5)      # 满了就阻塞，最多等 0.5 秒
        # qsize() 和 full() 只是调用那一刻的快照：别的线程随时可能改动队列，
        # 多线程时只能当参考；这里只有一个线程在用这个队列
        print("放入", item, "长度", q.qsize(), "已满" if q.full() else "")
    except queue.Full:
        full_raised += 1
        print("queue.Full：放不下", item)

get_order = []
empty_raised = False
while True:
    try:
        get_order.append(q.get_nowait())  # 从不等待：队列空了就抛出 queue.Empty
    except queue.Empty:
        empty_raised = True
        break
print("取出顺序", get_order)
