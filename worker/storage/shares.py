"""Share links: the token that opens one story's report page without an API key.

The token is 32 random bytes (``secrets.token_urlsafe``), shown once when the link is made;
only its SHA-256 is stored, so the table cannot be turned back into links. ``story_for_token``
is the one lookup the public page does: it answers a story only for a link that exists, has not
expired and was not revoked, and tells nothing about which of those failed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.storage.models import ShareLink, StoryRow, is_public_id
from worker.storage.types import utcnow
from worker.storage.updates import update_rows

TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class NewShare:
    """A link just made: its row and the token (never stored, never shown again)."""

    link: ShareLink
    token: str


def create_share(
    session: Session, story_id: str, lifetime: timedelta, now: datetime | None = None
) -> NewShare:
    """A new link to ``story_id`` valid for ``lifetime`` (flushed, not committed)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink(
        story_id=story_id, token_hash=hash_token(token), created_at=now, expires_at=now + lifetime
    )
    session.add(link)
    session.flush()
    return NewShare(link, token)


def story_for_token(session: Session, token: str, now: datetime | None = None) -> StoryRow | None:
    """The story a live (unexpired, unrevoked) link opens, or None."""
    if not token or len(token) > 128:
        return None
    now = now or utcnow()
    row = session.scalars(
        select(ShareLink).where(ShareLink.token_hash == hash_token(token))
    ).one_or_none()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    return session.get(StoryRow, row.story_id)


def list_shares(session: Session, story_id: str) -> list[ShareLink]:
    return list(
        session.scalars(
            select(ShareLink).where(ShareLink.story_id == story_id).order_by(ShareLink.created_at)
        )
    )


def revoke_share(session: Session, story_id: str, share_id: str) -> bool:
    """Revoke the story's link ``share_id``; False when the story has no such link."""
    if not is_public_id(share_id):
        return False
    revoked = update_rows(
        session,
        ShareLink,
        ShareLink.id == share_id,
        ShareLink.story_id == story_id,
        revoked_at=utcnow(),
    )
    return bool(revoked)
