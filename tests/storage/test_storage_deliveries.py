"""Deliveries: one per report version, leased claims, scheduled retries, manual redelivery."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from tests.storage.storage_helpers import make_story
from worker.storage import deliveries
from worker.storage.types import utcnow

HOOK = "https://example.org/hook"


def test_create_is_idempotent_and_needs_a_webhook(db_session: Session) -> None:
    assert deliveries.create_delivery(db_session, make_story(db_session).id, 1) is None
    story = make_story(db_session, webhook_url=HOOK)
    one = deliveries.create_delivery(db_session, story.id, 1)
    two = deliveries.create_delivery(db_session, story.id, 1)
    db_session.commit()
    assert one is not None and two is not None and one.id == two.id
    assert one.webhook_id.startswith("msg_") and one.status == "pending"


def test_claim_lease_and_retry_schedule(db_session: Session) -> None:
    story = make_story(db_session, webhook_url=HOOK)
    delivery = deliveries.create_delivery(db_session, story.id, 1)
    assert delivery is not None
    db_session.commit()
    now = utcnow()
    assert deliveries.due_deliveries(db_session, now) == [delivery.id]
    claimed = deliveries.claim_delivery(db_session, delivery.id, now=now)
    db_session.commit()
    assert claimed is not None and claimed.attempts == 1
    assert deliveries.claim_delivery(db_session, delivery.id, now=now) is None  # leased
    assert deliveries.due_deliveries(db_session, now) == []
    retry_at = now + timedelta(seconds=30)
    failed = deliveries.record_attempt(
        db_session,
        delivery.id,
        status_code=500,
        error="HTTP 500",
        duration_ms=12,
        succeeded=False,
        next_attempt_at=retry_at,
        now=now,
    )
    db_session.commit()
    assert failed.status == "pending" and failed.next_attempt_at == retry_at
    assert deliveries.due_deliveries(db_session, now) == []
    assert deliveries.due_deliveries(db_session, retry_at) == [delivery.id]
    assert deliveries.claim_delivery(db_session, delivery.id, now=retry_at) is not None
    done = deliveries.record_attempt(
        db_session,
        delivery.id,
        status_code=204,
        error=None,
        duration_ms=5,
        succeeded=True,
        next_attempt_at=None,
        now=retry_at,
    )
    db_session.commit()
    assert done.status == "succeeded" and done.attempts == 2
    [listed] = deliveries.list_deliveries(db_session, story.id)
    assert [a.status_code for a in listed.attempt_log] == [500, 204]


def test_exhausted_attempts_fail_and_redeliver_restarts(db_session: Session) -> None:
    story = make_story(db_session, webhook_url=HOOK)
    delivery = deliveries.create_delivery(db_session, story.id, 3)
    assert delivery is not None
    deliveries.claim_delivery(db_session, delivery.id)
    deliveries.record_attempt(
        db_session,
        delivery.id,
        status_code=None,
        error="connection refused",
        duration_ms=None,
        succeeded=False,
        next_attempt_at=None,
    )
    deliveries.disable_story_deliveries(db_session, story.id)
    db_session.commit()
    assert deliveries.get_delivery(db_session, delivery.id).status == "failed"  # type: ignore[union-attr]
    again = deliveries.requeue_delivery(db_session, delivery.id)
    db_session.commit()
    assert again is not None and again.status == "pending" and again.attempts == 0
    assert deliveries.due_deliveries(db_session) == [delivery.id]
    db_session.refresh(story)
    assert story.webhook_disabled is False
    assert deliveries.requeue_delivery(db_session, "missing") is None


def test_disabled_story_parks_pending_deliveries(db_session: Session) -> None:
    story = make_story(db_session, webhook_url=HOOK)
    delivery = deliveries.create_delivery(db_session, story.id, 1)
    assert delivery is not None
    deliveries.disable_story_deliveries(db_session, story.id)
    db_session.commit()
    db_session.refresh(delivery)
    assert delivery.status == "disabled"
    later = deliveries.create_delivery(db_session, story.id, 2)
    assert later is not None and later.status == "disabled"
    assert deliveries.due_deliveries(db_session) == []
    assert deliveries.get_delivery_for_story(db_session, story.id, delivery.id) is not None
    assert deliveries.get_delivery_for_story(db_session, "other", delivery.id) is None
