"""Periodic reconciler: the database is the truth, Redis only carries messages.

Messages can be lost (broker restarted without persistence, enqueue failed after the API
committed) and workers can die mid-task. Every ``quotelens.reconcile`` run therefore

- re-enqueues articles that have sat in ``queued`` or ``processing`` for longer than
  ``RECONCILE_AFTER_SECONDS`` (``processing`` ones are reset to ``queued``; the attempt bound
  in the extraction job stops a crash-looping article), and
- re-enqueues story checks whose request marker is overdue by more than ``CHECK_LEASE_SECONDS``
  past the debounce window (lost message, or the worker that claimed the check died and its
  lease ran out: a live check renews its lease, so an old marker means nobody is working).

Pending webhook deliveries need no reconciling: the dispatcher picks them up from the database.
Every re-enqueued task is idempotent, so a spurious one costs a query, never a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from worker.jobs.enqueue import Enqueuer
from worker.settings import Settings, get_settings
from worker.storage import articles as article_repo
from worker.storage import check_jobs
from worker.storage.db import session_scope
from worker.storage.types import utcnow


@dataclass(frozen=True, slots=True)
class ReconcileOutcome:
    articles: list[str]
    stories: list[str]


def run_reconcile(
    enqueue: Enqueuer,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    limit: int = 500,
) -> ReconcileOutcome:
    settings = settings or get_settings()
    database_url = settings.database_url
    now = now or utcnow()
    stale = timedelta(seconds=settings.reconcile_after_seconds)

    with session_scope(database_url) as session:
        article_ids = article_repo.requeue_stale(session, stale, now=now, limit=limit)
    for article_id in article_ids:
        enqueue.extract_article(article_id)

    grace = timedelta(seconds=settings.check_debounce_seconds + settings.check_lease_seconds)
    overdue_before = now - grace
    with session_scope(database_url) as session:
        story_ids = check_jobs.overdue_check_story_ids(session, overdue_before, limit=limit)
    for story_id in story_ids:
        enqueue.check_story(story_id, countdown=0.0)
    return ReconcileOutcome(article_ids, story_ids)
