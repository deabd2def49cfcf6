"""Duplicate submissions racing each other through the real API and worker.

A client that times out retries; several of its retries can be in flight at once. Here six
identical requests with one ``Idempotency-Key`` arrive together, then six requests with the
same texts (differently spaced, other sources) and no key, then the first request once more
after everything finished. The story must hold each text once, each article must be
extracted once (the duplicate task messages the retries send are no-ops), and each must hold
one set of quotes.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session

from scripts.stack import Broker, service_env
from tests.faults.qlfaults import (
    batch,
    create_story,
    elapsed_since,
    json_body,
    one_set_of_quotes,
    running_service,
    wait_settled,
    webhook_versions,
)
from tests.worker.qlreceiver import running_receiver

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.timeout(300)]

TEXTS = [f'Item {i}: the treasurer said "budget line {i} is final".' for i in range(5)]
RACERS = 6


def race(
    client: httpx.Client, url: str, bodies: list[dict[str, Any]], headers: dict[str, str]
) -> list[httpx.Response]:
    """Send every body at the same moment (a barrier releases all threads together)."""
    gate = threading.Barrier(len(bodies), timeout=30)

    def send(body: dict[str, Any]) -> httpx.Response:
        gate.wait()
        return client.post(url, json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(send, bodies))


def test_racing_duplicate_submissions_store_and_extract_each_text_once(
    tmp_path: Path,
    database_url: str,
    broker: Broker,
    db_session: Session,
    reliability: Any,
) -> None:
    env = service_env(database_url, broker, QUOTELENS_PRELOAD_MODEL="0", QLTEST_EXTRACT_DELAY="0.5")
    started = time.monotonic()
    with (
        running_receiver() as receiver,
        running_service(tmp_path, env, broker, db_session, "dups", concurrency=2) as (
            client,
            procs,
        ),
    ):
        story = create_story(client, receiver.url)
        url = f"/v1/stories/{story['id']}/articles"
        keyed = race(client, url, [batch(*TEXTS)] * RACERS, {"Idempotency-Key": "batch-7"})
        respaced = [
            # The same source written another way is the same outlet (another would be a copy).
            batch(
                *(t.replace(" ", "  ") if n % 2 else f"  {t}\n" for t in TEXTS),
                source=("wire", "WIRE", " Wire")[n % 3],
            )
            for n in range(RACERS)
        ]
        unkeyed = race(client, url, respaced, {})
        state = wait_settled(db_session, story["id"], procs, 120, expected_articles=len(TEXTS))
        replay = client.post(url, json=batch(*TEXTS), headers={"Idempotency-Key": "batch-7"})

    responses = [*keyed, *unkeyed, replay]
    # Guards: racing duplicates are not errors (no 409/500/503 from the insert races).
    assert [r.status_code for r in responses] == [202] * len(responses), [
        (r.status_code, r.text[:200]) for r in responses
    ]
    id_lists = {tuple(a["id"] for a in json_body(r)["articles"]) for r in responses}
    # Guards: every response names the same articles, in the order of the texts.
    assert len(id_lists) == 1, id_lists
    [ids] = id_lists
    assert len(set(ids)) == len(TEXTS)
    assert replay.headers.get("idempotent-replayed") == "true"
    # Guards: stored once, extracted once (duplicate messages did not re-run it), one quote set.
    assert sorted(state.statuses) == sorted(ids)
    assert state.attempts == dict.fromkeys(ids, 1), state.attempts
    quotes = one_set_of_quotes(state, dict(zip(ids, TEXTS, strict=True)))
    assert quotes == len(TEXTS)
    by_id = webhook_versions(receiver)
    assert all(len(v) == 1 for v in by_id.values()), by_id
    replayed = sum(r.headers.get("idempotent-replayed") == "true" for r in responses)
    reliability(
        f"{len(responses)} submissions of the same {len(TEXTS)} texts ({RACERS} racing with one "
        f"Idempotency-Key, {RACERS} racing respaced without, 1 later retry; {replayed} "
        f"replayed): all 202, {len(state.statuses)} articles stored, "
        f"{sum(state.attempts.values())} extractions, {quotes} quotes (0 duplicates), "
        f"{state.report_version} report version(s) each delivered once; "
        f"{elapsed_since(started)}s"
    )
