"""Bodies of the article routes: an article as submitted (text, page or URL) and as stored."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from api.schemas.common import (
    EXAMPLE_ARTICLE_ID,
    EXAMPLE_STORY_ID,
    NOT_BLANK,
    Name,
    StrictModel,
    examples,
    http_url,
    not_blank,
)

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


class ArticleIn(StrictModel):
    """One article, given as exactly one of ``text``, ``html`` or ``url``.

    A ``url`` alone is fetched by the worker; next to ``text`` or ``html`` it only records
    where the article was published. Pages are converted to text in the worker, never here.
    """

    source: Name = Field(
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

    @field_validator("text", "html")
    @classmethod
    def _content(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else not_blank(value, str(info.field_name))

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return http_url(value)

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
    model_config = examples(
        {
            "articles": [
                {
                    "id": EXAMPLE_ARTICLE_ID,
                    "source": "Tarnwick Gazette",
                    "status": "queued",
                    "duplicate": False,
                }
            ],
            "status_url": f"/v1/stories/{EXAMPLE_STORY_ID}",
        }
    )

    articles: list[ArticleAccepted]
    status_url: str


class ArticleOut(BaseModel):
    # Read from the stored row: ``ArticleOut.model_validate(row)``.
    model_config = ConfigDict(from_attributes=True)

    id: str
    story_id: str
    source: str
    title: str | None
    url: str | None
    published_at: datetime | None
    # The row's ``is_primary``; ``primary`` too, as FastAPI validates the dumped answer again.
    primary: bool = Field(validation_alias=AliasChoices("is_primary", "primary"))
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
