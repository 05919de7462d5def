# socketserver for Interleave: TCPServer and ThreadingTCPServer over socket.py's network.
import socket
import threading


class BaseRequestHandler:
    def __init__(self, request, client_address, server):
        self.request = request
        self.client_address = client_address
        self.server = server
        self.setup()
        try:
            self.handle()
        finally:
            self.finish()

    def setup(self):
        pass

    def handle(self):
        pass

    def finish(self):
        pass


class StreamRequestHandler(BaseRequestHandler):
    def setup(self):
        self.connection = self.request
        self.rfile = self.request.makefile("rb")
        self.wfile = self.request.makefile("wb")


class BaseServer:
    timeout = None

    def __init__(self, server_address, RequestHandlerClass):
        self.server_address = server_address
        self.RequestHandlerClass = RequestHandlerClass
        self._shutdown = threading.Event()
        self._serving = False

    def server_activate(self):
        pass

    def serve_forever(self, poll_interval=0.5):
        import select
        self._serving = True
        self._shutdown.clear()
        try:
            while not self._shutdown.is_set():
                ready, _, _ = select.select([self.socket], [], [], poll_interval)
                if self._shutdown.is_set():
                    break
                if ready:
                    self._handle_request_noblock()
        finally:
            self._serving = False
            self._shutdown.set()

    def shutdown(self):
        self._shutdown.set()

    def handle_request(self):
        self._handle_request_noblock()

    def _handle_request_noblock(self):
        request, client_address = self.get_request()
        if self.verify_request(request, client_address):
            try:
                self.process_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
                self.shutdown_request(request)
        else:
            self.shutdown_request(request)

    def verify_request(self, request, client_address):
        return True

    def process_request(self, request, client_address):
        self.finish_request(request, client_address)
        self.shutdown_request(request)

    def server_close(self):
        pass

    def finish_request(self, request, client_address):
        self.RequestHandlerClass(request, client_address, self)

    def shutdown_request(self, request):
        self.close_request(request)

    def close_request(self, request):
        pass

    def handle_error(self, request, client_address):
        print("-" * 40)
        print("Exception occurred during processing of request from", client_address)
        print("-" * 40)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.server_close()


class TCPServer(BaseServer):
    address_family = socket.AF_INET
    socket_type = socket.SOCK_STREAM
    allow_reuse_address = False
    request_queue_size = 5

    def __init__(self, server_address, RequestHandlerClass, bind_and_activate=True):
        BaseServer.__init__(self, server_address, RequestHandlerClass)
        self.socket = socket.socket(self.address_family, self.socket_type)
        if bind_and_activate:
            try:
                self.server_bind()
                self.server_activate()
            except BaseException:
                self.server_close()
                raise

    def server_bind(self):
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()

    def server_activate(self):
        self.socket.listen(self.request_queue_size)

    def server_close(self):
        self.socket.close()

    def fileno(self):
        return self.socket.fileno()

    def get_request(self):
        return self.socket.accept()

    def shutdown_request(self, request):
        request.close()

    def close_request(self, request):
        request.close()


class _Threads:
    # The non-daemon request threads, joined by server_close (CPython's _Threads, a list there).
    def __init__(self):
        self._list = []

    def append(self, thread):
        self.reap()
        if thread.daemon:
            return
        self._list.append(thread)

    def pop_all(self):
        result, self._list = self._list, []
        return result

    def join(self):
        for thread in self.pop_all():
            thread.join()

    def reap(self):
        self._list = [thread for thread in self._list if thread.is_alive()]


class _NoThreads:
    def append(self, thread):
        pass

    def join(self):
        pass


class ThreadingMixIn:
    """Mix-in class to handle each request in a new thread."""

    daemon_threads = False
    block_on_close = True
    _threads = _NoThreads()

    def process_request_thread(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def process_request(self, request, client_address):
        if self.block_on_close:
            self.__dict__.setdefault("_threads", _Threads())
        t = threading.Thread(target=self.process_request_thread, args=(request, client_address))
        t.daemon = self.daemon_threads
        self._threads.append(t)
        t.start()

    def server_close(self):
        super().server_close()
        self._threads.join()


class ThreadingTCPServer(ThreadingMixIn, TCPServer):
    pass
