"""Articles: submission with de-duplication, and the state machine the extraction task drives.

An article is one outlet's publication: de-duplication is per source, so a client re-sending a
batch gets its articles back as duplicates, while the same wire copy sent for two mastheads is
two articles (the checker reports them as copies of each other).

States: ``queued -> processing -> done | failed``. ``claim_article`` is a conditional UPDATE,
so when the broker delivers the same message twice (at-least-once) only one worker gets the
article. ``store_quotes`` replaces the whole quote list, so re-running an extraction never
duplicates quotes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import func, literal, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from worker import records
from worker.storage.lookup import get_scoped
from worker.storage.models import ArticleRow, StoryRow, new_id
from worker.storage.types import UTCDateTime, utcnow
from worker.storage.updates import update_rows

_WHITESPACE = re.compile(r"\s+")


def dedup_form(text: str) -> str:
    """The form of a text used for de-duplication: NFC, whitespace collapsed, trimmed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """SHA-256 hex of the text's ``dedup_form``."""
    return hashlib.sha256(dedup_form(text).encode("utf-8")).hexdigest()


def source_key(source: str) -> str:
    """The form of a source name used for de-duplication: ``Reuters`` and ``reuters`` are one
    outlet (NFC, whitespace collapsed, case folded; at most the column's 300 characters)."""
    return dedup_form(source).casefold()[:300]


