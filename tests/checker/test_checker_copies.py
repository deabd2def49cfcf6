"""Wire copies: the same text under two mastheads is two articles, marked as copies (no spaCy)."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema

from tests.checker.checker_helpers import quote
from worker.checker import build_report
from worker.checker.copies import Copies, find_copies
from worker.checker.report import Report, json_schema
from worker.records import Article, ExtractedArticle, PrimarySource

WIRE = (
    "PORT TALBIN (Wire) - The sea wall will be rebuilt by spring, the mayor said on Tuesday.\n\n"
    '"We will rebuild the sea wall, and this time it will hold," Mayor Ana Ortega said.'
)
SAID = "We will rebuild the sea wall, and this time it will hold,"


def outlet(aid: str, source: str, text: str, said: str = SAID) -> ExtractedArticle:
    start = text.index(said)
    q = replace(quote(f"{aid}-q1", said, "Ana Ortega"), start=start, end=start + len(said))
    return ExtractedArticle(Article(aid, source, text), (q,))


def wire_story() -> Report:
    other = WIRE.replace("PORT TALBIN (Wire)", "PORT TALBIN").replace("will hold", "will stand")
    return build_report(
        [
            outlet("h", "harbor-herald", WIRE),
            outlet("c", "coast-daily", "  " + WIRE.replace("\n\n", "\n") + "\n"),
            outlet("o", "observer", other, SAID.replace("will hold", "will stand")),
        ]
    )


def test_a_wire_copy_under_two_mastheads_is_two_articles_marked_as_copies() -> None:
    report = wire_story()
    marks = {a.id: (a.source, a.copy_of, a.copies) for a in report.articles}
    assert marks == {
        "h": ("harbor-herald", None, ["c"]),
        "c": ("coast-daily", "h", ["h"]),
        "o": ("observer", None, []),
    }
    data = report.to_dict()
    assert {"copy_of", "copies"} <= set(data["articles"][0])
    assert not {"copy_of", "copies"} & set(data["articles"][2])


def test_copies_are_two_outlets_agreeing_and_nothing_more() -> None:
    report = wire_story()
    (cluster,) = report.clusters
    assert cluster.quotes == ["h-q1", "c-q1", "o-q1"]
    assert cluster.verdict == "variant"  # the observer changed a word; no speaker conflict
    wording = {(c.a, c.b): (c.wording, c.severity) for c in report.comparisons}
    assert wording == {
        ("h-q1", "c-q1"): ("identical", None),
        ("h-q1", "o-q1"): ("variant", "major"),
        ("c-q1", "o-q1"): ("variant", "major"),
    }
    assert (report.summary.articles, report.summary.quotes, report.summary.clusters) == (3, 3, 1)


def test_a_primary_source_with_an_outlet_s_text_is_not_a_copy() -> None:
    report = build_report(
        [outlet("h", "harbor-herald", WIRE)],
        primaries=[PrimarySource("p", "statement", WIRE, speaker="Ana Ortega")],
    )
    marks = {a.id: (a.primary, a.copy_of, a.copies) for a in report.articles}
    assert marks == {"h": (False, None, []), "p": (True, None, [])}


def test_empty_texts_are_not_copies() -> None:
    found = find_copies(
        [
            Article("a", "herald", WIRE),
            Article("x", "one", ""),
            Article("y", "two", "  \n"),
            Article("b", "daily", WIRE),
            Article("d", "gazette", WIRE),
        ]
    )
    assert found == {
        "a": Copies(None, ("b", "d")),
        "b": Copies("a", ("a", "d")),
        "d": Copies("a", ("a", "b")),
    }


def test_reports_with_copies_follow_the_schema_and_round_trip() -> None:
    report = wire_story()
    data = json.loads(json.dumps(report.to_dict()))
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Report.from_dict(data) == report
    assert Report.from_dict(data).to_dict() == data
