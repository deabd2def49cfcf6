"""Whether a subject can be a speaker: a name, a person, a role, an organisation or a document.

The attribution rules share these tests to pass over things (`that fact`, `the move`, `it`)
that the parser gives a reporting verb as its subject, and to keep unknown surnames the tagger
took for common nouns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from worker.lexicon import DOC_NOUNS, ORG_WORDS, PERSON_NOUNS, role_of
from worker.nlp.mentions import mention_for
from worker.nlp.tokens import SUBJECT_DEPS, Regions

if TYPE_CHECKING:
    from spacy.tokens import Token


def a_thing(subject: Token) -> bool:
    """`that fact`, `the move`, `the platform`: a common noun with a definite determiner that
    names no role; people in the news are named, described by a role, or plural (`critics`)."""
    return (
        subject.tag_ in ("NN", "NNS")
        and role_of(subject.text) is None
        and subject.lower_ not in ORG_WORDS
        and subject.lower_ not in DOC_NOUNS
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in subject.children)
        # `The Sanders campaign`, `the mayor's team`: an owner makes it a body that speaks.
        and not any(
            c.dep_ in ("compound", "poss") and c.tag_ in ("NNP", "NNPS", "POS")
            for c in subject.children
        )
    )


def common_thing(subject: Token) -> bool:
    """`the world lost a voice that said “...”`, `Paul said Rubio's plan would ..., and called
    him “...”`: a lower-case singular noun that names no person, office, organisation or
    document does not speak while someone up the tree can."""
    return (
        subject.tag_ == "NN"
        and subject.text[:1].islower()
        and subject.lower_ not in PERSON_NOUNS
        and mention_for(subject, Regions(())).kind == "other"
    )


_DEFINITE = frozenset({"the", "that", "this", "these", "those"})


def speaker_like(subject: Token, quoted: Regions) -> bool:
    """A subject that can be a speaker: a name, a person or group pronoun, a role, an
    organisation or a document; not `it`, `there` or an arbitrary thing."""
    kind = mention_for(subject, quoted).kind
    return (
        kind in ("name", "role", "org", "pronoun", "document")
        or (kind == "group_pronoun" and subject.lower_ in ("they", "we"))
        or subject.tag_ in ("NNP", "NNPS")
        or mistagged_name_noun(subject)
    )


def mistagged_name_noun(token: Token) -> bool:
    """`Hannity interjected`, `Sanders delivered a retort`: an unknown surname tagged as a
    common noun (or, as a subject, an adjective); a capitalised one with no determiner is a
    name, or a group that can speak (`Officials responded`); `The crowd` is neither."""
    return (
        (token.tag_ in ("NN", "NNS") or (token.tag_ == "JJ" and token.dep_ in SUBJECT_DEPS))
        and token.text[:1].isupper()
        and not any(child.dep_ in ("det", "poss") for child in token.children)
    )
