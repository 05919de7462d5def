# Checks select and selectors over many sockets of which a few are ready: which ones are reported
# (data, data left in the buffer by a short recv, end of stream, a pending connection on a
# listener), for read and write, after unregister and modify, and that nothing else is.
import select
import selectors
import socket

listener = socket.create_server(("127.0.0.1", 0))
address = listener.getsockname()
pairs = []
for i in range(40):
    client = socket.create_connection(address)
    conn, _ = listener.accept()
    pairs.append((client, conn))
servers = [conn for _, conn in pairs]

sel = selectors.DefaultSelector()
for i, conn in enumerate(servers):
    sel.register(conn, selectors.EVENT_READ, data=i)
sel.register(listener, selectors.EVENT_READ, data="listener")
print("idle:", sel.select(timeout=0.05))


def ready(timeout=5):
    return sorted((str(key.data), mask) for key, mask in sel.select(timeout))


for i in (3, 17, 39):
    pairs[i][0].sendall(b"line %d\n" % i)
print("three sent:", ready())
print("short recv:", servers[17].recv(3))
for i in (3, 39):
    servers[i].recv(100)
print("rest of 17 buffered:", ready())
print("rest:", servers[17].recv(100))
pairs[5][0].close()
print("end of stream:", ready(), servers[5].recv(10))
sel.unregister(servers[5])
late = socket.create_connection(address)
print("pending connection:", ready())
extra, _ = listener.accept()
print("after accept:", sel.select(timeout=0.05))

sel.modify(servers[8], selectors.EVENT_READ | selectors.EVENT_WRITE, data="both")
print("writable:", ready())
pairs[8][0].sendall(b"x")
select.select([servers[8]], [], [], 5)   # on a network with latency the byte is not there at once
print("both:", ready())
sel.unregister(servers[8])
pairs[9][0].sendall(b"y")
sel.unregister(servers[9])
print("unregistered ones are not reported:", sel.select(timeout=0.05))
print("keys left:", len(sel.get_map()))
sel.close()

r, w, x = select.select(servers[:20], [], [], 0.05)
print("select.select:", [servers.index(s) for s in r], w, x)
pairs[12][0].sendall(b"z")
select.select([servers[12]], [], [], 5)  # the byte's arrival (5, 8 and 9 are ready already)
r, _, _ = select.select(servers[:20], [], [], 5)
print("select.select ready:", [servers.index(s) for s in r])
try:
    select.select([servers[0], object()], [], [], 0)
except TypeError as e:
    print("not a socket:", e)
for client, conn in pairs:
    client.close()
    conn.close()
late.close()
extra.close()
listener.close()
