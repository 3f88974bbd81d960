"""A real HTTP server on loopback that receives webhook deliveries, for the webhook tests."""

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes


class LoopbackReceiver:
    """Records every POST and answers with the next of ``answers`` (status, body), the last
    one repeated; ``delay`` seconds before answering. Used as a context manager: it stops when
    the block ends, whatever happens in it."""

    def __init__(self, answers=((200, b"ok"),), delay=0):
        self.answers = list(answers)
        self.delay = delay
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                receiver.received.append(
                    Received(self.path, dict(self.headers.items()), self.rfile.read(length))
                )
                if receiver.delay:
                    time.sleep(receiver.delay)
                status, body = receiver.next_answer()
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def next_answer(self):
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/sakura"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
