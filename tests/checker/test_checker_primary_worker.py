"""Primary sources through the service's worker path: stored article -> extraction -> check.

The API stores ``primary``/``speaker`` per article; this test runs the real extraction and the
real checker through the job functions (no broker) against both databases, and reads the
stored report.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.worker.qlfakes import RecordingEnqueuer
from worker.jobs.extraction import run_extraction
from worker.jobs.story_check import run_story_check
from worker.settings import Settings
from worker.storage import stories
from worker.storage.articles import NewArticle, submit_articles
from worker.storage.keys import get_or_create_tenant
from worker.storage.models import ReportRow
from worker.storage.types import utcnow

pytestmark = pytest.mark.integration
WATER = Path(__file__).resolve().parents[1] / "data" / "primary" / "brenmoor-water"


def test_a_stored_primary_article_gets_primary_checks(
    settings: Settings, db_session: Session
) -> None:
    owner = get_or_create_tenant(db_session, "t1")
    story = stories.create_story(db_session, owner.id, "water")
    submitted = [
        NewArticle(source=name, text=(WATER / f"{name}.txt").read_text())
        for name in ("brenmoor-gazette", "river-times")
    ]
    submitted.append(
        NewArticle(
            source="board",
            text=(WATER / "statement.txt").read_text(),
            primary=True,
            speaker="Brenmoor Water Board",
        )
    )
    results = submit_articles(db_session, story.id, submitted)
    db_session.commit()
    enqueue = RecordingEnqueuer()
    for result in results:
        assert run_extraction(result.id, enqueue, settings=settings).status == "done"
    later = utcnow() + timedelta(seconds=settings.check_debounce_seconds + 1)
    assert run_story_check(story.id, enqueue, settings=settings, now=later).status == "created"

    db_session.expire_all()
    (report,) = db_session.scalars(select(ReportRow).where(ReportRow.story_id == story.id)).all()
    body = report.body
    primary = next(article for article in body["articles"] if article["primary"])
    assert (primary["source"], primary["speaker"], primary["quotes"]) == (
        "board",
        "Brenmoor Water Board",
        [],
    )
    statuses = sorted((check["status"], check["severity"]) for check in body["primary_checks"])
    assert statuses == [
        ("contradicted", "major"),
        ("verified", None),
        ("verified", None),
        ("verified", None),
    ]
    assert body["summary"]["verified"] == 3
