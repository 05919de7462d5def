# Checks that bytes and bytearray cross processes by value: through Process arguments, a
# Queue and a Pipe; a mutated bytearray copy never changes the sender's, and one bytearray
# sent twice in a message comes back as one object (pickle's memo).
import multiprocessing as mp


def worker(q, conn, data, buf):
    buf[0] = ord('X')
    q.put((data, buf, data.upper(), bytes(buf), type(buf).__name__))
    msg = conn.recv()
    conn.send(msg + b' echoed')


if __name__ == '__main__':
    q = mp.Queue()
    parent, child = mp.Pipe()
    buf = bytearray(b'xyz')
    p = mp.Process(target=worker, args=(q, child, b'net\x00data\xff', buf))
    p.start()
    print(q.get(), buf)
    parent.send(b'ping')
    print(parent.recv())
    p.join()
    shared = bytearray(b'ab')
    q.put([shared, shared, {b'key': shared}])
    a, b, d = q.get()
    a.append(99)
    print(a, b, d, a is b, d[b'key'] is a, shared)
