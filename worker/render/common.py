"""What both renderers show, decided once: labels, grouping and the reading of a diff.

The text and HTML views must tell the same story (a reader switching between the terminal and
the browser should find the same clusters, counts and highlighted words), so everything except
the markup lives here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from worker.checker.report import (
    DiffKind,
    DiffOp,
    PrimaryStatus,
    Report,
    ReportCluster,
    ReportComparison,
    ReportPrimaryCheck,
    ReportQuote,
    Verdict,
)

VERDICT_LABELS: dict[Verdict, str] = {
    "consistent": "Corroborated",
    "variant": "Altered",
    "speaker_conflict": "Conflicting attribution",
    "single_source": "Single source",
}
PROBLEM_VERDICTS: frozenset[Verdict] = frozenset({"variant", "speaker_conflict"})
PRIMARY_LABELS: dict[PrimaryStatus, str] = {
    "verified": "Verified",
    "contradicted": "Contradicted",
    "not_found": "Not found",
}
# How extraction found the speaker (``ReportQuote.attribution``), in a reader's words.
ATTRIBUTION_LABELS: dict[str, str] = {
    "adjacent_cue": "cue next to the quote",
    "governing_cue": "cue governing the quote",
    "colon": "introduced with a colon",
    "layout": "named by the layout",
    "continuation": "previous speaker continues",
    "coreference": "pronoun or role resolved",
    "none": "no attribution found",
}
# Diff runs that are not changes to the speaker's words.
_GAP_KINDS = frozenset({"excerpt", "omission"})

SegmentKind = Literal["same", "inserted", "deleted", "replaced", "gap", "editorial"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a diff as a reader sees it: ``old`` words from ``a``, ``new`` from ``b``."""

    kind: SegmentKind
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    change: DiffKind | None = None


@dataclass(frozen=True, slots=True)
class SummaryItem:
    key: str
    label: str
    count: int


def summary_items(report: Report) -> list[SummaryItem]:
    summary = report.summary
    return [
        SummaryItem("consistent", "corroborated", summary.corroborated),
        SummaryItem("variant", "altered", summary.variants),
        SummaryItem("speaker_conflict", "conflicting", summary.speaker_conflicts),
        SummaryItem("single_source", "single-source", summary.single_source),
    ]


def facet_summary_items(report: Report) -> list[SummaryItem]:
    """Both facets of the quotations carried by several outlets; none when there are none.

    A conflict does not hide a misquote here: the wording counts cover every such quotation.
    """
    summary = report.summary
    if not any(cluster.wording_facet is not None for cluster in report.clusters):
        return []
    return [
        SummaryItem("w-consistent", "same words", summary.wording_consistent),
        SummaryItem(
            "w-variant", f"altered ({summary.major_variants} major)", summary.wording_variants
        ),
        SummaryItem("s-agreed", "speaker agreed", summary.speakers_agreed),
        SummaryItem("s-outlier", "with an attribution outlier", summary.attribution_outliers),
        SummaryItem("s-conflict", "speaker in conflict", summary.speaker_conflicts),
    ]


def facets_label(cluster: ReportCluster) -> str | None:
    """``words: variant (major) · speaker: outlier``; ``None`` for a single-source quote."""
    if cluster.wording_facet is None or cluster.speaker_facet is None:
        return None
    words: str = cluster.wording_facet
    if cluster.wording_severity:
        words += f" ({cluster.wording_severity})"
    return f"words: {words} · speaker: {cluster.speaker_facet}"


def outlier_notes(cluster: ReportCluster, sources: Mapping[str, str]) -> list[str]:
    """One sentence per overruled attribution: who the outlet names, and why it is weak."""
    return [
        f"{outlier.source} names {outlier.speaker} ({outlier.quote}), the others "
        f"{outlier.majority_speaker}: {outlier.reason}"
        for outlier in cluster.attribution_outliers
    ]


def primary_summary_items(report: Report) -> list[SummaryItem]:
    """Counts of the checks against primary sources; none when the story has no primary."""
    if not report.primary_checks:
        return []
    summary = report.summary
    return [
        SummaryItem("verified", "verified", summary.verified),
        SummaryItem("contradicted", "contradicted", summary.contradicted),
        SummaryItem("not_found", "not found", summary.not_found),
    ]


def is_problem(cluster: ReportCluster) -> bool:
    """Whether a reader checking the story must look at this quotation: outlets disagree on
    words or speaker, or the primary source says otherwise."""
    return cluster.verdict in PROBLEM_VERDICTS or cluster.primary_status == "contradicted"


def checks_by_quote(report: Report) -> dict[str, ReportPrimaryCheck]:
    return {check.quote: check for check in report.primary_checks}


