"""Secrets at rest and in use: API keys hashed, webhook secrets encrypted, rotation, no leaks.

A database dump must not hand out usable credentials: API keys are stored as SHA-256 only,
webhook secrets (which the workers must read back to sign) as Fernet tokens under
``QUOTELENS_SECRET_KEY``, also inside stored idempotent responses. Migration 0003 converts
existing plain secrets and its downgrade converts them back. A rotated secret keeps signing
beside the new one for the rotation window, so a receiver holding either secret verifies with
the reference ``standardwebhooks`` library. Secrets never show up in logs or other responses,
and credentials are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from api.main import create_app
from worker.jobs.delivery import run_delivery
from worker.settings import Settings, get_settings
from worker.storage import deliveries, reports, secretbox
from worker.storage.db import make_engine
from worker.storage.migrate import downgrade, upgrade
from worker.storage.models import StoryRow
from worker.storage.stories import generate_webhook_secret, reencrypt_secrets

Headers = Callable[[str], dict[str, str]]
ADMIN = {"Authorization": "Bearer test-admin-token"}
PUBLIC = "93.184.216.34"
BEFORE_ENCRYPTION = "0002_article_sources"


def raw_rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def create_story(client: TestClient, headers: dict[str, str], **extra: str) -> dict[str, Any]:
    body = {"name": "Summit", "webhook_url": "https://hooks.example.com/q"}
    response = client.post("/v1/stories", json=body, headers={**headers, **extra})
    assert response.status_code == 201, response.text
    story: dict[str, Any] = response.json()
    return story


class Receiver:
    """Records the deliveries sent to it (``httpx.MockTransport``; nothing leaves the host)."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(204, stream=httpx.ByteStream(b""))


def deliver(session: Session, settings: Settings, story_id: str) -> httpx.Request:
    """Store a new report version for the story and run its delivery; the request sent."""
    body = {"schema": "quotelens.report/1", "n": secrets.token_hex(4)}  # a new version each time
    saved = reports.save_report(session, story_id, body)
    delivery = deliveries.create_delivery(session, story_id, saved.report.version)
    assert delivery is not None
    session.commit()
    receiver = Receiver()
    outcome = run_delivery(
        delivery.id,
        settings=settings,
        resolver=lambda host, port: [PUBLIC],
        transport=receiver.transport,
    )
    assert outcome.status == "succeeded", outcome
    (request,) = receiver.requests
    return request


def test_api_keys_are_stored_only_as_their_hash(client: TestClient, db_engine: Engine) -> None:
    key = client.post("/v1/keys", json={"tenant": "acme"}, headers=ADMIN).json()["key"]
    ((prefix, key_hash),) = raw_rows(db_engine, "SELECT prefix, key_hash FROM api_keys")
    assert key_hash == hashlib.sha256(key.encode()).hexdigest()
    secret_part = key.rsplit("_", 1)[1]
    dump = repr(raw_rows(db_engine, "SELECT * FROM api_keys"))
    assert secret_part not in dump and key not in dump
    assert key.startswith(f"ql_{prefix}_")


def test_webhook_secrets_are_encrypted_at_rest(
    client: TestClient, auth_headers: Headers, db_engine: Engine, db_session: Session
) -> None:
    story = create_story(client, auth_headers("acme"), **{"Idempotency-Key": "create-1"})
    plain = story["webhook_secret"]
    ((stored,),) = raw_rows(db_engine, "SELECT webhook_secret FROM stories")
    assert stored != plain and secretbox.is_token(stored)
    key = os.environ["QUOTELENS_SECRET_KEY"].encode()
    assert Fernet(key).decrypt(stored.encode()).decode() == plain
    # The stored idempotent response (replayed for a repeated request) holds a token too.
    dump = repr(raw_rows(db_engine, "SELECT * FROM stories")) + repr(
        raw_rows(db_engine, "SELECT * FROM idempotency_keys")
    )
    assert plain not in dump and plain.removeprefix("whsec_") not in dump
    # The code sees the plain secret; the replay gives the client the same answer again.
    assert db_session.get(StoryRow, story["id"]).webhook_secret == plain  # type: ignore[union-attr]
    replay = client.post(
        "/v1/stories",
        json={"name": "Summit", "webhook_url": "https://hooks.example.com/q"},
        headers={**auth_headers("acme"), "Idempotency-Key": "create-1"},
    )
    assert replay.json() == story and replay.headers["idempotent-replayed"] == "true"


