"""Stories: creation, tenant-scoped lookup, progress counts and the debounced check request.

Every lookup made on behalf of a client goes through ``get_story_for_tenant`` so another
tenant's id is indistinguishable from a missing one.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, undefer
from sqlalchemy.orm.attributes import flag_modified

from worker.storage.lookup import get_scoped
from worker.storage.models import ARTICLE_STATUSES, ArticleRow, StoryRow, is_public_id
from worker.storage.types import utcnow
from worker.storage.updates import update_rows


def generate_webhook_secret() -> str:
    """A Standard Webhooks signing secret: ``whsec_`` + base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def create_story(
    session: Session, tenant_id: int, name: str, webhook_url: str | None = None
) -> StoryRow:
    """Create a story with a fresh webhook secret (flushed, not committed)."""
    story = StoryRow(
        tenant_id=tenant_id,
        name=name,
        webhook_url=webhook_url,
        webhook_secret=generate_webhook_secret(),
    )
    session.add(story)
    session.flush()
    return story


def rotate_webhook_secret(session: Session, story: StoryRow, now: datetime | None = None) -> str:
    """Give the story a new webhook secret and keep the current one as the previous secret.

    Deliveries are signed with both until the rotation window (a setting) has passed, so a
    receiver can switch to the new secret whenever it likes. Rotating again within the window
    drops the oldest secret: only the two most recent ones are ever valid.
    """
    secret = generate_webhook_secret()
    story.webhook_secret_previous = story.webhook_secret
    story.webhook_secret = secret
    story.webhook_secret_rotated_at = now or utcnow()
    session.flush()
    return secret


def signing_secrets(story: StoryRow, window: timedelta, now: datetime | None = None) -> list[str]:
    """The secrets a delivery is signed with now: the current one, and the previous one while
    the rotation window lasts."""
    secrets_now = [story.webhook_secret]
    rotated_at = story.webhook_secret_rotated_at
    if (
        story.webhook_secret_previous
        and rotated_at is not None
        and (now or utcnow()) < rotated_at + window
    ):
        secrets_now.append(story.webhook_secret_previous)
    return secrets_now


def reencrypt_secrets(session: Session) -> int:
    """Write every story's secrets again, i.e. encrypted under the first configured key."""
    count = 0
    loaded = select(StoryRow).options(
        undefer(StoryRow.webhook_secret), undefer(StoryRow.webhook_secret_previous)
    )
    for story in session.scalars(loaded):
        flag_modified(story, "webhook_secret")
        if story.webhook_secret_previous is not None:
            flag_modified(story, "webhook_secret_previous")
        count += 1
    session.flush()
    return count


def get_story(session: Session, story_id: str) -> StoryRow | None:
    """A story by id, for the workers (no tenant check)."""
    return session.get(StoryRow, story_id)


def get_story_for_tenant(session: Session, tenant_id: int, story_id: str) -> StoryRow | None:
    """A story by id, only if it belongs to ``tenant_id``."""
    return get_scoped(session, StoryRow, story_id, StoryRow.tenant_id == tenant_id)


# Built once: this runs on every article submission, and building the statement cost as much
# as executing it.
_OWNED_STORY = select(StoryRow.id).where(
    StoryRow.id == bindparam("story_id"), StoryRow.tenant_id == bindparam("tenant_id")
)


def owns_story(session: Session, tenant_id: int, story_id: str) -> bool:
    """Whether ``story_id`` is one of ``tenant_id``'s stories, without loading it (the
    submission path needs only the answer)."""
    if not is_public_id(story_id):
        return False
    found = session.execute(_OWNED_STORY, {"story_id": story_id, "tenant_id": tenant_id})
    return found.first() is not None


def list_stories(
    session: Session, tenant_id: int, limit: int = 100, offset: int = 0
) -> list[StoryRow]:
    """A tenant's stories, newest first."""
    rows = session.scalars(
        select(StoryRow)
        .where(StoryRow.tenant_id == tenant_id)
        .order_by(StoryRow.created_at.desc(), StoryRow.id)
        .limit(limit)
        .offset(offset)
    )
    return list(rows)


@dataclass(frozen=True, slots=True)
class StoryProgress:
    """How far extraction has come for a story."""

    counts: dict[str, int]
    failures: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return self.counts.get("queued", 0) + self.counts.get("processing", 0)


def article_counts(session: Session, story_id: str) -> dict[str, int]:
    """Number of articles per status (every status present, zero when none)."""
    counts: dict[str, int] = dict.fromkeys(ARTICLE_STATUSES, 0)
    rows = session.execute(
        select(ArticleRow.status, func.count())
        .where(ArticleRow.story_id == story_id)
        .group_by(ArticleRow.status)
    )
    for status, count in rows:
        counts[str(status)] = int(count)
    return counts


def story_progress(session: Session, story_id: str) -> StoryProgress:
    """Counts per status plus ``(article_id, source, error)`` of every failed article."""
    failures = session.execute(
        select(ArticleRow.id, ArticleRow.source, ArticleRow.error)
        .where(ArticleRow.story_id == story_id, ArticleRow.status == "failed")
        .order_by(ArticleRow.created_at, ArticleRow.id)
    )
    return StoryProgress(
        counts=article_counts(session, story_id),
        failures=[(row[0], row[1], row[2]) for row in failures],
    )


def story_articles_done(session: Session, story_id: str) -> bool:
    """True when no article of the story is queued or processing (failed ones count as done)."""
    pending = session.scalar(
        select(func.count())
        .select_from(ArticleRow)
        .where(ArticleRow.story_id == story_id, ArticleRow.status.in_(("queued", "processing")))
    )
    return not pending


def request_check(session: Session, story_id: str, now: datetime | None = None) -> datetime:
    """Record that the story needs a (debounced) check; returns the request time stored.

    A later request overwrites an earlier one, so a debounced ``check_story`` can tell
    whether more work arrived while it waited (see ``clear_check_request``).
    """
    now = now or utcnow()
    session.execute(update(StoryRow).where(StoryRow.id == story_id).values(check_requested_at=now))
    return now


def clear_check_request(session: Session, story_id: str, requested_at: datetime) -> bool:
    """Clear the check request only if it is still the one seen at ``requested_at``.

    False means a newer request arrived meanwhile and must not be lost.
    """
    seen = (StoryRow.id == story_id) & (StoryRow.check_requested_at == requested_at)
    return bool(update_rows(session, StoryRow, seen, check_requested_at=None))


def disable_webhook(session: Session, story_id: str) -> None:
    """Stop deliveries for a story (e.g. its endpoint answered 410 Gone)."""
    session.execute(update(StoryRow).where(StoryRow.id == story_id).values(webhook_disabled=True))
