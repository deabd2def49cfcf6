"""The story's article texts on the page, with every quote (and every primary-source passage a
quote was checked against) marked in place and given an anchor the report links to, and each
quote's attribution made visible: its speaker mention and cue marked as labelled spans (as
spaCy's displaCy marks entities), and a note after the quote saying who it is attributed to,
how extraction found the speaker and how confident it is.

Offsets are kept end to end so a reader can see a quote in its context. They come from stored
reports, possibly of an older release and with a text edited since, so a span that does not fit
the text, or overlaps an earlier one, is skipped rather than trusted; only anchors that were
actually placed are reported, so no link on the page points nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from worker.checker.report import Report, ReportArticle, ReportPrimaryCheck, ReportQuote
from worker.render.attribution_spans import find_attribution
from worker.render.common import attribution_label
from worker.render.html_markup import dom_id, macro, quote_anchor


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of an article text to highlight; ``anchor`` is its element id, if it has one.

    ``label`` is shown next to the span (a zero-width mark with a label is a note placed at
    ``start``); ``title`` is its tooltip.
    """

    start: int
    end: int
    css: str
    anchor: str | None = None
    quote: str | None = None
    label: str | None = None
    title: str | None = None


Piece = tuple[str, Mark | None]


def primary_anchor(article_id: str, start: int, end: int) -> str:
    """The element id of a passage of a primary article (shared by every check that cites it)."""
    return dom_id("primary", article_id, str(start), str(end))


def _quote_spans(quote: ReportQuote) -> list[tuple[int, int]]:
    return list(quote.spans) or [(quote.start, quote.end)]


def quote_marks(article: ReportArticle) -> list[Mark]:
    """Each quote's spans; the first span of a quote carries its anchor."""
    return [
        Mark(start, end, "quote-span", quote_anchor(quote.id) if number == 0 else None, quote.id)
        for quote in article.quotes
        for number, (start, end) in enumerate(_quote_spans(quote))
    ]


def primary_marks(article_id: str, checks: Iterable[ReportPrimaryCheck]) -> list[Mark]:
    """The passages of one primary article that checks cite, each once."""
    spans = {
        (start, end)
        for check in checks
        if check.primary_article == article_id
        for start, end in check.primary_spans
    }
    return [Mark(s, e, "primary-span", primary_anchor(article_id, s, e)) for s, e in sorted(spans)]


def attribution_marks(text: str, article: ReportArticle, taken: Sequence[Mark]) -> list[Mark]:
    """Each quote's speaker mention and cue (when found near it), and a note after the quote.

    A mention or cue shared by two quotes (``X said "..." and "..."``) is marked once, for both.
    """
    blocked = [(m.start, m.end) for m in taken]
    found: dict[tuple[int, int, str], list[str]] = {}
    notes: list[Mark] = []
    for quote in article.quotes:
        spans = _quote_spans(quote)
        if not all(0 <= s < e <= len(text) for s, e in spans):
            continue
        region = (min(s for s, _ in spans), max(e for _, e in spans))
        for item in find_attribution(text, region, quote.speaker_mention, quote.cue, blocked):
            found.setdefault((item.start, item.end, item.role), []).append(quote.id)
        label = attribution_label(quote)
        notes.append(Mark(region[1], region[1], "attr-note", None, quote.id, label))
    marks = [
        Mark(start, end, f"attr attr-{role}", None, " ".join(ids), role, _title(role, ids, article))
        for (start, end, role), ids in found.items()
    ]
    return marks + notes


def _title(role: str, quote_ids: Sequence[str], article: ReportArticle) -> str:
    speakers = {q.id: q.speaker for q in article.quotes}
    if role == "cue":
        return "reporting verb of " + ", ".join(quote_ids)
    names = dict.fromkeys(speakers.get(q) or "nobody resolved" for q in quote_ids)
    return "speaker of " + ", ".join(quote_ids) + ": " + " / ".join(names)


def pieces(text: str, marks: Sequence[Mark]) -> tuple[list[Piece], set[str]]:
    """``text`` cut into plain and marked pieces; also the anchors that were placed.

    A mark that does not fit the text or overlaps an earlier one is left out.
    """
    out: list[Piece] = []
    anchors: set[str] = set()
    cursor = 0
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        fits = 0 <= mark.start <= mark.end <= len(text) and mark.start >= cursor
        if not fits or (mark.start == mark.end and mark.label is None):
            continue
        if mark.start > cursor:
            out.append((text[cursor : mark.start], None))
        out.append((text[mark.start : mark.end], mark))
        if mark.anchor is not None:
            anchors.add(mark.anchor)
        cursor = mark.end
    if cursor < len(text):
        out.append((text[cursor:], None))
    return out, anchors


def marked_text(text: str, marks: Sequence[Mark]) -> tuple[str, set[str]]:
    """``text`` as escaped HTML with ``marks`` wrapped in spans; also the anchors placed."""
    cut, anchors = pieces(text, marks)
    return macro("markup.html.j2", "marked", cut), anchors


class ArticleTexts:
    """The marked texts of the articles whose text is known, and the anchors they hold."""

    def __init__(self, report: Report, texts: Mapping[str, str] | None) -> None:
        self.marked: dict[str, list[Piece]] = {}
        self.anchors: set[str] = set()
        for article in report.articles:
            text = (texts or {}).get(article.id)
            if text is None:
                continue
            marks = quote_marks(article) + primary_marks(article.id, report.primary_checks)
            marks += attribution_marks(text, article, marks)
            self.marked[article.id], placed = pieces(text, marks)
            self.anchors |= placed
