# Checks the operations on bytes and bytearray a network program uses: constructors, indexing
# (ints), slicing, iteration, in, + and *, join/split/strip/find/replace and the other
# methods, hex/fromhex, bytes formatting with %, and bytearray mutation (append, extend, +=,
# item and slice assignment, del, pop, insert, remove, clear).
print(bytes(), bytes(4), bytes([65, 66, 0, 255]), bytes(range(3)), bytes(x * 2 for x in range(4)))
print(bytes(b'copy'), bytes(bytearray(b'ba')), bytes('é', 'utf-8'), bytes('é', encoding='latin-1'), bytes(source=b's'))
print(bytearray(), bytearray(3), bytearray([1, 2]), bytearray(b'abc'), bytearray('ü', 'utf-8'), bytearray((7,)))
msg = b'GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n'
print(msg[0], msg[-1], msg[:3], msg[4:15], msg[::-1][:6], msg[100:], len(msg), msg[-4:] == b'\r\n\r\n')
print(list(b'AZ'), [c for c in bytearray(b'\x00\xff')], sum(b'\x01\x02\x03'), max(b'abc'), sorted(b'cab'))
print(71 in msg, b'HTTP' in msg, b'' in msg, b'nope' in msg, bytearray(b'Host') in msg, 0 not in msg)
print(b'ab' + b'cd', b'ab' + bytearray(b'cd'), bytearray(b'ab') + b'cd', b'-' * 5, 3 * b'ab', b'x' * 0, b'x' * -2)
line, _, rest = msg.partition(b'\r\n')
method, path, version = line.split()
print(method, path, version, rest.rpartition(b': '), line.split(b' ', 1), line.rsplit(maxsplit=1))
print(msg.split(b'\r\n'), msg.splitlines(), b'a\nb\r\nc\rd'.splitlines(True))
print(b'  pad\t\n'.strip(), b'xxdataxx'.strip(b'x'), b'  l'.lstrip(), b'r  '.rstrip(), b'<a>'.strip(b'<>'))
print(msg.find(b'Host'), msg.find(b'none'), msg.find(72), msg.rfind(b'\r\n'), msg.index(b'/'), msg.count(b'\r\n'), b'aaaa'.count(b'aa'))
print(b'abcabc'.find(b'c', 3), b'abcabc'.find(b'a', 1, 3), b'abc'.find(b''), b'abc'.find(b'', 3), b'abc'.find(b'', 4), b'abc'.count(b''))
print(msg.startswith(b'GET'), msg.startswith((b'POST', b'GET')), msg.endswith(b'\r\n'), b'abc'.startswith(b'b', 1), b'abc'.endswith(b'b', 0, 2))
print(b'a-b-c'.replace(b'-', b'+'), b'a-b-c'.replace(b'-', b'', 1), b'abc'.replace(b'', b'.'), b'AbC'.upper(), b'AbC'.lower(), b'AbC'.swapcase())
print(b','.join([b'a', bytearray(b'b'), b'c']), b''.join([]), bytearray(b'|').join([b'x', b'y']), b'pre-x'.removeprefix(b'pre-'), b'x.txt'.removesuffix(b'.txt'))
print(b'123'.isdigit(), b'12a'.isdigit(), b'abc'.isalpha(), b'ab1'.isalnum(), b' \t'.isspace(), b'\x80'.isascii(), b'AB'.isupper(), b'ab'.islower(), b''.isdigit())
print(b'\x00\x01\xab\xff'.hex(), bytearray(b'hi').hex(), b'\x01\x02\x03\x04\x05'.hex(':'), b'\x01\x02\x03\x04\x05'.hex('-', 2), b'\x01\x02\x03\x04\x05'.hex(' ', -2))
print(bytes.fromhex('48 65 6c6c 6f'), bytearray.fromhex('00ff'), bytes.fromhex(''), bytes.hex(b'\x10'))
print(b'%d %i %5d|%-5d|%05d %x %X %o %c %c' % (42, -7, 3, 4, 5, 255, 255, 8, 65, b'B'))
print(b'%s and %b and %r and %a' % (b'bytes', bytearray(b'arr'), b'repr', 'ascii\xe9'))
print(b'%.2f %e %g %%' % (3.14159, 12345.678, 0.0001), b'%(k)s=%(v)d' % {b'k': b'key', b'v': 9}, b'%5s|%-5s|%.2s' % (b'ab', b'cd', b'efg'))
print(b'no args' % (), b'%s' % b'single', bytearray(b'%d') % 7)
buf = bytearray(b'hello')
buf.append(33)
buf.extend(b' wor')
buf.extend([108, 100])
buf += b'!'
buf += bytearray(b'?')
print(buf, len(buf))
buf[0] = 72
buf[-1] = ord('.')
buf[1:5] = b'ELLO'
buf[6:6] = b'big '
print(buf)
del buf[0]
del buf[-3:]
del buf[::2]
print(buf, buf.pop(), buf.pop(0), buf)
buf.insert(0, 65)
buf.insert(100, 90)
buf.insert(-1, 89)
buf.remove(65)
print(buf, bytes(buf), buf.copy() == buf, buf.copy() is buf)
buf.reverse()
print(buf)
buf[::2] = bytes(len(buf[::2]))
print(buf)
buf.clear()
print(buf, len(buf))
counts = {}
for chunk in [b'ab', b'cd', b'ab']:
    counts[chunk] = counts.get(chunk, 0) + 1
print(counts)
frame = bytearray()
for part in (b'len', b':', str(12).encode(), b'\n'):
    frame += part
print(bytes(frame), frame.decode().strip().split(':'))
x = b'imm'
y = x
x += b'utable'
print(x, y, x is y)
z = bytearray(b'mut')
w = z
z += b'able'
z *= 2
print(z, w, z is w)
