"""Turning a page submitted by ``html`` or ``url`` into article text, inside the worker.

The API only stores what the client sent; conversion and fetching happen here, right before
extraction, so the API never parses HTML or opens connections to client-chosen addresses, and
a slow site holds up a worker, not a request. The converted text is saved before extraction
runs, so a retry after an extraction failure does not fetch the page again. Failures raise
``IngestError``; its ``permanent`` flag tells the extraction job whether to retry.
"""

from __future__ import annotations

import httpx

from worker import records
from worker.ingest import FetchPolicy, IngestError, PageText, page_from_html, page_from_url
from worker.net.addresses import Resolver
from worker.settings import Settings
from worker.storage import articles as article_repo
from worker.storage.db import session_scope


def needs_page_text(submitted_as: str, text: str) -> bool:
    """A page whose text has not been extracted yet (text submissions never need it)."""
    return submitted_as != "text" and not text


def _page(
    submitted_as: str,
    html: str | None,
    url: str | None,
    settings: Settings,
    resolver: Resolver | None,
    transport: httpx.BaseTransport | None,
) -> PageText:
    parse_timeout = settings.html_parse_timeout_seconds
    if submitted_as == "html":
        return page_from_html(html or "", url=url, timeout=parse_timeout)
    if not url:
        raise IngestError("the article was submitted by URL but has none", permanent=True)
    policy = FetchPolicy.from_settings(settings)
    return page_from_url(url, policy, resolver=resolver, transport=transport, timeout=parse_timeout)


def prepare_article(
    record: records.Article,
    settings: Settings,
    *,
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
) -> records.Article:
    """``record`` with its text: converted (and saved) first if it was submitted as a page."""
    if record.text:
        return record  # submitted as text, or converted by an earlier attempt
    database_url = settings.database_url
    with session_scope(database_url) as session:
        row = article_repo.get_article(session, record.id)
        if row is None or not needs_page_text(row.submitted_as, row.text):
            return record
        submitted_as, html, url = row.submitted_as, row.html, row.url

    page = _page(submitted_as, html, url, settings, resolver, transport)
    if len(page.text) > settings.max_article_chars:
        raise IngestError(
            f"the page's article text is longer than {settings.max_article_chars} characters",
            permanent=True,
        )
    with session_scope(database_url) as session:
        article_repo.store_page_text(
            session,
            record.id,
            page.text,
            title=page.title,
            published_at=page.published_at,
            author=page.author,
        )
        row = article_repo.get_article(session, record.id)
        if row is None:
            raise LookupError(f"article {record.id} disappeared")
        return article_repo.to_record(row)
