# socket for Interleave: TCP stream sockets over an in-memory network inside the run (the
# browser has no raw sockets). The machine is one host, "interleave" at 127.0.0.1: ports
# are bound run-wide, so a server and its clients may be threads, greenlets, coroutines or
# processes of one program. A connection is two engine channels (one per direction) that
# carry each send() as a message; close() ends the peer's stream (recv gives b''). In det mode
# a message, a connect and a close reach the peer after the network's latency (25 us of
# virtual time unless the run sets another: --net-latency-us). Blocking
# calls block the thread (det: in virtual time); after gevent.monkey.patch_all() they wait
# cooperatively, letting other greenlets run.
import _interleave as _il

AF_UNIX = 1
AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOL_SOCKET = 1
SO_REUSEADDR = 2
SO_KEEPALIVE = 9
SO_RCVBUF = 8
SO_SNDBUF = 7
IPPROTO_TCP = 6
TCP_NODELAY = 1
SHUT_RD = 0
SHUT_WR = 1
SHUT_RDWR = 2
SOMAXCONN = 4096

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


_HOSTNAME = "interleave"
_LOCAL = ("127.0.0.1", "localhost", "0.0.0.0", "", "::1", "::", _HOSTNAME)
_default_timeout = None
_fileno = 2


def gethostname():
    return _HOSTNAME


def gethostbyname(hostname):
    if hostname in _LOCAL:
        return "127.0.0.1"
    raise gaierror(-2, "Name or service not known (Interleave's network is in-memory: only this "
                       "machine, localhost / 127.0.0.1, can be reached)")


def getfqdn(name=""):
    return _HOSTNAME


def getdefaulttimeout():
    return _default_timeout


def setdefaulttimeout(value):
    global _default_timeout
    _default_timeout = value


def _address(address):
    if not isinstance(address, tuple) or len(address) != 2:
        raise TypeError("AF_INET address must be a pair (host, port)")
    host, port = address
    if not isinstance(port, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(port).__name__)
    if host not in _LOCAL:
        gethostbyname(host)
    return port


def _cooperative():
    try:
        import gevent.monkey
    except ImportError:
        return None
    if gevent.monkey.is_module_patched("socket"):
        import gevent
        return gevent
    return None


def _channel():
    # One direction of a connection (or a listener's queue of connects): a network channel,
    # whose messages and end of stream arrive the run's latency after they were sent (det:
    # virtual time). Sockets travel between processes inside messages: their channels may too.
    return _il.share(_il.Channel(0, True), "Listener")


