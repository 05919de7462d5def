# Three ways to run a function "in a process": a target function, a subclass of Process,
# and the pitfall of calling run() yourself. Then is_alive(), join(), exitcode and terminate().
import multiprocessing
import os
import time

style = "function"        # "function" | "subclass" | "direct_run"
children = 1              # how many child processes
terminate_after_s = -1    # terminate the children this many seconds after starting them (-1: never)
start_method = "fork"     # "fork" (copy the parent) | "spawn" (a fresh interpreter re-runs this file)
work_s = 2.5              # each task sleeps this long before its last line

# Top-level code: under spawn every child runs it again, as a module named __mp_main__.
print(f"pid {os.getpid()} runs the top of the file as {__name__}")


def work(n, done):
    me = multiprocessing.current_process()
    print(f"{me.name}: task {n} in pid {os.getpid()}, parent pid {os.getppid()}")
    time.sleep(work_s)
    print(f"{me.name}: task {n} done")           # a terminated child never gets here
    done.put((n, os.getpid(), os.getppid()))     # a child cannot set the parent's variables


class Worker(multiprocessing.Process):
    def __init__(self, n, done):
        super().__init__(name=f"child-{n}")      # always call Process's own __init__ first
        self.n = n
        self.done = done

    def run(self):                               # start() calls run() in the new process
        work(self.n, self.done)


if __name__ == "__main__":                       # the children of spawn skip this block
    multiprocessing.set_start_method(start_method)
    done = multiprocessing.SimpleQueue()
    procs = []
    for n in range(children):
        if style == "subclass":
            procs.append(Worker(n, done))
        else:
            # args is a tuple: with a single argument write args=(n,) - (n) is just n
            procs.append(multiprocessing.Process(target=work, args=(n, done), name=f"child-{n}"))
    for p in procs:
        if style == "direct_run":
            p.run()                              # an ordinary call: work() runs here, in the parent
        else:
            p.start()                            # a new process runs work()
    alive_before_join = [p.is_alive() for p in procs]
    started = [p for p in procs if p.pid is not None]   # run() called directly starts nothing
    if terminate_after_s >= 0:
        time.sleep(terminate_after_s)
        for p in started:
            p.terminate()                        # SIGTERM: the child stops wherever it is
    for p in started:
        p.join()                                 # wait for the child to end, and reap it
    alive_after_join = [p.is_alive() for p in procs]

    parent_pid = os.getpid()
    pids = [p.pid for p in procs]                # None: never started
    exitcodes = [p.exitcode for p in procs]      # 0 ok, -15 terminated, None never started
    processes_created = sum(1 for p in pids if p is not None)
    reports = []
    while not done.empty():
        reports.append(done.get())
    reports.sort()
    finished = [n for n, pid, ppid in reports]
    ran_in = [pid for n, pid, ppid in reports]
    ppid_of_children = [ppid for n, pid, ppid in reports]
    print("pids", pids, "exit codes", exitcodes, "finished tasks", finished)
