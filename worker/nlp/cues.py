"""Whether a word is a reporting verb (cue) used as one.

Every attribution rule starts from a cue, and a cue is more than a word in the lexicon:
naming verbs need their complement, `put` counts only in `as X put it`, a denied cue
attributes nothing, and any verb that labels something *as* a quotation reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from worker.lexicon import NAMING_CUES, cue_lemma
from worker.nlp.tokens import Regions, is_verb

if TYPE_CHECKING:
    from spacy.tokens import Token


_NAMING_COMPLEMENTS = frozenset({"dobj", "oprd", "ccomp", "xcomp", "attr"})


def is_cue(token: Token, quoted: Regions) -> bool:
    """A reporting verb outside the quotes, used as one.

    Naming verbs need their complement (`called the plan “...”`, not `lines that call at the
    port`), and `put` counts only in `as X put it`.
    """
    according = token.lower_ == "according"
    # Cheapest tests first: this runs on every token of every parsed frame.
    if not (according or is_verb(token)) or quoted.has_token(token) or negated(token):
        return False
    if according:
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
    lemma = cue_lemma(token.lower_)
    if lemma is None:
        return _characterises_as(token, quoted)
    if lemma == "put":
        return any(child.lower_ == "it" for child in token.children)
    if lemma in NAMING_CUES:
        return any(
            child.dep_ in _NAMING_COMPLEMENTS or (child.dep_ == "prep" and child.lower_ == "as")
            for child in token.children
        )
    return True


def negated(verb: Token) -> bool:
    """`Reyes hasn't said the agency is “reviewing” it`: a denied cue attributes nothing."""
    return any(child.dep_ == "neg" for child in verb.children)


def _characterises_as(verb: Token, quoted: Regions) -> bool:
    """`Pryce hailed the result as “a great day”`: any verb that labels something *as* a
    quotation is reporting its subject's words, whatever the verb."""
    return any(
        child.dep_ == "prep"
        and child.lower_ == "as"
        and any(quoted.has_token(t) for t in child.subtree)
        for child in verb.children
    )
