# Singing and dancing: the same two tasks run one after the other, as two threads, or as two processes.
import threading
import time

mode = "threads"      # "serial" | "threads" | "processes"
sing_loops = 3        # how many lines the singer sings
dance_loops = 2       # how many steps the dancer dances
step_s = 1            # each line or step takes this long (a sleep stands for waiting)


def sing(loops):
    for i in range(loops):
        print("singing", i + 1)
        time.sleep(step_s)


def dance(loops):
    for i in range(loops):
        print("dancing", i + 1)
        time.sleep(step_s)


if __name__ == "__main__":
    start = time.time()
    if mode == "serial":
        sing(sing_loops)           # dance waits until singing is over
        dance(dance_loops)
    else:
        if mode == "threads":
            Worker = threading.Thread
        else:
            import multiprocessing    # each worker its own interpreter
            Worker = multiprocessing.Process
        workers = [Worker(target=sing, args=(sing_loops,), name="singing"),    # named as they print
                   Worker(target=dance, args=(dance_loops,), name="dancing")]
        for w in workers:
            w.start()              # both tasks are under way now
        for w in workers:
            w.join()               # wait for both to finish
    print(f"{mode}: {time.time() - start:.1f} s")
