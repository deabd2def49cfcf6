"""A cheap necessary condition for a link, checked for each pair blocking proposes.

Blocking proposes every pair that shares a distinctive trigram. In a large story most of them
share that phrase and nothing else, and their number grows faster than the story (more quotes
from one vocabulary, more chance collisions), while aligning and classifying a pair costs far
more than the tests here. So each proposed pair must pass a test that every link rule
(``wording.py``) implies; the candidates that remain grow with the links, not with the
collisions. Words are compared in a coarse form (spelling-neutral, numbers as one placeholder,
cut to a stem) so that words the rules count as the same word have the same form.

Why a trigram count is not enough: a variant needs only four shared words and 60% density, so
``that is a X the Y Z is W V`` against ``that is a P the Y Q is W V`` (two words changed in ten)
links on one shared distinctive trigram, and random pairs sharing two trigrams (a common
four-word phrase) still grow quadratically. The test therefore looks at where the shared words
are, as the rules do.

The test, for quotes that are one run of the speaker's words (no ellipsis, no editor's words):

1. The word counts allow a link (the first, coarsest test; see ``_counts_allow``).
2. Identical words or an excerpt: nothing changed but excerpting, so the shorter quote's forms
   are a contiguous run of the other's. Overlapping excerpts: five or more words shared with
   nothing changed, as the end of one quote and the start of the other, so one quote's first
   five forms are a run of the other.
3. A substitution (figures replaced one for one) needs the same speaker and a number.
4. A variant needs evidence ``E`` (shared words, respelt words counted) of at least four, half
   the shorter quote or eight, two content words, and ``E >= 0.6 * core`` on both sides, where
   the core is everything but one-sided excerpting. The evidence words are a common
   subsequence of the two quotes' forms, except for words the rules call the same but whose
   coarse forms differ (typos, contractions, compounds written as one word); the pair gets a
   slack of two for those only if it has such words at all (``_respelt``). Without slack the
   evidence *is* such a common subsequence (chain), and where both quotes have words before its
   first word, the alignment's divergent start (``end-change``) puts at least the fewer of them
   into both cores; likewise at the end. So some chain from match ``(p1, q1)`` to ``(pk, qk)``
   must be dense enough over its span plus those ends: ``_dense_chain`` searches every such box
   (bit-parallel LCS), stopping once the span alone is too wide for the longest common
   subsequence. Two one-pass tests on each quote's shared words go first (``_close``: enough
   of them within the widest span; ``_dense_run``: some run of them dense enough), and a pair
   whose lengths multiply to over ``_SEARCH_CELLS`` word pairs is left to the rules, whose one
   alignment costs less there than the search over every box.

Ellipses and editor's bracketed words ("gaps") loosen the structure: an omission (words of one
quote at the other's ellipsis) and an editor's words (standing for any of the speaker's words)
change nothing. So across a gap containment only asks for the gapped quote's segments in order
(``_contained``), overlap for five words in order (three content words, or eight), and a
variant's span bounds a quote's core only if its partner has no ellipsis; two quotes that both
have gaps keep only the count test (1) for containment, both with ellipses for everything.

Assumptions, as for the count test: at most two words per pair are the same word to the rules
but not in coarse form, and those are one-for-one respellings (``word_pair_kind``), a
contraction, or up to four words written as one; a compound split differently on both sides
(``health careworkers``/``healthcare workers``) is not looked for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from worker.checker.matching.wording import LinkRules
from worker.checker.text.normalise import NormalisedQuote
from worker.checker.text.spelling import spelling_neutral, stem, word_pair_kind
from worker.checker.text.vocabulary import (
    CONTRACTED_WORDS,
    expand_contractions,
    is_content,
    is_number,
)

_STEM = 5
_OVERLAP_TRIGRAMS = 3
_OVERLAP_WORDS = 5
_SLACK = 2
_JOINED_WORDS = 4
_SEPARATOR = "\x1f"
_SEARCH_CELLS = 2500


@dataclass(frozen=True, slots=True)
class WordProfile:
    """What the tests need of one quote, computed once.

    ``length``, ``counts`` and ``trigrams`` cover the speaker's words (an editor's bracketed
    words never count); ``forms`` are all words in order, ``text`` the same joined for substring
    tests, ``positions`` a bit mask of the positions of each form.
    """

    length: int
    counts: Counter[str]
    trigrams: frozenset[tuple[str, ...]]
    forms: tuple[str, ...]
    text: str
    head: str | None
    positions: dict[str, int]
    content: frozenset[str]
    every: Counter[str]
    pieces: int
    segments: tuple[tuple[str, ...], ...]
    editorial: frozenset[str]
    numbers: bool
    spelled_out: frozenset[str]
    keys: tuple[str, ...]
    words: frozenset[str]


@lru_cache(maxsize=262144)
def _coarse(key: str) -> str:
    return "#" if is_number(key) else spelling_neutral(key)[:_STEM]


def _text(forms: tuple[str, ...]) -> str:
    return _SEPARATOR + _SEPARATOR.join(forms) + _SEPARATOR


def _positions(forms: tuple[str, ...]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for position, form in enumerate(forms):
        positions[form] = positions.get(form, 0) | 1 << position
    return positions


@lru_cache(maxsize=65536)
def _joined(keys: tuple[str, ...]) -> frozenset[str]:
    """Runs of two to four words written as one (``every day``/``everyday``)."""
    return frozenset(
        "".join(keys[start : start + size])
        for size in range(2, _JOINED_WORDS + 1)
        for start in range(len(keys) - size + 1)
    )


def _segments(quote: NormalisedQuote, forms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Runs of the speaker's words between gaps (ellipses and editor's words)."""
    segments: list[tuple[str, ...]] = []
    for start, end in quote.pieces:
        run: list[str] = []
        for form, word in zip(forms[start:end], quote.words[start:end], strict=True):
            if word.editorial:
                segments.append(tuple(run))
                run = []
            else:
                run.append(form)
        segments.append(tuple(run))
    return tuple(segments)


