"""The plain job functions against real databases (SQLite and PostgreSQL), no broker.

NLP and the checker are replaced by small fakes (``qlfakes``); follow-up tasks are recorded.
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from tests.worker.qlfakes import (
    FAIL_MARKER,
    RecordingEnqueuer,
    add_articles,
    fake_build,
    fake_extract,
    make_story,
)
from tests.worker.qlreceiver import running_receiver
from worker.jobs.delivery import dispatch_due_deliveries, run_delivery
from worker.jobs.extraction import run_extraction
from worker.jobs.reconcile import run_reconcile
from worker.jobs.story_check import FAILED_FIELD, run_story_check
from worker.settings import Settings
from worker.storage import deliveries as delivery_repo
from worker.storage import stories as story_repo
from worker.storage.models import ArticleRow, Delivery, DeliveryAttempt, ReportRow, StoryRow
from worker.storage.types import utcnow
from worker.webhooks.policy import RetryPolicy

pytestmark = pytest.mark.integration


def reload(session: Session, model: type, key: str):  # type: ignore[no-untyped-def]
    session.expire_all()
    return session.get(model, key)


def extract_all(ids: list[str], enq: RecordingEnqueuer, settings: Settings) -> None:
    for article_id in ids:
        assert (
            run_extraction(article_id, enq, settings=settings, extractor=fake_extract).status
            == "done"
        )


# --- extraction -------------------------------------------------------------------------


def test_extraction_stores_quotes_once_even_when_run_twice(
    settings: Settings, db_session: Session
) -> None:
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['He said "one" and "two".'])
    enq = RecordingEnqueuer()

    first = run_extraction(article.id, enq, settings=settings, extractor=fake_extract)
    assert first.status == "done" and first.quotes == 2
    assert (
        run_extraction(article.id, enq, settings=settings, extractor=fake_extract).status
        == "skipped"
    )  # duplicate message: no-op

    # A forced re-run (e.g. reconciler after a lost ack) replaces the quotes, never appends.
    db_session.execute(
        update(ArticleRow).where(ArticleRow.id == article.id).values(status="queued")
    )
    db_session.commit()
    assert run_extraction(article.id, enq, settings=settings, extractor=fake_extract).quotes == 2

    row = reload(db_session, ArticleRow, article.id)
    assert row.status == "done" and row.error is None
    assert [q["text"] for q in row.quotes] == ["one", "two"]
    assert [q["id"] for q in row.quotes] == [f"{article.id}-q1", f"{article.id}-q2"]
    assert enq.checks == [(story.id, settings.check_debounce_seconds)] * 2
    assert reload(db_session, StoryRow, story.id).check_requested_at is not None


def test_failing_extraction_retries_then_fails_and_still_requests_check(
    settings: Settings, db_session: Session
) -> None:
    settings = settings.model_copy(update={"task_max_retries": 2})
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, [f"{FAIL_MARKER} text"])
    enq = RecordingEnqueuer()

    for attempt in (1, 2):
        outcome = run_extraction(article.id, enq, settings=settings, extractor=fake_extract)
        assert outcome.status == "retry", attempt
        assert outcome.retry_in is not None and outcome.retry_in > 0
        row = reload(db_session, ArticleRow, article.id)
        assert row.status == "queued" and "poison article" in row.error
        assert enq.checks == []

    last = run_extraction(article.id, enq, settings=settings, extractor=fake_extract)
    assert last.status == "failed"
    row = reload(db_session, ArticleRow, article.id)
    assert row.status == "failed" and row.attempts == 3
    assert row.error == "RuntimeError: poison article (after 3 attempts)"
    assert enq.checks == [(story.id, settings.check_debounce_seconds)]


def test_crash_looping_article_is_failed_at_claim(settings: Settings, db_session: Session) -> None:
    settings = settings.model_copy(update={"task_max_retries": 1})
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['"x"'])
    # Two earlier claims never finished (the process died, the message was requeued).
    db_session.execute(update(ArticleRow).where(ArticleRow.id == article.id).values(attempts=2))
    db_session.commit()

    def must_not_run(_: object) -> object:
        raise AssertionError("extraction must not run again")

    enq = RecordingEnqueuer()
    outcome = run_extraction(article.id, enq, settings=settings, extractor=must_not_run)  # type: ignore[arg-type]
    assert outcome.status == "failed"
    row = reload(db_session, ArticleRow, article.id)
    assert row.status == "failed" and "did not finish" in row.error
    assert [sid for sid, _ in enq.checks] == [story.id]


def test_only_the_extraction_that_leaves_nothing_pending_enqueues_the_check(
    settings: Settings, db_session: Session
) -> None:
    story = make_story(db_session)
    first, second = add_articles(db_session, story.id, ['"one"', '"two"'])
    enq = RecordingEnqueuer()
    assert run_extraction(first.id, enq, settings=settings, extractor=fake_extract).status == "done"
    assert enq.checks == []  # the second article is still queued: its extraction will ask
    assert reload(db_session, StoryRow, story.id).check_requested_at is not None  # but recorded
    assert (
        run_extraction(second.id, enq, settings=settings, extractor=fake_extract).status == "done"
    )
    assert enq.checks == [(story.id, settings.check_debounce_seconds)]


def test_a_stuck_article_does_not_hold_back_the_check(
    settings: Settings, db_session: Session
) -> None:
    story = make_story(db_session)
    stuck, fresh = add_articles(db_session, story.id, ['"one"', '"two"'])
    long_ago = utcnow() - timedelta(seconds=settings.reconcile_after_seconds + 60)
    db_session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == stuck.id)
        .values(status="processing", updated_at=long_ago)
    )
    db_session.commit()
    enq = RecordingEnqueuer()
    assert run_extraction(fresh.id, enq, settings=settings, extractor=fake_extract).status == "done"
    assert enq.checks == [(story.id, settings.check_debounce_seconds)]


def test_missing_article_is_skipped(settings: Settings) -> None:
    enq = RecordingEnqueuer()
    assert (
        run_extraction("nope", enq, settings=settings, extractor=fake_extract).status == "skipped"
    )


# --- debounced story check ----------------------------------------------------------------


def test_burst_yields_one_report(settings: Settings, db_session: Session) -> None:
    settings = settings.model_copy(update={"check_debounce_seconds": 5.0})
    story = make_story(db_session, webhook_url="https://hooks.example.org/x")
    articles = add_articles(db_session, story.id, [f'Quote "{i}" here.' for i in range(30)])
    enq = RecordingEnqueuer()
    extract_all([a.id for a in articles], enq, settings)
    # Only the extraction that left nothing pending enqueued the check.
    assert enq.checks == [(story.id, 5.0)]

    # Check tasks (that one, duplicates, late ones) that wake up before the window closed
    # stand down...
    early = [
        run_story_check(story.id, enq, settings=settings, builder=fake_build) for _ in range(30)
    ]
    assert {o.status for o in early} == {"superseded"}
    # ...and once it closed, the first one builds and all the others find nothing to do.
    later = utcnow() + timedelta(seconds=6)
    outcomes = [
        run_story_check(story.id, enq, settings=settings, builder=fake_build, now=later)
        for _ in range(30)
    ]
    assert [o.status for o in outcomes].count("created") == 1
    assert {o.status for o in outcomes} == {"created", "not-requested"}

    reports = db_session.scalars(select(ReportRow).where(ReportRow.story_id == story.id)).all()
    assert [r.version for r in reports] == [1]
    assert len(reports[0].body["articles"]) == 30 and reports[0].body[FAILED_FIELD] == []
    assert reload(db_session, StoryRow, story.id).check_requested_at is None
    assert len(enq.deliveries) == 1


def test_check_waits_for_pending_articles_and_lists_failures(
    settings: Settings, db_session: Session
) -> None:
    settings = settings.model_copy(update={"task_max_retries": 0})
    story = make_story(db_session)
    good, poison, later = add_articles(db_session, story.id, ['"a"', f"{FAIL_MARKER} x", '"b"'])
    enq = RecordingEnqueuer()
    run_extraction(good.id, enq, settings=settings, extractor=fake_extract)
    waiting = run_story_check(story.id, enq, settings=settings, builder=fake_build)
    assert waiting.status == "waiting" and waiting.pending == 2

    assert (
        run_extraction(poison.id, enq, settings=settings, extractor=fake_extract).status == "failed"
    )
    assert run_story_check(story.id, enq, settings=settings, builder=fake_build).status == "waiting"
    run_extraction(later.id, enq, settings=settings, extractor=fake_extract)

    created = run_story_check(story.id, enq, settings=settings, builder=fake_build)
    assert created.status == "created" and created.version == 1
    assert created.delivery_id is None  # no webhook URL
    body = db_session.scalars(select(ReportRow.body).where(ReportRow.story_id == story.id)).one()
    assert body["quotes"] == ["a", "b"]
    assert body[FAILED_FIELD] == [
        {
            "article_id": poison.id,
            "source": "src1",
            "error": "RuntimeError: poison article (after 1 attempts)",
        }
    ]


def test_stuck_article_does_not_block_the_report(settings: Settings, db_session: Session) -> None:
    story = make_story(db_session)
    done, stuck = add_articles(db_session, story.id, ['"a"', '"b"'])
    enq = RecordingEnqueuer()
    run_extraction(done.id, enq, settings=settings, extractor=fake_extract)
    old = utcnow() - timedelta(seconds=settings.reconcile_after_seconds + 10)
    db_session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == stuck.id)
        .values(status="processing", updated_at=old)
    )
    db_session.commit()
    assert run_story_check(story.id, enq, settings=settings, builder=fake_build).status == "created"


def test_unchanged_content_is_not_a_new_version(settings: Settings, db_session: Session) -> None:
    story = make_story(db_session, webhook_url="https://hooks.example.org/x")
    [article] = add_articles(db_session, story.id, ['"a"'])
    enq = RecordingEnqueuer()
    run_extraction(article.id, enq, settings=settings, extractor=fake_extract)
    assert run_story_check(story.id, enq, settings=settings, builder=fake_build).version == 1
    story_repo.request_check(db_session, story.id)
    db_session.commit()
    again = run_story_check(story.id, enq, settings=settings, builder=fake_build)
    assert again.status == "unchanged" and again.version == 1
    assert len(enq.deliveries) == 1
    assert db_session.scalars(select(Delivery.report_version)).all() == [1]


def test_newer_request_during_build_supersedes_the_claim(
    settings: Settings, db_session: Session
) -> None:
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['"a"'])
    enq = RecordingEnqueuer()
    run_extraction(article.id, enq, settings=settings, extractor=fake_extract)

    def builder_that_sees_new_work(articles, primaries):  # type: ignore[no-untyped-def]
        with Session(db_session.get_bind()) as other:
            story_repo.request_check(other, story.id)
            other.commit()
        return fake_build(articles, primaries)

    outcome = run_story_check(story.id, enq, settings=settings, builder=builder_that_sees_new_work)
    assert outcome.status == "superseded"
    assert db_session.scalars(select(ReportRow)).all() == []
    assert run_story_check(story.id, enq, settings=settings, builder=fake_build).status == "created"


def test_failing_builder_hands_the_request_back(settings: Settings, db_session: Session) -> None:
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['"a"'])
    enq = RecordingEnqueuer()
    run_extraction(article.id, enq, settings=settings, extractor=fake_extract)

    def broken(_articles, _primaries):  # type: ignore[no-untyped-def]
        raise ValueError("checker bug")

    with pytest.raises(ValueError):
        run_story_check(story.id, enq, settings=settings, builder=broken)
    assert run_story_check(story.id, enq, settings=settings, builder=fake_build).status == "created"


# --- webhook delivery ---------------------------------------------------------------------


def _story_with_report(db_session: Session, settings: Settings, url: str) -> tuple[StoryRow, str]:
    story = make_story(db_session, webhook_url=url)
    [article] = add_articles(db_session, story.id, ['"a"'])
    enq = RecordingEnqueuer()
    run_extraction(article.id, enq, settings=settings, extractor=fake_extract)
    outcome = run_story_check(story.id, enq, settings=settings, builder=fake_build)
    assert outcome.delivery_id is not None and enq.deliveries == [outcome.delivery_id]
    return story, outcome.delivery_id


def _attempts(db_session: Session, delivery_id: str) -> list[DeliveryAttempt]:
    db_session.expire_all()
    return list(
        db_session.scalars(
            select(DeliveryAttempt)
            .where(DeliveryAttempt.delivery_id == delivery_id)
            .order_by(DeliveryAttempt.id)
        )
    )


def test_delivery_success_is_signed_and_recorded(settings: Settings, db_session: Session) -> None:
    with running_receiver() as receiver:
        story, delivery_id = _story_with_report(db_session, settings, receiver.url)
        outcome = run_delivery(delivery_id, settings=settings)
        assert outcome.status == "succeeded" and outcome.status_code == 204
        assert run_delivery(delivery_id, settings=settings).status == "skipped"  # duplicate
        (got,) = receiver.wait_for(1, timeout=10)
    payload = Webhook(story.webhook_secret).verify(got.body, got.headers)
    assert payload["type"] == "story.report.updated"
    assert set(payload) == {"type", "timestamp", "data"}  # Standard Webhooks shape
    data = payload["data"]
    assert data["story_id"] == story.id and data["version"] == 1
    assert data["report"]["quotes"] == ["a"] and data["report_included"] is True
    assert data["report_url"].endswith(f"/v1/stories/{story.id}/reports/1")
    delivery = reload(db_session, Delivery, delivery_id)
    assert got.headers["webhook-id"] == delivery.webhook_id
    assert delivery.status == "succeeded" and delivery.attempts == 1
    assert [a.status_code for a in _attempts(db_session, delivery_id)] == [204]


def test_retry_is_scheduled_in_the_database_with_the_same_message_id(
    settings: Settings, db_session: Session
) -> None:
    script = [(503, {"Retry-After": "120"}), (500, {}), (200, {})]
    with running_receiver(script) as receiver:
        story, delivery_id = _story_with_report(db_session, settings, receiver.url)
        before = utcnow()
        first = run_delivery(delivery_id, settings=settings, rng=random.Random(1))
        assert first.status == "retry" and first.status_code == 503
        assert first.next_attempt_at is not None
        assert first.next_attempt_at >= before + timedelta(seconds=120)  # Retry-After honoured
        enq = RecordingEnqueuer()
        assert dispatch_due_deliveries(enq, settings=settings) == []  # not due yet
        assert run_delivery(delivery_id, settings=settings).status == "skipped"

        # Pretend the time has come; the dispatcher finds it again.
        db_session.execute(
            update(Delivery).where(Delivery.id == delivery_id).values(next_attempt_at=utcnow())
        )
        db_session.commit()
        assert dispatch_due_deliveries(enq, settings=settings) == [delivery_id]
        assert run_delivery(delivery_id, settings=settings).status == "retry"
        db_session.execute(
            update(Delivery).where(Delivery.id == delivery_id).values(next_attempt_at=utcnow())
        )
        db_session.commit()
        assert run_delivery(delivery_id, settings=settings).status == "succeeded"
        requests = receiver.wait_for(3, timeout=10)
    assert len({r.headers["webhook-id"] for r in requests}) == 1
    for r in requests:
        Webhook(story.webhook_secret).verify(r.body, r.headers)
    assert [a.status_code for a in _attempts(db_session, delivery_id)] == [503, 500, 200]
    delivery = reload(db_session, Delivery, delivery_id)
    assert delivery.status == "succeeded" and delivery.attempts == 3


def test_client_error_is_not_retried(settings: Settings, db_session: Session) -> None:
    with running_receiver([(400, {})]) as receiver:
        _, delivery_id = _story_with_report(db_session, settings, receiver.url)
        outcome = run_delivery(delivery_id, settings=settings)
    assert outcome.status == "failed" and outcome.next_attempt_at is None
    delivery = reload(db_session, Delivery, delivery_id)
    assert delivery.status == "failed" and delivery.last_status_code == 400


def test_gone_disables_the_endpoint(settings: Settings, db_session: Session) -> None:
    with running_receiver([(410, {})]) as receiver:
        story, delivery_id = _story_with_report(db_session, settings, receiver.url)
        assert run_delivery(delivery_id, settings=settings).status == "disabled"
    assert reload(db_session, Delivery, delivery_id).status == "disabled"
    assert reload(db_session, StoryRow, story.id).webhook_disabled is True
    # Later versions of the story are not sent.
    later = delivery_repo.create_delivery(db_session, story.id, 2)
    db_session.commit()
    assert later is not None and later.status == "disabled"


def test_attempts_are_bounded(settings: Settings, db_session: Session) -> None:
    policy = RetryPolicy(max_attempts=2, base_delay=0, max_delay=0, jitter=0)
    with running_receiver([(500, {})]) as receiver:
        _, delivery_id = _story_with_report(db_session, settings, receiver.url)
        assert run_delivery(delivery_id, settings=settings, policy=policy).status == "retry"
        assert run_delivery(delivery_id, settings=settings, policy=policy).status == "failed"
    delivery = reload(db_session, Delivery, delivery_id)
    assert delivery.status == "failed" and "gave up after 2 attempts" in delivery.last_error


def test_unsafe_url_is_refused_without_sending(settings: Settings, db_session: Session) -> None:
    strict = settings.model_copy(update={"webhook_allow_loopback": False})
    with running_receiver() as receiver:
        _, delivery_id = _story_with_report(db_session, settings, receiver.url)
        outcome = run_delivery(delivery_id, settings=strict)
        assert receiver.requests == []
    assert outcome.status == "failed" and "loopback" in (outcome.error or "")


def test_network_error_is_retried(settings: Settings, db_session: Session) -> None:
    with running_receiver() as receiver:
        url = receiver.url
    _, delivery_id = _story_with_report(db_session, settings, url)  # nothing listens now
    outcome = run_delivery(delivery_id, settings=settings)
    assert outcome.status == "retry" and outcome.status_code is None
    assert (outcome.error or "").startswith("network error")


# --- reconciler ---------------------------------------------------------------------------


def test_reconciler_requeues_stale_work(settings: Settings, db_session: Session) -> None:
    story = make_story(db_session)
    queued, processing, fresh = add_articles(db_session, story.id, ['"a"', '"b"', '"c"'])
    old = utcnow() - timedelta(seconds=settings.reconcile_after_seconds + 60)
    db_session.execute(update(ArticleRow).where(ArticleRow.id == queued.id).values(updated_at=old))
    db_session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == processing.id)
        .values(status="processing", updated_at=old)
    )
    db_session.execute(
        update(StoryRow).where(StoryRow.id == story.id).values(check_requested_at=old)
    )
    db_session.commit()

    enq = RecordingEnqueuer()
    outcome = run_reconcile(enq, settings=settings)
    assert sorted(outcome.articles) == sorted([queued.id, processing.id])
    assert sorted(enq.extracted) == sorted([queued.id, processing.id])
    assert outcome.stories == [story.id] and enq.checks == [(story.id, 0.0)]
    assert reload(db_session, ArticleRow, processing.id).status == "queued"
    assert reload(db_session, ArticleRow, fresh.id).status == "queued"

    # Nothing is re-enqueued twice within the window.
    again = run_reconcile(RecordingEnqueuer(), settings=settings)
    assert again.articles == []


def test_redelivered_check_takes_over_a_dead_claim(settings: Settings, db_session: Session) -> None:
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['"a"'])
    enq = RecordingEnqueuer()
    run_extraction(article.id, enq, settings=settings, extractor=fake_extract)

    # Simulate a worker that claimed and died: the marker is a lease in the future.
    lease = utcnow() + timedelta(seconds=600)
    db_session.execute(
        update(StoryRow).where(StoryRow.id == story.id).values(check_requested_at=lease)
    )
    db_session.commit()
    assert (
        run_story_check(story.id, enq, settings=settings, builder=fake_build).status == "superseded"
    )
    taken = run_story_check(story.id, enq, settings=settings, builder=fake_build, redelivered=True)
    assert taken.status == "created" and taken.version == 1


def test_redelivered_extraction_takes_over_a_processing_article(
    settings: Settings, db_session: Session
) -> None:
    story = make_story(db_session)
    [article] = add_articles(db_session, story.id, ['"a"'])
    db_session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == article.id)
        .values(status="processing", attempts=1)
    )
    db_session.commit()
    enq = RecordingEnqueuer()
    assert (
        run_extraction(article.id, enq, settings=settings, extractor=fake_extract).status
        == "skipped"
    )  # a fresh claim held by someone else
    outcome = run_extraction(
        article.id, enq, settings=settings, extractor=fake_extract, redelivered=True
    )
    assert outcome.status == "done"
    assert reload(db_session, ArticleRow, article.id).attempts == 2
