"""Place names the ISO country list (``pycountry``) does not spell as the news does.

``Russia`` for the ``Russian Federation``, ``Britain`` for the ``United Kingdom``, and capitals
that stand for their governments (``Moscow said``). Extraction reads them as places, not
speakers; the checker treats a country named as a speaker as a stand-in for its officials.
"""

from __future__ import annotations

from worker.lexicon.wordlist import words_of

SHORT_COUNTRY_NAMES = frozenset(
    [
        "britain",
        "brunei",
        "burma",
        "cape verde",
        "england",
        "great britain",
        "holland",
        "ivory coast",
        "kosovo",
        "laos",
        "macedonia",
        "micronesia",
        "palestine",
        "russia",
        "scotland",
        "swaziland",
        "the netherlands",
        "turkey",
        "vietnam",
        "wales",
    ]
)
"""English short names of countries that the ISO list spells otherwise (``Türkiye``)."""

_REGIONS = frozenset(
    [
        "gaza",
        "america",
        "the united states",
        "u.s.",
        "the u.s.",
        "europe",
        "asia",
        "africa",
        "south korea",
        "north korea",
        "the west bank",
        "the west",
    ]
)

# Capitals that stand for their governments (`Moscow said`, `Beijing warned`).
_CAPITALS = words_of(
    """
    abuja amman ankara athens baghdad beijing beirut belgrade berlin bogota brasilia brussels
    bucharest budapest cairo canberra caracas copenhagen damascus doha hanoi havana helsinki
    islamabad jakarta jerusalem kabul kiev kyiv london madrid manila minsk moscow nairobi oslo
    ottawa paris prague pretoria pyongyang riyadh rome seoul stockholm taipei tbilisi tehran
    tokyo tripoli vienna warsaw
    """
) | {"new delhi", "mexico city", "tel aviv"}

PLACE_ALIASES: frozenset[str] = SHORT_COUNTRY_NAMES | _REGIONS | _CAPITALS
"""Common short names of countries and regions that ISO lists (pycountry) spell otherwise, and
capitals that the news uses for their governments."""
