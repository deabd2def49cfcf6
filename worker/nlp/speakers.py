"""Resolve speaker mentions to canonical speakers within one article.

An article introduces people and bodies once in full (`U.S. President Donald Trump`, `Gov. Lisa
Brandt`, `the mayor's office said in a statement`) and then refers back with surnames, pronouns,
roles and documents (`Mr. Trump`, `he`, `the governor`, `the statement`). ``ArticleSpeakers``
keeps what has been introduced so far and maps each later mention back to its canonical name.
State is per article, hence a class.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pycountry

from worker.lexicon import (
    DOC_NOUNS,
    FEMALE_HONORIFICS,
    MALE_HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    PLACE_ALIASES,
    cue_lemma,
    role_of,
)
from worker.nlp.mentions import (
    Mention,
    inverted_cue,
    is_indefinite,
    is_junk,
    is_time_word,
    name_core,
    titles_in,
)
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


# Only names borne almost always by one gender count; `mostly_*` names (Lindsey, Bernie) are
# too often the other gender's in the news to overrule a nearer antecedent.
_GUESSES = {"male": "male", "female": "female"}


@functools.cache
def _name_detector() -> object:
    """gender-guesser's given-name table (about 40,000 names, shipped with the package); loaded
    on first use because reading it takes most of a second."""
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


@functools.lru_cache(maxsize=8192)
def given_name_gender(word: str) -> str | None:
    """`male`/`female` when ``word`` is a given name mostly borne by one gender, else None."""
    if len(word) < 2 or not word[:1].isupper() or not word.isalpha():
        return None
    guess = _name_detector().get_gender(word)  # type: ignore[attr-defined]
    return _GUESSES.get(str(guess))


def name_gender(name: str) -> str | None:
    """The gender a full name's given name suggests (`Dana Ruiz` -> female); a lone surname
    suggests nothing."""
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    if len(words) < 2:
        return None
    return given_name_gender(words[0])


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


def _person_key(name: str) -> tuple[str, str]:
    """Forms of one person's name share the given name and suffix: `Donald Trump` and `Donald
    J. Trump` are one person, `Donald Trump Jr.` another."""
    words = [w.lower().rstrip(".") for w in name.split()]
    suffix = words[-1] if words and words[-1] in NAME_SUFFIXES else ""
    return (words[0] if words else "", suffix)


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})


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


_PLACE_PREPOSITIONS = frozenset({"in", "across", "throughout"})


def _first_role(titles: list[str]) -> str | None:
    return next((role for title in titles if (role := role_of(title))), None)


def _main_clause(verb: Token) -> bool:
    """The root verb of the sentence, or a verb coordinated with it."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _plural_role(name: str) -> bool:
    """`officials`, `analysts`: an unresolved plural role is a group, not a `he` or `she`."""
    last = name.lower().split()[-1] if name.split() else ""
    return last in PERSON_ROLES and last.endswith(("s", "men")) and not last.endswith("ss")


def _first_person_quote(mention: Mention) -> bool:
    """The sentence of the mention speaks in the first person singular (`"I am angry"`)."""
    return any(t.lower_ in _FIRST_PERSON and t.i != mention.head.i for t in mention.head.doc)


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


class ArticleSpeakers:
    """Who has been introduced so far in one article, and how to name them canonically."""

    def __init__(self) -> None:
        self.full_names: dict[str, list[_Seen]] = {}
        self.roles: dict[str, list[_Seen]] = {}
        self.organisations: list[_Seen] = []
        self.timeline: list[_Seen] = []
        self.genders: dict[str, str] = {}
        self.document_owner: Speaker | None = None
        self.places: set[str] = set()
        self._main_subjects: set[int] = set()
        self._frame_starts: list[int] = []
        self._attributing = False
        self._topics: list[_Seen] = []

    # --- indexing -----------------------------------------------------------------------------

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
                self.organisations.append(_Seen(position, text_of(run), "organization"))
            return
        core = name_core(run)
        if not core:
            return
        name = canonical_text(text_of(core))
        if len(core) >= 2:
            self.full_names.setdefault(surname_key(name), []).append(
                _Seen(position, name, "person")
            )
        if quoted.has_token(run[0]):
            return
        gender = _gender_of(run)
        titles = titles_in(run)
        canonical = self.person_name(name, position, gender, _first_role(titles))
        if gender:
            self.genders.setdefault(canonical, gender)
        previous = run[0].doc[run[0].i - 1] if run[0].i > 0 else None
        titles = titles + _described_roles(run[-1])
        if previous is not None and previous.lower_ in PERSON_ROLES:
            titles.append(previous.text)
        for title in titles:
            role = role_of(title)
            if role:
                self.roles.setdefault(role, []).append(_Seen(position, canonical, "person"))

    def _index_topic(self, token: Token, offset: int) -> None:
        """`Erin Brockovich, the activist, endorsed ...` parsed with the name as the root: the
        parser lost the subject, but the sentence is about this person, a pronoun's candidate."""
        core = name_core([t for t in token.subtree if t.i <= token.i])
        if len(core) < 2 or any(t.lower_ in ORG_WORDS for t in core):
            return
        position = offset + core[0].idx
        name = self.person_name(canonical_text(text_of(core)), position)
        self._topics.append(_Seen(position, name, "person", salient=True))

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
            self.roles.setdefault(role, []).append(_Seen(position, name, "person"))

    def note(self, speaker: Speaker, position: int) -> None:
        """A resolved speaker or subject becomes a candidate antecedent for later pronouns.

        The speaker of an attribution (announced by ``remember_document``, which is called for
        each one) and the subject of a main clause are salient: `he` prefers them to a person
        named inside a reported clause (`Hale said Okoro would resign. "...," he said.`).
        """
        salient = self._attributing or position in self._main_subjects
        self._attributing = False
        self.timeline.append(_Seen(position, speaker.name, speaker.type, salient))

    # --- resolution ---------------------------------------------------------------------------

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
        if kind == "role":
            return self._role(mention, position)
        if kind == "org":
            return self._organisation(mention, position)
        if mention.head.text[:1].isupper() and surname_key(mention.head.text) in self.full_names:
            return self._person(mention, position)
        text = _strip_determiner(mention.text)
        return Speaker(text, None, mention.text) if text else None

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
        gender = _gender_of(mention.tokens)
        canonical = self.person_name(name, position, gender, _first_role(titles_in(mention.tokens)))
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