class socket:
    def __init__(self, family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None):
        global _fileno
        if family not in (AF_INET, AF_INET6):
            raise OSError(97, "Address family not supported by protocol (Interleave has AF_INET)")
        if type != SOCK_STREAM:
            raise OSError(94, "Socket type not supported (Interleave's network has SOCK_STREAM only)")
        self.family = family
        self.type = type
        self.proto = proto
        _fileno += 1
        self._fd = _fileno
        self._timeout = _default_timeout
        self._local = None
        self._peer = None
        self._accepting = None
        self._in = None
        self._out = None
        self._buffer = b""
        self._eof = False
        self._closed = False
        self._owns_port = False  # bound here (an accepted socket shares its listener's)

    def __repr__(self):
        state = "closed" if self._closed else "fd=%d" % self._fd
        return "<socket.socket %s, family=%d, type=%d, proto=%d>" % (state, self.family, self.type, self.proto)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def fileno(self):
        return -1 if self._closed else self._fd

    def _check_open(self):
        if self._closed:
            raise OSError(9, "Bad file descriptor")

    # ---- options and timeouts
    def setsockopt(self, level, option, value, optlen=None):
        self._check_open()

    def getsockopt(self, level, option, buflen=None):
        self._check_open()
        return 0

    def settimeout(self, value):
        if value is not None and value < 0:
            raise ValueError("Timeout value out of range")
        self._timeout = value

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        self._timeout = None if flag else 0.0

    def getblocking(self):
        return self._timeout != 0.0

    # ---- addresses
    def bind(self, address):
        self._check_open()
        if self._local is not None:
            raise OSError(22, "Invalid argument")
        port = _il.net_bind(_address(address))
        if port is None:
            raise OSError(98, "Address already in use")
        self._local = ("127.0.0.1", port)
        self._owns_port = True

    def getsockname(self):
        self._check_open()
        return self._local if self._local is not None else ("0.0.0.0", 0)

    def getpeername(self):
        self._check_open()
        if self._peer is None:
            raise OSError(107, "Transport endpoint is not connected")
        return self._peer

    # ---- server side
    def listen(self, backlog=128):
        self._check_open()
        if self._local is None:
            self.bind(("127.0.0.1", 0))
        if self._accepting is None:
            self._accepting = _channel()
            _il.label(self._accepting, "listening %s:%d" % self._local[:2])
            _il.net_listen(self._local[1], self._accepting)

    def _take(self, channel, what):
        # One message from `channel` under this socket's timeout; None at the end of the stream.
        gevent = _cooperative()
        if gevent is not None and self._timeout != 0.0:
            return self._take_cooperatively(gevent, channel, what)
        try:
            if self._timeout == 0.0:
                return channel.recv(False)
            return channel.recv(True, self._timeout)
        except EOFError:
            return None
        except Exception as e:
            if type(e).__name__ != "Empty":
                raise
            if self._timeout == 0.0:
                raise BlockingIOError(11, "Resource temporarily unavailable")
            raise TimeoutError("timed out")

    def _take_cooperatively(self, gevent, channel, what):
        # The hub wakes this greenlet when the socket is readable (another greenlet may
        # still take the message first: then wait again, for what is left of the timeout).
        import time
        deadline = None if self._timeout is None else time.monotonic() + self._timeout
        while not channel.poll():
            left = None if deadline is None else deadline - time.monotonic()
            if (left is not None and left <= 0) or not gevent.get_hub().wait_readable(channel, left):
                raise TimeoutError("timed out")
        try:
            return channel.recv(False)
        except EOFError:
            return None

    def accept(self):
        self._check_open()
        if self._accepting is None:
            raise OSError(22, "Invalid argument")
        request = self._take(self._accepting, "accept")
        if request is None:
            raise OSError(9, "Bad file descriptor")
        peer, to_server, to_client = request
        conn = socket(self.family, self.type, self.proto)
        conn._local = self._local
        conn._peer = peer
        conn._in = to_server
        conn._out = to_client
        return conn, peer

    # ---- client side
    def connect(self, address):
        self._check_open()
        if self._in is not None:
            raise OSError(106, "Transport endpoint is already connected")
        port = _address(address)
        listener = _il.net_lookup(port)
        if listener is None:
            raise ConnectionRefusedError(111, "Connection refused")
        if self._local is None:
            self._local = ("127.0.0.1", _il.net_bind(0))
            self._owns_port = True
        to_server = _channel()
        to_client = _channel()
        # Objects shows the two directions by address: "socket 127.0.0.1:40001 -> 127.0.0.1:5000".
        me, them = "%s:%d" % self._local[:2], "127.0.0.1:%d" % port
        _il.label(to_server, "socket %s -> %s" % (me, them))
        _il.label(to_client, "socket %s -> %s" % (them, me))
        listener.send((self._local, to_server, to_client))
        self._in = to_client
        self._out = to_server
        self._peer = ("127.0.0.1", port)

    def connect_ex(self, address):
        try:
            self.connect(address)
        except OSError as e:
            return e.errno or 1
        return 0

    # ---- data
    def send(self, data, flags=0):
        self._check_open()
        if self._out is None:
            raise OSError(32, "Broken pipe") if self._peer else OSError(107, "Transport endpoint is not connected")
        data = bytes(data)
        if data:
            try:
                self._out.send(data)
            except OSError:
                raise BrokenPipeError(32, "Broken pipe")
        return len(data)

    def sendall(self, data, flags=0):
        self.send(data, flags)

    def recv(self, bufsize, flags=0):
        self._check_open()
        if bufsize < 0:
            raise ValueError("negative buffersize in recv")
        if self._in is None:
            raise OSError(107, "Transport endpoint is not connected")
        if not self._buffer and not self._eof:
            message = self._take(self._in, "recv")
            if message is None:
                self._eof = True
            else:
                self._buffer = message
        data = self._buffer[:bufsize]
        self._buffer = self._buffer[bufsize:]
        return data

    def _readable(self):
        if self._accepting is not None:
            return self._accepting.poll()
        return bool(self._buffer) or self._eof or (self._in is not None and self._in.poll())

    def shutdown(self, how):
        self._check_open()
        if how in (SHUT_WR, SHUT_RDWR) and self._out is not None:
            self._out.close()
            self._out = None

    def close(self):
        if self._closed:
            return
        self._closed = True
        if self._out is not None:
            self._out.close()
            self._out = None
        if self._accepting is not None:
            self._accepting.close()
        if self._owns_port:
            _il.net_release(self._local[1])

    def detach(self):
        self._closed = True
        return self._fd

    def makefile(self, mode="r", buffering=None, **kwargs):
        return SocketFile(self, mode)


class SocketFile:
    # sock.makefile(): lines read from / written to the stream (text or bytes).
    def __init__(self, sock, mode):
        self._sock = sock
        self._binary = "b" in mode
        self._pending = b""

    def readline(self):
        while b"\n" not in self._pending:
            chunk = self._sock.recv(4096)
            if not chunk:
                break
            self._pending += chunk
        i = self._pending.find(b"\n")
        if i < 0:
            line, self._pending = self._pending, b""
        else:
            line, self._pending = self._pending[:i + 1], self._pending[i + 1:]
        return line if self._binary else line.decode()

    def write(self, data):
        self._sock.sendall(data if self._binary else data.encode())
        return len(data)

    def flush(self):
        pass

    def close(self):
        pass

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


def create_connection(address, timeout=None, source_address=None):
    s = socket(AF_INET, SOCK_STREAM)
    if timeout is not None:
        s.settimeout(timeout)
    s.connect(address)
    return s


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False):
    s = socket(family, SOCK_STREAM)
    s.bind(address)
    s.listen()
    return s


def socketpair(family=AF_INET, type=SOCK_STREAM, proto=0):
    server = create_server(("127.0.0.1", 0))
    a = create_connection(server.getsockname())
    b, _ = server.accept()
    server.close()
    return a, b
