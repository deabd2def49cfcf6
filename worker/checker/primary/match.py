"""Does a primary source bear a quote out? One quote against one speaker's passage.

A passage is long (a whole statement, every answer of a news conference) and a quote is a few
of its words, so aligning the two directly lets stray function words far away pose as matches.
The quote is first located: each of its ellipsis pieces is anchored at its longest run of words
found in the passage, and only a window around those anchors is aligned, with the checker's own
alignment and wording rules (``align.py``, ``wording.py``), so "verified" means what "identical"
or "excerpt" means between outlets and a contradiction is graded like a variant.

One thing differs from comparing outlets: the primary source is the whole statement, so words a
quote has beyond the matched passage are not excerpting but words the speaker did not say there.
They are graded as added words (``changes.one_sided_kind``). The passage words around the match
are context, not part of the diff.

And one thing is lenient: a transcript's or a statement's capitalisation and punctuation are the
transcriber's, not the speaker's, so a run that differs only in case, hyphens or the spacing of
a compound (``Resolution``/``resolution``, ``port-side``/``portside``) is kept in the diff but
does not contradict the quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from worker.checker.matching.align import Step
from worker.checker.matching.changes import one_sided_kind, severity_of
from worker.checker.matching.diffs import diff_ops
from worker.checker.matching.wording import LinkRules, classify
from worker.checker.primary.passages import Passage, slice_words
from worker.checker.report import DiffKind, DiffOp, Severity
from worker.checker.text.normalise import NormalisedQuote
from worker.checker.text.vocabulary import is_content

FoundStatus = Literal["verified", "contradicted"]
# How far the located pieces of one quote may stand apart (in words per quote word, plus a
# constant) before they are taken to be chance matches rather than one excerpt.
SPREAD_FACTOR = 3
SPREAD_CONSTANT = 30


@dataclass(frozen=True, slots=True)
class PassageMatch:
    """Where and how well a quote matched a passage.

    ``strong`` is evidence enough to link even quotes of different speakers; ``quoted``: the
    matched words are a quotation inside the primary source, not its speaker's own words.
    """

    passage: Passage
    status: FoundStatus
    severity: Severity | None
    diff: list[DiffOp]
    spans: list[tuple[int, int]]
    shared: int
    strong: bool
    quoted: bool


def locate(quote: NormalisedQuote, passage: Passage) -> tuple[int, int] | None:
    """The window of passage words worth aligning the quote against, or ``None``.

    Each ellipsis piece is anchored on its own; if the anchors are in order and close enough to
    be one excerpt the window spans them all, otherwise it surrounds the first piece found.
    """
    # Where the quote's first word would stand by each piece; ellipses only move it forward.
    lows = [
        low
        for start, end in quote.pieces
        if (low := passage.anchor(quote.keys, start, end)) is not None
    ]
    if not lows:
        return None
    lo, hi = lows[0], lows[-1] + len(quote)
    in_order = all(x <= y for x, y in pairwise(lows))
    if not in_order or hi - lo > SPREAD_FACTOR * len(quote) + SPREAD_CONSTANT:
        hi = lo + len(quote)
    slack = max(3, len(quote) // 4)
    return max(0, lo - slack), min(len(passage.words), hi + slack)


def _quote_side_kinds(
    quote: NormalisedQuote, steps: Sequence[Step], kinds: Sequence[DiffKind | None]
) -> list[DiffKind | None]:
    """Quote words beyond the matched passage are added words, not excerpting."""
    result: list[DiffKind | None] = []
    for step, kind in zip(steps, kinds, strict=True):
        if kind == "excerpt" and step.a_end > step.a_start:
            kind = one_sided_kind(quote.words[step.a_start : step.a_end])
        result.append(kind)
    return result


def _is_context(step: Step, kind: DiffKind | None) -> bool:
    return kind == "excerpt" and step.a_end == step.a_start


def _core(steps: Sequence[Step], kinds: Sequence[DiffKind | None]) -> tuple[int, int]:
    """The steps left after dropping passage-only context at both ends."""
    first, last = 0, len(steps)
    while first < last and _is_context(steps[first], kinds[first]):
        first += 1
    while last > first and _is_context(steps[last - 1], kinds[last - 1]):
        last -= 1
    return first, last


def _strong(
    quote: NormalisedQuote,
    steps: Sequence[Step],
    kinds: Sequence[DiffKind | None],
    shared: int,
    rules: LinkRules,
) -> bool:
    """Enough matching words to tie the quote to this passage whoever the outlet names."""
    content = sum(
        1
        for step, kind in zip(steps, kinds, strict=True)
        if kind is None
        for key in quote.keys[step.a_start : step.a_end]
        if is_content(key)
    )
    return (
        shared >= rules.strong_excerpt_words and content >= rules.min_excerpt_content
    ) or shared >= rules.function_run_words


def _style_only(quote: NormalisedQuote, text: NormalisedQuote, step: Step) -> bool:
    """The same letters in the same order: only case, hyphens or spacing differ."""
    ours = "".join(quote.keys[step.a_start : step.a_end])
    theirs = "".join(text.keys[step.b_start : step.b_end])
    return bool(ours) and ours == theirs


def match_passage(
    quote: NormalisedQuote,
    passage: Passage,
    same_speaker: bool,
    rules: LinkRules = LinkRules(),
) -> PassageMatch | None:
    """The quote against the passage; ``None`` when nothing in it is the same quotation."""
    window = locate(quote, passage)
    if window is None:
        return None
    lo, hi = window
    text = slice_words(passage.words, lo, hi)
    match = classify(quote, text, same_speaker, rules)
    if match is None:
        return None
    steps = match.alignment.steps
    kinds = _quote_side_kinds(quote, steps, match.kinds)
    changed = [
        severity
        for step, kind in zip(steps, kinds, strict=True)
        if (severity := severity_of(kind)) is not None and not _style_only(quote, text, step)
    ]
    first, last = _core(steps, kinds)
    core = steps[first:last]
    shared = match.alignment.shared
    b_start = min((step.b_start for step in core if step.b_end > step.b_start), default=0)
    b_end = max((step.b_end for step in core), default=0)
    return PassageMatch(
        passage=passage,
        status="contradicted" if changed else "verified",
        severity=("major" if "major" in changed else "minor") if changed else None,
        diff=diff_ops(quote, text, core, kinds[first:last]),
        spans=passage.spans_of(lo + b_start, lo + b_end),
        shared=shared,
        strong=not match.weak and _strong(quote, steps, kinds, shared, rules),
        quoted=passage.quoted_between(lo + b_start, lo + b_end),
    )


def best_match(
    quote: NormalisedQuote,
    passages: Sequence[Passage],
    same_speaker: bool,
    rules: LinkRules = LinkRules(),
) -> PassageMatch | None:
    """The best match over passages: verified before contradicted, then the most words shared."""
    found = [
        match
        for passage in passages
        if (match := match_passage(quote, passage, same_speaker, rules)) is not None
    ]
    return max(found, key=lambda match: (match.status == "verified", match.shared), default=None)
