"""Fixtures of the fault-injection tests (``pytest -m faults``).

Each scenario records a one-line summary of what it did and what survived through the
``reliability`` fixture; the lines are printed at once (visible with ``-s``) and again in a
"reliability" section at the end of the run, which is where the README's figures come from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from scripts.stack import Broker, new_broker

_SUMMARIES: list[str] = []


@pytest.fixture
def broker() -> Iterator[Broker]:
    """A unique queue on the shared test Redis (db 14); its messages are deleted afterwards."""
    shared = new_broker()
    yield shared
    shared.cleanup()


@pytest.fixture
def reliability(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Record the scenario's one-line summary (test id + figures)."""

    def record(line: str) -> None:
        text = f"{request.node.name}: {line}"
        print(f"\nRELIABILITY {text}")
        _SUMMARIES.append(text)

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _SUMMARIES:
        terminalreporter.section("reliability (fault-injection figures)")
        for line in _SUMMARIES:
            terminalreporter.write_line(line)
