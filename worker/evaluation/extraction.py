"""Extraction metrics: which gold quotes were found, which reported quotes are correct.

How "together" is computed (FORMAT.md says a gold quote is found when the reported quotes of its
article *together* overlap at least 60% of its words, and symmetrically for reported quotes):

    covered(target) = LCS alignment of the single quote overlapping the target most
                      ∪ LCS alignments of every other quote that lies mostly (≥ 60% of its own
                        words) inside the target
    found / correct  ⇔ |covered positions of the target| ≥ 60% of the target's words

The union is over *positions* of the target's words, so a word matched by two quotes counts once.
Only quotes that lie mostly inside the target may add to the best one. Without that restriction,
unrelated quotes each sharing one common word would add up: in the seed article the gold quote
"very important." would count as found from "very strongly about …" and "extraordinarily
important." even if the extractor missed it. Pieces of a split quote reported separately and an
over-long quote that swallowed two gold quotes are both still credited, which is what "together"
is for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from worker.evaluation.gold import GoldArticle, GoldQuote
from worker.evaluation.report import ReportedQuote
from worker.evaluation.words import lcs_alignment, lcs_length, reaches, words


def together_coverage(target: Sequence[str], others: Sequence[Sequence[str]]) -> int:
    """How many of ``target``'s words the ``others`` cover together (rule in the module doc)."""
    overlaps = [lcs_length(target, other) for other in others]
    if not overlaps or max(overlaps) == 0:
        return 0
    best = max(range(len(others)), key=lambda index: overlaps[index])
    covered = {i for i, _ in lcs_alignment(target, others[best])}
    for index, other in enumerate(others):
        if index != best and overlaps[index] and reaches(overlaps[index], len(other)):
            covered.update(i for i, _ in lcs_alignment(target, other))
    return len(covered)


def speaker_is_right(reported: str | None, aliases: Sequence[str]) -> bool:
    """A reported speaker is right when it contains one alias, case-insensitively.

    ``None`` (no attribution) is wrong: an unattributed quote is exactly what the service is
    supposed to avoid.
    """
    if not reported:
        return False
    lowered = reported.lower()
    return any(alias.lower() in lowered for alias in aliases)


def best_reported(gold: GoldQuote, reported: Sequence[ReportedQuote]) -> tuple[int, int]:
    """Index of the reported quote overlapping ``gold`` most, and that overlap (``-1, 0`` if none).

    Ties go to the quote whose words are mostly the gold words (the tighter match), then to the
    earlier one, so that a short exact report beats a long one that happens to share as many words.
    """
    best_index, best_overlap, best_ratio = -1, 0, 0.0
    for index, quote in enumerate(reported):
        overlap = lcs_length(gold.words, quote.words)
        if overlap == 0:
            continue
        ratio = overlap / len(quote.words)
        if overlap > best_overlap or (overlap == best_overlap and ratio > best_ratio):
            best_index, best_overlap, best_ratio = index, overlap, ratio
    return best_index, best_overlap


@dataclass(frozen=True, slots=True)
class GoldMatch:
    """The outcome for one gold quote."""

    gold: GoldQuote
    covered: int
    found: bool
    best: ReportedQuote | None
    best_overlap: int
    speaker_right: bool | None  # None when the quote was not found

    @property
    def best_id(self) -> str | None:
        """Id of the reported quote standing for this gold quote in comparisons."""
        return self.best.id if self.found and self.best is not None else None


@dataclass(frozen=True, slots=True)
class ReportedMatch:
    """The outcome for one reported quote."""

    quote: ReportedQuote
    covered: int
    correct: bool
    optional: bool  # matched an optional text and is therefore not counted

    @property
    def counted(self) -> bool:
        """Whether the quote enters precision."""
        return self.correct or not self.optional


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Gold and reported outcomes for one article."""

    source: str
    gold: tuple[GoldMatch, ...]
    reported: tuple[ReportedMatch, ...]


def score_article(
    article: GoldArticle,
    reported: Sequence[ReportedQuote],
    speakers: Mapping[str, Sequence[str]],
) -> ArticleExtraction:
    """Score one article's reported quotes against its gold quotes.

    A reported quote that is correct against the gold counts even if it also matches an
    optional text; only otherwise-wrong quotes are excused by matching an optional text.
    """
    reported_words = [quote.words for quote in reported]
    gold_matches: list[GoldMatch] = []
    for gold in article.quotes:
        covered = together_coverage(gold.words, reported_words)
        found = reaches(covered, len(gold.words))
        index, overlap = best_reported(gold, reported)
        best = reported[index] if index >= 0 else None
        speaker_right: bool | None = None
        if found:
            speaker_right = best is not None and speaker_is_right(
                best.speaker, speakers[gold.speaker]
            )
        gold_matches.append(GoldMatch(gold, covered, found, best, overlap, speaker_right))

    gold_words = [gold.words for gold in article.quotes]
    optional_words = [words(text) for text in article.optional]
    reported_matches: list[ReportedMatch] = []
    for quote in reported:
        covered = together_coverage(quote.words, gold_words)
        correct = reaches(covered, len(quote.words))
        optional = not correct and reaches(
            together_coverage(quote.words, optional_words), len(quote.words)
        )
        reported_matches.append(ReportedMatch(quote, covered, correct, optional))
    return ArticleExtraction(article.source, tuple(gold_matches), tuple(reported_matches))
