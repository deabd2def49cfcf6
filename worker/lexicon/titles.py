"""Honorifics, titles and roles: the words around a person's name that are not the name.

Extraction reads them to tell a person from an institution (``Gov. Hochul``, ``a spokesman``)
and to find the office a title names; the checker strips them to compare names across outlets
(``President Ana Ortega`` = ``Ortega``) and reads a gender from them. One list serves both, so
a title added here is understood the same way in extraction and in the cross-source check.
"""

from __future__ import annotations

from worker.lexicon.wordlist import words_of

HONORIFICS = words_of("dame dr lady lord madam miss mme mr mrs ms mx prof sir")
MALE_HONORIFICS = words_of("emir king lord mr prince sheikh sir")
"""Honorifics and titles that name a man (``Mr``, ``Sir``, ``King``)."""
FEMALE_HONORIFICS = words_of("dame lady madam miss mme mrs ms princess queen")
"""Honorifics and titles that name a woman (``Mrs``, ``Dame``, ``Queen``)."""

TITLE_ALIASES = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "prof": "professor",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "adm": "admiral",
    "rev": "reverend",
    "pres": "president",
    "atty": "attorney",
    "cllr": "councillor",
    "amb": "ambassador",
    "cmdr": "commander",
    "dr": "doctor",
}
"""Abbreviated titles and the office each names (``Gov.`` -> ``governor``)."""

_OFFICE_TITLES = words_of(
    """
    ambassador chair chairman chairwoman chancellor emir general governor judge justice king
    mayor minister pope premier president prime prince princess queen representative secretary
    senator sheikh spokesman spokesperson spokeswoman vice
    """
)

NAME_TITLES: frozenset[str] = (
    HONORIFICS | _OFFICE_TITLES | frozenset(TITLE_ALIASES) | frozenset(TITLE_ALIASES.values())
)
"""Words written before a name as its title (``Prime Minister``, ``Gov.``, ``Dr.``): never part
of the name. Roles that are also given names (``Dean``, ``Bishop``) are ``PERSON_ROLES`` only."""

PERSON_ROLES = words_of(
    """
    activist administrator admiral adviser advisor aide alderman ambassador analyst analysts
    attorney auditor author bishop candidate captain ceo cfo chair chairman chairwoman
    chancellor chief cio coach colonel commander commissioner congressman congresswoman coo
    councillor councilman councilor councilwoman cto dean delegate deputy detective diplomat
    director
    doctor driver economist editor emir engineer envoy executive expert experts farmer
    father fisherman founder general governor governor-elect head historian inspector
    inspector-general judge justice king lawmaker lawmakers lawyer leader leaders legislator
    lieutenant manager mayor mayor-elect minister minister-president ministers mother nurse
    officer official officials organiser organizer owner parent pope premier president
    president-elect presidents prime prince princess principal professor prosecutor queen
    representative representative-elect researcher resident residents reverend scientist
    secretary senator sergeant sheikh sheriff speaker spokesman spokesmen spokesperson
    spokeswoman spokeswomen student superintendent teacher treasurer vice witness worker
    workers
    """
)
"""Nouns that make a mention a person (``the mayor``, ``a resident``, ``officials``)."""

PERSON_NOUNS = words_of(
    """
    source person man woman guy boy girl lady gentleman friend member child kid wife husband
    son daughter brother sister relative neighbor neighbour colleague insider voter critic
    supporter fan protester citizen individual someone somebody anyone everyone nobody
    veteran victim survivor participant attendee donor customer patient parent
    """
)
"""People named by no office: they can speak, unlike the things a clause may be about."""

ON_BEHALF_ROLES = words_of(
    """
    aide aides official officials representative representatives spokesman spokespeople
    spokesperson spokeswoman staff staffer
    """
)
"""Who speaks for someone else: quoting their statement in these words is fair, not a
misattribution."""


def is_title(word: str) -> bool:
    """True for honorifics and office titles (`Mr.`, `Gov.`, `President`)."""
    key = word.lower().rstrip(".")
    return key in HONORIFICS or key in TITLE_ALIASES or key in PERSON_ROLES


def role_of(word: str) -> str | None:
    """The normalised office a title word names (`Gov.` -> `governor`), if any."""
    key = word.lower().rstrip(".")
    if key in TITLE_ALIASES:
        return TITLE_ALIASES[key]
    return key if key in PERSON_ROLES else None
