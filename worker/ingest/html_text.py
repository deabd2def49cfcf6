"""The article inside a web page: main text and metadata, without the page around it.

News pages wrap a few paragraphs in navigation, share buttons, photo captions, related links,
comment policies and footers (the first seed article still carries "Accessibility links" and
"16x9 Image" from its page). Quote extraction would read those as article text, so the page
is reduced with trafilatura, tuned for precision: comments, tables, images and links are left
out. Paragraphs are separated by blank lines, which the quote finder treats as paragraph
breaks (multi-paragraph quotes), and a first line that only repeats the headline is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura

from worker.ingest.errors import IngestError

_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": _DATE_FORMAT}


@dataclass(frozen=True, slots=True)
class PageText:
    """What a page says: headline, article text, publication time (UTC) and byline."""

    title: str | None
    text: str
    published_at: datetime | None
    author: str | None


def _clean(value: str | None) -> str | None:
    flat = " ".join((value or "").split())
    return flat or None


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.strptime(value, _DATE_FORMAT)
    except ValueError:
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _paragraphs(text: str, title: str | None) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [line for line in lines if line]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def page_text(markup: str | bytes, url: str | None = None) -> PageText:
    """The article text and metadata of an HTML page (``bytes``: encoding detected).

    Raises ``IngestError`` (permanent) when the page holds no article text.
    """
    document = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or isinstance(document, dict):
        raise IngestError("no article text found in the page", permanent=True)
    title = _clean(document.title)
    text = _paragraphs(document.text or "", title)
    if not text:
        raise IngestError("no article text found in the page", permanent=True)
    return PageText(
        title=title,
        text=text,
        published_at=_published(document.date),
        author=_clean(document.author),
    )
