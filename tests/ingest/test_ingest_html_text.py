"""A news page becomes its article text and metadata, without the page's boilerplate."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.ingest.pageserver import NEWS_PAGE, PAGES
from worker.ingest import IngestError, PageText, page_text
from worker.nlp import extract_article
from worker.records import Article

BOILERPLATE = [
    "Skip to main content",
    "Local News",
    "Subscribe Today",
    "Breaking News",
    "Share on Facebook",
    "Email this story",
    "Copy link",
    "Volunteers stack sandbags",  # photo caption
    "Photo: Jonas Feld",
    "Related stories",
    "Comment policy",
    "community guidelines",
    "support local journalism",
    "All rights reserved",
    "analytics",
]
QUOTES = [
    "We will not let another storm take this town by surprise,",
    "The money is there, and the engineering is sound,",
    "What we need now is patience from residents while the harbor road is closed.",
    "A wall buys time, it does not buy safety,",
]


@pytest.fixture(scope="module")
def news() -> PageText:
    return page_text(NEWS_PAGE.read_text(encoding="utf-8"))


def test_boilerplate_is_left_out(news: PageText) -> None:
    for phrase in BOILERPLATE:
        assert phrase not in news.text, phrase


def test_article_body_is_kept_in_paragraphs(news: PageText) -> None:
    assert news.text.startswith("The Port Talbin town council voted on Thursday")
    assert news.text.endswith("for up to six months.")
    assert news.text.count("\n\n") == 5  # six paragraphs, blank lines between them
    assert "harbor,\n" not in news.text  # source line breaks inside a paragraph are joined


def test_metadata_comes_from_the_page(news: PageText) -> None:
    assert news.title == "Port Talbin council backs flood wall after storm"
    assert news.author == "Mara Lindqvist"
    assert news.published_at == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    assert not news.text.startswith(news.title)  # the headline is not repeated as text


def test_quotes_are_extracted_from_the_page_text(news: PageText) -> None:
    extracted = extract_article(Article(id="p", source="observer", text=news.text))
    texts = [quote.text for quote in extracted.quotes]
    for quote in QUOTES:
        assert quote in texts
    speakers = {quote.text: quote.speaker for quote in extracted.quotes}
    assert speakers[QUOTES[0]] == "Elena Brandt"
    assert speakers[QUOTES[1]] == "Tomas Vere"
    for quote in extracted.quotes:  # offsets point into the extracted text
        assert news.text[quote.start : quote.end] == quote.text


def test_bytes_are_decoded_with_the_declared_charset() -> None:
    raw = (PAGES / "latin1-statement.html").read_bytes()
    assert "é".encode("latin-1") in raw
    result = page_text(raw)
    assert "The café on the quay will stay open" in result.text
    assert "Småland Street" in result.text
    assert "Press office" not in result.text
    assert result.title == "Statement of the Mayor"


@pytest.mark.parametrize(
    "markup",
    ["", "<html><head><script>var a = 1;</script></head><body> </body></html>", b"\x00\x01"],
)
def test_a_page_without_article_text_is_a_permanent_error(markup: str | bytes) -> None:
    with pytest.raises(IngestError, match="no article text") as caught:
        page_text(markup)
    assert caught.value.permanent


def _slow_page() -> str:
    """About 2 MB of nested sections and paragraphs: seconds of parsing, not milliseconds."""
    paragraph = "<div><section><p>The council of Port Talbin met again on the harbour wall.</p>"
    return "<html><body>" + (paragraph + "</section></div>") * 25_000 + "</body></html>"


def test_a_page_that_parses_too_long_is_stopped_at_the_timeout() -> None:
    import signal
    import time

    markup = _slow_page()
    handler = signal.getsignal(signal.SIGALRM)
    outer, _ = signal.getitimer(signal.ITIMER_REAL)  # pytest-timeout's alarm, when it has one
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"took longer than 0\.3s to parse") as caught:
        page_text(markup, timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert caught.value.permanent
    # The alarm handler and any earlier timer are as they were (less the time used).
    assert signal.getsignal(signal.SIGALRM) is handler
    left, _ = signal.getitimer(signal.ITIMER_REAL)
    assert (left == 0.0) if not outer else (0 < left <= outer)
