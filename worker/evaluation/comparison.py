"""Comparison metrics: did the checker link the gold pairs, and link nothing else?

Each gold quote is represented by its best reported quote (the one overlapping it most), so the
checker is judged on the quotes it actually had; a pair whose quote was not found cannot be linked.
Wording maps as FORMAT.md says: ``identical``/``excerpt`` are right for a ``consistent`` pair,
``variant`` for a ``variant`` pair; severity is judged for variants only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from worker.evaluation.extraction import GoldMatch
from worker.evaluation.gold import GoldPair
from worker.evaluation.report import Comparison, ReportView

WORDINGS_FOR: dict[str, frozenset[str]] = {
    "consistent": frozenset({"identical", "excerpt"}),
    "variant": frozenset({"variant"}),
}


@dataclass(frozen=True, slots=True)
class PairResult:
    """The outcome for one gold pair."""

    pair: GoldPair
    best_a: str | None
    best_b: str | None
    comparison: Comparison | None
    wording_right: bool
    severity_right: bool | None  # None for consistent pairs: severity does not apply
    same_speaker_right: bool

    @property
    def linked(self) -> bool:
        """Whether the report compares the two quotes standing for the gold pair."""
        return self.comparison is not None

    @property
    def fully_right(self) -> bool:
        """Linked with the right wording and the right same-speaker verdict."""
        return self.linked and self.wording_right and self.same_speaker_right


@dataclass(frozen=True, slots=True)
class FalseLink:
    """A comparison between two found quotes' best reports that is not a gold pair."""

    comparison: Comparison
    gold_a: tuple[str, ...]
    gold_b: tuple[str, ...]


def score_pairs(
    pairs: Sequence[GoldPair], matches: Sequence[GoldMatch], view: ReportView
) -> tuple[list[PairResult], list[FalseLink]]:
    """Score every gold pair and collect the false links of one story."""
    best = {match.gold.id: match.best_id for match in matches}
    results: list[PairResult] = []
    for pair in pairs:
        best_a, best_b = best.get(pair.a), best.get(pair.b)
        comparison = None
        if best_a is not None and best_b is not None and best_a != best_b:
            comparison = view.comparison(best_a, best_b)
        wording_right = same_speaker_right = False
        severity_right: bool | None = None if pair.relation == "consistent" else False
        if comparison is not None:
            wording_right = comparison.wording in WORDINGS_FOR[pair.relation]
            same_speaker_right = comparison.same_speaker is pair.same_speaker
            if pair.relation == "variant":
                severity_right = wording_right and comparison.severity == pair.severity
        results.append(
            PairResult(
                pair, best_a, best_b, comparison, wording_right, severity_right, same_speaker_right
            )
        )

    # Which gold quotes each reported quote stands for (one report may stand for several).
    stands_for: dict[str, list[str]] = {}
    for match in matches:
        if match.best_id is not None:
            stands_for.setdefault(match.best_id, []).append(match.gold.id)
    gold_keys = {pair.key for pair in pairs}
    false_links: list[FalseLink] = []
    for comparison in view.comparisons:
        gold_a = stands_for.get(comparison.a)
        gold_b = stands_for.get(comparison.b)
        if not gold_a or not gold_b:
            continue
        if any(frozenset((x, y)) in gold_keys for x in gold_a for y in gold_b):
            continue
        false_links.append(FalseLink(comparison, tuple(gold_a), tuple(gold_b)))
    return results, false_links
