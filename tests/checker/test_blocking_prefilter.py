"""Candidates must pass a test every link rule implies: a shared trigram alone is not enough,
but no pair that can link is ever dropped, and candidates per quote stay bounded as a story
written from one vocabulary grows."""

from __future__ import annotations

import random

import pytest

from tests.checker.checker_helpers import BOB, article, pair, quote
from worker.checker import build_report
from worker.checker.candidates.blocking import Candidates, candidate_pairs
from worker.checker.candidates.prefilter import _counts_allow, _dense_run, may_link, word_profile
from worker.checker.matching.wording import DEFAULT_RULES
from worker.checker.text.normalise import normalise_quote


def candidates(texts: list[str], speakers: list[str] | None = None) -> Candidates:
    """Candidates of quotes each from its own article, filtered the way ``build_report`` does."""
    quotes = [normalise_quote(text) for text in texts]
    profiles = [word_profile(q) for q in quotes]
    who = speakers or [f"speaker {n}" for n in range(len(texts))]

    def keep(i: int, j: int) -> bool:
        return may_link(profiles[i], profiles[j], DEFAULT_RULES, who[i] == who[j])

    return candidate_pairs(quotes, list(range(len(texts))), keep=keep)


def test_pair_sharing_one_incidental_trigram_is_proposed_but_not_a_candidate() -> None:
    # Enough shared words in any order (the old count test passes it), but the three shared
    # words are the only ones in order: no rule can link the two.
    texts = [
        "the harbour survey was a waste of money",
        "officials said the harbour survey would be delayed until spring",
    ]
    profiles = [word_profile(normalise_quote(text)) for text in texts]
    assert _counts_allow(*profiles, DEFAULT_RULES)
    found = candidates(texts)
    assert found.proposed == 1
    assert found.pairs == ()


def test_excerpt_sharing_one_rare_trigram_is_a_candidate() -> None:
    texts = ["harbour survey results", "we published the harbour survey results this morning"]
    assert candidates(texts).pairs == ((0, 1),)
    assert pair(*texts).comparisons


def test_variant_sharing_a_single_distinctive_trigram_is_a_candidate_and_links() -> None:
    # ``that is a`` is function words only; the one shared distinctive trigram is ``is badly
    # wrong``: requiring two shared trigrams would lose this misquote.
    texts = [
        "that is a disaster the council report is badly wrong",
        "that is a scandal the council statement is badly wrong",
    ]
    assert candidates(texts).pairs == ((0, 1),)
    report = pair(*texts)
    assert [(c.wording, c.severity) for c in report.comparisons] == [("variant", "major")]


def test_excerpt_with_a_typo_is_a_candidate_through_the_respelt_word() -> None:
    # Three shared forms of four: enough only with ``bradband`` counted as ``broadband``.
    texts = ["bradband rollout stalled again", "the broadband rollout stalled again this year"]
    assert candidates(texts).pairs == ((0, 1),)
    assert [(c.wording, c.severity) for c in pair(*texts).comparisons] == [("variant", "minor")]


def test_changed_figure_from_the_same_speaker_is_a_candidate() -> None:
    texts = ["the damage is closer to $40 million", "the damage is closer to $14 million"]
    assert candidates(texts, [BOB, BOB]).pairs == ((0, 1),)


def test_excerpt_across_an_editors_words_is_a_candidate() -> None:
    texts = [
        "we will rebuild the old bridge over the river",
        "[The council] will rebuild the old bridge",
    ]
    assert candidates(texts).pairs == ((0, 1),)


def test_excerpt_with_an_ellipsis_is_a_candidate() -> None:
    texts = [
        "we will rebuild the old bridge over the river before the winter comes",
        "we will rebuild the old bridge ... before the winter comes",
    ]
    assert candidates(texts).pairs == ((0, 1),)


