"""Reporting verbs (``said``, ``told``, ``added``) and the words that turn a quote into a label.

A new reporting verb is a one-word change here; ``CUE_FORMS`` spells out every inflection so
that extraction matches lower-cased token text without a lemmatiser.
"""

from __future__ import annotations

_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "put": ("put", "puts", "putting"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
}

_REGULAR = (
    "add acknowledge admit affirm allege announce answer argue ask assert boast call caution "
    "claim comment complain concede conclude confirm contend continue declare deny describe "
    "emphasise emphasize estimate explain insist joke lament maintain mention note observe "
    "plead pledge point post predict promise quip recall reiterate remark repeat reply report "
    "respond reveal state stress suggest testify term urge vow warn wonder dub label"
)

_IRREGULAR_STEMS = {"dub": "dubb", "quip": "quipp"}


def _inflect(verb: str) -> tuple[str, ...]:
    """Regular English inflections; enough for reporting verbs, which are all regular here."""
    stem = _IRREGULAR_STEMS.get(verb, verb)
    if verb.endswith("e"):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        third = verb[:-1] + "ies"
    return verb, third, past, ing


def _cue_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma, inflections in _IRREGULAR.items():
        forms.update(dict.fromkeys(inflections, lemma))
    for lemma in _REGULAR.split():
        forms.update(dict.fromkeys(_inflect(lemma), lemma))
    return forms


CUE_FORMS: dict[str, str] = _cue_forms()
"""Inflected reporting-verb form -> lemma."""

NAMING_CUES = frozenset({"call", "describe", "term", "dub", "label"})
"""Cues whose quote is a characterisation (`X called the plan "..."`), not a whole statement."""

SCARE_MARKERS = frozenset(
    {"so-called", "dubbed", "nicknamed", "titled", "entitled", "named", "branded", "billed"}
)
"""Words right before a quote that make it a label rather than someone's words."""


def cue_lemma(word: str) -> str | None:
    """The reporting-verb lemma of ``word`` or None."""
    return CUE_FORMS.get(word.lower())
