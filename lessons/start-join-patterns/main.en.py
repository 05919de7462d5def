# Two ways to run several child processes: join each one before starting the next,
# or start them all and then join them all.
import multiprocessing
import time

pattern = "join_all"      # "join_each" | "join_all"
durations = [1, 2, 3]     # child n sleeps durations[n] seconds


def task(n, seconds):
    print(f"task {n}: starts, sleeps {seconds} s")
    time.sleep(seconds)
    print(f"task {n}: done")


if __name__ == "__main__":
    begin = time.time()
    procs = [multiprocessing.Process(target=task, args=(n, s), name=f"task {n}") for n, s in enumerate(durations)]
    if pattern == "join_each":
        for p in procs:
            p.start()
            p.join()          # the parent waits here, so the next child starts only after this one ends
    else:
        for p in procs:
            p.start()         # every child is under way before the parent waits for any
        for p in procs:
            p.join()          # while it waits for one, the others keep running
    elapsed_s = round(time.time() - begin, 3)
    print(f"{pattern}: {elapsed_s} s")
