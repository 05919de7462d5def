# Checks terminate() and kill() exit codes (-15, -9), os.kill with SIGTERM, exit codes shown by repr, daemon flags and their errors, and start/join/close misuse errors.
import multiprocessing as mp
import os
import signal
import time


def sleeper(seconds):
    time.sleep(seconds)


def spawner():
    child = mp.Process(target=sleeper, args=(0,))
    try:
        child.start()
    except AssertionError as e:
        print("AssertionError:", e, flush=True)


if __name__ == "__main__":
    p = mp.Process(target=sleeper, args=(30,), name="sleepy")
    p.start()
    time.sleep(0.2)
    print("alive:", p.is_alive(), "exitcode:", p.exitcode, flush=True)
    p.terminate()
    p.join()
    print("terminated:", p.exitcode, p.is_alive(), repr(p).split(" ")[-1], flush=True)
    k = mp.Process(target=sleeper, args=(30,), name="killme")
    k.start()
    k.kill()
    k.join()
    print("killed:", k.exitcode, flush=True)
    s = mp.Process(target=sleeper, args=(30,))
    s.start()
    os.kill(s.pid, signal.SIGTERM)
    s.join()
    print("os.kill:", s.exitcode, flush=True)
    done = mp.Process(target=sleeper, args=(0,))
    done.start()
    done.join()
    done.terminate()
    print("terminate after exit keeps:", done.exitcode, flush=True)
    d = mp.Process(target=spawner, daemon=True)
    print("daemon:", d.daemon, flush=True)
    d.start()
    d.join()
    print("daemon exit:", d.exitcode, flush=True)
    for action in ("start twice", "join unstarted", "daemon after start", "close running"):
        x = mp.Process(target=sleeper, args=(0.3,))
        try:
            if action == "start twice":
                x.start()
                x.start()
            elif action == "join unstarted":
                x.join()
            elif action == "daemon after start":
                x.start()
                x.daemon = True
            else:
                x.start()
                x.close()
        except (AssertionError, ValueError) as e:
            print(action, "->", type(e).__name__, e, flush=True)
        if x._popen is not None:
            x.join()
    x.close()
    try:
        x.is_alive()
    except ValueError as e:
        print("closed:", e, flush=True)
    print("children left:", mp.active_children(), flush=True)
