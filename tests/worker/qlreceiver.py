"""A tiny loopback webhook receiver for tests: records requests, answers scripted statuses."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)  # when it arrived


@dataclass
class Receiver:
    url: str
    requests: list[Received] = field(default_factory=list)
    # (status, extra headers) answered in order; the last entry repeats
    script: list[tuple[int, dict[str, str]]] = field(default_factory=lambda: [(204, {})])
    delay: float = 0.0
    # Seconds to wait before answering, per request in arrival order (the last entry repeats);
    # ``delay`` applies when empty. Lets one receiver be slow once and fine afterwards.
    delays: list[float] = field(default_factory=list)
    arrivals: int = 0
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float) -> list[Received]:
        with self.arrived:
            ok = self.arrived.wait_for(lambda: len(self.requests) >= count, timeout=timeout)
        if not ok:
            raise AssertionError(
                f"webhook receiver got {len(self.requests)} request(s), expected {count} "
                f"within {timeout:.0f}s"
            )
        return list(self.requests)


@contextmanager
def running_receiver(
    script: list[tuple[int, dict[str, str]]] | None = None,
    delay: float = 0.0,
    port: int = 0,
    delays: list[float] | None = None,
) -> Iterator[Receiver]:
    """A receiver on ``port`` (0: any free one); a fixed port lets a test refuse connections
    first (nothing listening) and start the receiver later on the same URL."""
    state: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            receiver = state["r"]
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length)
            received = Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            with receiver.arrived:
                index = receiver.arrivals
                receiver.arrivals += 1
            delays = receiver.delays or [receiver.delay]
            delay = delays[min(index, len(delays) - 1)]
            if delay:
                threading.Event().wait(delay)
            with receiver.arrived:
                receiver.requests.append(received)
                status, extra = receiver.script[min(index, len(receiver.script) - 1)]
                receiver.arrived.notify_all()
            try:
                self.send_response(status)
                for key, value in extra.items():
                    self.send_header(key, value)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:
                pass  # the client gave up (timeout tests)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    receiver = Receiver(url=f"http://127.0.0.1:{port}/hooks/quotelens", delay=delay)
    receiver.delays = list(delays or [])
    if script is not None:
        receiver.script = script
    state["r"] = receiver
    # A short poll interval: shutdown() waits up to one interval (the default 0.5 s per test).
    thread = threading.Thread(
        target=server.serve_forever, args=(0.02,), name="webhook-receiver", daemon=True
    )
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
