"""Article submission: commit-then-enqueue, broker outage, idempotency, de-duplication,
validation and the single-article view."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.api.api_helpers import CLOSED_REDIS_URL, articles_payload, task_args
from worker.records import Quote
from worker.storage import articles as article_repo
from worker.storage.models import ArticleRow

Headers = Callable[[str], dict[str, str]]
EXTRACT = "quotelens.extract_article"


def new_story(client: TestClient, headers: dict[str, str]) -> str:
    response = client.post("/v1/stories", json={"name": "Summit"}, headers=headers)
    assert response.status_code == 201
    story_id: str = response.json()["id"]
    return story_id


def stored(session: Session, story_id: str) -> list[ArticleRow]:
    session.expire_all()
    return list(session.scalars(select(ArticleRow).where(ArticleRow.story_id == story_id)))


def test_submit_commits_then_enqueues(
    client: TestClient, auth_headers: Headers, db_session: Session, redis_url: str
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    payload = {
        "articles": [
            {
                "source": "Reuters",
                "title": "Talks",
                "text": '"We will win," Doe said.',
                "url": "https://example.org/a",
                "published_at": "2026-11-01T10:00:00Z",
            },
            {"source": "AP", "text": "Another article."},
        ]
    }
    response = client.post(f"/v1/stories/{story_id}/articles", json=payload, headers=headers)
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["status_url"] == f"/v1/stories/{story_id}"
    assert response.headers["location"] == body["status_url"]
    ids = [a["id"] for a in body["articles"]]
    assert [a["status"] for a in body["articles"]] == ["queued", "queued"]
    assert [a["source"] for a in body["articles"]] == ["Reuters", "AP"]

    rows = {a.id: a for a in stored(db_session, story_id)}
    assert set(rows) == set(ids)
    assert rows[ids[0]].title == "Talks" and rows[ids[0]].url == "https://example.org/a"
    assert rows[ids[0]].published_at is not None and rows[ids[0]].published_at.hour == 10
    assert sorted(task_args(redis_url, EXTRACT)) == sorted(ids)


def test_broker_down_is_503_and_articles_stay_queued(
    make_client: Callable[..., TestClient], auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    down = make_client(redis_url=CLOSED_REDIS_URL)
    story_id = new_story(down, headers)
    response = down.post(
        f"/v1/stories/{story_id}/articles", json=articles_payload("One.", "Two."), headers=headers
    )
    assert response.status_code == 503
    body = response.json()
    assert "broker is unavailable" in body["detail"]
    assert response.headers["retry-after"]
    rows = stored(db_session, story_id)
    assert {a.id for a in rows} == {a["id"] for a in body["articles"]}
    assert {a.status for a in rows} == {"queued"}


def test_retry_after_outage_enqueues_without_duplicates(
    make_client: Callable[..., TestClient],
    client: TestClient,
    auth_headers: Headers,
    db_session: Session,
    redis_url: str,
) -> None:
    plain = auth_headers("acme")
    headers = {**plain, "Idempotency-Key": "batch-1"}
    down = make_client(redis_url=CLOSED_REDIS_URL)
    story_id = new_story(client, plain)
    payload = articles_payload("One.", "Two.")
    failed = down.post(f"/v1/stories/{story_id}/articles", json=payload, headers=headers)
    assert failed.status_code == 503
    retried = client.post(f"/v1/stories/{story_id}/articles", json=payload, headers=headers)
    assert retried.status_code == 202
    ids = [a["id"] for a in retried.json()["articles"]]
    assert ids == [a["id"] for a in failed.json()["articles"]]
    assert len(stored(db_session, story_id)) == 2
    assert sorted(task_args(redis_url, EXTRACT)) == sorted(ids)


def test_idempotency_replay_and_conflict(
    client: TestClient, auth_headers: Headers, db_session: Session, redis_url: str
) -> None:
    headers = {**auth_headers("acme"), "Idempotency-Key": "req-42"}
    story_id = new_story(client, auth_headers("acme"))
    url = f"/v1/stories/{story_id}/articles"
    first = client.post(url, json=articles_payload("Alpha."), headers=headers)
    again = client.post(url, json=articles_payload("Alpha."), headers=headers)
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again.headers.get("idempotent-replayed") == "true"
    assert len(task_args(redis_url, EXTRACT)) == 1  # the replay enqueued nothing
    conflict = client.post(url, json=articles_payload("Beta."), headers=headers)
    assert conflict.status_code == 409
    assert "different request" in conflict.json()["detail"]
    assert len(stored(db_session, story_id)) == 1


def test_idempotent_story_creation(client: TestClient, auth_headers: Headers) -> None:
    headers = {**auth_headers("acme"), "Idempotency-Key": "story-1"}
    first = client.post("/v1/stories", json={"name": "S"}, headers=headers)
    second = client.post("/v1/stories", json={"name": "S"}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert len(client.get("/v1/stories", headers=headers).json()["stories"]) == 1
    other = client.post("/v1/stories", json={"name": "T"}, headers=headers)
    assert other.status_code == 409


def test_idempotency_keys_are_per_tenant(client: TestClient, auth_headers: Headers) -> None:
    acme = {**auth_headers("acme"), "Idempotency-Key": "same"}
    globex = {**auth_headers("globex"), "Idempotency-Key": "same"}
    a = client.post("/v1/stories", json={"name": "S"}, headers=acme)
    b = client.post("/v1/stories", json={"name": "S"}, headers=globex)
    assert a.status_code == b.status_code == 201 and a.json()["id"] != b.json()["id"]


def test_duplicate_text_returns_existing_article(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    url = f"/v1/stories/{story_id}/articles"
    first = client.post(url, json=articles_payload("Same words here."), headers=headers).json()
    second = client.post(
        url,
        json={
            "articles": [
                {"source": "wire", "text": "Same  words\nhere."},
                {"source": " WIRE ", "text": "Same words here."},
            ]
        },
        headers=headers,
    ).json()
    original = first["articles"][0]["id"]
    assert [a["id"] for a in second["articles"]] == [original, original]
    assert all(a["duplicate"] for a in second["articles"])
    assert first["articles"][0]["duplicate"] is False
    assert len(stored(db_session, story_id)) == 1


def test_a_wire_copy_under_two_mastheads_is_two_articles(
    client: TestClient, auth_headers: Headers, db_session: Session, redis_url: str
) -> None:
    """Issue 12, item 7: the second outlet's copy is its own article, not a duplicate."""
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    url = f"/v1/stories/{story_id}/articles"
    wire = 'PORT TALBIN - "The sea wall will be rebuilt by spring," Mayor Ana Ortega said.'
    payload = {"articles": [{"source": s, "text": wire} for s in ("harbor-herald", "coast-daily")]}
    first = client.post(url, json=payload, headers=headers)
    assert first.status_code == 202, first.text
    accepted = first.json()["articles"]
    assert [(a["source"], a["duplicate"]) for a in accepted] == [
        ("harbor-herald", False),
        ("coast-daily", False),
    ]
    ids = [a["id"] for a in accepted]
    assert len(set(ids)) == 2
    assert sorted(task_args(redis_url, EXTRACT)) == sorted(ids)
    # Each outlet re-sending its copy gets its own article back, as a duplicate.
    again = client.post(url, json={"articles": payload["articles"][::-1]}, headers=headers)
    assert [(a["id"], a["duplicate"]) for a in again.json()["articles"]] == [
        (ids[1], True),
        (ids[0], True),
    ]
    assert sorted(a.source for a in stored(db_session, story_id)) == [
        "coast-daily",
        "harbor-herald",
    ]


