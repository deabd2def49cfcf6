"""A cheap necessary condition for a link, checked before a candidate pair is aligned.

Blocking proposes every pair that shares a distinctive trigram; in a large story most of them
share that phrase and nothing else. Aligning and classifying a pair costs far more than counting
shared words, and every link rule (``wording.py``) needs one of three things that counting can
rule out: all of the shorter quote's words (identical, excerpt, changed figures), a shared run of
five words (overlapping excerpts: three shared trigrams), or enough shared words for a variant
(four, and half the shorter quote or eight). Words are compared in a deliberately coarse form
(spelling-neutral, numbers as one placeholder, cut to a stem) with a slack of two words, so
that the test errs on the generous side.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from worker.checker.normalise import NormalisedQuote
from worker.checker.spelling import spelling_neutral
from worker.checker.vocabulary import is_number
from worker.checker.wording import LinkRules

_STEM = 5
_OVERLAP_TRIGRAMS = 3
_SLACK = 2


@dataclass(frozen=True, slots=True)
class WordProfile:
    length: int
    counts: Counter[str]
    trigrams: frozenset[tuple[str, ...]]


def _coarse(key: str) -> str:
    return "#" if is_number(key) else spelling_neutral(key)[:_STEM]


def word_profile(quote: NormalisedQuote) -> WordProfile:
    """Counts and trigrams of the speaker's words (an editor's bracketed words never count)."""
    pieces = [
        [_coarse(word.key) for word in quote.words[start:end] if not word.editorial]
        for start, end in quote.pieces
    ]
    coarse = [form for piece in pieces for form in piece]
    trigrams = frozenset(tuple(piece[i : i + 3]) for piece in pieces for i in range(len(piece) - 2))
    return WordProfile(len(coarse), Counter(coarse), trigrams)


def may_link(a: WordProfile, b: WordProfile, rules: LinkRules) -> bool:
    short, long = (a, b) if a.length <= b.length else (b, a)
    # The slack stands for words the rules accept as the same that coarse forms miss (typos,
    # irregular inflections): up to two per pair.
    shared = sum((short.counts & long.counts).values()) + _SLACK
    if shared >= short.length:
        return True
    if shared >= rules.min_variant_words and (
        shared >= rules.min_variant_share * short.length or shared >= rules.long_overlap_words
    ):
        return True
    return len(short.trigrams & long.trigrams) >= _OVERLAP_TRIGRAMS
