"""Authentication, tenant isolation and key creation (HTTP and CLI)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from worker.cli.keys import add_keys_parser
from worker.settings import Settings

ADMIN = {"Authorization": "Bearer test-admin-token"}
Headers = Callable[[str], dict[str, str]]


def test_missing_key_is_401_json(client: TestClient) -> None:
    response = client.post("/v1/stories", json={"name": "x"})
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/stories/abc").status_code == 401


def test_invalid_key_is_401(client: TestClient) -> None:
    response = client.get("/v1/stories", headers={"Authorization": "Bearer ql_nope_nope"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked API key"}
    wrong_scheme = client.get("/v1/stories", headers={"Authorization": "Basic abc"})
    assert wrong_scheme.status_code == 401


def test_other_tenants_story_is_404_everywhere(client: TestClient, auth_headers: Headers) -> None:
    acme, globex = auth_headers("acme"), auth_headers("globex")
    story_id = client.post("/v1/stories", json={"name": "s"}, headers=acme).json()["id"]
    submitted = client.post(
        f"/v1/stories/{story_id}/articles",
        json={"articles": [{"source": "a", "text": "Body text."}]},
        headers=acme,
    )
    assert submitted.status_code == 202
    article_id = submitted.json()["articles"][0]["id"]

    for method, path in [
        ("GET", f"/v1/stories/{story_id}"),
        ("GET", f"/v1/stories/{story_id}/report"),
        ("GET", f"/v1/stories/{story_id}/deliveries"),
        ("GET", f"/v1/articles/{article_id}"),
        ("POST", f"/v1/stories/{story_id}/deliveries/whatever/redeliver"),
    ]:
        response = client.request(method, path, headers=globex)
        assert response.status_code == 404, (method, path, response.text)
        assert "not found" in response.json()["detail"]
    foreign_submit = client.post(
        f"/v1/stories/{story_id}/articles",
        json={"articles": [{"source": "b", "text": "Other."}]},
        headers=globex,
    )
    assert foreign_submit.status_code == 404
    assert client.get("/v1/stories", headers=globex).json() == {"stories": []}
    assert client.get(f"/v1/stories/{story_id}", headers=acme).status_code == 200


def test_key_creation_requires_admin_token(client: TestClient) -> None:
    assert client.post("/v1/keys", json={"tenant": "acme"}).status_code == 401
    bad = client.post("/v1/keys", json={"tenant": "acme"}, headers={"Authorization": "Bearer x"})
    assert bad.status_code == 401
    created = client.post("/v1/keys", json={"tenant": "acme"}, headers=ADMIN)
    assert created.status_code == 201
    body = created.json()
    assert body["tenant"] == "acme" and body["key"].startswith(f"ql_{body['prefix']}_")
    story = client.post(
        "/v1/stories", json={"name": "s"}, headers={"Authorization": f"Bearer {body['key']}"}
    )
    assert story.status_code == 201
    empty = client.post("/v1/keys", json={"tenant": "  "}, headers=ADMIN)
    assert empty.status_code == 422


def test_key_creation_disabled_without_admin_token(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(quotelens_admin_token=None)
    response = client.post("/v1/keys", json={"tenant": "acme"}, headers=ADMIN)
    assert response.status_code == 403
    assert "QUOTELENS_ADMIN_TOKEN" in response.json()["detail"]


def test_cli_creates_a_working_key(
    client: TestClient, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="quotelens")
    add_keys_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(
        ["keys", "create", "--tenant", "cli-co", "--database-url", settings.database_url]
    )
    assert args.handler(args) == 0
    captured = capsys.readouterr()
    key = captured.out.strip()
    assert key.startswith("ql_") and "shown only this once" in captured.err
    response = client.get("/v1/stories", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
