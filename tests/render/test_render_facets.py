"""Both facets of a quotation, and its attribution outliers, in the text and HTML reports."""

from __future__ import annotations

from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.checker.report import Report
from worker.records import Article, ExtractedArticle, Quote
from worker.render import render_html, render_text

STATEMENT = "We will not reopen the northern crossing before the spring floods have passed"
ALTERED = STATEMENT.replace("spring", "summer")


def _outlet(source: str, text: str, speaker: str, evidence: str, confidence: float) -> Quote:
    return quote_record(
        f"{source}-q1",
        text,
        speaker,
        speaker_type="person",
        attribution=evidence,
        confidence=confidence,
    )


def _story() -> Report:
    rows = [
        ("harbour-post", STATEMENT, "Oksana Dravic", "adjacent_cue", 0.9),
        ("valley-times", STATEMENT, "Oksana Dravic", "adjacent_cue", 0.9),
        ("east-courier", ALTERED, "Oksana Dravic", "adjacent_cue", 0.9),
        ("metro-daily", STATEMENT, "Pavel Runde", "continuation", 0.5),
    ]
    return build_report(
        [
            ExtractedArticle(Article(source, source, f"“{text}”"), (_outlet(*row),))
            for row in rows
            for source, text in [row[:2]]
        ]
    )


def test_text_report_shows_both_facets_and_the_outlier() -> None:
    lines = render_text(_story()).splitlines()
    assert lines[1] == "  0 corroborated · 1 altered · 0 conflicting · 0 single-source"
    assert lines[2] == (
        "  by facet: 0 same words · 1 altered (1 major) · 0 speaker agreed · "
        "1 with an attribution outlier · 0 speaker in conflict"
    )
    assert "[1] ALTERED (major)  ·  Oksana Dravic" in lines
    assert "    words: variant (major) · speaker: outlier" in lines
    assert (
        "    attribution outlier: metro-daily names Pavel Runde (metro-daily-q1), the others "
        "Oksana Dravic: no cue: the speaker was carried over from an earlier quote; 3 outlets "
        "name Oksana Dravic on strong evidence" in lines
    )


def test_html_report_shows_both_facets_and_the_outlier() -> None:
    page = render_html(_story())
    assert '<span class="badge facets">words: variant (major) · speaker: outlier</span>' in page
    assert "Attribution outliers (probably extraction errors; the verdict stands)" in page
    assert "metro-daily names Pavel Runde (metro-daily-q1)" in page
    assert "<strong>1</strong> with an attribution outlier</li>" in page
