"""Deliveries listing and manual redelivery."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.api_helpers import CLOSED_REDIS_URL, task_args
from worker.storage import deliveries
from worker.storage.types import utcnow

Headers = Callable[[str], dict[str, str]]
DELIVER = "quotelens.deliver_webhook"


def story_with_failed_delivery(
    client: TestClient, headers: dict[str, str], session: Session
) -> tuple[str, str]:
    story = client.post(
        "/v1/stories",
        json={"name": "s", "webhook_url": "https://hooks.example.org/x"},
        headers=headers,
    ).json()
    delivery = deliveries.create_delivery(session, story["id"], 1)
    assert delivery is not None
    now = utcnow()
    deliveries.claim_delivery(session, delivery.id, now=now)
    deliveries.record_attempt(
        session,
        delivery.id,
        status_code=503,
        error="HTTP 503",
        duration_ms=40,
        succeeded=False,
        next_attempt_at=now + timedelta(minutes=5),
        now=now,
    )
    deliveries.claim_delivery(session, delivery.id, now=now + timedelta(minutes=5))
    deliveries.record_attempt(
        session,
        delivery.id,
        status_code=None,
        error="connection refused",
        duration_ms=None,
        succeeded=False,
        next_attempt_at=None,
        now=now + timedelta(minutes=5),
    )
    session.commit()
    return story["id"], delivery.id


def test_listing_shows_attempts(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    empty_story = client.post("/v1/stories", json={"name": "e"}, headers=headers).json()["id"]
    empty = client.get(f"/v1/stories/{empty_story}/deliveries", headers=headers)
    assert empty.status_code == 200 and empty.json() == {"deliveries": []}

    story_id, delivery_id = story_with_failed_delivery(client, headers, db_session)
    [item] = client.get(f"/v1/stories/{story_id}/deliveries", headers=headers).json()["deliveries"]
    assert item["id"] == delivery_id and item["status"] == "failed"
    assert item["webhook_id"].startswith("msg_") and item["report_version"] == 1
    assert item["attempt_count"] == 2 and item["next_attempt_at"] is None
    assert [(a["status_code"], a["error"]) for a in item["attempts"]] == [
        (503, "HTTP 503"),
        (None, "connection refused"),
    ]
    assert item["last_error"] == "connection refused"


def test_redeliver_requeues_and_enqueues(
    client: TestClient, auth_headers: Headers, db_session: Session, redis_url: str
) -> None:
    headers = auth_headers("acme")
    story_id, delivery_id = story_with_failed_delivery(client, headers, db_session)
    response = client.post(
        f"/v1/stories/{story_id}/deliveries/{delivery_id}/redeliver", headers=headers
    )
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["status"] == "pending" and body["attempt_count"] == 0
    assert body["next_attempt_at"] is not None and len(body["attempts"]) == 2
    assert task_args(redis_url, DELIVER) == [delivery_id]
    db_session.expire_all()
    assert deliveries.due_deliveries(db_session) == [delivery_id]


def test_redeliver_unknown_or_foreign_delivery_is_404(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id, delivery_id = story_with_failed_delivery(client, headers, db_session)
    other_story = client.post("/v1/stories", json={"name": "o"}, headers=headers).json()["id"]
    assert (
        client.post(
            f"/v1/stories/{story_id}/deliveries/nope/redeliver", headers=headers
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/v1/stories/{other_story}/deliveries/{delivery_id}/redeliver", headers=headers
        ).status_code
        == 404
    )


def test_redeliver_with_broker_down_keeps_it_scheduled(
    make_client: Callable[..., TestClient], auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    down = make_client(redis_url=CLOSED_REDIS_URL)
    story_id, delivery_id = story_with_failed_delivery(down, headers, db_session)
    response = down.post(
        f"/v1/stories/{story_id}/deliveries/{delivery_id}/redeliver", headers=headers
    )
    assert response.status_code == 503
    assert "broker" in response.json()["detail"]
    db_session.expire_all()
    assert deliveries.due_deliveries(db_session) == [delivery_id]
