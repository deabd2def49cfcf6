"""Speaker mentions: the words that name a speaker, and what kind of name they are.

A mention is the subject head plus the modifiers that belong to the name (`U.S. President
Donald Trump`, `the city's transit authority`, `the Office of the Mayor`), never relative clauses
or appositions (`Mr. Putin, whose military ...`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from worker.nlp.lexicon import (
    DOC_NOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    NAME_PARTICLES,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    is_title,
    role_of,
)
from worker.nlp.tokens import Regions, is_proper, text_of

if TYPE_CHECKING:
    from spacy.tokens import Token

MentionKind = Literal["pronoun", "group_pronoun", "document", "name", "role", "org", "other"]

_LEFT_DEPS = frozenset({"det", "compound", "amod", "poss", "nmod", "nummod", "case", "quantmod"})
_RIGHT_DEPS = frozenset({"compound", "flat", "case"})


@dataclass(frozen=True, slots=True)
class Mention:
    head: Token
    tokens: tuple[Token, ...]
    kind: MentionKind

    @property
    def text(self) -> str:
        return text_of(self.tokens)

    @property
    def position(self) -> int:
        return int(self.head.idx)


def _collect(head: Token, quoted: Regions) -> list[Token]:
    keep = {head.i}
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS:
            keep.update(t.i for t in child.subtree)
    for child in head.rights:
        if child.dep_ in _RIGHT_DEPS or (
            child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in ORG_WORDS
        ):
            keep.update(t.i for t in child.subtree)
    doc = head.doc
    first, last = min(keep), max(keep)
    tokens = [t for t in doc[first : last + 1] if not quoted.has_token(t)]
    while tokens and tokens[-1].tag_ in ("POS", ",", ":", "HYPH") and tokens[-1] is not head:
        tokens.pop()
    return tokens


def _kind(head: Token, tokens: list[Token]) -> MentionKind:
    lower = head.lower_
    if lower in PERSON_PRONOUNS:
        return "pronoun"
    if lower in GROUP_PRONOUNS:
        return "group_pronoun"
    if lower in DOC_NOUNS:
        return "document"
    words = [t.lower_ for t in tokens]
    if is_proper(head):
        if not name_core(tokens) and role_of(head.text):
            return "role"
        name = name_core(tokens) or [t for t in tokens if is_proper(t)]
        if any(t.lower_ in ORG_WORDS for t in name):
            return "org"
        has_title = any(
            is_title(t.text) for t in tokens if is_proper(t) or t.lower_.rstrip(".") in HONORIFICS
        )
        if words and words[0] == "the" and not has_title:
            return "org"
        return "name"
    if lower in PERSON_ROLES:
        return "role"
    if lower in ORG_WORDS:
        return "org"
    return "other"


def _named_apposition(head: Token, quoted: Regions) -> Token | None:
    """`Its director, Dana Kowalczyk, called ...`: the name in apposition to a role."""
    for child in head.rights:
        if child.dep_ == "appos" and is_proper(child) and not quoted.has_token(child):
            return child
    return None


def mention_for(head: Token, quoted: Regions) -> Mention:
    if not is_proper(head):
        head = _named_apposition(head, quoted) or head
    tokens = _collect(head, quoted) or [head]
    return Mention(head, tuple(tokens), _kind(head, tokens))


def name_core(tokens: tuple[Token, ...] | list[Token]) -> list[Token]:
    """The personal name inside a name phrase: what follows the last title or role word.

    `U.S. President Donald Trump` -> `Donald Trump`, `Port director Erik Halvorsen` ->
    `Erik Halvorsen`; particles and hyphens stay inside (`Bashar al-Assad`).
    """
    tokens = list(tokens)
    last_title = -1
    for index, token in enumerate(tokens):
        if is_title(token.text) or ("." in token.text and len(token.text) > 2):
            last_title = index
    core = [
        t
        for t in tokens[last_title + 1 :]
        if is_proper(t) or t.lower_ in NAME_PARTICLES or t.tag_ == "HYPH"
    ]
    while core and (core[0].tag_ == "HYPH" or core[0].lower_ in NAME_PARTICLES):
        core = core[1:]
    while core and core[-1].tag_ == "HYPH":
        core = core[:-1]
    return core


def titles_in(tokens: tuple[Token, ...] | list[Token]) -> list[str]:
    return [t.text for t in tokens if is_title(t.text)]
