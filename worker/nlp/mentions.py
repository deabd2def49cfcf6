"""Speaker mentions: the words that name a speaker, and what kind of name they are.

A mention is the subject head plus the modifiers that belong to the name (`U.S. President
Donald Trump`, `the city's transit authority`, `the Office of the Mayor`), never relative clauses
or appositions (`Mr. Putin, whose military ...`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from worker.lexicon import (
    DOC_NOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    MONTH_ABBREVIATIONS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    TIME_WORDS,
    TITLE_ALIASES,
    cue_lemma,
    is_title,
    role_of,
)
from worker.nlp.given_names import given_name_gender
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


_OPENERS = frozenset({".", "!", "?", "-", "—", "–", "”", '"', "''"})


def inverted_cue(token: Token) -> bool:
    """`Stated Stone:`, `Added Reyes:`: a past-tense reporting verb opening its sentence, before
    the speaker's name, is tagged as part of that name (`Said` alone may be a given name)."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    opens = previous is None or previous.is_space or previous.text in _OPENERS
    return opens and token.lower_.endswith("ed") and cue_lemma(token.lower_) is not None


def _collect(head: Token, quoted: Regions) -> list[Token]:
    keep = {head.i}
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS and not inverted_cue(child):
            keep.update(t.i for t in child.subtree)
    described = is_indefinite(head)
    for child in head.rights:
        if child.dep_ in _RIGHT_DEPS or (
            child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in ORG_WORDS
        ):
            keep.update(t.i for t in child.subtree)
        elif (
            head.lower_ in DOC_NOUNS
            and child.dep_ == "prep"
            and child.lower_ in ("from", "by", "of")
            and len(list(child.subtree)) <= 8
        ):
            # `a statement from the council's press office`: the owner is part of the mention.
            keep.update(t.i for t in child.subtree)
        elif described and child.dep_ in ("amod", "prep") and len(list(child.subtree)) <= 8:
            # `a person close to the Clintons`, `a source familiar with the talks`: an unnamed
            # source is known only by its description, so the description is the mention.
            keep.update(t.i for t in child.subtree)
    doc = head.doc
    first, last = min(keep), max(keep)
    tokens = _head_side_of_dash([t for t in doc[first : last + 1] if not quoted.has_token(t)], head)
    while tokens and tokens[-1].tag_ in ("POS", ",", ":", "HYPH") and tokens[-1] is not head:
        tokens.pop()
    return tokens


_DASHES = frozenset({"-", "--", "—", "–", "―"})
_INDEFINITE = frozenset(
    {"a", "an", "one", "another", "some", "two", "three", "several", "multiple", "many"}
)


def is_indefinite(head: Token) -> bool:
    """`one Clinton aide`, `a top strategist`, `two officials`: a common noun introduced as
    someone new, never an earlier named holder of the role."""
    if head.tag_ not in ("NN", "NNS"):
        return False
    for child in head.lefts:
        if child.dep_ in ("det", "nummod", "amod") and child.lower_ in _INDEFINITE:
            return True
    return False


def _head_side_of_dash(tokens: list[Token], head: Token) -> list[Token]:
    """`CLEVELAND - Donald Trump`: a spaced dash ends a dateline or a header, so a name phrase
    never runs across one; only the side holding the head is the mention."""
    side: list[Token] = []
    for token in tokens:
        spaced = token.text in _DASHES and (
            token.text != "-" or (token.i > 0 and token.doc[token.i - 1].whitespace_)
        )
        if spaced and token.i < head.i:
            side = []
            continue
        if spaced:
            break
        side.append(token)
    return side or tokens


_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_GENERIC_TIME = frozenset({"last", "next", "this", "earlier", "later"})


def _is_abbreviation(token: Token) -> bool:
    """`Del.`, `Feb.`, `Jr.`: a short capitalised word cut by its full stop."""
    text = token.text
    return text.endswith(".") and 2 <= len(text) <= 6 and text[:-1].isalpha()


_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][A-Za-z.]*$")


def time_key(token: Token) -> str:
    """The token's word for time matching: `Feb.` counts as a month, `Jun` (a name) does not."""
    if token.text.endswith(".") and token.lower_[:-1] in MONTH_ABBREVIATIONS:
        return "month"
    return str(token.lower_)


def is_time_word(token: Token) -> bool:
    return time_key(token) in TIME_WORDS


