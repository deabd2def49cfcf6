"""The report as one self-contained HTML page: what a reporter opens to see whether the
outlets quote a statement the same way.

The page reads top to bottom in the order of the questions: how does the story stand (the
summary, including the checks against primary sources), which quotations need a look (cards,
problems first, with a filter that hides the rest), and where each quote stands in its article
(the texts, with every quote, its speaker mention and its cue marked). The markup is
``templates/page.html.j2`` (autoescaped); this module gathers what it shows. The page carries
its style and script inline (see ``html_style``) and loads nothing from elsewhere, so it works
saved to disk and offline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from worker.checker.report import Report
from worker.render.common import (
    comparisons_by_cluster,
    counts_line,
    facet_summary_items,
    primary_summary_items,
    summary_items,
)
from worker.render.html_article_text import ArticleTexts
from worker.render.html_clusters import Story, card_clusters, table_clusters, template_globals
from worker.render.html_markup import environment, quote_anchor
from worker.render.html_style import CSS, SCRIPT

__all__ = ["FailedArticle", "quote_anchor", "render_html"]


@dataclass(frozen=True, slots=True)
class FailedArticle:
    """An article of the story that could not be read (fetch refused, no text in the page)."""

    source: str
    error: str | None


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
    grouped = comparisons_by_cluster(report)
    cards = card_clusters(report)
    cards_title = (
        "Quotations carried by more than one outlet"
        if all(c.verdict != "single_source" for c in cards)
        else "Quotations compared across outlets and with the primary source"
    )
    template = environment().get_template("page.html.j2", globals=template_globals())
    page = template.render(
        report=report,
        title=title,
        counts=counts_line(report).replace(", ", " · "),
        verdicts=summary_items(report),
        facets=facet_summary_items(report),
        primary=primary_summary_items(report),
        failed=failed,
        cards=[(cluster, grouped.get(cluster.id, [])) for cluster in cards],
        cards_title=cards_title,
        single_clusters=table_clusters(report, cards),
        story=Story(report, texts.anchors),
        texts=texts,
        # The page's own package files, trusted as they are (the CSP hashes these strings).
        css=Markup(CSS),
        script=Markup(SCRIPT),
    )
    return page + "\n"
