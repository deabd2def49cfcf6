"""Story scores and their totals: the figures ``make eval`` prints and the tests assert on.

Totals are micro-averaged (counts summed over stories, then divided), so a story with many quotes
weighs more than a small one, as it would in real traffic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from worker.evaluation.comparison import FalseLink, PairResult, score_pairs
from worker.evaluation.extraction import ArticleExtraction, GoldMatch, score_article
from worker.evaluation.gold import GoldStory
from worker.evaluation.report import ReportView, build_view
from worker.records import ExtractedArticle


@dataclass(slots=True)
class Counts:
    """Raw counts; every metric is a ratio of two of them."""

    gold_quotes: int = 0
    found: int = 0
    reported: int = 0  # counted reported quotes (optional matches excluded)
    correct: int = 0
    optional_ignored: int = 0
    speaker_right: int = 0
    speaker_scored: int = 0  # found gold quotes whose speaker key is scored
    gold_scored: int = 0  # gold quotes whose speaker key is scored, found or not
    pairs: int = 0
    linked: int = 0
    wording_right: int = 0
    variant_pairs: int = 0
    severity_right: int = 0
    same_speaker_right: int = 0
    fully_right: int = 0
    false_links: int = 0

    def add(self, other: Counts) -> None:
        """Accumulate another story's counts into these."""
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    @property
    def precision(self) -> float:
        """Correct over counted reported quotes; 1.0 when nothing was reported."""
        return self.correct / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        """Found over gold quotes; 1.0 when there is nothing to find."""
        return self.found / self.gold_quotes if self.gold_quotes else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        """Right speakers over found gold quotes with a scored speaker (FORMAT.md); 0.0 if such
        gold quotes exist but none was found."""
        if self.speaker_scored:
            return self.speaker_right / self.speaker_scored
        return 0.0 if self.gold_scored else 1.0

    @property
    def speaker_accuracy_all(self) -> float:
        """Right speakers over all gold quotes with a scored speaker: a miss counts as wrong."""
        if self.gold_scored:
            return self.speaker_right / self.gold_scored
        return 1.0

    def metrics(self) -> dict[str, float]:
        """The headline ratios, for tables and JSON."""

        def ratio(part: int, whole: int) -> float:
            return part / whole if whole else 1.0

        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "speaker_accuracy": self.speaker_accuracy,
            "speaker_accuracy_all": self.speaker_accuracy_all,
            "pairs_linked": ratio(self.linked, self.pairs),
            "pairs_wording_right": ratio(self.wording_right, self.pairs),
            "pairs_severity_right": ratio(self.severity_right, self.variant_pairs),
            "pairs_same_speaker_right": ratio(self.same_speaker_right, self.pairs),
            "pairs_fully_right": ratio(self.fully_right, self.pairs),
        }

    def to_dict(self) -> dict[str, int]:
        """Counts as plain JSON."""
        return {item.name: getattr(self, item.name) for item in fields(self)}


@dataclass(slots=True)
class StoryScore:
    """Everything known about one story's evaluation, errors included."""

    story: str
    articles: list[ArticleExtraction] = field(default_factory=list)
    pairs: list[PairResult] = field(default_factory=list)
    false_links: list[FalseLink] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pipeline_error: str | None = None

    @property
    def gold_matches(self) -> list[GoldMatch]:
        """All gold outcomes of the story, article by article."""
        return [match for article in self.articles for match in article.gold]

    @property
    def counts(self) -> Counts:
        """Counts of this story."""
        counts = Counts()
        for article in self.articles:
            counts.add(article_counts(article))
        for pair in self.pairs:
            counts.pairs += 1
            counts.linked += pair.linked
            counts.wording_right += pair.wording_right
            counts.same_speaker_right += pair.same_speaker_right
            counts.fully_right += pair.fully_right
            if pair.pair.relation == "variant":
                counts.variant_pairs += 1
                counts.severity_right += bool(pair.severity_right)
        counts.false_links = len(self.false_links)
        return counts


def article_counts(article: ArticleExtraction) -> Counts:
    """Extraction and speaker counts of one article (pair counts are per story)."""
    counts = Counts()
    for gold in article.gold:
        counts.gold_quotes += 1
        counts.found += gold.found
        counts.speaker_right += bool(gold.speaker_right)
        counts.gold_scored += gold.scored
        counts.speaker_scored += gold.scored and gold.found
    for reported in article.reported:
        counts.reported += reported.counted
        counts.correct += reported.correct
        counts.optional_ignored += reported.optional
    return counts


def score_story(gold: GoldStory, view: ReportView) -> StoryScore:
    """Score a story's reported view against its gold annotations."""
    result = StoryScore(gold.story, warnings=list(gold.warnings))
    for article in gold.articles:
        reported = view.quotes.get(article.source, [])
        result.articles.append(score_article(article, reported, gold))
    result.pairs, result.false_links = score_pairs(gold.pairs, result.gold_matches, view)
    return result


def score_report(
    gold: GoldStory,
    report: Mapping[str, Any],
    extracted: Sequence[ExtractedArticle] | None = None,
) -> StoryScore:
    """Score a report JSON (and, if given, the extraction records it was built from)."""
    return score_story(gold, build_view(report, extracted))


def total(scores: Iterable[StoryScore]) -> Counts:
    """Summed counts over stories."""
    counts = Counts()
    for score in scores:
        counts.add(score.counts)
    return counts
