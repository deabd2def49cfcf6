"""What attribution finds for one quote: the reporting verb (cue) and its speaker head.

A record of its own because every rule that attributes a quote returns it (``attribution``,
``trailing``, ``lead_ins``), and the rule modules must not import each other to build one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from worker.records import AttributionKind

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Attribution:
    """The cue and speaker head found for one quote, with the outer cue's subject in reserve."""

    cue: Token
    subject: Token
    outer_subject: Token | None = None
    evidence: AttributionKind = "adjacent_cue"
    confidence: float = 0.9

    @property
    def cue_text(self) -> str:
        if self.cue.lower_ == "according":
            return "according to"
        return str(self.cue.lower_)
