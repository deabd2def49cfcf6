"""Judge pairs of quotes, each distinct pair of texts once.

Outlets that run one wire story carry its quotes word for word, so a large story holds the same
quote many times over, and the pairs a check judges (candidates, then every pair inside a
cluster) repeat the same two texts again and again. Alignment and the word diff depend only on
the two normalised texts and on whether the speakers agree, so they are computed once per
distinct ``(text, text, same speaker, compatible speakers)`` and shared; the result is the same as
judging each pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from worker.checker.matching.diffs import diff_ops
from worker.checker.matching.wording import LinkRules, Match, classify
from worker.checker.report import DiffOp
from worker.checker.text.normalise import NormalisedQuote

_PairKey = tuple[int, int, bool, bool]


@dataclass(frozen=True, slots=True)
class Link:
    """A match between quotes ``a`` and ``b`` (indices, ``a < b``, different articles)."""

    a: int
    b: int
    match: Match
    same_speaker: bool

    @property
    def short_side(self) -> int:
        """The quote a weak link hangs on (the contained excerpt)."""
        return self.a if self.match.contained == "a" else self.b


class Linker:
    """The memo of one check: it lives as long as one ``build_report`` call."""

    def __init__(
        self,
        words: Sequence[NormalisedQuote],
        speakers: Sequence[str | None],
        rules: LinkRules,
        stand_ins: Sequence[bool] = (),
    ) -> None:
        """``stand_ins[i]``: quote ``i`` names no speaker in its own right (``speaker_kinds``)."""
        texts: dict[NormalisedQuote, int] = {}
        self._stand_in = list(stand_ins) or [False] * len(words)
        self._text = [texts.setdefault(quote, len(texts)) for quote in words]
        self._words = words
        self._speakers = speakers
        self._rules = rules
        self._matches: dict[_PairKey, Match | None] = {}
        self._diffs: dict[_PairKey, list[DiffOp]] = {}

    def text_id(self, i: int) -> int:
        """Quote ``i``'s normalised text as a number: equal for identical renderings."""
        return self._text[i]

    def same_speaker(self, i: int, j: int) -> bool:
        speaker = self._speakers[i]
        return speaker is not None and speaker == self._speakers[j]

    def compatible(self, i: int, j: int) -> bool:
        """The speakers do not disagree: the same, or one unknown or a stand-in."""
        if self.same_speaker(i, j):
            return True
        return any(self._speakers[k] is None or self._stand_in[k] for k in (i, j))

    def link(self, i: int, j: int) -> Link | None:
        """The link between quotes ``i`` and ``j`` (``i < j``), or None when unrelated."""
        same = self.same_speaker(i, j)
        compatible = same or self.compatible(i, j)
        key = (self._text[i], self._text[j], same, compatible)
        if key in self._matches:
            match = self._matches[key]
        else:
            match = classify(self._words[i], self._words[j], same, self._rules, compatible)
            self._matches[key] = match
        return None if match is None else Link(i, j, match, same)

    def diff(self, link: Link) -> list[DiffOp]:
        """The word-level diff of a link, as the report prints it."""
        key = (
            self._text[link.a],
            self._text[link.b],
            link.same_speaker,
            link.same_speaker or self.compatible(link.a, link.b),
        )
        found = self._diffs.get(key)
        if found is None:
            match = link.match
            found = diff_ops(
                self._words[link.a], self._words[link.b], match.alignment.steps, match.kinds
            )
            self._diffs[key] = found
        return found
