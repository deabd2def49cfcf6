"""The relational schema of the service (SQLAlchemy 2 typed ORM).

The database holds all state; Redis only carries task messages. Every table the API and the
workers share is declared here, and ``migrations/`` turns it into DDL. Identifiers that appear in
URLs (stories, articles, deliveries) are random UUID strings so they reveal nothing about other
tenants; internal tables use integer keys.

A table whose concept the core also has as a record (``worker.records.Article``,
``worker.checker.report.Report``) takes the suffix ``Row`` (``ArticleRow``, ``StoryRow``,
``ReportRow``), so a reader never mistakes a database row for the checker's value.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar, Literal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from worker.storage.secretbox import EncryptedText
from worker.storage.types import UTCDateTime, utcnow

ArticleStatus = Literal["queued", "processing", "done", "failed"]
ARTICLE_STATUSES: tuple[ArticleStatus, ...] = ("queued", "processing", "done", "failed")

DeliveryStatus = Literal["pending", "succeeded", "failed", "disabled"]
DELIVERY_STATUSES: tuple[DeliveryStatus, ...] = ("pending", "succeeded", "failed", "disabled")

# Deterministic constraint names so that migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A fresh public identifier."""
    return str(uuid.uuid4())


def is_public_id(value: str) -> bool:
    """Whether ``value`` could be an id made by ``new_id`` (canonical UUID text).

    Lookups by a client-supplied id check this first: anything else cannot match a row, and
    some values (NUL characters) make PostgreSQL refuse the query instead of finding nothing.
    """
    if len(value) != 36:
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


class Base(DeclarativeBase):
    """Declarative base with the shared metadata and type map."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[dict[str, Any]]: JSON(),
    }


class Tenant(Base):
    """A customer; every story belongs to exactly one tenant."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    """A bearer key; only its SHA-256 is stored, the prefix lets people tell keys apart."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    prefix: Mapped[str] = mapped_column(String(32))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)

    tenant: Mapped[Tenant] = relationship(lazy="joined")


class StoryRow(Base):
    """A set of articles checked together; owns the webhook and the report version counter.

    The webhook secrets are stored encrypted (``EncryptedText``); ``webhook_secret_previous``
    is the secret replaced by the last rotation, still used to sign deliveries for
    ``WEBHOOK_SECRET_ROTATION_HOURS`` after ``webhook_secret_rotated_at``.
    """

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    webhook_url: Mapped[str | None] = mapped_column(Text, default=None)
    # Deferred: only the code that signs or hands out a secret loads (and decrypts) it.
    webhook_secret: Mapped[str] = mapped_column(EncryptedText(), deferred=True)
    webhook_secret_previous: Mapped[str | None] = mapped_column(
        EncryptedText(), default=None, deferred=True
    )
    webhook_secret_rotated_at: Mapped[datetime | None] = mapped_column(default=None)
    webhook_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    report_version: Mapped[int] = mapped_column(Integer, default=0)
    check_requested_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ArticleRow(Base):
    """A submitted article and, once extracted, its quotes.

    ``quotes`` holds ``Quote.to_dict()`` values and is replaced as a whole, so re-running an
    extraction never duplicates quotes. ``(story_id, source_key, content_hash)`` is unique: the
    same text submitted twice by one source is one article, but the same wire copy under two
    mastheads is two (an article is an outlet's publication, not only its words; the report marks
    them as copies). ``source_key`` is the source as compared (``articles.source_key``).

    ``submitted_as`` says what the client sent: ``text``, an ``html`` page (kept in ``html``)
    or a ``url`` to fetch (the ``url`` column). A page's ``text`` stays empty until the
    extraction job has converted it (``worker.jobs.ingest``); ``content_hash`` then stays the
    hash of what was submitted.
    """

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("story_id", "source_key", "content_hash"),
        CheckConstraint(
            "status IN ('queued', 'processing', 'done', 'failed')", name="article_status"
        ),
        CheckConstraint("submitted_as IN ('text', 'html', 'url')", name="article_submitted_as"),
        Index("ix_articles_status_updated_at", "status", "updated_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(300))
    source_key: Mapped[str] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text, default=None)
    url: Mapped[str | None] = mapped_column(Text, default=None)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    speaker: Mapped[str | None] = mapped_column(String(300), default=None)
    text: Mapped[str] = mapped_column(Text)
    submitted_as: Mapped[str] = mapped_column(String(8), default="text", server_default="text")
    html: Mapped[str | None] = mapped_column(Text, default=None)
    author: Mapped[str | None] = mapped_column(Text, default=None)
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    quotes: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(default=None)


class ReportRow(Base):
    """One version of a story's check report; versions only grow."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("story_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]] = mapped_column()
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Delivery(Base):
    """One webhook message (a report version for a story) and its retry state.

    ``webhook_id`` is the Standard Webhooks ``msg_...`` id, identical on every retry so that
    receivers can deduplicate. Retries are scheduled through ``next_attempt_at`` in the
    database rather than as broker countdowns.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("story_id", "report_version"),
        CheckConstraint(
            "status IN ('pending', 'succeeded', 'failed', 'disabled')", name="delivery_status"
        ),
        Index("ix_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    report_version: Mapped[int] = mapped_column(Integer)
    webhook_id: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    last_status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    attempt_log: Mapped[list[DeliveryAttempt]] = relationship(
        order_by="DeliveryAttempt.id", cascade="all, delete-orphan", passive_deletes=True
    )


class DeliveryAttempt(Base):
    """One HTTP attempt of a delivery, kept for the deliveries listing."""

    __tablename__ = "delivery_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[str] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE"), index=True
    )
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    duration_ms: Mapped[int | None] = mapped_column(Integer, default=None)


class IdempotencyKey(Base):
    """A stored response for a client's ``Idempotency-Key`` (per tenant)."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("tenant_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]] = mapped_column()
    status_code: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ShareLink(Base):
    """A read-only link to a story's report page for people without an API key.

    Only the SHA-256 of the link's token is stored (like API keys): a database leak gives no
    working links. A link stops working at ``expires_at`` or when revoked (``revoked_at``).
    """

    __tablename__ = "share_links"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
