"""The report as terminal text.

A reporter running ``quotelens check`` wants the problems first and the evidence next to them:
which outlets carry a quotation, how each worded it, and exactly which words differ. Colour is
optional (pipes and CI logs do not want escape codes), so without it the differing words are
marked ``[-old-]{+new+}``, a convention readers know from ``git diff --word-diff``.
"""

from __future__ import annotations

from dataclasses import dataclass

from worker.checker.report import Report, ReportCluster, ReportComparison, ReportQuote
from worker.render.common import (
    PROBLEM_VERDICTS,
    VERDICT_LABELS,
    Segment,
    change_kinds,
    comparisons_by_cluster,
    multi_source,
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


def diff_line(comparison: ReportComparison, color: bool) -> str:
    """The second quote's words with the first quote's differing words marked in place."""
    style = _Style(color)
    return " ".join(_segment_text(segment, style) for segment in segments(comparison.diff))


def _quote_line(quote: ReportQuote, source: str, width: int) -> str:
    return f"    {source:<{width}}  “{' '.join(quote.text.split())}”  ({quote.id})"


@dataclass(frozen=True, slots=True)
class _Index:
    quotes: dict[str, ReportQuote]
    sources: dict[str, str]


def _renamed(quote: ReportQuote) -> bool:
    return quote.reported_speaker is not None and quote.reported_speaker != quote.speaker


def _cluster_block(
    index: _Index,
    cluster: ReportCluster,
    comparisons: list[ReportComparison],
    color: bool,
) -> list[str]:
    style = _Style(color)
    quotes, sources = index.quotes, index.sources
    label = VERDICT_LABELS[cluster.verdict].upper()
    severities = {c.severity for c in comparisons if c.severity is not None}
    if cluster.verdict == "variant" and severities:
        label += " (" + ("major" if "major" in severities else "minor") + ")"
    heading = f"[{cluster.id}] {style.paint(label, _VERDICT_STYLE[cluster.verdict])}"
    lines = [f"{heading}  ·  {speakers_label(cluster, quotes)}"]
    members = [quotes[quote_id] for quote_id in cluster.quotes if quote_id in quotes]
    width = max((len(sources[q.id]) for q in members), default=0)
    lines.extend(_quote_line(q, sources[q.id], width) for q in members)
    if cluster.verdict == "speaker_conflict":
        named = "; ".join(
            f"{sources[q.id]} names {q.speaker or 'nobody'}"
            + (f" (as “{q.reported_speaker}”)" if _renamed(q) else "")
            for q in members
        )
        lines.append(f"    speakers: {named}")
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
    summary = report.summary
    lines = [
        f"quotelens report: {summary.articles} articles, {summary.quotes} quotes, "
        f"{summary.clusters} quotations",
        "  " + " · ".join(f"{item.count} {item.label}" for item in summary_items(report)),
        "",
    ]
    grouped = comparisons_by_cluster(report)
    index = _Index(
        report.quotes_by_id(),
        {quote_id: article.source for quote_id, article in report.article_of_quote().items()},
    )
    clusters = sorted(
        multi_source(report), key=lambda cluster: cluster.verdict not in PROBLEM_VERDICTS
    )
    if clusters:
        lines.append("Quotations carried by more than one outlet")
        lines.append("")
        for cluster in clusters:
            lines.extend(_cluster_block(index, cluster, grouped.get(cluster.id, []), color))
            lines.append("")
    singles = single_source(report)
    if singles:
        lines.append("Quotes found in one outlet only")
        for cluster in singles:
            for quote_id in cluster.quotes:
                quote = index.quotes.get(quote_id)
                if quote is None:
                    continue
                lines.append(
                    f"  - {index.sources[quote_id]}, {quote.speaker or 'speaker unknown'}: "
                    f"“{shorten(quote.text, 100)}”"
                )
    return "\n".join(lines).rstrip() + "\n"
