"""Pair metrics: linking, wording mapping, severity, same_speaker and false links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from worker.evaluation.gold import GoldStory
from worker.evaluation.report import comparisons_from_report
from worker.evaluation.score import StoryScore, score_report

from .helpers import compare, make_story, report


def two_articles(
    relation: str = "consistent", severity: str | None = None, same: bool = True
) -> dict[str, Any]:
    return {
        "story": "s",
        "speakers": {"ann": ["ann"], "bob": ["bob"]},
        "articles": {
            "x": {
                "quotes": {
                    "x1": ["we will win the vote", "ann"],
                    "x2": ["taxes are too high", "ann"],
                }
            },
            "y": {
                "quotes": {
                    "y1": ["we will win the vote", "ann"],
                    "y2": ["taxes are far too high", "bob"],
                }
            },
        },
        "pairs": [["x1", "y1", relation, severity, same]],
    }


REPORTED = {
    "x": [("x-q1", "we will win the vote", "Ann"), ("x-q2", "taxes are too high", "Ann")],
    "y": [
        ("y-q1", "we will win the vote", "Ann"),
        ("y-q2", "taxes are far too high", "Bob"),
        ("y-q3", "something nobody said at all", "Bob"),
    ],
}


def run(story: GoldStory, comparisons: list[dict[str, Any]]) -> StoryScore:
    return score_report(story, report(REPORTED, comparisons))


@pytest.mark.parametrize(
    ("relation", "severity", "wording", "reported_severity", "wording_right", "severity_right"),
    [
        ("consistent", None, "identical", None, True, None),
        ("consistent", None, "excerpt", None, True, None),
        ("consistent", None, "variant", "minor", False, None),
        ("variant", "minor", "variant", "minor", True, True),
        ("variant", "major", "variant", "minor", True, False),
        ("variant", "minor", "excerpt", None, False, False),
        ("variant", "minor", "identical", None, False, False),
    ],
)
def test_wording_and_severity_mapping(
    tmp_path: Path,
    relation: str,
    severity: str | None,
    wording: str,
    reported_severity: str | None,
    wording_right: bool,
    severity_right: bool | None,
) -> None:
    story = make_story(tmp_path, two_articles(relation, severity))
    score = run(story, [compare("x-q1", "y-q1", wording, reported_severity)])
    (pair,) = score.pairs
    assert pair.linked
    assert pair.wording_right is wording_right
    assert pair.severity_right is severity_right
    assert pair.fully_right is wording_right
    assert score.counts.fully_right == int(wording_right)


def test_link_is_found_in_either_order(tmp_path: Path) -> None:
    story = make_story(tmp_path, two_articles())
    score = run(story, [compare("y-q1", "x-q1", "identical")])
    assert score.counts.linked == 1
    assert score.counts.fully_right == 1
    assert score.counts.false_links == 0


def test_same_speaker_must_match(tmp_path: Path) -> None:
    story = make_story(tmp_path, two_articles(same=False))
    wrong = run(story, [compare("x-q1", "y-q1", "identical", same_speaker=True)])
    right = run(story, [compare("x-q1", "y-q1", "identical", same_speaker=False)])
    assert wrong.counts.same_speaker_right == 0
    assert wrong.counts.fully_right == 0
    assert right.counts.fully_right == 1


def test_unlinked_pair(tmp_path: Path) -> None:
    story = make_story(tmp_path, two_articles())
    score = run(story, [])
    assert score.counts.pairs == 1
    assert score.counts.linked == 0
    assert not score.pairs[0].fully_right


def test_pair_with_a_missed_quote_cannot_be_linked(tmp_path: Path) -> None:
    story = make_story(tmp_path, two_articles())
    reported = {"x": REPORTED["x"], "y": REPORTED["y"][1:]}
    # The report links x-q1 to y-q2 but y1 was never found, so the gold pair is not linked.
    score = score_report(story, report(reported, [compare("x-q1", "y-q2", "variant", "minor")]))
    assert score.pairs[0].best_b is None
    assert score.counts.linked == 0


def test_false_links_between_found_quotes_only(tmp_path: Path) -> None:
    story = make_story(tmp_path, two_articles())
    score = run(
        story,
        [
            compare("x-q1", "y-q1", "identical"),
            compare("x-q2", "y-q2", "variant", "minor"),  # both found, not a gold pair: false link
            compare("x-q1", "y-q3", "excerpt"),  # y-q3 stands for no gold quote: not counted
        ],
    )
    assert score.counts.fully_right == 1
    assert score.counts.false_links == 1
    (link,) = score.false_links
    assert (link.gold_a, link.gold_b) == (("x2",), ("y2",))


def test_best_reported_quote_stands_for_the_gold_quote(tmp_path: Path) -> None:
    story = make_story(tmp_path, two_articles())
    reported = dict(REPORTED)
    reported["y"] = [("y-q0", "we will", "Ann"), *REPORTED["y"]]
    # Linking the fragment y-q0 instead of the full y-q1 does not link the gold pair.
    score = score_report(story, report(reported, [compare("x-q1", "y-q0", "excerpt")]))
    assert score.pairs[0].best_b == "y-q1"
    assert score.counts.linked == 0


def test_comparisons_nested_in_clusters_are_read() -> None:
    data = {
        "clusters": [
            {
                "id": "c1",
                "quotes": ["a", "b"],
                "comparisons": [
                    {
                        "quote_a": {"id": "a"},
                        "quote_b": {"id": "b"},
                        "wording": "Excerpt",
                        "speaker_conflict": True,
                    },
                    {"quotes": ["b", "c"], "relation": "variant", "severity": "major"},
                ],
            },
        ],
    }
    first, second = comparisons_from_report(data)
    assert (first.a, first.b, first.wording, first.same_speaker) == ("a", "b", "excerpt", False)
    assert (second.a, second.b, second.wording, second.severity) == ("b", "c", "variant", "major")
