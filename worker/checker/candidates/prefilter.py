"""A cheap necessary condition for a link, checked for each pair blocking proposes.

Most proposed pairs share one phrase and little else, and aligning them costs far more than this
test. A rule of ``wording.py`` needs every word of the contained quote (identical words, an
excerpt, figures changed in place), five words in a row (overlapping excerpts), or evidence ``E``
(shared words, respelt words counted) of four and half the shorter quote or eight (a variant), or
three (figures replaced, same speaker). ``E`` is at most the longest common subsequence of the
quotes' forms (one per spelling, inflection and figure of a word; a contraction adds the words it
stands for) plus the words that may be aligned with a word of another form: figures in several
words (``five million``/``5,000,000``), inflections the spelling-neutral form keeps apart
(``hour``/``hours``), typos. Words written jointly (``every day``/``everyday``) may be any number
of evidence words, so a pair where they may be passes; so does, on the words an identical quote
needs, a pair with a gap (an ellipsis or an editor's words), which may stand for any words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz.distance import LCSseq

from worker.checker.matching.wording import LinkRules
from worker.checker.text.normalise import NormalisedQuote
from worker.checker.text.spelling import is_typo, spell_alike, spelling_neutral, stem
from worker.checker.text.vocabulary import CONTRACTED_WORDS, expand_contractions, is_number

_Known = dict[str, tuple[str, tuple[str, ...]]]  # a word's stem and forms, see ``_forms``


class _Word(NamedTuple):
    """A distinct word of a quote, and its positions."""

    key: str
    form: str
    stem: str
    places: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class WordProfile:
    """A quote's forms in order, its runs of forms, its distinct words by first letter."""

    length: int
    sequence: tuple[str, ...]
    runs: frozenset[tuple[str, ...]]
    gapped: bool
    number: bool
    figures: int
    keys: tuple[str, ...]
    letters: dict[str, tuple[_Word, ...]]


def _forms(key: str) -> tuple[str, tuple[str, ...]]:
    """The word's stem; its form, then the forms of the words a contraction stands for."""
    words = [key]
    if "'" in key or key in CONTRACTED_WORDS:
        words += [word for found in sorted(expand_contractions([key])) for word in found]
    return stem(key), tuple("#" if is_number(word) else spelling_neutral(word) for word in words)


def word_profiles(quotes: Sequence[NormalisedQuote], rules: LinkRules) -> list[WordProfile]:
    """The profiles of a story's quotes; each distinct word is worked out once."""
    known: _Known = {}
    return [_profile(quote, known, rules.min_overlap_words) for quote in quotes]


def _profile(quote: NormalisedQuote, known: _Known, run: int) -> WordProfile:
    keys = quote.keys
    words = [(known.get(key) or known.setdefault(key, _forms(key)))[1] for key in keys]
    forms = tuple(word[0] for word in words)
    places: dict[str, list[int]] = {}
    figures = inside = 0
    for position, (key, form) in enumerate(zip(keys, forms, strict=True)):
        places.setdefault(key, []).append(position)
        # Each word of a figure past the first (``five million``) may be evidence beyond forms.
        inside = inside + 1 if form == "#" or (inside and key == "and") else 0
        figures += inside > 1
    letters: dict[str, list[_Word]] = {}
    for key, found in places.items():
        word = _Word(key, forms[found[0]], known[key][0], tuple(found))
        letters.setdefault(key[:1], []).append(word)
    return WordProfile(
        length=len(keys),
        sequence=tuple(form for word in words for form in word),
        runs=frozenset(forms[i : i + run] for i in range(len(forms) - run + 1)),
        gapped=len(quote.pieces) > 1 or any(word.editorial for word in quote.words),
        number="#" in forms,
        figures=figures,
        keys=keys,
        letters={letter: tuple(found) for letter, found in letters.items()},
    )


def may_link(a: WordProfile, b: WordProfile, rules: LinkRules, same_speaker: bool = True) -> bool:
    """False only when no link rule can accept the pair (see the module docstring)."""
    shared = LCSseq.similarity(a.sequence, b.sequence)
    if not shared:
        return False
    if a.gapped or b.gapped:
        if same_speaker or shared >= rules.min_identical_words:
            return True
        need = rules.min_variant_words - shared
    elif not a.runs.isdisjoint(b.runs):
        return True
    else:
        figures = same_speaker and (a.number or b.number)
        need = _needed(min(a.length, b.length), figures, rules) - shared
    if need > 0 and a.number and b.number:
        need -= max(a.figures, b.figures)
    if need > 0:
        need -= max(_respelt(a, b), _respelt(b, a))
    return need <= 0 or _joined(a, b) or _joined(b, a)


def _needed(shorter: int, figures: bool, rules: LinkRules) -> int:
    """The least evidence some rule accepts."""
    share = math.ceil(rules.min_variant_share * shorter)
    least = max(rules.min_variant_words, min(share, rules.long_overlap_words))
    return min(shorter, least, rules.min_excerpt_words if figures else least)


def _respelt(a: WordProfile, b: WordProfile) -> int:
    """Words of ``a`` that ``spelling.word_pair_kind`` may call the same as a word of ``b`` of
    another form: an inflection (the same stem) or a typo."""
    return sum(
        len(x.places)
        for letter in a.letters.keys() & b.letters.keys()
        for x in a.letters[letter]
        if any(
            x.form != y.form and (x.stem == y.stem or is_typo(x.key, y.key))
            for y in b.letters[letter]
        )
    )


def _joined(a: WordProfile, b: WordProfile) -> bool:
    """Could words of ``a`` be written jointly, or split otherwise, in ``b``? Two such runs
    spell the same letters from different first words, so one first word starts the other."""
    return any(
        len(y.key) > len(x.key)
        and y.key.startswith(x.key)
        and any(spell_alike(a.keys, i, b.keys, j) for i in x.places for j in y.places)
        for letter in a.letters.keys() & b.letters.keys()
        for x in a.letters[letter]
        for y in b.letters[letter]
    )
