"""Sending Celery tasks by name, and looking at the broker, from the API process.

The API talks to the broker named by its own settings (not whatever the Celery app was
configured with at import), sends without Celery's publish retries, and turns every broker
failure into ``BrokerUnavailable`` so the routes can answer 503 instead of hanging or 500.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import redis
from kombu.exceptions import KombuError

TASK_EXTRACT_ARTICLE = "quotelens.extract_article"
TASK_DELIVER_WEBHOOK = "quotelens.deliver_webhook"

# kombu's Redis transport keeps priority sub-queues under these suffixes.
_PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")


class BrokerUnavailable(RuntimeError):
    """The message broker could not be reached or refused the message."""


class TaskQueue:
    """Publishes task messages to the Redis broker at ``broker_url``."""

    def __init__(self, broker_url: str, *, timeout_seconds: float = 3.0) -> None:
        self.broker_url = broker_url
        self.timeout_seconds = timeout_seconds

    @staticmethod
    def _celery() -> Any:
        # Imported lazily: the Celery app module is light (no tasks, no NLP) but needs the
        # settings, and importing it should not be a side effect of importing the API.
        from worker.celery_app import app

        return app

    def send(self, task_name: str, args_list: Iterable[Sequence[Any]]) -> int:
        """Publish one message per argument list over a single connection; returns the count."""
        pending = [list(args) for args in args_list]
        if not pending:
            return 0
        celery = self._celery()
        options = {
            **(celery.conf.broker_transport_options or {}),
            "max_retries": 0,
            "socket_connect_timeout": self.timeout_seconds,
            "socket_timeout": self.timeout_seconds,
        }
        try:
            with celery.connection_for_write(self.broker_url, transport_options=options) as conn:
                for args in pending:
                    celery.send_task(
                        task_name, args=args, connection=conn, retry=False, ignore_result=True
                    )
        except (KombuError, redis.RedisError, OSError) as exc:
            raise BrokerUnavailable(str(exc) or type(exc).__name__) from exc
        return len(pending)

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
                for suffix in _PRIORITY_SUFFIXES:
                    total += int(client.llen(name + suffix))
                depths[name] = total
            return depths
        except (redis.RedisError, OSError) as exc:
            raise BrokerUnavailable(str(exc)) from exc
        finally:
            client.close()
