"""Stored responses for ``Idempotency-Key`` requests.

A client retrying a POST with the same key and the same body gets the first response back
instead of a second effect; the same key with a different body is a client error (409).
Keys are scoped per tenant.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.storage.models import IdempotencyKey


def request_hash(method: str, path: str, body: Any) -> str:
    """SHA-256 of the method, path and canonical JSON body of a request."""
    canonical = json.dumps(
        {"method": method.upper(), "path": path, "body": body},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def get_idempotent_response(session: Session, tenant_id: int, key: str) -> IdempotencyKey | None:
    """The stored response for a tenant's key, if any."""
    return session.scalars(
        select(IdempotencyKey).where(
            IdempotencyKey.tenant_id == tenant_id, IdempotencyKey.key == key
        )
    ).one_or_none()


def save_idempotent_response(
    session: Session,
    tenant_id: int,
    key: str,
    req_hash: str,
    response: dict[str, Any],
    status_code: int,
) -> IdempotencyKey:
    """Store a response (flushes; a concurrent duplicate raises ``IntegrityError``)."""
    row = IdempotencyKey(
        tenant_id=tenant_id,
        key=key,
        request_hash=req_hash,
        response=response,
        status_code=status_code,
    )
    session.add(row)
    session.flush()
    return row
