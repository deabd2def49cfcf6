"""The report as terminal text.

A reporter running ``quotelens check`` wants the problems first and the evidence next to them:
which outlets carry a quotation, how each worded it, and exactly which words differ. Colour is
optional (pipes and CI logs do not want escape codes), so without it the differing words are
marked ``[-old-]{+new+}``, a convention readers know from ``git diff --word-diff``.
"""

from __future__ import annotations

from dataclasses import dataclass

from worker.checker.report import (
    DiffKind,
    DiffOp,
    Report,
    ReportCluster,
    ReportComparison,
    ReportPrimaryCheck,
    ReportQuote,
)
from worker.render.common import (
    PRIMARY_LABELS,
    VERDICT_LABELS,
    Segment,
    change_kinds,
    checks_by_quote,
    comparisons_by_cluster,
    counts_line,
    facet_summary_items,
    facets_label,
    identical_groups,
    is_problem,
    multi_source,
    outlier_notes,
    plural,
    primary_summary_items,
    segments,
    shorten,
    single_source,
    speakers_label,
    summary_items,
)

_RESET = "\x1b[0m"
_VERDICT_STYLE = {
    "consistent": "\x1b[32m",
    "variant": "\x1b[33;1m",
    "speaker_conflict": "\x1b[31;1m",
    "single_source": "\x1b[2m",
}


@dataclass(frozen=True, slots=True)
class _Style:
    """Markers around deleted and inserted words, with or without ANSI colour."""

    color: bool

    def paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def deleted(self, words: tuple[str, ...]) -> str:
        text = " ".join(words)
        return f"\x1b[31;9m{text}{_RESET}" if self.color else f"[-{text}-]"

    def inserted(self, words: tuple[str, ...]) -> str:
        text = " ".join(words)
        return f"\x1b[32;4m{text}{_RESET}" if self.color else f"{{+{text}+}}"


def _segment_text(segment: Segment, style: _Style) -> str:
    if segment.kind == "same":
        return " ".join(segment.new)
    if segment.kind == "gap":
        return "…"
    if segment.kind == "editorial":
        return "[" + " ".join(segment.new or segment.old) + "]"
    if segment.kind == "inserted":
        return style.inserted(segment.new)
    if segment.kind == "deleted":
        return style.deleted(segment.old)
    return style.deleted(segment.old) + style.inserted(segment.new)


def _diff_text(diff: list[DiffOp], color: bool) -> str:
    style = _Style(color)
    return " ".join(_segment_text(segment, style) for segment in segments(diff))


def diff_line(comparison: ReportComparison, color: bool) -> str:
    """The second quote's words with the first quote's differing words marked in place."""
    return _diff_text(comparison.diff, color)


@dataclass(frozen=True, slots=True)
class _Index:
    quotes: dict[str, ReportQuote]
    sources: dict[str, str]
    checks: dict[str, ReportPrimaryCheck]


def _quote_line(index: _Index, quote: ReportQuote, width: int) -> str:
    line = f"    {index.sources[quote.id]:<{width}}  “{' '.join(quote.text.split())}”  ({quote.id})"
    check = index.checks.get(quote.id)
    return line + (f"  [{_check_label(check)}]" if check else "")


def _check_label(check: ReportPrimaryCheck) -> str:
    label = PRIMARY_LABELS[check.status].lower()
    if check.misattributed:
        return f"{label}: said by {check.primary_speaker}"
    return f"{label}, {check.severity}" if check.severity else label


def _kinds(diff: list[DiffOp]) -> list[DiffKind]:
    kinds = (segment.change for segment in segments(diff))
    return list(dict.fromkeys(kind for kind in kinds if kind is not None))


def _shows_diff(check: ReportPrimaryCheck) -> bool:
    """Changed words are worth a diff line; a misattribution's words are the original's."""
    return check.status == "contradicted" and not check.misattributed


def _primary_lines(index: _Index, cluster: ReportCluster, color: bool) -> list[str]:
    """The primary source's verdict on a quotation, and how each contradicted quote differs."""
    if cluster.primary_note is None:
        return []
    lines = [f"    primary: {cluster.primary_note}"]
    for quote_id in cluster.quotes:
        check = index.checks.get(quote_id)
        if check is None or not _shows_diff(check):
            continue
        kinds = ", ".join(_kinds(check.diff))
        lines.append(
            f"    {quote_id} ({index.sources[quote_id]}) vs primary source: {check.severity}"
            + (f" ({kinds})" if kinds else "")
        )
        lines.append(f"      {_diff_text(check.diff, color)}")
    return lines


