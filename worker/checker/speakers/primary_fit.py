"""Is the speaker an outlet names the speaker of a primary source?

Outlets rarely write a speaker the way the primary source labels them: the transcript says
``ANA ORTEGA (Mayor)``, the stories say ``Ortega``, ``Mayor Ortega`` or ``the mayor``; the
statement comes from the ``Office of the Mayor of Port Talbin`` and is quoted as ``the mayor's
office``. The rules reuse the checker's name keys (``unify.py``) so a quote is credited to a
primary speaker exactly when the cross-source checker would unify the two names, plus what only a
primary source tells: the title in a transcript label, and the acronym of an institution's name.

A name fits a primary speaker when
- the person keys agree, one ending the other (``Ortega`` / ``Ana Ortega``), unless another
  name in the story ends the same way (``Daniel Ortega``): then a bare ``Ortega`` is not
  guessed, just as cross-article unification leaves it alone;
- the organisation keys agree or one ends the other (``the authority`` / ``Kessling Valley
  Regional Transit Authority``), or one is the other's acronym (``KVRTA``);
- the name is a role the speaker holds, or its last words (``the mayor``, ``the health
  officer`` for ``County Health Officer``: the label's title, or ``Mayor Ana Ortega`` in the
  story's texts), or the office of that role (``the mayor's office`` and the mayor, either way
  round); a speaker labelled only by a role (``THE PRESIDENT:``) is whoever the story gives
  that title.
A role or acronym that fits two different primary speakers fits neither.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from worker.checker.primary.passages import PrimarySpeaker
from worker.checker.speakers.unify import acronym_of, office_key, person_key, roles_in

Key = tuple[str, ...]
Roles = dict[str, set[Key]]
Rule = Callable[[str, "PrimarySpeaker"], bool]
KeyOf = Callable[[str], Key]


def _ends(short: Key, long: Key) -> bool:
    return 0 < len(short) <= len(long) and long[-len(short) :] == short


def _compatible(x: Key, y: Key) -> bool:
    return _ends(x, y) or _ends(y, x)


@dataclass(frozen=True, slots=True)
class SpeakerMatcher:
    """Primary speakers, the roles the story's texts give people, and every name in the story.

    ``story_names`` are the canonical speaker names of all quotes: a short name that also ends
    one of them (not the primary speaker's) is ambiguous.
    """

    speakers: tuple[PrimarySpeaker, ...]
    roles: Roles
    story_names: tuple[str, ...] = ()

    @classmethod
    def build(
        cls,
        speakers: Iterable[PrimarySpeaker],
        texts: Iterable[str],
        story_names: Iterable[str] = (),
    ) -> SpeakerMatcher:
        unique = tuple(dict.fromkeys(speakers))
        titled = [f"{s.title} {s.name}" for s in unique if s.title]
        return cls(unique, roles_in([*texts, *titled]), tuple(dict.fromkeys(story_names)))

    def _key_fits(self, name: str, speaker: PrimarySpeaker, key: KeyOf) -> bool:
        """Equal keys, or one ends the other and no other name in the story ends that way."""
        mine, theirs = key(name), key(speaker.name)
        if mine == theirs:
            return True
        if not _compatible(mine, theirs):
            return False
        short = min(mine, theirs, key=len)
        rivals = (key(other) for other in self.story_names if other != name)
        return not any(_ends(short, rival) and not _compatible(rival, theirs) for rival in rivals)

    def _person_fits(self, name: str, speaker: PrimarySpeaker) -> bool:
        return speaker.kind != "organization" and self._key_fits(name, speaker, person_key)

    def _organisation_fits(self, name: str, speaker: PrimarySpeaker) -> bool:
        def key(text: str) -> Key:
            return office_key(text, self.roles)

        return speaker.kind != "person" and self._key_fits(name, speaker, key)

    def _acronym_fits(self, name: str, speaker: PrimarySpeaker) -> bool:
        def bare(text: str) -> str:
            return "".join(ch for ch in text.lower() if ch.isalnum())

        return any(
            len(bare(short)) >= 2 and " " not in short.strip() and bare(short) == acronym_of(long)
            for short, long in ((name, speaker.name), (speaker.name, name))
        )

    def _holds(self, name: str) -> set[Key]:
        """The roles the story gives a person, unless two people share that surname."""
        key = person_key(name)
        if not key:
            return set()
        namesakes = [person_key(other) for other in self.story_names]
        namesakes += [person_key(speaker.name) for speaker in self.speakers]
        if any(_ends(key[-1:], other) and not _compatible(other, key) for other in namesakes):
            return set()
        held = set(self.roles.get(key[-1], set()))
        return held

    def _role_fits(self, name: str, speaker: PrimarySpeaker) -> bool:
        """The name is the speaker's role or the office of it, or the other way round."""
        mine, theirs = office_key(name, self.roles), office_key(speaker.name, self.roles)
        held = self._holds(speaker.name) if speaker.kind != "organization" else set()
        if speaker.title:
            held.add(tuple(speaker.title.lower().split()))
        if any(_ends(mine, role) or mine == (*role, "office") for role in held):
            return True
        roles = {mine} | self._holds(name)
        targets = {(*role, "office") for role in roles}
        if theirs in held:
            # ``THE PRESIDENT:`` in a transcript is whoever the story calls President.
            targets |= roles
        return theirs in targets

    def _rules(self) -> tuple[Rule, ...]:
        return (self._person_fits, self._organisation_fits, self._acronym_fits, self._role_fits)

    def _same(self, x: PrimarySpeaker, y: PrimarySpeaker) -> bool:
        """Two primary speakers who are one voice (a person and the office of their role)."""
        return x == y or any(rule(x.name, y) or rule(y.name, x) for rule in self._rules())

    def match(self, names: Sequence[str | None]) -> tuple[PrimarySpeaker, ...]:
        """The primary speakers any of ``names`` (one quote's speaker names) fits."""
        found: dict[PrimarySpeaker, None] = {}
        for name in dict.fromkeys(n for n in names if n):
            for rule in self._rules():
                fits = [speaker for speaker in self.speakers if rule(name, speaker)]
                ambiguous = any(
                    not self._same(x, y) for i, x in enumerate(fits) for y in fits[i + 1 :]
                )
                if not ambiguous:
                    found.update(dict.fromkeys(fits))
        return tuple(found)
