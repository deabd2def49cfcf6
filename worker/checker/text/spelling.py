"""When two different spellings are one word: British and American forms, inflection, typos.

Outlets re-spell quotes to their house style (``organise``/``organize``, ``centre``/``center``)
and inflection slips in (``reform``/``reforms``); neither changes what was said. The same rules
give blocking a spelling-neutral form of each word, so two versions of a quote that differ in
every third word still meet on shared trigrams.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from worker.checker.report import DiffKind
from worker.checker.text.real_words import is_real_word

_SPELLING_PAIRS: dict[str, str] = {
    "grey": "gray",
    "tyre": "tire",
    "kerb": "curb",
    "aluminium": "aluminum",
    "plough": "plow",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "ageing": "aging",
    "cheque": "check",
    "storey": "story",
    "whilst": "while",
    "amongst": "among",
    "learnt": "learned",
    "spelt": "spelled",
    "dreamt": "dreamed",
    "burnt": "burned",
    "jewellery": "jewelry",
    "mould": "mold",
    "moustache": "mustache",
    "pyjamas": "pajamas",
    "draught": "draft",
}
_BRITISH_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"is(e|es|ed|ing|er|ers|ation|ations|ational)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[^aeiou])re(s)?$"), r"er\1"),
    (re.compile(r"ce(s)?$"), r"se\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"mme(s)?$"), r"m\1"),
)


def _british_to_american(british: str, american: str) -> bool:
    if _SPELLING_PAIRS.get(british) == american:
        return True
    if len(british) >= 5 and "our" in british and british.replace("our", "or") == american:
        return True
    if "ll" in british and british.replace("ll", "l", 1) == american:
        return True
    if len(british) >= 6 and any(
        british.replace(pair, "e") == american for pair in ("ae", "oe") if pair in british
    ):
        return True
    return any(
        pattern.search(british) and pattern.sub(replacement, british) == american
        for pattern, replacement in _BRITISH_REWRITES
    )


def _one_edit_apart(x: str, y: str) -> bool:
    if abs(len(x) - len(y)) > 1 or x == y:
        return False
    if len(x) > len(y):
        x, y = y, x
    for index, (cx, cy) in enumerate(zip(x, y, strict=False)):
        if cx != cy:
            return x[index:] == y[index + 1 :] or x[index + 1 :] == y[index + 1 :]
    return True


def spell_alike(x: Sequence[str], i: int, y: Sequence[str], j: int) -> bool:
    """Do runs of words from ``x[i]`` and ``y[j]`` spell the same letters, both ending at a
    word's end (``health care``/``healthcare``, ``every day``/``everyday``)?"""
    left, right = x[i], y[j]
    while left != right:
        if len(left) < len(right):
            if not right.startswith(left) or i + 1 == len(x):
                return False
            i += 1
            left += x[i]
        else:
            if not left.startswith(right) or j + 1 == len(y):
                return False
            j += 1
            right += y[j]
    return True


def stem(key: str) -> str:
    """A crude stem: enough to see that ``reform`` and ``reforms`` are one word inflected."""
    key = key.removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            key = key[: -len(suffix)]
            break
    return key.rstrip("e")


def word_pair_kind(x: str, y: str) -> DiffKind | None:
    """``spelling`` or ``inflection`` when two different keys are one word, else ``None``.

    One letter apart is a misspelling only when one of the two is not a real word: ``price``
    and ``prize`` (or ``desert`` and ``dessert``) are two words, so the change is a content
    change, while ``goverment`` is ``government`` misspelt (``real_words.py``).
    """
    if _british_to_american(x, y) or _british_to_american(y, x):
        return "spelling"
    if stem(x) == stem(y):
        return "inflection"
    return "spelling" if is_typo(x, y) else None


def is_typo(x: str, y: str) -> bool:
    """One letter apart in words of five letters or more with the same first letter, one of
    them no real word (``goverment``/``government``, not ``price``/``prize``)."""
    return (
        len(x) >= 5
        and len(y) >= 5
        and x[0] == y[0]
        and _one_edit_apart(x, y)
        and not (is_real_word(x) and is_real_word(y))
    )


@lru_cache(maxsize=262144)
def spelling_neutral(key: str) -> str:
    """One form for all spellings and inflections of a word (for blocking, not display)."""
    word = _SPELLING_PAIRS.get(key, key)
    if len(word) >= 5 and "our" in word:
        word = word.replace("our", "or")
    for pattern, replacement in _BRITISH_REWRITES:
        word = pattern.sub(replacement, word)
    word = word.replace("ll", "l")
    if len(word) >= 6:
        word = word.replace("ae", "e").replace("oe", "e")
    return stem(word)
