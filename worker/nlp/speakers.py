"""Resolve speaker mentions to canonical speakers within one article.

An article introduces people and bodies once in full (`U.S. President Donald Trump`, `Gov. Lisa
Brandt`, `the mayor's office said in a statement`) and then refers back with surnames, pronouns,
roles and documents (`Mr. Trump`, `he`, `the governor`, `the statement`). ``ArticleSpeakers``
keeps what has been introduced so far and maps each later mention back to its canonical name.
State is per article, hence a class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from worker.nlp.lexicon import (
    DOC_NOUNS,
    FEMALE_HONORIFICS,
    MALE_HONORIFICS,
    NAME_PARTICLES,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    role_of,
)
from worker.nlp.mentions import Mention, name_core, titles_in
from worker.nlp.tokens import Regions, is_proper, text_of
from worker.records import SpeakerType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_KEY_SPLIT = re.compile(r"[\s\-‐]+")
_LEADING_DETERMINERS = ("the ", "a ", "an ")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    type: SpeakerType | None
    mention: str


@dataclass(frozen=True, slots=True)
class _Seen:
    position: int
    name: str
    type: SpeakerType | None


def surname_key(name: str) -> str:
    words = [w for w in _KEY_SPLIT.split(name.lower()) if w and w not in NAME_PARTICLES]
    return words[-1].strip(".'’") if words else ""


def _strip_determiner(text: str) -> str:
    lowered = text.lower()
    for determiner in _LEADING_DETERMINERS:
        if lowered.startswith(determiner):
            return text[len(determiner) :]
    return text


def _gender_of(tokens: list[Token] | tuple[Token, ...]) -> str | None:
    for token in tokens:
        key = token.lower_.rstrip(".")
        if key in MALE_HONORIFICS:
            return "male"
        if key in FEMALE_HONORIFICS:
            return "female"
    return None


_NAME_JOINERS = frozenset({"of", "for", "&"})


def _joins(current: list[Token], token: Token) -> bool:
    """Inside a name: particles, hyphens, and `of`/`the` in `Department of the Interior`."""
    if not current:
        return False
    if token.lower_ in NAME_PARTICLES or token.tag_ == "HYPH":
        return True
    if token.lower_ in _NAME_JOINERS or (
        token.lower_ == "the" and current[-1].lower_ in _NAME_JOINERS
    ):
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is not None and (is_proper(following) or following.lower_ == "the")
    return False


def proper_runs(doc: Doc) -> list[list[Token]]:
    """Maximal runs of proper nouns, with name particles, hyphens and `of` inside them."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in doc:
        if is_proper(token) or _joins(current, token):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [_trim(run) for run in runs if _trim(run)]


def _trim(run: list[Token]) -> list[Token]:
    while run and not is_proper(run[-1]):
        run = run[:-1]
    return run


def _described_roles(name: Token) -> list[str]:
    """Roles given in a clause about the person: `Ortega, who was elected mayor in 2022`."""
    roles: list[str] = []
    for child in name.rights:
        if child.dep_ in ("relcl", "acl", "appos"):
            roles.extend(t.text for t in child.subtree if t.tag_ == "NN" and role_of(t.text))
    return roles


