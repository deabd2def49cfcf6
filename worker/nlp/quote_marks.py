"""Find direct quotations by their double quote marks.

Only double marks delimit quotes: apostrophes and single marks inside a quote are nested quotes
or contractions and stay part of the text. The scanner never raises: an unclosed mark ends the
quote at the end of its paragraph (journalists' typos must not cost the rest of the article), and
a paragraph that ends inside a quote continues into the next one when that paragraph opens with a
quote mark, which is how multi-paragraph quotes are written.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = frozenset("“„«‟")
CLOSERS = frozenset("”»")
AMBIGUOUS = frozenset('"″')
MARKS = OPENERS | CLOSERS | AMBIGUOUS


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """A quotation as found in the text.

    ``pieces`` are the content spans (marks excluded), one per paragraph; ``region`` is the span
    from the first opening mark to just after the closing mark, the part of the text that
    sentence splitting and attribution must treat as opaque.
    """

    pieces: tuple[tuple[int, int], ...]
    region: tuple[int, int]
    closed: bool


def _looks_like_opener(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _looks_like_closer(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _next_paragraph_opens_quote(text: str, para_end: int) -> int | None:
    """Index of the opening mark that starts the next paragraph, if it starts with one."""
    i = para_end
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and (text[i] in OPENERS or text[i] in AMBIGUOUS):
        return i
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _Scanner:
    """Walks the marks once, left to right; state is the quote currently open."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[MarkedQuote] = []
        self.region_start = -1
        self.piece_start = -1
        self.pieces: list[tuple[int, int]] = []

    @property
    def is_open(self) -> bool:
        return self.region_start >= 0

    def open(self, at: int) -> None:
        self.region_start, self.piece_start, self.pieces = at, at + 1, []

    def finish(self, content_end: int, region_end: int, closed: bool) -> None:
        pieces = [*self.pieces, (self.piece_start, content_end)]
        kept = tuple(
            span for span in (_trimmed(self.text, s, e) for s, e in pieces) if span[1] > span[0]
        )
        if any(any(ch.isalnum() for ch in self.text[s:e]) for s, e in kept):
            self.found.append(MarkedQuote(kept, (self.region_start, region_end), closed))
        self.region_start = -1

    def run(self) -> list[MarkedQuote]:
        text, i = self.text, 0
        while i < len(text):
            ch = text[i]
            if ch == "\n" and self.is_open:
                i = self._paragraph_break(i)
                continue
            if ch in MARKS:
                self._mark(i)
            i += 1
        if self.is_open:
            self.finish(len(text), len(text), closed=False)
        return self.found

    def _paragraph_break(self, at: int) -> int:
        reopen = _next_paragraph_opens_quote(self.text, at)
        if reopen is None:
            self.finish(at, at, closed=False)
            return at + 1
        self.pieces.append((self.piece_start, at))
        self.piece_start = reopen + 1
        return reopen + 1

    def _mark(self, at: int) -> None:
        ch = self.text[at]
        if not self.is_open:
            if ch in OPENERS or (ch in AMBIGUOUS and not _stray_closer(self.text, at)):
                self.open(at)
            return
        if ch in CLOSERS or (ch in AMBIGUOUS and not _looks_like_opener(self.text, at)):
            self.finish(at, at + 1, closed=True)
            return
        # An opening mark while a quote is open: the earlier mark was never closed.
        self.finish(_last_sentence_end(self.text, self.piece_start, at), at, closed=False)
        self.open(at)


def _stray_closer(text: str, at: int) -> bool:
    """A straight mark glued to the previous word (`6" pipe`, a lost closer) opens nothing."""
    return _looks_like_closer(text, at) and not _looks_like_opener(text, at)


def _last_sentence_end(text: str, start: int, end: int) -> int:
    for i in range(end - 1, start - 1, -1):
        if text[i] in ".!?":
            return i + 1
    return end


def find_quotes(text: str) -> list[MarkedQuote]:
    """All double-quoted spans in ``text``, in order, never raising on unbalanced marks."""
    return _Scanner(text).run()
