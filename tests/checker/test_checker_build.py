"""Whole reports: clusters, verdicts, speakers, summary, and the seed story."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from tests.checker.checker_helpers import ANN, BOB, article, linked, pair, quote
from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.checker.report import SCHEMA_ID, Report, json_schema

STATEMENT = "We will rebuild the old bridge over the river and the new hospital will open in June"


def validate(report: Report) -> dict[str, Any]:
    data = report.to_dict()
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    return data


def test_speaker_conflict() -> None:
    report = pair(STATEMENT, STATEMENT, ANN, BOB)
    (cluster,) = report.clusters
    assert (cluster.verdict, cluster.speaker) == ("speaker_conflict", ANN)
    (comparison,) = report.comparisons
    assert (comparison.wording, comparison.same_speaker) == ("identical", False)
    assert report.summary.speaker_conflicts == 1
    assert report.summary.corroborated == 0


def test_unknown_speaker_is_not_the_same_and_not_a_conflict() -> None:
    report = pair(STATEMENT, STATEMENT, ANN, None)
    assert report.comparisons[0].same_speaker is False
    assert [c.verdict for c in report.clusters] == ["consistent"]


def test_conflict_outranks_variant() -> None:
    report = build_report(
        [
            article("x", quote("x-q1", STATEMENT, ANN)),
            article("y", quote("y-q1", STATEMENT.replace("June", "July"), ANN)),
            article("z", quote("z-q1", STATEMENT, BOB)),
        ]
    )
    assert [c.verdict for c in report.clusters] == ["speaker_conflict"]
    assert {(c.a, c.b): (c.wording, c.same_speaker) for c in report.comparisons} == {
        ("x-q1", "y-q1"): ("variant", True),
        ("x-q1", "z-q1"): ("identical", False),
        ("y-q1", "z-q1"): ("variant", False),
    }


def test_single_source_quotes_are_their_own_clusters() -> None:
    report = build_report(
        [
            article(
                "x",
                quote("x-q1", STATEMENT),
                quote("x-q2", "a completely different remark about parking fees"),
            ),
            article("y", quote("y-q1", STATEMENT)),
        ]
    )
    assert [(c.id, c.verdict, c.quotes) for c in report.clusters] == [
        ("c1", "consistent", ["x-q1", "y-q1"]),
        ("c2", "single_source", ["x-q2"]),
    ]
    assert report.summary.model_dump() == {
        "articles": 2,
        "quotes": 3,
        "clusters": 2,
        "corroborated": 1,
        "variants": 0,
        "speaker_conflicts": 0,
        "single_source": 1,
        "verified": 0,
        "contradicted": 0,
        "not_found": 0,
        "wording_consistent": 1,
        "wording_variants": 0,
        "major_variants": 0,
        "speakers_agreed": 1,
        "attribution_outliers": 0,
    }
    quotes = report.quotes_by_id()
    assert [quotes[q].cluster for q in ("x-q1", "x-q2", "y-q1")] == ["c1", "c2", "c1"]


def test_quotes_of_one_article_are_never_compared() -> None:
    report = build_report(
        [
            article(
                "x",
                quote("x-q1", STATEMENT),
                quote("x-q2", "the old bridge over the river and the new hospital"),
            ),
            article(
                "y",
                quote(
                    "y-q1", "rebuild the old bridge over the river and the new hospital will open"
                ),
            ),
        ]
    )
    assert linked(report) == {("x-q1", "y-q1"), ("x-q2", "y-q1")}
    assert [c.quotes for c in report.clusters] == [["x-q1", "x-q2", "y-q1"]]


def test_pairs_meeting_through_a_third_quote_are_compared() -> None:
    first_half = "We will rebuild the old bridge over the river"
    second_half = "the old bridge over the river and the new hospital will open in June"
    report = build_report(
        [
            article("x", quote("x-q1", STATEMENT)),
            article("y", quote("y-q1", first_half)),
            article("z", quote("z-q1", second_half)),
        ]
    )
    assert {(c.a, c.b): c.wording for c in report.comparisons} == {
        ("x-q1", "y-q1"): "excerpt",
        ("x-q1", "z-q1"): "excerpt",
        ("y-q1", "z-q1"): "excerpt",
    }


def test_disjoint_pieces_of_one_statement_share_a_cluster_but_are_not_compared() -> None:
    report = build_report(
        [
            article("x", quote("x-q1", STATEMENT)),
            article("y", quote("y-q1", "We will rebuild the old bridge over the river")),
            article("z", quote("z-q1", "the new hospital will open in June")),
        ]
    )
    assert [c.quotes for c in report.clusters] == [["x-q1", "y-q1", "z-q1"]]
    assert linked(report) == {("x-q1", "y-q1"), ("x-q1", "z-q1")}


def test_identical_quote_in_many_articles_compares_every_pair() -> None:
    report = build_report([article(f"a{n}", quote(f"a{n}-q1", STATEMENT)) for n in range(5)])
    assert len(report.comparisons) == 10
    assert {c.wording for c in report.comparisons} == {"identical"}
    # Aligned directly: only the chain joining the copies (n - 1 pairs, see blocking.py); the
    # other pairs are compared as members of the cluster.
    assert (report.stats.candidate_pairs, report.stats.links) == (4, 4)


def test_short_excerpt_found_in_two_unrelated_statements_stays_alone() -> None:
    report = build_report(
        [
            article("x", quote("x-q1", "the main results")),
            article(
                "y", quote("y-q1", "we discussed the main results of the harbour survey today")
            ),
            article("z", quote("z-q1", "the main results of the election surprised everyone here")),
        ]
    )
    assert report.comparisons == []
    assert [c.verdict for c in report.clusters] == ["single_source"] * 3


def test_short_excerpt_prefers_the_single_host_with_the_same_speaker() -> None:
    report = build_report(
        [
            article("x", quote("x-q1", "the main results")),
            article(
                "y", quote("y-q1", "we discussed the main results of the harbour survey today")
            ),
            article(
                "z", quote("z-q1", "the main results of the election surprised everyone here", BOB)
            ),
        ]
    )
    assert linked(report) == {("x-q1", "y-q1")}


def test_cluster_speaker_is_the_most_common_and_text_the_longest() -> None:
    report = build_report(
        [
            article("x", quote("x-q1", "rebuild the old bridge over the river", BOB)),
            article("y", quote("y-q1", STATEMENT, ANN)),
            article("z", quote("z-q1", "We will rebuild the old bridge over the river", ANN)),
        ]
    )
    (cluster,) = report.clusters
    assert (cluster.speaker, cluster.text, cluster.verdict) == (ANN, STATEMENT, "speaker_conflict")
    assert cluster.articles == ["x", "y", "z"]


def test_speakers_are_unified_across_articles() -> None:
    report = build_report(
        [
            article(
                "x", quote("x-q1", STATEMENT, "Donald Trump", mention="U.S. President Donald Trump")
            ),
            article("y", quote("y-q1", STATEMENT, "Trump", mention="Mr. Trump")),
        ]
    )
    (comparison,) = report.comparisons
    assert comparison.same_speaker is True
    assert [q.speaker for a in report.articles for q in a.quotes] == [
        "Donald Trump",
        "Donald Trump",
    ]
    assert [q.reported_speaker for a in report.articles for q in a.quotes] == [
        "Donald Trump",
        "Trump",
    ]
    assert [s.model_dump() for s in report.speakers] == [
        {
            "name": "Donald Trump",
            "aliases": ["Donald Trump", "U.S. President Donald Trump", "Trump", "Mr. Trump"],
            "type": "person",
        }
    ]


def test_empty_story() -> None:
    report = build_report([])
    assert validate(report)["summary"] == {
        "articles": 0,
        "quotes": 0,
        "clusters": 0,
        "corroborated": 0,
        "variants": 0,
        "speaker_conflicts": 0,
        "single_source": 0,
        "verified": 0,
        "contradicted": 0,
        "not_found": 0,
        "wording_consistent": 0,
        "wording_variants": 0,
        "major_variants": 0,
        "speakers_agreed": 0,
        "attribution_outliers": 0,
    }


def test_report_json_validates_against_the_published_schema() -> None:
    report = build_report(
        [
            article("x", quote("x-q1", STATEMENT), quote("x-q2", "great call", "Donald Trump")),
            article(
                "y",
                quote("y-q1", STATEMENT.replace("June", "July"), BOB),
                quote("y-q2", "Great call", "Trump"),
                quote("y-q3", "…", None),
            ),
        ]
    )
    data = validate(report)
    assert data["schema"] == SCHEMA_ID == "quotelens.report/1"
    assert list(data) == [
        "schema",
        "articles",
        "speakers",
        "clusters",
        "comparisons",
        "primary_checks",
        "summary",
        "stats",
    ]
    assert list(data["articles"][0]["quotes"][0])[:7] == [
        "id",
        "text",
        "start",
        "end",
        "speaker",
        "speaker_mention",
        "cue",
    ]
    assert list(data["comparisons"][0])[:6] == [
        "a",
        "b",
        "wording",
        "severity",
        "same_speaker",
        "diff",
    ]
    assert [c["verdict"] for c in data["clusters"]] == [
        "speaker_conflict",
        "consistent",
        "single_source",
    ]


def test_schema_rejects_a_wrong_report() -> None:
    data = pair(STATEMENT, STATEMENT).to_dict()
    data["comparisons"][0]["wording"] = "paraphrase"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)
    data = pair(STATEMENT, STATEMENT).to_dict()
    data["comparisons"][0]["severity"] = "major"  # severity only for variants
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)


def test_from_dict_round_trips_through_json() -> None:
    report = pair(STATEMENT, STATEMENT.replace("June", "July"))
    data = json.loads(json.dumps(report.to_dict()))
    assert Report.from_dict(data) == report
    assert Report.from_dict(data).to_dict() == data


def test_from_dict_rejects_a_wrong_shape() -> None:
    data = pair(STATEMENT, STATEMENT).to_dict()
    data["clusters"][0]["verdict"] = "fine"
    with pytest.raises(ValidationError):
        Report.from_dict(data)
    with pytest.raises(ValidationError):
        Report.from_dict({**data, "schema": "quotelens.report/2"})


def test_documented_example_is_what_the_checker_builds() -> None:
    from pathlib import Path

    from worker.records import Article, ExtractedArticle

    doc = (Path(__file__).parents[2] / "docs" / "report-schema.md").read_text(encoding="utf-8")
    example = json.loads(doc.split("```json", 1)[1].split("```", 1)[0])
    jsonschema.Draft202012Validator(json_schema()).validate(example)
    assert Report.from_dict(example).to_dict() == example
    x = quote_record(
        "x-q1",
        "The economy grew 12 percent this year.",
        "Ana Ortega",
        start=120,
        mention="she",
        speaker_type="person",
        attribution="adjacent_cue",
        confidence=0.9,
    )
    y = quote_record(
        "y-q1",
        "the economy grew 20 percent this year",
        "Ortega",
        start=88,
        cue="told reporters",
        speaker_type="person",
        attribution="adjacent_cue",
        confidence=0.9,
    )
    built = build_report(
        [
            ExtractedArticle(Article("x", "daily-planet", "", title="Mayor on taxes"), (x,)),
            ExtractedArticle(Article("y", "gazette", ""), (y,)),
        ]
    )
    assert built.to_dict() == example