def is_junk(mention: Mention) -> bool:
    """Mentions that name nobody, whatever the parser made of them.

    A time expression (`Thursday morning`), a party tag (`R-OH`), a title, rank or suffix left
    without its name (`Army Capt.`, `Air Force 1st`, `Jr.`, `Del.`), an abbreviation alone
    (`Feb.`), a header in capitals (`FULL TEXT`), a closed-class word (`Of`, `That`), the
    writer's `I` or `we`, a share of a poll (`31%`, `only 24 percent`) or the first half of a
    hyphenated word (`co` of `co-host`). A wrong speaker costs more than a
    missing one, so these resolve to nobody.
    """
    head = mention.head
    if mention.kind in ("pronoun", "group_pronoun", "document"):
        return False
    words = [t for t in mention.tokens if any(ch.isalnum() for ch in t.text)]
    if not words:
        return True
    keys = [time_key(t) for t in words]
    if all(k in TIME_WORDS or t.like_num for k, t in zip(keys, words, strict=True)) and any(
        k in TIME_WORDS and k not in _GENERIC_TIME for k in keys
    ):
        return True
    if _ORDINAL.match(head.text) or (
        head.lower_.rstrip(".") in NAME_SUFFIXES and not name_core(mention.tokens)
    ):
        return True
    if len(words) == 1 and (keys[0] in NOT_NAME_WORDS or _is_abbreviation(head)):
        return True
    if head.lower_ in _FIRST_PERSON or head.lower_ in _SHARES or head.text.endswith("%"):
        # `I` outside the marks is the writer; `31%`, `only 24 percent` are shares of a poll.
        return True
    if (
        head.lower_.rstrip(".") in TITLE_ALIASES or head.lower_.rstrip(".") in HONORIFICS
    ) and not name_core(mention.tokens):
        return True
    if _header(mention.text) or _PARTY_TAG.match(mention.text.replace(" ", "")):
        # `(R-Ohio)` after a name is a party and state, not a speaker.
        return True
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return (
        following is not None
        and not head.whitespace_
        and following.text == "-"
        and head.i == mention.tokens[-1].i
    )


_FIRST_PERSON = frozenset({"i", "me", "we", "us"})
_SHARES = frozenset({"percent", "per cent", "percentage", "majority", "minority", "plurality"})


def _header(text: str) -> bool:
    """`FULL TEXT`, `PHILADELPHIA`: words in capitals that are not an acronym (`NATO`, `CNN`)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or any(ch.islower() for ch in letters):
        return False
    words = [w for w in text.split() if sum(ch.isalpha() for ch in w) >= 3]
    return len(words) >= 2 or (len(words) == 1 and "-" not in words[0] and len(letters) >= 7)


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


def _surname_like_title(tokens: list[Token], index: int) -> bool:
    """`Billie Jean King`, `Stephen King`: a title word ending the run right after a given name
    is the surname, not a title."""
    return (
        index == len(tokens) - 1
        and index > 0
        and given_name_gender(tokens[index - 1].text) is not None
    )


def name_core(tokens: tuple[Token, ...] | list[Token]) -> list[Token]:
    """The personal name inside a name phrase: what follows the last title or role word.

    `U.S. President Donald Trump` -> `Donald Trump`, `Port director Erik Halvorsen` ->
    `Erik Halvorsen`; particles and hyphens stay inside (`Bashar al-Assad`).
    """
    tokens = list(tokens)
    last_title = -1
    for index, token in enumerate(tokens):
        if token.lower_.rstrip(".") in NAME_SUFFIXES or _surname_like_title(tokens, index):
            continue
        if is_title(token.text) or ("." in token.text and len(token.text) > 2):
            last_title = index
    # `former secretary of state Hillary Clinton`: a lower-case word the tagger called proper
    # is not part of the name.
    core = [
        t
        for t in tokens[last_title + 1 :]
        if (is_proper(t) and not t.text[:1].islower())
        or t.lower_ in NAME_PARTICLES
        or t.tag_ == "HYPH"
    ]
    while core and (core[0].tag_ == "HYPH" or core[0].lower_ in NAME_PARTICLES):
        core = core[1:]
    while core and core[-1].tag_ == "HYPH":
        core = core[:-1]
    if all(t.lower_.rstrip(".") in NAME_SUFFIXES for t in core):
        return []
    return core


def titles_in(tokens: tuple[Token, ...] | list[Token]) -> list[str]:
    return [t.text for t in tokens if is_title(t.text)]
