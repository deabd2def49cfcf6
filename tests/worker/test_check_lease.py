"""The story-check lease: short, renewed while the check runs, taken over soon after a death."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.worker.qlfakes import (
    RecordingEnqueuer,
    add_articles,
    fake_build,
    fake_extract,
    make_story,
)
from worker import records
from worker.jobs.extraction import run_extraction
from worker.jobs.reconcile import run_reconcile
from worker.jobs.story_check import run_story_check
from worker.settings import Settings
from worker.storage.db import session_scope
from worker.storage.models import StoryRow
from worker.storage.types import utcnow

LEASE = 3.0


def _marker(database_url: str, story_id: str) -> Any:
    with session_scope(database_url) as session:
        return session.scalar(select(StoryRow.check_requested_at).where(StoryRow.id == story_id))


def _extracted_story(db_session: Session, settings: Settings) -> str:
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['"The wall will hold," Ana Ortega said.'])
    run_extraction(article.id, RecordingEnqueuer(), settings=settings, extractor=fake_extract)
    return story.id


@pytest.mark.slow
def test_a_check_longer_than_its_lease_keeps_it_and_is_not_taken_over(
    settings: Settings, db_session: Session
) -> None:
    settings = settings.model_copy(update={"check_lease_seconds": LEASE})
    story_id = _extracted_story(db_session, settings)
    seen: list[tuple[Any, Any, list[str]]] = []

    def slow_build(
        articles: Sequence[records.ExtractedArticle], primaries: Sequence[records.PrimarySource]
    ) -> dict[str, Any]:
        for _ in range(3):  # 4.5 s in all: half again the lease
            time.sleep(LEASE / 2)
            marker = _marker(settings.database_url, story_id)
            # What the reconciler would do if it ran right now, long after the lease began.
            rerun = run_reconcile(RecordingEnqueuer(), settings=settings)
            seen.append((marker, utcnow(), rerun.stories))
        return fake_build(articles, primaries)

    time.sleep(settings.check_debounce_seconds)
    outcome = run_story_check(story_id, RecordingEnqueuer(), settings=settings, builder=slow_build)
    assert outcome.status == "created" and outcome.version == 1
    for marker, at, requeued in seen:
        assert marker > at, "the lease ran out while the check was still running"
        assert requeued == []
    assert _marker(settings.database_url, story_id) is None  # cleared by the save


def test_a_dead_workers_check_is_taken_over_within_a_minute(
    settings: Settings, db_session: Session
) -> None:
    story_id = _extracted_story(db_session, settings)
    # A worker claimed the check (a lease of the default length) and was killed at once.
    claimed_at = utcnow()
    lease_until = claimed_at + timedelta(seconds=settings.check_lease_seconds)
    db_session.execute(
        update(StoryRow).where(StoryRow.id == story_id).values(check_requested_at=lease_until)
    )
    db_session.commit()
    assert run_reconcile(RecordingEnqueuer(), settings=settings, now=lease_until).stories == []
    # The reconciler runs every QUOTELENS_RECONCILE_INTERVAL_SECONDS; the run that first sees
    # the overdue marker must come within a minute of the death.
    takeover = claimed_at + timedelta(
        seconds=2 * settings.check_lease_seconds
        + settings.check_debounce_seconds
        + settings.quotelens_reconcile_interval_seconds
    )
    assert takeover - claimed_at <= timedelta(seconds=60)
    enq = RecordingEnqueuer()
    assert run_reconcile(enq, settings=settings, now=takeover).stories == [story_id]
    assert enq.checks == [(story_id, 0.0)]
    outcome = run_story_check(story_id, enq, settings=settings, builder=fake_build, now=takeover)
    assert outcome.status == "created"
