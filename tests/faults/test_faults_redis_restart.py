"""The broker (Redis) restarted while articles are queued and while the API is accepting.

The test runs its own ``redis-server`` without persistence, so each restart loses every
queued message: only the database knows what is left to do, and the reconciler (beat, every
2 s here; articles idle for RECONCILE_AFTER_SECONDS count as lost) must re-enqueue it.

Round 1 crashes Redis (SIGKILL) right after a batch was accepted, while its messages wait in
the queue, and probes the API while the broker is down. Round 2 shuts Redis down cleanly
(SIGTERM) while a client keeps submitting. Round 3 freezes it (SIGSTOP), so that
connections hang rather than fail. Promises checked: the API answers every request
with 202 or a JSON 503 that names the broker (never 500), recovers by itself when Redis is
back, and every article it stored ends ``done`` with one set of quotes, in the report that
reaches the webhook.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from scripts.stack import Broker, service_env, wait_until
from tests.faults.qlfaults import (
    batch,
    create_story,
    elapsed_since,
    json_body,
    one_set_of_quotes,
    running_redis,
    running_service,
    wait_settled,
)
from tests.worker.qlreceiver import running_receiver
from worker.storage.models import ArticleRow

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.timeout(420)]

FIRST_BATCH = 10
POSTS_MAX = 150  # bound of the round-2 client loop (one article per request)
OUTAGE_SECONDS = 3.0


class Submitter:
    """Posts one new article every 0.2 s from a thread until stopped (bounded in count)."""

    def __init__(self, client: httpx.Client, story_id: str) -> None:
        self.client = client
        self.story_id = story_id
        self.stop = threading.Event()
        self.results: list[tuple[float, int, dict[str, Any]]] = []  # (time, status, body)
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        for n in range(POSTS_MAX):
            if self.stop.wait(0.2):
                return
            text = f'Live {n}: the spokesperson said "update {n} is out".'
            response = self.client.post(
                f"/v1/stories/{self.story_id}/articles", json=batch(text, source=f"live{n}")
            )
            self.results.append((time.monotonic(), response.status_code, json_body(response)))

    def statuses_since(self, moment: float) -> list[int]:
        return [status for at, status, _ in self.results if at >= moment]


def probe_while_down(client: httpx.Client, story_id: str) -> Counter[str]:
    """Requests that need the broker answer a JSON 503; those that do not keep working."""
    seen: Counter[str] = Counter()
    for n in range(3):
        response = client.post(
            f"/v1/stories/{story_id}/articles", json=batch(f'Outage {n}: "still {n}".')
        )
        body = json_body(response)
        assert response.status_code == 503, response.text
        assert "broker" in body["detail"] and response.headers["retry-after"], body
        assert [a["status"] for a in body["articles"]] == ["queued"]  # stored, not lost
        seen["submit 503"] += 1
    ready = client.get("/readyz")
    assert ready.status_code == 503 and json_body(ready)["checks"]["broker"] == "unavailable"
    seen["readyz 503"] += 1
    # No broker needed: reading progress, creating a story, scraping metrics.
    assert client.get(f"/v1/stories/{story_id}").status_code == 200
    assert client.post("/v1/stories", json={"name": "during outage"}).status_code == 201
    scrape = {"Authorization": "Bearer faults-metrics-token"}
    assert client.get("/metrics", headers=scrape).status_code == 200
    seen["other 2xx"] += 3
    return seen


def test_redis_restarts_lose_no_accepted_article(
    tmp_path: Path, database_url: str, db_session: Session, reliability: Any
) -> None:
    started = time.monotonic()
    with running_redis(tmp_path) as redis_server, running_receiver() as receiver:
        broker = Broker(url=redis_server.url, queue="quotelens-faults", tag="redis")
        env = service_env(
            database_url,
            broker,
            QUOTELENS_PRELOAD_MODEL="0",
            QLTEST_EXTRACT_DELAY="0.3",
            RECONCILE_AFTER_SECONDS="4",
            QUOTELENS_RECONCILE_INTERVAL_SECONDS="2",
            # RECONCILE_AFTER_SECONDS must exceed the task time limits.
            TASK_SOFT_TIME_LIMIT_SECONDS="2.5",
            TASK_TIME_LIMIT_SECONDS="3",
            METRICS_TOKEN="faults-metrics-token",
            FETCH_TIMEOUT_SECONDS="2",
            WEBHOOK_TIMEOUT_SECONDS="2",
            HTML_PARSE_TIMEOUT_SECONDS="2",
        )
        with running_service(tmp_path, env, broker, db_session, "w1", concurrency=2) as (
            client,
            procs,
        ):
            story = create_story(client, receiver.url)
            url = f"/v1/stories/{story['id']}/articles"

            # Round 1: crash Redis while the accepted batch waits in the queue.
            texts = [f'Queued {i}: the engineer said "valve {i} held".' for i in range(FIRST_BATCH)]
            first = client.post(url, json=batch(*texts))
            assert first.status_code == 202, first.text
            lost_messages = redis_server.queued(broker.queue)
            redis_server.kill(signal.SIGKILL)
            seen = probe_while_down(client, story["id"])
            redis_server.start()
            recovered = client.post(url, json=batch('After: "the valves are back".'))
            # Guards: the API reconnects on its own (no restart) once Redis answers again.
            assert recovered.status_code == 202, recovered.text

            # Round 2: a clean Redis shutdown while a client keeps submitting.
            submitter = Submitter(client, story["id"])
            submitter.thread.start()
            try:
                time.sleep(1.5)
                redis_server.kill(signal.SIGTERM)
                down_at = time.monotonic()
                time.sleep(OUTAGE_SECONDS)
                redis_server.start()
                up_at = time.monotonic()
                wait_until(
                    lambda: submitter.statuses_since(up_at)[-3:] == [202] * 3,
                    30,
                    lambda: f"API did not recover: {submitter.statuses_since(up_at)}",
                    procs,
                )
            finally:
                submitter.stop.set()
                submitter.thread.join(timeout=40)

            # Round 3: Redis frozen (SIGSTOP): connections hang instead of being refused.
            redis_server.signal(signal.SIGSTOP)
            try:
                asked = time.monotonic()
                frozen = client.post(url, json=batch('Frozen: "the line is quiet".'))
                frozen_wait = time.monotonic() - asked
            finally:
                redis_server.signal(signal.SIGCONT)
            # Guards: a hung broker costs the client a bounded wait (3 s socket timeout), then
            # the same JSON 503; it never hangs the request or turns into a 500.
            assert frozen.status_code == 503 and "broker" in json_body(frozen)["detail"]
            assert frozen_wait < 10, f"a frozen broker held the request {frozen_wait:.1f}s"
            thawed = client.post(url, json=batch('Thawed: "the line is back".'))
            assert thawed.status_code == 202, thawed.text
            state = wait_settled(db_session, story["id"], procs, 180)

    codes = Counter(status for _, status, _ in submitter.results)
    # Guards: never a 500; the outage was hit (503s) and the API came back (202s) by itself.
    assert set(codes) <= {202, 503}, codes
    assert any(s == 503 for at, s, _ in submitter.results if down_at <= at < up_at), codes
    assert codes[202] >= 3
    accepted = {a["id"] for _, _, body in submitter.results for a in body["articles"]}
    for response in (first, recovered, frozen, thawed):
        accepted |= {a["id"] for a in response.json()["articles"]}
    rows = list(db_session.scalars(select(ArticleRow).where(ArticleRow.story_id == story["id"])))
    # Guards: every article the API answered for (202 or 503) was stored and got processed.
    assert accepted <= {r.id for r in rows}
    assert state.counts == {"done": len(rows)}, state.counts
    quotes = one_set_of_quotes(state, {r.id: r.text for r in rows})
    assert quotes == len(rows)
    assert state.latest_report is not None
    assert sorted(state.latest_report["articles"]) == sorted(r.id for r in rows)
    assert {d.status for d in state.deliveries} == {"succeeded"}
    reliability(
        f"Redis restarted 2x (SIGKILL with {lost_messages} of {FIRST_BATCH} messages still "
        f"queued, then SIGTERM for {OUTAGE_SECONDS:g}s under load) and frozen 1x (SIGSTOP: "
        f"503 after {frozen_wait:.1f}s); API answers: {codes[202] + 3} x 202, "
        f"{codes[503] + seen['submit 503'] + 1} x 503 (JSON, names the broker), 0 x 500; "
        f"readyz 503 while down; {len(rows)} articles stored, "
        f"{state.counts['done']} done, {quotes} quotes (0 duplicates), "
        f"{state.report_version} report version(s), latest delivered; "
        f"{elapsed_since(started)}s"
    )