def test_the_api_refuses_to_start_without_a_usable_key(settings: Settings) -> None:
    for missing in (None, SecretStr(""), SecretStr("not-a-fernet-key")):
        with pytest.raises(secretbox.SecretKeyError, match="QUOTELENS_SECRET_KEY"):
            create_app(settings.model_copy(update={"quotelens_secret_key": missing}))


def test_a_wrong_key_fails_loudly_and_the_key_can_be_rotated(
    client: TestClient,
    auth_headers: Headers,
    db_engine: Engine,
    db_session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    story = create_story(client, auth_headers("acme"))
    old_key = os.environ["QUOTELENS_SECRET_KEY"]
    new_key = secretbox.generate_key()

    def use(keys: str) -> None:
        monkeypatch.setenv("QUOTELENS_SECRET_KEY", keys)
        get_settings.cache_clear()
        db_session.expire_all()

    use(new_key)
    with pytest.raises(secretbox.SecretKeyError, match="cannot be decrypted"):
        _ = db_session.get(StoryRow, story["id"]).webhook_secret  # type: ignore[union-attr]
    db_session.rollback()
    use(f"{new_key},{old_key}")  # new key first: it encrypts, both decrypt
    assert reencrypt_secrets(db_session) == 1
    db_session.commit()
    use(new_key)  # the old key is gone and nothing needs it any more
    assert db_session.get(StoryRow, story["id"]).webhook_secret == story["webhook_secret"]  # type: ignore[union-attr]
    ((stored,),) = raw_rows(db_engine, "SELECT webhook_secret FROM stories")
    assert Fernet(new_key.encode()).decrypt(stored.encode()).decode() == story["webhook_secret"]


def test_migration_encrypts_existing_plain_secrets_and_downgrade_restores_them(
    empty_url: str,
) -> None:
    plain = "whsec_" + "A" * 43 + "="
    upgrade(empty_url, BEFORE_ENCRYPTION)
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO tenants (id, name, created_at) VALUES (1, 't', :now)"),
                {"now": "2026-11-01 10:00:00"},
            )
            conn.execute(
                text(
                    "INSERT INTO stories (id, tenant_id, name, webhook_secret, webhook_disabled,"
                    " report_version, created_at, updated_at) VALUES (:id, 1, 's', :secret,"
                    " false, 0, :now, :now)"
                ),
                {
                    "id": "5f0c3c1e-8d1e-4f43-9a43-0c7e5f7f3b1a",
                    "secret": plain,
                    "now": "2026-11-01 10:00:00",
                },
            )
            response = json.dumps({"id": "x", "webhook_secret": plain})
            conn.execute(
                text(
                    "INSERT INTO idempotency_keys (tenant_id, key, request_hash, response,"
                    " status_code, created_at) VALUES (1, 'k', 'h', :response, 201, :now)"
                ),
                {"response": response, "now": "2026-11-01 10:00:00"},
            )
        upgrade(empty_url)
        ((stored,),) = raw_rows(engine, "SELECT webhook_secret FROM stories")
        assert secretbox.is_token(stored) and secretbox.decrypt(stored) == plain
        ((kept,),) = raw_rows(engine, "SELECT response FROM idempotency_keys")
        assert plain not in str(kept)
        with Session(engine) as session:
            (story,) = session.query(StoryRow).all()
            assert story.webhook_secret == plain and story.webhook_secret_previous is None
        downgrade(empty_url, BEFORE_ENCRYPTION)
        assert raw_rows(engine, "SELECT webhook_secret FROM stories") == [(plain,)]
        ((restored,),) = raw_rows(engine, "SELECT response FROM idempotency_keys")
        assert plain in str(restored)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_rotation_signs_with_both_secrets_during_the_window(
    client: TestClient,
    auth_headers: Headers,
    db_session: Session,
    settings: Settings,
) -> None:
    headers = auth_headers("acme")
    story = create_story(client, headers)
    old = story["webhook_secret"]
    rotated = client.post(f"/v1/stories/{story['id']}/webhook-secret/rotate", headers=headers)
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["webhook_secret"]
    assert new.startswith("whsec_") and new != old
    assert rotated.json()["previous_secret_valid_until"]

    request = deliver(db_session, settings, story["id"])
    signatures = request.headers["webhook-signature"].split(" ")
    assert len(signatures) == 2 and all(s.startswith("v1,") for s in signatures)
    for secret in (old, new):  # a receiver with either secret accepts the delivery
        payload = Webhook(secret).verify(request.content, dict(request.headers))
        assert payload["data"]["story_id"] == story["id"]
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_webhook_secret()).verify(request.content, dict(request.headers))

    # After the window only the new secret signs: the old one no longer verifies.
    expired = settings.model_copy(update={"webhook_secret_rotation_hours": 0.0})
    after = deliver(db_session, expired, story["id"])
    assert len(after.headers["webhook-signature"].split(" ")) == 1
    Webhook(new).verify(after.content, dict(after.headers))
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(after.content, dict(after.headers))


