"""Fixtures for the worker tests: a private queue on the test Redis (db 14) per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.stack import Broker, new_broker


@pytest.fixture
def broker() -> Iterator[Broker]:
    """A unique queue and worker-name tag on Redis db 14; its queue is deleted afterwards.

    The database is never flushed: other test sessions may be using it at the same time.
    """
    b = new_broker()
    try:
        yield b
    finally:
        b.cleanup()
