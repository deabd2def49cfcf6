"""Wording classes (identical, excerpt, variant), severities and the link thresholds."""

from __future__ import annotations

import pytest

from tests.checker.checker_helpers import BOB, changes, only_comparison, pair
from worker.checker.matching.wording import classify
from worker.checker.text.normalise import normalise_quote

LONG = "We will rebuild the old bridge over the river and the new hospital will open in June"


def test_identical_quotes() -> None:
    comparison = only_comparison(pair(LONG + ".", LONG))
    assert (comparison.wording, comparison.severity, comparison.same_speaker) == (
        "identical",
        None,
        True,
    )
    assert [op.op for op in comparison.diff] == ["equal"]
    assert comparison.diff[0].a == LONG.split()


def test_contiguous_excerpt() -> None:
    comparison = only_comparison(pair("rebuild the old bridge over the river", LONG))
    assert (comparison.wording, comparison.severity) == ("excerpt", None)
    assert changes(comparison) == [
        ("insert", [], ["We", "will"], "excerpt"),
        ("insert", [], ["and", "the", "new", "hospital", "will", "open", "in", "June"], "excerpt"),
    ]


def test_excerpt_joined_by_an_ellipsis() -> None:
    comparison = only_comparison(
        pair("We will rebuild the old bridge … the new hospital will open in June", LONG)
    )
    assert comparison.wording == "excerpt"
    assert changes(comparison) == [("insert", [], ["over", "the", "river", "and"], "omission")]


def test_overlapping_excerpts_of_one_statement() -> None:
    comparison = only_comparison(
        pair(
            "We will rebuild the old bridge over the river",
            "the old bridge over the river and the new hospital",
        )
    )
    assert comparison.wording == "excerpt"
    assert changes(comparison) == [
        ("delete", ["We", "will", "rebuild"], [], "excerpt"),
        ("insert", [], ["and", "the", "new", "hospital"], "excerpt"),
    ]


def test_short_overlap_is_not_a_link() -> None:
    report = pair(
        "the mayor said we will fix the old bridge",
        "the old bridge collapsed in the storm last night",
    )
    assert report.comparisons == []


