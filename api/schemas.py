"""Request and response bodies of the API.

Requests forbid unknown fields (``extra="forbid"``), so a typo such as ``txt`` is a 422 and
not a silently ignored field. Limits that depend on settings (batch size, article length) are
checked in the routes, because they are only known at runtime.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from typing import Any, Literal

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)

_HTTP_URL: TypeAdapter[AnyHttpUrl] = TypeAdapter(AnyHttpUrl)


def _http_url(value: str | None) -> str | None:
    """Validate an http(s) URL but keep the client's spelling."""
    if value is None:
        return None
    value = value.strip()
    _HTTP_URL.validate_python(value)
    return value


# Stated in the schema as the pattern below (``NOT_BLANK``), and checked by ``_not_blank`` with
# the same meaning but a clearer message than a pattern mismatch: some character that is not
# white space, and no NUL anywhere (PostgreSQL cannot store it; ``StrictModel`` refuses it).
NOT_BLANK_PATTERN = r"^[^\x00]*[^\s\x00][^\x00]*$"
NOT_BLANK: dict[str, Any] = {"pattern": NOT_BLANK_PATTERN}
_NOT_BLANK = re.compile(NOT_BLANK_PATTERN)


def _not_blank(value: str, what: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL (\\u0000) characters")
    if not _NOT_BLANK.search(value):
        raise ValueError(f"{what} must not be empty or whitespace only")
    return value


# A whole page (doctype or <html> first), or several tags of common elements: plain text that
# merely mentions "<b>" once is not refused.
_HTML_DOCUMENT = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|p|div|span|a|br|hr|article|section|header|footer|nav|main|h[1-6]"
    r"|ul|ol|li|table|tr|td|th|script|style|meta|link|img|em|strong|b|i|blockquote|figure)"
    r"(?:\s[^<>]{0,500})?/?>",
    re.I,
)
HTML_TAGS_FOR_MARKUP = 3


def looks_like_html(value: str) -> bool:
    """Whether ``value`` is markup rather than plain text (a page pasted into ``text``)."""
    if _HTML_DOCUMENT.match(value):
        return True
    tags = itertools.islice(_HTML_TAG.finditer(value), HTML_TAGS_FOR_MARKUP)
    return sum(1 for _ in tags) >= HTML_TAGS_FOR_MARKUP


# An absolute http(s) URL with a host, as ``_http_url`` accepts it (surrounding spaces allowed).
WEBHOOK_URL_PATTERN = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9._~%-]+(:[0-9]{1,5})?([/?#]\S*)?\s*$"


# Example values shared by the documented requests and answers (invented story and outlets).
_STORY_ID = "6f1c2a9e-3b7d-4e58-9a41-2c8d5f0b7e13"
_ARTICLE_ID = "b3e9d4c1-8a2f-4f6e-b5d7-91c0a3e2f486"
_CREATED = "2026-03-14T09:30:00Z"


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text columns; refuse it here instead of failing later.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL (\\u0000) characters")
        return value


class ErrorBody(BaseModel):
    """Shape of every error response."""

    detail: str


class KeyCreate(StrictModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"tenant": "tarnwick-gazette"}]})

    tenant: str = Field(
        min_length=1,
        max_length=200,
        json_schema_extra=NOT_BLANK,
        description="Tenant name (created if new)",
    )

    @field_validator("tenant")
    @classmethod
    def _tenant(cls, value: str) -> str:
        return _not_blank(value, "tenant").strip()


class KeyCreated(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "tenant": "tarnwick-gazette",
                    "prefix": "3fa9c01b",
                    "key": "ql_3fa9c01b_Vq0n6cWm1xT8kZbR4yPj2sLd9eHuA7fG5oQiN3wXrKc",
                    "created_at": _CREATED,
                }
            ]
        }
    )

    id: int
    tenant: str
    prefix: str
    key: str = Field(description="The API key. Shown only once; store it now.")
    created_at: datetime


class KeyInfo(BaseModel):
    """An API key as listed: no secret and no hash, only what tells keys apart."""

    id: int
    tenant: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None = None


class KeyList(BaseModel):
    keys: list[KeyInfo]


class StoryCreate(StrictModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Tarnwick harbour closure",
                    "webhook_url": "https://hooks.example.com/quotelens",
                },
                {"name": "Vellmar council budget vote"},
            ]
        }
    )

    name: str = Field(min_length=1, max_length=300, json_schema_extra=NOT_BLANK)
    webhook_url: str | None = Field(
        default=None,
        min_length=8,
        max_length=2000,
        # Stated in the schema as validated (``_http_url``): an http(s) URL with a host.
        pattern=WEBHOOK_URL_PATTERN,
        description="Receives each new report (Standard Webhooks); a public http(s) URL",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _not_blank(value, "name").strip()

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        return _http_url(value)


class WebhookSecretRotated(BaseModel):
    id: str
    webhook_secret: str = Field(description="The new signing secret (whsec_...); shown once")
    previous_secret_valid_until: datetime = Field(
        description="Until then deliveries are also signed with the previous secret"
    )


class StoryCreated(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": _STORY_ID,
                    "name": "Tarnwick harbour closure",
                    "webhook_url": "https://hooks.example.com/quotelens",
                    "webhook_secret": "whsec_MfKQ9r8GKYqXzGF4ZmQ2dHNrQWxQbk1vN3VJc0VqY1Y=",
                    "created_at": _CREATED,
                }
            ]
        }
    )

    id: str
    name: str
    webhook_url: str | None
    webhook_secret: str = Field(description="Standard Webhooks signing secret (whsec_...)")
    created_at: datetime


