"""A cluster's verdict, speaker and headline text, and the story summary.

A cluster has two findings that must not hide each other: its wording facet (do the outlets'
words agree: ``consistent``, or ``variant`` with the worst severity) and its speaker facet
(``agreed``, ``outlier`` or ``conflict``, decided in ``speakers/consensus.py``). The single
``verdict`` stays for compatibility, the most serious finding first: ``speaker_conflict`` (the
speaker facet is ``conflict``) over ``variant`` over ``consistent``. An attribution outlier never
changes the verdict, and an unattributed quote is not a conflict: not knowing who spoke is not
naming someone else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from worker.checker.report import (
    ReportCluster,
    ReportComparison,
    ReportSummary,
    Severity,
    SpeakerFacet,
    Verdict,
    WordingFacet,
)


def wording_facet(
    comparisons: Sequence[ReportComparison],
) -> tuple[WordingFacet, Severity | None]:
    """``variant`` with the worst severity if any comparison changed words, else consistent."""
    severities = {c.severity for c in comparisons if c.wording == "variant"}
    if not severities:
        return "consistent", None
    return "variant", "major" if "major" in severities else "minor"


def cluster_verdict(article_count: int, wording: WordingFacet, speaker: SpeakerFacet) -> Verdict:
    """``single_source`` for one article, else the facets by the documented precedence."""
    if article_count < 2:
        return "single_source"
    if speaker == "conflict":
        return "speaker_conflict"
    return "variant" if wording == "variant" else "consistent"


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
    wording = Counter(cluster.wording_facet for cluster in clusters)
    speaker = Counter(cluster.speaker_facet for cluster in clusters)
    return ReportSummary(
        articles=article_count,
        quotes=quote_count,
        clusters=len(clusters),
        corroborated=verdicts["consistent"],
        variants=verdicts["variant"],
        speaker_conflicts=verdicts["speaker_conflict"],
        single_source=verdicts["single_source"],
        wording_consistent=wording["consistent"],
        wording_variants=wording["variant"],
        major_variants=sum(1 for cluster in clusters if cluster.wording_severity == "major"),
        speakers_agreed=speaker["agreed"],
        attribution_outliers=speaker["outlier"],
    )
