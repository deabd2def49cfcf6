"""Hostile and malformed requests: each limit answers a clear 4xx JSON error and stores nothing.

One test per limit. Every error is checked for a JSON body whose ``detail`` says what was
wrong, because "There was an error parsing the body" does not tell a client what to fix.
Where the backend matters (PostgreSQL refuses NUL characters that SQLite stores), the tests
run on both.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from worker.storage.models import ArticleRow, StoryRow

Headers = Callable[[str], dict[str, str]]
JSON = {"content-type": "application/json"}


def new_story(client: TestClient, headers: dict[str, str], name: str = "Summit") -> str:
    response = client.post("/v1/stories", json={"name": name}, headers=headers)
    assert response.status_code == 201, response.text
    story_id: str = response.json()["id"]
    return story_id


def article_count(session: Session) -> int:
    session.expire_all()
    return int(session.scalar(select(func.count()).select_from(ArticleRow)) or 0)


def detail_of(response: httpx.Response, status: int) -> str:
    """The error message, after checking the status and that the body is a JSON error."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    return detail


def one(text: str, **fields: Any) -> dict[str, Any]:
    return {"articles": [{"source": "wire", "text": text, **fields}]}


def test_body_over_the_limit_is_413_even_without_content_length(
    make_client: Callable[..., TestClient], auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    small = make_client(max_body_bytes=4096)
    url = f"/v1/stories/{new_story(small, headers)}/articles"
    body = json.dumps(one("word " * 2000)).encode()

    def chunks() -> Iterator[bytes]:  # streamed: no Content-Length to refuse up front
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    declared = small.post(url, content=body, headers={**headers, **JSON})
    streamed = small.post(url, content=chunks(), headers={**headers, **JSON})
    for response in (declared, streamed):
        assert "too large" in detail_of(response, 413)
        assert "4096 bytes" in response.json()["detail"]
    assert article_count(db_session) == 0


def test_article_text_over_the_limit_is_422(
    make_client: Callable[..., TestClient], auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    small = make_client(max_article_chars=1000)
    url = f"/v1/stories/{new_story(small, headers)}/articles"
    assert small.post(url, json=one("x" * 1000), headers=headers).status_code == 202
    response = small.post(url, json=one("y" * 1001), headers=headers)
    assert "longer than 1000 characters" in detail_of(response, 422)
    assert response.json()["errors"][0]["loc"] == ["body", "articles", 0, "text"]
    assert article_count(db_session) == 1


def test_too_many_articles_per_request_is_422(
    make_client: Callable[..., TestClient], auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    small = make_client(max_batch=3)
    url = f"/v1/stories/{new_story(small, headers)}/articles"
    batch = {"articles": [{"source": "w", "text": f"Article {n}."} for n in range(4)]}
    assert "At most 3 articles per request (4 sent)" in detail_of(
        small.post(url, json=batch, headers=headers), 422
    )
    assert article_count(db_session) == 0


@pytest.mark.parametrize("text", ["", " ", "\n\t \r\n", "\u00a0\u2003\u3000"])
def test_empty_or_whitespace_only_text_is_422(
    client: TestClient, auth_headers: Headers, db_session: Session, text: str
) -> None:
    headers = auth_headers("acme")
    url = f"/v1/stories/{new_story(client, headers)}/articles"
    detail = detail_of(client.post(url, json=one(text), headers=headers), 422)
    assert "articles.0.text" in detail
    assert article_count(db_session) == 0


def test_invalid_utf8_is_400_saying_so(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = {**auth_headers("acme"), **JSON}
    url = f"/v1/stories/{new_story(client, auth_headers('acme'))}/articles"
    raw = b'{"articles": [{"source": "wire", "text": "caf\xe9 \xff\xfe"}]}'
    assert "not valid UTF-8" in detail_of(client.post(url, content=raw, headers=headers), 400)
    assert article_count(db_session) == 0


@pytest.mark.slow
def test_binary_body_is_415_and_binary_as_json_is_422(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    url = f"/v1/stories/{new_story(client, headers)}/articles"
    blob = bytes(range(256)) * 8
    for content_type in ("application/octet-stream", "text/plain", "image/png"):
        response = client.post(url, content=blob, headers={**headers, "content-type": content_type})
        assert "must be JSON" in detail_of(response, 415), content_type
    labelled_json = client.post(url, content=blob, headers={**headers, **JSON})
    assert "Invalid JSON" in detail_of(labelled_json, 422)
    assert article_count(db_session) == 0


def test_html_in_text_is_422_pointing_to_the_html_field(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    url = f"/v1/stories/{new_story(client, headers)}/articles"
    page = "<!DOCTYPE html><html><body><p>\u201cWe will win,\u201d Doe said.</p></body></html>"
    fragment = "<div><p>First paragraph.</p><p>Second, with a <a href='/x'>link</a>.</p></div>"
    for markup in (page, fragment):
        detail = detail_of(client.post(url, json=one(markup), headers=headers), 422)
        assert "looks like HTML" in detail and "'html' field" in detail
    # Plain text that merely mentions a tag or uses angle brackets is still text.
    mentions = 'The <b> tag is "bold," she said, and 3 < 4 > 2.'
    assert client.post(url, json=one(mentions), headers=headers).status_code == 202
    # The same page in the field meant for it is accepted.
    as_html = {"articles": [{"source": "wire", "html": page}]}
    assert client.post(url, json=as_html, headers=headers).status_code == 202
    assert article_count(db_session) == 2


def test_deeply_nested_json_is_refused_without_a_server_error(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = {**auth_headers("acme"), **JSON}
    url = f"/v1/stories/{new_story(client, auth_headers('acme'))}/articles"
    deep = b'{"articles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert "nested too deeply" in detail_of(client.post(url, content=deep, headers=headers), 400)
    # Nesting the parser still accepts is refused by validation, naming the field.
    nested = json.dumps(one("Text.", extra=json.loads("[" * 500 + "]" * 500))).encode()
    detail = detail_of(client.post(url, content=nested, headers=headers), 422)
    assert "articles.0.extra" in detail
    assert article_count(db_session) == 0


def test_unknown_fields_are_422_naming_the_field(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    url = f"/v1/stories/{new_story(client, headers)}/articles"
    cases = [
        ({"articles": [{"source": "a", "text": "t", "txt": "t"}]}, "articles.0.txt"),
        ({"articles": [{"source": "a", "text": "t"}], "priority": 1}, "body.priority"),
    ]
    for payload, where in cases:
        detail = detail_of(client.post(url, json=payload, headers=headers), 422)
        assert where in detail and "Extra inputs are not permitted" in detail
    story = client.post("/v1/stories", json={"name": "s", "tenant_id": 2}, headers=headers)
    assert "tenant_id" in detail_of(story, 422)
    assert article_count(db_session) == 0


def test_nul_characters_are_422_not_a_database_error(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    url = f"/v1/stories/{new_story(client, headers)}/articles"
    for payload in (one("before\x00after"), {"articles": [{"source": "a\x00", "text": "t"}]}):
        assert "NUL" in detail_of(client.post(url, json=payload, headers=headers), 422)
    story = client.post("/v1/stories", json={"name": "\x00"}, headers=headers)
    assert "NUL" in detail_of(story, 422)
    admin = {"Authorization": "Bearer test-admin-token"}
    assert "NUL" in detail_of(client.post("/v1/keys", json={"tenant": "x\x00"}, headers=admin), 422)
    assert article_count(db_session) == 0


@pytest.mark.parametrize(
    "story_id",
    [
        "00000000-0000-4000-8000-000000000000",  # well formed, never issued
        "missing",
        "%00",  # NUL: PostgreSQL would refuse the query
        "x" * 300,
        "%E2%80%AEdi-yrots",  # right-to-left override
    ],
)
def test_unknown_story_id_is_404(client: TestClient, auth_headers: Headers, story_id: str) -> None:
    headers = auth_headers("acme")
    new_story(client, headers)
    for method, path in [
        ("GET", f"/v1/stories/{story_id}"),
        ("GET", f"/v1/stories/{story_id}/report"),
        ("GET", f"/v1/stories/{story_id}/deliveries"),
        ("POST", f"/v1/stories/{story_id}/articles"),
        ("GET", f"/v1/articles/{story_id}"),
    ]:
        response = client.request(method, path, headers=headers, json=one("Text."))
        assert "not found" in detail_of(response, 404), (method, path)


def test_other_tenants_story_is_the_same_404_as_a_missing_one(
    client: TestClient, auth_headers: Headers, db_session: Session
) -> None:
    acme, globex = auth_headers("acme"), auth_headers("globex")
    secret_name = "Acme merger talks (embargoed)"
    story_id = new_story(client, acme, name=secret_name)
    never = "00000000-0000-4000-8000-000000000000"
    for method, suffix in [
        ("GET", ""),
        ("GET", "/report"),
        ("GET", "/deliveries"),
        ("POST", "/articles"),
        ("POST", f"/deliveries/{never}/redeliver"),
    ]:
        foreign = client.request(
            method, f"/v1/stories/{story_id}{suffix}", headers=globex, json=one("Text.")
        )
        missing = client.request(
            method, f"/v1/stories/{never}{suffix}", headers=globex, json=one("Text.")
        )
        assert foreign.status_code == missing.status_code == 404, (method, suffix)
        # Same words, only the id the client sent differs: nothing tells the two apart.
        assert foreign.json()["detail"].replace(story_id, "ID") == missing.json()["detail"].replace(
            never, "ID"
        )
        assert secret_name not in foreign.text and "acme" not in foreign.text
        assert set(foreign.headers) == set(missing.headers)
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(StoryRow)) == 1
    assert article_count(db_session) == 0


def test_article_html_over_its_byte_limit_is_422(
    make_client: Callable[..., TestClient], auth_headers: Headers, db_session: Session
) -> None:
    headers = auth_headers("acme")
    small = make_client(max_html_bytes=2000)
    url = f"/v1/stories/{new_story(small, headers)}/articles"
    page = "<html><body><p>{}</p></body></html>"
    fits = page.format("x" * (2000 - len(page) + 2))
    assert len(fits.encode()) == 2000
    accepted = small.post(url, json={"articles": [{"source": "a", "html": fits}]}, headers=headers)
    assert accepted.status_code == 202, accepted.text
    # Counted in UTF-8 bytes, not characters: 1,000 "é" are 2,000 bytes.
    over = page.format("é" * 1000)
    assert len(over) < 2000 < len(over.encode())
    response = small.post(url, json={"articles": [{"source": "b", "html": over}]}, headers=headers)
    assert "larger than 2000 bytes (MAX_HTML_BYTES)" in detail_of(response, 422)
    assert response.json()["errors"][0]["loc"] == ["body", "articles", 0, "html"]
    assert article_count(db_session) == 1
