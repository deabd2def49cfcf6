"""Standard Webhooks signing (https://www.standardwebhooks.com/).

The sender signs ``"{webhook-id}.{webhook-timestamp}.{body}"`` with HMAC-SHA256, keyed with the
bytes behind the ``whsec_`` prefix (base64), and sends ``v1,<base64 signature>``.
The message id (``deliveries.webhook_id``) stays the same on every retry of one delivery so
receivers can de-duplicate; the secret is made by ``worker.storage.stories``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Sequence
from typing import Any

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"


class InvalidSecretError(ValueError):
    """The webhook secret is empty or not ``whsec_`` + base64."""


def secret_key(secret: str) -> bytes:
    """The HMAC key: the base64-decoded part after ``whsec_``."""
    encoded = secret.removeprefix(SECRET_PREFIX).strip()
    if not encoded:
        raise InvalidSecretError("webhook secret is empty")
    try:
        # Accept unpadded base64 like the reference libraries do.
        key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidSecretError("webhook secret is not base64 after 'whsec_'") from exc
    if not key:
        raise InvalidSecretError("webhook secret decodes to no bytes")
    return key


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256(key, id.timestamp.body)>``."""
    to_sign = msg_id.encode("utf-8") + b"." + str(int(timestamp)).encode("ascii") + b"." + body
    digest = hmac.new(secret_key(secret), to_sign, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def encode_body(payload: dict[str, Any]) -> bytes:
    """The exact bytes that are signed and sent (compact, UTF-8, stable key order)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(
        "utf-8"
    )


def signed_headers(
    secret: str,
    msg_id: str,
    body: bytes,
    *,
    timestamp: int | None = None,
    also_sign_with: Sequence[str] = (),
) -> dict[str, str]:
    """The three Standard Webhooks headers plus the content type.

    ``also_sign_with``: more secrets (the one a rotation replaced). Their signatures follow the
    first one in ``webhook-signature``, space-separated as the specification allows, so a
    receiver still configured with the old secret verifies too.
    """
    ts = int(time.time()) if timestamp is None else int(timestamp)
    signatures = [sign(key, msg_id, ts, body) for key in (secret, *also_sign_with)]
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": " ".join(dict.fromkeys(signatures)),
        "content-type": "application/json",
    }