def segments(diff: Sequence[DiffOp]) -> list[Segment]:
    """The diff as runs to display; excerpting and omissions collapse into one gap."""
    result: list[Segment] = []
    for op in diff:
        if op.op == "equal":
            segment = Segment("same", tuple(op.a), tuple(op.b))
        elif op.kind in _GAP_KINDS:
            if result and result[-1].kind == "gap":
                continue
            segment = Segment("gap")
        elif op.kind == "editorial":
            segment = Segment("editorial", tuple(op.a), tuple(op.b))
        elif op.op == "insert":
            segment = Segment("inserted", (), tuple(op.b), op.kind)
        elif op.op == "delete":
            segment = Segment("deleted", tuple(op.a), (), op.kind)
        else:
            segment = Segment("replaced", tuple(op.a), tuple(op.b), op.kind)
        result.append(segment)
    return result


def change_kinds(comparison: ReportComparison) -> list[DiffKind]:
    """The kinds of change in a comparison, in order of first appearance."""
    kinds: dict[DiffKind, None] = {}
    for segment in segments(comparison.diff):
        if segment.change is not None:
            kinds.setdefault(segment.change, None)
    return list(kinds)


def attribution_how(quote: ReportQuote) -> str:
    """``cue next to the quote · confidence 0.90``; empty when there is no speaker, or the
    record predates attribution evidence (a speaker with ``attribution: none``)."""
    if quote.speaker is None or quote.attribution == "none":
        return ""
    how = ATTRIBUTION_LABELS.get(quote.attribution, quote.attribution.replace("_", " "))
    return f"{how} · confidence {quote.confidence:.2f}"


def attribution_label(quote: ReportQuote) -> str:
    """``Ana Ortega · cue next to the quote · confidence 0.90``: who, how found, how sure."""
    how = attribution_how(quote)
    who = quote.speaker or "no speaker found"
    return f"{who} · {how}" if how else who


ExcerptSide = Literal["a", "b", "overlap"]


def excerpt_side(comparison: ReportComparison) -> ExcerptSide:
    """Which quote of an excerpt pair is the excerpt: ``a`` when ``b`` has words beyond it
    (``b`` quotes more of the statement), ``b`` the other way round, ``overlap`` when each has
    words the other lacks (overlapping excerpts of one statement)."""
    a_more = any(op.kind in _GAP_KINDS and op.a for op in comparison.diff)
    b_more = any(op.kind in _GAP_KINDS and op.b for op in comparison.diff)
    if a_more and b_more:
        return "overlap"
    if a_more:
        return "b"
    if b_more:
        return "a"
    a_words = sum(len(op.a) for op in comparison.diff)
    return "b" if a_words > sum(len(op.b) for op in comparison.diff) else "a"


def multi_source(report: Report) -> list[ReportCluster]:
    return [cluster for cluster in report.clusters if cluster.verdict != "single_source"]


def single_source(report: Report) -> list[ReportCluster]:
    return [cluster for cluster in report.clusters if cluster.verdict == "single_source"]


def comparisons_by_cluster(report: Report) -> dict[str, list[ReportComparison]]:
    """Comparisons grouped by their cluster (found through the quotes if not labelled)."""
    cluster_of = {quote: cluster.id for cluster in report.clusters for quote in cluster.quotes}
    grouped: dict[str, list[ReportComparison]] = {}
    for comparison in report.comparisons:
        cluster_id = comparison.cluster or cluster_of.get(comparison.a)
        if cluster_id is not None:
            grouped.setdefault(cluster_id, []).append(comparison)
    return grouped


def identical_groups(cluster: ReportCluster) -> list[list[str]]:
    """A grouped cluster's sets of identical quotes (two or more each), the reference first.

    A grouped cluster (``reference`` set) does not compare identical copies one by one: its
    ``renderings`` list the renderings other than the reference's, and every other quote has
    the reference's words. Empty for a cluster that lists every pair.
    """
    if cluster.reference is None:
        return []
    listed = {quote for group in cluster.renderings for quote in group}
    groups = [[quote for quote in cluster.quotes if quote not in listed], *cluster.renderings]
    return [group for group in groups if len(group) > 1]


def speakers_label(cluster: ReportCluster, quotes: Mapping[str, ReportQuote]) -> str:
    """Who said it: the cluster's speaker, or every name the outlets give when they disagree."""
    if cluster.verdict == "speaker_conflict":
        names = dict.fromkeys(
            quote.speaker
            for quote_id in cluster.quotes
            if (quote := quotes.get(quote_id)) is not None and quote.speaker
        )
        return " / ".join(names)
    return cluster.speaker or "speaker unknown"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``0 quotations`` (``many``: an irregular plural)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def counts_line(report: Report) -> str:
    """The headline counts both views print: articles, quotes, quotations."""
    summary = report.summary
    return ", ".join(
        [
            plural(summary.articles, "article"),
            plural(summary.quotes, "quote"),
            plural(summary.clusters, "quotation"),
        ]
    )


def shorten(text: str, limit: int = 120) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"
