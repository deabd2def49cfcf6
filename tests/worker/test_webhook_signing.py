"""Standard Webhooks signing, verified with the reference ``standardwebhooks`` package."""

from __future__ import annotations

import base64
import json
import time

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from worker.storage.stories import generate_webhook_secret
from worker.webhooks.signing import (
    InvalidSecretError,
    encode_body,
    secret_key,
    sign,
    signed_headers,
)


def test_signed_headers_verify_with_reference_library() -> None:
    secret = generate_webhook_secret()
    payload = {"type": "story.report.updated", "story_id": "s1", "version": 3, "report": {"a": "é"}}
    body = encode_body(payload)
    headers = signed_headers(secret, "msg_d1", body)
    assert headers["webhook-id"] == "msg_d1"
    assert headers["webhook-signature"].startswith("v1,")
    assert Webhook(secret).verify(body, headers) == payload


def test_signature_matches_reference_sign() -> None:
    secret = "whsec_" + base64.b64encode(b"0123456789abcdef0123").decode()
    body = b'{"x":1}'
    ts = 1_700_000_000
    from datetime import UTC, datetime

    expected = Webhook(secret).sign("msg_abc", datetime.fromtimestamp(ts, UTC), body.decode())
    assert sign(secret, "msg_abc", ts, body) == expected


def test_tampered_body_or_wrong_secret_fails() -> None:
    secret = generate_webhook_secret()
    body = encode_body({"version": 1})
    headers = signed_headers(secret, "msg_x", body)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(encode_body({"version": 2}), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_webhook_secret()).verify(body, headers)


def test_old_timestamp_is_rejected_by_receivers() -> None:
    secret = generate_webhook_secret()
    body = b"{}"
    headers = signed_headers(secret, "msg_x", body, timestamp=int(time.time()) - 3600)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body, headers)


def test_secret_key_decoding() -> None:
    assert secret_key("whsec_" + base64.b64encode(b"k3y").decode()) == b"k3y"
    assert secret_key("whsec_" + base64.b64encode(b"k3y!").decode().rstrip("=")) == b"k3y!"
    for bad in ("", "whsec_", "whsec_***"):
        with pytest.raises(InvalidSecretError):
            secret_key(bad)


def test_body_encoding_is_stable_json() -> None:
    body = encode_body({"b": 1, "a": [1, 2], "c": "ü"})
    assert body == '{"a":[1,2],"b":1,"c":"ü"}'.encode()
    assert json.loads(body) == {"a": [1, 2], "b": 1, "c": "ü"}
