"""What the words before a quote say about it: a lead-in that names its speaker, or a label.

A colon or comma lead-in (`Clinton: “...”`, `Rubio fired back: “...”`) hands the quote to the
clause or name it ends; a marker (`the so-called “...”`, `the film “...”`) makes the quote a
label that nobody said.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from worker.lexicon import SCARE_MARKERS, WORK_NOUNS
from worker.nlp.attribution_record import Attribution
from worker.nlp.cues import is_cue
from worker.nlp.mentions import inverted_cue
from worker.nlp.speaker_like import mistagged_name_noun, speaker_like
from worker.nlp.subjects import left_noun, named_alternative, nearest_subject, subject_of
from worker.nlp.tokens import SUBJECT_DEPS, Regions, is_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "at", "to", "for", "or"})


_LEAD_IN_BREAKS = frozenset({"-", "—", "–", ".", "!", "?", "”", '"', "''"})


_LEAD_IN_WORDS = frozenset({"of", "the", "and", "&", ","})


_LEAD_IN_MAX = 10


def name_colon(before: Sequence[Token]) -> Attribution | None:
    """`Clinton: “...”`, `RED STATES GAIN - Jeffrey M. Jones: “...”`, `Added Voss: “...”`,
    `Rep. Ann Voss (D-Md.): “...”`, `Ann Voss, Ostland Herald: “...”`: a name alone before a
    colon, at the start of a sentence or after a dash, introduces the quote as a transcript turn
    or a cited author does."""
    colon = before[-1]
    run: list[Token] = []
    depth = 0
    for token in reversed(before[:-1]):
        if token.text == ")":
            depth += 1
        elif token.text == "(":
            depth -= 1
        elif depth == 0 and (token.text in _LEAD_IN_BREAKS or token.is_space):
            break
        elif depth == 0:
            if run and inverted_cue(token):
                break  # `Stated Stone:`, `Continued Stone:`
            if not (token.tag_ in ("NNP", "NNPS") or token.lower_ in _LEAD_IN_WORDS):
                return None
            run.append(token)
        if len(run) > _LEAD_IN_MAX:
            return None
    # `Ann Voss, Ostland Herald:` names the speaker first and the outlet after a comma.
    run.reverse()
    first = run[: next((i for i, t in enumerate(run) if t.text == ","), len(run))]
    names = [t for t in first if t.tag_ in ("NNP", "NNPS")]
    if not names:
        return None
    return Attribution(colon, names[-1], None, "layout", 0.85)


def colon_clause(before: Sequence[Token], quoted: Regions) -> Attribution | None:
    """`When Trump suggested Cuba would sue, Rubio fired back forcefully: “...”`: the clause
    the colon ends introduces the quote, so the subject of its last verb is the speaker, not
    that of a reporting verb earlier in the sentence."""
    for token in reversed(before):
        if token.text in (".", "!", "?") or quoted.has_token(token):
            return None
        if not is_verb(token) or token.dep_ in ("aux", "auxpass"):
            continue
        subject = nearest_subject(token, quoted)
        if subject is None:
            continue
        subject = named_alternative(subject, token, quoted)
        if subject.i < token.i and speaker_like(subject, quoted):
            cue = is_cue(token, quoted)
            return Attribution(token, subject, None, "adjacent_cue" if cue else "colon", 0.85)
        return None
    return None


def colon_introduced(
    doc: Doc, before: Sequence[Token], quoted: Regions, end: int
) -> Attribution | None:
    """`Raman also defended the cuts: “...”`, `Hillary shot back, “...”`: a clause ending in a
    colon, or in a comma when the quote then ends the sentence, hands the quote to its subject."""
    words = [t for t in before if not t.is_space and not quoted.has_token(t)]
    if not words or words[-1].text not in (":", ","):
        return None
    after = [t for t in doc if t.idx >= end and not quoted.has_token(t) and not t.is_space]
    if words[-1].text == "," and any(not t.is_punct for t in after):
        return None
    found = main_subject(words[-1].head, quoted)
    if found is None and words[-1].text == ",":
        found = _clause_subject(words[-1], quoted)
    return Attribution(found.cue, found.subject, None, "colon", 0.75) if found else None


def _clause_subject(comma: Token, quoted: Regions) -> Attribution | None:
    """The subject of the finite verb of the clause a comma closes, when it can speak."""
    verbs = [t for t in comma.doc[: comma.i] if is_verb(t) and t.dep_ != "aux"]
    for verb in reversed(verbs):
        subject = subject_of(verb, quoted)
        if subject is not None and subject.i < verb.i and speaker_like(subject, quoted):
            return Attribution(verb, subject)
    return None


def main_subject(token: Token, quoted: Regions) -> Attribution | None:
    """The subject of the clause ``token`` belongs to, as a speaker (names and pronouns)."""
    verb = token
    while (
        verb.dep_ != "ROOT"
        and verb.head.i != verb.i
        and not any(child.dep_ in SUBJECT_DEPS for child in verb.children)
    ):
        verb = verb.head
    for child in verb.children:
        if (
            child.dep_ == "nsubj"
            and (child.tag_ in ("NNP", "NNPS", "PRP") or mistagged_name_noun(child))
            and not quoted.has_token(child)
        ):
            return Attribution(verb, child)
    if any(child.dep_ in SUBJECT_DEPS for child in verb.children):
        return None
    subject = left_noun(verb, quoted)
    return Attribution(verb, subject) if subject is not None else None


def is_label(text: str, start: int, end: int, frame_start: int) -> bool:
    """Scare quotes and titles: `the so-called “blue wall”`, `the film “Night Harbor”`."""
    before = text[max(frame_start, start - 40) : start].rstrip(' “"„«').split()
    previous = before[-1].lower().strip(",;:") if before else ""
    quoted = text[start:end].lstrip()
    if previous in SCARE_MARKERS or (previous in WORK_NOUNS and quoted[:1].isupper()):
        return True
    if previous == "as" and len(before) > 1 and before[-2].lower() == "known":
        return True
    words = text[start:end].strip(" ,.;:!?").split()
    if not 2 <= len(words) <= 8 or start - frame_start <= 1 or not before:
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return (
        bool(significant)
        and all(w[:1].isupper() for w in significant)
        and not any(ch in text[start:end] for ch in ".!?")
    )