def _renamed(quote: ReportQuote) -> bool:
    return quote.reported_speaker is not None and quote.reported_speaker != quote.speaker


def _cluster_block(
    index: _Index,
    cluster: ReportCluster,
    comparisons: list[ReportComparison],
    color: bool,
    number: int,
) -> list[str]:
    style = _Style(color)
    quotes, sources = index.quotes, index.sources
    label = VERDICT_LABELS[cluster.verdict].upper()
    severities = {c.severity for c in comparisons if c.severity is not None}
    if cluster.verdict == "variant" and severities:
        label += " (" + ("major" if "major" in severities else "minor") + ")"
    heading = f"[{number}] {style.paint(label, _VERDICT_STYLE[cluster.verdict])}"
    lines = [f"{heading}  ·  {speakers_label(cluster, quotes)}"]
    facets = facets_label(cluster)
    if facets:
        lines.append(f"    {facets}")
    members = [quotes[quote_id] for quote_id in cluster.quotes if quote_id in quotes]
    width = max((len(sources[q.id]) for q in members), default=0)
    lines.extend(_quote_line(index, q, width) for q in members)
    lines.extend(f"    attribution outlier: {note}" for note in outlier_notes(cluster, sources))
    lines.extend(_primary_lines(index, cluster, color))
    if cluster.verdict == "speaker_conflict":
        named = "; ".join(
            f"{sources[q.id]} names {q.speaker or 'nobody'}"
            + (f" (as “{q.reported_speaker}”)" if _renamed(q) else "")
            for q in members
        )
        lines.append(f"    speakers: {named}")
    for group in identical_groups(cluster):
        named = ", ".join(dict.fromkeys(sources[q] for q in group if q in sources))
        lines.append(f"    same words (identical) in {plural(len(group), 'quote')}: {named}")
    for comparison in comparisons:
        source_a = sources[comparison.a]
        source_b = sources[comparison.b]
        relation = (
            f"{comparison.a} ({source_a}) ~ {comparison.b} ({source_b}): {comparison.wording}"
        )
        if comparison.wording == "variant":
            kinds = ", ".join(change_kinds(comparison))
            relation += f", {comparison.severity}" + (f" ({kinds})" if kinds else "")
            lines.append(f"    {relation}")
            lines.append(f"      {diff_line(comparison, color)}")
        else:
            lines.append(f"    {relation}")
    return lines


def render_text(report: Report, color: bool = False) -> str:
    """The whole report for a terminal: summary, clusters (problems first), single sources."""
    lines = [
        f"quotelens report: {counts_line(report)}",
        "  " + " · ".join(f"{item.count} {item.label}" for item in summary_items(report)),
    ]
    primary = primary_summary_items(report)
    if primary:
        counts = " · ".join(f"{item.count} {item.label}" for item in primary)
        lines.append(f"  against primary sources: {counts}")
    facets = facet_summary_items(report)
    if facets:
        counts = " · ".join(f"{item.count} {item.label}" for item in facets)
        lines.append(f"  by facet: {counts}")
    for warning in report.warnings:
        lines.append(f"  {warning.source}: {warning.message}")
    lines.append("")
    grouped = comparisons_by_cluster(report)
    index = _Index(
        report.quotes_by_id(),
        {quote_id: article.source for quote_id, article in report.article_of_quote().items()},
        checks_by_quote(report),
    )
    clusters = sorted(multi_source(report), key=lambda cluster: not is_problem(cluster))
    if clusters:
        lines.append("Quotations carried by more than one outlet")
        lines.append("")
        # Numbered as shown (1, 2, 3 ...): single-source clusters are listed apart, so their
        # ids would leave gaps.
        for number, cluster in enumerate(clusters, start=1):
            comparisons = grouped.get(cluster.id, [])
            lines.extend(_cluster_block(index, cluster, comparisons, color, number))
            lines.append("")
    singles = single_source(report)
    if singles:
        lines.append("Quotes found in one outlet only")
        for cluster in singles:
            for quote_id in cluster.quotes:
                quote = index.quotes.get(quote_id)
                if quote is None:
                    continue
                check = index.checks.get(quote_id)
                lines.append(
                    f"  - {index.sources[quote_id]}, {quote.speaker or 'speaker unknown'}: "
                    f"“{shorten(quote.text, 100)}”"
                    + (f"  [{_check_label(check)}]" if check else "")
                )
                if check is not None and _shows_diff(check):
                    lines.append(f"      vs primary source: {_diff_text(check.diff, color)}")
    return "\n".join(lines).rstrip() + "\n"
