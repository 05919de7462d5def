# 线程去拿自己已经持有的普通 Lock，会永远等自己；RLock 则只是把获取次数记下来。
# 另一个线程来验证：RLock 只有在计数回到 0 时才真正空出来，而且只有持有者才能释放它。
import threading

kind = "rlock"     # "lock" | "rlock"
depth = 2          # 同一个线程（嵌套）获取它的次数

guard = threading.RLock() if kind == "rlock" else threading.Lock()
held = 0           # 持有者此刻拿了它几次（RLock 内部也记着这个计数）
count_trace = []
owner_deepest = threading.Event()   # 工作线程已经拿了 depth 次
other_tried = threading.Event()     # 另一个线程已经试过释放它
release_refused = False             # 不是持有者的线程去释放，RLock 拒绝了吗？
count_when_other_got_it = None      # 另一个线程拿到锁的那一刻，持有者的计数


def enter(level):
    global held
    with guard:                         # 第 2 次：RLock 只是计数；Lock 会阻塞
        held += 1
        count_trace.append(held)
        print("  " * level + f"第 {level} 层：拿到锁，计数 {held}")
        if level < depth:
            enter(level + 1)            # 比如一个加锁的方法调用了另一个加锁的方法
        else:
            owner_deepest.set()
            other_tried.wait()          # 一直拿着锁，等另一个线程试过再说
        held -= 1
        count_trace.append(held)
        print("  " * level + f"第 {level} 层：释放锁，计数 {held}")


def other():
    global release_refused, count_when_other_got_it
    owner_deepest.wait()
    if kind == "rlock":                 # （普通 Lock 没有持有者的概念：谁都能释放它）
        try:
            guard.release()             # 这把锁不归我释放
        except RuntimeError:
            release_refused = True
            print("另一个线程：release() 被拒绝，抛出 RuntimeError：我不是持有者")
    print("另一个线程：等待这把锁")
    other_tried.set()
    with guard:                         # 持有者的计数回到 0 才空出来
        count_when_other_got_it = held
        print(f"另一个线程：拿到锁了，持有者的计数是 {held}")


worker = threading.Thread(target=enter, args=(1,), name="工作线程")
rival = threading.Thread(target=other, name="另一个线程")
worker.start()
rival.start()
worker.join()                           # kind = "lock" 且 depth >= 2 时，这里永远返回不了
rival.join()
print("计数轨迹 =", count_trace)
