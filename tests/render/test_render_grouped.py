"""A grouped cluster (a statement carried by many outlets, issue 14): the renderers say which
outlets carry the same words, since those copies are no longer compared pair by pair."""

from __future__ import annotations

from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.checker.matching.renderings import MAX_ALL_PAIRS_QUOTES
from worker.checker.report import Report
from worker.records import Article, ExtractedArticle
from worker.render import render_html, render_text

WIRE = "The Dunmere ferry service will carry 4,000 passengers a day from the spring timetable."
MISQUOTE = "The Dunmere ferry service will carry 9,000 passengers a day from the spring timetable."
OUTLETS = MAX_ALL_PAIRS_QUOTES + 2


def _article(n: int, text: str) -> ExtractedArticle:
    body = f"Ines Varga said “{text}”"
    start = body.index("“") + 1
    quote = quote_record(f"o{n}-q1", text, "Ines Varga", start=start, speaker_type="person")
    return ExtractedArticle(Article(f"o{n}", f"Harbour Post {n}", body), (quote,))


def _report() -> Report:
    return build_report(
        [_article(n, MISQUOTE if n >= OUTLETS - 2 else WIRE) for n in range(OUTLETS)]
    )


def test_grouped_cluster_shape() -> None:
    (cluster,) = _report().clusters
    assert cluster.reference == "o0-q1"
    assert cluster.renderings == [[f"o{OUTLETS - 2}-q1", f"o{OUTLETS - 1}-q1"]]


def test_text_names_the_outlets_with_the_same_words() -> None:
    text = render_text(_report())
    wire = ", ".join(f"Harbour Post {n}" for n in range(OUTLETS - 2))
    assert f"same words (identical) in {OUTLETS - 2} quotes: {wire}" in text
    assert f"same words (identical) in 2 quotes: Harbour Post {OUTLETS - 2}" in text
    assert text.count(": variant, major") == 1


def test_html_names_the_outlets_with_the_same_words() -> None:
    page = render_html(_report())
    assert f"Same words (identical, {OUTLETS - 2} quotes): Harbour Post 0, Harbour Post 1" in page
    assert "How the outlets compare" in page
