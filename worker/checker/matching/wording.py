"""Decide whether two quotes are the same quotation, and if so how their wording relates.

Precision matters as much as recall: linking two unrelated quotes that share a common phrase
would report a misquote or a speaker conflict that does not exist. So a link needs evidence in
proportion to its claim. Content words (not function words, degree adverbs or negations) are
what make a shared phrase distinctive; a long run of words is distinctive even without them.

- identical words: two words with a content word, or five words, or the same speaker;
- an excerpt (one quote's words all found, in order, inside the other, each ellipsis piece
  contiguous): three shared words with two content words, or five words, or else the same
  speaker; two words with a content word when the speakers are compatible (one is unknown or
  no speaker in its own right, such as the wire service that relayed the quote). A link on
  fewer than four words (or fewer than two content words) is *weak*: it is kept only if the
  short quote fits exactly one cluster (``cluster.py``), so ``the main results`` cannot tie
  unrelated statements together or make a speaker conflict out of a common phrase;
- overlapping excerpts (the end of one is the start of the other, nothing changed): five shared
  words with three content words, or eight words;
- a variant (changed words between shared words): four shared words (respelt words count) with
  two content words, the shared words at least 60% of the aligned region on both sides, and at
  least half the shorter quote (or eight words when long excerpts overlap). Below that, a quote
  equal to part of the other except for figures replaced one for one (``$40 million`` for
  ``$14 million``) is still a variant when both outlets name the same speaker.

Differences that are not the speaker's (excerpting, a marked omission, an editor's bracketed
words) never make a variant, and neither does capitalisation (``Resolution``/``resolution``): it
is house style, kept in the diff as a ``case`` run of an identical quote or excerpt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from worker.checker.matching.align import Alignment, Step, align
from worker.checker.matching.changes import (
    MAJOR_KINDS,
    MINOR_KINDS,
    NEUTRAL_KINDS,
    STYLE_KINDS,
    severity_of,
    step_kind,
)
from worker.checker.report import DiffKind, Severity, Wording
from worker.checker.text.normalise import NormalisedQuote
from worker.checker.text.vocabulary import is_content, is_number


@dataclass(frozen=True, slots=True)
class LinkRules:
    """Evidence thresholds for a link (see the module docstring for the reasons)."""

    min_identical_words: int = 2
    min_excerpt_words: int = 3
    min_excerpt_content: int = 2
    strong_excerpt_words: int = 4
    min_overlap_words: int = 5
    min_overlap_content: int = 3
    function_run_words: int = 5
    min_variant_words: int = 4
    min_variant_content: int = 2
    min_variant_density: float = 0.6
    min_variant_share: float = 0.5
    long_overlap_words: int = 8


@dataclass(frozen=True, slots=True)
class Match:
    """Two quotes judged the same quotation.

    ``kinds`` holds the kind of each alignment step (``None`` for matching words). A ``weak``
    match rests on a short excerpt; ``contained`` says which side ("a" or "b") is the short one.
    """

    wording: Wording
    severity: Severity | None
    alignment: Alignment
    kinds: tuple[DiffKind | None, ...]
    weak: bool = False
    contained: Literal["a", "b"] | None = None


_CHANGE_KINDS = frozenset(MAJOR_KINDS | MINOR_KINDS)
# Changes that leave the word itself in place (``colour``/``color``, ``reform``/``reforms``):
# such words are evidence that two quotes are one quotation, just as identical words are.
_SAME_WORD_KINDS = frozenset({"case", "spelling", "inflection", "number-format", "contraction"})


def _evidence(
    a: NormalisedQuote, steps: tuple[Step, ...], kinds: tuple[DiffKind | None, ...]
) -> tuple[int, int]:
    """Shared words and shared content words, counting respelt words as shared."""
    words = content = 0
    for step, kind in zip(steps, kinds, strict=True):
        if kind is None or kind in _SAME_WORD_KINDS:
            keys = a.keys[step.a_start : step.a_end]
            words += len(keys)
            content += sum(1 for key in keys if is_content(key))
    return words, content


def _core_sizes(steps: tuple[Step, ...]) -> tuple[int, int]:
    """Words of each side in the aligned region: all but excerpting and marked omissions.

    Words past a divergent end (``end-beyond``) count, so quotes that share a beginning and
    then say different things are not mistaken for one quotation with a changed ending.
    """
    core_a = core_b = 0
    for step in steps:
        if step.role in ("end", "omission"):
            continue
        core_a += step.a_end - step.a_start
        core_b += step.b_end - step.b_start
    return core_a, core_b


def _unchanged(
    a: NormalisedQuote,
    b: NormalisedQuote,
    alignment: Alignment,
    kinds: tuple[DiffKind | None, ...],
    content: int,
    same_speaker: bool,
    rules: LinkRules,
    compatible: bool = False,
) -> Match | None:
    """Identical, excerpt or overlap: no word inside the shared region changed.

    ``compatible``: the speakers do not disagree (the same, or one unknown or not a speaker in
    its own right, see ``speakers/kinds.py``); then an excerpt of two words with a content word
    links (``"great talks"``), while a one-word excerpt still needs the same speaker.
    """
    shared = alignment.shared
    steps = alignment.steps
    ends = [step for step, kind in zip(steps, kinds, strict=True) if kind == "excerpt"]
    a_extra = any(step.a_end > step.a_start for step in ends)
    b_extra = any(step.b_end > step.b_start for step in ends)
    omitted = "omission" in kinds
    long_run = shared >= rules.function_run_words
    if a_extra and b_extra:
        if (
            shared >= rules.min_overlap_words and content >= rules.min_overlap_content
        ) or shared >= rules.long_overlap_words:
            return Match("excerpt", None, alignment, kinds)
        return None
    if not a_extra and not b_extra:
        if (shared >= rules.min_identical_words and content >= 1) or long_run or same_speaker:
            return Match("excerpt" if omitted else "identical", None, alignment, kinds)
        return None
    substantial = shared >= rules.min_excerpt_words and content >= rules.min_excerpt_content
    short_excerpt = (same_speaker and (content >= 1 or shared >= 3)) or (
        compatible and shared >= 2 and content >= 1
    )
    if not (substantial or long_run or short_excerpt):
        return None
    strong = (shared >= rules.strong_excerpt_words and content >= rules.min_excerpt_content) or (
        long_run
    )
    return Match(
        "excerpt", None, alignment, kinds, weak=not strong, contained="b" if a_extra else "a"
    )


def _number_substitution(
    a: NormalisedQuote,
    b: NormalisedQuote,
    steps: tuple[Step, ...],
    kinds: tuple[DiffKind | None, ...],
    same_speaker: bool,
) -> bool:
    """The shorter quote matches the other but for a number put in place of a number.

    That is the classic misquote (``$40 million`` for ``$14 million``) and too short for the
    variant thresholds, so it is accepted on its own terms: same speaker, every change a number
    replaced one for one, and no word of the shorter quote left outside the alignment.
    """
    if not same_speaker:
        return False
    changed = [
        (step, kind) for step, kind in zip(steps, kinds, strict=True) if kind in _CHANGE_KINDS
    ]
    if not changed or any(kind != "number" or step.tag != "replace" for step, kind in changed):
        return False
    a_is_shorter = len(a) <= len(b)
    return not any(
        kind == "excerpt"
        and (step.a_end > step.a_start if a_is_shorter else step.b_end > step.b_start)
        for step, kind in zip(steps, kinds, strict=True)
    )


def _editorial_only(step: Step, a: NormalisedQuote, b: NormalisedQuote) -> bool:
    a_words = a.words[step.a_start : step.a_end]
    b_words = b.words[step.b_start : step.b_end]
    return any(words and all(word.editorial for word in words) for words in (a_words, b_words))


def _numbers_on_both_sides(step: Step, a: NormalisedQuote, b: NormalisedQuote) -> bool:
    return step.tag == "replace" and all(
        any(is_number(word.key) for word in words)
        for words in (a.words[step.a_start : step.a_end], b.words[step.b_start : step.b_end])
    )


def _could_link(
    a: NormalisedQuote,
    b: NormalisedQuote,
    alignment: Alignment,
    same_speaker: bool,
    rules: LinkRules,
) -> bool:
    """A cheap upper bound on the variant rules, checked before naming every change.

    Most candidate pairs share a phrase and then diverge; they fail the variant thresholds
    whatever their changes turn out to be, so classifying those changes would be wasted work.
    """
    changed = [
        step
        for step in alignment.steps
        if step.role in ("change", "end-change") and not _editorial_only(step, a, b)
    ]
    if not changed:
        return True
    if same_speaker and all(_numbers_on_both_sides(step, a, b) for step in changed):
        return True
    possible = alignment.shared + sum(
        step.a_end - step.a_start for step in changed if step.tag == "replace"
    )
    core_a, core_b = _core_sizes(alignment.steps)
    shorter = min(len(a), len(b))
    return (
        possible >= rules.min_variant_words
        and possible >= rules.min_variant_density * max(core_a, core_b)
        and (possible >= rules.min_variant_share * shorter or possible >= rules.long_overlap_words)
    )


def classify(
    a: NormalisedQuote,
    b: NormalisedQuote,
    same_speaker: bool,
    rules: LinkRules = LinkRules(),
    compatible: bool = False,
) -> Match | None:
    """The match between two quotes from different articles, or ``None`` when unrelated.

    ``compatible`` (implied by ``same_speaker``): neither quote names a rival speaker.
    """
    if not a.words or not b.words:
        return None
    alignment = align(a, b)
    if alignment.shared == 0:
        return None
    steps = alignment.steps
    if not _could_link(a, b, alignment, same_speaker, rules):
        return None
    kinds = tuple(step_kind(step, a, b) for step in steps)
    evidence, content = _evidence(a, steps, kinds)
    changes = [
        kind
        for kind in kinds
        if kind is not None and kind not in NEUTRAL_KINDS and kind not in STYLE_KINDS
    ]
    if not changes:
        return _unchanged(a, b, alignment, kinds, content, same_speaker, rules, compatible)
    core_a, core_b = _core_sizes(steps)
    density = evidence / max(core_a, core_b)
    shorter = min(len(a), len(b))
    enough = evidence >= rules.min_variant_share * shorter or evidence >= rules.long_overlap_words
    substitution = (
        evidence >= rules.min_excerpt_words
        and content >= rules.min_excerpt_content
        and _number_substitution(a, b, steps, kinds, same_speaker)
    )
    if substitution or (
        evidence >= rules.min_variant_words
        and content >= rules.min_variant_content
        and density >= rules.min_variant_density
        and enough
    ):
        major = any(severity_of(kind) == "major" for kind in changes)
        severity: Severity = "major" if major else "minor"
        return Match("variant", severity, alignment, kinds)
    return None
