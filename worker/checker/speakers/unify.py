"""One identity per speaker across the articles of a story.

Extraction resolves speakers within one article only, so the same person arrives as
``Donald Trump`` from one outlet and ``Trump`` from another, and the same body as ``the White
House`` and ``White House statement``. Without unifying them every corroborated quote would look
like a speaker conflict. Persons merge when one name's words end the other's (a surname, or a
name without its middle initial), but not when two different full names share that ending: a
bare ``Ortega`` next to both ``Ana Ortega`` and ``Daniel Ortega`` stays unresolved rather than
guessed. Organisations merge by their name without article, possessive, document noun or
honorific, with ``Office of the President`` read as ``presidential office``; a shorter name joins
a longer one it ends (``ministry`` -> ``foreign ministry``) under the same ambiguity rule.
``Valen's office`` is the presidential office only when the articles call exactly one person
``President`` and that is Valen: with two presidents in a story it stays apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from anyascii import anyascii

from worker.checker.speakers.kinds import fold_name, is_country, is_date, is_document
from worker.checker.speakers.name_match import PersonName, gender_of, same_person, skeleton
from worker.lexicon import (
    HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NAME_TITLES,
    ORG_NAME_SUFFIXES,
    words_of,
)
from worker.records import SpeakerType

_ROLE_TITLES = r"President|Prime Minister|Premier|Chancellor|Governor|Mayor|King|Queen"
_ROLE_MENTION = re.compile(rf"\b({_ROLE_TITLES})((?:\s+[A-Z][\w'\u2019.-]*){{1,3}})")
_ORG_OF = re.compile(r"^(office|ministry|department|bureau|agency|secretariat) of (?:the )?(.+)$")
# ``mayor of port talbin``: an office holder of one place; the place does not tell offices apart.
_ROLE_OF_PLACE = re.compile(rf"^((?:{_ROLE_TITLES.lower()})) of (?:the )?.+$")
_ACRONYM_SKIP: frozenset[str] = words_of("of the and for on in at de")
_ORG_WORDS: dict[str, tuple[str, ...]] = {
    "presidential": ("president",),
    "presidency": ("president", "office"),
    "ministerial": ("minister",),
    "affairs": (),
}
_NAME_SPLIT = re.compile(r"[^\w']+")
_POSSESSIVE = re.compile(r"'s?$")
_INNER_POSSESSIVE = re.compile(r"'s?\b")


Group = tuple[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Sighting:
    """A speaker as one quote gives it: the article's canonical name, the mention, the type."""

    name: str | None
    mention: str | None
    type: SpeakerType | None


@dataclass(frozen=True, slots=True)
class SpeakerIdentity:
    """A unified speaker: display name, every name and mention seen, and its type."""

    name: str
    aliases: tuple[str, ...]
    type: SpeakerType | None


@dataclass(frozen=True, slots=True)
class SpeakerIndex:
    """Unified identities and the canonical name for every name seen."""

    identities: tuple[SpeakerIdentity, ...]
    canonical: dict[str, str]

    def resolve(self, name: str | None) -> str | None:
        return None if name is None else self.canonical.get(name, name)


def _fold(text: str) -> str:
    """ASCII lower case: ``Erdoğan`` = ``Erdogan``, ``Aydın`` = ``Aydin`` (anyascii)."""
    return anyascii(text.replace("\u2019", "'")).lower()


def person_key(name: str) -> tuple[str, ...]:
    """The words that identify a person: no titles, particles, initials or suffixes.

    What precedes a possessive is whom the person belongs to, not their name (``Kestria's
    Rashid al-Qadoumi``), and a title phrase in the first words goes with its modifiers
    (``Kestrian Foreign Minister Rashid Qaddoumi``), as long as a name remains after it.
    """
    raw = [w for w in _NAME_SPLIT.split(_fold(name).replace(".", " ")) if w]
    for index in range(len(raw) - 2, -1, -1):
        if raw[index].endswith(("'s", "'")):
            raw = raw[index + 1 :]
            break
    words = [_POSSESSIVE.sub("", w) for w in raw]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in NAME_TITLES:
        words = words[1:]
    titled = [i for i, w in enumerate(words[:3]) if w in NAME_TITLES and i < len(words) - 1]
    if titled and any(w not in NAME_SUFFIXES for w in words[titled[-1] + 1 :]):
        words = words[titled[-1] + 1 :]
    kept = [w for w in words if w not in NAME_PARTICLES and w not in NAME_SUFFIXES and len(w) > 1]
    return tuple(kept or words)


