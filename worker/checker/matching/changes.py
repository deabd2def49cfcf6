"""What kind of change a differing run of words is, and how much it matters.

A fact-checker needs to know whether a difference changes what the speaker said. Contractions,
British and American spelling, inflection, function words and a dropped adverb are an outlet's
editing (capitalisation is style only: shown, but no change at all); numbers, negation, names
and other content words are the substance of a quote, so a change there is major. One letter
between two real words (``price``/``prize``) is a content change, not a spelling one. The
checks run from the most specific (a contraction written out) to the most general (any content
word), so the first that fits names the change.
"""

from __future__ import annotations

from collections.abc import Sequence

from worker.checker.matching.align import Step
from worker.checker.report import DiffKind, Severity
from worker.checker.text.normalise import NormalisedQuote, Word
from worker.checker.text.spelling import word_pair_kind
from worker.checker.text.vocabulary import (
    COMMON_ADVERBS,
    CONTRACTED_WORDS,
    FUNCTION_WORDS,
    count_negations,
    expand_contractions,
    is_adverb,
    is_number,
    number_value,
)

MINOR_KINDS: frozenset[DiffKind] = frozenset(
    {"contraction", "spelling", "inflection", "number-format", "function-word", "adverb"}
)
# House style, not wording: a mid-sentence capital (``Resolution``/``resolution``) is shown in
# the diff but changes nothing the speaker said (punctuation is already normalised away).
STYLE_KINDS: frozenset[DiffKind] = frozenset({"case"})
MAJOR_KINDS: frozenset[DiffKind] = frozenset({"number", "negation", "name", "content"})
# Differences that are not changes to the speaker's words: excerpting, marked omissions, and
# words an editor added in brackets.
NEUTRAL_KINDS: frozenset[DiffKind] = frozenset({"excerpt", "omission", "editorial"})


def severity_of(kind: DiffKind | None) -> Severity | None:
    """``None`` for steps that are not a change (equal words, excerpting, omissions)."""
    if kind in MAJOR_KINDS:
        return "major"
    if kind in MINOR_KINDS:
        return "minor"
    return None


def _is_name(word: Word) -> bool:
    """A capital letter mid-sentence marks a proper noun (``I`` and its contractions aside)."""
    return (
        not word.initial
        and not word.editorial
        and word.text[:1].isupper()
        and word.key != "i"
        and not word.key.startswith("i'")
    )


def _numbers_kind(a_keys: Sequence[str], b_keys: Sequence[str]) -> DiffKind | None:
    if not any(is_number(key) for key in (*a_keys, *b_keys)):
        return None
    a_value, b_value = number_value(a_keys), number_value(b_keys)
    return "number-format" if a_value is not None and a_value == b_value else "number"


def _may_contract(a_keys: Sequence[str], b_keys: Sequence[str]) -> bool:
    return any("'" in key or key in CONTRACTED_WORDS for key in (*a_keys, *b_keys))


def replace_kind(a_words: Sequence[Word], b_words: Sequence[Word]) -> DiffKind:
    """The kind of a run of words replaced by a different run."""
    a_keys = [word.key for word in a_words]
    b_keys = [word.key for word in b_words]
    if all(word.editorial for word in a_words) or all(word.editorial for word in b_words):
        return "editorial"
    if _may_contract(a_keys, b_keys) and expand_contractions(a_keys) & expand_contractions(b_keys):
        return "contraction"
    if "".join(a_keys) == "".join(b_keys):
        return "spelling"
    if count_negations(a_keys) != count_negations(b_keys):
        return "negation"
    number_kind = _numbers_kind(a_keys, b_keys)
    if number_kind is not None:
        return number_kind
    if len(a_keys) == len(b_keys):
        kinds = [word_pair_kind(x, y) for x, y in zip(a_keys, b_keys, strict=True) if x != y]
        if kinds and all(kinds):
            return "inflection" if "inflection" in kinds else "spelling"
    if any(_is_name(word) for word in (*a_words, *b_words)):
        return "name"
    keys = (*a_keys, *b_keys)
    if all(key in FUNCTION_WORDS for key in keys):
        return "function-word"
    if all(key in FUNCTION_WORDS or key in COMMON_ADVERBS for key in keys):
        return "adverb"
    return "content"


def one_sided_kind(words: Sequence[Word]) -> DiffKind:
    """The kind of a run of words present in one quote only, between shared words."""
    keys = [word.key for word in words]
    if all(word.editorial for word in words):
        return "editorial"
    if count_negations(keys):
        return "negation"
    if any(is_number(key) for key in keys):
        return "number"
    if any(_is_name(word) for word in words):
        return "name"
    if all(key in FUNCTION_WORDS for key in keys):
        return "function-word"
    if all(key in FUNCTION_WORDS or is_adverb(key) for key in keys):
        return "adverb"
    return "content"


def step_kind(step: Step, a: NormalisedQuote, b: NormalisedQuote) -> DiffKind | None:
    """The kind of one alignment step; ``None`` for matching words."""
    if step.role == "match":
        return None
    if step.role in ("end", "end-beyond"):
        return "excerpt"
    if step.role == "omission":
        return "omission"
    if step.role == "case":
        return "case"
    a_words = a.words[step.a_start : step.a_end]
    b_words = b.words[step.b_start : step.b_end]
    if a_words and b_words:
        return replace_kind(a_words, b_words)
    return one_sided_kind(a_words or b_words)
