"""``kill -9`` of the worker building a story's report: another worker takes the check over
within a minute (issue 14, item 4), and a live check that outlasts its lease is left alone.

The whole worker (main process and pool) is killed, so its unacknowledged message stays with
Redis until the visibility timeout (an hour): only the reconciler can hand the check on, once
the dead worker's lease has run out. The lease is short here (3 s) and the report build slow
(6 s), so the check must renew its lease to keep it.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from scripts.stack import (
    Broker,
    celery_app,
    service_env,
    start_beat,
    start_worker,
    wait_until,
    wait_workers_ready,
)
from tests.worker.qlfakes import RecordingEnqueuer, add_articles, fake_extract, make_story
from tests.worker.qlreceiver import running_receiver
from worker.jobs.extraction import run_extraction
from worker.settings import Settings
from worker.storage.models import ReportRow, StoryRow
from worker.task_names import TASK_CHECK_STORY

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.timeout(300)]

FAKE_APP = "tests.worker.qlworker_fake_app:app"
LEASE = 3.0
BUILD = 6.0


def _builds(trace_dir: Path) -> list[int]:
    """The pid of every report build started so far, oldest first."""
    files = sorted(trace_dir.iterdir(), key=lambda p: int(p.name.rsplit(".", 1)[1]))
    return [int(p.name.split(".")[1]) for p in files]


def test_kill_9_mid_check_is_taken_over_within_a_minute(
    tmp_path: Path,
    database_url: str,
    broker: Broker,
    db_session: Session,
    settings: Settings,
    reliability: Any,
) -> None:
    trace_dir = tmp_path / "checks"
    trace_dir.mkdir()
    env = service_env(
        database_url,
        broker,
        QUOTELENS_PRELOAD_MODEL="0",
        QLTEST_CHECK_DELAY=str(BUILD),
        QLTEST_CHECK_TRACE_DIR=str(trace_dir),
        CHECK_LEASE_SECONDS=str(LEASE),
        CHECK_DEBOUNCE_SECONDS="0.5",
        QUOTELENS_RECONCILE_INTERVAL_SECONDS="1",
    )
    app = celery_app(broker)
    beat = start_beat(tmp_path, env)
    procs = [beat]
    try:
        with running_receiver() as receiver:
            story = make_story(db_session, webhook_url=receiver.url)
            [article] = add_articles(db_session, story.id, ['"The wall will hold," she said.'])
            run_extraction(
                article.id, RecordingEnqueuer(), settings=settings, extractor=fake_extract
            )
            first = start_worker(tmp_path, env, broker.node("w1"), app=FAKE_APP)
            procs.append(first)
            wait_workers_ready(app, [broker.node("w1")], procs)
            app.send_task(TASK_CHECK_STORY, args=[story.id])
            builder = wait_until(
                lambda: (_builds(trace_dir) or [None])[0],
                60,
                "the check did not start",
                procs,
                0.05,
            )
            # Outlive the lease once: the heartbeat must have moved the marker on.
            time.sleep(LEASE * 1.3)
            db_session.expire_all()
            marker = db_session.scalar(
                select(StoryRow.check_requested_at).where(StoryRow.id == story.id)
            )
            assert marker is not None and marker.timestamp() > time.time(), marker

            os.killpg(first.popen.pid, signal.SIGKILL)
            killed_at = time.monotonic()
            first.popen.wait(timeout=10)
            second = start_worker(tmp_path, env, broker.node("w2"), app=FAKE_APP)
            procs.append(second)

            def stored() -> bool:
                db_session.expire_all()
                return (
                    db_session.scalar(
                        select(ReportRow.version).where(ReportRow.story_id == story.id)
                    )
                    == 1
                )

            wait_until(stored, 120, "no report after the kill", [beat, second], 0.2)
            taken_over = time.monotonic() - killed_at
            receiver.wait_for(1, timeout=30)
            time.sleep(LEASE * 2)  # room for a spurious second build to show up
            builds = _builds(trace_dir)
    finally:
        for proc in procs:
            proc.stop()

    assert builds[0] == builder and len(builds) == 2, builds  # the killed one, the takeover
    assert builds[1] != builder
    assert taken_over < 60, taken_over
    assert len(receiver.requests) == 1
    reliability(
        f"kill -9 of the worker mid-check (lease {LEASE:g}s, build {BUILD:g}s): the lease was "
        f"renewed past its length, another worker stored the report {taken_over:.1f}s after "
        f"the kill (build included), 2 builds in all, 1 webhook"
    )