@lru_cache(maxsize=65536)
def _spelled_out(key: str) -> frozenset[str]:
    """The words a contraction stands for, but its own stem (``we're``: ``are``)."""
    if "'" not in key and key not in CONTRACTED_WORDS:
        return frozenset()
    words = {word for reading in expand_contractions([key]) for word in reading}
    return frozenset(word for word in words if not key.startswith(word))


def word_profile(quote: NormalisedQuote) -> WordProfile:
    """Counts, trigrams and forms of a quote's words."""
    keys = quote.keys
    forms = tuple(_coarse(key) for key in keys)
    pieces = [
        [
            form
            for form, word in zip(forms[start:end], quote.words[start:end], strict=True)
            if not word.editorial
        ]
        for start, end in quote.pieces
    ]
    coarse = [form for piece in pieces for form in piece]
    trigrams = frozenset(tuple(piece[i : i + 3]) for piece in pieces for i in range(len(piece) - 2))
    return WordProfile(
        length=len(coarse),
        counts=Counter(coarse),
        trigrams=trigrams,
        forms=forms,
        text=_text(forms),
        head=_text(forms[:_OVERLAP_WORDS]) if len(forms) >= _OVERLAP_WORDS else None,
        positions=_positions(forms),
        content=frozenset(form for form, key in zip(forms, keys, strict=True) if is_content(key)),
        every=Counter(forms),
        pieces=len(quote.pieces),
        segments=_segments(quote, forms),
        editorial=frozenset(
            form for form, word in zip(forms, quote.words, strict=True) if word.editorial
        ),
        numbers=any(form == "#" for form in forms),
        spelled_out=frozenset(word for key in keys for word in _spelled_out(key)),
        keys=keys,
        words=frozenset(keys),
    )


def may_link(a: WordProfile, b: WordProfile, rules: LinkRules, same_speaker: bool = True) -> bool:
    """False only when no link rule can accept the pair (see the module docstring)."""
    if not _counts_allow(a, b, rules):
        return False
    if _contained(a, b) or _contained(b, a) or _overlapping(a, b, rules):
        return True
    if same_speaker and (a.numbers or b.numbers):
        return True
    if a.pieces > 1 and b.pieces > 1:
        return True
    short, long = (a, b) if len(a.forms) <= len(b.forms) else (b, a)
    return _variant_possible(short, long, rules)


def _counts_allow(a: WordProfile, b: WordProfile, rules: LinkRules) -> bool:
    """Shared words counted regardless of order, with the slack for respelt words.

    Every rule needs all of the shorter quote's words (identical, excerpt, changed figures), a
    shared run of five words (overlapping excerpts: three shared trigrams), or enough shared
    words for a variant (four, and half the shorter quote or eight). Most pairs fail even the
    shared forms plus the fewer repeated words of the two quotes, which is cheaper to count.
    """
    short, long = (a, b) if a.length <= b.length else (b, a)
    common = short.counts.keys() & long.counts.keys()
    repeats = min(short.length - len(short.counts), long.length - len(long.counts))
    if _enough_shared(len(common) + repeats, short.length, rules) and _enough_shared(
        sum(min(short.counts[form], long.counts[form]) for form in common), short.length, rules
    ):
        return True
    return len(short.trigrams & long.trigrams) >= _OVERLAP_TRIGRAMS


