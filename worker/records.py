"""Typed records passed between extraction and checking.

They are the boundary between ``worker.nlp`` (which produces them) and ``worker.checker``
(which consumes them), and they serialise to the JSON of the report schema, so the CLI,
the Celery tasks and the API all exchange the same shapes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SpeakerType = Literal["person", "organization"]
# How a quote's speaker was found, strongest evidence first (see docs/report-schema.md).
AttributionKind = Literal[
    "adjacent_cue",  # `"...," the minister said` / `X said: "..."`: a cue next to the quote
    "governing_cue",  # `X said it was a "great call"`: a cue above the quote in the parse
    "colon",  # `X defended the cuts: "..."`: a clause introducing the quote with a colon
    "layout",  # signatures, `NAME:` transcript turns, `Name, Outlet:` lead-ins
    "continuation",  # an unattributed quote continuing the previous speaker's paragraph
    "coreference",  # the speaker mention was a pronoun or description resolved to a name
    "none",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """One direct quotation and who said it: where the words stand, then the attribution.

    ``start``/``end`` are character offsets of the quoted words (marks excluded) in the
    article text; for split or multi-paragraph quotes ``spans`` lists every piece, and
    ``text`` is the pieces joined with single spaces. Keyword-only: a positional call could
    silently swap ``speaker``, ``speaker_mention`` and ``cue``, three optional strings.
    """

    id: str
    text: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = ()
    speaker: str | None
    speaker_type: SpeakerType | None = None
    speaker_mention: str | None
    cue: str | None
    attribution: AttributionKind = "none"
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["spans"] = [list(span) for span in self.spans]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        spans = tuple((int(s), int(e)) for s, e in data.get("spans") or ())
        return cls(
            id=data["id"],
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            spans=spans,
            speaker=data.get("speaker"),
            speaker_type=data.get("speaker_type"),
            speaker_mention=data.get("speaker_mention"),
            cue=data.get("cue"),
            attribution=data.get("attribution") or "none",
            confidence=float(data.get("confidence") or 0.0),
        )


@dataclass(frozen=True, slots=True)
class Article:
    """An article as submitted: the unit of extraction."""

    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PrimarySource:
    """A statement or transcript the outlets' quotes are checked against (not an outlet).

    Its own type so that no code can mistake it for an article: it is never searched for
    quotes, never clustered, and is the reference text of ``build_report(..., primaries=...)``.
    ``speaker``: whose words an unlabelled statement is; a transcript names its speakers in
    its labels.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """An article together with the quotes found in it."""

    article: Article
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
