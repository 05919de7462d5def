# Checks the start methods: spawn runs the program again in each child as __mp_main__ (code under the __main__ guard does not run there, globals set under it are not seen), fork copies the parent's globals, and contexts name their processes.
import multiprocessing as mp
print("top level in", __name__, flush=True)
setting = "default"


def show(tag, box):
    box.put((tag, setting, __name__, mp.current_process().name, mp.parent_process().name))


if __name__ == "__main__":
    setting = "changed in main"
    print("default method:", mp.get_start_method(), flush=True)
    spawn = mp.get_context("spawn")
    box = spawn.Queue()
    p = spawn.Process(target=show, args=("spawned", box))
    p.start()
    print(box.get(timeout=10), flush=True)
    p.join()
    print(p.name, p.exitcode, flush=True)
    fork = mp.get_context("fork")
    fork_box = fork.Queue()
    q = fork.Process(target=show, args=("forked", fork_box))
    q.start()
    print(fork_box.get(timeout=10), flush=True)
    q.join()
    print(q.name, q.exitcode, flush=True)
    mp.set_start_method("spawn", force=True)
    r = mp.Process(target=show, args=("default spawn", box))
    r.start()
    print(box.get(timeout=10), flush=True)
    r.join()
    print(r.name, r.exitcode, mp.get_start_method(), flush=True)
    try:
        mp.set_start_method("fork")
    except RuntimeError as e:
        print("RuntimeError:", e, flush=True)
    try:
        mp.get_context("threads")
    except ValueError as e:
        print("ValueError:", e, flush=True)
