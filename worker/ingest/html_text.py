"""The article inside a web page: main text and metadata, without the page around it.

News pages wrap a few paragraphs in navigation, share buttons, photo captions, related links,
comment policies and footers (the first seed article still carries "Accessibility links" and
"16x9 Image" from its page). Quote extraction would read those as article text, so the page
is reduced with trafilatura, tuned for precision: comments, tables, images and links are left
out. Paragraphs are separated by blank lines, which the quote finder treats as paragraph
breaks (multi-paragraph quotes), and a first line that only repeats the headline is dropped.

Parsing is bounded in time as well as by the size limits in front of it (``MAX_HTML_BYTES``,
``FETCH_MAX_BYTES``): a hostile page can be built to make the extraction slow, so ``timeout``
arms a real-time timer (``SIGALRM``) that ends the parse with a permanent ``IngestError``. The
timer works in a process's main thread, which is where Celery's prefork pool runs tasks;
elsewhere (a thread pool) only the size limits apply.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import FrameType
from typing import Any

import trafilatura
from trafilatura.settings import Document

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


class _ParseTimeout(Exception):
    """Raised by the alarm handler inside the parse (turned into an ``IngestError``)."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise _ParseTimeout

    # Someone else's alarm (a test runner's timeout) is put back afterwards, less the time used.
    earlier, interval = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, earlier) if earlier else seconds)
    try:
        yield
    except _ParseTimeout:
        raise IngestError(
            f"the page took longer than {seconds:g}s to parse", permanent=True
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if earlier:
            left = max(earlier - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, interval)


def page_text(
    markup: str | bytes, url: str | None = None, *, timeout: float | None = None
) -> PageText:
    """The article text and metadata of an HTML page (``bytes``: encoding detected).

    Raises ``IngestError`` (permanent) when the page holds no article text or its parse takes
    longer than ``timeout`` seconds (see the module docstring).
    """
    with _time_limit(timeout):
        document = _extract(markup, url)
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


def _extract(markup: str | bytes, url: str | None) -> Document | dict[str, Any] | None:
    return trafilatura.bare_extraction(
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
