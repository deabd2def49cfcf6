"""Story creation, progress and reports."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from worker.storage import articles as article_repo
from worker.storage import reports

Headers = Callable[[str], dict[str, str]]


def test_create_story_returns_secret(client: TestClient, auth_headers: Headers) -> None:
    headers = auth_headers("acme")
    response = client.post(
        "/v1/stories",
        json={"name": "  Summit  ", "webhook_url": "https://hooks.example.org/q"},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == "Summit"
    assert body["webhook_url"] == "https://hooks.example.org/q"
    assert body["webhook_secret"].startswith("whsec_")
    listed = client.get("/v1/stories", headers=headers).json()["stories"]
    assert [s["id"] for s in listed] == [body["id"]]


def test_story_validation(make_client: Callable[..., TestClient], auth_headers: Headers) -> None:
    headers = auth_headers("acme")
    strict = make_client(webhook_allow_loopback=False)
    cases = [
        {"name": ""},
        {"name": "   "},
        {"name": "x", "webhook_url": "ftp://example.org"},
        {"name": "x", "webhook_url": "not a url"},
        {"name": "x", "extra": 1},
        {"name": "x", "webhook_url": "http://127.0.0.1:9000/hook"},
        {"name": "x", "webhook_url": "http://10.0.0.1/hook"},
    ]
    for payload in cases:
        response = strict.post("/v1/stories", json=payload, headers=headers)
        assert response.status_code == 422, (payload, response.text)
        body = response.json()
        assert body["detail"].startswith("Invalid request") and body["errors"]


def test_loopback_webhook_allowed_when_configured(
    client: TestClient, auth_headers: Headers
) -> None:
    response = client.post(
        "/v1/stories",
        json={"name": "x", "webhook_url": "http://127.0.0.1:9000/hook"},
        headers=auth_headers("acme"),
    )
    assert response.status_code == 201


def test_progress_counts_and_failures(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = client.post("/v1/stories", json={"name": "s"}, headers=headers).json()["id"]
    submitted = client.post(
        f"/v1/stories/{story_id}/articles",
        json={"articles": [{"source": s, "text": f"Text {s}."} for s in ("a", "b", "c")]},
        headers=headers,
    ).json()["articles"]
    first, second, _ = (a["id"] for a in submitted)
    article_repo.claim_article(db_session, first)
    article_repo.store_quotes(db_session, first, [])
    article_repo.mark_failed(db_session, second, "could not parse")
    db_session.commit()

    body = client.get(f"/v1/stories/{story_id}", headers=headers).json()
    assert body["articles"] == {"queued": 1, "processing": 0, "done": 1, "failed": 1}
    assert body["failures"] == [{"article_id": second, "source": "b", "error": "could not parse"}]
    assert body["report_version"] == 0


def test_report_404_until_a_report_exists(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = client.post("/v1/stories", json={"name": "s"}, headers=headers).json()["id"]
    missing = client.get(f"/v1/stories/{story_id}/report", headers=headers)
    assert missing.status_code == 404
    assert "no report yet" in missing.json()["detail"]

    reports.save_report(db_session, story_id, {"schema": "quotelens.report/1", "clusters": []})
    db_session.commit()
    first = client.get(f"/v1/stories/{story_id}/report", headers=headers)
    assert first.status_code == 200
    assert first.json() == {
        "schema": "quotelens.report/1",
        "clusters": [],
        "story_id": story_id,
        "version": 1,
    }
    reports.save_report(db_session, story_id, {"schema": "quotelens.report/1", "clusters": [1]})
    db_session.commit()
    latest = client.get(f"/v1/stories/{story_id}/report", headers=headers).json()
    assert latest["version"] == 2 and latest["clusters"] == [1]
    assert client.get(f"/v1/stories/{story_id}", headers=headers).json()["report_version"] == 2
