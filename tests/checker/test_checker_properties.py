"""Invariants of any report, on generated quotes (crashes and broken structure)."""

from __future__ import annotations

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.checker.checker_helpers import article, quote
from worker.checker import build_report
from worker.checker.report import json_schema

WORDS = [
    "we",
    "will",
    "not",
    "raise",
    "taxes",
    "12",
    "twelve",
    "Bridge",
    "the",
    "don't",
    "…",
    "[and]",
    "(and)",
    "colour",
    "color",
    "—",
    "“",
    "”",
    "’s",
    ",",
    ".",
    "Ortega",
    "...",
    "%",
]
texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)
speakers = st.sampled_from([None, "Ana Ortega", "Ortega", "Bob Stone", "White House"])
stories = st.lists(st.lists(st.tuples(texts, speakers), max_size=5), min_size=1, max_size=4)
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


@settings(max_examples=150, deadline=None)
@given(stories)
def test_reports_are_well_formed(story: list[list[tuple[str, str | None]]]) -> None:
    items = [
        article(f"a{n}", *(quote(f"a{n}-q{k}", text, who) for k, (text, who) in enumerate(rows)))
        for n, rows in enumerate(story)
    ]
    report = build_report(items)
    VALIDATOR.validate(report.to_dict())
    article_of = {q.id: a.id for a in report.articles for q in a.quotes}
    clustered = [q for cluster in report.clusters for q in cluster.quotes]
    assert sorted(clustered) == sorted(article_of)
    cluster_of = {q: c.id for c in report.clusters for q in c.quotes}
    for comparison in report.comparisons:
        assert article_of[comparison.a] != article_of[comparison.b]
        assert cluster_of[comparison.a] == cluster_of[comparison.b] == comparison.cluster
        assert (comparison.severity is None) == (comparison.wording != "variant")
    summary = report.summary
    assert (
        summary.corroborated
        + summary.variants
        + summary.speaker_conflicts
        + (summary.single_source)
        == summary.clusters
        == len(report.clusters)
    )
    for cluster in report.clusters:
        assert (cluster.verdict == "single_source") == (len(set(cluster.articles)) == 1)
