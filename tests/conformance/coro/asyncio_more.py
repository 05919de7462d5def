# Checks asyncio beyond gather: wait (ALL_COMPLETED, FIRST_COMPLETED, timeout), wait_for timing out and cancelling, task cancellation running finally blocks, as_completed order, Lock/Event/Semaphore/Condition, asyncio.timeout, to_thread, gather(return_exceptions) and error messages.
import asyncio
import threading
log = []


async def job(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(f"{name} failed")
        log.append(name)
        return name
    finally:
        log.append(f"{name} cleanup")


async def locked_worker(lock, name, inside):
    async with lock:
        inside.append(name)
        await asyncio.sleep(0.01)
        inside.append(name)


async def limited(sem, name, active, peak):
    async with sem:
        active.append(name)
        peak.append(len(active))
        await asyncio.sleep(0.05)
        active.remove(name)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    done, pending = await asyncio.wait([asyncio.create_task(job("a", 0.2)), asyncio.create_task(job("b", 0.1))])
    print(sorted(t.result() for t in done), len(pending), round(loop.time() - t0, 1))
    tasks = [asyncio.create_task(job(n, d)) for n, d in (("x", 0.3), ("y", 0.1))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print([t.result() for t in done], [t.get_name().startswith("Task-") for t in pending])
    done, pending = await asyncio.wait(pending, timeout=0.05)
    print(len(done), len(pending))
    await asyncio.gather(*pending)
    try:
        await asyncio.wait_for(job("slow", 5), timeout=0.1)
    except asyncio.TimeoutError:
        print("wait_for timed out, log:", log[-1])
    print(await asyncio.wait_for(job("quick", 0.01), timeout=1))
    t = asyncio.create_task(job("victim", 10))
    await asyncio.sleep(0.01)
    print("cancel:", t.cancel(), t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print("victim cancelled:", t.cancelled(), log[-1])
    order = []
    for coro in asyncio.as_completed([job("c3", 0.3), job("c1", 0.1), job("c2", 0.2)]):
        order.append(await coro)
    print("as_completed:", order)
    print(await asyncio.gather(job("ok", 0), job("bad", 0, fail=True), return_exceptions=True))
    try:
        await asyncio.gather(job("fine", 0.05), job("boom", 0, fail=True))
    except ValueError as e:
        print("gather raised:", e)
    lock = asyncio.Lock()
    inside = []
    await asyncio.gather(*(locked_worker(lock, n, inside) for n in "pqr"))
    print("lock:", "".join(inside), lock.locked())
    sem = asyncio.Semaphore(2)
    active, peak = [], []
    await asyncio.gather(*(limited(sem, i, active, peak) for i in range(5)))
    print("semaphore peak:", max(peak))
    event = asyncio.Event()
    async def waiter(i):
        await event.wait()
        return i
    waiters = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("event set?", event.is_set(), [w.done() for w in waiters])
    event.set()
    print(await asyncio.gather(*waiters))
    cond = asyncio.Condition()
    box = []
    async def consumer():
        async with cond:
            await cond.wait_for(lambda: box)
            return box.pop()
    c = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    async with cond:
        box.append("item")
        cond.notify()
    print("condition:", await c)
    try:
        async with asyncio.timeout(0.05):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout() expired")
    main_thread = threading.current_thread().name
    name = await asyncio.to_thread(lambda: threading.current_thread().name)
    print("to_thread ran elsewhere:", name != main_thread)
    print("current task:", asyncio.current_task().get_name() == main_task_name[0])
    return "main done"


main_task_name = []


async def start():
    main_task_name.append(asyncio.current_task().get_name())
    return await main()


print(asyncio.run(start()))
try:
    asyncio.run(job)
except ValueError as e:
    print("ValueError:", str(e).split(" at ")[0])
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
coro = job("never", 0)
print(type(coro).__name__)
coro.close()