def test_excerpt_with_extra_words_at_the_ends_is_never_a_variant() -> None:
    comparison = only_comparison(
        pair(
            "Frankly, we will rebuild the old bridge",
            "we will rebuild the old bridge over the river",
        )
    )
    # "Frankly" is outside the other quote and "over the river" too: overlapping, not changed.
    assert (comparison.wording, comparison.severity) == ("excerpt", None)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "We don't want a war with anyone in the region",
            "We do not want a war with anyone in the region",
            [("replace", ["don't"], ["do", "not"], "contraction")],
        ),
        (
            "we will rebuild the bridge that crosses the river by June",
            "we will rebuild a bridge that crosses the river by June",
            [("replace", ["the"], ["a"], "function-word")],
        ),
        (
            "we must organise the defence of our neighbourhood centre now",
            "we must organize the defense of our neighborhood center now",
            [
                ("replace", ["organise"], ["organize"], "spelling"),
                ("replace", ["defence"], ["defense"], "spelling"),
                ("replace", ["neighbourhood", "centre"], ["neighborhood", "center"], "spelling"),
            ],
        ),
        (
            "the council is very committed to rebuilding the old bridge",
            "the council is committed to rebuilding the old bridge",
            [("delete", ["very"], [], "adverb")],
        ),
        (
            "the council is firmly committed to rebuilding the old bridge",
            "the council is committed to rebuilding the old bridge",
            [("delete", ["firmly"], [], "adverb")],
        ),
        (
            "the council agreed constitutional reforms for the whole region",
            "the council agreed constitutional reform for the whole region",
            [("replace", ["reforms"], ["reform"], "inflection")],
        ),
        (
            "the council approved twelve new schools for the region",
            "the council approved 12 new schools for the region",
            [("replace", ["twelve"], ["12"], "number-format")],
        ),
    ],
    ids=[
        "contraction",
        "function-word",
        "spelling",
        "dropped-adverb",
        "dropped-ly-adverb",
        "inflection",
        "number-format",
    ],
)
def test_minor_variants(
    a: str, b: str, expected: list[tuple[str, list[str], list[str], str]]
) -> None:
    comparison = only_comparison(pair(a, b))
    assert (comparison.wording, comparison.severity) == ("variant", "minor")
    assert changes(comparison) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "the city economy grew 12 percent this year thanks to the port",
            "the city economy grew 20 percent this year thanks to the port",
            [("replace", ["12"], ["20"], "number")],
        ),
        (
            "the council approved twelve new schools for the region",
            "the council approved 20 new schools for the region",
            [("replace", ["twelve"], ["20"], "number")],
        ),
        (
            "we will raise taxes on working families in the city",
            "we will not raise taxes on working families in the city",
            [("insert", [], ["not"], "negation")],
        ),
        (
            "we won't raise taxes on working families in the city",
            "we will raise taxes on working families in the city",
            [("replace", ["won't"], ["will"], "negation")],
        ),
        (
            "we will raise taxes on working families in the city",
            "we will cut taxes on working families in the city",
            [("replace", ["raise"], ["cut"], "content")],
        ),
        (
            "the city economy grew faster this year than anyone expected",
            "the city economy grew faster last year than anyone expected",
            [("replace", ["this"], ["last"], "content")],
        ),
        (
            "I told President Putin that the talks were very productive",
            "I told President Trump that the talks were very productive",
            [("replace", ["Putin"], ["Trump"], "name")],
        ),
    ],
    ids=[
        "number",
        "number-word",
        "negation",
        "contracted-negation",
        "content-word",
        "this-vs-last-year",
        "name",
    ],
)
def test_major_variants(
    a: str, b: str, expected: list[tuple[str, list[str], list[str], str]]
) -> None:
    comparison = only_comparison(pair(a, b))
    assert (comparison.wording, comparison.severity) == ("variant", "major")
    assert changes(comparison) == expected


def test_major_wins_over_minor_in_one_pair() -> None:
    comparison = only_comparison(
        pair(
            "We don't think the economy grew 12 percent this year",
            "We do not think the economy grew 20 percent this year",
        )
    )
    assert comparison.severity == "major"
    assert [kind for *_, kind in changes(comparison)] == ["contraction", "number"]


def test_variant_needs_four_shared_words() -> None:
    assert pair("grew 12 percent", "grew 20 percent").comparisons == []
    assert pair("the bridge will open", "the bridge won't open").comparisons == []


def test_unrelated_quotes_sharing_common_words_are_not_linked() -> None:
    report = pair(
        "I think it is very important for the people of this city",
        "it is very important that we work together with our neighbours",
    )
    assert report.comparisons == []
    report = pair(
        "we are going to make sure that the schools are safe for children",
        "we are going to make this the best festival the town has seen",
    )
    assert report.comparisons == []


def test_very_short_quotes_link_only_on_exact_words() -> None:
    w10 = (
        "Vladimir Putin informed Donald Trump of the main results of a meeting with Bashar "
        "al-Assad that took place on November 20 at which the Syrian leader confirmed his "
        "commitment to the political process, (and) conducting constitutional reform and "
        "presidential and parliamentary elections."
    )
    assert pair("constitutional reforms.", w10, "Vladimir Putin", "Kremlin").comparisons == []
    assert pair("constitutional reforms.", w10).comparisons == []
    assert only_comparison(pair("great call", "great call")).wording == "identical"


def test_two_word_excerpt_links_only_a_compatible_speaker() -> None:
    host = "This is very important for the future of our two countries and the region"
    assert only_comparison(pair("very important.", host)).wording == "excerpt"
    assert pair("very important.", host, speaker_b=BOB).comparisons == []
    # An outlet that names nobody does not disagree (issue 12, item 4).
    assert only_comparison(pair("very important.", host, speaker_b=None)).wording == "excerpt"