def _strip_org(name: str) -> str:
    """The organisation's name as a reader would write it (display form)."""
    text = " ".join(name.replace("\u2019", "'").split())
    for article in ("the ", "a ", "an "):
        if text.lower().startswith(article):
            text = text[len(article) :]
            break
    lowered = text.lower()
    for noun in ORG_NAME_SUFFIXES:
        if lowered.endswith(" " + noun) and len(lowered) > len(noun) + 1:
            text = text[: -len(noun) - 1]
            break
    return _POSSESSIVE.sub("", text.rstrip()).strip() or name.strip()


def organisation_key(name: str) -> tuple[str, ...]:
    """Case, ``the``, possessives, honorifics and document nouns do not change who spoke.

    ``Office of the President`` and ``presidential office`` give one key, as do ``Marovian`` and
    ``Marovia's`` in front of a name (a trailing ``n`` of a demonym is dropped).
    """
    text = _INNER_POSSESSIVE.sub("", _fold(_strip_org(name)).replace(".", ""))
    words = [word for word in _NAME_SPLIT.split(text) if word and word not in HONORIFICS]
    while words and words[0] == "the":
        words = words[1:]
    of_form = _ORG_OF.match(" ".join(words))
    if of_form:
        holder = _ROLE_OF_PLACE.match(of_form.group(2))
        words = [*(holder or of_form).group(1 if holder else 2).split(), of_form.group(1)]
    words = _titled_office(words)
    key: list[str] = []
    for position, word in enumerate(words):
        if word in _ORG_WORDS:
            key.extend(_ORG_WORDS[word])
        elif position < len(words) - 1 and len(word) >= 6 and word.endswith(("ian", "an")):
            key.append(word[:-1])
        else:
            key.append(word)
    return tuple(key or words)


def _titled_office(words: list[str]) -> list[str]:
    """``mayor ana ortega office`` -> ``ortega office``: the titles and given names go.

    What remains is the form ``Ortega's office`` already has, which ``_office_of_role`` reads
    as the mayor's office when the story has one mayor. A title alone (``vice president
    office``) is left as it is.
    """
    titles = 0
    while titles < len(words) - 1 and words[titles] in NAME_TITLES:
        titles += 1
    name = words[titles:-1]
    if not titles or not name or words[-1] != "office" or any(w in _ACRONYM_SKIP for w in name):
        return words
    return [name[-1], "office"]


def acronym_of(name: str) -> str:
    """``Kessling Valley Regional Transit Authority`` -> ``kvrta``; outlets write either."""
    words = _NAME_SPLIT.split(_fold(_strip_org(name)))
    return "".join(word[0] for word in words if word and word not in _ACRONYM_SKIP)


def roles_in(texts: Iterable[str]) -> dict[str, set[tuple[str, ...]]]:
    """Who the articles call ``President``, ``Mayor`` ...: surname -> roles."""
    roles: dict[str, set[tuple[str, ...]]] = {}
    for text in texts:
        for match in _ROLE_MENTION.finditer(text):
            surname = _POSSESSIVE.sub("", _fold(match.group(2).split()[-1])).strip(".")
            roles.setdefault(surname, set()).add(tuple(_fold(match.group(1)).split()))
    return roles


def _office_of_role(
    key: tuple[str, ...], roles: dict[str, set[tuple[str, ...]]]
) -> tuple[str, ...]:
    """``valen office`` -> ``president office`` when Valen is the story's only president."""
    if len(key) != 2 or key[1] != "office" or len(roles.get(key[0], ())) != 1:
        return key
    (role,) = roles[key[0]]
    holders = [surname for surname, held in roles.items() if role in held]
    return (*role, "office") if holders == [key[0]] else key