class ArticleIn(StrictModel):
    """One article, given as exactly one of ``text``, ``html`` or ``url``.

    A ``url`` alone is fetched by the worker; next to ``text`` or ``html`` it only records
    where the article was published. Pages are converted to text in the worker, never here.
    """

    source: str = Field(
        min_length=1, max_length=300, json_schema_extra=NOT_BLANK, description="Outlet or author"
    )
    title: str | None = Field(default=None, max_length=2000)
    text: str | None = Field(default=None, min_length=1, description="Plain text of the article")
    html: str | None = Field(
        default=None, min_length=1, description="The article's web page; its text is extracted"
    )
    url: str | None = Field(
        default=None,
        max_length=2000,
        description="Alone: the page to fetch. With text or html: where it was published",
    )
    published_at: datetime | None = None
    primary: bool = Field(default=False, description="A primary source (transcript, statement)")
    speaker: str | None = Field(
        default=None, max_length=300, description="Speaker of a primary source"
    )

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        return _not_blank(value, "source").strip()

    @field_validator("text", "html")
    @classmethod
    def _content(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else _not_blank(value, str(info.field_name))

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return _http_url(value)

    @field_validator("text")
    @classmethod
    def _text_not_html(cls, value: str | None) -> str | None:
        # Markup in ``text`` would be extracted as words, tags and all; the worker only strips
        # it for pages sent as ``html``.
        if value is not None and looks_like_html(value):
            raise ValueError(
                "text looks like HTML (it contains markup such as <p> or <html>); send web "
                "pages in the 'html' field so that their text is extracted"
            )
        return value

    @model_validator(mode="after")
    def _one_source(self) -> ArticleIn:
        if (self.text is not None and self.html is not None) or (
            self.text is None and self.html is None and self.url is None
        ):
            raise ValueError(
                "give exactly one of text, html or url (a url next to text or html only "
                "records where the article was published)"
            )
        return self

    @property
    def submitted_as(self) -> Literal["text", "html", "url"]:
        if self.text is not None:
            return "text"
        return "html" if self.html is not None else "url"


class ArticleBatch(StrictModel):
    articles: list[ArticleIn] = Field(min_length=1)


# ``openapi_examples`` of ``POST /v1/stories/{id}/articles``: one per way to give an article.
ARTICLE_BATCH_EXAMPLES: dict[str, Any] = {
    "text": {
        "summary": "Plain text",
        "value": {
            "articles": [
                {
                    "source": "Tarnwick Gazette",
                    "title": "North quay to reopen on Monday",
                    "text": '"The sea wall is repaired and the quay is safe again," harbour '
                    "master Odile Brennack said on Friday.",
                    "url": "https://tarnwick-gazette.example/news/north-quay-reopens",
                    "published_at": "2026-03-13T17:05:00Z",
                }
            ]
        },
    },
    "html": {
        "summary": "A web page (its text is extracted by the worker)",
        "value": {
            "articles": [
                {
                    "source": "Vellmar Courier",
                    "html": "<html><body><article><h1>Quay reopens</h1><p>&ldquo;The quay is "
                    "safe again,&rdquo; Brennack said.</p></article></body></html>",
                }
            ]
        },
    },
    "url": {
        "summary": "Only a URL (the worker fetches the page)",
        "value": {
            "articles": [
                {
                    "source": "Fjord Post",
                    "url": "https://fjord-post.example/2026/03/13/tarnwick-quay",
                }
            ]
        },
    },
    "primary": {
        "summary": "A primary source: a statement with its speaker",
        "value": {
            "articles": [
                {
                    "source": "Tarnwick harbour board",
                    "text": "The sea wall is repaired and the quay is safe again. Ferries "
                    "return with Monday's first tide.",
                    "primary": True,
                    "speaker": "Odile Brennack",
                }
            ]
        },
    },
}


class ArticleAccepted(BaseModel):
    id: str
    source: str
    status: str
    duplicate: bool = Field(
        description="The same source had already submitted the same text to the story (the "
        "same text from another source is a new article, a copy)"
    )


class ArticlesAccepted(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "articles": [
                        {
                            "id": _ARTICLE_ID,
                            "source": "Tarnwick Gazette",
                            "status": "queued",
                            "duplicate": False,
                        }
                    ],
                    "status_url": f"/v1/stories/{_STORY_ID}",
                }
            ]
        }
    )

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": _STORY_ID,
                    "name": "Tarnwick harbour closure",
                    "webhook_url": "https://hooks.example.com/quotelens",
                    "webhook_disabled": False,
                    "articles": {"queued": 0, "processing": 1, "done": 3, "failed": 1},
                    "failures": [
                        {
                            "article_id": _ARTICLE_ID,
                            "source": "Harbour board",
                            "error": "whose statement is this? Give the article's "
                            '"speaker", or speaker labels in the text (...)',
                        }
                    ],
                    "report_version": 2,
                    "created_at": _CREATED,
                }
            ]
        }
    )

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
    submitted_as: Literal["text", "html", "url"]
    author: str | None = Field(description="Byline found on a submitted page")
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
