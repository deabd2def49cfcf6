"""The report model (``quotelens.report/1``) and its JSON form.

The report is stored as JSON by the API and rendered later, possibly by a newer release, so it
is a validated model rather than a loose dict: ``Report.from_dict`` rejects a report that does
not have the documented shape instead of letting a renderer fail halfway. Fields beyond the
published ones (``reported_speaker``, ``kind``, ``stats`` ...) are additions the schema allows;
the published names and values do not change within ``/1``. ``worker/checker/schema.json`` and
``docs/report-schema.md`` describe the same structure for consumers outside Python.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from worker.records import AttributionKind, SpeakerType

SCHEMA_ID: Literal["quotelens.report/1"] = "quotelens.report/1"

Wording = Literal["identical", "excerpt", "variant"]
Severity = Literal["minor", "major"]
Verdict = Literal["consistent", "variant", "speaker_conflict", "single_source"]
WordingFacet = Literal["consistent", "variant"]
SpeakerFacet = Literal["agreed", "outlier", "conflict"]
PrimaryStatus = Literal["verified", "contradicted", "not_found"]
DiffTag = Literal["equal", "insert", "delete", "replace"]
DiffKind = Literal[
    "excerpt",
    "omission",
    "editorial",
    "case",
    "contraction",
    "spelling",
    "inflection",
    "number-format",
    "function-word",
    "adverb",
    "number",
    "negation",
    "name",
    "content",
]


def json_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of ``quotelens.report/1``."""
    text = resources.files("worker.checker").joinpath("schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


class _Sparse(_Model):
    """A model whose primary-source fields are left out of the JSON when they say nothing.

    A report of a story without primary sources keeps exactly the shape it always had.
    """

    def _absent(self) -> set[str]:
        return set()

    @model_serializer(mode="wrap")
    def _drop_absent(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        for name in self._absent():
            data.pop(name, None)
        return data


class ReportQuote(_Sparse):
    """A quote with its speaker unified across articles (``reported_speaker`` as extracted).

    ``spans`` is left out of the JSON for a quote of one span (``start``/``end`` say it all):
    a wire story's 20,000 quotes are 5% of its report otherwise.
    """

    id: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    reported_speaker: str | None = None
    speaker_type: SpeakerType | None = None
    spans: list[tuple[int, int]] = Field(default_factory=list)
    cluster: str | None = None
    attribution: AttributionKind = "none"
    confidence: float = 0.0

    def _absent(self) -> set[str]:
        return set() if self.spans else {"spans"}


class ReportArticle(_Sparse):
    """An article; a primary source also says whose words it holds (``speaker``).

    ``copies``: other articles of the story with the same text (a wire copy under another
    masthead); ``copy_of``: the first of them in input order, ``None`` for that first one. Both
    are left out of the JSON for an article without copies.
    """

    id: str
    source: str
    title: str | None
    url: str | None = None
    primary: bool = False
    speaker: str | None = None
    copy_of: str | None = None
    copies: list[str] = Field(default_factory=list)
    quotes: list[ReportQuote] = Field(default_factory=list)

    def _absent(self) -> set[str]:
        absent = set() if self.primary else {"speaker"}
        return absent if self.copies else absent | {"copy_of", "copies"}


class ReportSpeaker(_Model):
    name: str
    aliases: list[str]
    type: SpeakerType | None


class ReportOutlier(_Model):
    """One outlet's attribution that the cluster's consensus overrules
    (``speakers/consensus.py``)."""

    quote: str
    article: str
    source: str
    speaker: str
    majority_speaker: str
    attribution: AttributionKind = "none"
    confidence: float = 0.0
    reason: str = ""


class ReportCluster(_Sparse):
    """A quotation; ``primary_status``/``primary_note`` only when a primary source was checked.

    The facets (``wording_facet``, ``wording_severity``, ``speaker_facet``,
    ``attribution_outliers``) are given for quotations carried by two or more outlets only.
    ``reference`` and ``renderings`` only on a grouped cluster (``matching/renderings.py``): its
    comparisons are between distinct renderings, and each rendering's later quotes are
    identical to its first.
    """

    id: str
    speaker: str | None
    verdict: Verdict
    quotes: list[str]
    text: str
    articles: list[str] = Field(default_factory=list)
    primary: bool = False
    primary_status: PrimaryStatus | None = None
    primary_note: str | None = None
    wording_facet: WordingFacet | None = None
    wording_severity: Severity | None = None
    speaker_facet: SpeakerFacet | None = None
    attribution_outliers: list[ReportOutlier] = Field(default_factory=list)
    reference: str | None = None
    renderings: list[list[str]] = Field(default_factory=list)

    def _absent(self) -> set[str]:
        fields = {
            "primary_status": self.primary_status,
            "primary_note": self.primary_note,
            "reference": self.reference,
        }
        absent = {name for name, value in fields.items() if value is None}
        if self.wording_facet is None:
            absent |= {"wording_facet", "wording_severity", "speaker_facet"}
            absent |= {"attribution_outliers"}
        if not self.renderings:
            absent.add("renderings")
        return absent


class DiffOp(_Model):
    """A run of words: ``a`` from the first quote, ``b`` from the second.

    ``kind`` names what a non-equal run is (``excerpt``, ``omission``, ``editorial`` are not
    changes; ``number``, ``negation``, ``name``, ``content`` are major; the rest minor).
    """

    op: DiffTag
    a: list[str]
    b: list[str]
    kind: DiffKind | None = None


class ReportComparison(_Model):
    a: str
    b: str
    wording: Wording
    severity: Severity | None
    same_speaker: bool
    diff: list[DiffOp]
    cluster: str | None = None


class ReportPrimaryCheck(_Model):
    """A quote checked against the primary source of the speaker it is attributed to.

    ``diff`` aligns the quote (``a``) with the primary source's words (``b``); it is empty when
    the words were not found. ``misattributed``: the words are in the primary source but said
    by someone else than the outlet names.
    """

    quote: str
    status: PrimaryStatus
    primary_article: str
    diff: list[DiffOp] = Field(default_factory=list)
    severity: Severity | None = None
    primary_speaker: str | None = None
    misattributed: bool = False
    primary_spans: list[tuple[int, int]] = Field(default_factory=list)


class ReportSummary(_Model):
    articles: int
    quotes: int
    clusters: int
    corroborated: int
    variants: int
    speaker_conflicts: int
    single_source: int
    verified: int = 0
    contradicted: int = 0
    not_found: int = 0
    wording_consistent: int = 0
    wording_variants: int = 0
    major_variants: int = 0
    speakers_agreed: int = 0
    attribution_outliers: int = 0


class ReportStats(_Model):
    """How much work the check did; ``candidate_pairs`` is what blocking let through."""

    candidate_pairs: int = 0
    aligned_pairs: int = 0
    links: int = 0


class ReportWarning(_Model):
    """Something the reader must know about an article the report does not show in quotes.

    ``not_english``: the article's detected ``language`` is not English, so it was not
    analysed (no quotes were extracted from it). Added by the caller of ``build_report``.
    ``quote_marks_unread``: the article gave no quote although it prints quote-like marks (a
    quoting style not recognised shows instead of passing for an article without quotes).
    Added by ``build_report``.
    """

    code: Literal["not_english", "quote_marks_unread"]
    article_id: str
    source: str
    message: str
    language: str | None = None


class Report(_Sparse):
    schema_: Literal["quotelens.report/1"] = Field(default=SCHEMA_ID, alias="schema")
    articles: list[ReportArticle]
    speakers: list[ReportSpeaker]
    clusters: list[ReportCluster]
    comparisons: list[ReportComparison]
    primary_checks: list[ReportPrimaryCheck] = Field(default_factory=list)
    summary: ReportSummary
    stats: ReportStats = Field(default_factory=ReportStats)
    warnings: list[ReportWarning] = Field(default_factory=list)

    def _absent(self) -> set[str]:
        return set() if self.warnings else {"warnings"}

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (plain dicts, lists, strings, numbers, booleans and nulls)."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON document as text (UTF-8 characters kept, not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Read a stored report back; raises ``pydantic.ValidationError`` on a wrong shape."""
        return cls.model_validate(dict(data))

    def quotes_by_id(self) -> dict[str, ReportQuote]:
        return {quote.id: quote for article in self.articles for quote in article.quotes}

    def article_of_quote(self) -> dict[str, ReportArticle]:
        return {quote.id: article for article in self.articles for quote in article.quotes}
