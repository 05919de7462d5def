# io: in-memory text and byte streams (StringIO, BytesIO). Real files are open()'s.


class UnsupportedOperation(OSError):
    pass


class _Stream:
    def __init__(self, initial, empty):
        self._buf = initial if initial is not None else empty
        self._pos = 0
        self._empty = empty
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def write(self, s):
        self._check()
        if not isinstance(s, type(self._empty)):
            raise TypeError(self._write_error(s))
        end = self._pos + len(s)
        if self._pos > len(self._buf):
            self._buf = self._buf + self._pad(self._pos - len(self._buf))
        self._buf = self._buf[:self._pos] + s + self._buf[end:]
        self._pos = end
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            out = self._buf[self._pos:]
        else:
            out = self._buf[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def readline(self, size=-1):
        self._check()
        nl = self._buf.find(self._newline(), self._pos)
        end = len(self._buf) if nl < 0 else nl + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = self._buf[self._pos:end]
        self._pos = end
        return out

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def getvalue(self):
        self._check()
        return self._buf

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position " + str(pos))
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("Invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        size = self._pos if size is None else size
        self._buf = self._buf[:size]
        return size

    def flush(self):
        self._check()

    def close(self):
        self.closed = True

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def isatty(self):
        return False

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class StringIO(_Stream):
    def __init__(self, initial_value="", newline="\n"):
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not " + type(initial_value).__name__)
        _Stream.__init__(self, initial_value, "")

    def _write_error(self, s):
        return "string argument expected, got '" + type(s).__name__ + "'"

    def _pad(self, n):
        return "\0" * n

    def _newline(self):
        return "\n"


class BytesIO(_Stream):
    def __init__(self, initial_bytes=b""):
        _Stream.__init__(self, bytes(initial_bytes), b"")

    def write(self, b):
        if isinstance(b, bytearray):
            b = bytes(b)
        return _Stream.write(self, b)

    def _write_error(self, s):
        return "a bytes-like object is required, not '" + type(s).__name__ + "'"

    def _pad(self, n):
        return bytes(n)

    def _newline(self):
        return b"\n"

    def getbuffer(self):
        return bytearray(self._buf)


TextIOWrapper = StringIO
