"""Tokenising and longest-common-subsequence alignment, exactly as the gold format defines them.

The gold metrics (``/work/shared/gold/FORMAT.md``) compare texts as sequences of words: lower-cased
runs of letters and digits, apostrophes dropped, so that ``We’re`` and ``were`` or ``U.N.-led`` and
``UN led`` differ only where the outlets really differ. Overlap is the length of the longest common
subsequence (LCS) of two such sequences; the alignment (which positions matched) is also returned so
that several reported quotes can be combined on one gold quote (see ``extraction.py``).
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

    Linear memory: the scorer calls this for every (reported, gold) quote pair of an article.
    """
    if not a or not b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for word_a in a:
        current = [0]
        for j, word_b in enumerate(b, start=1):
            if word_a == word_b:
                current.append(previous[j - 1] + 1)
            else:
                current.append(max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def lcs_alignment(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """One longest common subsequence of ``a`` and ``b`` as matched index pairs ``(i, j)``.

    Needed where the scorer must know *which* words of a quote were covered, not only how many,
    so that the coverage of several quotes can be united without counting a word twice. Among
    equally long alignments the backtrack prefers matching as late as possible, which is
    deterministic; the length is always ``lcs_length(a, b)``.
    """
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return []
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        row, nxt = table[i], table[i + 1]
        word_a = a[i]
        for j in range(m):
            if word_a == b[j]:
                nxt[j + 1] = row[j] + 1
            else:
                nxt[j + 1] = nxt[j] if nxt[j] >= row[j + 1] else row[j + 1]
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            pairs.append((i - 1, j - 1))
            i -= 1
            j -= 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def reaches(overlap: int, total: int, *, numerator: int = 3, denominator: int = 5) -> bool:
    """Whether ``overlap`` covers at least ``numerator/denominator`` (60%) of ``total`` words.

    Integer arithmetic, so the 60% boundary is exact (3 of 5 words is found, 2 of 4 is not).
    A text without words is never covered: there is nothing to find.
    """
    return total > 0 and overlap * denominator >= total * numerator
