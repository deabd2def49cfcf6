"""Fixtures for the end-to-end tests; the process helpers live in tests/worker (qlstack)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_WORKER_TESTS = str(Path(__file__).resolve().parents[1] / "worker")
if _WORKER_TESTS not in sys.path:
    sys.path.insert(0, _WORKER_TESTS)

from qlstack import Broker, new_broker  # noqa: E402


@pytest.fixture
def broker() -> Iterator[Broker]:
    """A unique queue and worker-name tag on Redis db 14 (never flushed: shared)."""
    b = new_broker()
    try:
        yield b
    finally:
        b.cleanup()
