"""A submitted web page, by markup or by address, as article text and metadata.

The two entry points the CLI and the extraction job share, so a page reads the same whether
it was saved to disk, posted as ``html`` or fetched from its ``url``.
"""

from __future__ import annotations

import httpx

from worker.ingest.fetch import FetchPolicy, fetch_page
from worker.ingest.html_text import PageText, page_text
from worker.net.addresses import Resolver


def page_from_html(
    markup: str | bytes, url: str | None = None, *, timeout: float | None = None
) -> PageText:
    """The article in ``markup``; ``url`` (where it was published) helps metadata detection.
    ``timeout`` bounds the parse (seconds)."""
    return page_text(markup, url=url, timeout=timeout)


def page_from_url(
    url: str,
    policy: FetchPolicy,
    *,
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
    timeout: float | None = None,
) -> PageText:
    """Fetch ``url`` under ``policy`` and extract its article (``IngestError`` on failure);
    ``timeout`` bounds the parse (the fetch has its own deadline in ``policy``)."""
    fetched = fetch_page(url, policy, resolver=resolver, transport=transport)
    return page_text(fetched.markup(), url=fetched.final_url, timeout=timeout)
