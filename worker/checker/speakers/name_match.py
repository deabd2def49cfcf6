"""Is one person's name, as one outlet writes it, the same person as another outlet's?

Outlets transliterate (``Gaddafi``, ``Qaddafi``, ``Kadhafi``), drop diacritics (``Erdoğan``,
``Erdogan``), double or single a final letter, add a middle name (``Donald John Trump``) or
leave out the given name. A surname skeleton undoes the usual transliteration choices (``q``,
``c`` and ``g`` before a vowel written as ``k``, ``dh``/``kh``/``gh``/``ph`` as one letter,
``ou``/``oo`` as ``u``, ``ee`` as ``i``, a final ``y`` as ``i``, doubled letters as one), and
rapidfuzz's Levenshtein similarity of two skeletons of at least 0.8 tolerates one more letter
in five. A fuzzy surname is not enough on its own; what keeps two people apart:

- the given names, when both are written, must agree: equal, an initial of the other, or the
  same by skeleton (``Muammar``/``Moammar``); ``Jan`` and ``Jana`` do not;
- the honorifics must agree in gender: ``Mr. Lee`` is never ``Mrs. Lee``;
- a short surname (under five letters) must match exactly by skeleton: one letter in four is
  another name (``Kahn``/``Kuhn``); a fuzzy one must keep its first letter (``Hansen`` is not
  ``Jansen``) and not differ by a final ``a`` (``Petrov``/``Petrova``).

Who is compared is decided in ``unify.py``: only names extraction calls persons, never a
country, a date or a document noun (``kinds.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from worker.checker.speakers.kinds import fold_name
from worker.lexicon import FEMALE_HONORIFICS, MALE_HONORIFICS

_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dh", "d"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ch", "sh"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("oe", "o"),
    ("ue", "u"),
    ("ae", "a"),
    ("q", "k"),
    ("ck", "k"),
    ("w", "v"),
)
_HARD_C = re.compile(r"c(?=[aou]|$)")
_INITIAL_VELAR = re.compile(r"^[gq]")
_FINAL_Y = re.compile(r"y$")
_DOUBLE = re.compile(r"(.)\1+")
MIN_SIMILARITY = 0.8
MIN_FUZZY_LENGTH = 5


def skeleton(word: str) -> str:
    """One spelling for the usual transliterations of a name word."""
    text = fold_name(word).replace(" ", "")
    for written, said in _DIGRAPHS:
        text = text.replace(written, said)
    text = _HARD_C.sub("k", text)
    text = _INITIAL_VELAR.sub("k", text)
    text = _FINAL_Y.sub("i", text)
    return _DOUBLE.sub(r"\1", text)


def same_name_word(x: str, y: str) -> bool:
    """Two renderings of one name word (a surname or a given name).

    Beyond equal skeletons: the same first letter (``Hansen`` is not ``Jansen``), five letters
    or more, and not one name plus a final ``a`` (``Petrov``/``Petrova`` are two people).
    """
    if x == y:
        return True
    sx, sy = skeleton(x), skeleton(y)
    if sx == sy:
        return True
    if min(len(sx), len(sy)) < MIN_FUZZY_LENGTH or sx[0] != sy[0]:
        return False
    if sx + "a" == sy or sy + "a" == sx:
        return False
    return Levenshtein.normalized_similarity(sx, sy) >= MIN_SIMILARITY


def gender_of(words: list[str]) -> str | None:
    """``m`` or ``f`` from an honorific among ``words`` (folded), else ``None``."""
    for word in words:
        if word in MALE_HONORIFICS:
            return "m"
        if word in FEMALE_HONORIFICS:
            return "f"
    return None


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person key (``speakers.person_key``) and the gender its honorific gives, if any."""

    key: tuple[str, ...]
    gender: str | None = None

    @property
    def surname(self) -> str:
        return self.key[-1] if self.key else ""

    @property
    def given(self) -> str | None:
        return self.key[0] if len(self.key) > 1 else None


def _ends(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return 0 < len(short) <= len(long) and long[-len(short) :] == short


def same_person(x: PersonName, y: PersonName) -> bool:
    """Could ``x`` and ``y`` name one person? (Ambiguity is ``unify.py``'s concern.)"""
    if not x.key or not y.key:
        return False
    if x.gender and y.gender and x.gender != y.gender:
        return False
    if _ends(x.key, y.key) or _ends(y.key, x.key):
        return True
    if not same_name_word(x.surname, y.surname):
        return False
    if x.given is None or y.given is None:
        return True
    gx, gy = x.given, y.given
    if gx[0] != gy[0] and skeleton(gx)[:1] != skeleton(gy)[:1]:
        return False
    return same_name_word(gx, gy)
