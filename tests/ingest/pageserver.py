"""A loopback web server for ingestion tests: scripted pages, redirects, slow and huge bodies.

Tests never reach the internet; every page is served from 127.0.0.1. ``GuardTransport`` is the
safety net for tests about forbidden addresses: it forwards only requests pinned to loopback
and records (instead of sending) anything else, so a bug in the address policy shows up as a
failed assertion, never as traffic to a private network.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

PAGES = Path(__file__).resolve().parent / "pages"
NEWS_PAGE = PAGES / "harbor-news.html"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Route:
    """One scripted answer. ``drip``: send the body in pieces with that pause between them;
    ``header_drip``: send the status line, then the headers one byte per that pause;
    ``chunked``: no Content-Length (the client cannot know the size up front)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": HTML})
    delay: float = 0.0
    drip: float = 0.0
    header_drip: float = 0.0
    chunked: bool = False


def page(path: Path = NEWS_PAGE) -> Route:
    return Route(body=path.read_bytes())


def redirect(location: str, status: int = 302) -> Route:
    return Route(status=status, headers={"location": location})


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class PageServer:
    base: str
    routes: dict[str, Route]
    seen: list[Seen] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])


def _send_body(handler: BaseHTTPRequestHandler, route: Route) -> None:
    if route.chunked:
        pieces = [route.body[i : i + 8192] for i in range(0, len(route.body), 8192)]
        for piece in pieces:
            handler.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            handler.wfile.flush()
            if route.drip:
                time.sleep(route.drip)
        handler.wfile.write(b"0\r\n\r\n")
        return
    if route.drip:
        for byte in route.body:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(route.drip)
        return
    handler.wfile.write(route.body)


def _drip_headers(handler: BaseHTTPRequestHandler, route: Route) -> None:
    """A status line at once, then a 40-byte header one byte at a time, then the page."""
    handler.wfile.write(f"HTTP/1.1 {route.status} OK\r\nx-slow: ".encode())
    handler.wfile.flush()
    for _ in range(40):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(route.header_drip)
    head = f"\r\ncontent-length: {len(route.body)}\r\nconnection: close\r\n"
    for key, value in route.headers.items():
        head += f"{key}: {value}\r\n"
    handler.wfile.write(head.encode() + b"\r\n" + route.body)


@contextmanager
def running_page_server(routes: dict[str, Route]) -> Iterator[PageServer]:
    """Serve ``routes`` (path -> Route; unknown paths are 404) on a free loopback port."""
    state: dict[str, PageServer] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            server = state["s"]
            server.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(self.path, Route(status=404, body=b"not found"))
            try:
                if route.delay:
                    time.sleep(route.delay)
                if route.header_drip:
                    _drip_headers(self, route)
                    return
                self.send_response(route.status)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if route.chunked:
                    self.send_header("transfer-encoding", "chunked")
                else:
                    self.send_header("content-length", str(len(route.body)))
                self.send_header("connection", "close")
                self.end_headers()
                _send_body(self, route)
            except OSError:
                pass  # the client gave up (timeout and size tests)

        def log_message(self, format: str, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server = PageServer(f"http://127.0.0.1:{httpd.server_address[1]}", dict(routes))
    state["s"] = server
    # A short poll interval: shutdown() waits up to one interval (the default 0.5 s per test).
    thread = threading.Thread(
        target=httpd.serve_forever, args=(0.02,), name="page-server", daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


class GuardTransport(httpx.BaseTransport):
    """Sends requests pinned to loopback; records and refuses every other destination."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport(trust_env=False)
        self.sent: list[httpx.Request] = []
        self.blocked: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host not in ("127.0.0.1", "::1"):
            self.blocked.append(request)
            raise httpx.ConnectError(f"test guard: no traffic to {request.url.host}")
        self.sent.append(request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def fixed_resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    """A resolver answering from ``table`` (unknown names fail like a missing DNS entry)."""
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in table:
            raise OSError(f"no such test host {host!r}")
        return list(table[host])

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve
