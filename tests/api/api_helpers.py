"""Helpers for API tests: reading task messages straight from the Redis broker."""

from __future__ import annotations

import base64
import json
from typing import Any

import redis

CLOSED_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def queued_tasks(redis_url: str) -> list[tuple[str, list[Any]]]:
    """(task name, args) of every Celery message waiting in any list of the broker db."""
    client = redis.Redis.from_url(redis_url)
    try:
        found: list[tuple[str, list[Any]]] = []
        for key in client.scan_iter():
            if client.type(key) != b"list":
                continue
            for raw in client.lrange(key, 0, -1):
                message = json.loads(raw)
                body = json.loads(base64.b64decode(message["body"]))
                found.append((message["headers"]["task"], list(body[0])))
        return found
    finally:
        client.close()


def task_args(redis_url: str, task: str) -> list[Any]:
    """The first argument of every queued message for ``task``."""
    return [args[0] for name, args in queued_tasks(redis_url) if name == task]


def articles_payload(*texts: str, source: str = "wire") -> dict[str, Any]:
    return {"articles": [{"source": source, "text": text} for text in texts]}
