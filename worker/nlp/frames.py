"""Sentence frames: the unit in which a quote's attribution is looked for.

Sentences are split on the text outside quotes only, so a multi-sentence or multi-paragraph quote
stays inside one frame together with its attribution (`“A. B. C,” she said.`). Paragraph breaks
outside quotes always end a frame.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from worker.lexicon import ABBREVIATIONS, cue_lemma
from worker.nlp.quote_marks import AMBIGUOUS, OPENERS
from worker.nlp.split_quotes import Quotation

_TERMINAL = ".!?"
_CUE_LOOKAHEAD = re.compile(r"\s*([^.!?“”\"]{0,100})")
_CUE_LOOKAHEAD_WORDS = 12
_NAME_VERB = re.compile(r"[ \t]*(?:[A-Z][\w.'’-]*[ \t]+){1,3}[a-z]+ed\b")


@dataclass(frozen=True, slots=True)
class Frame:
    start: int
    end: int


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the non-blank lines: a line is a paragraph in plain-text articles."""
    starts, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(offset)
        offset += len(line) + 1
    return starts


def _starts_sentence(text: str, at: int) -> bool:
    """True when the text after ``at`` (past spaces) opens a new sentence."""
    i = at
    while i < len(text) and text[i] in " \t":
        i += 1
    if i == at or i >= len(text):
        return i >= len(text)
    ch = text[i]
    return ch.isupper() or ch.isdigit() or ch in OPENERS or ch in AMBIGUOUS


def _abbreviation_before(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    return (len(word) == 1 and word.isupper()) or "." in word or word.lower() in ABBREVIATIONS


_SHORT_CLAUSE = re.compile(r"[ \t]*([^.!?“”\"\n;:]{1,60})\.")
_SHORT_CLAUSE_WORDS = 6


def _attribution_follows(text: str, at: int, full_stop: bool) -> bool:
    """`“Why now?” Ortega asked.`, `“...missing.” Trump said.`: a quote followed by its
    attribution stays in one frame with it (the parser decides whether it attributes). After a
    question or exclamation that is a clause with a reporting verb or any short sentence; after
    a full stop only a short sentence, since a longer one that holds a cue word (`The state is
    one of 45 states ...`) is the next sentence."""
    short = _SHORT_CLAUSE.match(text, at)
    if short is not None and len(short.group(1).split()) <= _SHORT_CLAUSE_WORDS:
        return True
    if full_stop:
        return False
    match = _CUE_LOOKAHEAD.match(text, at)
    # `“...?” Miller, a retired worker from a nuclear plant, said pleasantly.`
    words = match.group(1).split()[:_CUE_LOOKAHEAD_WORDS] if match else []
    # `“All the way!” Dawson shouted, ...`: a name and a past-tense verb of any kind.
    return any(cue_lemma(w.strip(",;:")) for w in words) or bool(_NAME_VERB.match(text, at))


def _in_regions(starts: Sequence[int], ends: Sequence[int], pos: int) -> int:
    """Index of the region containing ``pos`` or -1."""
    k = bisect.bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < ends[k] else -1


def split_frames(text: str, quotations: Sequence[Quotation]) -> list[Frame]:
    """Frames covering ``text`` (blank stretches omitted), quotes kept whole."""
    regions = sorted(r for q in quotations for r in q.regions)
    starts = [r[0] for r in regions]
    ends = [r[1] for r in regions]
    region_of_close = {end: start for start, end in regions}
    cuts: list[int] = []
    i = 0
    while i < len(text):
        k = _in_regions(starts, ends, i)
        if k >= 0:
            i = ends[k]
            close = i
            inner = text[close - 2] if close >= 2 else ""
            if (
                inner in _TERMINAL
                and close in region_of_close
                and _starts_sentence(text, close)
                and not _attribution_follows(text, close, full_stop=inner == ".")
            ):
                cuts.append(close)
            continue
        ch = text[i]
        if ch == "\n" or (
            ch in _TERMINAL
            and _starts_sentence(text, i + 1)
            and not (ch == "." and _abbreviation_before(text, i))
        ):
            cuts.append(i + 1)
        i += 1
    return _frames_from_cuts(text, cuts)


def _frames_from_cuts(text: str, cuts: list[int]) -> list[Frame]:
    frames: list[Frame] = []
    start = 0
    for cut in [*cuts, len(text)]:
        segment = text[start:cut]
        if segment.strip():
            lead = len(segment) - len(segment.lstrip())
            frames.append(Frame(start + lead, start + len(segment.rstrip())))
        start = cut
    return frames