def test_rotating_again_keeps_only_the_two_latest_and_other_tenants_get_404(
    client: TestClient, auth_headers: Headers, db_session: Session, settings: Settings
) -> None:
    acme = auth_headers("acme")
    story = create_story(client, acme)
    url = f"/v1/stories/{story['id']}/webhook-secret/rotate"
    assert client.post(url, headers=auth_headers("globex")).status_code == 404
    second = client.post(url, headers=acme).json()["webhook_secret"]
    third = client.post(url, headers=acme).json()["webhook_secret"]
    request = deliver(db_session, settings, story["id"])
    for secret in (second, third):
        Webhook(secret).verify(request.content, dict(request.headers))
    with pytest.raises(WebhookVerificationError):
        Webhook(story["webhook_secret"]).verify(request.content, dict(request.headers))


def test_secrets_are_never_logged_or_shown_again(
    client: TestClient,
    auth_headers: Headers,
    db_session: Session,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    headers = auth_headers("acme")
    story = create_story(client, headers, **{"Idempotency-Key": "k1"})
    rotated = client.post(f"/v1/stories/{story['id']}/webhook-secret/rotate", headers=headers)
    secrets_seen = [story["webhook_secret"], rotated.json()["webhook_secret"]]
    deliver(db_session, settings, story["id"])
    shown = [
        client.get(f"/v1/stories/{story['id']}", headers=headers).text,
        client.get("/v1/stories", headers=headers).text,
        client.get(f"/v1/stories/{story['id']}/deliveries", headers=headers).text,
        client.get("/metrics", headers={"Authorization": "Bearer test-metrics-token"}).text,
    ]
    logged = [caplog.text, *(repr(r.args) for r in caplog.records)]
    key = os.environ["QUOTELENS_SECRET_KEY"]
    for secret in secrets_seen:
        for haystack in shown + logged:
            assert secret not in haystack and secret.removeprefix("whsec_") not in haystack
    assert all(key not in haystack for haystack in shown + logged)
    assert "whsec_" not in repr(db_session.get(StoryRow, story["id"]))


def test_credentials_are_compared_in_constant_time(
    client: TestClient, auth_headers: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = auth_headers("acme")
    calls: list[tuple[Any, Any]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert client.get("/v1/stories", headers=headers).status_code == 200
    assert calls, "API key check did not use hmac.compare_digest"
    calls.clear()
    assert client.post("/v1/keys", json={"tenant": "x"}, headers=ADMIN).status_code == 201
    assert calls, "admin token check did not use hmac.compare_digest"


def test_rotation_window_setting_is_used(settings: Settings) -> None:
    from worker.storage.stories import signing_secrets

    story = StoryRow(webhook_secret="whsec_bmV3", webhook_secret_previous="whsec_b2xk")
    story.webhook_secret_rotated_at = None
    assert signing_secrets(story, timedelta(hours=24)) == ["whsec_bmV3"]
    from worker.storage.types import utcnow

    now = utcnow()
    story.webhook_secret_rotated_at = now - timedelta(hours=23)
    assert signing_secrets(story, timedelta(hours=24), now) == ["whsec_bmV3", "whsec_b2xk"]
    story.webhook_secret_rotated_at = now - timedelta(hours=25)
    assert signing_secrets(story, timedelta(hours=24), now) == ["whsec_bmV3"]
    assert settings.webhook_secret_rotation_hours == 24.0
