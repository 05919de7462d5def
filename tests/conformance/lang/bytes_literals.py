# Checks bytes literals and repr: prefixes (b, B, rb, Rb, bR), escapes (\x, octal, \n \t \r,
# \\, quotes, \u kept literally), adjacent literal concatenation, triple quotes, and repr/str
# of bytes and bytearray exactly as CPython (quote choice, \x.. for bytes outside 0x20..0x7e).
a = b'plain'
b = B"double"
c = rb'raw\n\x00'
d = Rb'R' bR'B'
e = b'\x00\x01\x7f\x80\xff'
f = b'\101\102\7\0\377'
g = b'tab\there\nnewline\rreturn\\backslash'
h = b'it\'s' b" \"quoted\""
i = b'\u1234 \N{DASH} \q'
j = b"""triple
quoted"""
k = b'con' b'cat' B'enated'
empty = b''
for v in (a, b, c, d, e, f, g, h, i, j, k, empty):
    print(repr(v), len(v))
print(b"'", b'"', b'\'"', b"'\"'")
print(str(b'x'), f'{b"y"}', f'{b"z"!r:>8}|', '%s %r' % (b'p', b'q'), '{} {!r}'.format(b'r', b's'))
print(bytearray(b'ba'), repr(bytearray()), str(bytearray(b"'")))
print([b'in', b'a', b'list'], (b'tu',), {b'key': b'value'})
print(type(a).__name__, type(bytearray()).__name__, bytes, bytearray)
print(isinstance(a, bytes), isinstance(bytearray(), bytes), isinstance(a, bytearray), isinstance(a, str))
print(a == b'plain', a != b'plain', a == 'plain', bytearray(b'plain') == a)
print(b'abc' < b'abd', b'ab' < b'abc', b'\xff' > b'a', b'b' >= bytearray(b'a'), sorted([b'b', b'', b'a\x00', b'a']))
print(hash(b'same') == hash(b'same'), {b'k': 1, b'k2': 2}[b'k2'], b'k' in {b'k': 0}, len({b'a', b'a', b'b'}))
print(bool(b''), bool(b'\x00'), not bytearray())