SubmittedAs = Literal["text", "html", "url"]


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article as a client submits it: its ``text``, an ``html`` page, or only its ``url``
    (``submitted_as`` says which; pages get their text later, from the extraction job)."""

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    primary: bool = False
    speaker: str | None = None
    submitted_as: SubmittedAs = "text"
    html: str | None = None


def submission_hash(item: NewArticle) -> str:
    """What makes two submissions the same article: the same text, page or address (each
    kind hashed apart, so a page never matches a text that happens to have its characters)."""
    if item.submitted_as == "html":
        return content_hash(f"html:{item.html or ''}")
    if item.submitted_as == "url":
        return content_hash(f"url:{item.url or ''}")
    return content_hash(item.text)


@dataclass(frozen=True, slots=True)
class SubmittedArticle:
    """The outcome of submitting one article: its id, source and state, and whether it was
    already in the story (then ``source`` and ``status`` are the stored article's)."""

    id: str
    source: str
    status: str
    duplicate: bool


_IDENTITY = ["story_id", "source_key", "content_hash"]
Identity = tuple[str, str]  # (source_key, submission hash) within a story


def _insert_ignoring_duplicates(session: Session) -> Any:
    """``INSERT ... ON CONFLICT (story_id, source_key, content_hash) DO NOTHING`` in the
    session's dialect.

    Both supported backends have it; it lets concurrent submissions of the same text settle in
    the database (the later one finds the earlier) without a read before every write.
    """
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(ArticleRow).on_conflict_do_nothing(index_elements=_IDENTITY)
    return sqlite.insert(ArticleRow).on_conflict_do_nothing(index_elements=_IDENTITY)


def _values(story_id: str, item: NewArticle, digest: str) -> dict[str, Any]:
    """What the client chose; every other column takes its model default (``status`` queued,
    no quotes, timestamps now). The id is made here because the result reports it."""
    return {
        "id": new_id(),
        "story_id": story_id,
        "source": item.source,
        "source_key": source_key(item.source),
        "title": item.title,
        "url": item.url,
        "published_at": item.published_at,
        "is_primary": item.primary,
        "speaker": item.speaker,
        "text": item.text,
        "submitted_as": item.submitted_as,
        "html": item.html,
        "content_hash": digest,
    }


def submit_articles(
    session: Session, story_id: str, items: Sequence[NewArticle]
) -> list[SubmittedArticle]:
    """Insert the articles that are new to the story; return one result per item, in order.

    The same text (after normalisation) from the same source (``source_key``) already in the
    story, or twice in ``items``, maps to the existing article; the same text from another
    source is a new article. One multi-row insert that skips articles already stored, and a
    read only when some were: this runs on every API submission, where a read before each
    write and the ORM's unit of work cost more than the insert itself. Does not commit.
    """
    identities: list[Identity] = [
        (source_key(item.source), submission_hash(item)) for item in items
    ]
    rows: dict[Identity, dict[str, Any]] = {}
    for item, identity in zip(items, identities, strict=True):
        rows.setdefault(identity, _values(story_id, item, identity[1]))
    inserted: set[Identity] = {
        (row.source_key, row.content_hash)
        for row in session.execute(
            _insert_ignoring_duplicates(session).returning(
                ArticleRow.source_key, ArticleRow.content_hash
            ),
            list(rows.values()),
        )
    }
    known: dict[Identity, SubmittedArticle] = {
        identity: SubmittedArticle(rows[identity]["id"], rows[identity]["source"], "queued", False)
        for identity in inserted
    }
    missing = set(rows) - inserted
    if missing:
        stored = session.execute(
            select(
                ArticleRow.id,
                ArticleRow.source,
                ArticleRow.status,
                ArticleRow.source_key,
                ArticleRow.content_hash,
            ).where(
                ArticleRow.story_id == story_id,
                ArticleRow.source_key.in_({key for key, _ in missing}),
                ArticleRow.content_hash.in_({digest for _, digest in missing}),
            )
        )
        for row in stored:
            identity = (row.source_key, row.content_hash)
            if identity in missing:
                known[identity] = SubmittedArticle(row.id, row.source, row.status, True)
    results: list[SubmittedArticle] = []
    for identity in identities:
        result = known[identity]
        results.append(result)
        # Repeats within the batch are duplicates of the first occurrence.
        known[identity] = SubmittedArticle(result.id, result.source, result.status, True)
    return results


def get_article(session: Session, article_id: str) -> ArticleRow | None:
    """An article by id, for the workers (no tenant check)."""
    return session.get(ArticleRow, article_id)


def get_article_for_tenant(session: Session, tenant_id: int, article_id: str) -> ArticleRow | None:
    """An article by id, only if its story belongs to ``tenant_id``."""
    return get_scoped(
        session,
        ArticleRow,
        article_id,
        StoryRow.id == ArticleRow.story_id,
        StoryRow.tenant_id == tenant_id,
    )


def claim_article(
    session: Session,
    article_id: str,
    *,
    stale_after: timedelta | None = None,
    now: datetime | None = None,
) -> ArticleRow | None:
    """Move a queued article to ``processing`` and count the attempt; None if not claimable.

    With ``stale_after``, an article stuck in ``processing`` for longer than that (its worker
    died) can be claimed again. Done and failed articles are never claimed, which makes a
    duplicate task message a no-op. Call it first in a fresh transaction and commit right
    after, so that the claim is visible to other workers.
    """
    now = now or utcnow()
    claimable = ArticleRow.status == "queued"
    if stale_after is not None:
        claimable = or_(
            claimable,
            (ArticleRow.status == "processing") & (ArticleRow.updated_at < now - stale_after),
        )
    claimed = update_rows(
        session,
        ArticleRow,
        ArticleRow.id == article_id,
        claimable,
        status="processing",
        attempts=ArticleRow.attempts + 1,
        updated_at=now,
    )
    if not claimed:
        return None
    article = session.get(ArticleRow, article_id, populate_existing=True)
    return article


def _finish(session: Session, article_id: str, now: datetime | None, **values: Any) -> None:
    """Set the article's final ``values`` (status and error) and stamp it processed at ``now``
    (default: the current time): what ``store_quotes`` and ``mark_failed`` have in common."""
    now = now or utcnow()
    update_rows(
        session, ArticleRow, ArticleRow.id == article_id, processed_at=now, updated_at=now, **values
    )


def store_quotes(
    session: Session,
    article_id: str,
    quotes: Iterable[records.Quote | dict[str, Any]],
    *,
    now: datetime | None = None,
) -> None:
    """Replace the article's quotes and mark it done (idempotent)."""
    payload = [q.to_dict() if isinstance(q, records.Quote) else dict(q) for q in quotes]
    _finish(session, article_id, now, status="done", error=None, quotes=payload)


def store_page_text(
    session: Session,
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    published_at: datetime | None = None,
    author: str | None = None,
    now: datetime | None = None,
) -> None:
    """Save the text converted from a submitted page; metadata the client gave is kept."""
    now = now or utcnow()
    update_rows(
        session,
        ArticleRow,
        ArticleRow.id == article_id,
        text=text,
        title=func.coalesce(ArticleRow.title, title),
        published_at=func.coalesce(ArticleRow.published_at, literal(published_at, UTCDateTime())),
        author=func.coalesce(ArticleRow.author, author),
        updated_at=now,
    )


def release_article(
    session: Session, article_id: str, error: str | None = None, *, now: datetime | None = None
) -> None:
    """Put a processing article back to ``queued`` (for a retry), keeping the last error."""
    processing = (ArticleRow.id == article_id) & (ArticleRow.status == "processing")
    update_rows(
        session, ArticleRow, processing, status="queued", error=error, updated_at=now or utcnow()
    )


def mark_failed(
    session: Session, article_id: str, error: str, *, now: datetime | None = None
) -> None:
    """Give up on an article; ``error`` is shown to the client in the story progress."""
    _finish(session, article_id, now, status="failed", error=error[:4000])


def to_record(article: ArticleRow) -> records.Article:
    """The framework-free record the NLP code consumes."""
    return records.Article(
        id=article.id,
        source=article.source,
        text=article.text,
        title=article.title,
        url=article.url,
    )


def to_primary(article: ArticleRow) -> records.PrimarySource:
    """A row submitted with ``primary: true``, as the checker's reference text."""
    fields = to_record(article)
    return records.PrimarySource(
        fields.id, fields.source, fields.text, fields.title, fields.url, article.speaker
    )


def to_extracted(article: ArticleRow) -> records.ExtractedArticle:
    """The record plus stored quotes, as the checker consumes them."""
    return records.ExtractedArticle(
        article=to_record(article),
        quotes=tuple(records.Quote.from_dict(q) for q in article.quotes or ()),
    )


def done_articles(session: Session, story_id: str) -> list[ArticleRow]:
    """A story's extracted articles in submission order."""
    return list(
        session.scalars(
            select(ArticleRow)
            .where(ArticleRow.story_id == story_id, ArticleRow.status == "done")
            .order_by(ArticleRow.created_at, ArticleRow.id)
        )
    )


def story_extracted_articles(session: Session, story_id: str) -> list[records.ExtractedArticle]:
    """A story's articles with their quotes, for ``worker.checker.build_report`` (its primary
    sources are ``story_primaries``)."""
    return [to_extracted(a) for a in done_articles(session, story_id) if not a.is_primary]


def story_primaries(session: Session, story_id: str) -> list[records.PrimarySource]:
    """A story's primary sources, for ``build_report(..., primaries=...)``."""
    return [to_primary(a) for a in done_articles(session, story_id) if a.is_primary]


def stale_article_ids(
    session: Session, older_than: timedelta, *, now: datetime | None = None, limit: int = 500
) -> list[str]:
    """Articles that should have moved on by now: queued or processing, untouched for
    ``older_than``. The reconciler re-enqueues them (broker was down, worker died)."""
    now = now or utcnow()
    rows = session.scalars(
        select(ArticleRow.id)
        .where(
            ArticleRow.status.in_(("queued", "processing")),
            ArticleRow.updated_at < now - older_than,
        )
        .order_by(ArticleRow.updated_at)
        .limit(limit)
    )
    return list(rows)


def requeue_stale(
    session: Session, older_than: timedelta, *, now: datetime | None = None, limit: int = 500
) -> list[str]:
    """Reset stale ``processing`` articles to ``queued`` and return every stale id.

    The caller commits, then enqueues ``quotelens.extract_article`` for each id; because
    ``updated_at`` is bumped, the same article is not re-enqueued again before another
    ``older_than`` has passed.
    """
    now = now or utcnow()
    ids = stale_article_ids(session, older_than, now=now, limit=limit)
    if ids:
        stale = ArticleRow.id.in_(ids) & ArticleRow.status.in_(("queued", "processing"))
        update_rows(session, ArticleRow, stale, status="queued", updated_at=now)
    return ids


def story_article_count(session: Session, story_id: str) -> int:
    """How many articles the story holds (any status)."""
    count = session.scalar(
        select(func.count()).select_from(ArticleRow).where(ArticleRow.story_id == story_id)
    )
    return int(count or 0)
