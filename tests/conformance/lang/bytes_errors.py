# Checks CPython's TypeError / ValueError / IndexError messages for bytes misuse: mixing str
# and bytes, out-of-range bytes, bad constructor arguments, immutability, unhashable
# bytearray, bad indices and formatting; it ends with an uncaught error.


def show(f):
    try:
        print('ok', repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)


def assign(target, key, value):
    target[key] = value
    return target


def assign_slice(target, start, stop, step, value):
    target[start:stop:step] = value
    return target


def iadd(target, value):
    target += value
    return target


show(lambda: b'a' + 'b')
show(lambda: bytearray(b'a') + 'b')
show(lambda: b'a' + 1)
show(lambda: 'a' + b'b')
show(lambda: b'a' * 'x')
show(lambda: b'a' < 'a')
show(lambda: 'a' in b'abc')
show(lambda: 256 in b'abc')
show(lambda: b'abc'.find('a'))
show(lambda: b'abc'.count(300))
show(lambda: b'a,b'.split(','))
show(lambda: b'abc'.strip('a'))
show(lambda: b'abc'.replace('a', 'b'))
show(lambda: b'abc'.startswith('a'))
show(lambda: b','.join(['a', 'b']))
show(lambda: b','.join([b'a', 2]))
show(lambda: b'abc'.index(b'z'))
show(lambda: b'abc'[3])
show(lambda: b'abc'['0'])
show(lambda: bytearray(b'abc')[-4])
show(lambda: bytearray(b'abc')[1.0])
show(lambda: bytes(-1))
show(lambda: bytes('text'))
show(lambda: bytes(1.5))
show(lambda: bytearray(None))
show(lambda: bytes([1, 256]))
show(lambda: bytearray([-1]))
show(lambda: bytes(['a']))
show(lambda: bytes(3, 'utf-8'))
show(lambda: bytes(2 ** 70))
show(lambda: bytes.fromhex('0g'))
show(lambda: bytes.fromhex('abc'))
show(lambda: b'a'.hex('::'))
show(lambda: hash(bytearray(b'x')))
show(lambda: {bytearray(b'x'): 1})
show(lambda: assign(b'abc', 0, 1))
show(lambda: assign(bytearray(b'abc'), 0, 256))
show(lambda: assign(bytearray(b'abc'), 5, 1))
show(lambda: assign(bytearray(b'abc'), 0, b'a'))
show(lambda: assign_slice(bytearray(b'abc'), 0, 1, None, 5))
show(lambda: assign_slice(bytearray(b'abcdef'), None, None, 2, b'xy'))
show(lambda: assign_slice(bytearray(b'abc'), 0, 2, None, [1, 300]))
show(lambda: assign_slice(bytearray(b'abc'), 0, 2, None, 'xy'))
show(lambda: iadd(bytearray(b'abc'), 'd'))
show(lambda: bytearray().pop())
show(lambda: bytearray(b'a').pop(3))
show(lambda: bytearray(b'a').remove(98))
show(lambda: bytearray(b'a').append(256))
show(lambda: bytearray(b'a').append('b'))
show(lambda: bytearray(b'a').extend(5))
show(lambda: bytearray(b'a').extend('bc'))
show(lambda: b'abc'.upper(1))
show(lambda: format(b'abc', '>10'))
show(lambda: b'%d' % 'x')
show(lambda: b'%s' % 'str')
show(lambda: b'%s %s' % (b'one',))
show(lambda: b'%s' % (b'one', b'two'))
show(lambda: b'%c' % 256)
show(lambda: b'%(k)s' % (b'tuple',))
show(lambda: b'%y' % 1)
show(lambda: sum([b'a', b'b'], b''))
data = b'payload'
data[0] = 80
