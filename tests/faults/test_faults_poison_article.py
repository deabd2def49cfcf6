"""Poison articles, submitted through the API ahead of good ones, on a single worker process.

One poison raises in the extractor on every try (retried with backoff, then ``failed`` with
the error); the other kills its pool process on every try, as an out-of-memory kill would
(requeued by ``task_reject_on_worker_lost`` until the attempt bound fails it at claim time).
Neither may hold up the good articles behind them, and the story's report, built from the
good articles, must list both failures with their reasons and reach the webhook.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from scripts.stack import Broker, service_env
from tests.faults.qlfaults import (
    batch,
    create_story,
    elapsed_since,
    one_set_of_quotes,
    running_service,
    wait_settled,
)
from tests.worker.qlfakes import FAIL_MARKER
from tests.worker.qlreceiver import running_receiver
from worker.storage.models import ArticleRow

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.timeout(300)]

GOOD = 8
# TASK_MAX_RETRIES: four tries in all, so the raising poison keeps retrying for >= 11 s
# (2 + 4 + 8 s backoff, -20% jitter): far longer than the good articles need.
MAX_RETRIES = 3


def test_poison_articles_fail_bounded_and_do_not_block(
    tmp_path: Path,
    database_url: str,
    broker: Broker,
    db_session: Session,
    reliability: Any,
) -> None:
    kill_dir = tmp_path / "kills"
    kill_dir.mkdir()
    env = service_env(
        database_url,
        broker,
        QUOTELENS_PRELOAD_MODEL="0",
        TASK_MAX_RETRIES=str(MAX_RETRIES),
        QLTEST_KILL_DIR=str(kill_dir),
    )
    raising = f'{FAIL_MARKER}: the mayor said "this text breaks the extractor".'
    killing = 'KILL-ALWAYS: the mayor said "this text kills the worker process".'
    good = [f'Good {i}: the mayor said "item {i} is fine".' for i in range(GOOD)]
    started = time.monotonic()
    with (
        running_receiver() as receiver,
        running_service(tmp_path, env, broker, db_session, "poison") as (client, procs),
    ):
        story = create_story(client, receiver.url)
        response = client.post(
            f"/v1/stories/{story['id']}/articles", json=batch(raising, killing, *good)
        )
        assert response.status_code == 202, response.text
        ids = [a["id"] for a in response.json()["articles"]]
        state = wait_settled(db_session, story["id"], procs, 180, expected_articles=GOOD + 2)
        progress = client.get(f"/v1/stories/{story['id']}").json()

    rows = {
        r.id: r
        for r in db_session.scalars(select(ArticleRow).where(ArticleRow.story_id == story["id"]))
    }
    raised, killed, good_ids = rows[ids[0]], rows[ids[1]], ids[2:]
    # Guards: a bounded number of tries, then failed with the reason.
    assert raised.status == "failed" and raised.attempts == MAX_RETRIES + 1
    assert raised.error == f"RuntimeError: poison article (after {MAX_RETRIES + 1} attempts)"
    assert killed.status == "failed" and killed.attempts == MAX_RETRIES + 2  # + the refusal
    assert "did not finish" in (killed.error or "")
    # Guards: the good articles, queued behind the poisons on one process, did not wait for
    # the raising one's retries (they are scheduled, not slept through).
    good_done = max(rows[i].processed_at for i in good_ids if rows[i].processed_at)
    assert raised.processed_at is not None and good_done < raised.processed_at
    assert state.counts == {"done": GOOD, "failed": 2}
    quotes = one_set_of_quotes(state, {i: rows[i].text for i in good_ids})
    # Guards: the report is built from the good articles and lists both failures.
    assert state.latest_report is not None
    assert sorted(state.latest_report["articles"]) == sorted(good_ids)
    failed = {f["article_id"]: f["error"] for f in state.latest_report["failed_articles"]}
    assert failed == {raised.id: raised.error, killed.id: killed.error}
    assert {f["article_id"] for f in progress["failures"]} == set(failed)
    assert {d.status for d in state.deliveries} == {"succeeded"}
    good_after = (good_done - min(r.created_at for r in rows.values())).total_seconds()
    reliability(
        f"2 poison articles (raises every try; kills its process every try) ahead of {GOOD} "
        f"good ones on 1 worker process, TASK_MAX_RETRIES={MAX_RETRIES}: both failed after "
        f"{raised.attempts} / {killed.attempts - 1} tries with the reason; {GOOD}/{GOOD} good "
        f"done {good_after:.1f}s after submission, before the raising poison gave up; "
        f"{quotes} quotes; report v{state.report_version} lists 2 failures and was delivered; "
        f"{elapsed_since(started)}s"
    )
