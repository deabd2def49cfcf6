"""Articles that arrive as web pages: fetched by URL or submitted as HTML.

The NLP works on plain text with offsets, so a page is first reduced to its article text and
metadata (``html_text``). A URL is fetched by ``fetch``, which applies the same address policy
as webhook delivery (``worker.net``). ``load`` puts the two together for the CLI and the
extraction job. Nothing here touches the database or Celery.
"""

from worker.ingest.errors import IngestError
from worker.ingest.fetch import USER_AGENT, FetchedPage, FetchPolicy, fetch_page
from worker.ingest.html_text import PageText, page_text
from worker.ingest.load import page_from_html, page_from_url

__all__ = [
    "USER_AGENT",
    "FetchPolicy",
    "FetchedPage",
    "IngestError",
    "PageText",
    "fetch_page",
    "page_from_html",
    "page_from_url",
    "page_text",
]
