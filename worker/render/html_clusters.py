"""The quotations on the page: one card per quotation carried by several outlets (or checked
against a primary source and found wanting), and a table of the quotes found in one outlet.

A card answers, in reading order, the questions a reporter has about one quotation: who said
it, do the outlets agree (verdict and severity), what each outlet printed (side by side, each
linked to its place in the article), exactly which words differ, and what the primary source
says. Cards and rows carry ``data-problem`` so the "only problems" filter can hide the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from worker.checker.report import (
    Report,
    ReportArticle,
    ReportCluster,
    ReportComparison,
    ReportPrimaryCheck,
    ReportQuote,
)
from worker.render.common import (
    PRIMARY_LABELS,
    VERDICT_LABELS,
    change_kinds,
    checks_by_quote,
    facets_label,
    identical_groups,
    is_problem,
    outlier_notes,
    segments,
    speakers_label,
)
from worker.render.html_article_text import primary_anchor
from worker.render.html_markup import diff_html, dom_id, esc, quote_anchor


class Story:
    """Lookups every card needs, built once per page."""

    def __init__(self, report: Report, anchors: set[str]) -> None:
        self.report = report
        self.quotes = report.quotes_by_id()
        self.article_of = report.article_of_quote()
        self.articles: dict[str, ReportArticle] = {a.id: a for a in report.articles}
        self.checks = checks_by_quote(report)
        self.anchors = anchors

    def source(self, quote_id: str) -> str:
        article = self.article_of.get(quote_id)
        return article.source if article is not None else quote_id

    def quote_text(self, quote: ReportQuote) -> str:
        """The quote as printed, linked to its place in the article when that is on the page."""
        text = esc(" ".join(quote.text.split()))
        anchor = quote_anchor(quote.id)
        return f'<a href="#{anchor}">{text}</a>' if anchor in self.anchors else text

    def primary_link(self, check: ReportPrimaryCheck, label: str) -> str:
        """A link to the passage the quote was checked against, when it is on the page."""
        for start, end in check.primary_spans:
            anchor = primary_anchor(check.primary_article, start, end)
            if anchor in self.anchors:
                return f' <a class="more" href="#{anchor}">{esc(label)}</a>'
        return ""

    def primary_name(self, check: ReportPrimaryCheck) -> str:
        article = self.articles.get(check.primary_article)
        name = article.source if article is not None else check.primary_article
        return name + (f" ({check.primary_speaker})" if check.primary_speaker else "")


def _status_badge(status: str, label: str) -> str:
    return f'<span class="badge p-{esc(status)}">{esc(label)}</span>'


def _verdict_label(cluster: ReportCluster, comparisons: Sequence[ReportComparison]) -> str:
    label = VERDICT_LABELS[cluster.verdict]
    severities = {c.severity for c in comparisons if c.severity}
    if cluster.verdict == "variant" and severities:
        label += " · " + ("major" if "major" in severities else "minor")
    return label


def _version_html(story: Story, quote: ReportQuote) -> str:
    speaker = esc(quote.speaker) if quote.speaker else "<em>no speaker named</em>"
    if quote.reported_speaker and quote.reported_speaker != quote.speaker:
        speaker += f" (as “{esc(quote.reported_speaker)}”)"
    check = story.checks.get(quote.id)
    chip = ""
    if check is not None:
        chip = " " + _status_badge(check.status, "primary: " + PRIMARY_LABELS[check.status])
    return (
        f'<figure class="version"><figcaption><strong>{esc(story.source(quote.id))}</strong>'
        f'<span class="who">{speaker}</span>{chip}</figcaption>'
        f"<blockquote>{story.quote_text(quote)}</blockquote></figure>"
    )


_RELATED = {
    "identical": "Same words",
    "excerpt": "One quotes part of the other",
}


def _variant_html(story: Story, comparison: ReportComparison) -> str:
    kinds = ", ".join(change_kinds(comparison))
    head = (
        f"{esc(story.source(comparison.a))} → {esc(story.source(comparison.b))}: variant, "
        f"<strong>{esc(comparison.severity)}</strong>" + (f" ({esc(kinds)})" if kinds else "")
    )
    return f'<li><p>{head}</p><p class="diff">{diff_html(comparison.diff)}</p></li>'


def _comparisons_html(
    story: Story, comparisons: Sequence[ReportComparison], cluster: ReportCluster | None = None
) -> str:
    """Variants one by one with their word diff; identical and excerpt pairs grouped, and a
    grouped cluster's identical copies (``identical_groups``) one line per rendering."""
    items = [_variant_html(story, c) for c in comparisons if c.wording == "variant"]
    if cluster is not None:
        for group in identical_groups(cluster):
            named = ", ".join(esc(source) for source in dict.fromkeys(map(story.source, group)))
            items.append(f"<li><p>Same words (identical, {len(group)} quotes): {named}</p></li>")
    for wording, label in _RELATED.items():
        pairs = [
            f"{esc(story.source(c.a))} and {esc(story.source(c.b))}"
            for c in comparisons
            if c.wording == wording
        ]
        if pairs:
            items.append(f'<li><p>{label} ({wording}): {"; ".join(pairs)}</p></li>')
    return "".join(items)


def _has_changes(check: ReportPrimaryCheck) -> bool:
    return any(s.kind not in ("same", "gap") for s in segments(check.diff))


