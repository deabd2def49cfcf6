"""Worker restarts while a webhook retry is pending.

Retries live in the database (``deliveries.next_attempt_at``) and the periodic dispatcher
(``quotelens.dispatch_due_deliveries``, beat) sends whatever is due, so a retry must survive
the worker (and its embedded beat, ``worker -B`` as ``make run`` starts it) going away: once
with ``kill -9``, once with a warm shutdown. Each retry must happen no earlier than its
scheduled time and soon after a worker is back, with the same ``webhook-id``.
"""

from __future__ import annotations

import os
import signal
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from scripts.stack import (
    Broker,
    Proc,
    celery_app,
    service_env,
    start_worker,
    wait_until,
    wait_workers_ready,
)
from tests.faults.qlfaults import FAKE_APP, elapsed_since, webhook_versions
from tests.worker.qlfakes import add_articles, make_story
from tests.worker.qlreceiver import running_receiver
from worker.storage.models import Delivery, DeliveryAttempt
from worker.task_names import TASK_EXTRACT_ARTICLE

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.timeout(300)]

BACKOFF = 3.0  # WEBHOOK_BACKOFF_BASE_SECONDS (the cap is 2x: second retry 6 s +-20%)
# Worker start-up (a few seconds) + dispatcher interval (1 s) + pick-up, with room for a
# loaded machine; still below the 30 s claim lease, so only the dispatcher can have sent it.
LATE_MAX = 20.0
DOWN_FOR = 2 * BACKOFF  # the worker stays away past the scheduled time


def _delivery(session: Session) -> Delivery | None:
    session.expire_all()
    return session.scalars(select(Delivery)).one_or_none()


def _attempts(session: Session, delivery_id: str) -> list[DeliveryAttempt]:
    session.expire_all()
    return list(
        session.scalars(
            select(DeliveryAttempt)
            .where(DeliveryAttempt.delivery_id == delivery_id)
            .order_by(DeliveryAttempt.id)
        )
    )


def test_pending_webhook_retries_survive_worker_restarts(
    tmp_path: Path,
    database_url: str,
    broker: Broker,
    db_session: Session,
    reliability: Any,
) -> None:
    env = service_env(
        database_url,
        broker,
        QUOTELENS_PRELOAD_MODEL="0",
        WEBHOOK_BACKOFF_BASE_SECONDS=str(BACKOFF),
        WEBHOOK_BACKOFF_MAX_SECONDS=str(2 * BACKOFF),
    )
    app = celery_app(broker)
    node = broker.node("hooks")
    started = time.monotonic()
    worker: Proc | None = None
    schedule: list[tuple[datetime, datetime]] = []  # (retry due at, worker relaunched at)
    with running_receiver([(503, {}), (503, {}), (204, {})]) as receiver:
        story = make_story(db_session, webhook_url=receiver.url)
        [article] = add_articles(db_session, story.id, ['The coach said "we go again".'])
        try:
            worker = start_worker(tmp_path, env, node, app=FAKE_APP, beat=True)
            wait_workers_ready(app, [node], [worker])
            app.send_task(TASK_EXTRACT_ARTICLE, args=[article.id])
            for how in (signal.SIGKILL, signal.SIGTERM):
                failed = len(schedule) + 1

                def retry_scheduled(failed: int = failed) -> Delivery | None:
                    row = _delivery(db_session)
                    ok = (
                        row is not None
                        and row.status == "pending"
                        and len(_attempts(db_session, row.id)) == failed
                    )
                    return row if ok else None

                row = wait_until(
                    retry_scheduled, 90, f"attempt {failed} was not recorded", [worker]
                )
                assert row.next_attempt_at is not None
                os.killpg(worker.popen.pid, how)  # worker, pool and beat together
                worker.popen.wait(timeout=60)
                worker.stop()
                time.sleep(DOWN_FOR)
                # Guards: nobody sends while no worker runs (the retry is not in a process).
                assert len(receiver.requests) == failed
                schedule.append((row.next_attempt_at, datetime.now(UTC)))
                worker = start_worker(tmp_path, env, node, app=FAKE_APP, beat=True)
                wait_workers_ready(app, [node], [worker])

            def delivered() -> Delivery | None:
                row = _delivery(db_session)
                return row if row is not None and row.status == "succeeded" else None

            delivery = wait_until(delivered, 90, "delivery did not succeed", [worker])
        finally:
            if worker is not None:
                worker.stop()

    attempts = _attempts(db_session, delivery.id)
    assert [a.status_code for a in attempts] == [503, 503, 204]
    lateness = []
    for (due, back), attempt in zip(schedule, attempts[1:], strict=True):
        # Guards: never before the scheduled time, and soon once a worker is relaunched.
        assert attempt.attempted_at >= due, (attempt.attempted_at, due)
        late = (attempt.attempted_at - max(due, back)).total_seconds()
        assert late <= LATE_MAX, f"retry ran {late:.1f}s after it could have"
        lateness.append(late)
    # Guards: one delivery, one webhook-id across its retries.
    assert webhook_versions(receiver) == {delivery.webhook_id: [1, 1, 1]}
    reliability(
        f"worker (with beat) stopped 2x with a webhook retry pending (kill -9, then SIGTERM), "
        f"down {DOWN_FOR:g}s past the due time each: 3/3 attempts made "
        f"(503, 503, 204), none early, {', '.join(f'{x:.1f}' for x in lateness)}s after the "
        f"worker was relaunched (start-up included), 1 delivery, 1 webhook-id; "
        f"{elapsed_since(started)}s"
    )