def _enough_shared(shared: int, shorter: int, rules: LinkRules) -> bool:
    shared += _SLACK
    return shared >= shorter or (
        shared >= rules.min_variant_words
        and (shared >= rules.min_variant_share * shorter or shared >= rules.long_overlap_words)
    )


def _gapped(profile: WordProfile) -> bool:
    return len(profile.segments) > 1


def _contained(x: WordProfile, y: WordProfile) -> bool:
    """Could ``x`` be ``y`` or an excerpt of it, nothing changed?

    Without gaps, ``x`` is a run of ``y``. A gap in ``x`` (its ellipsis, or its editor's words)
    may stand for any words of ``y``, so ``x``'s segments are runs of ``y`` in order. A gap in
    ``y`` may stand for any words of ``x`` (``x``'s words at ``y``'s ellipsis are an omission;
    ``y``'s editor's words may replace them), so ``x`` reads as the end of one segment of ``y``,
    then whole segments, then the start of a later one, with anything at the gaps between
    (unless an editor's word of ``y`` is one of ``x``'s words: then it may be the one shared).
    """
    if not _gapped(y):
        if not _gapped(x):
            return x.text in y.text
        return _in_order(x.segments, y.text)
    if _gapped(x) or y.editorial & x.positions.keys():
        return True
    return x.text in y.text or _bridges(x.forms, y.segments)


def _in_order(segments: tuple[tuple[str, ...], ...], text: str) -> bool:
    position = 0
    for segment in segments:
        if not segment:
            continue
        found = text.find(_text(segment), position)
        if found < 0:
            return False
        position = found + len(_text(segment)) - 1
    return True


def _bridges(forms: tuple[str, ...], segments: tuple[tuple[str, ...], ...]) -> bool:
    """``forms`` = a suffix of segment ``s``, gap, whole segments, gap, a prefix of segment
    ``e``, with at least one word shared."""
    text = _text(forms)
    for s, first in enumerate(segments):
        for e in range(s + 1, len(segments)):
            inner = segments[s + 1 : e]
            if not _in_order(inner, text):
                continue
            last = segments[e]
            if any(inner) or _ends_with_start(first, forms) or _ends_with_start(forms, last):
                return True
    return False


