"""Choose, for each quote, the reporting verb (cue) and its grammatical speaker.

The order of preference mirrors how news sentences attribute words:
1. an attribution interrupting a split quote (`“A,” she said, “B.”`);
2. a sentence-final attribution after the last quote (`..., the White House said.`), which names
   the source of every quote in the sentence even when another verb sits in between;
3. the nearest reporting verb that governs the quote in the dependency tree
   (`Trump said it was a “great call”`, `X called the plan “...”`);
4. the nearest reporting verb before, then after, the quote in the same sentence.
Quotes without any of these are labels (scare quotes, titles) or continue an earlier speaker;
``worker.nlp.speakers`` decides which.

This module holds that order (``attribute``) and the rules that weigh the whole tree; the
pieces it orders live apart: ``cues`` (is a word a reporting verb), ``subjects`` (the speaker
head of a cue), ``speaker_like`` (can that subject speak), ``trailing`` (the clause after a
quote), ``lead_ins`` (colon lead-ins and labels) and ``attribution_record`` (the result).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from worker.nlp.attribution_record import Attribution
from worker.nlp.cues import is_cue, negated
from worker.nlp.lead_ins import colon_clause, colon_introduced, name_colon
from worker.nlp.mentions import mention_for
from worker.nlp.speaker_like import a_thing, common_thing, speaker_like
from worker.nlp.subjects import subject_of
from worker.nlp.tokens import SUBJECT_DEPS, Regions, is_verb
from worker.nlp.trailing import trailing_attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _parenthetical(doc: Doc, start: int, quoted: Regions) -> Attribution | None:
    """`Vice President Joe Biden, Rubio said, had been in the Senate for “a thousand years”`:
    a reporting clause set off by commas inside the sentence gives the sentence's words to its
    subject, whatever the main verb says."""
    for token in doc:
        if token.idx >= start or token.dep_ != "parataxis" or not is_cue(token, quoted):
            continue
        subject = subject_of(token, quoted)
        if subject is not None and subject.i < token.i and speaker_like(subject, quoted):
            return Attribution(token, subject)
    return None


def _cues(tokens: Sequence[Token], quoted: Regions) -> Iterator[Token]:
    return (t for t in tokens if is_cue(t, quoted))


def _with_subject(
    cues: Iterator[Token], quoted: Regions, confidence: float = 0.9
) -> Attribution | None:
    for cue in cues:
        subject = subject_of(cue, quoted)
        if subject is not None:
            return Attribution(cue, subject, confidence=confidence)
    return None


def _governing(doc: Doc, piece_tokens: Sequence[Token], quoted: Regions) -> Attribution | None:
    """The innermost reporting verb above the quote; the outer one's subject kept in reserve."""
    inside = {t.i for t in piece_tokens}
    found: list[Attribution] = []
    seen: set[int] = set()
    for token in piece_tokens:
        if token.head.i in inside:
            continue
        node = token.head
        while node.i not in seen:
            seen.add(node.i)
            if is_cue(node, quoted):
                subject = subject_of(node, quoted)
                if subject is not None:
                    found.append(Attribution(node, subject))
            if node.head.i == node.i:
                break
            node = node.head
    if not found:
        return None
    # `Sanders said that fact speaks volumes about “...”`: a thing does not speak; the
    # innermost cue whose subject can is the quote's.
    # `Trump argued that a database would keep people out, saying it's “...”`: a participle the
    # parser hung on the nearer clause speaks for the outer speaker, not for a thing.
    found = [a for a in found if not a_thing(a.subject) and not common_thing(a.subject)] or found
    inner = found[0]
    outer = found[-1] if len(found) > 1 else None
    return Attribution(
        inner.cue, inner.subject, outer.subject if outer else None, "governing_cue", 0.85
    )


def _complement_of(piece_tokens: Sequence[Token], quoted: Regions) -> Attribution | None:
    """`Ryan worried that the safety net was becoming “a hammock ...”`, `Moore thanked him for
    “stepping up”`: a quote inside the object or complement of any verb is, unless a reporting
    verb says otherwise, the words of that verb's subject. A quote that is itself a subject
    (`“Containment” has been policy`) is not."""
    inside = {t.i for t in piece_tokens}
    top = next((t for t in piece_tokens if t.head.i not in inside), None)
    if top is None:
        return None
    node, dep = top.head, top.dep_
    organisation: Attribution | None = None
    described: Attribution | None = None
    for _ in range(12):
        subject = None
        if is_verb(node) and not quoted.has_token(node) and negated(node):
            return organisation or described
        if is_verb(node) and not quoted.has_token(node) and dep not in SUBJECT_DEPS:
            subject = subject_of(node, quoted)
        if subject is not None and not a_thing(subject):
            if not speaker_like(subject, quoted):
                break
            found = Attribution(node, subject, None, "governing_cue", 0.6)
            if dep in _PREDICATE_DEPS and node.lower_ in _BE_FORMS:
                # `Warren said Trump was a “proven failure”`: the quote describes the copula's
                # subject; someone up the tree who says so speaks, else the one described.
                described = described or found
            elif mention_for(subject, quoted).kind in ("name", "pronoun", "role"):
                return found
            else:
                # `Marr worried that the fund was becoming “...”`: a person further up the
                # tree outranks an organisation nearer the quote.
                organisation = organisation or found
        if node.head.i == node.i:
            break
        node, dep = node.head, node.dep_
    return organisation or described


_PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd"})
_BE_FORMS = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "’s", "'re", "’re"})


def attribute(
    doc: Doc,
    pieces: Sequence[tuple[int, int]],
    gaps: Sequence[tuple[int, int]],
    quoted: Regions,
) -> Attribution | None:
    """The attribution of one quote whose pieces/gaps are in ``doc``'s character offsets."""
    for start, end in gaps:
        found = _with_subject(_cues([t for t in doc if start <= t.idx < end], quoted), quoted)
        if found:
            return found
    start, end = pieces[0][0], pieces[-1][1]
    parenthetical = _parenthetical(doc, start, quoted)
    if parenthetical:
        return parenthetical
    before = [t for t in doc if t.idx < start and not quoted.has_token(t)]
    if before and before[-1].text == ":":
        found = (
            name_colon(before)
            or colon_clause(before, quoted)
            or _with_subject(_cues(list(reversed(before)), quoted), quoted)
        )
        if found:
            return found
    trailing = trailing_attribution(doc, doc.text, quoted, end)
    if trailing:
        return trailing
    piece_tokens = [t for t in doc if any(s <= t.idx < e for s, e in pieces)]
    found = (
        _governing(doc, piece_tokens, quoted)
        or colon_introduced(doc, before, quoted, end)
        or _complement_of(piece_tokens, quoted)
    )
    if found:
        return found
    # A cue elsewhere in the sentence, not next to the quote: weaker evidence.
    found = _with_subject(_cues(list(reversed(before)), quoted), quoted, 0.7)
    if found:
        return found
    return _with_subject(_cues([t for t in doc if t.idx >= end], quoted), quoted, 0.7)
