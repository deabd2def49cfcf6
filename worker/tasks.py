"""Celery tasks: thin wrappers that call the jobs in ``worker.jobs``.

Loaded by the worker through the app's ``include``; the API never imports this module and
sends tasks by name. Every task is idempotent (see the jobs), which is what makes late
acknowledgement and redelivery safe.
"""

from __future__ import annotations

from typing import Any

from celery import Task
from sqlalchemy.exc import OperationalError

from worker.celery_app import app
from worker.jobs import delivery, extraction, reconcile, story_check
from worker.jobs.enqueue import CeleryEnqueuer
from worker.task_names import (
    TASK_CHECK_STORY,
    TASK_DELIVER_WEBHOOK,
    TASK_DISPATCH_DUE_DELIVERIES,
    TASK_EXTRACT_ARTICLE,
    TASK_RECONCILE,
)

# Retries of a failing extraction are bounded in the database (articles.attempts), not here.
UNBOUNDED = None
CHECK_MAX_RETRIES = 5
# The database being briefly unreachable (restart, failover, SQLite lock timeout) is retried
# with exponential backoff; the reconciler and the dispatcher catch anything beyond that.
TRANSIENT_DB = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 8,
}

enqueuer = CeleryEnqueuer()


def _redelivered(task: Task) -> bool:
    """Whether the broker handed this message out before without an ack (a pool process
    died running it and ``task_reject_on_worker_lost`` requeued it)."""
    delivery_info = task.request.delivery_info or {}
    return bool(delivery_info.get("redelivered"))


@app.task(bind=True, name=TASK_EXTRACT_ARTICLE, **TRANSIENT_DB)  # type: ignore[untyped-decorator]
def extract_article(self: Task, article_id: str) -> dict[str, Any]:
    outcome = extraction.run_extraction(article_id, enqueuer, redelivered=_redelivered(self))
    if outcome.status == "retry":
        raise self.retry(countdown=outcome.retry_in, max_retries=UNBOUNDED)
    return {"status": outcome.status, "quotes": outcome.quotes, "error": outcome.error}


@app.task(bind=True, name=TASK_CHECK_STORY, max_retries=CHECK_MAX_RETRIES)  # type: ignore[untyped-decorator]
def check_story(self: Task, story_id: str) -> dict[str, Any]:
    try:
        outcome = story_check.run_story_check(story_id, enqueuer, redelivered=_redelivered(self))
    except Exception as exc:
        # The job handed its claim back; try again shortly (then the reconciler takes over).
        raise self.retry(exc=exc, countdown=5 * (self.request.retries + 1)) from exc
    return {"status": outcome.status, "version": outcome.version}


@app.task(name=TASK_DELIVER_WEBHOOK, **TRANSIENT_DB)  # type: ignore[untyped-decorator]
def deliver_webhook(delivery_id: str) -> dict[str, Any]:
    outcome = delivery.run_delivery(delivery_id)
    return {"status": outcome.status, "status_code": outcome.status_code}


@app.task(name=TASK_DISPATCH_DUE_DELIVERIES)  # type: ignore[untyped-decorator]
def dispatch_due_deliveries() -> int:
    return len(delivery.dispatch_due_deliveries(enqueuer))


@app.task(name=TASK_RECONCILE)  # type: ignore[untyped-decorator]
def reconcile_task() -> dict[str, int]:
    outcome = reconcile.run_reconcile(enqueuer)
    return {"articles": len(outcome.articles), "stories": len(outcome.stories)}
