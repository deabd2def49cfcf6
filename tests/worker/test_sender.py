"""One webhook attempt against a loopback receiver: headers, statuses, redirects, timeouts."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from standardwebhooks.webhooks import Webhook

from tests.worker.qlreceiver import running_receiver
from worker.storage.stories import generate_webhook_secret
from worker.webhooks.sender import send_once
from worker.webhooks.signing import encode_body, signed_headers


def test_signed_post_arrives_and_verifies() -> None:
    secret = generate_webhook_secret()
    body = encode_body({"type": "story.report.updated", "version": 1})
    with running_receiver() as receiver:
        result = send_once(
            receiver.url,
            body,
            signed_headers(secret, "msg_1", body),
            timeout=5,
            allow_loopback=True,
        )
        assert result.status_code == 204, result
        (got,) = receiver.wait_for(1, timeout=5)
    assert got.path == "/hooks/quotelens"
    assert got.headers["host"].startswith("127.0.0.1:")
    assert got.headers["content-type"] == "application/json"
    assert Webhook(secret).verify(got.body, got.headers) == {
        "type": "story.report.updated",
        "version": 1,
    }


def test_localhost_name_keeps_host_header() -> None:
    with running_receiver() as receiver:
        url = receiver.url.replace("127.0.0.1", "localhost")
        result = send_once(url, b"{}", {}, timeout=5, allow_loopback=True)
        (got,) = receiver.wait_for(1, timeout=5)
    assert result.status_code == 204
    assert got.headers["host"].startswith("localhost:")


def test_loopback_refused_without_flag_and_nothing_is_sent() -> None:
    with running_receiver() as receiver:
        result = send_once(receiver.url, b"{}", {}, timeout=5)
        assert result.refused and result.status_code is None
        assert "loopback" in (result.error or "")
        assert receiver.requests == []


def test_status_and_retry_after_are_reported() -> None:
    with running_receiver([(503, {"Retry-After": "30"})]) as receiver:
        result = send_once(receiver.url, b"{}", {}, timeout=5, allow_loopback=True)
    assert result.status_code == 503
    assert result.retry_after == "30"
    assert result.response_excerpt == "ok"


def test_redirects_are_not_followed() -> None:
    with running_receiver([(302, {"Location": "http://127.0.0.1:1/elsewhere"})]) as receiver:
        result = send_once(receiver.url, b"{}", {}, timeout=5, allow_loopback=True)
        assert len(receiver.requests) == 1
    assert result.status_code == 302


def test_timeout_is_an_error_without_status() -> None:
    with running_receiver(delay=2.0) as receiver:
        result = send_once(receiver.url, b"{}", {}, timeout=0.3, allow_loopback=True)
    assert result.status_code is None
    assert (result.error or "").startswith("timeout")


def test_connection_refused_is_a_network_error() -> None:
    with running_receiver() as receiver:
        url = receiver.url
    # the server is closed now: nothing listens on that port
    result = send_once(url, b"{}", {}, timeout=2, allow_loopback=True)
    assert result.status_code is None
    assert (result.error or "").startswith("network error")


@pytest.mark.slow  # runs into a 1 s timeout: not in `make check`
def test_a_trickling_receiver_cannot_stretch_the_attempt_past_the_timeout() -> None:
    # Guards: the timeout bounds the whole attempt. httpx's own timeouts bound each read only,
    # so a receiver sending its answer a byte at a time (each byte well within the timeout)
    # held the worker for about 5 s here, and for up to the task's time limit in general.
    status_line = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            for byte in status_line:
                if stop.wait(0.1):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return  # the sender hung up, as it should

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        result = send_once(
            f"http://127.0.0.1:{port}/hook", b"{}", {}, timeout=1.0, allow_loopback=True
        )
    finally:
        elapsed = time.monotonic() - started
        stop.set()
        thread.join(timeout=10)
        listener.close()
    assert result.status_code is None, result
    assert (result.error or "").startswith("timeout"), result
    assert elapsed < 2.5, f"attempt took {elapsed:.1f}s with a 1s timeout"
