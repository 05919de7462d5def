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


class TCPServer:
    allow_reuse_address = False
    request_queue_size = 5
    timeout = None

    def __init__(self, server_address, RequestHandlerClass, bind_and_activate=True):
        self.server_address = server_address
        self.RequestHandlerClass = RequestHandlerClass
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._shutdown = threading.Event()
        self._serving = False
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

    def fileno(self):
        return self.socket.fileno()

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
        request, client_address = self.socket.accept()
        try:
            self.process_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
            self.shutdown_request(request)

    def process_request(self, request, client_address):
        self.finish_request(request, client_address)
        self.shutdown_request(request)

    def finish_request(self, request, client_address):
        self.RequestHandlerClass(request, client_address, self)

    def shutdown_request(self, request):
        request.close()

    def handle_error(self, request, client_address):
        print("-" * 40)
        print("Exception occurred during processing of request from", client_address)
        print("-" * 40)

    def server_close(self):
        self.socket.close()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.server_close()


class ThreadingTCPServer(TCPServer):
    # A thread per request (ThreadingMixIn + TCPServer in CPython).
    daemon_threads = False

    def process_request_thread(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def process_request(self, request, client_address):
        t = threading.Thread(target=self.process_request_thread, args=(request, client_address))
        t.daemon = self.daemon_threads
        t.start()


ThreadingMixIn = ThreadingTCPServer
