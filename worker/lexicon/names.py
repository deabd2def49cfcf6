"""Words in and around names that are not names: particles, suffixes, pronouns, closed words.

``Abu``, ``van`` and ``al`` belong to a name without identifying it; ``Jr.`` and ``III`` follow a
name and are never one on their own; a sentence-opening ``Of`` or ``That`` may be tagged as a
name but is not one.
"""

from __future__ import annotations

from worker.lexicon.wordlist import words_of

NAME_PARTICLES = words_of("abu al bin da das de del der di dos du el ibn la le van von")
"""Particles of a name (``Rashid al-Qadoumi``, ``Ursula von der Leyen``)."""

NAME_SUFFIXES = words_of("esq ii iii iv jr phd sr")
"""Generational and degree suffixes after a name (`Robert Casey Jr.`): part of the name, never a
name on their own."""

PERSON_PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female"}
GROUP_PRONOUNS = frozenset({"it", "they", "its", "their"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})

NOT_NAME_WORDS = words_of(
    "of from in on at by with for to as but and or nor so then thus also still yet however "
    "meanwhile instead indeed later earlier after before during since while when where why how "
    "what which that this these those another here there some many most all both each every "
    "such if though although because once only even just now again first finally"
)
"""Closed-class words that the tagger may take for a name when they open a sentence (`Of`,
`That`); a speaker mention made of one of them alone is junk."""

ABBREVIATIONS = words_of(
    """
    adm amb approx apr atty aug capt cllr cmdr co col corp dec dept det dr est etc feb fig
    ft gen gov inc insp jan jr jul jun lt ltd mar messrs mr mrs ms mt no nov oct pres prof
    rep rev sen sep sept sgt sr st supt vol vs
    """
)
"""Words whose full stop does not end a sentence (``Gov.``, ``Feb.``, ``Inc.``)."""
