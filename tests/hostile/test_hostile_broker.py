"""The API's pooled broker connections under load and across a broker restart.

``TaskQueue`` keeps its Redis connections between requests (a new one per request cost about
10 ms, the largest part of a submission). That must not trade speed for robustness: a pooled
connection that died with its server is retried once on a fresh one, so the first request
after a restart still succeeds, while a broker that is really down is still a quick 503
(``BrokerUnavailable``). The server here is a private ``redis-server`` on a free loopback port,
so killing it disturbs nobody else.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from api.queue import BrokerUnavailable, TaskQueue

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def redis_on(port: int, tmp: Path) -> Iterator[subprocess.Popen[bytes]]:
    server = subprocess.Popen(
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_connect_timeout=0.5)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield server
    finally:
        client.close()
        server.kill()
        server.wait(timeout=10)


def connections_made(port: int) -> int:
    """Connections the server has accepted so far, not counting this query's own."""
    client = redis.Redis(port=port)
    try:
        return int(client.info("stats")["total_connections_received"]) - 1
    finally:
        client.close()


def test_connections_are_reused_and_survive_a_broker_restart(tmp_path: Path) -> None:
    port = free_port()
    queue = TaskQueue(f"redis://127.0.0.1:{port}/0", timeout_seconds=1.0)
    try:
        with redis_on(port, tmp_path):
            for n in range(5):
                assert queue.send("quotelens.extract_article", [[f"a{n}"]]) == 1
            before = connections_made(port)
            for n in range(5, 20):
                assert queue.send("quotelens.extract_article", [[f"a{n}"]]) == 1
            # The pooled connection is reused: 15 more sends open no new connection (the
            # query above and the one below account for one each).
            assert connections_made(port) == before + 1
            assert queue.depths()[queue.queue_names()[0]] == 20
        with redis_on(port, tmp_path):  # same address, new server: the pooled socket is dead
            assert queue.send("quotelens.extract_article", [["after-restart"]]) == 1
            assert queue.depths()[queue.queue_names()[0]] == 1
        started = time.monotonic()
        with pytest.raises(BrokerUnavailable):
            queue.send("quotelens.extract_article", [["while-down"]])
        assert time.monotonic() - started < 5  # refused quickly, bounded by the timeouts
        with redis_on(port, tmp_path):
            assert queue.send("quotelens.extract_article", [["recovered"]]) == 1
    finally:
        queue.close()
