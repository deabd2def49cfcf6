"""Fixtures for the end-to-end tests; the process helpers live in scripts/stack.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.stack import Broker, new_broker


@pytest.fixture
def broker() -> Iterator[Broker]:
    """A unique queue and worker-name tag on Redis db 14 (never flushed: shared)."""
    b = new_broker()
    try:
        yield b
    finally:
        b.cleanup()
