"""Webhooks carry a bounded body (summary + link, or the full report when small) and only the
newest pending report version is delivered (issue 14, items 3 and 11)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from tests.worker.qlfakes import RecordingEnqueuer, add_articles, fake_extract, make_story
from tests.worker.qlreceiver import running_receiver
from worker import records
from worker.jobs.delivery import run_delivery
from worker.jobs.extraction import run_extraction
from worker.jobs.story_check import FAILED_FIELD, run_story_check
from worker.settings import Settings
from worker.storage.models import Delivery, StoryRow
from worker.storage.types import utcnow
from worker.webhooks.payload import encoded_size


def _big_build(
    articles: Sequence[records.ExtractedArticle], primaries: Sequence[records.PrimarySource]
) -> dict[str, Any]:
    """A report of about 2 MB with a small summary, like a story carried by many outlets."""
    quotes = [q.text for a in articles for q in a.quotes]
    return {
        "schema": "fake.report/1",
        "summary": {"quotes": len(quotes), "articles": len(articles)},
        "comparisons": [{"pair": n, "diff": "word " * 40} for n in range(10_000)],
        "quotes": quotes,
    }


def _report(db_session: Session, settings: Settings, story: StoryRow, text: str) -> str:
    [article] = add_articles(db_session, story.id, [text])
    enq = RecordingEnqueuer()
    run_extraction(article.id, enq, settings=settings, extractor=fake_extract)
    outcome = run_story_check(story.id, enq, settings=settings, builder=_big_build)
    assert outcome.status == "created" and outcome.delivery_id is not None
    return outcome.delivery_id


def test_a_large_report_is_sent_as_summary_and_link(
    settings: Settings, db_session: Session
) -> None:
    settings = settings.model_copy(
        update={
            "api_public_url": "https://quotelens.example/",
            "webhook_full_report_max_bytes": 65_536,
        }
    )
    with running_receiver() as receiver:
        story = make_story(db_session, webhook_url=receiver.url)
        delivery_id = _report(db_session, settings, story, '"The wall will hold," she said.')
        outcome = run_delivery(delivery_id, settings=settings)
        assert outcome.status == "succeeded"
        (got,) = receiver.wait_for(1, timeout=10)
    assert len(got.body) < 4096  # the report itself is about 2 MB
    payload = Webhook(story.webhook_secret).verify(got.body, got.headers)
    assert set(payload) == {"type", "timestamp", "data"}
    assert payload["type"] == "story.report.updated"
    data = payload["data"]
    assert data["version"] == 1 and data["story_id"] == story.id
    assert data["summary"] == {"quotes": 1, "articles": 1}
    assert data["report_included"] is False and "report" not in data
    assert data["report_bytes"] > 2_000_000
    assert data["report_url"] == f"https://quotelens.example/v1/stories/{story.id}/reports/1"


def test_a_small_report_travels_in_full(settings: Settings, db_session: Session) -> None:
    settings = settings.model_copy(update={"webhook_full_report_max_bytes": 10_000_000})
    with running_receiver() as receiver:
        story = make_story(db_session, webhook_url=receiver.url)
        delivery_id = _report(db_session, settings, story, '"The wall will hold," she said.')
        assert run_delivery(delivery_id, settings=settings).status == "succeeded"
        (got,) = receiver.wait_for(1, timeout=10)
    data = Webhook(story.webhook_secret).verify(got.body, got.headers)["data"]
    assert data["report_included"] is True
    assert len(data["report"]["comparisons"]) == 10_000
    assert data["report"][FAILED_FIELD] == []


def test_only_the_newest_pending_version_is_delivered(
    settings: Settings, db_session: Session
) -> None:
    settings = settings.model_copy(update={"webhook_full_report_max_bytes": 0})
    with running_receiver() as receiver:
        story = make_story(db_session, webhook_url=receiver.url)
        # Three versions while the receiver is unreachable for us (nothing is attempted yet):
        # v1 and v2 are still pending when v3 is made.
        first = _report(db_session, settings, story, '"One," she said.')
        second = _report(db_session, settings, story, '"Two," she said.')
        third = _report(db_session, settings, story, '"Three," she said.')
        # The backlog is worked off in the worst order: the older ones last.
        assert run_delivery(third, settings=settings).status == "succeeded"
        assert run_delivery(second, settings=settings).status == "skipped"  # closed at v3
        assert run_delivery(first, settings=settings).status == "skipped"
        sent = receiver.wait_for(1, timeout=10)
    versions = [
        Webhook(story.webhook_secret).verify(r.body, r.headers)["data"]["version"] for r in sent
    ]
    assert versions == [3]
    db_session.expire_all()
    rows = {d.report_version: d for d in db_session.scalars(select(Delivery))}
    assert rows[3].status == "succeeded"
    for version in (1, 2):
        assert rows[version].status == "failed" and rows[version].attempts == 0
        assert "superseded by report version" in (rows[version].last_error or "")


def test_a_retry_of_an_older_version_is_not_sent_after_a_newer_one(
    settings: Settings, db_session: Session
) -> None:
    settings = settings.model_copy(update={"webhook_full_report_max_bytes": 0})
    with running_receiver(script=[(503, {}), (204, {})]) as receiver:
        story = make_story(db_session, webhook_url=receiver.url)
        first = _report(db_session, settings, story, '"One," she said.')
        assert run_delivery(first, settings=settings).status == "retry"  # 503: retry later
        # While the retry waits, a newer version is delivered ...
        second = _report(db_session, settings, story, '"Two," she said.')
        assert run_delivery(second, settings=settings).status == "succeeded"
        # ... and the older one's retry, now due, must not follow it.
        db_session.execute(
            update(Delivery)
            .where(Delivery.id == first)
            .values(status="pending", next_attempt_at=utcnow() - timedelta(seconds=1))
        )
        db_session.commit()
        outcome = run_delivery(first, settings=settings)
        assert outcome.status == "superseded"
        received = receiver.wait_for(2, timeout=10)
    versions = [
        Webhook(story.webhook_secret).verify(r.body, r.headers)["data"]["version"] for r in received
    ]
    assert versions == [1, 2]  # the failed first attempt of v1, then v2; never v1 after v2


def test_a_report_over_max_report_bytes_keeps_the_articles_that_fit(
    settings: Settings, db_session: Session
) -> None:
    from worker.jobs.story_check import build_capped_report
    from worker.storage.articles import story_extracted_articles

    story = make_story(db_session)
    texts = [f'"Statement {n} about the harbour wall," she said.' for n in range(10)]
    for article in add_articles(db_session, story.id, texts):
        run_extraction(article.id, RecordingEnqueuer(), settings=settings, extractor=fake_extract)
    extracted = story_extracted_articles(db_session, story.id)

    def padded(
        articles: Sequence[records.ExtractedArticle], primaries: Sequence[records.PrimarySource]
    ) -> dict[str, Any]:
        return {"articles": [a.article.id for a in articles], "pad": "x" * 30_000 * len(articles)}

    body = build_capped_report(extracted, [], padded, max_bytes=100_000)
    assert len(body["articles"]) == 3  # 3 x 30 kB fit in 100 kB, 4 do not
    assert encoded_size(body) <= 100_000
    assert body["articles"] == [e.article.id for e in extracted[:3]]
    left_out = body[FAILED_FIELD]
    assert [f["article_id"] for f in left_out] == [e.article.id for e in extracted[3:]]
    assert all("MAX_REPORT_BYTES" in f["error"] for f in left_out)
    whole = build_capped_report(extracted, [], padded, max_bytes=1_000_000)
    assert len(whole["articles"]) == 10 and whole[FAILED_FIELD] == []
