"""Blocking: which pairs get aligned, and that it stays near-linear."""

from __future__ import annotations

import random

import pytest

from tests.checker.checker_helpers import article, quote
from worker.checker import build_report
from worker.checker.candidates.blocking import BlockingConfig, candidate_pairs
from worker.checker.text.normalise import normalise_quote
from worker.records import ExtractedArticle


def pairs(
    texts: list[str], articles: list[int], config: BlockingConfig | None = None
) -> set[tuple[int, int]]:
    quotes = [normalise_quote(text) for text in texts]
    found = candidate_pairs(quotes, articles, config or BlockingConfig())
    return set(found.pairs)


def test_quotes_sharing_a_distinctive_trigram_are_candidates() -> None:
    texts = [
        "we will rebuild the old bridge this year",
        "the old bridge will be rebuilt",
        "parking fees will rise in March",
    ]
    assert pairs(texts, [0, 1, 2]) == {(0, 1)}


def test_same_article_quotes_are_never_candidates() -> None:
    texts = [
        "we will rebuild the old bridge",
        "rebuild the old bridge soon",
        "the old bridge again",
    ]
    assert pairs(texts, [0, 0, 1]) == {(0, 2), (1, 2)}


def test_function_word_trigrams_do_not_make_candidates() -> None:
    texts = ["as well as the harbours", "as well as the winters"]
    assert pairs(texts, [0, 1]) == set()


def test_short_quotes_are_looked_up_by_their_words() -> None:
    texts = ["great call", "it was a great call with the president", "a call for calm"]
    assert pairs(texts, [0, 1, 2]) == {(0, 1)}


def test_respelt_quotes_still_meet() -> None:
    texts = [
        "we must organise the defence of our neighbourhood centre now",
        "we must organize the defense of our neighborhood center now",
    ]
    assert pairs(texts, [0, 1]) == {(0, 1)}


def test_crowded_trigram_pairs_only_neighbours() -> None:
    texts = [f"the harbour survey results number {n} of many" for n in range(200)]
    config = BlockingConfig(max_postings=40, window=6)
    found = pairs(texts, list(range(200)), config)
    assert len(found) <= 200 * 6
    assert len(found) < 200 * 199 // 2


def test_identical_quotes_are_chained_not_paired_all_with_all() -> None:
    texts = ["we will win"] * 100  # every trigram crowded: only chains and neighbours
    found = pairs(texts, list(range(100)), BlockingConfig(max_postings=10, window=2))
    assert len(found) <= 99 + 100 * 2
    assert all((0, n) in found for n in range(1, 100))


