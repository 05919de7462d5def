# 同一个进程里的线程共享它的全局变量和对象：一个线程改了，另一个线程就能看到。
import threading

increments = 3     # 第一个线程加 1 的次数
start = 100        # 计数器的初值

counter = start
items = []                      # 一个列表对象，所有线程共用
written = threading.Event()     # 让第二个线程等第一个线程写完


def writer():
    global counter              # 赋值给模块里的 counter，而不是新建一个局部变量
    for i in range(increments):
        counter += 1
        items.append(i)         # 不需要 global：改的是对象本身，不是给名字重新赋值
    print("写线程：counter =", counter, "items =", items)
    written.set()


def reader():
    global seen_by_second_thread, list_seen
    written.wait()              # 阻塞，直到写线程写完
    seen_by_second_thread = counter
    list_seen = list(items)
    print("读线程看到：counter =", seen_by_second_thread, "items =", list_seen)


seen_by_second_thread = None
list_seen = None
second = threading.Thread(target=reader, name="读线程")
first = threading.Thread(target=writer, name="写线程")
second.start()                  # 读线程先启动，然后等着
first.start()
first.join()
second.join()
