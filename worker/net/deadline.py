"""One deadline for a whole HTTP exchange: connect, status line, headers and body.

httpx's timeouts bound each network operation, not the exchange: a server that sends its
status line and then one header byte per second, each within the read timeout, holds the
caller until the task's time limit. ``ExchangeDeadline`` is passed as the ``trace`` request
extension; httpcore hands over each socket once it is connected, and a timer shuts the socket
down at the deadline, so the pending read fails at once. Connecting itself is bounded by the
connect timeout, which callers set to the time left.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import suppress
from typing import Any

CONNECTED = "connection.connect_tcp.complete"


class ExchangeDeadline:
    """Cuts every connection opened under it when ``seconds`` have passed since creation.

    One object can cover several connections (a fetch that follows redirects opens one per
    hop); each gets its own timer aimed at the same deadline. Call ``cancel`` when done.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.expired = threading.Event()
        self._timers: list[threading.Timer] = []
        self._lock = threading.Lock()

    def left(self) -> float:
        """Seconds until the deadline (0 when it has passed)."""
        return max(0.0, self.deadline - time.monotonic())

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """The httpcore ``trace`` hook: arm a timer for each connected socket."""
        if event != CONNECTED:
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        timer = threading.Timer(self.left(), self._expire, args=(sock,))
        timer.daemon = True
        with self._lock:
            self._timers.append(timer)
        timer.start()

    def _expire(self, sock: socket.socket) -> None:
        self.expired.set()
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        with self._lock:
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()
