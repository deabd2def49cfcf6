"""Each normalisation on its own, and its effect on a comparison."""

from __future__ import annotations

from tests.checker.checker_helpers import changes, only_comparison, pair
from worker.checker.text.normalise import normalise_quote, split_pieces, unify_typography


def keys(text: str) -> tuple[str, ...]:
    return normalise_quote(text).keys


def test_curly_and_straight_quotes_and_apostrophes_are_the_same() -> None:
    assert unify_typography("We’re ‘ready’ and “able”") == "We're 'ready' and \"able\""
    assert keys("We’re ‘ready’") == keys("We're 'ready'") == ("we're", "ready")
    assert keys("We\u02bcre ready") == ("we're", "ready")


def test_dashes_and_hyphens_split_words_alike() -> None:
    assert (
        keys("the UN–led process") == keys("the UN-led process") == ("the", "un", "led", "process")
    )
    assert keys("peace—and war") == keys("peace - and war") == ("peace", "and", "war")
    assert keys("business\u2011like") == ("business", "like")


def test_whitespace_is_collapsed() -> None:
    assert unify_typography("  a \n\t b\u00a0c  ") == "a b c"
    assert keys("a\u200bb") == ("ab",)


def test_sentence_initial_case_is_ignored() -> None:
    words = normalise_quote("The talks. They were useful").words
    assert [(w.text, w.initial) for w in words] == [
        ("The", True),
        ("talks", False),
        ("They", True),
        ("were", False),
        ("useful", False),
    ]
    comparison = only_comparison(
        pair("The talks were useful and frank", "the talks were useful and frank")
    )
    assert comparison.wording == "identical"


def test_editor_case_change_in_brackets_counts_as_initial() -> None:
    (word, *_rest) = normalise_quote("[T]he talks were useful").words
    assert (word.text, word.key, word.initial, word.editorial) == ("The", "the", True, False)


def test_mid_sentence_case_change_is_style_not_a_variant() -> None:
    comparison = only_comparison(
        pair(
            "we met the President in the capital today", "we met the president in the capital today"
        )
    )
    assert (comparison.wording, comparison.severity) == ("identical", None)
    assert changes(comparison) == [("replace", ["President"], ["president"], "case")]


def test_acronym_house_style_is_not_a_change() -> None:
    comparison = only_comparison(
        pair(
            "NATO allies will meet in Brussels next week",
            "Nato allies will meet in Brussels next week",
        )
    )
    assert comparison.wording == "identical"


def test_square_and_round_editorial_brackets_are_the_same() -> None:
    a = normalise_quote("his commitment to the process, [and] conducting reform")
    b = normalise_quote("his commitment to the process, (and) conducting reform")
    assert a.keys == b.keys
    assert [w.text for w in a.words if w.editorial] == ["and"]
    comparison = only_comparison(
        pair(
            "his commitment to the process, [and] conducting reform",
            "his commitment to the process, (and) conducting reform",
        )
    )
    assert comparison.wording == "identical"


def test_editorial_insertion_present_in_one_quote_only_is_not_a_change() -> None:
    comparison = only_comparison(
        pair("we will rebuild [the] bridge over the river", "we will rebuild bridge over the river")
    )
    assert comparison.wording == "identical"
    assert changes(comparison) == [("delete", ["the"], [], "editorial")]


def test_trailing_punctuation_is_ignored() -> None:
    assert keys("great call.") == keys("great call,") == keys("great call") == ("great", "call")
    comparison = only_comparison(pair("we will win the vote.", "we will win the vote,"))
    assert comparison.wording == "identical"


def test_ellipsis_splits_a_quote_into_pieces() -> None:
    assert split_pieces("a b ... c d … e f . . . g [...] h (…) i") == [
        "a b",
        "c d",
        "e f",
        "g",
        "h",
        "i",
    ]
    quote = normalise_quote("we will rebuild … the hospital will open")
    assert quote.pieces == ((0, 3), (3, 7))
    assert quote.boundaries == frozenset({3})


def test_leading_and_trailing_ellipses_do_not_mark_an_inner_omission() -> None:
    quote = normalise_quote("… we will rebuild the bridge …")
    assert quote.pieces == ((0, 5),)
    assert quote.boundaries == frozenset()


def test_sic_percent_and_thousands_separators() -> None:
    assert keys("their [sic] plan") == ("their", "plan")
    assert keys("12% of 1,000 people") == ("12", "percent", "of", "1000", "people")
    assert keys("U.S. forces") == keys("US forces") == ("us", "forces")
    assert keys("12.5 percent") == ("12.5", "percent")


def test_accents_are_folded_for_comparison_but_kept_in_text() -> None:
    (word,) = normalise_quote("Erdoğan").words
    assert (word.text, word.key) == ("Erdoğan", "erdogan")