def test_one_word_identical_quotes_need_the_same_speaker() -> None:
    assert only_comparison(pair("unacceptable", "Unacceptable.")).wording == "identical"
    assert pair("unacceptable", "unacceptable", speaker_b=BOB).comparisons == []


def test_three_word_excerpt_with_two_content_words_links_across_speakers() -> None:
    comparison = only_comparison(
        pair(
            "the main results",
            "Putin informed Trump of the main results of the meeting",
            speaker_b=BOB,
        )
    )
    assert (comparison.wording, comparison.same_speaker) == ("excerpt", False)


def test_classify_reports_weak_short_excerpts() -> None:
    short = normalise_quote("the main results")
    host = normalise_quote("Putin informed Trump of the main results of the meeting")
    match = classify(short, host, same_speaker=True)
    assert match is not None
    assert (match.wording, match.weak, match.contained) == ("excerpt", True, "a")
    long_match = classify(normalise_quote("the main results of the meeting"), host, True)
    assert long_match is not None
    assert (long_match.weak, long_match.contained) == (False, "a")


def test_empty_quotes_never_link() -> None:
    assert classify(normalise_quote("…"), normalise_quote("we will win"), True) is None


def test_written_out_negated_contraction_is_minor() -> None:
    comparison = only_comparison(
        pair(
            "we will not ask the families of Quay Street to pay for it",
            "we won't ask the families of Quay Street to pay for it",
        )
    )
    assert (comparison.wording, comparison.severity) == ("variant", "minor")
    assert changes(comparison) == [("replace", ["will", "not"], ["won't"], "contraction")]


def test_long_excerpt_of_function_words_links() -> None:
    comparison = only_comparison(
        pair(
            "Some of them will, for a while,",
            "Some of them will, for a while. I’d be lying if I said otherwise,",
            speaker_b=BOB,
        )
    )
    assert (comparison.wording, comparison.same_speaker) == ("excerpt", False)


def test_short_quote_with_a_changed_figure_is_a_major_variant() -> None:
    comparison = only_comparison(
        pair(
            "closer to $40 million,",
            "The fund holds about $4 million, and the estimates of the damage are closer to "
            "$14 million,",
        )
    )
    assert (comparison.wording, comparison.severity) == ("variant", "major")
    assert changes(comparison)[-1] == ("replace", ["40"], ["14"], "number")


def test_short_quote_with_a_changed_figure_needs_the_same_speaker() -> None:
    report = pair(
        "closer to $40 million,",
        "the estimates of the damage are closer to $14 million,",
        speaker_b=BOB,
    )
    assert report.comparisons == []


def test_respelt_first_word_is_a_change_not_divergence() -> None:
    comparison = only_comparison(
        pair(
            "emphasised that the obligations to its partners in the Southern Basin remain",
            "The talks were frank. The President emphasized that the obligations to its "
            "partners in the Southern Basin remain unchanged.",
        )
    )
    assert (comparison.wording, comparison.severity) == ("variant", "minor")
    assert changes(comparison)[:2] == [
        ("insert", [], ["The", "talks", "were", "frank", "The", "President"], "excerpt"),
        ("replace", ["emphasised"], ["emphasized"], "spelling"),
    ]


def test_different_continuations_are_not_one_quotation() -> None:
    report = pair(
        "we are going to make the harbour great again this summer",
        "we are going to make sure that people on the harbour are safe",
    )
    assert report.comparisons == []


def test_changed_last_word_before_an_excerpted_tail() -> None:
    comparison = only_comparison(
        pair(
            "We have agreed that the first ships will leave Velka before the end of the month. "
            "Our farmers have waited long enough,",
            "We have agreed that the first ships will leave Velka before the end of the year,",
        )
    )
    assert (comparison.wording, comparison.severity) == ("variant", "major")
    assert changes(comparison) == [
        ("replace", ["month"], ["year"], "content"),
        ("delete", ["Our", "farmers", "have", "waited", "long", "enough"], [], "excerpt"),
    ]
