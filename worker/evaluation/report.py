"""A neutral view of what the pipeline reported, as the scorer needs it.

The scorer must not depend on every detail of the report JSON (``quotelens.report/1``) or on the
extraction records, both of which evolve; it needs only, per article, the quotes (id, text,
speaker) and, per story, the comparisons between two quotes (wording, severity, same speaker).
This module is the one place that knows where those live, so a schema change means one edit here.

In ``quotelens.report/1`` (``worker/checker/schema.json``) quotes sit under ``articles[].quotes``
with ``speaker`` unified across articles (``reported_speaker`` is the extraction's), and
comparisons are the top-level ``comparisons`` list of ``{a, b, wording, severity, same_speaker}``.
Reading rules (kept tolerant, because checker and scorer were built in parallel):

- Quotes come from the ``ExtractedArticle`` records when given (everything extraction found), else
  from the report's article entries. A speaker given for the same quote id by the report wins over
  the extraction one, because the report is what users read (the checker may unify speakers).
- Comparisons are every object found under a ``comparisons`` list anywhere in the report (top level
  or inside clusters). The two quotes are read from ``a``/``b`` (or ``quote_a``/``quote_b``,
  ``left``/``right``, ``quotes: [a, b]``), each an id or an object with an ``id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from worker.evaluation.pairs import QuotePair
from worker.evaluation.words import words
from worker.records import ExtractedArticle

_ID_KEYS = (("a", "b"), ("quote_a", "quote_b"), ("left", "right"), ("source", "target"))
_WORDING_KEYS = ("wording", "relation", "kind", "classification", "type")
_SAME_SPEAKER_KEYS = ("same_speaker", "speaker_match", "speakers_match")


@dataclass(frozen=True, slots=True)
class ReportedQuote:
    """A quote as reported, with its words precomputed for repeated LCS."""

    id: str
    article: str
    text: str
    speaker: str | None
    words: tuple[str, ...]
    # Character offset in the article, when known: breaks ties against gold ``offsets``.
    start: int | None = None


@dataclass(frozen=True, slots=True)
class Comparison(QuotePair):
    """A comparison the report makes between two reported quotes."""

    wording: str | None
    severity: str | None
    same_speaker: bool | None


@dataclass(slots=True)
class ReportView:
    """Reported quotes by article source, and all comparisons of the story."""

    quotes: dict[str, list[ReportedQuote]] = field(default_factory=dict)
    comparisons: list[Comparison] = field(default_factory=list)

    def comparison(self, a: str, b: str) -> Comparison | None:
        """The first comparison between ``a`` and ``b`` in either order, if any."""
        key = frozenset((a, b))
        for comparison in self.comparisons:
            if comparison.key == key:
                return comparison
        return None


def _quote_id(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        inner = value.get("id") or value.get("quote_id")
        return inner if isinstance(inner, str) else None
    return None


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of every object nested in ``node``."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield str(key), value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _first(entry: Mapping[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        if key in entry and entry[key] is not None:
            return entry[key]
    return None


def parse_comparison(entry: Mapping[str, Any]) -> Comparison | None:
    """Read one comparison object; ``None`` when it does not name two quotes."""
    ids: tuple[str | None, str | None] = (None, None)
    for left, right in _ID_KEYS:
        if left in entry and right in entry:
            ids = (_quote_id(entry[left]), _quote_id(entry[right]))
            break
    else:
        pair = entry.get("quotes") or entry.get("pair")
        if isinstance(pair, list) and len(pair) == 2:
            ids = (_quote_id(pair[0]), _quote_id(pair[1]))
    a, b = ids
    if a is None or b is None:
        return None
    wording = _first(entry, _WORDING_KEYS)
    severity = entry.get("severity")
    same = _first(entry, _SAME_SPEAKER_KEYS)
    if same is None and isinstance(entry.get("speaker_conflict"), bool):
        same = not entry["speaker_conflict"]
    return Comparison(
        a=a,
        b=b,
        wording=str(wording).lower() if wording is not None else None,
        severity=str(severity).lower() if severity is not None else None,
        same_speaker=same if isinstance(same, bool) else None,
    )


def comparisons_from_report(report: Mapping[str, Any]) -> list[Comparison]:
    """All comparisons in the report, wherever they are nested, without duplicates."""
    found: list[Comparison] = []
    seen: set[tuple[str, str]] = set()
    for key, value in _walk(report):
        if key != "comparisons" or not isinstance(value, list):
            continue
        for entry in value:
            if not isinstance(entry, Mapping):
                continue
            comparison = parse_comparison(entry)
            if comparison is None or (comparison.a, comparison.b) in seen:
                continue
            seen.add((comparison.a, comparison.b))
            found.append(comparison)
    return found


def _article_key(entry: Mapping[str, Any]) -> str | None:
    value = entry.get("source") or entry.get("id") or entry.get("article")
    return value if isinstance(value, str) else None


def quotes_from_report(report: Mapping[str, Any]) -> dict[str, list[ReportedQuote]]:
    """Reported quotes listed under the report's articles, keyed by article source."""
    result: dict[str, list[ReportedQuote]] = {}
    articles = report.get("articles")
    if isinstance(articles, Mapping):
        entries: list[Any] = [
            {"source": key, **value} if isinstance(value, Mapping) else value
            for key, value in articles.items()
        ]
    elif isinstance(articles, list):
        entries = articles
    else:
        return result
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        source = _article_key(entry)
        if source is None:
            continue
        bucket = result.setdefault(source, [])
        for raw in entry.get("quotes") or ():
            if isinstance(raw, Mapping) and isinstance(raw.get("text"), str):
                speaker = raw.get("speaker")
                start = raw.get("start")
                bucket.append(
                    ReportedQuote(
                        id=str(raw.get("id")),
                        article=source,
                        text=raw["text"],
                        speaker=speaker if isinstance(speaker, str) else None,
                        words=words(raw["text"]),
                        start=start if isinstance(start, int) else None,
                    )
                )
    return result


def _report_speakers(report: Mapping[str, Any]) -> dict[str, str]:
    """Speaker per quote id wherever the report lists quote objects with a speaker."""
    speakers: dict[str, str] = {}
    for key, value in _walk(report):
        if key != "quotes" or not isinstance(value, list):
            continue
        for raw in value:
            if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
                speaker = raw.get("speaker")
                if isinstance(speaker, Mapping):
                    speaker = speaker.get("name") or speaker.get("canonical")
                if isinstance(speaker, str) and speaker:
                    speakers.setdefault(raw["id"], speaker)
    return speakers


def build_view(
    report: Mapping[str, Any], extracted: Sequence[ExtractedArticle] | None = None
) -> ReportView:
    """Combine extraction records and the report JSON into the scorer's view."""
    if extracted is None:
        return ReportView(quotes_from_report(report), comparisons_from_report(report))
    overrides = _report_speakers(report)
    quotes: dict[str, list[ReportedQuote]] = {}
    for item in extracted:
        source = item.article.source
        bucket = quotes.setdefault(source, [])
        for quote in item.quotes:
            bucket.append(
                ReportedQuote(
                    id=quote.id,
                    article=source,
                    text=quote.text,
                    speaker=overrides.get(quote.id, quote.speaker),
                    words=words(quote.text),
                    start=quote.start,
                )
            )
    return ReportView(quotes, comparisons_from_report(report))
