"""The real pipeline (spaCy extraction, then the checker) on stories with primary sources.

The gold stories' primaries are described in ``tests/data/gold/README.md``; the two mini
stories under ``tests/data/primary`` were written for this test and are used nowhere else: a
statement by an institution (quoted faithfully, misquoted, and quoted with words it does not
contain) and a news-conference transcript with ``NAME (Title):`` and ``Q:``/``A:`` labels.
Quotes are found by their text, not by extraction's ids, so the test states what a reader
would check by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worker.checker import build_report
from worker.checker.report import Report
from worker.nlp import extract_articles
from worker.nlp.model import load_model
from worker.records import Article, PrimarySource

DATA = Path(__file__).resolve().parents[1] / "data"
KVRTA = "Kessling Valley Regional Transit Authority"
Expected = dict[str, tuple[str, str | None]]


def run(folder: Path, outlets: list[str], primary: str, speaker: str | None) -> Report:
    articles = [Article(name, name, (folder / f"{name}.txt").read_text()) for name in outlets]
    path = folder / primary
    source = PrimarySource(path.stem, path.stem, path.read_text(), speaker=speaker)
    return build_report(extract_articles(articles, load_model()), primaries=[source])


def gold_outlets(story: str) -> list[str]:
    data = json.loads((DATA / "gold" / story / f"{story}.json").read_text())
    return list(data["articles"])


def status_of(report: Report, source: str, text: str) -> tuple[str, str | None]:
    """The primary status of the quote of ``source`` that starts with ``text``."""
    article = next(a for a in report.articles if a.source == source)
    quote = next(q for q in article.quotes if q.text.lstrip("“\"'").startswith(text))
    check = next((c for c in report.primary_checks if c.quote == quote.id), None)
    if check is None:
        return ("unchecked", None)
    return (check.status + ("/misattributed" if check.misattributed else ""), check.severity)


def assert_statuses(
    report: Report, expected: dict[tuple[str, str], tuple[str, str | None]]
) -> None:
    found = {key: status_of(report, *key) for key in expected}
    assert found == expected


@pytest.fixture(scope="module")
def port_talbin() -> Report:
    story = "port-talbin-flood"
    folder = DATA / "gold" / story
    return run(folder, gold_outlets(story), "primary/transcript.txt", None)


@pytest.fixture(scope="module")
def kessling() -> Report:
    story = "kessling-transit-fares"
    folder = DATA / "gold" / story
    return run(folder, gold_outlets(story), "primary/statement.txt", KVRTA)


def test_port_talbin_transcript(port_talbin: Report) -> None:
    verified = ("verified", None)
    assert_statuses(
        port_talbin,
        {
            ("harbor-herald", "No one has died"): verified,
            ("harbor-herald", "The port will reopen, but not before spring"): verified,
            ("harbor-herald", "Frankly, no."): verified,
            ("harbor-herald", "I’ve heard that"): verified,
            ("wire-service", "Some of them will, for a while"): verified,
            ("wire-service", "closer to $40 million"): verified,
            ("coastal-observer", "Our firefighters"): verified,  # with an ellipsis
            ("capitol-report", "Today is about people"): verified,
            ("daily-ledger", "Not today."): verified,
            # The deliberate misquotes (gold README).
            ("daily-ledger", "We will rebuild the sea wall"): ("contradicted", "minor"),
            ("daily-ledger", "The port will reopen, but not before summer"): (
                "contradicted",
                "major",
            ),
            ("coastal-observer", "The emergency fund"): ("contradicted", "major"),
            ("coastal-observer", "He has promised us"): ("contradicted", "major"),
            # Ortega's words credited to Gov. Pell.
            ("capitol-report", "We will rebuild the sea wall"): ("verified/misattributed", None),
            # Other speakers' quotes are not in the transcript and are not checked.
            ("wire-service", "We will rebuild, and this time"): ("unchecked", None),
            ("harbor-herald", "The water was at my knees"): ("unchecked", None),
        },
    )


def test_port_talbin_every_ortega_and_halvorsen_quote_is_accounted_for(port_talbin: Report) -> None:
    summary = port_talbin.summary
    assert (summary.verified, summary.contradicted, summary.not_found) == (33, 4, 0)
    kinds = {
        check.quote: [op.kind for op in check.diff if op.op != "equal"]
        for check in port_talbin.primary_checks
        if check.status == "contradicted"
    }
    assert sorted(map(tuple, kinds.values())) == sorted(
        [("contraction",), ("content",), ("number",), ("negation",)]
    )


def test_port_talbin_clusters_name_the_outlet_the_original_bears_out(port_talbin: Report) -> None:
    quotes = port_talbin.quotes_by_id()
    cluster = next(
        c for c in port_talbin.clusters if quotes[c.quotes[0]].text.startswith("The port will")
    )
    assert (cluster.verdict, cluster.primary_status) == ("variant", "contradicted")
    assert cluster.primary_note == (
        "The primary source (transcript) settles the wording: matches harbor-herald, "
        "wire-service; differs from daily-ledger (major change)."
    )


def test_kessling_statement(kessling: Report) -> None:
    assert_statuses(
        kessling,
        {
            ("kessling-courier", "Ridership has recovered"): ("verified", None),
            ("kessling-courier", "together carry fewer"): ("verified", None),
            ("metro-wire", "This is the first fare increase"): ("verified", None),
            ("metro-wire", "twice the federal poverty level"): ("verified", None),
            ("transit-times", "every household earning"): ("verified", None),
            ("valley-voice", "has recovered to 82 percent"): ("contradicted", "major"),
            ("valley-voice", "difficult, but they were necessary"): ("contradicted", "minor"),
            ("valley-voice", "We recognize that any increase"): ("verified/misattributed", None),
            ("metro-wire", "The state has increased"): ("unchecked", None),
        },
    )
    assert (kessling.summary.verified, kessling.summary.contradicted) == (10, 2)


def test_mini_story_statement_quoted_by_three_outlets() -> None:
    folder = DATA / "primary" / "brenmoor-water"
    outlets = ["brenmoor-gazette", "river-times", "east-end-news"]
    report = run(folder, outlets, "statement.txt", "Brenmoor Water Board")
    assert_statuses(
        report,
        {
            ("brenmoor-gazette", "tests at all 14"): ("verified", None),
            ("brenmoor-gazette", "We apologize"): ("verified", None),
            ("river-times", "Tests at all 14"): ("contradicted", "major"),
            ("river-times", "an independent review"): ("verified", None),
            ("east-end-news", "crews worked around the clock"): ("not_found", None),
            ("east-end-news", "will credit every account"): ("verified", None),
            ("brenmoor-gazette", "We boiled water"): ("unchecked", None),
            ("river-times", "This board waited"): ("unchecked", None),
        },
    )


def test_mini_story_transcript_with_question_and_answer_labels() -> None:
    folder = DATA / "primary" / "northfield-measles"
    outlets = ["northfield-herald", "county-courier", "valley-online"]
    report = run(folder, outlets, "transcript.txt", None)
    assert_statuses(
        report,
        {
            ("northfield-herald", "We have confirmed six cases"): ("verified", None),
            ("northfield-herald", "would not stop this outbreak"): ("verified", None),  # A: turn
            ("northfield-herald", "Every school will stay open"): ("verified", None),
            ("county-courier", "None of them is in hospital"): ("verified", None),
            ("county-courier", "The clinics at Eastgate"): ("contradicted", "major"),
            ("county-courier", "will work from home"): ("verified", None),  # A: after Hale
            ("valley-online", "We are asking parents"): ("verified/misattributed", None),
            ("valley-online", "This is the largest outbreak"): ("not_found", None),
        },
    )
