"""Beat sends the delivery dispatcher only when a delivery is due, so Flower shows no empty
runs every few seconds; the task labels name story and outlet instead of bare ids."""

from __future__ import annotations

import pickle
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from tests.worker.qlfakes import add_articles, make_story
from worker.celery_app import DELIVERIES_DUE_PROBE, build_config
from worker.housekeeping import WhenDue
from worker.jobs import task_labels
from worker.settings import Settings, get_settings
from worker.storage import deliveries as delivery_repo
from worker.storage.db import get_engine
from worker.storage.types import utcnow

NOTHING = "builtins:bool"  # bool() is False
SOMETHING = "builtins:object"  # object() is truthy
BROKEN = "worker.housekeeping:no_such_probe"


@pytest.mark.parametrize(("probe", "sent"), [(NOTHING, False), (SOMETHING, True), (BROKEN, True)])
def test_an_elapsed_interval_sends_the_task_only_when_there_is_work(probe: str, sent: bool) -> None:
    schedule = WhenDue(5.0, probe)
    state = schedule.is_due(utcnow() - timedelta(seconds=6))
    assert state.is_due is sent
    assert state.next == 5.0
    assert WhenDue(5.0, SOMETHING).is_due(utcnow()).is_due is False  # not yet elapsed


def test_the_schedule_survives_beats_schedule_file() -> None:
    entry = build_config("redis://x")["beat_schedule"]["dispatch-due-deliveries"]
    copy = pickle.loads(pickle.dumps(entry["schedule"]))
    assert isinstance(copy, WhenDue) and copy.probe == DELIVERIES_DUE_PROBE
    assert copy.seconds == entry["schedule"].seconds


@pytest.fixture
def configured(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The process settings pointed at the test database (the probe reads them)."""
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield settings
    get_settings.cache_clear()
    get_engine.cache_clear()


def test_the_probe_reads_due_deliveries(configured: Settings, db_session: Session) -> None:
    probe = WhenDue(5.0, DELIVERIES_DUE_PROBE)
    story = make_story(db_session, webhook_url="https://receiver.example/hook")
    assert probe.has_work() is False
    delivery = delivery_repo.create_delivery(db_session, story.id, 1, now=utcnow())
    db_session.commit()
    assert delivery is not None and delivery.status == "pending"
    assert probe.has_work() is True
    assert task_labels.label_delivery(delivery.id) == (
        f"story {story.name!r} · report v1 · delivery {delivery.id}"
    )


def test_labels_name_story_and_outlet(configured: Settings, db_session: Session) -> None:
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['Ann Lee said "yes."'])
    label = task_labels.label_article(article.id)
    assert label.startswith(f"story {story.name!r} · outlet ") and label.endswith(article.id)
    assert task_labels.label_story(story.id) == f"story {story.name!r} · {story.id}"
    assert task_labels.label_article("not-an-article") == "not-an-article"
