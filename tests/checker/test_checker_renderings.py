"""A statement carried by many outlets: identical renderings grouped, the report linear (issue 14).

The wire story here is invented: each outlet runs the same statements of an imaginary port
authority, and a few outlets change a word (a figure, a negation), as misquotes do.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

import jsonschema

from tests.checker.checker_helpers import article, quote
from worker.checker import build_report
from worker.checker.matching.renderings import MAX_ALL_PAIRS_QUOTES, MAX_EVERY_PAIR_COMPARISONS
from worker.checker.report import Report, json_schema
from worker.records import ExtractedArticle, PrimarySource, Quote

_SYLLABLES = ("ka", "vel", "mo", "ran", "dri", "sto", "pel", "wyn", "tor", "ba", "quil", "se")
_SPEAKERS = ("Mira Okonde", "Tomas Reyval", "Edda Wrenfeld")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(3))


def statement(n: int) -> str:
    """An invented statement, its words its own (seeded by ``n``), with a job figure that a
    misquote can change."""
    rng = random.Random(n)
    head = " ".join(_word(rng) for _ in range(6))
    tail = " ".join(_word(rng) for _ in range(5))
    return f"{head.capitalize()} expect {n * 7 + 40} {tail}"


Change = Callable[[int, int, str], str]


def unchanged(outlet: int, n: int, text: str) -> str:
    return text


def figure_changed_by_outlet_three(outlet: int, n: int, text: str) -> str:
    """Outlet 3 misreports every statement's job figure; the others run the wire text."""
    if outlet != 3:
        return text
    return text.replace(f"expect {n * 7 + 40}", f"expect {n * 7 + 90}")


def wire_story(outlets: int, statements: int, change: Change = unchanged) -> list[ExtractedArticle]:
    story = []
    for outlet in range(outlets):
        quotes = [
            quote(
                f"o{outlet}-q{n + 1}",
                change(outlet, n, statement(n)),
                _SPEAKERS[n % len(_SPEAKERS)],
            )
            for n in range(statements)
        ]
        story.append(article(f"o{outlet}", *quotes, source=f"outlet-{outlet}"))
    return story


def test_comparisons_grow_linearly_with_the_outlets() -> None:
    statements = 12
    few = build_report(wire_story(5, statements, figure_changed_by_outlet_three))
    many = build_report(wire_story(20, statements, figure_changed_by_outlet_three))
    assert few.summary.clusters == many.summary.clusters == statements
    # Every pair would be 10 per statement with 5 outlets and 190 with 20 (19x).
    assert len(many.comparisons) <= 4.5 * len(few.comparisons)
    assert len(many.comparisons) <= many.summary.quotes
    doubled = build_report(wire_story(40, statements, figure_changed_by_outlet_three))
    assert len(doubled.comparisons) <= 2.25 * len(many.comparisons)


def test_grouped_cluster_names_the_reference_and_the_other_renderings() -> None:
    report = build_report(wire_story(12, 3, figure_changed_by_outlet_three))
    data = report.to_dict()
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    for cluster in report.clusters:
        assert len(cluster.quotes) == 12
        # The wire text (11 outlets) is the reference; outlet 3's figure is the one other
        # rendering, and its copies are not compared one by one.
        assert cluster.reference is not None and cluster.reference.startswith("o0-")
        assert [[q.split("-")[0] for q in group] for group in cluster.renderings] == [["o3"]]
        mine = [c for c in report.comparisons if c.cluster == cluster.id]
        assert [(c.a, c.b) for c in mine] == [(cluster.reference, cluster.renderings[0][0])]
        assert mine[0].wording == "variant" and mine[0].severity == "major"
        assert cluster.verdict == "variant" and cluster.wording_severity == "major"
    assert len(report.comparisons) == 3
    # Compact: the report of 36 quotes has 3 diffs, not 198.
    assert all("renderings" in c for c in data["clusters"])


