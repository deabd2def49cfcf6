"""Check the story's quotes against primary sources: statements and transcripts.

Outlets agreeing with each other is evidence; the original settles it. Every quote attributed to
a primary source's speaker (``speakers/primary_fit.py``) is looked up in that speaker's words
(``match.py``):

- ``verified``: the quote's words are there (an excerpt, ellipsis pieces allowed);
- ``contradicted``: the closest passage is the same quotation with words changed, graded like a
  variant between outlets (``severity``);
- ``not_found``: nothing close; the outlet may have had another source, so this is no verdict.

A quote credited to someone else whose words are plainly in a primary speaker's passage (a
strong link, as between outlets naming different speakers) is ``misattributed``: the original
shows who said it. Its status still grades the words (``verified`` when they are the primary
speaker's word for word): the outlet has the words right and the speaker wrong, and the reader
needs to know both apart. A quote without a speaker is not checked:
not knowing who spoke is not naming someone else; nor is a spokesperson or an official reading
out a statement, or someone the statement itself quotes (a press release quoting its chief
executive).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from worker.checker.matching.wording import LinkRules
from worker.checker.primary.match import PassageMatch, best_match
from worker.checker.primary.passages import Passage, PrimarySpeaker, primary_passages
from worker.checker.report import PrimaryStatus, ReportPrimaryCheck
from worker.checker.speakers.primary_fit import SpeakerMatcher
from worker.checker.text.normalise import NormalisedQuote
from worker.lexicon import ON_BEHALF_ROLES
from worker.records import PrimarySource


@dataclass(frozen=True, slots=True)
class QuoteToCheck:
    """A story quote as the primary check needs it: its names for the speaker and its words."""

    quote_id: str
    speaker: str | None
    reported_speaker: str | None
    mention: str | None
    words: NormalisedQuote

    def on_behalf(self) -> bool:
        """A spokesperson or an official speaks for someone; quoting their statement is fair."""
        names = (self.speaker, self.reported_speaker, self.mention)
        return any(ON_BEHALF_ROLES & set(name.lower().split()) for name in names if name)


def _check(
    quote: QuoteToCheck, match: PassageMatch, misattributed: bool = False
) -> ReportPrimaryCheck:
    return ReportPrimaryCheck(
        quote=quote.quote_id,
        status=match.status,
        primary_article=match.passage.source.id,
        diff=match.diff,
        severity=match.severity,
        primary_speaker=match.passage.speaker.label(),
        misattributed=misattributed,
        primary_spans=match.spans,
    )


def _check_quote(
    quote: QuoteToCheck,
    passages: Sequence[Passage],
    speakers: Collection[PrimarySpeaker],
    rules: LinkRules,
) -> ReportPrimaryCheck | None:
    """The check of one quote whose speaker fits ``speakers`` (maybe none)."""
    if quote.speaker is None or not quote.words.words:
        return None
    own = [passage for passage in passages if passage.speaker in speakers]
    found = best_match(quote.words, own, True, rules)
    if found is not None:
        return _check(quote, found)
    others = [passage for passage in passages if passage.speaker not in speakers]
    elsewhere = None if quote.on_behalf() else best_match(quote.words, others, False, rules)
    if elsewhere is not None and elsewhere.strong and not elsewhere.quoted:
        return _check(quote, elsewhere, misattributed=True)
    if not own:
        return None
    return ReportPrimaryCheck(
        quote=quote.quote_id,
        status="not_found",
        primary_article=own[0].source.id,
        primary_speaker=own[0].speaker.label(),
    )


def check_primaries(
    primaries: Sequence[PrimarySource],
    quotes: Sequence[QuoteToCheck],
    texts: Iterable[str],
    rules: LinkRules = LinkRules(),
) -> list[ReportPrimaryCheck]:
    """One check per quote that a primary source speaks to, in the quotes' order."""
    passages = [passage for source in primaries for passage in primary_passages(source)]
    if not passages:
        return []
    matcher = SpeakerMatcher.build(
        (passage.speaker for passage in passages),
        texts,
        (name for quote in quotes for name in (quote.speaker, quote.reported_speaker) if name),
    )
    fits: dict[tuple[str | None, str | None], tuple[PrimarySpeaker, ...]] = {}
    checks: list[ReportPrimaryCheck] = []
    for quote in quotes:
        names = (quote.speaker, quote.reported_speaker)
        if names not in fits:
            fits[names] = matcher.match(names)
        check = _check_quote(quote, passages, fits[names], rules)
        if check is not None:
            checks.append(check)
    return checks


def status_counts(checks: Sequence[ReportPrimaryCheck]) -> dict[str, int]:
    """The summary's ``verified``/``contradicted``/``not_found`` counts."""
    statuses: tuple[PrimaryStatus, ...] = ("verified", "contradicted", "not_found")
    return {status: sum(1 for c in checks if c.status == status) for status in statuses}


@dataclass(frozen=True, slots=True)
class ClusterFinding:
    """What the primary sources say about one cluster, for its ``primary_*`` fields."""

    status: PrimaryStatus
    note: str
    found: bool


def _listing(sources: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(sources))


def cluster_finding(
    quote_ids: Sequence[str],
    checks: Mapping[str, ReportPrimaryCheck],
    sources: Mapping[str, str],
    speakers: Mapping[str, str | None],
) -> ClusterFinding | None:
    """The cluster's primary status and a sentence saying which outlet the original bears out.

    ``sources`` maps quote ids and primary article ids to their outlet or file names,
    ``speakers`` quote ids to the speaker the outlet names.
    """
    mine = [checks[quote_id] for quote_id in quote_ids if quote_id in checks]
    if not mine:
        return None
    primary = _listing(sources[check.primary_article] for check in mine)
    verified = [sources[c.quote] for c in mine if c.status == "verified" and not c.misattributed]
    changed = [c for c in mine if c.status == "contradicted" and not c.misattributed]
    moved = [c for c in mine if c.misattributed]
    if not verified and not changed and not moved:
        note = f"Not found in the primary source ({primary}); the outlets may have another source."
        return ClusterFinding("not_found", note, found=False)
    parts: list[str] = []
    if verified:
        parts.append(f"matches {_listing(verified)}")
    if changed:
        parts.append(
            "differs from " + _listing(f"{sources[c.quote]} ({c.severity} change)" for c in changed)
        )
    for check in moved:
        changes = f", with a {check.severity} change" if check.status == "contradicted" else ""
        parts.append(
            f"gives these words to {check.primary_speaker}, "
            f"not {speakers.get(check.quote) or 'the speaker'} as {sources[check.quote]} has it"
            + changes
        )
    settles = " settles the wording" if verified and changed else ""
    contradicted = any(c.status == "contradicted" for c in mine)
    status: PrimaryStatus = "contradicted" if contradicted else "verified"
    note = f"The primary source ({primary}){settles}: " + "; ".join(parts) + "."
    return ClusterFinding(status, note, found=True)
