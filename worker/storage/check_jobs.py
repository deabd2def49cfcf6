"""Queries the debounced story check and the reconciler need beyond ``stories``/``articles``.

``stories.check_requested_at`` is the pending-check marker: set (to "now") by every request,
moved into the future as a lease while one worker builds the report, cleared when the report
is stored. A check whose marker is older than the debounce window plus a grace period was lost
(worker died, broker flushed) and is re-enqueued by the reconciler.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from worker.storage.models import ArticleRow, StoryRow
from worker.storage.types import utcnow
from worker.storage.updates import update_rows


def fresh_pending_count(
    session: Session, story_id: str, stale_after: timedelta, *, now: datetime | None = None
) -> int:
    """Articles of the story still queued or processing and touched within ``stale_after``.

    Stuck articles (untouched for longer) do not count: the reconciler re-enqueues them, and
    a poison article must never hold back the story's report.
    """
    now = now or utcnow()
    count = session.scalar(
        select(func.count())
        .select_from(ArticleRow)
        .where(
            ArticleRow.story_id == story_id,
            ArticleRow.status.in_(("queued", "processing")),
            ArticleRow.updated_at >= now - stale_after,
        )
    )
    return int(count or 0)


def _move_marker(session: Session, story_id: str, seen: datetime, new: datetime) -> bool:
    """Set the story's check marker to ``new`` if it still is ``seen``; whether it was.

    A compare-and-set in one UPDATE, so two workers never both think they moved it.
    """
    moved = update_rows(
        session,
        StoryRow,
        StoryRow.id == story_id,
        StoryRow.check_requested_at == seen,
        check_requested_at=new,
    )
    return bool(moved)


def claim_check(
    session: Session, story_id: str, requested_at: datetime, lease_until: datetime
) -> bool:
    """Take the pending check seen at ``requested_at`` by moving the marker to ``lease_until``.

    Only one worker wins per request; others see a marker in the future and stand down. A newer
    request overwrites the lease, so the winner can tell at save time that it was superseded.
    """
    return _move_marker(session, story_id, requested_at, lease_until)


def overdue_check_story_ids(
    session: Session, older_than: datetime, *, limit: int = 500
) -> list[str]:
    """Stories whose pending-check marker is older than ``older_than`` (a lost check)."""
    rows = session.scalars(
        select(StoryRow.id)
        .where(StoryRow.check_requested_at.is_not(None), StoryRow.check_requested_at < older_than)
        .order_by(StoryRow.check_requested_at)
        .limit(limit)
    )
    return list(rows)


def release_check(
    session: Session, story_id: str, lease_until: datetime, requested_at: datetime
) -> bool:
    """Give a claimed check back (the build failed): the marker returns to ``requested_at``
    unless a newer request replaced the lease meanwhile."""
    return _move_marker(session, story_id, lease_until, requested_at)


def renew_check(
    session: Session, story_id: str, lease_until: datetime, new_lease_until: datetime
) -> bool:
    """Extend a held lease (the heartbeat of a running check); False when it is no longer
    ours (a newer request overwrote it, or the check was taken over)."""
    return _move_marker(session, story_id, lease_until, new_lease_until)
