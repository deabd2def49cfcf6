"""Webhook deliveries and their attempts.

A delivery is one report version for one story, created once (unique per story and version),
with a stable Standard Webhooks ``msg_...`` id. Retries are scheduled in the database through
``next_attempt_at``: a periodic task asks ``due_deliveries`` and enqueues
``quotelens.deliver_webhook``; ``claim_delivery`` leases a delivery to one worker so that a
duplicated message does not send twice at the same moment.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from worker.storage.lookup import get_scoped
from worker.storage.models import Delivery, DeliveryAttempt, StoryRow
from worker.storage.stories import disable_webhook
from worker.storage.types import utcnow
from worker.storage.updates import update_rows

DEFAULT_LEASE = timedelta(seconds=60)


def new_webhook_id() -> str:
    """A Standard Webhooks message id."""
    return "msg_" + secrets.token_hex(16)


def create_delivery(
    session: Session, story_id: str, report_version: int, *, now: datetime | None = None
) -> Delivery | None:
    """The delivery of a report version, created if missing; None if the story has no webhook.

    Idempotent per (story, version). A story whose webhook is disabled gets a delivery in
    status ``disabled`` so the listing shows why nothing was sent.
    """
    now = now or utcnow()
    story = session.get(StoryRow, story_id)
    if story is None or not story.webhook_url:
        return None
    existing = session.scalars(
        select(Delivery).where(
            Delivery.story_id == story_id, Delivery.report_version == report_version
        )
    ).one_or_none()
    if existing is not None:
        return existing
    delivery = Delivery(
        story_id=story_id,
        report_version=report_version,
        webhook_id=new_webhook_id(),
        status="disabled" if story.webhook_disabled else "pending",
        attempts=0,
        next_attempt_at=None if story.webhook_disabled else now,
        created_at=now,
        updated_at=now,
    )
    session.add(delivery)
    session.flush()
    if delivery.status == "pending":
        supersede_older(session, story_id, report_version, now=now)
    return delivery


def superseded_reason(version: int) -> str:
    return f"superseded by report version {version}: only the newest pending version is sent"


def _closed_as_superseded(version: int, now: datetime | None) -> dict[str, Any]:
    """The columns of a delivery closed unsent because report ``version`` replaces it."""
    return {
        "status": "failed",
        "next_attempt_at": None,
        "last_error": superseded_reason(version),
        "updated_at": now or utcnow(),
    }


def supersede_older(
    session: Session, story_id: str, version: int, *, now: datetime | None = None
) -> int:
    """Close the story's pending deliveries of versions before ``version`` (not sent; the
    newest version replaces them). Returns how many were closed."""
    return update_rows(
        session,
        Delivery,
        Delivery.story_id == story_id,
        Delivery.report_version < version,
        Delivery.status == "pending",
        **_closed_as_superseded(version, now),
    )


def supersede(
    session: Session, delivery_id: str, version: int, *, now: datetime | None = None
) -> None:
    """Close one delivery because version ``version`` has its own (see ``supersede_older``)."""
    update_rows(
        session, Delivery, Delivery.id == delivery_id, **_closed_as_superseded(version, now)
    )


def newer_delivery_version(session: Session, story_id: str, version: int) -> int | None:
    """The newest report version of the story above ``version`` that has a delivery."""
    newest = session.scalar(
        select(func.max(Delivery.report_version)).where(
            Delivery.story_id == story_id, Delivery.report_version > version
        )
    )
    return int(newest) if newest is not None else None


def get_delivery(session: Session, delivery_id: str) -> Delivery | None:
    """A delivery by id, for the workers."""
    return session.get(Delivery, delivery_id)


def get_delivery_for_story(session: Session, story_id: str, delivery_id: str) -> Delivery | None:
    """A delivery by id, only if it belongs to ``story_id`` (the API checks the tenant)."""
    return get_scoped(session, Delivery, delivery_id, Delivery.story_id == story_id)


def list_deliveries(session: Session, story_id: str, limit: int = 100) -> list[Delivery]:
    """A story's deliveries, newest report first, with their attempt logs loaded."""
    return list(
        session.scalars(
            select(Delivery)
            .where(Delivery.story_id == story_id)
            .options(selectinload(Delivery.attempt_log))
            .order_by(Delivery.report_version.desc(), Delivery.created_at.desc())
            .limit(limit)
        )
    )