def office_key(name: str, roles: dict[str, set[tuple[str, ...]]]) -> tuple[str, ...]:
    """The organisation key with a person's office read as the office of their role."""
    return _office_of_role(organisation_key(name), roles)


def _majority_type(types: Counter[SpeakerType]) -> SpeakerType | None:
    if not types:
        return None
    return max(types.items(), key=lambda item: item[1])[0]


def _suffix_targets(keys: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """For each key, the longer key it ends, if that is unambiguous."""
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for key in keys:
        if key:
            by_last.setdefault(key[-1], []).append(key)
    targets: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in keys:
        candidates = by_last.get(key[-1], []) if key else []
        longer = [c for c in candidates if len(c) > len(key) and c[-len(key) :] == key]
        if not longer:
            continue
        longest = max(longer, key=len)
        if all(longest[-len(other) :] == other for other in longer):
            targets[key] = longest
    return targets


def _stand_in_key(name: str) -> tuple[str, ...] | None:
    """A country, a date or a bare document noun: never merged with a person or a body."""
    for kind, test in (("document", is_document), ("country", is_country), ("date", is_date)):
        if test(name):
            return (kind, *fold_name(_strip_org(name) or name).split())
    return None


def _clean(unit: PersonName, near: dict[PersonName, set[PersonName]]) -> bool:
    """Every name ``unit`` could be is also a name each of the others could be."""
    others = list(near[unit])
    return all(y in near[x] for i, x in enumerate(others) for y in others[i + 1 :])


def _person_groups(
    names: list[str], genders: dict[str, str | None]
) -> dict[str, tuple[str, PersonName]]:
    """Merge person names that :func:`name_match.same_person` joins, unless ambiguous.

    Two names merge when each of them could only be names of one person: a bare ``Ortega``
    next to ``Ana Ortega`` and ``Daniel Ortega`` (or ``Lee`` next to ``Mr. Lee`` and ``Mrs.
    Lee``) is left alone, and so are the full names. Names are compared only within the same
    first letter of their surname skeleton, which every rule of ``same_person`` keeps.
    """
    unit_of = {name: PersonName(person_key(name), genders.get(name)) for name in names}
    blocks: dict[str, list[PersonName]] = {}
    for unit in dict.fromkeys(unit_of.values()):
        blocks.setdefault(skeleton(unit.surname)[:1], []).append(unit)
    near: dict[PersonName, set[PersonName]] = {unit: set() for unit in unit_of.values()}
    for block in blocks.values():
        for i, x in enumerate(block):
            for y in block[i + 1 :]:
                if same_person(x, y):
                    near[x].add(y)
                    near[y].add(x)
    parent = {unit: unit for unit in near}

    def root(unit: PersonName) -> PersonName:
        while parent[unit] != unit:
            unit = parent[unit]
        return unit

    clean = {unit for unit in near if _clean(unit, near)}
    for unit in sorted(clean, key=lambda u: (u.key, u.gender or "")):
        for other in near[unit]:
            if other in clean and root(other) != root(unit):
                parent[root(other)] = root(unit)
    members: dict[PersonName, list[PersonName]] = {}
    for unit in near:
        members.setdefault(root(unit), []).append(unit)
    representative = {
        top: max(units, key=lambda u: (len(u.key), u.gender is not None, u.key))
        for top, units in members.items()
    }
    groups: dict[str, tuple[str, PersonName]] = {}
    for name, unit in unit_of.items():
        rep = representative[root(unit)]
        groups[name] = ("person" if rep.gender is None else f"person-{rep.gender}", rep)
    return groups


def _groups(
    name_type: dict[str, SpeakerType | None],
    roles: dict[str, set[tuple[str, ...]]],
    genders: dict[str, str | None] | None = None,
) -> dict[str, Group]:
    """The group (kind and merged key) of every name."""
    org_keys = {
        office_key(name, roles) for name, kind in name_type.items() if kind == "organization"
    }
    group_of: dict[str, Group] = {}
    persons: list[str] = []
    for name, kind in name_type.items():
        stand_in = _stand_in_key(name)
        org_key = office_key(name, roles)
        if stand_in is not None:
            group_of[name] = ("stand-in", stand_in)
        elif kind == "organization" or (kind is None and org_key in org_keys):
            group_of[name] = ("organization", org_key)
        else:
            persons.append(name)
    keys = sorted({key for group_kind, key in group_of.values() if group_kind == "organization"})
    targets = _suffix_targets(keys)
    for name, (group_kind, key) in group_of.items():
        if group_kind == "organization" and key in targets:
            group_of[name] = ("organization", targets[key])
    for name, (person_kind, unit) in _person_groups(persons, genders or {}).items():
        group_of[name] = (person_kind, unit.key)
    return group_of


def unify_speakers(sightings: Iterable[Sighting], texts: Iterable[str] = ()) -> SpeakerIndex:
    """Merge the names seen across articles into one identity per speaker.

    ``texts`` (the articles, and the mentions) tell which person holds which office.
    """
    seen: list[Sighting] = [s for s in sightings if s.name]
    types: dict[str, Counter[SpeakerType]] = {}
    order: dict[str, int] = {}
    for sighting in seen:
        assert sighting.name is not None
        order.setdefault(sighting.name, len(order))
        counter = types.setdefault(sighting.name, Counter())
        if sighting.type is not None:
            counter[sighting.type] += 1
    roles = roles_in([*texts, *(s.mention for s in seen if s.mention)])
    name_type = {name: _majority_type(counter) for name, counter in types.items()}
    group_of = _groups(name_type, roles, _genders(seen))

    members: dict[Group, list[str]] = {}
    for name in sorted(group_of, key=order.__getitem__):
        members.setdefault(group_of[name], []).append(name)

    counts = Counter(sighting.name for sighting in seen if sighting.name)
    aliases: dict[Group, dict[str, None]] = {}
    for sighting in seen:
        assert sighting.name is not None
        group_aliases = aliases.setdefault(group_of[sighting.name], {})
        group_aliases.setdefault(sighting.name, None)
        if sighting.mention:
            group_aliases.setdefault(sighting.mention, None)

    canonical: dict[str, str] = {}
    identities: list[SpeakerIdentity] = []
    for group, names in members.items():
        display = _display_name(group, names, counts)
        group_types: Counter[SpeakerType] = Counter()
        for name in names:
            group_types.update(types[name])
            canonical[name] = display
        identities.append(
            SpeakerIdentity(display, tuple(aliases[group]), _majority_type(group_types))
        )
    return SpeakerIndex(tuple(identities), canonical)


def _genders(seen: Iterable[Sighting]) -> dict[str, str | None]:
    """The gender each name's honorifics give (``Mrs. Lee``), ``None`` if none or both."""
    found: dict[str, set[str]] = {}
    for sighting in seen:
        assert sighting.name is not None
        words = [
            word
            for text in (sighting.name, sighting.mention or "")
            for word in _NAME_SPLIT.split(_fold(text).replace(".", " "))
        ]
        gender = gender_of(words)
        found.setdefault(sighting.name, set())
        if gender:
            found[sighting.name].add(gender)
    return {name: next(iter(g)) if len(g) == 1 else None for name, g in found.items()}


def _display_name(group: Group, names: list[str], counts: Counter[str]) -> str:
    """The most complete name, written as most sightings write it."""
    kind, key = group
    if kind in ("organization", "stand-in"):
        forms = Counter[str]()
        for name in names:
            if organisation_key(name) == key:
                forms[_strip_org(name)] += counts[name]
        if forms:
            return max(forms.items(), key=lambda item: item[1])[0]
        return _strip_org(max(names, key=lambda name: counts[name]))
    full = [name for name in names if person_key(name) == key] or names
    return max(full, key=lambda name: counts[name])
