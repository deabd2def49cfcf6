"""Report versions of a story.

``save_report`` is idempotent per content: storing a body identical to the latest version
returns that version instead of creating a new one, so a re-run ``check_story`` (duplicate
message, retry after a crash) neither bumps the version nor triggers another webhook.
Versions are allocated under a lock on the story row, so concurrent checks never collide.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.storage.models import ReportRow, StoryRow
from worker.storage.updates import update_rows


def body_hash(body: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a report body."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class SavedReport:
    """The stored report and whether this call created it."""

    report: ReportRow
    created: bool


def lock_story(session: Session, story_id: str) -> StoryRow | None:
    """Take the story row's write lock for the rest of the transaction.

    A no-op UPDATE works on both backends: PostgreSQL locks the row, SQLite takes the
    database write lock, so it must be the first statement of a short transaction.
    """
    update_rows(session, StoryRow, StoryRow.id == story_id, report_version=StoryRow.report_version)
    return session.get(StoryRow, story_id, populate_existing=True)


def latest_report(session: Session, story_id: str) -> ReportRow | None:
    """The newest report of a story, or None before the first check."""
    return session.scalars(
        select(ReportRow)
        .where(ReportRow.story_id == story_id)
        .order_by(ReportRow.version.desc())
        .limit(1)
    ).one_or_none()


def get_report(session: Session, story_id: str, version: int) -> ReportRow | None:
    """A specific report version."""
    return session.scalars(
        select(ReportRow).where(ReportRow.story_id == story_id, ReportRow.version == version)
    ).one_or_none()


def next_report_version(session: Session, story_id: str) -> int:
    """The version the next new report of the story would get."""
    current = session.scalar(select(StoryRow.report_version).where(StoryRow.id == story_id))
    if current is None:
        raise LookupError(f"story {story_id} does not exist")
    return int(current) + 1


def save_report(
    session: Session, story_id: str, body: dict[str, Any], *, fingerprint: str | None = None
) -> SavedReport:
    """Store ``body`` as the story's next report version unless it equals the latest one.

    ``fingerprint`` overrides the content hash (pass one computed without volatile fields such
    as a generation timestamp). Flushes; the caller commits. Raises ``LookupError`` for an
    unknown story.
    """
    digest = fingerprint or body_hash(body)
    story = lock_story(session, story_id)
    if story is None:
        raise LookupError(f"story {story_id} does not exist")
    latest = latest_report(session, story_id)
    if latest is not None and latest.content_hash == digest:
        return SavedReport(latest, created=False)
    version = story.report_version + 1
    report = ReportRow(story_id=story_id, version=version, body=body, content_hash=digest)
    session.add(report)
    story.report_version = version
    session.flush()
    return SavedReport(report, created=True)
