"""Find direct quotations by their double quote marks, as the article prints them.

Only double marks delimit quotes: apostrophes and single marks inside a quote are nested quotes
or contractions and stay part of the text. The scanner never raises: an unclosed mark ends the
quote at the end of its paragraph (journalists' typos must not cost the rest of the article), and
a paragraph that ends inside a quote continues into the next one when that paragraph opens with a
quote mark, which is how multi-paragraph quotes are written. A curly mark typed the wrong way
round (`”We had a long talk,” she said`) is read by its position, like a straight one.

Articles do not all print double marks, so quotes are found on a view of the text
(``printed_view``): mojibake repaired, doubled apostrophes (`''...''`, as news archives store
quotes) and TeX marks (two backticks, two apostrophes) read as double marks, and an article that
quotes with single marks throughout (`'...'`, `‘...’`, British style) has its quoting single marks
read as double ones. Offsets found on the view are mapped back to the text as submitted.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from dataclasses import dataclass, replace

from worker.lexicon import cue_lemma
from worker.nlp.text_repair import Edit, TextView, repair
from worker.records import Quote

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
        ch, text = self.text[at], self.text
        if not self.is_open:
            if (
                ch in OPENERS
                or (ch in AMBIGUOUS and not _stray_closer(text, at))
                or (ch in CLOSERS and _reversed_opener(text, at))
            ):
                self.open(at)
            return
        if (
            ch in CLOSERS
            or (ch in AMBIGUOUS and not _looks_like_opener(text, at))
            or (ch in OPENERS and _stray_closer(text, at))
        ):
            self.finish(at, at + 1, closed=True)
            return
        # An opening mark while a quote is open: the earlier mark was never closed.
        self.finish(_last_sentence_end(self.text, self.piece_start, at), at, closed=False)
        self.open(at)


def _stray_closer(text: str, at: int) -> bool:
    """A straight mark glued to the previous word (`6" pipe`, a lost closer) opens nothing."""
    return _looks_like_closer(text, at) and not _looks_like_opener(text, at)


def _reversed_opener(text: str, at: int) -> bool:
    """`”We had a long talk,” he said`: a closing mark typed where a quote opens (after a space
    or at a paragraph start, glued to the next word) opens it."""
    return _looks_like_opener(text, at) and not _looks_like_closer(text, at)


def _last_sentence_end(text: str, start: int, end: int) -> int:
    for i in range(end - 1, start - 1, -1):
        if text[i] in ".!?":
            return i + 1
    return end


def scan_quotes(text: str) -> list[MarkedQuote]:
    """All double-quoted spans of ``text`` read as it is (no view), in order."""
    return _Scanner(text).run()


def find_quotes(text: str) -> list[MarkedQuote]:
    """All quoted spans in ``text``, in order, never raising on unbalanced marks; found on the
    printed view (``printed_view``), with offsets into ``text``."""
    view = printed_view(text)
    found = scan_quotes(view.text)
    if not view.changed:
        return found
    return [_to_original(view, quote) for quote in found]


def _to_original(view: TextView, quote: MarkedQuote) -> MarkedQuote:
    def span(s: int, e: int) -> tuple[int, int]:
        return view.to_original(s), view.to_original(e)

    return MarkedQuote(
        tuple(span(s, e) for s, e in quote.pieces), span(*quote.region), quote.closed
    )


def quote_on_original(view: TextView, quote: Quote) -> Quote:
    """A quote extracted from ``view.text`` with its offsets moved into the original text (its
    ``text`` stays the repaired wording)."""
    if not view.changed:
        return quote
    spans = tuple((view.to_original(s), view.to_original(e)) for s, e in quote.spans)
    return replace(
        quote, start=view.to_original(quote.start), end=view.to_original(quote.end), spans=spans
    )


# --- Marks as printed -------------------------------------------------------------------------

# Two apostrophes (ASCII or curly) or two backticks stand for one double mark. Three apostrophes
# are an apostrophe and a mark: a closer after a plural possessive, an opener before `'Tis`.
_DOUBLED = re.compile(r"``|‘‘|’’|'{2,3}")
_SINGLE_OR_BREAK = re.compile("['‘’\n]")
_OPEN_AFTER = '([{—–-/"“„'
# Words that begin with an elision apostrophe: `'n'`, `'em`, `'til`, `'90s` (digits) never open.
_ELISIONS = frozenset(
    {"n", "em", "til", "tis", "twas", "cause", "cos", "bout", "round", "s", "d", "nuff", "ere"}
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CUE_WINDOW = 6


def printed_view(text: str) -> TextView:
    """``text`` with mojibake repaired and its quote marks read as double marks.

    A view's own text is read as it is: extraction finds the quotes of views it made, so the
    recent views are remembered (by hash and length, not holding the texts) to cost nothing twice.
    """
    key = (hash(text), len(text))
    if key in _RECENT_VIEWS:
        return TextView(text, text)
    view = repair(text)
    view = view.then(doubled_mark_edits(view.text))
    view = view.then(single_mark_edits(view.text))
    _RECENT_VIEWS[(hash(view.text), len(view.text))] = None
    while len(_RECENT_VIEWS) > _RECENT_LIMIT:
        _RECENT_VIEWS.popitem(last=False)
    return view


_RECENT_LIMIT = 4096
_RECENT_VIEWS: OrderedDict[tuple[int, int], None] = OrderedDict()


def doubled_mark_edits(text: str) -> list[Edit]:
    """Doubled apostrophes, TeX's two backticks and two apostrophes: each pair becomes one double
    mark (straight for apostrophes, so the scanner reads the direction from the position)."""
    edits = []
    for match in _DOUBLED.finditer(text):
        start, end, marks = match.start(), match.end(), match.group()
        if marks in ("``", "‘‘"):
            edits.append(Edit(start, end, "“"))
        elif len(marks) == 2:
            edits.append(Edit(start, end, '"'))
        elif start > 0 and text[start - 1].isalnum():
            edits.append(Edit(start + 1, end, '"'))
        else:
            edits.append(Edit(start, end - 1, '"'))
    return edits


@dataclass(frozen=True, slots=True)
class _SingleSpan:
    """A stretch between an opening and a closing single mark."""

    open: int
    close: int


def single_mark_edits(text: str) -> list[Edit]:
    """An article that quotes with single marks throughout gets them read as double marks.

    Decided per article, so that apostrophes (`don't`, `Obama's`, `the '90s`, `rock 'n' roll`)
    never become quotes in an article that quotes with double marks: single-mark spans are read
    as quotes only when more of them stand next to a reporting verb (`'...,' she said`, `said:
    '...'`) than there are double-mark quotes outside them. Double marks nested in a single-mark
    quote (`'He told me "never",' she said`) become single, as the nesting requires.
    """
    spans = _single_spans(text)
    cued = [span for span in spans if _next_to_cue(text, span)]
    if not cued:
        return []
    doubles = scan_quotes(text)
    double_regions = [q.region for q in doubles]
    single_regions = [(span.open, span.close + 1) for span in spans]
    # A single-mark quote nested in a double-mark one (`"He told me 'never,' she said"`) says
    # nothing about the article's style.
    cued = [span for span in cued if not _within(double_regions, (span.open, span.close + 1))]
    nested = [_within(single_regions, q.region) for q in doubles]
    if not cued or len(cued) <= nested.count(False):
        return []
    edits = []
    for span in spans:
        edits.append(Edit(span.open, span.open + 1, "“"))
        edits.append(Edit(span.close, span.close + 1, "”"))
    for quote, inside in zip(doubles, nested, strict=True):
        if not inside:
            continue
        start, end = quote.region
        if text[start] in MARKS:
            edits.append(Edit(start, start + 1, "‘"))
        if quote.closed and text[end - 1] in MARKS:
            edits.append(Edit(end - 1, end, "’"))
    return edits


def _within(regions: list[tuple[int, int]], region: tuple[int, int]) -> bool:
    """Whether ``region`` lies strictly inside one of the sorted, disjoint ``regions``."""
    k = bisect.bisect_right(regions, (region[0], -1)) - 1
    return k >= 0 and regions[k][0] < region[0] and region[1] < regions[k][1]


def _single_opener(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    if not (before.isspace() or before in _OPEN_AFTER):
        return False
    word = _WORD.match(text, at + 1)
    if word is None:
        return False
    return word.group().lower().rstrip("'’") not in _ELISIONS


def _single_closer(text: str, at: int) -> tuple[bool, bool]:
    """Whether a single mark can close a quote, and whether it is only weakly a closer (it may be
    a plural possessive or a dropped g: `the players' union`, `goin' home`)."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if before.isspace() or after.isalnum():
        return False, False
    weak = before in "sSn" and after in " \t" and text[at + 2 : at + 3].isalnum()
    return True, weak


