"""``kill -9`` of worker processes in the middle of extractions.

Two workers (one pool process each) and a separate beat share a queue; each extraction takes
a couple of seconds (``QLTEST_EXTRACT_DELAY``) and leaves a trace file naming its process
(``QLTEST_TRACE_DIR``). The test kills the process that is extracting, three times: twice the
whole worker (main process and pool together: its unacknowledged message stays in Redis until
the one-hour visibility timeout, so only the reconciler can bring the article back) and once
the pool process alone (the main process requeues the message at once). A killed worker is
started again. Every article must end ``done`` with exactly one set of quotes, extracted by a
process that was not killed, and the story's latest report must arrive by webhook.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from scripts.stack import (
    Broker,
    Proc,
    celery_app,
    service_env,
    start_beat,
    start_worker,
    wait_until,
    wait_workers_ready,
)
from tests.faults.qlfaults import (
    FAKE_APP,
    elapsed_since,
    one_set_of_quotes,
    story_state,
    wait_settled,
    webhook_versions,
)
from tests.worker.qlfakes import add_articles, make_story
from tests.worker.qlreceiver import running_receiver
from worker.task_names import TASK_EXTRACT_ARTICLE

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.timeout(420)]

ARTICLES = 12
# (what is killed) per round: the whole worker, its pool process, the whole worker again.
KILLS = ("worker", "pool", "worker")
RECONCILE_AFTER = 6  # seconds; longer than one extraction, so live work is never taken over


def _traces(trace_dir: Path) -> list[tuple[str, int]]:
    """(article id, pid) of every extraction started so far, oldest first."""
    files = sorted(trace_dir.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    return [(p.name.rsplit(".", 1)[0], int(p.name.rsplit(".", 1)[1])) for p in files]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_kill_9_during_extraction_loses_nothing_and_duplicates_nothing(
    tmp_path: Path,
    database_url: str,
    broker: Broker,
    db_session: Session,
    reliability: Any,
) -> None:
    trace_dir = tmp_path / "traces"
    trace_dir.mkdir()
    env = service_env(
        database_url,
        broker,
        QUOTELENS_PRELOAD_MODEL="0",
        QLTEST_EXTRACT_DELAY="2",
        QLTEST_TRACE_DIR=str(trace_dir),
        RECONCILE_AFTER_SECONDS=str(RECONCILE_AFTER),
        QUOTELENS_RECONCILE_INTERVAL_SECONDS="2",
        CHECK_DEBOUNCE_SECONDS="1",
        # RECONCILE_AFTER_SECONDS must exceed the task time limits (Settings refuses otherwise).
        TASK_SOFT_TIME_LIMIT_SECONDS="4.5",
        TASK_TIME_LIMIT_SECONDS="5",
        FETCH_TIMEOUT_SECONDS="3",
        WEBHOOK_TIMEOUT_SECONDS="3",
        HTML_PARSE_TIMEOUT_SECONDS="3",
    )
    app = celery_app(broker)
    names = {"w1": broker.node("w1"), "w2": broker.node("w2")}
    workers: dict[str, Proc] = {}
    beat = start_beat(tmp_path, env)
    started = time.monotonic()
    killed: list[tuple[str, str, int]] = []  # (kind, article id, pid)
    try:
        with running_receiver() as receiver:
            story = make_story(db_session, webhook_url=receiver.url)
            texts = [
                f'Report {i}: the chief said "plan {i} works" and "cost {i} falls".'
                for i in range(ARTICLES)
            ]
            articles = add_articles(db_session, story.id, texts)
            for name, node in names.items():
                workers[name] = start_worker(tmp_path, env, node, app=FAKE_APP)
            wait_workers_ready(app, list(names.values()), list(workers.values()))
            for article in articles:
                app.send_task(TASK_EXTRACT_ARTICLE, args=[article.id])

            for kind in KILLS:
                victims = {pid for _, _, pid in killed}

                def extracting(victims: set[int] = victims) -> tuple[str, int] | None:
                    statuses = story_state(db_session, story.id).statuses
                    for article_id, pid in reversed(_traces(trace_dir)):
                        if (
                            pid not in victims
                            and _alive(pid)
                            and statuses.get(article_id) == "processing"
                        ):
                            return article_id, pid
                    return None

                article_id, pid = wait_until(
                    extracting,
                    60,
                    "no extraction in progress to kill",
                    [beat, *workers.values()],
                    0.05,
                )
                if kind == "pool":
                    os.kill(pid, signal.SIGKILL)
                else:
                    name = next(n for n, w in workers.items() if os.getpgid(pid) == w.popen.pid)
                    os.killpg(workers[name].popen.pid, signal.SIGKILL)
                    workers[name].popen.wait(timeout=10)
                    workers[name] = start_worker(tmp_path, env, names[name], app=FAKE_APP)
                killed.append((kind, article_id, pid))

            # Settled includes "no delivery pending": every report version was sent.
            state = wait_settled(
                db_session, story.id, [beat, *workers.values()], 240, expected_articles=ARTICLES
            )
    finally:
        for proc in [beat, *workers.values()]:
            proc.stop()

    # Guards: nothing lost, and re-running a killed extraction stores one set, not two.
    assert state.counts == {"done": ARTICLES}, state.counts
    quotes = one_set_of_quotes(state, {a.id: t for a, t in zip(articles, texts, strict=True)})
    assert quotes == 2 * ARTICLES
    # Guards: each killed article was finished by a process that was not killed.
    traces = _traces(trace_dir)
    for _, article_id, pid in killed:
        assert state.attempts[article_id] >= 2, (article_id, state.attempts)
        assert {p for a, p in traces if a == article_id} - {pid}, (article_id, traces)
    # Guards: the final report covers every article and reached the receiver, once per version.
    assert state.latest_report is not None
    assert sorted(state.latest_report["articles"]) == sorted(a.id for a in articles)
    assert state.latest_report["failed_articles"] == []
    by_id = webhook_versions(receiver)
    assert all(len(v) == 1 for v in by_id.values()), by_id
    assert sorted(v[0] for v in by_id.values()) == list(range(1, state.report_version + 1))
    assert {d.status for d in state.deliveries} == {"succeeded"}
    extra = sum(state.attempts.values()) - ARTICLES
    reliability(
        f"kill -9 x{len(KILLS)} ({', '.join(k for k, _, _ in killed)}) during extraction of "
        f"{ARTICLES} articles on 2 workers: {state.counts['done']}/{ARTICLES} done, "
        f"{quotes} quotes stored (expected {2 * ARTICLES}, 0 duplicates), {extra} extra "
        f"attempts, {state.report_version} report version(s), {len(by_id)} webhook(s) "
        f"delivered once each, settled in {elapsed_since(started)}s"
    )
