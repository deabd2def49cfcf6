"""``GET .../report.csv`` and share links: a report page opened without the API key."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.test_api_report_page import QUOTE, new_story, store_report
from worker.storage import shares
from worker.storage.models import ShareLink

Headers = Callable[[str], dict[str, str]]


def test_report_csv_quotes_and_comparisons(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    store_report(db_session, story_id)
    response = client.get(f"/v1/stories/{story_id}/report.csv", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert sorted(r["outlet"] for r in rows) == ["Observer", "Wire <Ltd>"]
    assert {r["speaker"] for r in rows} == {"Elena Brandt"}
    assert {r["verdict"] for r in rows} == {"Altered"}
    assert QUOTE in {r["quote"] for r in rows}
    pairs = client.get(f"/v1/stories/{story_id}/report.csv?table=comparisons", headers=headers)
    [pair] = list(csv.DictReader(io.StringIO(pairs.text.lstrip("\ufeff"))))
    assert {pair["outlet_a"], pair["outlet_b"]} == {"Observer", "Wire <Ltd>"}
    assert pair["wording"] == "variant"
    bad = client.get(f"/v1/stories/{story_id}/report.csv?table=nope", headers=headers)
    assert bad.status_code == 422


def test_report_csv_needs_the_owner(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    story_id = new_story(client, auth_headers("acme"))
    store_report(db_session, story_id)
    assert client.get(f"/v1/stories/{story_id}/report.csv").status_code == 401
    other = client.get(f"/v1/stories/{story_id}/report.csv", headers=auth_headers("globex"))
    assert other.status_code == 404


def test_share_link_opens_the_page_without_a_key_until_revoked(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    store_report(db_session, story_id)
    made = client.post(
        f"/v1/stories/{story_id}/share", json={"expires_in_hours": 2}, headers=headers
    )
    assert made.status_code == 201, made.text
    link = made.json()
    path = link["url"].removeprefix(str(client.base_url))
    assert path.startswith("/shared/") and len(path) > len("/shared/") + 40
    page = client.get(path)  # no Authorization header
    assert page.status_code == 200, page.text
    assert "<h1>Flood &lt;wall&gt;</h1>" in page.text
    assert page.headers["x-robots-tag"] == "noindex, nofollow"
    assert page.headers["cache-control"] == "no-store"
    assert "Content-Security-Policy" in page.headers
    # Read-only: the token opens nothing else, and is not an API key.
    token = path.removeprefix("/shared/")
    as_key = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/v1/stories/{story_id}/report", headers=as_key).status_code == 401
    assert client.post(f"/shared/{token}").status_code == 405
    listed = client.get(f"/v1/stories/{story_id}/shares", headers=headers).json()["shares"]
    assert [(s["id"], s["revoked"]) for s in listed] == [(link["id"], False)]
    assert "url" not in listed[0]
    other = client.delete(
        f"/v1/stories/{story_id}/shares/{link['id']}", headers=auth_headers("globex")
    )
    assert other.status_code == 404
    assert client.get(path).status_code == 200
    revoked = client.delete(f"/v1/stories/{story_id}/shares/{link['id']}", headers=headers)
    assert revoked.status_code == 204
    assert client.get(path).status_code == 404


def test_expired_and_unknown_links_answer_404(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    store_report(db_session, story_id)
    made = shares.create_share(db_session, story_id, timedelta(hours=1))
    db_session.commit()
    assert client.get(f"/shared/{made.token}").status_code == 200
    row = db_session.get(ShareLink, made.link.id)
    assert row is not None and row.token_hash != made.token  # only the hash is stored
    row.expires_at = row.created_at - timedelta(seconds=1)
    db_session.commit()
    expired = client.get(f"/shared/{made.token}")
    assert expired.status_code == 404
    assert client.get("/shared/" + "x" * 43).json() == expired.json()


@pytest.mark.parametrize("hours", [0, -1, 24 * 31])
def test_share_lifetime_is_bounded(
    hours: float, client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    store_report(db_session, story_id)
    response = client.post(
        f"/v1/stories/{story_id}/share", json={"expires_in_hours": hours}, headers=headers
    )
    assert response.status_code == 422


def test_share_needs_a_report(client: TestClient, auth_headers: Headers) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    assert client.post(f"/v1/stories/{story_id}/share", headers=headers).status_code == 404


def test_extraction_messages_name_story_and_outlet_for_flower(
    client: TestClient, auth_headers: Headers, redis_url: str
) -> None:
    import json as _json

    import redis

    headers = auth_headers("acme")
    story_id = new_story(client, headers, name="Harbour wall")
    response = client.post(
        f"/v1/stories/{story_id}/articles",
        json={"articles": [{"source": "Fjord Post", "text": 'Ann Lee said "yes, we will."'}]},
        headers=headers,
    )
    assert response.status_code == 202, response.text
    [article] = response.json()["articles"]
    broker = redis.Redis.from_url(redis_url)
    try:
        messages = [
            _json.loads(raw)
            for key in broker.scan_iter()
            if broker.type(key) == b"list"
            for raw in broker.lrange(key, 0, -1)
        ]
    finally:
        broker.close()
    [header] = [
        m["headers"] for m in messages if m["headers"]["task"] == "quotelens.extract_article"
    ]
    assert header["argsrepr"] == (
        f"story 'Harbour wall' · outlet 'Fjord Post' · article {article['id']}"
    )
