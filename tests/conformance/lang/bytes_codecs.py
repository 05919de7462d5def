# Checks str.encode and bytes.decode: utf-8 (the default), ascii and latin-1 under their
# aliases, errors strict/ignore/replace/backslashreplace (and xmlcharrefreplace for encode),
# str(b, encoding, errors), and CPython's UnicodeDecodeError / UnicodeEncodeError messages and
# attributes, including the truncated and invalid UTF-8 sequences of network data.
text = 'héllo wörld € 😀'
data = text.encode()
print(data, len(data), data.decode() == text, text.encode('utf-8') == data)
print('plain'.encode('ascii'), 'é'.encode('latin-1'), b'\xe9'.decode('latin-1'), 'x'.encode('UTF8'), b'y'.decode('Latin_1'))
print('abc'.encode(encoding='utf_8', errors='strict'), b'abc'.decode(encoding='us-ascii'))
print(text.encode('ascii', 'ignore'), text.encode('ascii', 'replace'), text.encode('ascii', 'backslashreplace'))
print(text.encode('latin-1', 'xmlcharrefreplace'), 'ü€'.encode('latin-1', errors='replace'))
raw = b'ok \xff\xfe bad \xe2\x82 end \xf0\x9f\x98'
for errors in ('ignore', 'replace', 'backslashreplace'):
    print(errors, repr(raw.decode('utf-8', errors)), repr(raw.decode('ascii', errors)))
print(str(b'caf\xc3\xa9', 'utf-8'), str(b'\xff', 'ascii', 'replace'), str(b'abc', encoding='ascii'))


def show(f):
    try:
        print('ok', repr(f()))
    except (UnicodeError, LookupError, TypeError) as e:
        print(type(e).__name__ + ':', e)
        if isinstance(e, UnicodeError):
            print('   ', e.encoding, repr(e.object), e.start, e.end, e.reason)


show(lambda: b'\xff'.decode())
show(lambda: b'ab\xe2\x82'.decode())
show(lambda: b'\xe0\x80abc'.decode())
show(lambda: b'\xed\xa0\x80'.decode('utf-8'))
show(lambda: b'\xf4\x90\x80\x80'.decode())
show(lambda: b'\xc3'.decode())
show(lambda: b'abc\x80'.decode('ascii'))
show(lambda: 'aé'.encode('ascii'))
show(lambda: 'xyz€€!'.encode('ascii'))
show(lambda: '😀'.encode('latin-1'))
show(lambda: 'ok'.encode('no-such-codec'))
show(lambda: b'\xff'.decode('utf-8', 'no-such-handler'))
show(lambda: b'fine'.decode('utf-8', 'no-such-handler'))
show(lambda: 'x'.encode(5))
show(lambda: str(5, 'utf-8'))
show(lambda: str('x', 'utf-8'))
try:
    b'\xc3\x28'.decode()
except ValueError as e:
    print('caught as ValueError:', type(e).__name__, e.args)
b'\x80 at the end'.decode()
