"""API key management (admin token only): create, list, revoke.

The plain key is in the creation response once and nowhere else; listing shows ids, tenants
and prefixes, never a key or its hash. Revoking takes effect at once in the process that
handles it and within ``QUOTELENS_KEY_CACHE_SECONDS`` in every other API process.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response, status

from api.deps import SessionDep, require_admin
from api.key_cache import KeyCache
from api.schemas.common import error_responses, from_row
from api.schemas.keys import KeyCreate, KeyCreated, KeyInfo, KeyList
from worker.storage import keys

router = APIRouter(prefix="/v1/keys", tags=["keys"])
_ADMIN_ERRORS = error_responses(401, 403)
KeyId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The key's id (from create or list)")]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_admin)],
    responses=_ADMIN_ERRORS,
    summary="Create an API key for a tenant (admin token required)",
)
def create_key(payload: KeyCreate, session: SessionDep) -> KeyCreated:
    row, key = keys.create_api_key(session, payload.tenant)
    session.commit()
    return from_row(KeyCreated, row, tenant=payload.tenant, key=key)


@router.get(
    "",
    dependencies=[Depends(require_admin)],
    responses=_ADMIN_ERRORS,
    summary="List API keys without their secrets (admin token required)",
)
def list_keys(
    session: SessionDep,
    tenant: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    include_revoked: bool = True,
) -> KeyList:
    rows = keys.list_api_keys(session, tenant=tenant, include_revoked=include_revoked)
    return KeyList(keys=[from_row(KeyInfo, row) for row in rows])


@router.delete(
    "/{key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(require_admin)],
    responses=error_responses(401, 403, 404),
    summary="Revoke an API key (admin token required; revoking twice is not an error)",
)
def revoke_key(key_id: KeyId, session: SessionDep, request: Request) -> Response:
    if keys.get_key_info(session, key_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No API key with id {key_id}")
    keys.revoke_api_key(session, key_id)
    digest = keys.key_hash_of(session, key_id)
    session.commit()
    cache: KeyCache = request.app.state.key_cache
    if digest is not None:
        cache.forget(digest)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
