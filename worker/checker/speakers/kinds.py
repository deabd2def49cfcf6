"""Speakers that are not a speaker in their own right.

Extraction names whatever stands next to the reporting verb. Most of the time that is who
spoke; sometimes it is the document the words came from (``the readout said``), the country
whose official spoke (``Ukraine said``), the wire service that relayed the quote (``Reuters
reported``) or a date misread as a subject. Such a name is weak evidence of who said the words:
a quote that names one should not outvote, or contradict, outlets that name a person. The lists
are generic (document nouns, ISO country names from ``pycountry``, the major news agencies,
calendar words, all in ``worker.lexicon``), never names of a particular story; a story's own
outlets count as relays too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

import pycountry
from anyascii import anyascii

from worker.lexicon import (
    CALENDAR_WORDS,
    DOCUMENT_NOUNS,
    SHORT_COUNTRY_NAMES,
    WIRE_SERVICES,
    words_of,
)

StandIn = Literal["document", "country", "wire", "date"]

_DETERMINERS: frozenset[str] = words_of("the a an this that its their his her our its' written")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold_name(text: str) -> str:
    """Lower case ASCII words separated by single spaces (``Erdoğan's`` -> ``erdogan s``)."""
    return " ".join(_NON_WORD.split(anyascii(text).lower())).strip()


def _bare(name: str) -> str:
    words = fold_name(name.replace("\u2019", "'").replace("'s ", " ").removesuffix("'s")).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every ISO 3166 country name (official, common, and the part before a comma)."""
    names: set[str] = set(SHORT_COUNTRY_NAMES)
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                names.add(fold_name(value))
                names.add(fold_name(value.split(",")[0]))
    return frozenset(names)


_DOCUMENTS: frozenset[str] = frozenset(fold_name(noun) for noun in DOCUMENT_NOUNS)


def is_document(name: str) -> bool:
    """``the readout``, ``a statement``: a document, with no institution named."""
    bare = _bare(name)
    return bool(bare) and bare in _DOCUMENTS


def is_country(name: str) -> bool:
    return _bare(name) in country_names() or fold_name(name) in country_names()


def is_date(name: str) -> bool:
    words = _bare(name).split()
    return bool(words) and all(word in CALENDAR_WORDS or word.isdigit() for word in words)


def is_wire(name: str, outlets: Iterable[str] = ()) -> bool:
    """A news agency, or one of the story's own outlets (``daily-ledger`` = ``Daily Ledger``)."""
    bare = _bare(name)
    return bare in WIRE_SERVICES or bare in {fold_name(outlet) for outlet in outlets}


def stand_ins(
    names: Iterable[str | None], outlets: Iterable[str] = ()
) -> dict[str, StandIn | None]:
    """``stand_in`` of each distinct name, the outlets folded once (a story has thousands)."""
    folded = frozenset(fold_name(outlet) for outlet in outlets)
    found: dict[str, StandIn | None] = {}
    for name in names:
        if name and name not in found:
            found[name] = _stand_in(name, folded)
    return found


def stand_in(name: str | None, outlets: Iterable[str] = ()) -> StandIn | None:
    """What a speaker name stands in for, when it is not a speaker in its own right."""
    if not name:
        return None
    return _stand_in(name, frozenset(fold_name(outlet) for outlet in outlets))


def _stand_in(name: str, outlets: frozenset[str]) -> StandIn | None:
    if is_document(name):
        return "document"
    bare = _bare(name)
    if bare in WIRE_SERVICES or bare in outlets:
        return "wire"
    if is_date(name):
        return "date"
    if is_country(name):
        return "country"
    return None
