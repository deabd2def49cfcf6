"""Request and response bodies of the API.

Requests forbid unknown fields (``extra="forbid"``), so a typo such as ``txt`` is a 422 and
not a silently ignored field. Limits that depend on settings (batch size, article length) are
checked in the routes, because they are only known at runtime.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, TypeAdapter, field_validator

_HTTP_URL: TypeAdapter[AnyHttpUrl] = TypeAdapter(AnyHttpUrl)


def _http_url(value: str | None) -> str | None:
    """Validate an http(s) URL but keep the client's spelling."""
    if value is None:
        return None
    value = value.strip()
    _HTTP_URL.validate_python(value)
    return value


def _not_blank(value: str, what: str) -> str:
    if not value.strip():
        raise ValueError(f"{what} must not be empty or whitespace only")
    return value


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    """Shape of every error response."""

    detail: str


class KeyCreate(StrictModel):
    tenant: str = Field(min_length=1, max_length=200, description="Tenant name (created if new)")

    @field_validator("tenant")
    @classmethod
    def _tenant(cls, value: str) -> str:
        return _not_blank(value, "tenant").strip()


class KeyCreated(BaseModel):
    id: int
    tenant: str
    prefix: str
    key: str = Field(description="The API key. Shown only once; store it now.")
    created_at: datetime


class StoryCreate(StrictModel):
    name: str = Field(min_length=1, max_length=300)
    webhook_url: str | None = Field(
        default=None, max_length=2000, description="Receives each new report (Standard Webhooks)"
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _not_blank(value, "name").strip()

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        return _http_url(value)


class StoryCreated(BaseModel):
    id: str
    name: str
    webhook_url: str | None
    webhook_secret: str = Field(description="Standard Webhooks signing secret (whsec_...)")
    created_at: datetime


class ArticleIn(StrictModel):
    source: str = Field(min_length=1, max_length=300, description="Outlet or author")
    title: str | None = Field(default=None, max_length=2000)
    text: str = Field(min_length=1, description="Plain text of the article")
    url: str | None = Field(default=None, max_length=2000)
    published_at: datetime | None = None
    primary: bool = Field(default=False, description="A primary source (transcript, statement)")
    speaker: str | None = Field(
        default=None, max_length=300, description="Speaker of a primary source"
    )

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        return _not_blank(value, "source").strip()

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return _not_blank(value, "text")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return _http_url(value)


class ArticleBatch(StrictModel):
    articles: list[ArticleIn] = Field(min_length=1)


class ArticleAccepted(BaseModel):
    id: str
    source: str
    status: str
    duplicate: bool = Field(description="The same text was already in the story")


class ArticlesAccepted(BaseModel):
    articles: list[ArticleAccepted]
    status_url: str


class ArticleCounts(BaseModel):
    queued: int
    processing: int
    done: int
    failed: int


class ArticleFailure(BaseModel):
    article_id: str
    source: str
    error: str | None


class StoryStatus(BaseModel):
    id: str
    name: str
    webhook_url: str | None
    webhook_disabled: bool
    articles: ArticleCounts
    failures: list[ArticleFailure]
    report_version: int
    created_at: datetime


class StorySummary(BaseModel):
    id: str
    name: str
    report_version: int
    created_at: datetime


class StoryList(BaseModel):
    stories: list[StorySummary]


class ArticleOut(BaseModel):
    id: str
    story_id: str
    source: str
    title: str | None
    url: str | None
    published_at: datetime | None
    primary: bool
    speaker: str | None
    status: Literal["queued", "processing", "done", "failed"]
    attempts: int
    error: str | None
    quotes: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime
    processed_at: datetime | None


class DeliveryAttemptOut(BaseModel):
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int | None


class DeliveryOut(BaseModel):
    id: str
    story_id: str
    report_version: int
    webhook_id: str
    status: Literal["pending", "succeeded", "failed", "disabled"]
    attempt_count: int
    next_attempt_at: datetime | None = Field(description="Next retry (pending deliveries)")
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    attempts: list[DeliveryAttemptOut]


class DeliveryList(BaseModel):
    deliveries: list[DeliveryOut]


class HealthStatus(BaseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)