def test_validation_errors_are_422(
    make_client: Callable[..., TestClient], auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    small = make_client(max_batch=2, max_article_chars=50)
    story_id = new_story(small, headers)
    url = f"/v1/stories/{story_id}/articles"
    cases = {
        "empty text": {"articles": [{"source": "a", "text": ""}]},
        "blank text": {"articles": [{"source": "a", "text": " \n\t "}]},
        "no articles": {"articles": []},
        "too many": articles_payload("a.", "b.", "c."),
        "too long": articles_payload("x" * 51),
        "unknown field": {"articles": [{"source": "a", "text": "t", "txt": "t"}]},
        "unknown top-level": {"articles": [{"source": "a", "text": "t"}], "extra": True},
        "missing source": {"articles": [{"text": "t"}]},
        "bad url": {"articles": [{"source": "a", "text": "t", "url": "nope"}]},
        "bad date": {"articles": [{"source": "a", "text": "t", "published_at": "yesterday"}]},
        "not a list": {"articles": "text"},
    }
    for name, payload in cases.items():
        response = small.post(url, json=payload, headers=headers)
        assert response.status_code == 422, (name, response.text)
        body = response.json()
        assert body["detail"].startswith("Invalid request:"), name
        assert all({"loc", "msg", "type"} <= set(e) for e in body["errors"]), name
    assert small.post(url, content=b"{not json", headers=headers).status_code == 422
    assert stored(db_session, story_id) == []


def test_oversized_body_is_413(
    make_client: Callable[..., TestClient], auth_headers: Headers
) -> None:
    headers = auth_headers("acme")
    small = make_client(max_body_bytes=2048)
    story_id = new_story(small, headers)
    response = small.post(
        f"/v1/stories/{story_id}/articles", json=articles_payload("y" * 5000), headers=headers
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_article_view_shows_status_and_quotes(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    story_id = new_story(client, headers)
    submitted = client.post(
        f"/v1/stories/{story_id}/articles",
        json={"articles": [{"source": "a", "text": '"Hi," she said.', "primary": True}]},
        headers=headers,
    )
    article_id = submitted.json()["articles"][0]["id"]
    queued = client.get(f"/v1/articles/{article_id}", headers=headers).json()
    assert queued["status"] == "queued" and queued["quotes"] == [] and queued["primary"] is True

    quote = Quote(
        id=f"{article_id}-q1",
        text="Hi,",
        start=1,
        end=4,
        speaker="Jane",
        speaker_mention="she",
        cue="said",
    )
    article_repo.claim_article(db_session, article_id)
    article_repo.store_quotes(db_session, article_id, [quote])
    db_session.commit()
    done = client.get(f"/v1/articles/{article_id}", headers=headers).json()
    assert done["status"] == "done" and done["attempts"] == 1
    assert done["quotes"] == [quote.to_dict()]
    assert client.get("/v1/articles/missing", headers=headers).status_code == 404
