"""``Idempotency-Key`` handling shared by the POST routes.

The stored response is written only after the request fully succeeded (including enqueueing),
so a request that ended in 503 can be retried with the same key and will do the work; the
work itself is de-duplicated by content, so the retry creates nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
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


Transform = Callable[[dict[str, Any]], dict[str, Any]]


def replay(
    session: Session, tenant_id: int, key: str, req_hash: str, reveal: Transform | None = None
) -> JSONResponse | None:
    """The stored response for ``key``; 409 when the key was used for another request.

    ``reveal`` undoes what ``remember``'s ``seal`` did to the stored body (decrypts secrets).
    """
    row = get_idempotent_response(session, tenant_id, key)
    if row is None:
        return None
    if row.request_hash != req_hash:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            "Idempotency-Key was already used with a different request; use a new key",
        )
    body = reveal(dict(row.response)) if reveal is not None else row.response
    return JSONResponse(body, status_code=row.status_code, headers={REPLAY_HEADER: "true"})


def remember(
    session: Session,
    tenant_id: int,
    key: str,
    req_hash: str,
    body: dict[str, Any],
    status_code: int,
    *,
    seal: Transform | None = None,
    reveal: Transform | None = None,
) -> JSONResponse | None:
    """Store the response; if a concurrent request stored one first, replay that instead.

    ``seal`` changes the body before it is stored: a response carrying a secret is kept with
    the secret encrypted, like the secret's own column.
    """
    stored = seal(dict(body)) if seal is not None else body
    try:
        save_idempotent_response(session, tenant_id, key, req_hash, stored, status_code)
        session.commit()
    except IntegrityError:
        session.rollback()
        return replay(session, tenant_id, key, req_hash, reveal)
    return None
