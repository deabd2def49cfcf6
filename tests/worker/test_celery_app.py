"""The Celery app: configuration for at-least-once processing, light import, task names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from worker.celery_app import (
    QUEUE,
    TASK_TIME_LIMIT,
    VISIBILITY_TIMEOUT,
    build_config,
    create_app,
)

TASK_NAMES = {
    "quotelens.extract_article",
    "quotelens.check_story",
    "quotelens.deliver_webhook",
    "quotelens.dispatch_due_deliveries",
    "quotelens.reconcile",
}


def test_reliability_settings() -> None:
    conf = build_config("redis://127.0.0.1:6379/9")
    assert conf["task_acks_late"] is True
    assert conf["task_reject_on_worker_lost"] is True
    assert conf["worker_prefetch_multiplier"] == 1
    assert conf["broker_transport_options"]["visibility_timeout"] == VISIBILITY_TIMEOUT
    # A running task must never be handed to a second worker for being slow.
    assert VISIBILITY_TIMEOUT > TASK_TIME_LIMIT >= conf["task_soft_time_limit"]
    assert conf["task_serializer"] == "json" and conf["accept_content"] == ["json"]
    assert conf["worker_send_task_events"] and not conf["task_send_sent_event"]
    assert conf["task_default_queue"] == QUEUE


def test_periodic_tasks_are_scheduled() -> None:
    schedule = build_config("redis://x")["beat_schedule"]
    assert {entry["task"] for entry in schedule.values()} == {
        "quotelens.dispatch_due_deliveries",
        "quotelens.reconcile",
    }
    # An interval in seconds, or a schedule object (worker/housekeeping.py) with ``seconds``.
    assert all(
        float(getattr(entry["schedule"], "seconds", entry["schedule"])) > 0
        for entry in schedule.values()
    )


@pytest.mark.subprocess
def test_importing_the_app_loads_neither_spacy_nor_the_tasks() -> None:
    code = (
        "import sys, worker.celery_app as m; "
        "assert m.app.main == 'quotelens'; "
        "bad = [n for n in ('spacy', 'worker.tasks', 'worker.nlp', 'worker.jobs') "
        "if n in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_tasks_register_under_the_contract_names() -> None:
    import worker.tasks  # noqa: F401  (what the worker's include loads)
    from worker.celery_app import app

    assert set(app.tasks) >= TASK_NAMES
    assert create_app("redis://127.0.0.1:6379/9").conf.broker_url == "redis://127.0.0.1:6379/9"
