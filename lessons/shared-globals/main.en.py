# Threads of one process share its globals and objects: what one thread changes, another sees.
import threading

increments = 3     # how many times the first thread adds 1
start = 100        # the counter's starting value

counter = start
items = []                      # one list object, shared by every thread
written = threading.Event()     # lets the second thread wait for the first


def writer():
    global counter              # assign to the module's counter, not a new local
    for i in range(increments):
        counter += 1
        items.append(i)         # no `global` needed: we change the object, not the name
    print("writer: counter =", counter, "items =", items)
    written.set()


def reader():
    global seen_by_second_thread, list_seen
    written.wait()              # blocks until the writer has finished
    seen_by_second_thread = counter
    list_seen = list(items)
    print("reader sees: counter =", seen_by_second_thread, "items =", list_seen)


seen_by_second_thread = None
list_seen = None
second = threading.Thread(target=reader, name="reader")
first = threading.Thread(target=writer, name="writer")
second.start()                  # the reader starts first and waits
first.start()
first.join()
second.join()
