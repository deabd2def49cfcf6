"""Tokenising and longest-common-subsequence alignment, exactly as the gold format defines them.

The gold metrics (``/work/shared/gold/FORMAT.md``) compare texts as sequences of words: lower-cased
runs of letters and digits, apostrophes dropped, so that ``We’re`` and ``were`` or ``U.N.-led`` and
``UN led`` differ only where the outlets really differ. Overlap is the length of the longest common
subsequence (LCS) of two such sequences, taken densely: within a window of the other text about as
long as the quote (``dense``). The alignment (which positions matched) is also returned so that
several reported quotes can be combined on one gold quote (see ``extraction.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Apostrophes are removed before splitting so that contractions stay one word ("we’re" -> "were").
# U+2019 is also the closing single quote mark; dropping it at a word edge changes nothing.
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u2032]")
# Runs of Unicode letters and digits: ``\w`` without the underscore.
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> tuple[str, ...]:
    """Return the words of ``text`` as the gold metrics define them."""
    return tuple(_WORD.findall(_APOSTROPHES.sub("", text).lower()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two word sequences.

    Bit-parallel (Hyyrö 2004): one integer operation per word of ``b``, which matters because the
    dense overlap below computes an LCS for many windows of every article's quotes.
    """
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for index, word in enumerate(a):
        masks[word] = masks.get(word, 0) | (1 << index)
    full = (1 << len(a)) - 1
    v = full
    for word in b:
        mask = masks.get(word)
        if mask:
            u = v & mask
            v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def lcs_alignment(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """One longest common subsequence of ``a`` and ``b`` as matched index pairs ``(i, j)``.

    Needed where the scorer must know *which* words of a quote were covered, not only how many,
    so that the coverage of several quotes can be united without counting a word twice. Among
    equally long alignments the walk from the front takes a match as soon as it lies on a longest
    path, as the reference scorer (``../shared/eval/score.py``) does, so both unite the same words.
    """
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return []
    # table[i][j]: LCS length of a[i:] and b[j:]
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, nxt = table[i], table[i + 1]
        word_a = a[i]
        for j in range(m - 1, -1, -1):
            if word_a == b[j]:
                row[j] = nxt[j + 1] + 1
            else:
                row[j] = nxt[j] if nxt[j] >= row[j + 1] else row[j + 1]
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def dense_width(size: int) -> int:
    """The longest window of the other text that a quote of ``size`` words is matched within."""
    return int(1.5 * size) + 2


def dense(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """Dense overlap of ``a`` with ``b`` and where in ``b`` its window starts (FORMAT.md).

    Only words of ``a`` that appear close together in ``b`` count: the result is the largest LCS
    of ``a`` with a window of ``b`` at most ``dense_width(len(a))`` words long (the plain LCS when
    ``b`` is that short). Without the window a long article quote would "contain" any short quote
    whose common words it scatters. Among equally good windows the first is taken.
    """
    if not a or not b:
        return 0, 0
    width = dense_width(len(a))
    if len(b) <= width:
        return lcs_length(a, b), 0
    vocabulary = set(a)
    hits = [1 if word in vocabulary else 0 for word in b]
    # A best window starts on a word of ``a`` (or is the last one); the words of ``a`` it holds
    # bound its LCS, so windows are tried best bound first and the search stops early.
    run = sum(hits[:width])
    last = len(b) - width
    bounds: list[tuple[int, int]] = []
    for start in range(last + 1):
        if start:
            run += hits[start + width - 1] - hits[start - 1]
        if hits[start] or start == last:
            bounds.append((min(run, len(a)), -start))
    best, at = 0, 0
    for bound, negative_start in sorted(bounds, reverse=True):
        if bound <= best:
            break
        start = -negative_start
        overlap = lcs_length(a, b[start : start + width])
        if overlap > best:
            best, at = overlap, start
    return best, at


def reaches(overlap: int, total: int, *, numerator: int = 3, denominator: int = 5) -> bool:
    """Whether ``overlap`` covers at least ``numerator/denominator`` (60%) of ``total`` words.

    Integer arithmetic, so the 60% boundary is exact (3 of 5 words is found, 2 of 4 is not).
    A text without words is never covered: there is nothing to find.
    """
    return total > 0 and overlap * denominator >= total * numerator