def due_deliveries(session: Session, now: datetime | None = None, limit: int = 100) -> list[str]:
    """Ids of pending deliveries whose next attempt is due."""
    now = now or utcnow()
    return list(
        session.scalars(
            select(Delivery.id)
            .where(
                Delivery.status == "pending",
                or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
            )
            .order_by(Delivery.next_attempt_at)
            .limit(limit)
        )
    )


def claim_delivery(
    session: Session,
    delivery_id: str,
    *,
    now: datetime | None = None,
    lease: timedelta = DEFAULT_LEASE,
) -> Delivery | None:
    """Lease a due delivery for one attempt: attempts+1, next_attempt_at pushed by ``lease``.

    None when it is not pending or not due (someone else holds it, or it finished). If the
    worker dies mid-attempt, the delivery becomes due again when the lease runs out. Commit
    right after claiming.
    """
    now = now or utcnow()
    claimed = update_rows(
        session,
        Delivery,
        Delivery.id == delivery_id,
        Delivery.status == "pending",
        or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
        attempts=Delivery.attempts + 1,
        next_attempt_at=now + lease,
        updated_at=now,
    )
    if not claimed:
        return None
    return session.get(Delivery, delivery_id, populate_existing=True)


def record_attempt(
    session: Session,
    delivery_id: str,
    *,
    status_code: int | None,
    error: str | None,
    duration_ms: int | None,
    succeeded: bool,
    next_attempt_at: datetime | None,
    now: datetime | None = None,
) -> Delivery:
    """Log an attempt and move the delivery on.

    Succeeded -> ``succeeded``; otherwise ``pending`` again at ``next_attempt_at``, or
    ``failed`` when it is None (attempts exhausted or a permanent error).
    """
    now = now or utcnow()
    delivery = session.get(Delivery, delivery_id, populate_existing=True)
    if delivery is None:
        raise LookupError(f"delivery {delivery_id} does not exist")
    session.add(
        DeliveryAttempt(
            delivery_id=delivery_id,
            attempted_at=now,
            status_code=status_code,
            error=None if error is None else error[:2000],
            duration_ms=duration_ms,
        )
    )
    delivery.last_status_code = status_code
    delivery.last_error = None if error is None else error[:2000]
    delivery.updated_at = now
    if succeeded:
        delivery.status = "succeeded"
        delivery.next_attempt_at = None
    elif next_attempt_at is None:
        delivery.status = "failed"
        delivery.next_attempt_at = None
    else:
        delivery.status = "pending"
        delivery.next_attempt_at = next_attempt_at
    session.flush()
    return delivery


def disable_story_deliveries(
    session: Session, story_id: str, *, now: datetime | None = None
) -> None:
    """Disable a story's webhook and park its pending deliveries as ``disabled``."""
    now = now or utcnow()
    disable_webhook(session, story_id)
    pending = (Delivery.story_id == story_id) & (Delivery.status == "pending")
    update_rows(session, Delivery, pending, status="disabled", next_attempt_at=None, updated_at=now)


def requeue_delivery(
    session: Session, delivery_id: str, *, now: datetime | None = None
) -> Delivery | None:
    """Manual redelivery: pending now, with a fresh retry budget (attempts reset to 0).

    Re-enables the story's webhook, since an operator asking for a redelivery wants it sent.
    The attempt log is kept. The ``webhook_id`` stays, so receivers still deduplicate.
    """
    now = now or utcnow()
    delivery = session.get(Delivery, delivery_id, populate_existing=True)
    if delivery is None:
        return None
    session.execute(
        update(StoryRow).where(StoryRow.id == delivery.story_id).values(webhook_disabled=False)
    )
    delivery.status = "pending"
    delivery.attempts = 0
    delivery.next_attempt_at = now
    delivery.updated_at = now
    session.flush()
    return delivery
