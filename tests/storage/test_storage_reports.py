"""Report versions: idempotent per content, monotonically growing."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.storage.storage_helpers import make_story
from worker.storage import reports, stories


def test_versions_grow_and_identical_bodies_do_not_bump(db_session: Session) -> None:
    story = make_story(db_session)
    assert reports.latest_report(db_session, story.id) is None
    assert reports.next_report_version(db_session, story.id) == 1
    first = reports.save_report(db_session, story.id, {"clusters": [], "n": 1})
    db_session.commit()
    assert first.created and first.report.version == 1
    same = reports.save_report(db_session, story.id, {"n": 1, "clusters": []})
    db_session.commit()
    assert not same.created and same.report.version == 1
    second = reports.save_report(db_session, story.id, {"clusters": [], "n": 2})
    db_session.commit()
    assert second.created and second.report.version == 2
    latest = reports.latest_report(db_session, story.id)
    assert latest is not None and latest.version == 2 and latest.body == {"clusters": [], "n": 2}
    db_session.expire_all()
    refreshed = stories.get_story(db_session, story.id)
    assert refreshed is not None and refreshed.report_version == 2
    old = reports.get_report(db_session, story.id, 1)
    assert old is not None and old.body["n"] == 1


def test_fingerprint_overrides_body_hash(db_session: Session) -> None:
    story = make_story(db_session)
    reports.save_report(db_session, story.id, {"generated_at": "t1"}, fingerprint="same")
    again = reports.save_report(db_session, story.id, {"generated_at": "t2"}, fingerprint="same")
    db_session.commit()
    assert not again.created and again.report.body == {"generated_at": "t1"}


def test_unknown_story_raises(db_session: Session) -> None:
    with pytest.raises(LookupError):
        reports.save_report(db_session, "nope", {})
    db_session.rollback()
    with pytest.raises(LookupError):
        reports.next_report_version(db_session, "nope")
