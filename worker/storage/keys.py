"""Tenants and API keys.

Keys look like ``ql_<prefix>_<secret>``. Only the SHA-256 of the whole key is stored, so a
database leak does not leak usable keys; the short prefix is kept in clear so people can tell
their keys apart. The plain key is returned exactly once, by ``create_api_key``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.storage.models import ApiKey, Tenant
from worker.storage.types import utcnow

KEY_SCHEME = "ql"


def hash_key(key: str) -> str:
    """The stored form of a key: SHA-256 hex of the full key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def generate_key() -> tuple[str, str]:
    """A new random key and its display prefix."""
    prefix = secrets.token_hex(4)
    return f"{KEY_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}", prefix


def get_tenant_by_name(session: Session, name: str) -> Tenant | None:
    """The tenant called ``name``, if any."""
    return session.scalars(select(Tenant).where(Tenant.name == name)).one_or_none()


def get_or_create_tenant(session: Session, name: str) -> Tenant:
    """The tenant called ``name``, created (and flushed) when missing."""
    tenant = get_tenant_by_name(session, name)
    if tenant is None:
        tenant = Tenant(name=name)
        session.add(tenant)
        session.flush()
    return tenant


def create_api_key(session: Session, tenant_name: str) -> tuple[ApiKey, str]:
    """Create a key for ``tenant_name`` (creating the tenant if needed).

    Returns the stored row and the plain key, which is not kept anywhere.
    """
    tenant = get_or_create_tenant(session, tenant_name)
    key, prefix = generate_key()
    row = ApiKey(tenant_id=tenant.id, prefix=prefix, key_hash=hash_key(key))
    session.add(row)
    session.flush()
    return row, key


def authenticate(session: Session, key: str) -> int | None:
    """The id of the tenant owning an active key, or None for unknown or revoked keys.

    Only the id is read (no ORM load): it is all a request needs to scope its queries, and this
    runs on every request whose key is not in the API's short-lived cache.
    """
    digest = hash_key(key)
    row = session.execute(
        select(ApiKey.tenant_id, ApiKey.key_hash).where(
            ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None)
        )
    ).one_or_none()
    if row is None or not hmac.compare_digest(row.key_hash, digest):
        return None
    return int(row.tenant_id)


def revoke_api_key(session: Session, key_id: int) -> bool:
    """Revoke a key by id; False when it does not exist or was already revoked."""
    row = session.get(ApiKey, key_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.flush()
    return True


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What may be shown about a key: never its hash, never the key."""

    id: int
    tenant: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


def get_key_info(session: Session, key_id: int) -> KeyInfo | None:
    row = session.get(ApiKey, key_id)
    if row is None:
        return None
    return KeyInfo(row.id, row.tenant.name, row.prefix, row.created_at, row.revoked_at)


def key_hash_of(session: Session, key_id: int) -> str | None:
    """The stored digest of a key (the API's key cache is keyed by it)."""
    return session.scalar(select(ApiKey.key_hash).where(ApiKey.id == key_id))


def list_api_keys(
    session: Session, *, tenant: str | None = None, include_revoked: bool = True
) -> list[KeyInfo]:
    """Keys oldest first, optionally of one tenant and only active ones."""
    query = (
        select(ApiKey.id, Tenant.name, ApiKey.prefix, ApiKey.created_at, ApiKey.revoked_at)
        .join(Tenant, Tenant.id == ApiKey.tenant_id)
        .order_by(ApiKey.id)
    )
    if tenant is not None:
        query = query.where(Tenant.name == tenant)
    if not include_revoked:
        query = query.where(ApiKey.revoked_at.is_(None))
    return [KeyInfo(*row) for row in session.execute(query)]
