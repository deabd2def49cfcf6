"""Sending Celery tasks by name, and looking at the broker, from the API process.

The API talks to the broker named by its own settings (not whatever the Celery app was
configured with at import), sends without Celery's publish retries, and turns every broker
failure into ``BrokerUnavailable`` so the routes can answer 503 instead of hanging or 500.

Broker connections are pooled: opening one per request (TCP connect plus the Redis client's
handshake) cost about 10 ms, more than all the database work of a submission. After a failure
the pool is thrown away, so the request after an outage starts from fresh connections.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import redis
from kombu.exceptions import KombuError

POOL_SIZE = 64  # broker connections kept per API process
# kombu's Redis transport keeps priority sub-queues under these suffixes.
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")


def _timed_out(exc: BaseException) -> bool:
    """Whether a timeout is anywhere in the exception's chain (kombu wraps redis errors)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, TimeoutError | redis.TimeoutError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return "timeout" in str(exc).lower() or "timed out" in str(exc).lower()


class BrokerUnavailable(RuntimeError):
    """The message broker could not be reached or refused the message."""


class TaskQueue:
    """Publishes task messages to the Redis broker at ``broker_url``."""

    def __init__(self, broker_url: str, *, timeout_seconds: float = 3.0) -> None:
        self.broker_url = broker_url
        self.timeout_seconds = timeout_seconds
        self._pool: Any = None  # kombu ConnectionPool, made on first use
        self._pool_lock = threading.Lock()
        self._proven: set[int] = set()  # ids of pooled connections that have sent before

    @staticmethod
    def _celery() -> Any:
        # Imported lazily: the Celery app module is light (no tasks, no NLP) but needs the
        # settings, and importing it should not be a side effect of importing the API.
        from worker.celery_app import app

        return app

    def _connections(self) -> Any:
        with self._pool_lock:
            if self._pool is None:
                celery = self._celery()
                options = {
                    **(celery.conf.broker_transport_options or {}),
                    "max_retries": 0,
                    "socket_connect_timeout": self.timeout_seconds,
                    "socket_timeout": self.timeout_seconds,
                }
                connection = celery.connection_for_write(self.broker_url, transport_options=options)
                # kombu closes released connections of an unlimited pool; this limit is above
                # the request thread pool's size, so a sender never waits for a connection.
                self._pool = connection.Pool(limit=POOL_SIZE)
            return self._pool

    def _discard_pool(self) -> None:
        with self._pool_lock:
            pool, self._pool = self._pool, None
            self._proven = set()
        if pool is not None:
            with contextlib.suppress(Exception):
                pool.force_close_all()

    def send(
        self,
        task_name: str,
        args_list: Iterable[Sequence[Any]],
        labels: Sequence[str] | None = None,
    ) -> int:
        """Publish one message per argument list over one pooled connection; the count.

        ``labels``: what each message is about, in words (``argsrepr``, shown by Flower
        instead of the bare ids; ``worker/jobs/task_labels.py``), one per argument list.

        A pooled connection that worked before may have died since (Redis restarted); that
        failure is retried once on a fresh connection instead of costing the client a 503.
        Tasks are idempotent, so a message published twice by the retry does no harm.
        """
        pending = [list(args) for args in args_list]
        if not pending:
            return 0
        celery = self._celery()
        while True:
            pool = self._connections()
            reused = False
            try:
                with pool.acquire(block=True, timeout=self.timeout_seconds) as conn:
                    reused = id(conn) in self._proven
                    for index, args in enumerate(pending):
                        celery.send_task(
                            task_name,
                            args=args,
                            connection=conn,
                            retry=False,
                            ignore_result=True,
                            argsrepr=labels[index] if labels is not None else None,
                        )
                    self._proven.add(id(conn))
                return len(pending)
            except (KombuError, redis.RedisError, OSError) as exc:
                self._discard_pool()
                # A timeout means a hung broker, not a stale socket: retrying would only make
                # the client wait twice as long for the same 503.
                if not reused or _timed_out(exc):
                    raise BrokerUnavailable(str(exc) or type(exc).__name__) from exc

    def close(self) -> None:
        """Close the pooled broker connections (app shutdown)."""
        self._discard_pool()

    def _client(self) -> redis.Redis:
        return redis.Redis.from_url(
            self.broker_url,
            socket_connect_timeout=self.timeout_seconds,
            socket_timeout=self.timeout_seconds,
        )

    def ping(self) -> bool:
        """Whether the broker answers."""
        client = self._client()
        try:
            return bool(client.ping())
        except (redis.RedisError, OSError):
            return False
        finally:
            client.close()

    def queue_names(self) -> list[str]:
        """The Celery queues the workers consume (default queue plus declared ones)."""
        conf = self._celery().conf
        names = {str(conf.task_default_queue)}
        for queue in conf.task_queues or ():
            names.add(str(getattr(queue, "name", queue)))
        return sorted(names)

    def depths(self) -> dict[str, int]:
        """Messages waiting per queue (raises ``BrokerUnavailable`` when Redis is down)."""
        client = self._client()
        try:
            depths: dict[str, int] = {}
            for name in self.queue_names():
                total = 0
                for suffix in PRIORITY_SUFFIXES:
                    total += int(client.llen(name + suffix))
                depths[name] = total
            return depths
        except (redis.RedisError, OSError) as exc:
            raise BrokerUnavailable(str(exc)) from exc
        finally:
            client.close()
