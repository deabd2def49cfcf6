"""A cluster's verdict, speaker and headline text, and the story summary.

The verdict is what a reader acts on, so the most serious finding wins: the same words given
to different people (someone is misattributed) outranks changed words (someone misquoted), which
outranks agreement. An unattributed quote is not a conflict: not knowing who spoke is not
naming someone else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from worker.checker.report import (
    ReportCluster,
    ReportComparison,
    ReportQuote,
    ReportSummary,
    Verdict,
)


def cluster_verdict(
    article_count: int,
    comparisons: Sequence[ReportComparison],
    quotes: dict[str, ReportQuote],
) -> Verdict:
    """``single_source`` for one article, else the most serious finding of its comparisons."""
    if article_count < 2:
        return "single_source"
    for comparison in comparisons:
        a, b = quotes[comparison.a].speaker, quotes[comparison.b].speaker
        if a is not None and b is not None and a != b:
            return "speaker_conflict"
    if any(comparison.wording == "variant" for comparison in comparisons):
        return "variant"
    return "consistent"


def cluster_speaker(speakers: Sequence[str | None]) -> str | None:
    """The speaker most outlets name (the first named on a tie); ``None`` if nobody is named."""
    counts = Counter(speaker for speaker in speakers if speaker is not None)
    if not counts:
        return None
    return max(counts.items(), key=lambda item: item[1])[0]


def cluster_text(texts: Sequence[str]) -> str:
    """The fullest version: the longest text (the first on a tie)."""
    return max(texts, key=lambda text: len(text.strip()), default="")


def summarise(
    article_count: int, quote_count: int, clusters: Sequence[ReportCluster]
) -> ReportSummary:
    verdicts = Counter(cluster.verdict for cluster in clusters)
    return ReportSummary(
        articles=article_count,
        quotes=quote_count,
        clusters=len(clusters),
        corroborated=verdicts["consistent"],
        variants=verdicts["variant"],
        speaker_conflicts=verdicts["speaker_conflict"],
        single_source=verdicts["single_source"],
    )
