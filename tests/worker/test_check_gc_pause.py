"""The garbage collector is paused around a check by the job that runs it, never by the pure
checker (``worker/gc_pause.py``), and restored after, also when the check fails."""

from __future__ import annotations

import gc

import pytest

import worker.checker.matching.linker as linker_module
from tests.checker.checker_helpers import article, quote
from worker.checker import build_report
from worker.checker.matching.wording import classify
from worker.jobs import story_check

WIRE = "The port will reopen on Monday, but not before the inspection is complete."
STORY = [article(f"outlet{n}", quote(f"outlet{n}-q1", WIRE)) for n in range(2)]


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was on at each pair the checker judged."""
    states: list[bool] = []

    def spying(*args: object, **kwargs: object) -> object:
        states.append(gc.isenabled())
        return classify(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(linker_module, "classify", spying)
    monkeypatch.setattr(story_check, "BUILDER", None)
    return states


def test_the_pure_checker_leaves_the_collector_alone(seen: list[bool]) -> None:
    build_report(STORY)
    assert seen == [True]


def test_the_job_pauses_the_collector_and_restores_it(seen: list[bool]) -> None:
    assert gc.isenabled()
    story_check.default_builder(STORY, ())
    assert seen == [False]
    assert gc.isenabled()

    gc.disable()
    try:
        story_check.default_builder(STORY, ())
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_the_collector_is_restored_when_a_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(linker_module, "classify", failing)
    monkeypatch.setattr(story_check, "BUILDER", None)
    with pytest.raises(RuntimeError):
        story_check.default_builder(STORY, ())
    assert gc.isenabled()
