"""The Celery application of quotelens.

The API imports ``app`` only to send tasks by name (``app.send_task(TASK_EXTRACT_ARTICLE, ...)``,
the names in ``worker/task_names.py``), so this module imports neither spaCy nor ``worker.tasks``:
the worker loads the task module through ``include`` and the model in each pool process
(``worker_process_init``).

Delivery guarantees: tasks acknowledge late (after they ran) and are requeued when the worker
process dies, so every task is at-least-once and idempotent against the database. The Redis
visibility timeout is longer than the hard time limit of any task, so a running task is never
handed to a second worker merely because it is slow. Nothing waits long in the broker:
debounced story checks use a countdown of seconds, and webhook retries live in the database
(``deliveries.next_attempt_at``), picked up by the periodic ``quotelens.dispatch_due_deliveries``.

Periodic tasks run from ``celery beat``: exactly one beat per deployment (a separate process,
or ``worker -B`` when a single worker process group runs everything, as ``make run`` does).
"""

from __future__ import annotations

import logging
import os
import tempfile
from typing import Any

from celery import Celery
from celery.signals import worker_process_init

from worker.housekeeping import WhenDue
from worker.settings import VISIBILITY_TIMEOUT_SECONDS, get_settings
from worker.task_names import TASK_DISPATCH_DUE_DELIVERIES, TASK_RECONCILE

log = logging.getLogger(__name__)

_settings = get_settings()
# The Redis list the tasks wait in (and that KEDA watches). Overridable so that test runs
# sharing one Redis never consume each other's messages.
QUEUE = _settings.quotelens_queue

# Task time limits (seconds). The hard limit bounds every task; the Redis visibility timeout
# must exceed it, or a slow task would be redelivered to another worker while still running
# (``Settings`` refuses to start otherwise).
TASK_SOFT_TIME_LIMIT = _settings.task_soft_time_limit_seconds
TASK_TIME_LIMIT = _settings.task_time_limit_seconds
VISIBILITY_TIMEOUT = int(VISIBILITY_TIMEOUT_SECONDS)

# How often beat sends the periodic tasks (seconds); overridable for tests and small setups.
DISPATCH_INTERVAL_SECONDS = _settings.quotelens_dispatch_interval_seconds
RECONCILE_INTERVAL_SECONDS = _settings.quotelens_reconcile_interval_seconds

DELIVERIES_DUE_PROBE = "worker.housekeeping:deliveries_due"


def build_config(redis_url: str, queue: str = QUEUE) -> dict[str, Any]:
    """The Celery configuration (a plain dict, so tests can inspect it)."""
    return {
        "broker_url": redis_url,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {"visibility_timeout": VISIBILITY_TIMEOUT},
        # Results are written to the database by the tasks themselves; no result backend.
        "task_ignore_result": True,
        "result_backend": None,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "timezone": "UTC",
        "enable_utc": True,
        "task_default_queue": queue,
        # At-least-once: ack after the task ran, requeue when the pool process is killed,
        # and take one message at a time so a long extraction does not hoard others.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_soft_time_limit": TASK_SOFT_TIME_LIMIT,
        "task_time_limit": TASK_TIME_LIMIT,
        # Loading the spaCy model in each pool process takes a few seconds.
        "worker_proc_alive_timeout": 120.0,
        # Long-running workers: recycle a pool process now and then (bounded memory growth).
        "worker_max_tasks_per_child": 1000,
        # Events for Flower: a task appears there when a worker receives it. No "sent" event
        # from the sender: it was an extra broker publish on every API submission (a third of
        # the publishing cost), and articles still waiting are counted by the story endpoint
        # and the queue-depth gauge in /metrics.
        "worker_send_task_events": True,
        "task_send_sent_event": False,
        "beat_schedule_filename": os.path.join(
            tempfile.gettempdir(), "quotelens-celerybeat-schedule"
        ),
        "beat_schedule": {
            # Sent only when a delivery is due (worker/housekeeping.py): no empty runs in Flower.
            "dispatch-due-deliveries": {
                "task": TASK_DISPATCH_DUE_DELIVERIES,
                "schedule": WhenDue(DISPATCH_INTERVAL_SECONDS, DELIVERIES_DUE_PROBE),
                "options": {"expires": max(DISPATCH_INTERVAL_SECONDS * 2, 10.0)},
            },
            "reconcile": {
                "task": TASK_RECONCILE,
                "schedule": RECONCILE_INTERVAL_SECONDS,
                "options": {"expires": max(RECONCILE_INTERVAL_SECONDS, 10.0)},
            },
        },
    }


def create_app(redis_url: str | None = None, queue: str = QUEUE) -> Celery:
    url = redis_url or get_settings().redis_url
    celery_app = Celery("quotelens", include=["worker.tasks"])
    celery_app.conf.update(build_config(url, queue))
    return celery_app


app = create_app()


@worker_process_init.connect  # type: ignore[untyped-decorator]
def _init_pool_process(**_kwargs: Any) -> None:
    """Per pool process: fresh database engines (never share sockets across fork) and the
    spaCy model loaded once, so the first task does not pay for it."""
    from worker.storage.db import get_engine

    get_engine.cache_clear()
    if not get_settings().quotelens_preload_model:
        return
    try:
        from worker.pipeline import configured_model

        configured_model()
    except Exception:  # the task reports the error and retries; the pool stays up
        log.exception("quotelens: could not preload the spaCy model")
