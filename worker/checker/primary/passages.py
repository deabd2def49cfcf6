"""A primary source as the words each of its speakers said, ready to align quotes against.

A statement is one passage (its speaker's); a transcript gives one passage per speaker, their
turns in order with the questions and the header left out, so a quote that runs on from one
answer into the speaker's next turn still reads as contiguous. Each passage keeps where its
words stand in the original text (one span per paragraph of speech) so a check can point at the
paragraph it matched. A primary source nobody is named for (no speaker, no labels) has no
passages: its words cannot confirm an attribution.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate, pairwise

from worker.checker.text.normalise import NormalisedQuote, Word, normalise_quote
from worker.nlp.quote_marks import find_quotes
from worker.nlp.transcripts import read_primary
from worker.records import PrimarySource, SpeakerType

Gram = tuple[str, ...]
GRAM = 3
# A trigram found more often than this in one passage (``one of the``) says little about where a
# quote stands; it only votes when nothing rarer does.
CROWDED = 50


def join_words(parts: Sequence[NormalisedQuote]) -> NormalisedQuote:
    """Several normalised texts as one run of words (ellipses inside each part kept)."""
    words: list[Word] = []
    pieces: list[tuple[int, int]] = []
    boundaries: set[int] = set()
    for part in parts:
        offset = len(words)
        words.extend(part.words)
        pieces.extend((start + offset, end + offset) for start, end in part.pieces)
        boundaries.update(position + offset for position in part.boundaries)
    return NormalisedQuote(
        words=tuple(words),
        pieces=tuple(pieces),
        keys=tuple(word.key for word in words),
        boundaries=frozenset(boundaries),
    )


def slice_words(text: NormalisedQuote, start: int, end: int) -> NormalisedQuote:
    """Words ``start:end`` of a normalised text, as a text of their own."""
    words = text.words[start:end]
    pieces = tuple(
        (max(s, start) - start, min(e, end) - start)
        for s, e in text.pieces
        if s < end and e > start
    )
    return NormalisedQuote(
        words=words,
        pieces=pieces,
        keys=text.keys[start:end],
        boundaries=frozenset(b - start for b in text.boundaries if start < b < end),
    )


@dataclass(frozen=True, slots=True)
class PrimarySpeaker:
    """Who speaks in a primary source: a name, and the title a transcript label gives."""

    name: str
    title: str | None = None
    kind: SpeakerType | None = None

    def label(self) -> str:
        """``Ana Ortega (Mayor)``, as the primary source presents the speaker."""
        return f"{self.name} ({self.title})" if self.title else self.name


@dataclass(frozen=True, slots=True)
class Passage:
    """One speaker's words in one primary article.

    ``spans`` are the character ranges of the stretches of speech in the article text (a
    paragraph, or the part of one inside or outside quotation marks: ``quoted``), and
    ``ends[k]`` the number of words up to the end of stretch ``k``. ``grams`` indexes the word
    trigrams, so a quote is found without scanning a long passage word by word.
    """

    source: PrimarySource
    speaker: PrimarySpeaker
    words: NormalisedQuote
    spans: tuple[tuple[int, int], ...]
    ends: tuple[int, ...]
    quoted: tuple[bool, ...]
    grams: dict[Gram, list[int]] = field(compare=False, repr=False)
    matcher: SequenceMatcher[str] = field(compare=False, repr=False)

    def anchor(self, keys: Sequence[str], start: int, end: int) -> int | None:
        """Where word 0 of a quote stands if its words ``start:end`` are in the passage.

        The offset most trigrams of the piece agree on (the first on a tie); a piece shorter
        than a trigram must be found whole. ``None`` when not even one trigram is there.
        """
        if end - start < GRAM:
            self.matcher.set_seq1(keys)
            i, j, size = self.matcher.find_longest_match(start, end, 0, len(self.words))
            return j - i if size == end - start else None
        hits = [
            (i, positions)
            for i in range(start, end - GRAM + 1)
            if (positions := self.grams.get(tuple(keys[i : i + GRAM])))
        ]
        rare = [(i, positions) for i, positions in hits if len(positions) <= CROWDED]
        votes = Counter(j - i for i, positions in (rare or hits) for j in positions)
        if not votes:
            return None
        return max(votes.items(), key=lambda item: (item[1], -item[0]))[0]

    def _units(self, start: int, end: int) -> range:
        if end <= start:
            return range(0)
        return range(
            bisect.bisect_right(self.ends, start), bisect.bisect_right(self.ends, end - 1) + 1
        )

    def spans_of(self, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches of text that words ``start:end`` stand in."""
        return [self.spans[unit] for unit in self._units(start, end)]

    def quoted_between(self, start: int, end: int) -> bool:
        """Words ``start:end`` are all inside quotation marks: the primary quotes someone."""
        units = self._units(start, end)
        return bool(units) and all(self.quoted[unit] for unit in units)


def _split_at_quotes(
    spans: Sequence[tuple[int, int]], regions: Sequence[tuple[int, int]]
) -> list[tuple[tuple[int, int], bool]]:
    """Each span cut where quotation marks open and close, with whether the piece is quoted.

    A press release quoting its chief executive holds words that are not the institution's
    own; knowing which are quoted keeps them from proving that an outlet misattributed them.
    """
    pieces: list[tuple[tuple[int, int], bool]] = []
    for start, end in spans:
        cuts = sorted({start, end, *(p for r in regions for p in r if start < p < end)})
        for a, b in pairwise(cuts):
            inside = any(r_start <= a and b <= r_end for r_start, r_end in regions)
            pieces.append(((a, b), inside))
    return pieces


def _passage(
    source: PrimarySource,
    speaker: PrimarySpeaker,
    spans: list[tuple[int, int]],
    regions: Sequence[tuple[int, int]],
) -> Passage | None:
    kept = [
        (span, quoted, part)
        for span, quoted in _split_at_quotes(spans, regions)
        if (part := normalise_quote(source.text[span[0] : span[1]])).words
    ]
    if not kept:
        return None
    words = join_words([part for _, _, part in kept])
    ends = tuple(accumulate(len(part.words) for _, _, part in kept))
    grams: dict[Gram, list[int]] = {}
    for position in range(len(words.keys) - GRAM + 1):
        grams.setdefault(words.keys[position : position + GRAM], []).append(position)
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words.keys)
    return Passage(
        source,
        speaker,
        words,
        tuple(span for span, _, _ in kept),
        ends,
        tuple(quoted for _, quoted, _ in kept),
        grams,
        matcher,
    )


def primary_passages(source: PrimarySource) -> list[Passage]:
    """The passages of one primary source, one per speaker, in order of first turn."""
    primary = read_primary(source.text, source.speaker)
    titles = dict(primary.speakers())
    spans: dict[str, list[tuple[int, int]]] = {}
    for turn in primary.turns:
        if turn.speaker is not None and not turn.question:
            spans.setdefault(turn.speaker, []).extend(turn.spans)
    regions = [quote.region for quote in find_quotes(source.text)]
    passages: list[Passage] = []
    for name, speaker_spans in spans.items():
        labelled = primary.labelled and name != source.speaker
        speaker = PrimarySpeaker(name, titles.get(name), "person" if labelled else None)
        passage = _passage(source, speaker, speaker_spans, regions)
        if passage is not None:
            passages.append(passage)
    return passages