class ArticleSpeakers:
    """Who has been introduced so far in one article, and how to name them canonically."""

    def __init__(self) -> None:
        self.full_names: dict[str, list[_Seen]] = {}
        self.roles: dict[str, list[_Seen]] = {}
        self.organisations: list[_Seen] = []
        self.timeline: list[_Seen] = []
        self.genders: dict[str, str] = {}
        self.document_owner: Speaker | None = None

    # --- indexing -----------------------------------------------------------------------------

    def index_names(self, doc: Doc, offset: int, quoted: Regions) -> None:
        """Record full names, titles and organisations introduced in one parsed frame."""
        for run in proper_runs(doc):
            self._index_run(run, offset, quoted)
        for token in doc:
            if token.dep_ == "appos" and not quoted.has_token(token):
                self._index_apposition(token, offset)

    def _index_run(self, run: list[Token], offset: int, quoted: Regions) -> None:
        words = [t.lower_ for t in run]
        position = offset + run[0].idx
        if any(w in ORG_WORDS for w in words):
            if not quoted.has_token(run[0]):
                self.organisations.append(_Seen(position, text_of(run), "organization"))
            return
        core = name_core(run)
        if not core:
            return
        name = text_of(core)
        if len(core) >= 2:
            self.full_names.setdefault(surname_key(name), []).append(
                _Seen(position, name, "person")
            )
        if quoted.has_token(run[0]):
            return
        gender = _gender_of(run)
        canonical = self.person_name(name, position)
        if gender:
            self.genders.setdefault(canonical, gender)
        previous = run[0].doc[run[0].i - 1] if run[0].i > 0 else None
        titles = titles_in(run) + _described_roles(run[-1])
        if previous is not None and previous.lower_ in PERSON_ROLES:
            titles.append(previous.text)
        for title in titles:
            role = role_of(title)
            if role:
                self.roles.setdefault(role, []).append(_Seen(position, canonical, "person"))

    def _index_apposition(self, token: Token, offset: int) -> None:
        head = token.head
        name_token, role_token = (head, token) if is_proper(head) else (token, head)
        role = role_of(role_token.text)
        if not is_proper(name_token) or role is None:
            return
        core = name_core([t for t in name_token.subtree if t.i <= name_token.i])
        if core:
            position = offset + name_token.idx
            name = self.person_name(text_of(core), position)
            self.roles.setdefault(role, []).append(_Seen(position, name, "person"))

    def note(self, speaker: Speaker, position: int) -> None:
        """A resolved speaker or subject becomes a candidate antecedent for later pronouns."""
        self.timeline.append(_Seen(position, speaker.name, speaker.type))

    # --- resolution ---------------------------------------------------------------------------

    def person_name(self, name: str, position: int) -> str:
        """The fullest form of a person's name seen in the article (`Trump` -> `Donald Trump`)."""
        candidates = self.full_names.get(surname_key(name), [])
        if not candidates or len(name.split()) >= 3:
            return name
        distinct = {seen.name for seen in candidates}
        if len(distinct) == 1:
            only = next(iter(distinct))
            return only if len(only) >= len(name) else name
        before = [seen for seen in candidates if seen.position <= position]
        chosen = (before or candidates)[-1 if before else 0]
        return chosen.name

    def resolve(self, mention: Mention, offset: int) -> Speaker | None:
        position = offset + mention.position
        kind = mention.kind
        if kind == "pronoun":
            return self._antecedent(mention, position)
        if kind == "group_pronoun":
            return self._group_antecedent(mention, position)
        if kind == "document":
            return self._document_owner(mention, position)
        if kind == "name":
            return self._person(mention, position)
        if kind == "role":
            return self._role(mention, position)
        if kind == "org":
            return self._organisation(mention, position)
        if mention.head.text[:1].isupper() and surname_key(mention.head.text) in self.full_names:
            return self._person(mention, position)
        text = _strip_determiner(mention.text)
        return Speaker(text, None, mention.text) if text else None

    def _person(self, mention: Mention, position: int) -> Speaker:
        core = name_core(mention.tokens)
        name = text_of(core) if core else _strip_determiner(mention.head.text)
        canonical = self.person_name(name, position)
        gender = _gender_of(mention.tokens)
        if gender:
            self.genders.setdefault(canonical, gender)
        return Speaker(canonical, "person", mention.text)

    def _organisation(self, mention: Mention, position: int) -> Speaker:
        text = _strip_determiner(mention.text)
        if not is_proper(mention.head):
            head = mention.head.lower_
            for seen in reversed(self.organisations):
                if seen.position < position and head in seen.name.lower().split():
                    return Speaker(seen.name, "organization", mention.text)
        return Speaker(text, "organization", mention.text)

    def _role(self, mention: Mention, position: int) -> Speaker:
        """`the president`: of the people holding the role, the one most recently in focus.

        Focus is the timeline of subjects and speakers, so `the president said` after a
        paragraph about one president talking to another picks the one doing the talking.
        """
        role = role_of(mention.head.text)
        holders = [s for s in self.roles.get(role or "", []) if s.position < position]
        names = {seen.name for seen in holders}
        for seen in reversed(self.timeline):
            if seen.position < position and seen.name in names:
                return Speaker(seen.name, "person", mention.text)
        if holders:
            return Speaker(holders[-1].name, "person", mention.text)
        return Speaker(_strip_determiner(mention.text), "person", mention.text)

    def _antecedent(self, mention: Mention, position: int) -> Speaker | None:
        gender = PERSON_PRONOUNS[mention.head.lower_]
        for seen in reversed(self.timeline):
            if seen.position >= position or seen.type != "person":
                continue
            known = self.genders.get(seen.name)
            if known and known != gender:
                continue
            self.genders.setdefault(seen.name, gender)
            return Speaker(seen.name, "person", mention.text)
        return None

    def _group_antecedent(self, mention: Mention, position: int) -> Speaker | None:
        earlier = [seen for seen in self.timeline if seen.position < position]
        for seen in reversed(earlier):
            if seen.type == "organization":
                return Speaker(seen.name, seen.type, mention.text)
        return Speaker(earlier[-1].name, earlier[-1].type, mention.text) if earlier else None

    def _document_owner(self, mention: Mention, position: int) -> Speaker | None:
        owners = [t for t in mention.tokens if is_proper(t)]
        if owners:
            words = [t.lower_ for t in owners]
            core = name_core(owners)
            if (
                core
                and not any(w in ORG_WORDS for w in words)
                and surname_key(text_of(core)) in self.full_names
            ):
                name = self.person_name(text_of(core), position)
                return Speaker(name, "person", mention.text)
            return Speaker(_strip_determiner(text_of(owners)), "organization", mention.text)
        possessor = next((t for t in mention.tokens if t.lower_ in ("its", "their")), None)
        if possessor is not None:
            return self._group_antecedent(mention, position)
        if self.document_owner is not None:
            owner = self.document_owner
            return Speaker(owner.name, owner.type, mention.text)
        # `according to the report` with no author named: the document is the source.
        return Speaker(_strip_determiner(mention.text), "organization", mention.text)

    def remember_document(self, cue: Token, speaker: Speaker) -> None:
        """`X said in a statement`, `X released a statement`: `the statement said` means X."""
        for child in cue.children:
            if child.dep_ == "dobj" and child.lower_ in DOC_NOUNS:
                self.document_owner = speaker
            if (
                child.dep_ == "prep"
                and child.lower_ == "in"
                and any(g.dep_ == "pobj" and g.lower_ in DOC_NOUNS for g in child.children)
            ):
                self.document_owner = speaker
        if cue.lower_ == "according" and any(
            t.lower_ in DOC_NOUNS for t in cue.doc[cue.i : cue.i + 8]
        ):
            self.document_owner = speaker
