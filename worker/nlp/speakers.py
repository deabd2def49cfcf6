"""Resolve speaker mentions to canonical speakers within one article.

An article introduces people and bodies once in full (`U.S. President Donald Trump`, `Gov. Lisa
Brandt`, `the mayor's office said in a statement`) and then refers back with surnames, pronouns,
roles and documents (`Mr. Trump`, `he`, `the governor`, `the statement`). ``ArticleSpeakers``
keeps what has been introduced so far (its ``NameIndex`` base, ``worker.nlp.name_index``) and
maps each later mention back to its canonical name: pronouns to their antecedent, roles to
their holder in focus, documents to their owner. State is per article, hence a class.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pycountry

from worker.lexicon import (
    DOC_NOUNS,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    PLACE_ALIASES,
    role_of,
)
from worker.nlp.given_names import given_name_gender
from worker.nlp.mentions import Mention, is_indefinite, is_junk, is_time_word, name_core, titles_in
from worker.nlp.name_index import (
    NameIndex,
    Seen,
    canonical_text,
    first_role,
    gender_of,
    name_gender,
    surname_key,
)
from worker.nlp.tokens import is_proper, text_of
from worker.records import SpeakerType

if TYPE_CHECKING:
    from spacy.tokens import Token


_LEADING_DETERMINERS = ("the ", "a ", "an ")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    type: SpeakerType | None
    mention: str


@functools.cache
def _country_names() -> frozenset[str]:
    names = set(PLACE_ALIASES)
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value.lower())
    states = pycountry.subdivisions.get(country_code="US")  # type: ignore[no-untyped-call]
    for state in states or []:
        names.add(state.name.lower())
    return frozenset(names)


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})


def _strip_determiner(text: str) -> str:
    lowered = text.lower()
    for determiner in _LEADING_DETERMINERS:
        if lowered.startswith(determiner):
            return text[len(determiner) :]
    return text


def _plural_role(name: str) -> bool:
    """`officials`, `analysts`: an unresolved plural role is a group, not a `he` or `she`."""
    last = name.lower().split()[-1] if name.split() else ""
    return last in PERSON_ROLES and last.endswith(("s", "men")) and not last.endswith("ss")


def _first_person_quote(mention: Mention) -> bool:
    """The sentence of the mention speaks in the first person singular (`"I am angry"`)."""
    return any(t.lower_ in _FIRST_PERSON and t.i != mention.head.i for t in mention.head.doc)


class ArticleSpeakers(NameIndex):
    """Who has been introduced so far in one article, and how to name them canonically."""

    def __init__(self) -> None:
        super().__init__()
        self.timeline: list[Seen] = []
        self.document_owner: Speaker | None = None
        self._attributing = False

    def note(self, speaker: Speaker, position: int) -> None:
        """A resolved speaker or subject becomes a candidate antecedent for later pronouns.

        The speaker of an attribution (announced by ``remember_document``, which is called for
        each one) and the subject of a main clause are salient: `he` prefers them to a person
        named inside a reported clause (`Hale said Okoro would resign. "...," he said.`).
        """
        salient = self._attributing or position in self._main_subjects
        self._attributing = False
        self.timeline.append(Seen(position, speaker.name, speaker.type, salient))

    def resolve(self, mention: Mention, offset: int) -> Speaker | None:
        """The canonical speaker a mention names, or None when it names nobody."""
        if is_junk(mention) or self._stray_word(mention):
            return None
        speaker = self._resolve(mention, offset)
        if speaker is None:
            return None
        if self._place(speaker.name, mention):
            # `Russia said`: a country or city speaks as its government, never as a person
            # saying "I".
            if _first_person_quote(mention):
                return None
            speaker = replace(speaker, type="organization")
        return replace(speaker, name=canonical_text(speaker.name))

    def _resolve(self, mention: Mention, offset: int) -> Speaker | None:
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
        if kind == "role" and self._surname_of_someone(mention):
            return self._person(mention, position)
        if kind == "role":
            return self._role(mention, position)
        if kind == "org":
            return self._organisation(mention, position)
        if mention.head.text[:1].isupper() and surname_key(mention.head.text) in self.full_names:
            return self._person(mention, position)
        text = _strip_determiner(mention.text)
        return Speaker(text, None, mention.text) if text else None

    def _surname_of_someone(self, mention: Mention) -> bool:
        """`King says ...` after `Billie Jean King`: a title word alone that is the surname of
        someone the article named is that person, not the latest holder of the title."""
        head = mention.head
        return (
            len(mention.tokens) == 1
            and is_proper(head)
            and surname_key(head.text) in self.full_names
        )

    def _stray_word(self, mention: Mention) -> bool:
        """`Hastily`, `Stated`: a capitalised adverb or participle opening a sentence, taken
        for a name by the tagger. Only a word the article never introduces as a name counts."""
        if len(mention.tokens) != 1:
            return False
        head = mention.head
        word = head.lower_
        starts = head.i == 0 or head.is_sent_start or not head.doc[head.i - 1].is_alpha
        return (
            starts
            and head.text[:1].isupper()
            and len(word) > 4
            and word.endswith(("ly", "ed"))
            and surname_key(head.text) not in self.full_names
            and given_name_gender(head.text) is None
        )

    def _place(self, name: str, mention: Mention) -> bool:
        if (
            titles_in(mention.tokens)
            or name_gender(name) is not None
            or surname_key(name) in self.full_names
        ):
            return False
        key = canonical_text(_strip_determiner(name)).lower()
        return key in self.places or key in _country_names()

    def _person(self, mention: Mention, position: int) -> Speaker:
        core = name_core(mention.tokens)
        name = canonical_text(text_of(core) if core else _strip_determiner(mention.head.text))
        gender = gender_of(mention.tokens)
        canonical = self.person_name(name, position, gender, first_role(titles_in(mention.tokens)))
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
        if is_indefinite(mention.head):
            return Speaker(_strip_determiner(mention.text), "person", mention.text)
        role = role_of(mention.head.text)
        holders = [s for s in self.roles.get(role or "", []) if s.position < position]
        names = {seen.name for seen in holders}
        for seen in reversed(self.timeline):
            if seen.position < position and seen.name in names:
                return Speaker(seen.name, "person", mention.text)
        if holders:
            return Speaker(holders[-1].name, "person", mention.text)
        return Speaker(_strip_determiner(mention.text), "person", mention.text)

    def _frame_of(self, position: int) -> int:
        return bisect.bisect_right(self._frame_starts, position) - 1

    def _antecedent(self, mention: Mention, position: int) -> Speaker | None:
        """`he`/`she`: the latest person of that gender, preferring within one sentence the
        speaker of its attribution or its main subject to a person named in a reported clause.
        Groups (`officials`) and places are not antecedents of a singular pronoun."""
        gender = PERSON_PRONOUNS[mention.head.lower_]
        pool = sorted(self.timeline + self._topics, key=lambda seen: seen.position)
        agreeing = [
            seen
            for seen in pool
            if seen.position < position
            and seen.type == "person"
            and not _plural_role(seen.name)
            and self.gender(seen.name) in (None, gender)
        ]
        if not agreeing:
            return None
        chosen = agreeing[-1]
        if not chosen.salient:
            frame = self._frame_of(chosen.position)
            same_sentence = [
                seen for seen in agreeing if seen.salient and self._frame_of(seen.position) == frame
            ]
            if same_sentence:
                chosen = same_sentence[-1]
        self.genders.setdefault(chosen.name, gender)
        return Speaker(chosen.name, "person", mention.text)

    def _group_antecedent(self, mention: Mention, position: int) -> Speaker | None:
        earlier = [seen for seen in self.timeline if seen.position < position]
        for seen in reversed(earlier):
            if seen.type == "organization":
                return Speaker(seen.name, seen.type, mention.text)
        return Speaker(earlier[-1].name, earlier[-1].type, mention.text) if earlier else None

    def _document_owner(self, mention: Mention, position: int) -> Speaker | None:
        # `A Feb. 1 letter`: a date is not the document's owner.
        owners = [t for t in mention.tokens if is_proper(t) and not is_time_word(t)]
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
        # `the lawsuit says`, `according to the report` with no author named: a document noun
        # alone names no speaker, and a wrong speaker costs more than a missing one.
        return None

    def remember_document(self, cue: Token, speaker: Speaker) -> None:
        """`X said in a statement`, `X released a statement`: `the statement said` means X.

        Called for every attribution, just before its speaker is noted."""
        self._attributing = True
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
