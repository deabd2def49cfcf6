"""Word-by-word alignment of two quotes, with each difference placed where it occurs.

Where a difference sits decides what it means. Words beyond the other quote's first or last
shared word are excerpting (outlets quote different amounts of one statement); words the other
quote skipped at an ellipsis are a marked omission; only differences between shared words are
changes to what was said. The alignment labels each step with that role so the wording rules
(``wording.py``) and the diff in the report read the same structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from worker.checker.text.normalise import NormalisedQuote, Word
from worker.checker.text.spelling import word_pair_kind
from worker.checker.text.vocabulary import is_number

Tag = Literal["equal", "insert", "delete", "replace"]
# match: same word; case: same word, different mid-sentence capitalisation; end: words beyond
# the other quote's ends; end-change: different words facing each other at an end where the
# quotes diverge; end-beyond: the words past the shorter side of such a divergence; omission:
# words skipped at the other quote's ellipsis; change: a difference between shared words.
Role = Literal["match", "case", "end", "end-change", "end-beyond", "omission", "change"]


@dataclass(frozen=True, slots=True)
class Step:
    """One aligned run: ``a[a_start:a_end]`` against ``b[b_start:b_end]``."""

    tag: Tag
    role: Role
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """The steps in order and the number of words both quotes share (by key)."""

    steps: tuple[Step, ...]
    shared: int


def same_case(x: Word, y: Word) -> bool:
    """Capitalisation differs meaningfully only mid-sentence and not as acronym house style.

    ``The``/``the`` at a sentence start and ``NATO``/``Nato`` are the same word as written by
    different style guides; ``us``/``US`` mid-sentence is not.
    """
    if x.form == y.form:
        return True
    if (x.initial or y.initial) and x.form[1:] == y.form[1:]:
        return True
    return _acronym_style(x.form, y.form) or _acronym_style(y.form, x.form)


def _acronym_style(upper: str, title: str) -> bool:
    return (
        len(upper) > 1
        and upper.isupper()
        and title[:1].isupper()
        and title[1:].islower()
        and upper.lower() == title.lower()
    )


def _split_case(a: NormalisedQuote, b: NormalisedQuote, i: int, j: int, n: int) -> list[Step]:
    """Split an equal run where capitalisation differs, so the diff can show it."""
    steps: list[Step] = []
    start = 0
    while start < n:
        matching = same_case(a.words[i + start], b.words[j + start])
        end = start + 1
        while end < n and same_case(a.words[i + end], b.words[j + end]) == matching:
            end += 1
        tag: Tag = "equal" if matching else "replace"
        role: Role = "match" if matching else "case"
        steps.append(Step(tag, role, i + start, i + end, j + start, j + end))
        start = end
    return steps


def same_word(x: Word, y: Word) -> bool:
    """Respelt, inflected or a figure: the same slot of the quotation, not an unrelated word."""
    return word_pair_kind(x.key, y.key) is not None or (is_number(x.key) and is_number(y.key))


def _end_steps(
    a: NormalisedQuote, b: NormalisedQuote, opcode: tuple[str, int, int, int, int], lead: bool
) -> list[Step]:
    """Steps for a run beyond the first or last shared word, innermost first for a lead run.

    Words on one side only are excerpting. Different words on both sides mean the quotes
    diverge there, except for the words right next to the shared run that are the same word
    respelt or a changed figure (``emphasised``/``emphasized`` as a quote's first word): those
    are a change inside the quotation. What diverges is split into the words facing each other
    (``month``/``year``) and the words beyond the shorter side, so the diff reads naturally.
    """
    tag, i1, i2, j1, j2 = opcode
    if tag != "replace":
        return [Step("insert" if tag == "insert" else "delete", "end", i1, i2, j1, j2)]
    steps: list[Step] = []
    a_len, b_len = i2 - i1, j2 - j1
    same = 0
    facing = 0
    if lead:
        while same < min(a_len, b_len) and same_word(
            a.words[i2 - 1 - same], b.words[j2 - 1 - same]
        ):
            same += 1
        facing = min(a_len, b_len) - same
        a_rest, b_rest = a_len - same - facing, b_len - same - facing
        rest_role: Role = "end-beyond" if facing else "end"
        if a_rest or b_rest:
            rest_tag: Tag = "delete" if a_rest else "insert"
            steps.append(Step(rest_tag, rest_role, i1, i1 + a_rest, j1, j1 + b_rest))
        if facing:
            steps.append(
                Step("replace", "end-change", i1 + a_rest, i2 - same, j1 + b_rest, j2 - same)
            )
        if same:
            steps.append(Step("replace", "change", i2 - same, i2, j2 - same, j2))
        return steps
    while same < min(a_len, b_len) and same_word(a.words[i1 + same], b.words[j1 + same]):
        same += 1
    facing = min(a_len, b_len) - same
    a_rest, b_rest = a_len - same - facing, b_len - same - facing
    if same:
        steps.append(Step("replace", "change", i1, i1 + same, j1, j1 + same))
    if facing:
        steps.append(
            Step(
                "replace",
                "end-change",
                i1 + same,
                i1 + same + facing,
                j1 + same,
                j1 + same + facing,
            )
        )
    if a_rest or b_rest:
        rest_tag = "delete" if a_rest else "insert"
        steps.append(
            Step(rest_tag, "end-beyond" if facing else "end", i2 - a_rest, i2, j2 - b_rest, j2)
        )
    return steps


def align(a: NormalisedQuote, b: NormalisedQuote) -> Alignment:
    """Align ``a`` against ``b`` and give every step its role."""
    opcodes = SequenceMatcher(None, a.keys, b.keys, autojunk=False).get_opcodes()
    equal_at = [index for index, opcode in enumerate(opcodes) if opcode[0] == "equal"]
    if not equal_at:
        role: Role = "end-change"
        return Alignment(
            tuple(Step(tag, role, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in opcodes), 0
        )
    first, last = equal_at[0], equal_at[-1]
    steps: list[Step] = []
    shared = 0
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            shared += i2 - i1
            steps.extend(_split_case(a, b, i1, j1, i2 - i1))
            continue
        if index < first or index > last:
            steps.extend(_end_steps(a, b, (tag, i1, i2, j1, j2), lead=index < first))
            continue
        if (tag == "insert" and i1 in a.boundaries) or (tag == "delete" and j1 in b.boundaries):
            role = "omission"
        else:
            role = "change"
        steps.append(Step(tag, role, i1, i2, j1, j2))
    return Alignment(tuple(steps), shared)
