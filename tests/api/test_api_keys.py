"""Listing and revoking API keys over HTTP (admin) and from the CLI."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from worker.cli.keys import add_keys_parser
from worker.settings import Settings

ADMIN = {"Authorization": "Bearer test-admin-token"}


def _create(client: TestClient, tenant: str) -> dict[str, str]:
    response = client.post("/v1/keys", json={"tenant": tenant}, headers=ADMIN)
    assert response.status_code == 201, response.text
    created: dict[str, str] = response.json()
    return created


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_a_revoked_key_stops_working_at_once(client: TestClient) -> None:
    created = _create(client, "acme")
    assert client.get("/v1/stories", headers=_bearer(created["key"])).status_code == 200  # cached
    revoked = client.delete(f"/v1/keys/{created['id']}", headers=ADMIN)
    assert revoked.status_code == 204 and revoked.content == b""
    after = client.get("/v1/stories", headers=_bearer(created["key"]))
    assert after.status_code == 401
    assert after.json() == {"detail": "Invalid or revoked API key"}
    assert client.delete(f"/v1/keys/{created['id']}", headers=ADMIN).status_code == 204  # again


def test_revoking_needs_the_admin_token_and_an_existing_key(client: TestClient) -> None:
    created = _create(client, "acme")
    tenant_key = _bearer(created["key"])
    assert client.delete(f"/v1/keys/{created['id']}").status_code == 401
    assert client.delete(f"/v1/keys/{created['id']}", headers=tenant_key).status_code == 401
    missing = client.delete("/v1/keys/999999", headers=ADMIN)
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]
    assert client.get("/v1/stories", headers=tenant_key).status_code == 200  # still works


def test_keys_are_listed_without_secrets(client: TestClient) -> None:
    first = _create(client, "acme")
    second = _create(client, "globex")
    assert client.delete(f"/v1/keys/{first['id']}", headers=ADMIN).status_code == 204
    assert client.get("/v1/keys").status_code == 401
    listed = client.get("/v1/keys", headers=ADMIN)
    assert listed.status_code == 200
    keys = listed.json()["keys"]
    assert [(k["id"], k["tenant"], k["prefix"]) for k in keys] == [
        (first["id"], "acme", first["prefix"]),
        (second["id"], "globex", second["prefix"]),
    ]
    assert keys[0]["revoked_at"] is not None and keys[1]["revoked_at"] is None
    assert set(keys[0]) == {"id", "tenant", "prefix", "created_at", "revoked_at"}
    assert first["key"] not in listed.text and second["key"] not in listed.text
    active = client.get("/v1/keys", params={"include_revoked": "false"}, headers=ADMIN).json()
    assert [k["id"] for k in active["keys"]] == [second["id"]]
    only = client.get("/v1/keys", params={"tenant": "acme"}, headers=ADMIN).json()
    assert [k["id"] for k in only["keys"]] == [first["id"]]


def test_key_management_is_disabled_without_an_admin_token(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(quotelens_admin_token=None)
    assert client.get("/v1/keys", headers=ADMIN).status_code == 403
    assert client.delete("/v1/keys/1", headers=ADMIN).status_code == 403


def _cli(settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="quotelens")
    add_keys_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["keys", *argv, "--database-url", settings.database_url])
    result: int = args.handler(args)
    return result


def test_cli_lists_and_revokes_keys(
    client: TestClient, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    created = _create(client, "cli-co")
    assert _cli(settings, "list", "--json") == 0
    out = capsys.readouterr().out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["tenant"], r["prefix"], r["revoked_at"]) for r in rows] == [
        (created["id"], "cli-co", created["prefix"], None)
    ]
    assert created["key"] not in out

    assert _cli(settings, "revoke", str(created["id"])) == 0
    assert f"Revoked API key {created['id']}" in capsys.readouterr().err
    # The CLI cannot reach the API's key cache; the key was never used, so nothing is cached.
    assert client.get("/v1/stories", headers=_bearer(created["key"])).status_code == 401

    assert _cli(settings, "list", "--active") == 0
    assert capsys.readouterr().out == ""
    assert _cli(settings, "list") == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{created['id']}\tcli-co\t{created['prefix']}\t") and "revoked" in line
    assert _cli(settings, "revoke", "424242") == 1
    assert "no API key with id 424242" in capsys.readouterr().err
