"""The story's article texts on the page, with every quote (and every primary-source passage a
quote was checked against) marked in place and given an anchor the report links to.

Offsets are kept end to end so a reader can see a quote in its context. They come from stored
reports, possibly of an older release and with a text edited since, so a span that does not fit
the text, or overlaps an earlier one, is skipped rather than trusted; only anchors that were
actually placed are reported, so no link on the page points nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from worker.checker.report import Report, ReportArticle, ReportPrimaryCheck, ReportQuote
from worker.render.html_markup import dom_id, esc, external_link, quote_anchor


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of an article text to highlight; ``anchor`` is its element id, if it has one."""

    start: int
    end: int
    css: str
    anchor: str | None = None
    quote: str | None = None


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


def marked_text(text: str, marks: Sequence[Mark]) -> tuple[str, set[str]]:
    """``text`` escaped with ``marks`` wrapped in spans; also the anchors that were placed."""
    out: list[str] = []
    anchors: set[str] = set()
    cursor = 0
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if not 0 <= mark.start < mark.end <= len(text) or mark.start < cursor:
            continue
        out.append(esc(text[cursor : mark.start]))
        attributes = f' class="{mark.css}"'
        if mark.anchor is not None:
            attributes += f' id="{esc(mark.anchor)}"'
            anchors.add(mark.anchor)
        if mark.quote is not None:
            attributes += f' data-quote="{esc(mark.quote)}"'
        out.append(f"<span{attributes}>{esc(text[mark.start : mark.end])}</span>")
        cursor = mark.end
    out.append(esc(text[cursor:]))
    return "".join(out), anchors


class ArticleTexts:
    """The marked texts of the articles whose text is known, and the anchors they hold."""

    def __init__(self, report: Report, texts: Mapping[str, str] | None) -> None:
        self.report = report
        self.marked: dict[str, str] = {}
        self.anchors: set[str] = set()
        for article in report.articles:
            text = (texts or {}).get(article.id)
            if text is None:
                continue
            marks = quote_marks(article) + primary_marks(article.id, report.primary_checks)
            self.marked[article.id], placed = marked_text(text, marks)
            self.anchors |= placed

    def section_html(self) -> str:
        """The "Articles" section (empty when no text is known)."""
        if not self.marked:
            return ""
        blocks = []
        for article in self.report.articles:
            marked = self.marked.get(article.id)
            if marked is None:
                continue
            heading = dom_id("ha", article.id)
            title = esc(article.title or article.source)
            tag = ' <span class="tag">primary source</span>' if article.primary else ""
            meta = ""
            if article.title or article.url:
                meta = f'<p class="meta">{external_link(article.url, article.source)}</p>'
            blocks.append(
                f'<article class="article" id="{dom_id("article", article.id)}" '
                f'aria-labelledby="{heading}">'
                f'<h3 id="{heading}">{title}{tag}</h3>{meta}'
                f'<div class="article-text" tabindex="0" aria-label="Text of {title}">'
                f"{marked}</div></article>"
            )
        return (
            '<section aria-labelledby="h-articles">'
            f'<h2 id="h-articles">Articles</h2>{"".join(blocks)}</section>'
        )