def _check_html(story: Story, quote: ReportQuote, check: ReportPrimaryCheck) -> str:
    label = PRIMARY_LABELS[check.status] + (f" · {check.severity}" if check.severity else "")
    head = (
        f"<strong>{esc(story.source(quote.id))}</strong> against "
        f"{esc(story.primary_name(check))}: " + _status_badge(check.status, label)
    )
    if check.misattributed:
        head += (
            f" — these are {esc(check.primary_speaker or 'another speaker')}’s words, "
            f"but the outlet names {esc(quote.speaker or 'someone else')}"
        )
    head += story.primary_link(check, "see the original")
    diff = ""
    if check.status == "contradicted" and _has_changes(check):
        diff = f'<p class="diff">{diff_html(check.diff)}</p>'
    return f"<li><p>{head}</p>{diff}</li>"


def _primary_html(story: Story, cluster: ReportCluster, members: Sequence[ReportQuote]) -> str:
    checked = [(quote, story.checks[quote.id]) for quote in members if quote.id in story.checks]
    if not checked:
        return ""
    heading = dom_id("hp", cluster.id)
    note = f'<p class="note">{esc(cluster.primary_note)}</p>' if cluster.primary_note else ""
    items = "".join(_check_html(story, quote, check) for quote, check in checked)
    return (
        f'<section class="primary" aria-labelledby="{heading}">'
        f'<h4 id="{heading}">Against the primary source</h4>{note}'
        f'<ul class="checks">{items}</ul></section>'
    )


def cluster_html(
    story: Story, cluster: ReportCluster, comparisons: Sequence[ReportComparison]
) -> str:
    """One quotation's card."""
    problem = "true" if is_problem(cluster) else "false"
    members = [story.quotes[q] for q in cluster.quotes if q in story.quotes]
    heading = dom_id("h", cluster.id)
    label = _verdict_label(cluster, comparisons)
    badges = f'<span class="badge v-{esc(cluster.verdict)}">{esc(label)}</span>'
    if cluster.primary_status is not None:
        badges += _status_badge(
            cluster.primary_status, "Primary source: " + PRIMARY_LABELS[cluster.primary_status]
        )
    facets = facets_label(cluster)
    if facets:
        badges += f'<span class="badge facets">{esc(facets)}</span>'
    sources = {quote.id: story.source(quote.id) for quote in members}
    notes = outlier_notes(cluster, sources)
    outliers = ""
    if notes:
        items = "".join(f"<li><p>{esc(note)}</p></li>" for note in notes)
        outliers = (
            f'<h4 id="{dom_id("ho", cluster.id)}">Attribution outliers '
            "(probably extraction errors; the verdict stands)</h4>"
            f'<ul class="outliers">{items}</ul>'
        )
    versions = "".join(_version_html(story, quote) for quote in members)
    compared = ""
    if comparisons or identical_groups(cluster):
        compared = (
            f'<h4 id="{dom_id("hc", cluster.id)}">How the outlets compare</h4>'
            f'<ul class="comparisons">{_comparisons_html(story, comparisons, cluster)}</ul>'
        )
    return (
        f'<article class="cluster" id="{dom_id("cluster", cluster.id)}" '
        f'data-verdict="{esc(cluster.verdict)}" data-problem="{problem}" '
        f'aria-labelledby="{heading}">'
        f'<div class="cluster-head"><h3 id="{heading}">'
        f"{esc(speakers_label(cluster, story.quotes))}</h3>"
        f'<p class="badges">{badges}</p></div>'
        f'<div class="versions">{versions}</div>'
        f"{outliers}{compared}{_primary_html(story, cluster, members)}"
        "</article>"
    )


def singles_html(story: Story, clusters: Sequence[ReportCluster]) -> str:
    """The quotes only one outlet carries, one table row each."""
    with_primary = bool(story.report.primary_checks)
    rows = []
    for cluster in clusters:
        for quote_id in cluster.quotes:
            quote = story.quotes.get(quote_id)
            if quote is None:
                continue
            cells = (
                f"<td>{esc(story.source(quote_id))}</td>"
                f"<td>{esc(quote.speaker) if quote.speaker else '—'}</td>"
                f"<td>{story.quote_text(quote)}</td>"
            )
            if with_primary:
                check = story.checks.get(quote_id)
                cells += "<td>" + (
                    _status_badge(check.status, PRIMARY_LABELS[check.status])
                    + story.primary_link(check, "original")
                    if check is not None
                    else "—"
                ) + "</td>"
            problem = "true" if is_problem(cluster) else "false"
            rows.append(f'<tr class="single" data-problem="{problem}">{cells}</tr>')
    primary_head = '<th scope="col">Primary source</th>' if with_primary else ""
    return (
        '<section aria-labelledby="h-single" data-problem="false">'
        '<h2 id="h-single">Quotes found in one outlet only</h2>'
        '<div class="table-wrap"><table><thead><tr><th scope="col">Outlet</th>'
        '<th scope="col">Speaker</th>'
        f'<th scope="col">Quote</th>{primary_head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div></section>'
    )


def card_clusters(report: Report) -> list[ReportCluster]:
    """The quotations that get a card, problems first: every multi-outlet one, and a
    single-outlet one that the primary source contradicts."""
    chosen = [
        c
        for c in report.clusters
        if c.verdict != "single_source" or c.primary_status == "contradicted"
    ]
    return sorted(chosen, key=lambda cluster: not is_problem(cluster))


def table_clusters(report: Report, cards: Sequence[ReportCluster]) -> list[ReportCluster]:
    carded = {cluster.id for cluster in cards}
    return [c for c in report.clusters if c.verdict == "single_source" and c.id not in carded]

