# Checks int.to_bytes / int.from_bytes (lengths, byte orders, signed, big ints, CPython's
# errors), ord() of one byte, and a length-prefixed framing of messages as network code
# writes it.
for f in [lambda: (5).to_bytes(), lambda: (-1).to_bytes(2, "big", signed=True), lambda: (256).to_bytes(1, "big"),
          lambda: (-1).to_bytes(2, "little"), lambda: (1).to_bytes(-1, "big"), lambda: (1).to_bytes(2, "middle"),
          lambda: int.from_bytes(b"\xff\xfe", "little", signed=True), lambda: int.from_bytes([1, 2], "big"), lambda: int.from_bytes(b""),
          lambda: (2**70).to_bytes(10, "big"), lambda: int.from_bytes(b"\x80" + bytes(9), signed=True), lambda: (-129).to_bytes(1, signed=True),
          lambda: (-128).to_bytes(1, signed=True), lambda: (1).to_bytes(2, byteorder="little"), lambda: int.from_bytes("ab"),
          lambda: (1).to_bytes(2, 5), lambda: (1).to_bytes(1.5), lambda: ord(b"ab"), lambda: ord(bytearray(b"z")), lambda: ord(b'A'),
          lambda: (-2**70).to_bytes(10, 'little', signed=True), lambda: int.from_bytes((-2**70).to_bytes(10, 'little', signed=True), 'little', signed=True),
          lambda: int.from_bytes(b'\x00\x10', 'big'), lambda: (0).to_bytes(0, 'big'), lambda: (65535).to_bytes(2, 'big', signed=True),
          lambda: int.from_bytes(bytes(range(1, 20)), 'big'), lambda: len((7).to_bytes(4, 'big'))]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


def frame(payload):
    return len(payload).to_bytes(2, 'big') + payload


def unframe(stream):
    out = []
    while stream:
        n = int.from_bytes(stream[:2], 'big')
        out.append(stream[2:2 + n])
        stream = stream[2 + n:]
    return out


wire = b''.join(frame(m.encode()) for m in ['hello', 'wörld', '', 'x' * 300])
print(len(wire), wire[:9], unframe(wire)[:3], len(unframe(wire)[3]))
print([m.decode() for m in unframe(wire)][:3])
print(b'x'.fromhex('41'), bytearray(b'').fromhex('42'), (5).from_bytes(b'\x01\x00', 'little'))
