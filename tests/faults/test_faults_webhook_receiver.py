"""A misbehaving webhook receiver, through the real API, worker and beat: refused connections,
an answer slower than the timeout, 500, 429 with Retry-After, and 410 Gone.

Documented behaviour (worker/webhooks/policy.py): network errors, timeouts, 429 and 5xx are
retried with exponential backoff (base and cap from WEBHOOK_BACKOFF_*), a longer Retry-After is
honoured, 410 disables the story's endpoint. Every attempt is listed by
``GET /v1/stories/{id}/deliveries``, and each report version is one delivery whose retries all
carry the same ``webhook-id``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from scripts.stack import Broker, Proc, free_port, service_env, wait_until
from tests.faults.qlfaults import batch, create_story, json_body, running_service, webhook_versions
from tests.worker.qlreceiver import running_receiver

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.timeout(300)]

TIMEOUT = 1.0  # WEBHOOK_TIMEOUT_SECONDS
BACKOFF = 1.5  # WEBHOOK_BACKOFF_BASE_SECONDS = WEBHOOK_BACKOFF_MAX_SECONDS
RETRY_AFTER = 5  # seconds a 429 asks for: well above the backoff cap (1.5 s * 1.2 jitter)


def deliveries(client: httpx.Client, story_id: str) -> list[dict[str, Any]]:
    listing = json_body(client.get(f"/v1/stories/{story_id}/deliveries"))
    rows: list[dict[str, Any]] = listing["deliveries"]
    return sorted(rows, key=lambda d: int(d["report_version"]))


def wait_delivery(
    client: httpx.Client,
    story_id: str,
    version: int,
    procs: list[Proc],
    timeout: float = 90,
    status: str = "succeeded",
    attempts: int = 1,
) -> dict[str, Any]:
    """Until the delivery of ``version`` has ``status`` after at least ``attempts`` attempts."""

    def done() -> dict[str, Any] | None:
        for row in deliveries(client, story_id):
            if (
                row["report_version"] == version
                and row["status"] == status
                and len(row["attempts"]) >= attempts
            ):
                return row
        return None

    return wait_until(
        done,
        timeout,
        lambda: f"delivery v{version} not {status}: {deliveries(client, story_id)}",
        procs,
    )


def submit(client: httpx.Client, story_id: str, text: str) -> None:
    response = client.post(f"/v1/stories/{story_id}/articles", json=batch(text))
    assert response.status_code == 202, response.text


def test_receiver_refuses_times_out_fails_throttles_then_recovers(
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
        CHECK_DEBOUNCE_SECONDS="0.5",
        WEBHOOK_TIMEOUT_SECONDS=str(TIMEOUT),
        WEBHOOK_BACKOFF_BASE_SECONDS=str(BACKOFF),
        WEBHOOK_BACKOFF_MAX_SECONDS=str(BACKOFF),
    )
    port = free_port()  # nothing listens here yet: the first attempt is refused
    url = f"http://127.0.0.1:{port}/hooks/quotelens"
    script = [(200, {}), (500, {}), (429, {"Retry-After": str(RETRY_AFTER)}), (204, {})]
    with running_service(tmp_path, env, broker, db_session, "hooks", concurrency=2) as (
        client,
        procs,
    ):
        story = create_story(client, url)
        submit(client, story["id"], 'The mayor said "we will rebuild the bridge".')
        refused = wait_delivery(client, story["id"], 1, procs, status="pending")
        assert refused["attempts"][0]["status_code"] is None
        assert "refused" in refused["attempts"][0]["error"].lower()

        # The receiver comes up: first too slow (3 s > 1 s timeout), then 500, then 429, then OK.
        with running_receiver(script, port=port, delays=[3 * TIMEOUT, 0]) as receiver:
            first = wait_delivery(client, story["id"], 1, procs, timeout=120)
            # Recovery: the next report version is exactly one more delivery, sent once.
            submit(client, story["id"], 'Later the mayor said "the bridge opens in May".')
            second = wait_delivery(client, story["id"], 2, procs)
            time.sleep(3)  # a duplicate send would land within a dispatch interval or two
            rows = deliveries(client, story["id"])

    attempts = first["attempts"]
    # Guards: each failure mode is recorded as its own visible attempt, in order.
    assert [a["status_code"] for a in attempts][-4:] == [None, 500, 429, 204], attempts
    assert all("refused" in a["error"].lower() for a in attempts[:-4]), attempts
    assert attempts[-4]["error"].startswith("timeout"), attempts
    # Guards: the timeout bounds the attempt (the receiver held the answer for 3 s).
    assert attempts[-4]["duration_ms"] < 2500, attempts
    assert first["attempt_count"] == len(attempts) and first["last_status_code"] == 204

    # Guards: all retries of one delivery carry its webhook-id; one delivery per version.
    requests = sorted(receiver.requests, key=lambda r: r.at)  # the slow one ends last
    by_id = webhook_versions(receiver)
    assert by_id == {first["webhook_id"]: [1, 1, 1, 1], second["webhook_id"]: [2]}, by_id
    assert [(r["report_version"], r["status"]) for r in rows] == [
        (1, "succeeded"),
        (2, "succeeded"),
    ]
    assert len(second["attempts"]) == 1
    for request in requests:
        Webhook(story["webhook_secret"]).verify(request.body, request.headers)
    # Guards: Retry-After is honoured; without it the next try would come after <= 1.8 s.
    after_429 = requests[3].at - requests[2].at
    assert after_429 >= RETRY_AFTER - 0.5, f"retried {after_429:.1f}s after a 429"
    reliability(
        f"receiver refused x{len(attempts) - 4}, timed out x1 (attempt "
        f"{attempts[-4]['duration_ms']} ms with {TIMEOUT:g}s timeout), 500 x1, "
        f"429 x1 (next try {after_429:.1f}s later, Retry-After {RETRY_AFTER}s), then 204; "
        f"{len(attempts)} attempts listed, {len(by_id)} deliveries for 2 report versions, "
        f"{len(requests)} requests received, 1 webhook-id per delivery"
    )


def test_gone_disables_the_endpoint_and_later_versions_are_not_sent(
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
        CHECK_DEBOUNCE_SECONDS="0.5",
        WEBHOOK_BACKOFF_BASE_SECONDS="0.5",
        WEBHOOK_BACKOFF_MAX_SECONDS="0.5",
    )
    with (
        running_receiver([(410, {})]) as receiver,
        running_service(tmp_path, env, broker, db_session, "gone", concurrency=2) as (
            client,
            procs,
        ),
    ):
        story = create_story(client, receiver.url)
        submit(client, story["id"], 'The minister said "the plant stays open".')
        gone = wait_delivery(client, story["id"], 1, procs, status="disabled")
        submit(client, story["id"], 'The minister said "the plant closes".')
        parked = wait_delivery(client, story["id"], 2, procs, status="disabled", attempts=0)
        time.sleep(3)  # dispatcher runs every second: a wrong retry would show up by now
        state = json_body(client.get(f"/v1/stories/{story['id']}"))
        rows = deliveries(client, story["id"])

    # Guards: 410 stops at once (one attempt), disables the endpoint, and parks later versions.
    assert [a["status_code"] for a in gone["attempts"]] == [410]
    assert "410" in (gone["last_error"] or "")
    assert state["webhook_disabled"] is True
    assert parked["attempts"] == [] and parked["attempt_count"] == 0
    assert [(r["report_version"], r["status"]) for r in rows] == [(1, "disabled"), (2, "disabled")]
    assert len(receiver.requests) == 1
    reliability(
        f"receiver answered 410: 1 attempt, endpoint disabled, {len(rows)} report versions, "
        f"{len(receiver.requests)} request sent, later version parked as disabled"
    )
