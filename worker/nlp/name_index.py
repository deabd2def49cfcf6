"""The names an article introduces, indexed as it is read, and the fullest form of each.

Every mention of a person grows into the fullest name the article gave them (`Trump` ->
`Donald Trump`) only when the evidence agrees, so the index keeps full names by surname,
role holders, organisations, places, genders from honorifics, and the subjects of main clauses.
``worker.nlp.speakers`` resolves mentions against it; kept apart because reading names out of a
parse (proper-noun runs, appositions, gender of a given name) is its own concern.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from worker.lexicon import (
    FEMALE_HONORIFICS,
    MALE_HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_WORDS,
    PERSON_ROLES,
    cue_lemma,
    role_of,
)
from worker.nlp.given_names import given_name_gender
from worker.nlp.mentions import inverted_cue, name_core, titles_in
from worker.nlp.tokens import Regions, is_proper, text_of
from worker.records import SpeakerType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_KEY_SPLIT = re.compile(r"[\s\-‐]+")


@dataclass(frozen=True, slots=True)
class Seen:
    position: int
    name: str
    type: SpeakerType | None
    salient: bool = False


def surname_key(name: str) -> str:
    words = [
        w
        for w in _KEY_SPLIT.split(canonical_text(name).lower())
        if w and w not in NAME_PARTICLES and w.rstrip(".") not in NAME_SUFFIXES
    ]
    return words[-1].strip(".'’") if words else ""


def canonical_text(name: str) -> str:
    """Typographic apostrophes folded to `'`, so that `O’Donnell` in one outlet and
    `O'Donnell` in another are one canonical speaker."""
    return name.replace("’", "'").replace("‘", "'")


def name_gender(name: str) -> str | None:
    """The gender a full name's given name suggests (`Dana Ruiz` -> female); a lone surname
    suggests nothing."""
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    if len(words) < 2:
        return None
    return given_name_gender(words[0])


def _person_key(name: str) -> tuple[str, str]:
    """Forms of one person's name share the given name and suffix: `Donald Trump` and `Donald
    J. Trump` are one person, `Donald Trump Jr.` another."""
    words = [w.lower().rstrip(".") for w in name.split()]
    suffix = words[-1] if words and words[-1] in NAME_SUFFIXES else ""
    return (words[0] if words else "", suffix)


def gender_of(tokens: list[Token] | tuple[Token, ...]) -> str | None:
    for token in tokens:
        key = token.lower_.rstrip(".")
        if key in MALE_HONORIFICS:
            return "male"
        if key in FEMALE_HONORIFICS:
            return "female"
    return None


_PLACE_PREPOSITIONS = frozenset({"in", "across", "throughout"})


def first_role(titles: list[str]) -> str | None:
    return next((role for title in titles if (role := role_of(title))), None)


def _main_clause(verb: Token) -> bool:
    """The root verb of the sentence, or a verb coordinated with it."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


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
        if (is_proper(token) or _joins(current, token)) and not _verb_in_name(token):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [_trim(run) for run in runs if _trim(run)]


def _verb_in_name(token: Token) -> bool:
    """`Howard Dean Tells Democratic Convention`, `Stated Stone:`: a reporting verb in a
    title-case headline, or opening an inverted lead-in, is tagged as part of the name."""
    lemma = cue_lemma(token.lower_)
    headline = lemma is not None and token.lower_ != lemma and token.lower_.endswith("s")
    return headline or inverted_cue(token)


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


class NameIndex:
    """The people, roles, organisations and places one article has introduced so far."""

    def __init__(self) -> None:
        self.full_names: dict[str, list[Seen]] = {}
        self.roles: dict[str, list[Seen]] = {}
        self.organisations: list[Seen] = []
        self.genders: dict[str, str] = {}
        self.places: set[str] = set()
        self._main_subjects: set[int] = set()
        self._frame_starts: list[int] = []
        self._topics: list[Seen] = []

    def index_names(self, doc: Doc, offset: int, quoted: Regions) -> None:
        """Record full names, titles and organisations introduced in one parsed frame."""
        bisect.insort(self._frame_starts, offset)
        for run in proper_runs(doc):
            self._index_run(run, offset, quoted)
        for token in doc:
            if quoted.has_token(token):
                continue
            if token.dep_ == "appos":
                self._index_apposition(token, offset)
            if token.dep_ in ("nsubj", "nsubjpass") and _main_clause(token.head):
                self._main_subjects.add(offset + token.idx)
            if token.dep_ == "ROOT" and is_proper(token):
                self._index_topic(token, offset)
            if (
                token.dep_ == "pobj"
                and token.head.lower_ in _PLACE_PREPOSITIONS
                and is_proper(token)
                and not any(child.dep_ == "case" for child in token.children)
            ):
                # `in Lindenford`: what people live, meet or vote in is a place.
                place = [t for t in token.subtree if is_proper(t)]
                if place:
                    self.places.add(canonical_text(text_of(place)).lower())

    def _index_run(self, run: list[Token], offset: int, quoted: Regions) -> None:
        words = [t.lower_ for t in run]
        position = offset + run[0].idx
        if any(w in ORG_WORDS for w in words):
            if not quoted.has_token(run[0]):
                self.organisations.append(Seen(position, text_of(run), "organization"))
            return
        core = name_core(run)
        if not core:
            return
        name = canonical_text(text_of(core))
        if len(core) >= 2:
            self.full_names.setdefault(surname_key(name), []).append(Seen(position, name, "person"))
        if quoted.has_token(run[0]):
            return
        gender = gender_of(run)
        titles = titles_in(run)
        canonical = self.person_name(name, position, gender, first_role(titles))
        if gender:
            self.genders.setdefault(canonical, gender)
        previous = run[0].doc[run[0].i - 1] if run[0].i > 0 else None
        titles = titles + _described_roles(run[-1])
        if previous is not None and previous.lower_ in PERSON_ROLES:
            titles.append(previous.text)
        for title in titles:
            role = role_of(title)
            if role:
                self.roles.setdefault(role, []).append(Seen(position, canonical, "person"))

    def _index_topic(self, token: Token, offset: int) -> None:
        """`Erin Brockovich, the activist, endorsed ...` parsed with the name as the root: the
        parser lost the subject, but the sentence is about this person, a pronoun's candidate."""
        core = name_core([t for t in token.subtree if t.i <= token.i])
        if len(core) < 2 or any(t.lower_ in ORG_WORDS for t in core):
            return
        position = offset + core[0].idx
        name = self.person_name(canonical_text(text_of(core)), position)
        self._topics.append(Seen(position, name, "person", salient=True))

    def _index_apposition(self, token: Token, offset: int) -> None:
        head = token.head
        name_token, role_token = (head, token) if is_proper(head) else (token, head)
        role = role_of(role_token.text)
        if not is_proper(name_token) or role is None:
            return
        core = name_core([t for t in name_token.subtree if t.i <= name_token.i])
        if core:
            position = offset + name_token.idx
            name = self.person_name(canonical_text(text_of(core)), position)
            self.roles.setdefault(role, []).append(Seen(position, name, "person"))

    def gender(self, name: str) -> str | None:
        """Known from an honorific or a resolved pronoun, else suggested by the given name."""
        return self.genders.get(name) or name_gender(name)

    def person_name(
        self, name: str, position: int, gender: str | None = None, role: str | None = None
    ) -> str:
        """The fullest form of a person's name seen in the article (`Trump` -> `Donald Trump`).

        A surname grows into a full name only when the evidence agrees: the honorific's gender
        (`Mr. Okafor` is never `Grace Okafor`) and the title (`Sen. Lind` prefers the Lind who
        is a senator). With two people left and nothing to choose between them the name stays
        as it was said (`Lind`), because a wrong full name is worse than a short one.
        """
        candidates = self.full_names.get(surname_key(name), [])
        words = name.split()
        if not candidates or len(words) >= 3:
            return name
        distinct = list(dict.fromkeys(seen.name for seen in candidates))
        if len(words) >= 2:
            # A full name only grows into a fuller form of itself (`Donald J. Trump`).
            given = words[0].lower()
            distinct = [c for c in distinct if c.split()[0].lower() == given]
        if gender:
            distinct = [c for c in distinct if self.gender(c) in (None, gender)]
        if role:
            holders = {seen.name for seen in self.roles.get(role, [])}
            distinct = [c for c in distinct if c in holders] or distinct
        people: dict[tuple[str, str], list[str]] = {}
        for candidate in distinct:
            people.setdefault(_person_key(candidate), []).append(candidate)
        if len(people) != 1:
            return name
        fullest = max(next(iter(people.values())), key=len)
        return fullest if len(fullest) >= len(name) else name
