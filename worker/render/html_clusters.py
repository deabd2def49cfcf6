"""What the quotation cards and the one-outlet table show; their markup is
``templates/clusters.html.j2``.

A card answers, in reading order, the questions a reporter has about one quotation: who said
it, do the outlets agree (verdict and severity), what each outlet printed (side by side, each
linked to its place in the article, with how its speaker was found), exactly which words
differ, which quote is the excerpt of which, and what the primary source says. Cards and rows
carry ``data-problem`` so the "only problems" filter can hide the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from worker.checker import report as report_model
from worker.render.common import (
    PRIMARY_LABELS,
    VERDICT_LABELS,
    attribution_how,
    change_kinds,
    checks_by_quote,
    excerpt_side,
    facets_label,
    identical_groups,
    is_problem,
    outlier_notes,
    segments,
    speakers_label,
)
from worker.render.html_article_text import primary_anchor
from worker.render.html_markup import quote_anchor


class Story:
    """Lookups every card needs, built once per page."""

    def __init__(self, report: report_model.Report, anchors: set[str]) -> None:
        self.report = report
        self.quotes = report.quotes_by_id()
        self.article_of = report.article_of_quote()
        self.articles: dict[str, report_model.ReportArticle] = {a.id: a for a in report.articles}
        self.checks = checks_by_quote(report)
        self.anchors = anchors

    def source(self, quote_id: str) -> str:
        article = self.article_of.get(quote_id)
        return article.source if article is not None else quote_id

    def members(self, cluster: report_model.ReportCluster) -> list[report_model.ReportQuote]:
        return [self.quotes[q] for q in cluster.quotes if q in self.quotes]

    def quote_target(self, quote: report_model.ReportQuote) -> str | None:
        """The quote's anchor in its article, when that is on the page."""
        anchor = quote_anchor(quote.id)
        return anchor if anchor in self.anchors else None

    def primary_target(self, check: report_model.ReportPrimaryCheck) -> str | None:
        """The anchor of the passage the quote was checked against, when it is on the page."""
        for start, end in check.primary_spans:
            anchor = primary_anchor(check.primary_article, start, end)
            if anchor in self.anchors:
                return anchor
        return None

    def primary_name(self, check: report_model.ReportPrimaryCheck) -> str:
        article = self.articles.get(check.primary_article)
        name = article.source if article is not None else check.primary_article
        return name + (f" ({check.primary_speaker})" if check.primary_speaker else "")

    def outlier_notes(self, cluster: report_model.ReportCluster) -> list[str]:
        sources = {quote.id: self.source(quote.id) for quote in self.members(cluster)}
        return outlier_notes(cluster, sources)


def verdict_label(
    cluster: report_model.ReportCluster, comparisons: Sequence[report_model.ReportComparison]
) -> str:
    label = VERDICT_LABELS[cluster.verdict]
    severities = {c.severity for c in comparisons if c.severity}
    if cluster.verdict == "variant" and severities:
        label += " · " + ("major" if "major" in severities else "minor")
    return label


def excerpt_sentence(story: Story, comparison: report_model.ReportComparison) -> str:
    """``Gazette quotes part of Daily Planet``: which quote of an excerpt pair is the excerpt."""
    a, b = story.source(comparison.a), story.source(comparison.b)
    side = excerpt_side(comparison)
    if side == "overlap":
        return f"{a} and {b} quote overlapping parts of one statement"
    part, whole = (a, b) if side == "a" else (b, a)
    return f"{part} quotes part of what {whole} quotes (the excerpt is {part}’s)"


def group_sources(story: Story, group: Sequence[str]) -> str:
    """The outlets carrying one rendering of a grouped cluster, each named once."""
    return ", ".join(dict.fromkeys(story.source(quote_id) for quote_id in group))


def has_changes(check: report_model.ReportPrimaryCheck) -> bool:
    return any(s.kind not in ("same", "gap") for s in segments(check.diff))


def template_globals() -> dict[str, Any]:
    """The names ``clusters.html.j2`` calls."""
    return {
        "PRIMARY_LABELS": PRIMARY_LABELS,
        "attribution_how": attribution_how,
        "change_kinds": change_kinds,
        "excerpt_sentence": excerpt_sentence,
        "facets_label": facets_label,
        "group_sources": group_sources,
        "identical_groups": identical_groups,
        "has_changes": has_changes,
        "is_problem": is_problem,
        "speakers_label": speakers_label,
        "verdict_label": verdict_label,
    }


def card_clusters(report: report_model.Report) -> list[report_model.ReportCluster]:
    """The quotations that get a card, problems first: every multi-outlet one, and a
    single-outlet one that the primary source contradicts."""
    chosen = [
        c
        for c in report.clusters
        if c.verdict != "single_source" or c.primary_status == "contradicted"
    ]
    return sorted(chosen, key=lambda cluster: not is_problem(cluster))


def table_clusters(
    report: report_model.Report, cards: Sequence[report_model.ReportCluster]
) -> list[report_model.ReportCluster]:
    carded = {cluster.id for cluster in cards}
    return [c for c in report.clusters if c.verdict == "single_source" and c.id not in carded]
