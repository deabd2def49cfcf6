"""Request dependencies: settings, database session, broker, authentication.

Everything hangs off ``app.state`` (set by ``create_app``) rather than module globals, so a
test can build an app for any database and broker and several apps can coexist.

Dependencies that do no I/O are ``async def``: FastAPI runs a plain ``def`` dependency in the
thread pool, and each such hop costs more CPU than these functions do.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from api.key_cache import KeyCache, TenantRef
from api.queue import TaskQueue
from worker.settings import Settings
from worker.storage.keys import authenticate, hash_key

_bearer = HTTPBearer(auto_error=False, description="API key: `Authorization: Bearer ql_...`")
_admin_bearer = HTTPBearer(
    auto_error=False, scheme_name="AdminToken", description="QUOTELENS_ADMIN_TOKEN"
)
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_queue(request: Request) -> TaskQueue:
    queue: TaskQueue = request.app.state.queue
    return queue


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; routes commit explicitly, anything left is rolled back."""
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    session = factory()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
QueueDep = Annotated[TaskQueue, Depends(get_queue)]


def _tenant_of_key(factory: sessionmaker[Session], key: str) -> int | None:
    with factory() as session:
        return authenticate(session, key)


async def current_tenant(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TenantRef:
    """The tenant of the bearer key, or 401.

    A key seen in the last few seconds is answered from memory (``api/key_cache.py``) without a
    thread-pool hop or a database round trip; only a miss opens a session of its own.
    """
    if credentials is None or not credentials.credentials:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Missing API key: send 'Authorization: Bearer <key>'",
            headers=_CHALLENGE,
        )
    cache: KeyCache = request.app.state.key_cache
    digest = hash_key(credentials.credentials)
    tenant = cache.get(digest)
    if tenant is not None:
        return tenant
    tenant_id = await run_in_threadpool(
        _tenant_of_key, request.app.state.sessionmaker, credentials.credentials
    )
    if tenant_id is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Invalid or revoked API key", headers=_CHALLENGE
        )
    tenant = TenantRef(tenant_id)
    cache.put(digest, tenant)
    return tenant


TenantDep = Annotated[TenantRef, Depends(current_tenant)]


async def require_admin(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_admin_bearer)],
) -> None:
    """Allow only the configured admin token (key management over HTTP)."""
    expected = settings.admin_token()
    if expected is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "Key management over HTTP is disabled: QUOTELENS_ADMIN_TOKEN is not set",
        )
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Invalid or missing admin token", headers=_CHALLENGE
        )


async def idempotency_key(
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=255,
            # Stated in the schema: a blank key is refused (422), so it is not a valid value.
            pattern=r"\S",
            description="Replays the stored response when the same key and body are repeated; "
            "1-255 characters, not all whitespace",
        ),
    ] = None,
) -> str | None:
    if key is not None and not key.strip():
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "Idempotency-Key must not be empty")
    return key


IdempotencyKeyDep = Annotated[str | None, Depends(idempotency_key)]