def _story(quotes: int, seed: int = 7) -> list[list[str]]:
    """Articles of quotes from one Zipf vocabulary: a third quoted by two to four outlets
    (whole, an excerpt, or with a word changed), the rest unrelated."""
    rng = random.Random(seed)
    function = ["the", "of", "and", "to", "a", "in", "is", "that", "we", "will", "it", "for"]
    vocabulary = function + [f"w{n}" for n in range(400)]
    weights = [1 / (rank + 2) for rank in range(len(vocabulary))]

    def words(size: int) -> list[str]:
        return rng.choices(vocabulary, weights, k=size)

    articles: list[list[str]] = [[] for _ in range(quotes // 20)]
    made = 0
    while made < quotes // 3:
        statement = words(rng.randint(8, 25))
        for slot in rng.sample(range(len(articles)), rng.randint(2, 4)):
            version = list(statement)
            if rng.random() < 0.3:
                start = rng.randint(0, 3)
                version = version[start : start + rng.randint(4, len(version) - 3)]
            elif rng.random() < 0.3:
                version[rng.randrange(len(version))] = rng.choice(vocabulary[20:])
            articles[slot].append(" ".join(version))
            made += 1
    while made < quotes:
        articles[rng.randrange(len(articles))].append(" ".join(words(rng.randint(5, 25))))
        made += 1
    return articles


def _per_quote(quotes: int) -> tuple[float, float]:
    """Candidates and proposed pairs per quote, filtered the way ``build_report`` does."""
    articles = _story(quotes)
    texts = [text for texts in articles for text in texts]
    article_of = [n for n, texts in enumerate(articles) for _ in texts]
    normalised = [normalise_quote(text) for text in texts]
    profiles = [word_profile(q) for q in normalised]

    def keep(i: int, j: int) -> bool:
        return may_link(profiles[i], profiles[j], DEFAULT_RULES, False)

    found = candidate_pairs(normalised, article_of, keep=keep)
    return len(found.pairs) / len(texts), found.proposed / len(texts)


@pytest.mark.slow
def test_candidates_per_quote_stay_bounded_as_the_story_grows() -> None:
    small, small_proposed = _per_quote(1_500)
    large, large_proposed = _per_quote(6_000)
    # Chance collisions grow with the story: proposed pairs per quote grow...
    assert large_proposed > 1.6 * small_proposed
    # ...but the candidates per quote (about one per link) do not.
    assert large < 1.15 * small
    assert large < 1.0


def test_build_report_counts_candidates_after_the_filter() -> None:
    story = [
        article("x", quote("x-q1", "the harbour survey was a waste of money")),
        article("y", quote("y-q1", "officials said the harbour survey would be delayed")),
    ]
    report = build_report(story)
    assert report.stats.candidate_pairs == 0
    assert report.stats.links == 0


def _mutated(rng: random.Random, words: list[str], vocabulary: list[str]) -> list[str]:
    """An excerpt, a version with words changed, inserted or dropped, or an ellipsis."""
    out = list(words)
    for _ in range(rng.randint(0, len(words) // 3)):
        kind = rng.random()
        position = rng.randrange(len(out))
        if kind < 0.3:
            out[position] = rng.choice(vocabulary)
        elif kind < 0.5:
            out.insert(position, rng.choice(vocabulary))
        elif kind < 0.7 and len(out) > 4:
            del out[position]
        elif kind < 0.8 and 0 < position < len(out) - 1:
            out[position] = "..."
    if rng.random() < 0.4 and len(out) > 5:
        start = rng.randrange(len(out) // 2)
        out = out[start : start + rng.randint(4, len(out) - start)]
    return out


def test_every_pair_the_rules_link_passes_the_prefilter() -> None:
    # The filter is only sound if it never rejects a pair that ``classify`` would link. Pairs
    # of one small vocabulary, one quote a mutation of the other, hit every rule (identical,
    # excerpts, overlaps, variants dense and sparse, ellipses) thousands of times.
    from worker.checker.matching.wording import classify

    rng = random.Random(5)
    vocabulary = ["the", "of", "and", "to", "a", "we", "will", "not", "12", "20"]
    vocabulary += [f"harbour{n}" for n in range(30)]
    linked = 0
    for _ in range(4000):
        words = rng.choices(vocabulary, k=rng.randint(4, 30))
        a = normalise_quote(" ".join(words))
        b = normalise_quote(" ".join(_mutated(rng, words, vocabulary)))
        same = rng.random() < 0.5
        if classify(a, b, same, DEFAULT_RULES) is not None:
            linked += 1
            assert may_link(word_profile(a), word_profile(b), DEFAULT_RULES, same), (a, b)
    assert linked > 2000


def test_dense_run_finds_exactly_the_runs_a_brute_force_finds() -> None:
    # The one-pass test gates the box search, so it must never miss a dense run.
    def brute(places: list[int], least: int, density: float) -> bool:
        return any(
            j - i + 1 >= least and j - i + 1 >= density * (places[j] - places[i] + 1)
            for i in range(len(places))
            for j in range(i, len(places))
        )

    rng = random.Random(11)
    outcomes = set()
    for _ in range(3000):
        places = sorted(rng.sample(range(40), rng.randint(0, 20)))
        least = rng.randint(1, 9)
        density = rng.choice([0.5, 0.6, 0.75])
        expected = brute(places, least, density)
        assert _dense_run(places, least, density) == expected, (places, least, density)
        outcomes.add(expected)
    assert outcomes == {True, False}