def synthetic_story(quotes: int, per_article: int, seed: int = 11) -> list[ExtractedArticle]:
    """Zipf-like words (function words most frequent, as in English); some statements quoted
    (in part) by several outlets."""
    rng = random.Random(seed)
    function_words = [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "we",
        "will",
        "it",
        "for",
        "on",
        "are",
        "be",
        "with",
        "as",
        "this",
    ]
    vocabulary = function_words + [f"w{n}" for n in range(4000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    statements = [
        " ".join(rng.choices(vocabulary, weights, k=rng.randint(8, 30))) for _ in range(quotes // 2)
    ]
    items = []
    for a in range(quotes // per_article):
        rows = []
        for q in range(per_article):
            words = rng.choice(statements).split()
            start = rng.randint(0, len(words) // 3)
            end = rng.randint(start + 3, len(words))
            rows.append(
                quote(f"a{a}-q{q}", " ".join(words[start:end]), f"Speaker {rng.randint(0, 99)}")
            )
        items.append(article(f"a{a}", *rows))
    return items


@pytest.mark.slow
def test_twenty_thousand_quotes_finish_with_linear_candidate_pairs() -> None:
    story = synthetic_story(20_000, 100)
    report = build_report(story)
    n = report.summary.quotes
    assert n == 20_000
    assert report.stats.candidate_pairs < 8 * n
    assert report.stats.aligned_pairs < 10 * n
    assert report.stats.links > 0
    assert report.summary.clusters == len(report.clusters)


def test_function_word_quote_is_looked_up_by_its_trigrams() -> None:
    texts = [
        "Some of them will, for a while,",
        "Some of them will, for a while. I'd be lying if I said otherwise",
        "some of the harbour walls will fall",
    ]
    assert pairs(texts, [0, 1, 2]) == {(0, 1)}


def test_changed_figures_still_meet() -> None:
    texts = ["closer to $40 million", "the damage is closer to $14 million in total"]
    assert pairs(texts, [0, 1]) == {(0, 1)}


def test_quotes_carried_by_many_outlets_do_not_crowd_out_their_excerpts() -> None:
    # Ten outlets each carry a statement, an excerpt of it and an unrelated statement word for
    # word. Counted per quote, every shared trigram list is crowded, and sorted by what follows
    # the trigram the unrelated copies sit between the excerpt's and the statement's; the
    # copies count once, so the excerpt still meets its statement.
    statement = "the harbour wall will be rebuilt before the winter storms arrive in the bay"
    excerpt = "rebuilt before the winter storms"
    other = "the ferry terminal closes before the winter storms and floods reach the town"
    config = BlockingConfig(max_postings=12)
    texts = [statement] * 10 + [excerpt] * 10 + [other] * 10
    found = pairs(texts, list(range(30)), config)
    assert any(i < 10 <= j < 20 for i, j in found)
    story = [article(f"a{n}", quote(f"a{n}-q1", text)) for n, text in enumerate(texts)]
    sizes = sorted(len(c.quotes) for c in build_report(story, blocking=config).clusters)
    assert sizes == [10, 20]


def test_copies_from_different_speakers_are_indexed_apart() -> None:
    # A changed figure links only for the same speaker; a copy attributed to someone else must
    # not stand in for the one attributed to the right speaker.
    texts = [
        "the damage is closer to $40 million",
        "the damage is closer to $40 million",
        "the damage is closer to $14 million",
    ]
    quotes = [normalise_quote(text) for text in texts]
    speakers = ["Bob Stone", "Ann Lee", "Ann Lee"]
    found = candidate_pairs(
        quotes, [0, 1, 2], keep=lambda i, j: speakers[i] == speakers[j], speakers=speakers
    )
    assert (1, 2) in found.pairs


def _long_quotes_with_phrase(count: int, phrase: str = "the harbour survey") -> list[str]:
    """Ten-word quotes that share ``phrase`` and no other word."""
    return [f"w{n}a w{n}b w{n}c {phrase} w{n}d w{n}e w{n}f w{n}g" for n in range(count)]


def test_long_quotes_meeting_in_a_rare_phrase_are_paired() -> None:
    assert pairs(_long_quotes_with_phrase(3), [0, 1, 2]) == {(0, 1), (0, 2), (1, 2)}


def test_long_quotes_meeting_only_in_a_common_phrase_are_not_paired() -> None:
    # Six unrelated long quotes use one phrase: it is a hint, not a reason to align them.
    texts = _long_quotes_with_phrase(6)
    assert pairs(texts, list(range(6))) == set()
    # A second shared trigram confirms the hint.
    confirmed = [*texts, "w6a w6b w6c the harbour survey w0d w0e w6f w6g"]
    assert pairs(confirmed, list(range(7))) == {(0, 6)}


def test_a_common_four_word_phrase_confirms_nothing_a_longer_run_does() -> None:
    # Its two trigrams overlap: one phrase, not two pieces of evidence.
    assert pairs(_long_quotes_with_phrase(6, "the harbour survey team"), list(range(6))) == set()
    five = _long_quotes_with_phrase(6, "the harbour survey team report")
    assert len(pairs(five, list(range(6)))) == 15


def test_short_quote_meeting_long_ones_in_a_common_phrase_is_paired_with_each() -> None:
    # A short excerpt has a trigram or two: one is all the evidence it can give.
    texts = [*_long_quotes_with_phrase(6), "the harbour survey results"]
    assert pairs(texts, list(range(7))) == {(n, 6) for n in range(6)}


def test_short_excerpt_in_a_crowded_list_meets_its_neighbours_on_two_trigrams() -> None:
    # Fifteen quotes share a four-word phrase: its lists are crowded, so only sorted neighbours
    # meet. The four-word excerpt has just those two trigrams, one word apart: they must do.
    texts = [
        *_long_quotes_with_phrase(15, "harbour survey results today"),
        "harbour survey results today",
    ]
    found = pairs(texts, list(range(16)))
    assert any(15 in pair for pair in found)
