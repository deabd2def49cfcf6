"""The terminal renderer on a report with a primary source."""

from __future__ import annotations

from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.checker.report import Report
from worker.records import Article, ExtractedArticle, PrimarySource
from worker.render import render_text

STATEMENT = "We will credit every account with one month of service charges."


def _article(aid: str, text: str, speaker: str = "the water board") -> ExtractedArticle:
    quote = quote_record(f"{aid}-q1", text, speaker, speaker_type="organization")
    return ExtractedArticle(Article(aid, aid.title(), f"“{text}”"), (quote,))


def report() -> Report:
    primary = PrimarySource("board", "statement", STATEMENT, speaker="Water Board")
    return build_report(
        [
            _article("x", "we will credit every account with one month of service charges"),
            _article("y", "we will credit every account with two months of service charges"),
            _article("z", "Crews worked around the clock to flush every main"),
        ],
        primaries=[primary],
    )


def test_primary_status_in_the_summary_clusters_and_single_sources() -> None:
    lines = render_text(report(), color=False).splitlines()
    assert lines[2] == "  against primary sources: 1 verified · 1 contradicted · 1 not found"
    assert any(line.endswith("(x-q1)  [verified]") for line in lines)
    assert any(line.endswith("(y-q1)  [contradicted, major]") for line in lines)
    assert (
        "    primary: The primary source (statement) settles the wording: matches X; "
        "differs from Y (major change)." in lines
    )
    assert "    y-q1 (Y) vs primary source: major (number)" in lines
    assert (
        "      We will credit every account with [-two months-]{+one month+} of service charges"
        in lines
    )
    assert lines[-1].endswith("“Crews worked around the clock to flush every main”  [not found]")


def test_a_report_without_primary_sources_has_no_primary_lines() -> None:
    text = render_text(
        build_report([_article("x", STATEMENT), _article("y", STATEMENT)]), color=False
    )
    assert "primary" not in text