def _single_spans(text: str) -> list[_SingleSpan]:
    """Opening and closing single marks paired within each paragraph, left to right."""
    spans: list[_SingleSpan] = []
    opened = weak = -1
    for match in _SINGLE_OR_BREAK.finditer(text):
        at, ch = match.start(), match.group()
        if ch == "\n":
            if opened >= 0 and weak >= 0:
                spans.append(_SingleSpan(opened, weak))
            opened = weak = -1
            continue
        if opened < 0:
            if ch != "’" and _single_opener(text, at):
                opened, weak = at, -1
            continue
        closes, is_weak = _single_closer(text, at)
        if closes and not is_weak:
            spans.append(_SingleSpan(opened, at))
            opened = -1
        elif closes and weak < 0:
            weak = at
        elif ch != "’" and weak >= 0 and _single_opener(text, at):
            spans.append(_SingleSpan(opened, weak))
            opened, weak = at, -1
    if opened >= 0 and weak >= 0:
        spans.append(_SingleSpan(opened, weak))
    return [span for span in spans if any(c.isalnum() for c in text[span.open : span.close])]


def _next_to_cue(text: str, span: _SingleSpan) -> bool:
    """`'...,' the minister said`, `said Ortega: '...'`: a reporting verb within a few words after
    the closing mark (same sentence) or before the opening one (ending in a comma or colon)."""
    if len(text[span.open + 1 : span.close].split()) < 2:
        return False
    after = re.split(r"[.!?\n]", text[span.close + 1 : span.close + 120], maxsplit=1)[0]
    if any(cue_lemma(w) for w in _WORD.findall(after)[:_CUE_WINDOW]):
        return True
    line_start = text.rfind("\n", 0, span.open) + 1
    before = text[max(line_start, span.open - 120) : span.open].rstrip()
    if not before.endswith((",", ":")):
        return False
    before = re.split(r"[.!?]\s", before)[-1]
    return any(cue_lemma(w) for w in _WORD.findall(before)[-_CUE_WINDOW:])


# Two marks at least (an opening and a closing one): a lone `6"` is not a quote left unread.
_UNREAD_MIN_MARKS = 2


def unread_marks_message(text: str) -> str | None:
    """For an article that gave no quote: a warning when it prints quote-like marks, so that a
    style the scanner does not read (or marks it read wrongly) shows in the report instead of
    passing for an article without quotes."""
    view = printed_view(text).text
    marks = sum(1 for ch in view if ch in MARKS) + 2 * len(_single_spans(view))
    if marks < _UNREAD_MIN_MARKS:
        return None
    return (
        f"no quote was extracted although the text has {marks} quote-like marks: its quotes may "
        "be printed in a style that was not recognised (or the marks enclose only titles and "
        "scare quotes)"
    )
