"""Closed word classes the checker needs to judge how much a changed word matters.

Severity rests on the difference between grammar and content: outlets routinely tidy function
words and contractions, but a changed number, a negation or a name changes what was said. The
lists are small on purpose; anything not listed is treated as content, which errs towards
calling a change major (a false alarm is cheaper for a fact-checker than a missed misquote).
All entries are lower case keys as the words' ``key`` (``normalise.word_form``, lower-cased).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import product

from worker.lexicon import words_of

FUNCTION_WORDS: frozenset[str] = words_of(
    """
    a an the this that these those some any each every all both such own same other another
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves one's
    who whom whose which what whatever whoever whichever
    be am is are was were been being have has had having do does did doing
    will would shall should can could may might must ought
    to of in on at by for with about against between into through during before after above
    below from up down out off over under upon within across along among around toward
    towards via per than as like onto beyond behind beside besides despite except inside
    outside since until till unto amid amongst throughout
    and or but if then because so while whereas although though unless whether yet also
    either
    there here where when why how
    let
    """
)

# Adverbs whose presence tunes emphasis rather than meaning; dropping one is a minor change.
COMMON_ADVERBS: frozenset[str] = words_of(
    """
    very really also just still even quite too so always already again now then soon well much
    rather pretty fairly indeed perhaps maybe probably actually certainly definitely clearly
    simply truly obviously frankly honestly basically generally largely mostly particularly
    especially extremely highly totally absolutely completely entirely fully greatly deeply
    strongly further furthermore moreover however therefore thus anyway somehow somewhat
    """
)

# Words ending in -ly that are not adverbs, or adverbs that change meaning (``only``).
_LY_NOT_ADVERBS: frozenset[str] = words_of(
    """
    only family italy july ally rely reply supply apply assembly comply anomaly monopoly belly
    bully holy jolly lily rally tally fly early daily weekly monthly yearly hourly quarterly
    likely unlikely friendly unfriendly lonely lovely ugly silly elderly costly deadly orderly
    manly curly oily hilly lively timely homely italy sly butterfly
    """
)

NEGATIONS: frozenset[str] = words_of(
    "not no never nothing none nobody nowhere neither nor cannot without"
)

_UNITS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS: dict[str, int] = {
    word: 10 * (index + 2)
    for index, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}
_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
NUMBER_WORDS: frozenset[str] = frozenset(
    [*_UNITS, *_TENS, *_SCALES, "dozen", "half", "twice", "thrice"]
)

_DIGITS = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_ORDINAL_DIGITS = re.compile(r"^\d+(?:st|nd|rd|th)$")


def is_number(key: str) -> bool:
    """Numbers matter in any form: digits, ordinals in digits, or number words."""
    return bool(_DIGITS.match(key) or _ORDINAL_DIGITS.match(key)) or key in NUMBER_WORDS


def number_value(keys: Sequence[str]) -> float | None:
    """The value of a short number phrase, so ``12`` and ``twelve`` can count as the same.

    Returns ``None`` when the words are not all numeric (then they cannot be compared by value).
    """
    total = 0.0
    current = 0.0
    seen = False
    for key in keys:
        if _DIGITS.match(key):
            current += float(key.replace(",", ""))
        elif key in _UNITS:
            current += _UNITS[key]
        elif key in _TENS:
            current += _TENS[key]
        elif key == "dozen":
            current = (current or 1) * 12
        elif key == "hundred":
            current = (current or 1) * 100
        elif key in _SCALES:
            total += (current or 1) * _SCALES[key]
            current = 0
        elif key == "and" and seen:
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def is_adverb(key: str) -> bool:
    """Adverbs of degree and manner, recognised by list or by the ``-ly`` ending."""
    if key in COMMON_ADVERBS:
        return True
    return key.endswith("ly") and len(key) >= 5 and key not in _LY_NOT_ADVERBS


def is_content(key: str) -> bool:
    """Content words carry what a quote says; only they make a shared phrase distinctive."""
    return key not in FUNCTION_WORDS and key not in COMMON_ADVERBS and key not in NEGATIONS


# ``won't`` is ``wo`` + ``n't``: the stems whose full form is spelled differently.
_NT_STEMS: dict[str, str] = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
_SUFFIX_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "'re": ("are",),
    "'ve": ("have",),
    "'ll": ("will",),
    "'m": ("am",),
    "'d": ("would", "had"),
    "'s": ("is", "has"),
}
_WHOLE_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "cannot": ("can not",),
    "gonna": ("going to",),
    "wanna": ("want to",),
    "gotta": ("got to",),
    "let's": ("let us",),
}
CONTRACTED_WORDS: frozenset[str] = frozenset(_WHOLE_EXPANSIONS)
# ``'s`` is a contraction only after pronouns and a few adverbs; elsewhere it is a possessive.
_S_HOSTS: frozenset[str] = words_of("he she it that there what who here where how when why let")


@lru_cache(maxsize=65536)
def _expansions(key: str) -> tuple[str, ...]:
    """Every way a (possibly contracted) word can be written out in full."""
    if key in _WHOLE_EXPANSIONS:
        return _WHOLE_EXPANSIONS[key]
    if key.endswith("n't"):
        stem = key[:-3]
        return (f"{_NT_STEMS.get(stem, stem)} not",)
    for suffix, fulls in _SUFFIX_EXPANSIONS.items():
        if key.endswith(suffix) and len(key) > len(suffix):
            stem = key[: -len(suffix)]
            if suffix == "'s" and stem not in _S_HOSTS:
                return (key,)
            return tuple(f"{stem} {full}" for full in fulls)
    return (key,)


def expand_contractions(keys: Sequence[str]) -> set[tuple[str, ...]]:
    """All spelled-out readings of ``keys`` (several, because ``'s`` may be ``is`` or ``has``)."""
    options = [_expansions(key) for key in keys]
    if sum(len(option) > 1 for option in options) > 4:
        options = [option[:1] for option in options]
    return {tuple(" ".join(choice).split()) for choice in product(*options)}


def count_negations(keys: Sequence[str]) -> int:
    """Negations after spelling out contractions, so ``won't`` counts like ``will not``."""
    if not any(key in NEGATIONS or key.endswith("n't") for key in keys):
        return 0
    reading = next(iter(sorted(expand_contractions(keys))))
    return sum(1 for key in reading if key in NEGATIONS)
