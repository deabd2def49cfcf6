"""Tasks executed by real Celery worker processes on real Redis (db 14) and real databases.

NLP and the checker are faked inside the worker (``qlworker_fake_app``) so these tests are
about the task plumbing: idempotency, debouncing, scale-out, DB-scheduled webhook retries.
The full pipeline with spaCy and the checker runs in tests/e2e.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from scripts.stack import Broker, celery_app, running_workers, service_env, wait_until
from tests.worker.qlfakes import FAIL_MARKER, add_articles, make_story
from tests.worker.qlreceiver import running_receiver
from worker.storage.models import ArticleRow, Delivery, DeliveryAttempt, ReportRow, StoryRow
from worker.task_names import TASK_EXTRACT_ARTICLE

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

FAKE_APP = "tests.worker.qlworker_fake_app:app"


def _statuses(session: Session, story_id: str) -> dict[str, int]:
    session.expire_all()
    rows = session.execute(
        select(ArticleRow.status, func.count())
        .where(ArticleRow.story_id == story_id)
        .group_by(ArticleRow.status)
    )
    return {str(status): int(count) for status, count in rows}


def _reports(session: Session, story_id: str) -> list[ReportRow]:
    session.expire_all()
    return list(
        session.scalars(
            select(ReportRow).where(ReportRow.story_id == story_id).order_by(ReportRow.version)
        )
    )


def _settled(session: Session, story_id: str) -> bool:
    """All articles finished, a report exists and no check is pending."""
    statuses = _statuses(session, story_id)
    if statuses.get("queued") or statuses.get("processing"):
        return False
    story = session.get(StoryRow, story_id, populate_existing=True)
    return story is not None and story.check_requested_at is None and story.report_version > 0


def _send_extract(app: Any, ids: list[str]) -> None:
    for article_id in ids:
        app.send_task(TASK_EXTRACT_ARTICLE, args=[article_id])


def test_extraction_stores_quotes_once_when_the_task_runs_twice(
    tmp_path: Path, database_url: str, broker: Broker, db_session: Session
) -> None:
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['One "alpha", two "beta", three "gamma".'])
    env = service_env(database_url, broker, QUOTELENS_PRELOAD_MODEL="0")
    app = celery_app(broker)
    with running_workers(tmp_path, env, broker, ["w1"], app=FAKE_APP, concurrency=2) as procs:
        # The same message twice, at once (at-least-once delivery): two pool processes race.
        _send_extract(app, [article.id, article.id])
        wait_until(
            lambda: _settled(db_session, story.id),
            90,
            lambda: f"article not extracted: {_statuses(db_session, story.id)}",
            procs,
        )
        first = db_session.get(ArticleRow, article.id, populate_existing=True)
        assert first is not None
        processed_at = first.processed_at

        # And once more after it is done, as a lost ack would: no-op.
        _send_extract(app, [article.id])
        # A forced re-extraction (reset by an operator or the reconciler) replaces the quotes.
        db_session.execute(
            ArticleRow.__table__.update().where(ArticleRow.id == article.id).values(status="queued")
        )
        db_session.commit()
        _send_extract(app, [article.id])

        def reprocessed() -> bool:
            db_session.expire_all()
            row = db_session.get(ArticleRow, article.id)
            return bool(row and row.status == "done" and row.processed_at != processed_at)

        wait_until(reprocessed, 90, "article was not re-extracted", procs)
        wait_until(lambda: _settled(db_session, story.id), 60, "story check did not settle", procs)

    row = db_session.get(ArticleRow, article.id, populate_existing=True)
    assert row is not None
    assert [q["text"] for q in row.quotes] == ["alpha", "beta", "gamma"]
    assert len({q["id"] for q in row.quotes}) == 3
    reports = _reports(db_session, story.id)
    assert [r.version for r in reports] == [1]  # same content: no second version


def test_burst_of_articles_yields_one_report(
    tmp_path: Path, database_url: str, broker: Broker, db_session: Session
) -> None:
    story = make_story(db_session)
    articles = add_articles(db_session, story.id, [f'Said "quote {i}" today.' for i in range(40)])
    env = service_env(database_url, broker, QUOTELENS_PRELOAD_MODEL="0", CHECK_DEBOUNCE_SECONDS="1")
    app = celery_app(broker)
    with running_workers(tmp_path, env, broker, ["w1"], app=FAKE_APP, concurrency=2) as procs:
        _send_extract(app, [a.id for a in articles])
        wait_until(
            lambda: _settled(db_session, story.id),
            120,
            lambda: f"burst did not settle: {_statuses(db_session, story.id)}",
            procs,
        )
    reports = _reports(db_session, story.id)
    assert [r.version for r in reports] == [1], "a burst must produce exactly one report"
    assert len(reports[0].body["articles"]) == 40
    assert _statuses(db_session, story.id) == {"done": 40}


def test_two_workers_on_one_queue_share_the_work(
    tmp_path: Path, database_url: str, broker: Broker, db_session: Session
) -> None:
    story = make_story(db_session)
    articles = add_articles(db_session, story.id, [f'A "q{i}".' for i in range(16)])
    env = service_env(database_url, broker, QUOTELENS_PRELOAD_MODEL="0", QLTEST_EXTRACT_DELAY="0.5")
    app = celery_app(broker)
    with running_workers(tmp_path, env, broker, ["w1", "w2"], app=FAKE_APP, concurrency=1) as procs:
        _send_extract(app, [a.id for a in articles])
        wait_until(
            lambda: _settled(db_session, story.id),
            120,
            lambda: f"not all extracted: {_statuses(db_session, story.id)}",
            procs,
        )
        stats = app.control.inspect(timeout=5).stats() or {}

    per_node = {
        node.split("@")[0]: int(info.get("total", {}).get(TASK_EXTRACT_ARTICLE, 0))
        for node, info in stats.items()
        if node.split("@")[0] in (broker.node("w1"), broker.node("w2"))
    }
    assert set(per_node) == {broker.node("w1"), broker.node("w2")}, stats.keys()
    assert sum(per_node.values()) >= 16
    assert all(count > 0 for count in per_node.values()), per_node
    assert [r.version for r in _reports(db_session, story.id)] == [1]


def test_poison_article_fails_and_the_report_lists_it(
    tmp_path: Path, database_url: str, broker: Broker, db_session: Session
) -> None:
    story = make_story(db_session)
    good, poison = add_articles(db_session, story.id, ['"fine"', f"{FAIL_MARKER} boom"])
    env = service_env(database_url, broker, QUOTELENS_PRELOAD_MODEL="0", TASK_MAX_RETRIES="1")
    app = celery_app(broker)
    with running_workers(tmp_path, env, broker, ["w1"], app=FAKE_APP, concurrency=2) as procs:
        _send_extract(app, [good.id, poison.id])
        wait_until(
            lambda: _settled(db_session, story.id),
            120,
            lambda: f"story did not settle: {_statuses(db_session, story.id)}",
            procs,
        )
    row = db_session.get(ArticleRow, poison.id, populate_existing=True)
    assert row is not None and row.status == "failed" and row.attempts == 2
    [report] = _reports(db_session, story.id)
    assert report.body["quotes"] == ["fine"]
    assert [f["article_id"] for f in report.body["failed_articles"]] == [poison.id]


def test_webhook_retry_is_dispatched_from_the_database_by_beat(
    tmp_path: Path, database_url: str, broker: Broker, db_session: Session
) -> None:
    with running_receiver([(503, {"Retry-After": "1"}), (204, {})]) as receiver:
        story = make_story(db_session, webhook_url=receiver.url)
        [article] = add_articles(db_session, story.id, ['"hello"'])
        env = service_env(database_url, broker, QUOTELENS_PRELOAD_MODEL="0")
        app = celery_app(broker)
        with running_workers(
            tmp_path, env, broker, ["w1"], app=FAKE_APP, concurrency=2, beat=True
        ) as procs:
            _send_extract(app, [article.id])
            try:
                requests = receiver.wait_for(2, timeout=90)
            except AssertionError as exc:
                raise AssertionError(f"{exc}\n{procs[0].describe()}") from None

            def delivered() -> Delivery | None:
                db_session.expire_all()
                row = db_session.scalars(select(Delivery)).one_or_none()
                return row if row is not None and row.status == "succeeded" else None

            delivery = wait_until(delivered, 30, "delivery not marked succeeded", procs)

    assert [r.headers["webhook-id"] for r in requests] == [delivery.webhook_id] * 2
    for request in requests:
        payload = Webhook(story.webhook_secret).verify(request.body, request.headers)
        assert payload["data"]["version"] == 1
        assert payload["data"]["report"]["quotes"] == ["hello"]
    codes = db_session.scalars(
        select(DeliveryAttempt.status_code)
        .where(DeliveryAttempt.delivery_id == delivery.id)
        .order_by(DeliveryAttempt.id)
    ).all()
    assert codes == [503, 204]


@pytest.mark.faults
def test_killed_pool_process_is_redelivered_and_crash_loops_are_bounded(
    tmp_path: Path, database_url: str, broker: Broker, db_session: Session
) -> None:
    """acks_late + reject_on_worker_lost: the message of a task whose process was killed goes
    back to the queue and runs again; an article that kills every process fails after the
    attempt bound instead of looping, and the story's report is still made."""
    story = make_story(db_session)
    once, always, plain = add_articles(
        db_session, story.id, ['KILL-ONCE "survivor"', 'KILL-ALWAYS "doomed"', '"plain"']
    )
    kill_dir = tmp_path / "kills"
    kill_dir.mkdir()
    env = service_env(
        database_url,
        broker,
        QUOTELENS_PRELOAD_MODEL="0",
        TASK_MAX_RETRIES="1",
        QLTEST_KILL_DIR=str(kill_dir),
    )
    app = celery_app(broker)
    with running_workers(tmp_path, env, broker, ["w1"], app=FAKE_APP, concurrency=2) as procs:
        _send_extract(app, [once.id, always.id, plain.id])
        wait_until(
            lambda: _settled(db_session, story.id),
            180,
            lambda: f"story did not settle: {_statuses(db_session, story.id)}",
            procs,
        )
        log = procs[0].log.read_text()
    assert "WorkerLostError" in log or "exited with" in log or "signal 9" in log

    survivor = db_session.get(ArticleRow, once.id, populate_existing=True)
    assert survivor is not None and survivor.status == "done" and survivor.attempts == 2
    assert [q["text"] for q in survivor.quotes] == ["survivor"]
    doomed = db_session.get(ArticleRow, always.id, populate_existing=True)
    assert doomed is not None and doomed.status == "failed"
    assert "did not finish" in (doomed.error or "")
    [report] = _reports(db_session, story.id)
    assert report.body["quotes"] == ["plain", "survivor"]
    assert [f["article_id"] for f in report.body["failed_articles"]] == [always.id]
