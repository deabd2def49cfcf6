"""Where a quote's speaker mention and cue stand in its article, for the article view.

A report quote carries ``speaker_mention`` ("he", "Mr. Okafor") and ``cue`` ("said", "told
reporters") as strings but not their offsets (reports are stored, and the record has no room
for them). The view finds them again: the occurrence nearest to the quote, as whole words,
within the quote's paragraph (at most ``WINDOW`` characters either side) and outside every
quoted or primary span. This is a display aid and may miss (a cue spelled differently, a
mention in an earlier paragraph for a continuation): then nothing is marked, never a guess
farther away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

WINDOW = 400

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Found:
    """A span of an article text that is a quote's speaker mention or cue."""

    start: int
    end: int
    role: str  # "speaker" or "cue"


def _pattern(words: str) -> re.Pattern[str] | None:
    parts = words.split()
    if not parts:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, parts)) + r"(?!\w)")


def paragraph_window(text: str, start: int, end: int) -> Span:
    """The quote's paragraph (the line it stands on, a quote may span several), capped."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    return max(lo, start - WINDOW), min(hi, end + WINDOW)


def _overlaps(start: int, end: int, taken: Sequence[Span]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def nearest(text: str, words: str | None, quote: Span, taken: Sequence[Span]) -> Span | None:
    """The occurrence of ``words`` nearest to ``quote`` in its paragraph, outside ``taken``."""
    pattern = _pattern(words or "")
    if pattern is None:
        return None
    start, end = quote
    lo, hi = paragraph_window(text, start, end)
    best: tuple[int, Span] | None = None
    for match in pattern.finditer(text, lo, hi):
        span = match.span()
        if _overlaps(*span, taken):
            continue
        distance = max(0, span[0] - end, start - span[1])
        if best is None or distance < best[0]:
            best = (distance, span)
    return best[1] if best is not None else None


def find_attribution(
    text: str,
    quote: Span,
    mention: str | None,
    cue: str | None,
    taken: Sequence[Span],
) -> list[Found]:
    """The speaker mention and the cue of the quote at ``quote`` (each when found).

    ``taken`` are the spans already marked (every quote of the article, primary passages); the
    mention and the cue never overlap them or each other.
    """
    found: list[Found] = []
    blocked = list(taken)
    for role, words in (("speaker", mention), ("cue", cue)):
        span = nearest(text, words, quote, blocked)
        if span is not None:
            found.append(Found(span[0], span[1], role))
            blocked.append(span)
    return found
