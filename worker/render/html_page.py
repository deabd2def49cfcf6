"""The report as one self-contained HTML page: what a reporter opens to see whether the
outlets quote a statement the same way.

The page reads top to bottom in the order of the questions: how does the story stand (the
summary, including the checks against primary sources), which quotations need a look (cards,
problems first, with a filter that hides the rest), and where each quote stands in its article
(the texts, with every quote marked and linked). It carries everything inline (see
``html_style``) and loads nothing from elsewhere, so it works saved to disk and offline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from worker.checker.report import Report
from worker.render.common import (
    comparisons_by_cluster,
    counts_line,
    facet_summary_items,
    primary_summary_items,
    summary_items,
)
from worker.render.html_article_text import ArticleTexts
from worker.render.html_clusters import (
    Story,
    card_clusters,
    cluster_html,
    singles_html,
    table_clusters,
)
from worker.render.html_markup import esc, quote_anchor
from worker.render.html_style import CSS, SCRIPT

__all__ = ["FailedArticle", "quote_anchor", "render_html"]


@dataclass(frozen=True, slots=True)
class FailedArticle:
    """An article of the story that could not be read (fetch refused, no text in the page)."""

    source: str
    error: str | None


def _items(items: Sequence[tuple[str, str, int]]) -> str:
    return "".join(
        f'<li class="{esc(css)}"><strong>{count}</strong> {esc(label)}</li>'
        for css, label, count in items
    )


def _summary_html(report: Report) -> str:
    verdicts = [(f"v-{i.key}", i.label, i.count) for i in summary_items(report)]
    html = (
        f'<p class="meta">{esc(counts_line(report).replace(", ", " · "))}</p>'
        f'<ul class="summary" aria-label="Summary">{_items(verdicts)}</ul>'
    )
    facets = [(f"f-{i.key}", i.label, i.count) for i in facet_summary_items(report)]
    if facets:
        html += (
            '<p class="summary-label" id="facet-summary">'
            "Quotations in several outlets, by wording and by speaker</p>"
            '<ul class="summary" aria-labelledby="facet-summary">'
            f"{_items(facets)}</ul>"
        )
    primary = [(f"p-{i.key}", i.label, i.count) for i in primary_summary_items(report)]
    if primary:
        html += (
            '<p class="summary-label" id="primary-summary">Against the primary sources</p>'
            '<ul class="summary" aria-labelledby="primary-summary">'
            f"{_items(primary)}</ul>"
        )
    return html


def _failures_html(failed: Sequence[FailedArticle]) -> str:
    if not failed:
        return ""
    items = "".join(
        f"<li><strong>{esc(f.source)}</strong>: {esc(f.error or 'could not be processed')}</li>"
        for f in failed
    )
    count = (
        "1 article could not be read</strong> and is"
        if len(failed) == 1
        else f"{len(failed)} articles could not be read</strong> and are"
    )
    return (
        f'<div class="failures" role="note"><p><strong>{count} not part of this check.</p>'
        f"<ul>{items}</ul></div>"
    )


def _toolbar_html() -> str:
    return (
        '<div class="toolbar"><div>'
        '<p class="filter"><input type="checkbox" id="only-problems"> '
        '<label for="only-problems">Only problems (altered, conflicting or contradicted '
        "quotations)</label></p>"
        '<p id="filter-status" role="status" aria-live="polite"></p>'
        "</div></div>"
    )


def render_html(
    report: Report,
    article_texts: Mapping[str, str] | None = None,
    *,
    title: str | None = None,
    failed: Sequence[FailedArticle] = (),
) -> str:
    """The whole report as one HTML document (UTF-8, no external resources).

    ``article_texts`` (article id -> text) puts the articles on the page with every quote
    marked and linked; ``title`` names the story; ``failed`` lists articles left out.
    """
    # Articles left out for their language (``warnings``) are listed with the failed ones.
    failed = [*failed, *(FailedArticle(w.source, w.message) for w in report.warnings)]
    texts = ArticleTexts(report, article_texts)
    story = Story(report, texts.anchors)
    grouped = comparisons_by_cluster(report)
    cards = card_clusters(report)
    cards_html = "".join(cluster_html(story, c, grouped.get(c.id, [])) for c in cards)
    if not cards:
        cards_html = "<p>No quotation was found in more than one outlet.</p>"
    singles = table_clusters(report, cards)
    cards_title = (
        "Quotations carried by more than one outlet"
        if all(c.verdict != "single_source" for c in cards)
        else "Quotations compared across outlets and with the primary source"
    )
    heading = esc(title) if title else "Quote check"
    body = [
        '<a class="skip" href="#main">Skip to the quotations</a>',
        '<header><div class="page-head"><div>',
        '<p class="eyebrow">Quote check</p>' if title else "",
        f"<h1>{heading}</h1>",
        _summary_html(report),
        _failures_html(failed),
        "</div></div></header>",
        _toolbar_html(),
        '<main id="main">',
        '<section aria-labelledby="h-clusters"><h2 id="h-clusters">'
        f"{cards_title}</h2>{cards_html}</section>",
        singles_html(story, singles) if singles else "",
        texts.section_html(),
        "</main>",
        f"<script>{SCRIPT}</script>",
    ]
    page_title = f"Quote check: {esc(title)}" if title else "Quote check report"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{page_title}</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
