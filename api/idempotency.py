"""``Idempotency-Key`` handling shared by the POST routes.

The stored response is written only after the request fully succeeded (including enqueueing),
so a request that ended in 503 can be retried with the same key and will do the work; the
work itself is de-duplicated by content, so the retry creates nothing twice.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from worker.storage.idempotency import (
    get_idempotent_response,
    request_hash,
    save_idempotent_response,
)

__all__ = ["REPLAY_HEADER", "remember", "replay", "request_hash"]

REPLAY_HEADER = "Idempotent-Replayed"


def replay(session: Session, tenant_id: int, key: str, req_hash: str) -> JSONResponse | None:
    """The stored response for ``key``; 409 when the key was used for another request."""
    row = get_idempotent_response(session, tenant_id, key)
    if row is None:
        return None
    if row.request_hash != req_hash:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            "Idempotency-Key was already used with a different request; use a new key",
        )
    return JSONResponse(row.response, status_code=row.status_code, headers={REPLAY_HEADER: "true"})


def remember(
    session: Session,
    tenant_id: int,
    key: str,
    req_hash: str,
    body: dict[str, Any],
    status_code: int,
) -> JSONResponse | None:
    """Store the response; if a concurrent request stored one first, replay that instead."""
    try:
        save_idempotent_response(session, tenant_id, key, req_hash, body, status_code)
        session.commit()
    except IntegrityError:
        session.rollback()
        return replay(session, tenant_id, key, req_hash)
    return None
