"""API key creation (admin only); the plain key is in the response once and nowhere else."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from api.deps import SessionDep, require_admin
from api.schemas import ErrorBody, KeyCreate, KeyCreated
from worker.storage.keys import create_api_key

router = APIRouter(prefix="/v1/keys", tags=["keys"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=KeyCreated,
    dependencies=[Depends(require_admin)],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
    summary="Create an API key for a tenant (admin token required)",
)
def create_key(payload: KeyCreate, session: SessionDep) -> KeyCreated:
    row, key = create_api_key(session, payload.tenant)
    session.commit()
    return KeyCreated(
        id=row.id, tenant=payload.tenant, prefix=row.prefix, key=key, created_at=row.created_at
    )
