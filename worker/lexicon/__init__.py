"""The word lists of quotelens, shared by extraction (``worker.nlp``) and the checker.

One list per fact, so that extraction and the cross-source check agree on what a title, a
document or a wire service is. Pure Python data, lower case, matched against lower-cased text:

- ``reporting``: reporting verbs (``said``, ``told``) and the words that make a quote a label;
- ``titles``: honorifics, titles and roles (``Mr.``, ``Gov.``, ``the mayor``);
- ``names``: particles, suffixes, pronouns and closed words around names, abbreviations;
- ``organisations``: head words of institutions (``Authority``, ``Ministry``);
- ``documents``: documents, works and news agencies (``the statement``, ``Reuters``);
- ``places``: countries' short names, regions and capitals;
- ``dates``: days, months and other time words.
"""

from __future__ import annotations

from worker.lexicon.dates import CALENDAR_WORDS, MONTH_ABBREVIATIONS, TIME_WORDS
from worker.lexicon.documents import (
    DOC_NOUNS,
    DOCUMENT_NOUNS,
    ORG_NAME_SUFFIXES,
    WIRE_SERVICES,
    WORK_NOUNS,
)
from worker.lexicon.names import (
    ABBREVIATIONS,
    GROUP_PRONOUNS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAME_WORDS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
)
from worker.lexicon.organisations import ORG_WORDS
from worker.lexicon.places import PLACE_ALIASES, SHORT_COUNTRY_NAMES
from worker.lexicon.reporting import CUE_FORMS, NAMING_CUES, SCARE_MARKERS, cue_lemma
from worker.lexicon.titles import (
    FEMALE_HONORIFICS,
    HONORIFICS,
    MALE_HONORIFICS,
    NAME_TITLES,
    ON_BEHALF_ROLES,
    PERSON_NOUNS,
    PERSON_ROLES,
    TITLE_ALIASES,
    is_title,
    role_of,
)
from worker.lexicon.wordlist import words_of

__all__ = [
    "ABBREVIATIONS",
    "CALENDAR_WORDS",
    "CUE_FORMS",
    "DOCUMENT_NOUNS",
    "DOC_NOUNS",
    "FEMALE_HONORIFICS",
    "GROUP_PRONOUNS",
    "HONORIFICS",
    "MALE_HONORIFICS",
    "MONTH_ABBREVIATIONS",
    "NAME_PARTICLES",
    "NAME_SUFFIXES",
    "NAME_TITLES",
    "NAMING_CUES",
    "NOT_NAME_WORDS",
    "ON_BEHALF_ROLES",
    "ORG_NAME_SUFFIXES",
    "ORG_WORDS",
    "PERSON_NOUNS",
    "PERSON_PRONOUNS",
    "PERSON_ROLES",
    "PLACE_ALIASES",
    "RELATIVE_PRONOUNS",
    "SCARE_MARKERS",
    "SHORT_COUNTRY_NAMES",
    "TIME_WORDS",
    "TITLE_ALIASES",
    "WIRE_SERVICES",
    "WORK_NOUNS",
    "cue_lemma",
    "is_title",
    "role_of",
    "words_of",
]
