"""Request dependencies: settings, database session, broker, authentication, the story asked for.

Everything hangs off ``app.state`` (set by ``create_app``) rather than module globals, so a
test can build an app for any database and broker and several apps can coexist.

Dependencies that do no I/O are ``async def``: FastAPI runs a plain ``def`` dependency in the
thread pool, and each such hop costs more CPU than these functions do.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from api.key_cache import KeyCache, TenantRef
from api.queue import TaskQueue
from worker.settings import Settings
from worker.storage.keys import authenticate, hash_key
from worker.storage.models import StoryRow
from worker.storage.stories import get_story_for_tenant

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


def tenant_story(story_id: str, tenant: TenantDep, session: SessionDep) -> StoryRow:
    """The story of the path's ``story_id``, or 404: also for another tenant's story, so that a
    probe cannot tell the two apart. Read in the request's session, which the route shares.

    As ``StoryDep`` it runs before FastAPI validates the route's other parameters and body, so
    a route that has such inputs calls it itself once they are valid: a bad input answers 422
    whether the story exists or not.
    """
    story = get_story_for_tenant(session, tenant.id, story_id)
    if story is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Story {story_id} not found")
    return story


StoryDep = Annotated[StoryRow, Depends(tenant_story)]


def path_parameters_in_path_order(openapi: dict[str, Any]) -> None:
    """List each operation's path parameters in the order of its path. FastAPI lists a route's
    own before its dependencies' (``story_id`` of ``StoryDep``), and clients generated from the
    document take them in the listed order: ``/{story_id}/shares/{share_id}`` stays
    (story_id, share_id). Other parameters keep their place after them."""
    for path, operations in openapi.get("paths", {}).items():
        for operation in operations.values():
            operation.get("parameters", []).sort(key=partial(_place_in_path, path))


def _place_in_path(path: str, parameter: dict[str, Any]) -> int:
    if parameter["in"] != "path":
        return len(path)
    return path.index("{" + parameter["name"] + "}")


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
