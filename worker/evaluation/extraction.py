"""Extraction metrics: which gold quotes were found, which reported quotes are correct.

The rules are FORMAT.md's, computed as ``../shared/eval/score.py`` computes them (the project is
measured elsewhere with that scorer, so ``make eval`` must give the same figures):

- Overlap is dense (``words.dense``): the words of one quote count only where they appear close
  together in the other, so a long reported quote does not "contain" a short gold quote whose
  common words it scatters.
- A text matches a target substantially when their dense overlap is at least 2 words (or all of
  the shorter one) and at least 20% of the target or 60% of the text itself.
- ``covered(target) = ⋃ LCS positions of every substantially matching text``; a target is found
  (gold) or correct (reported) when at least 60% of its words are covered. The union is over
  *positions* of the target's words, so a word matched by two quotes counts once; the pieces of a
  split quote reported separately add up, unrelated quotes sharing one common word do not (in the
  seed article the gold "very important." is not found from "very strongly about …" and
  "extraordinarily important.").
- A found gold quote takes the speaker of the reported quote with the largest dense overlap (then
  the larger share of that quote's own words, then the start nearest the gold ``offsets``, then the
  earlier report). Its speaker is judged only when its key is scored.
- Reported quotes without words, and those matching an ``optional`` text (60% of their words
  densely in it), are not counted at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from worker.evaluation.gold import GoldArticle, GoldQuote, GoldStory
from worker.evaluation.report import ReportedQuote
from worker.evaluation.words import dense, dense_width, lcs_alignment, reaches, words


def substantial(overlap: int, target: int, other: int) -> bool:
    """Whether a dense overlap is enough for a text of ``other`` words to cover ``target`` words."""
    return (
        overlap > 0
        and overlap >= min(2, target, other)
        and (reaches(overlap, target, numerator=1) or reaches(overlap, other))
    )


def together_coverage(target: Sequence[str], others: Sequence[Sequence[str]]) -> int:
    """How many of ``target``'s words the ``others`` cover together (rule in the module doc)."""
    covered: set[int] = set()
    width = dense_width(len(target))
    for other in others:
        overlap, at = dense(target, other)
        if substantial(overlap, len(target), len(other)):
            covered.update(i for i, _ in lcs_alignment(target, other[at : at + width]))
    return len(covered)


def _whole_word(name: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text) is not None


def speaker_is_right(
    reported: str | None, aliases: Sequence[str], not_names: Sequence[str] = ()
) -> bool:
    """A reported speaker is right when it contains one alias, case-insensitively, and none of
    ``not_names`` as whole words (``Michelle Obama`` is not the gold ``Mr. Obama``).

    ``None`` (no attribution) is wrong: an unattributed quote is exactly what the service is
    supposed to avoid.
    """
    return (
        bool(reported)
        and wrong_name(reported, not_names) is None
        and any(alias.lower() in (reported or "").lower() for alias in aliases)
    )


def wrong_name(reported: str | None, not_names: Sequence[str]) -> str | None:
    """The first ``speakers_not`` name the reported speaker contains as whole words, if any."""
    lowered = (reported or "").lower()
    return next((name for name in not_names if _whole_word(name.lower(), lowered)), None)


def best_reported(gold: GoldQuote, reported: Sequence[ReportedQuote]) -> tuple[int, int]:
    """Index of the reported quote standing for ``gold``, and its dense overlap (``-1, 0`` if none).

    The largest dense overlap wins; ties go to the quote whose words are mostly the gold words
    (a short exact report beats a long one that happens to share as many words), then to the one
    starting nearest the gold offset when the gold gives one, then to the earlier report.
    """
    best_index, best_rank = -1, (0, 0.0, 0)
    for index, quote in enumerate(reported):
        overlap, _ = dense(gold.words, quote.words)
        ratio = overlap / len(quote.words) if quote.words else 0.0
        near = 0
        if gold.offset is not None and quote.start is not None:
            near = -abs(quote.start - gold.offset)
        rank = (overlap, ratio, near)
        if best_index < 0 or rank > best_rank:
            best_index, best_rank = index, rank
    if best_index < 0 or best_rank[0] == 0:
        return -1, 0
    return best_index, best_rank[0]


@dataclass(frozen=True, slots=True)
class GoldMatch:
    """The outcome for one gold quote."""

    gold: GoldQuote
    covered: int
    found: bool
    best: ReportedQuote | None
    best_overlap: int
    speaker_right: bool | None  # None when the quote was not found or its speaker is unscored
    scored: bool = True  # whether the gold speaker counts for speaker accuracy
    not_name: str | None = None  # the ``speakers_not`` name that made the speaker wrong

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
        """Whether the quote enters precision (it has words and matches no optional text)."""
        return bool(self.quote.words) and not self.optional


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Gold and reported outcomes for one article."""

    source: str
    gold: tuple[GoldMatch, ...]
    reported: tuple[ReportedMatch, ...]


def score_article(
    article: GoldArticle, reported: Sequence[ReportedQuote], story: GoldStory
) -> ArticleExtraction:
    """Score one article's reported quotes against its gold quotes (rules in the module doc)."""
    reported_words = [quote.words for quote in reported]
    gold_matches: list[GoldMatch] = []
    for gold in article.quotes:
        covered = together_coverage(gold.words, reported_words)
        found = reaches(covered, len(gold.words))
        index, overlap = best_reported(gold, reported)
        best = reported[index] if index >= 0 else None
        scored = story.scored(gold.speaker)
        speaker_right: bool | None = None
        not_name: str | None = None
        if found and scored and best is not None:
            not_names = story.speakers_not.get(gold.speaker, ())
            not_name = wrong_name(best.speaker, not_names)
            speaker_right = speaker_is_right(best.speaker, story.speakers[gold.speaker], not_names)
        gold_matches.append(
            GoldMatch(gold, covered, found, best, overlap, speaker_right, scored, not_name)
        )

    gold_words = [gold.words for gold in article.quotes]
    optional_words = [words(text) for text in article.optional]
    reported_matches: list[ReportedMatch] = []
    for quote in reported:
        size = len(quote.words)
        optional = any(reaches(dense(quote.words, o)[0], size) for o in optional_words)
        covered = together_coverage(quote.words, gold_words) if size and not optional else 0
        correct = not optional and reaches(covered, size)
        reported_matches.append(ReportedMatch(quote, covered, correct, optional))
    return ArticleExtraction(article.source, tuple(gold_matches), tuple(reported_matches))
