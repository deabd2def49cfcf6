"""Who said a quotation, when the outlets that carry it do not all agree.

Many outlets carrying one quotation are evidence that corrects errors, not many chances to
raise a false alarm: when eight outlets give the words to one person and a ninth gives them to
the document they came from, the ninth is an extraction slip, not a misattribution. So each
outlet's attribution is weighed by its evidence (``Quote.attribution`` and ``confidence``):

- **strong**: a reporting cue found with the quote (``adjacent_cue``, ``governing_cue``,
  ``colon``, ``layout``) at a confidence of at least ``STRONG_CONFIDENCE`` (0.75), naming a
  speaker in its own right. A quote without evidence fields (``none`` with a speaker: a record
  made before extraction gave evidence) counts as strong, as it always did;
- **weak**: a speaker carried over from an earlier quote (``continuation``), resolved from a
  pronoun or description (``coreference``), below the confidence bar, or a name that is no
  speaker in its own right: a document, a country, a date or the wire service that relayed the
  quote (``speakers/kinds.py``).

The speaker with the most outlets on strong evidence (then the most outlets, then the highest
total confidence) is the majority. The speaker facet is

- ``conflict`` when at least two outlets give the words to different speakers on strong
  evidence, unless the dissent is one outlet against a strong majority (``STRONG_MAJORITY``,
  three outlets on strong evidence): that is one outlet's error, not a disagreement;
- ``outlier`` when some outlet dissents otherwise (weakly, or alone against a strong
  majority): each dissenting quote is reported with the reason it is probably an extraction
  issue, and the cluster's verdict is not changed by it;
- ``agreed`` when every outlet that names a speaker names the same one (a quote without a
  speaker does not dissent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from worker.checker.report import ReportOutlier, SpeakerFacet
from worker.checker.speakers.kinds import StandIn
from worker.records import Quote

STRONG_CONFIDENCE = 0.75
STRONG_MAJORITY = 3
_CUE_EVIDENCE = frozenset({"adjacent_cue", "governing_cue", "colon", "layout"})
_STAND_IN_REASONS: dict[StandIn, str] = {
    "document": "names a document, not who spoke in it",
    "country": "names a country, not the person who spoke for it",
    "wire": "names the news service that relayed the quote, not who said it",
    "date": "names a date, misread as the speaker",
}


@dataclass(frozen=True, slots=True)
class Attributed:
    """One quote of a cluster: where it ran, whom it names, and how that was found."""

    quote: Quote
    article: str
    source: str
    speaker: str | None
    stand_in: StandIn | None


@dataclass(frozen=True, slots=True)
class Consensus:
    facet: SpeakerFacet
    speaker: str | None
    outliers: tuple[ReportOutlier, ...] = ()


def weakness(item: Attributed) -> str | None:
    """Why this quote's speaker is weak evidence, or ``None`` when it is strong."""
    if item.stand_in is not None:
        return _STAND_IN_REASONS[item.stand_in]
    quote = item.quote
    if quote.attribution == "none":
        return None
    if quote.attribution == "continuation":
        return "no cue: the speaker was carried over from an earlier quote"
    if quote.attribution == "coreference":
        return "the speaker was resolved from a pronoun or a description"
    if quote.attribution not in _CUE_EVIDENCE or quote.confidence < STRONG_CONFIDENCE:
        return f"attribution confidence {quote.confidence:.2f} is below {STRONG_CONFIDENCE}"
    return None


@dataclass(slots=True)
class _Support:
    strong: set[str]
    outlets: set[str]
    confidence: float

    def rank(self) -> tuple[int, int, float]:
        return (len(self.strong), len(self.outlets), self.confidence)


def consensus(items: Sequence[Attributed]) -> Consensus:
    """The speaker facet, majority speaker and outliers of one quotation (see module doc)."""
    support: dict[str, _Support] = {}
    for item in items:
        if item.speaker is None:
            continue
        entry = support.setdefault(item.speaker, _Support(set(), set(), 0.0))
        entry.outlets.add(item.article)
        entry.confidence += item.quote.confidence
        if weakness(item) is None:
            entry.strong.add(item.article)
    if not support:
        return Consensus("agreed", None)
    majority = max(support, key=lambda name: support[name].rank())
    if len(support) == 1:
        return Consensus("agreed", majority)
    rivals = [name for name in support if name != majority]
    strong_rivals = [name for name in rivals if support[name].strong]
    dissenting = (
        set().union(*(support[name].outlets for name in rivals)) - support[majority].outlets
    )
    lone = len(dissenting) <= 1
    strong_majority = len(support[majority].strong) >= STRONG_MAJORITY
    if strong_rivals and support[majority].strong and not (lone and strong_majority):
        return Consensus("conflict", majority)
    outliers = tuple(
        _outlier(item, majority, support[majority], strong_majority)
        for item in items
        if item.speaker is not None and item.speaker != majority
    )
    return Consensus("outlier", majority, outliers)


def _outlier(
    item: Attributed, majority: str, backing: _Support, strong_majority: bool
) -> ReportOutlier:
    reason = weakness(item)
    if reason is None:
        reason = f"a lone dissent: {len(backing.strong)} outlets name {majority} on strong evidence"
    elif strong_majority:
        reason += f"; {len(backing.strong)} outlets name {majority} on strong evidence"
    assert item.speaker is not None
    return ReportOutlier(
        quote=item.quote.id,
        article=item.article,
        source=item.source,
        speaker=item.speaker,
        majority_speaker=majority,
        attribution=item.quote.attribution,
        confidence=item.quote.confidence,
        reason=reason,
    )
