"""Join the pieces of a split quote: `“The port will reopen,” Halvorsen said, “but not before
spring.”` is one quotation interrupted by its attribution.

The gap must look like an attribution (a reporting verb, a few words, ending in a comma). A gap
ending in a full stop (`“...,” the Kremlin said. “...”`) starts a new quotation from the same
speaker instead, which the continuation rule in attribution handles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from worker.lexicon import cue_lemma
from worker.nlp.quote_marks import MarkedQuote

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
MAX_GAP_WORDS = 14
_SENTENCE_END = re.compile(r"([A-Za-z]+)[.!?]\s+[A-Z]")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation after joining: its pieces, its opaque regions and the attribution gaps."""

    pieces: tuple[tuple[int, int], ...]
    regions: tuple[tuple[int, int], ...]
    gaps: tuple[tuple[int, int], ...] = ()

    @property
    def start(self) -> int:
        return self.regions[0][0]

    @property
    def end(self) -> int:
        return self.regions[-1][1]


def _is_attribution_gap(text: str, before: MarkedQuote, gap: str) -> bool:
    stripped = gap.strip()
    if not stripped or "\n" in gap or not stripped.endswith(","):
        return False
    last_piece = text[before.pieces[-1][0] : before.pieces[-1][1]]
    if not (stripped.startswith(",") or last_piece.rstrip().endswith((",", "—", "–", "-"))):
        return False
    if any(cue_lemma(m.group(1)) for m in _SENTENCE_END.finditer(stripped)):
        # `“A,” Gilmore said. Fiorina, speaking to Iowans, said, “B.”`: two attributions,
        # two speakers.
        return False
    words = _WORD.findall(stripped)
    return 0 < len(words) <= MAX_GAP_WORDS and any(cue_lemma(w) for w in words)


def join_split_quotes(text: str, quotes: list[MarkedQuote]) -> list[Quotation]:
    """Merge consecutive marked quotes whose gap is an interrupting attribution."""
    joined: list[Quotation] = []
    previous: MarkedQuote | None = None
    for quote in quotes:
        if previous is not None and joined and previous.closed:
            gap = (previous.region[1], quote.region[0])
            if _is_attribution_gap(text, previous, text[gap[0] : gap[1]]):
                last = joined.pop()
                joined.append(
                    Quotation(
                        last.pieces + quote.pieces,
                        (*last.regions, quote.region),
                        (*last.gaps, gap),
                    )
                )
                previous = quote
                continue
        joined.append(Quotation(quote.pieces, (quote.region,)))
        previous = quote
    return joined