def _ends_with_start(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Does ``before`` end with a (non-empty) start of ``after``?"""
    return any(
        before[len(before) - size :] == after[:size]
        for size in range(1, min(len(before), len(after)) + 1)
    )


def _overlapping(a: WordProfile, b: WordProfile, rules: LinkRules) -> bool:
    """Could the end of one quote be the start of the other, five words or more unchanged?

    Without gaps, one quote's first five words are then a run of the other. With gaps, at
    least five words in order, three of them content words or eight in all.
    """
    if not (_gapped(a) or _gapped(b)):
        return (a.head is not None and a.head in b.text) or (
            b.head is not None and b.head in a.text
        )
    longest = _lcs(a.positions, len(a.forms), b.forms)
    return longest >= rules.long_overlap_words or (
        longest >= rules.min_overlap_words and _shared_content(a, b) >= rules.min_overlap_content
    )


def _variant_possible(short: WordProfile, long: WordProfile, rules: LinkRules) -> bool:
    """Dense enough evidence without slack, or with it if the pair has respelt words at all
    (``_respelt`` is the slowest test, so it runs last)."""
    least = _least_evidence(len(short.forms), rules)
    common = short.positions.keys() & long.positions.keys()
    content = _shared_content(short, long, common)
    if content + _SLACK < rules.min_variant_content:
        return False
    longest = _lcs(short.positions, len(short.forms), long.forms)
    if longest + _SLACK < least:
        return False
    # A chain's span bounds the core only in a quote whose partner has no ellipsis: the shared
    # words of such a quote must hold a dense enough chain.
    bounding = [
        _places(quote, common)
        for quote, partner in ((short, long), (long, short))
        if partner.pieces == 1
    ]
    width = int((longest + _SLACK) / rules.min_variant_density + 1e-9)
    if not all(_close(places, least - _SLACK, width) for places in bounding):
        return False
    if (
        content >= rules.min_variant_content
        and longest >= least
        and all(_dense_run(places, least, rules.min_variant_density) for places in bounding)
        and _dense_chain(short, long, _Need(least, longest, 0, rules))
    ):
        return True
    return _respelt(short, long) and _dense_chain(
        short, long, _Need(least, longest + _SLACK, _SLACK, rules)
    )


def _places(profile: WordProfile, forms: set[str]) -> list[int]:
    """The positions of the words with a form in ``forms``, in order."""
    mask = 0
    for form in forms:
        mask |= profile.positions[form]
    found: list[int] = []
    while mask:
        found.append((mask & -mask).bit_length() - 1)
        mask &= mask - 1
    return found


def _close(places: list[int], count: int, width: int) -> bool:
    """Do ``count`` of the ``places`` fall within ``width``? A chain of at most ``E`` words of
    evidence spans at most ``E / density`` words, while two quotes drawn from one vocabulary
    often share enough words in order (the LCS test) but spread over the whole quote."""
    if count <= 0:
        return True
    return any(
        places[end] - places[end - count + 1] < width for end in range(count - 1, len(places))
    )


def _dense_run(places: list[int], least: int, density: float) -> bool:
    """Could a chain without slack be dense enough here? Its first and last words are shared
    words, and between them lie all its words: are there ``i < j`` among the ``places`` with
    ``j - i + 1 >= least`` and ``j - i + 1 >= density * (places[j] - places[i] + 1)``?

    With ``v(t) = t - density * places[t]`` the second reads ``v(j) - v(i) >= density - 1``,
    so one pass keeps the least ``v(i)`` of the starts at least ``least`` words back. Far
    cheaper than the box search, and in a story from one vocabulary it rejects most pairs
    that reach it.
    """
    if least <= 0:
        return True
    values = [index - density * place for index, place in enumerate(places)]
    lowest = float("inf")
    for end in range(least - 1, len(values)):
        lowest = min(lowest, values[end - least + 1])
        if values[end] - lowest >= density - 1 - 1e-9:
            return True
    return False


def _least_evidence(shorter: int, rules: LinkRules) -> int:
    least = rules.min_variant_words
    while least < rules.long_overlap_words and least < rules.min_variant_share * shorter:
        least += 1
    return least


def _shared_content(a: WordProfile, b: WordProfile, common: set[str] | None = None) -> int:
    if common is None:
        common = a.positions.keys() & b.positions.keys()
    return sum(
        min(a.every[form], b.every[form])
        for form in common
        if form in a.content or form in b.content
    )


def _lcs(positions: dict[str, int], size: int, other: tuple[str, ...]) -> int:
    """Longest common subsequence, bit-parallel (Hyyrö): one big-integer step per word."""
    full = (1 << size) - 1
    row = full
    for form in other:
        mask = positions.get(form, 0)
        if mask:
            low = row & mask
            row = ((row + low) | (row - low)) & full
    return size - row.bit_count()


@dataclass(frozen=True, slots=True)
class _Need:
    """The evidence a variant needs: ``least`` words, at most ``most`` possible."""

    least: int
    most: int
    slack: int
    rules: LinkRules


def _dense_chain(a: WordProfile, b: WordProfile, need: _Need) -> bool:
    """Is there a box from match ``(p1, q1)`` to match ``(pk, qk)`` whose common subsequence
    is dense enough for a variant (see the module docstring)?

    The search visits every start, end and row of the two quotes: for long quotes (a hundred
    words each, thousands of word pairs) it costs several times the rules' own alignment, so
    when the lengths multiply to over ``_SEARCH_CELLS`` the pair is left to the rules.
    """
    if len(a.forms) * len(b.forms) > _SEARCH_CELLS:
        return True
    previous = 0
    for q1, form in enumerate(b.forms):
        matches = a.positions.get(form, 0)
        # A start right after another match on the diagonal is never needed: the box from
        # that match has one more shared word and, with the ends, no larger core.
        starts = matches & ~(previous << 1)
        previous = matches
        while starts:
            p1 = (starts & -starts).bit_length() - 1
            starts &= starts - 1
            if _dense_from(a, b, p1, q1, need):
                return True
    return False


def _dense_from(a: WordProfile, b: WordProfile, p1: int, q1: int, need: _Need) -> bool:
    density = need.rules.min_variant_density
    size = len(a.forms) - p1
    if min(size, len(b.forms) - q1) + need.slack < need.least:
        return False
    lead = 0 if need.slack else min(p1, q1)
    # The core that bounds the evidence E (one quote has no ellipsis, or ``may_link`` has
    # accepted the pair already) spans E chain words and the lead at least, and E is at most
    # ``most``: no end can be dense enough if even ``most`` is not, compared as ``_dense`` does.
    if density * (need.most + lead) > need.most:
        return False
    full = (1 << size) - 1
    row = full
    for qk in range(q1, len(b.forms)):
        if a.pieces == 1 and density * (qk - q1 + 1 + lead) > need.most:
            return False
        mask = a.positions.get(b.forms[qk], 0) >> p1
        if not mask:
            continue
        low = row & mask
        row = ((row + low) | (row - low)) & full
        ends = mask
        while ends:
            offset = (ends & -ends).bit_length() - 1
            ends &= ends - 1
            inside = (1 << (offset + 1)) - 1
            chain = offset + 1 - (row & inside).bit_count()
            if _dense(a, b, (p1, q1, p1 + offset, qk), chain + need.slack, need):
                return True
    return False


def _dense(
    a: WordProfile, b: WordProfile, box: tuple[int, int, int, int], evidence: int, need: _Need
) -> bool:
    if evidence < need.least:
        return False
    p1, q1, pk, qk = box
    span_a = pk - p1 + 1
    span_b = qk - q1 + 1
    if not need.slack:
        # The lead and trail bounds hold for ellipses too: omissions are never at the ends.
        ends = min(p1, q1) + min(len(a.forms) - 1 - pk, len(b.forms) - 1 - qk)
        span_a += ends
        span_b += ends
    # Words of one quote at the other's ellipsis are an omission, outside the core: only the
    # span in a quote whose partner has no ellipsis bounds that quote's core.
    span = max(span_a if b.pieces == 1 else 0, span_b if a.pieces == 1 else 0)
    return evidence >= need.rules.min_variant_density * span


def _respelt(a: WordProfile, b: WordProfile) -> bool:
    """Could the rules count as the same two words whose coarse forms differ?

    Contractions (``we're``/``we are``), words joined (``everyday``/``every day``), and typos or
    spellings the neutral form misses (``word_pair_kind``, which keeps the first letter).
    """
    if _spells_out(a, b) or _spells_out(b, a):
        return True
    if _joined(a.keys) & b.words or _joined(b.keys) & a.words:
        return True
    only_b = b.positions.keys() - a.positions.keys()
    only_a = a.positions.keys() - b.positions.keys() if only_b else None
    if not only_a:
        return False
    unmatched: dict[str, list[str]] = {}
    for key, form in zip(b.keys, b.forms, strict=True):
        if form in only_b:
            unmatched.setdefault(key[:1], []).append(key)
    return any(
        key != other and _same_word(key, other)
        for key, form in zip(a.keys, a.forms, strict=True)
        if form in only_a
        for other in unmatched.get(key[:1], ())
    )


def _spells_out(a: WordProfile, b: WordProfile) -> bool:
    """Does a contraction of ``a`` stand for a word of ``b``, or for a word one of ``b``'s
    contractions stands for?"""
    return bool(a.spelled_out) and not (
        a.spelled_out.isdisjoint(b.words) and a.spelled_out.isdisjoint(b.spelled_out)
    )


@lru_cache(maxsize=262144)
def _same_word(x: str, y: str) -> bool:
    """``word_pair_kind``, with its slow spelling rules only where they can apply: apart from
    inflection (same stem), every rule changes a word in one place (one letter for a typo, a
    few for ``colour``/``color``, ``centre``/``center``, ``programme``/``program``), so the
    two words agree but for at most two letters of the shorter."""
    if _stem(x) == _stem(y):
        return True
    if abs(len(x) - len(y)) > 2:
        return False
    start = _agreeing(x, y)
    end = _agreeing(x[::-1], y[::-1])
    if start + end < min(len(x), len(y)) - 2:
        return False
    return word_pair_kind(x, y) is not None


def _agreeing(x: str, y: str) -> int:
    """How many leading letters two words share."""
    for index, (a, b) in enumerate(zip(x, y, strict=False)):
        if a != b:
            return index
    return min(len(x), len(y))


@lru_cache(maxsize=262144)
def _stem(key: str) -> str:
    return stem(key)