def test_identical_copies_leave_no_other_rendering() -> None:
    report = build_report(wire_story(10, 2))
    for cluster in report.clusters:
        assert cluster.verdict == "consistent"
        assert cluster.reference is not None and cluster.renderings == []
    assert report.comparisons == []
    data = report.to_dict()
    assert all("renderings" not in c and "reference" in c for c in data["clusters"])
    assert Report.from_dict(json.loads(report.to_json())) == report


def test_a_small_cluster_still_lists_every_pair() -> None:
    outlets = 4
    assert outlets <= MAX_ALL_PAIRS_QUOTES
    report = build_report(wire_story(outlets, 2, figure_changed_by_outlet_three))
    assert len(report.comparisons) == 2 * outlets * (outlets - 1) // 2
    for cluster in report.to_dict()["clusters"]:
        assert "reference" not in cluster and "renderings" not in cluster


def test_a_large_story_groups_its_small_clusters_too() -> None:
    """4 outlets x 400 statements: 2,400 pairs of identical copies would be listed."""
    statements = 400
    assert statements * 6 > MAX_EVERY_PAIR_COMPARISONS
    report = build_report(wire_story(4, statements, figure_changed_by_outlet_three))
    assert report.summary.clusters == statements
    assert all(cluster.reference is not None for cluster in report.clusters)
    assert len(report.comparisons) == statements
    assert {c.wording for c in report.comparisons} == {"variant"}


def _primary(text: str, speaker: str) -> PrimarySource:
    return PrimarySource(id="authority", source="port-authority", text=text, speaker=speaker)


def test_the_primary_source_decides_the_reference() -> None:
    """Most outlets run a wrong figure; the rendering the statement bears out is the reference."""

    def most_wrong(outlet: int, n: int, text: str) -> str:
        return text if outlet < 3 else figure_changed_by_outlet_three(3, n, text)

    story = wire_story(10, 1, most_wrong)
    speaker = story[0].quotes[0].speaker
    assert speaker is not None
    report = build_report(story, primaries=[_primary(statement(0) + ".", speaker)])
    (cluster,) = report.clusters
    assert cluster.reference == "o0-q1"
    assert [group[0] for group in cluster.renderings] == ["o3-q1"]
    assert len(cluster.renderings[0]) == 7


def test_a_rendering_apart_from_the_reference_keeps_its_direct_link() -> None:
    """Two halves of a statement are compared with the whole, not with each other: a third
    rendering that only links to one half still gets a comparison."""
    full = statement(1)
    words = full.split()
    first, second = " ".join(words[:10]), " ".join(words[8:])
    story = [article(f"w{n}", quote(f"w{n}-q1", full, "Mira Okonde")) for n in range(7)] + [
        article("h1", quote("h1-q1", first, "Mira Okonde")),
        article("h2", quote("h2-q1", second, "Mira Okonde")),
    ]
    report = build_report(story)
    (cluster,) = report.clusters
    assert cluster.reference == "w0-q1"
    pairs = {(c.a, c.b) for c in report.comparisons}
    assert ("w0-q1", "h1-q1") in pairs and ("w0-q1", "h2-q1") in pairs
    assert all(c.wording == "excerpt" for c in report.comparisons)


def test_a_one_span_quote_leaves_spans_out() -> None:
    """20,000 ``"spans":[[start,end]]`` were 5% of a wire story's report; a split quote keeps
    its pieces."""
    whole = quote("a-q1", statement(1), "Mira Okonde")
    whole = Quote(**{**vars_of(whole), "spans": ((whole.start, whole.end),)})
    split = Quote(**{**vars_of(whole), "id": "b-q1", "spans": ((0, 20), (30, whole.end + 10))})
    data = build_report([article("a", whole), article("b", split)]).to_dict()
    first, second = (item["quotes"][0] for item in data["articles"])
    assert "spans" not in first
    assert second["spans"] == [[0, 20], [30, whole.end + 10]]
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Report.from_dict(data).articles[0].quotes[0].spans == []


def vars_of(item: Quote) -> dict[str, object]:
    return {name: getattr(item, name) for name in item.__dataclass_fields__}
