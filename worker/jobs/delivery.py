"""Webhook delivery job and the periodic dispatcher of due deliveries.

One call makes at most one HTTP attempt. The delivery is leased first (``claim_delivery``), so a
duplicated message or the dispatcher racing the first enqueue cannot send twice at once, and a
worker that dies mid-attempt only delays the delivery until the lease runs out. The outcome is
logged in ``delivery_attempts`` and the next attempt, if any, is written to
``deliveries.next_attempt_at``; the dispatcher (``quotelens.dispatch_due_deliveries``, run by
beat) enqueues whatever is due. Retries therefore survive worker restarts and never sit in the
broker as long countdowns.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import httpx

from worker.jobs.enqueue import Enqueuer
from worker.net.addresses import Resolver
from worker.settings import Settings, get_settings
from worker.storage import deliveries as delivery_repo
from worker.storage import reports as report_repo
from worker.storage import stories as story_repo
from worker.storage.db import session_scope
from worker.storage.types import utcnow
from worker.webhooks.payload import webhook_payload
from worker.webhooks.policy import Decision, Plan, RetryPolicy, plan_next
from worker.webhooks.sender import AttemptResult, send_once
from worker.webhooks.signing import encode_body, signed_headers

log = logging.getLogger(__name__)

# Extra lease on top of the HTTP timeout before another worker may retry a claimed delivery.
LEASE_MARGIN_SECONDS = 30.0

DeliveryStatus = Literal["skipped", "succeeded", "retry", "failed", "disabled", "superseded"]
_STATUS_BY_DECISION: dict[Decision, DeliveryStatus] = {
    Decision.DELIVERED: "succeeded",
    Decision.RETRY: "retry",
    Decision.FAILED: "failed",
    Decision.DISABLE: "disabled",
}


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """What one ``run_delivery`` call came to (the caller knows which delivery it passed)."""

    status: DeliveryStatus
    status_code: int | None = None
    error: str | None = None
    next_attempt_at: datetime | None = None


def retry_policy(settings: Settings) -> RetryPolicy:
    """The policy from the settings, so operators (and tests) can tune the backoff."""
    return RetryPolicy(
        max_attempts=settings.webhook_max_attempts,
        base_delay=settings.webhook_backoff_base_seconds,
        max_delay=settings.webhook_backoff_max_seconds,
    )


@dataclass(frozen=True, slots=True)
class _Snapshot:
    story_id: str
    version: int
    webhook_id: str
    attempts: int
    url: str | None
    secret: str
    disabled: bool
    report: dict[str, Any] | None
    report_created_at: datetime | None = None
    newer_version: int | None = None  # a newer report of the story has its own delivery
    previous_secrets: tuple[str, ...] = ()  # still signed with during a secret rotation


def _finish(
    delivery_id: str,
    story_id: str,
    result: AttemptResult,
    plan: Plan,
    now: datetime,
    database_url: str | None,
) -> DeliveryOutcome:
    next_at = (
        now + timedelta(seconds=plan.delay)
        if plan.decision is Decision.RETRY and plan.delay is not None
        else None
    )
    error = result.error
    if plan.decision is not Decision.DELIVERED and plan.reason and plan.reason != error:
        error = plan.reason if error is None else f"{error} ({plan.reason})"
    with session_scope(database_url) as session:
        delivery = delivery_repo.record_attempt(
            session,
            delivery_id,
            status_code=result.status_code,
            error=error,
            duration_ms=result.duration_ms,
            succeeded=plan.decision is Decision.DELIVERED,
            next_attempt_at=next_at,
            now=now,
        )
        if plan.decision is Decision.DISABLE:
            delivery_repo.disable_story_deliveries(session, story_id, now=now)
            delivery.status = "disabled"
            session.flush()
    return DeliveryOutcome(_STATUS_BY_DECISION[plan.decision], result.status_code, error, next_at)


def run_delivery(
    delivery_id: str,
    *,
    settings: Settings | None = None,
    policy: RetryPolicy | None = None,
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
    rng: random.Random | None = None,
) -> DeliveryOutcome:
    settings = settings or get_settings()
    database_url = settings.database_url
    policy = policy or retry_policy(settings)
    lease = timedelta(seconds=settings.webhook_timeout_seconds + LEASE_MARGIN_SECONDS)

    with session_scope(database_url) as session:
        delivery = delivery_repo.claim_delivery(session, delivery_id, now=utcnow(), lease=lease)
        if delivery is None:
            return DeliveryOutcome("skipped")
        story = story_repo.get_story(session, delivery.story_id)
        report = report_repo.get_report(session, delivery.story_id, delivery.report_version)
        snap = _Snapshot(
            story_id=delivery.story_id,
            version=delivery.report_version,
            webhook_id=delivery.webhook_id,
            attempts=delivery.attempts,
            url=story.webhook_url if story is not None else None,
            secret=story.webhook_secret if story is not None else "",
            disabled=bool(story.webhook_disabled) if story is not None else True,
            report=dict(report.body) if report is not None else None,
            report_created_at=report.created_at if report is not None else None,
            newer_version=delivery_repo.newer_delivery_version(
                session, delivery.story_id, delivery.report_version
            ),
            previous_secrets=tuple(
                story_repo.signing_secrets(
                    story, timedelta(hours=settings.webhook_secret_rotation_hours)
                )[1:]
            )
            if story is not None
            else (),
        )

    now = utcnow()
    if snap.disabled:
        with session_scope(database_url) as session:
            delivery_repo.disable_story_deliveries(session, snap.story_id, now=now)
            parked = delivery_repo.get_delivery(session, delivery_id)
            if parked is not None and parked.status == "pending":
                parked.status = "disabled"
                parked.next_attempt_at = None
        return DeliveryOutcome("disabled", error="webhook disabled")
    if not snap.url or snap.report is None:
        reason = "story has no webhook URL" if not snap.url else "report version not found"
        result = AttemptResult(None, error=reason)
        return _finish(
            delivery_id,
            snap.story_id,
            result,
            Plan(Decision.FAILED, reason=reason),
            now,
            database_url,
        )

    if snap.newer_version is not None:
        # Only the newest pending version is sent: an older one after a newer one would make
        # a receiver that keeps the last message it got keep the wrong report.
        with session_scope(database_url) as session:
            delivery_repo.supersede(session, delivery_id, snap.newer_version, now=now)
        reason = delivery_repo.superseded_reason(snap.newer_version)
        return DeliveryOutcome("superseded", error=reason)

    payload = webhook_payload(
        snap.story_id,
        snap.version,
        snap.report,
        created_at=snap.report_created_at or now,
        public_url=settings.public_url(),
        full_report_max_bytes=settings.webhook_full_report_max_bytes,
    )
    body = encode_body(payload)
    headers = signed_headers(
        snap.secret, snap.webhook_id, body, also_sign_with=snap.previous_secrets
    )
    result = send_once(
        snap.url,
        body,
        headers,
        timeout=settings.webhook_timeout_seconds,
        allow_loopback=settings.webhook_allow_loopback,
        resolver=resolver,
        transport=transport,
    )
    if result.refused:
        # The URL itself is not acceptable (scheme, private address): retrying cannot help.
        plan = Plan(Decision.FAILED, reason=result.error)
    else:
        plan = plan_next(
            policy,
            attempts_made=snap.attempts,
            status_code=result.status_code,
            error=result.error,
            retry_after=result.retry_after,
            rng=rng,
        )
    outcome = _finish(delivery_id, snap.story_id, result, plan, utcnow(), database_url)
    log.info(
        "webhook %s (story %s v%d) attempt %d: %s",
        snap.webhook_id,
        snap.story_id,
        snap.version,
        snap.attempts,
        outcome.status,
    )
    return outcome


def dispatch_due_deliveries(
    enqueue: Enqueuer,
    *,
    settings: Settings | None = None,
    limit: int = 200,
) -> list[str]:
    """Enqueue every pending delivery whose next attempt is due (run periodically)."""
    settings = settings or get_settings()
    database_url = settings.database_url
    with session_scope(database_url) as session:
        due = delivery_repo.due_deliveries(session, now=utcnow(), limit=limit)
    for delivery_id in due:
        enqueue.deliver_webhook(delivery_id)
    return due
