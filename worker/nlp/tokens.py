"""Helpers over spaCy tokens that know which characters are inside quotes.

Parsing happens per frame, so token offsets are relative to the frame; ``Regions`` carries the
frame's quoted spans in the same coordinates.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

PROPER_TAGS = frozenset({"NNP", "NNPS"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


class Regions:
    """Sorted, non-overlapping character spans (quoted text) with O(log n) membership."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]

    def __contains__(self, offset: object) -> bool:
        if not isinstance(offset, int):
            return False
        k = bisect.bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]

    def has_token(self, token: Token) -> bool:
        return token.idx in self

    @property
    def last_end(self) -> int:
        return self.ends[-1] if self.ends else 0


def is_verb(token: Token) -> bool:
    return str(token.tag_).startswith("VB") or token.tag_ == "MD"


def is_proper(token: Token) -> bool:
    return token.tag_ in PROPER_TAGS


def text_of(tokens: Sequence[Token]) -> str:
    """The original text covered by ``tokens`` (which must be in order), spacing kept."""
    if not tokens:
        return ""
    # A span's text, not ``doc.text[...]``: ``Doc.text`` joins the whole document on each call.
    return str(tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text)
