"""Hand-built extraction records for the checker tests (no spaCy involved)."""

from __future__ import annotations

from worker.checker import build_report
from worker.checker.report import Report, ReportComparison
from worker.records import Article, AttributionKind, ExtractedArticle, Quote, SpeakerType

ANN = "Ann Lee"
BOB = "Bob Stone"


def quote(
    qid: str,
    text: str,
    speaker: str | None = ANN,
    speaker_type: SpeakerType | None = "person",
    mention: str | None = None,
    attribution: AttributionKind = "none",
    confidence: float = 0.0,
) -> Quote:
    return Quote(
        id=qid,
        text=text,
        start=0,
        end=len(text),
        speaker=speaker,
        speaker_mention=mention if mention is not None else speaker,
        cue="said",
        speaker_type=speaker_type if speaker is not None else None,
        attribution=attribution,
        confidence=confidence,
    )


def article(aid: str, *quotes: Quote, source: str | None = None) -> ExtractedArticle:
    text = " ".join(f"“{q.text}”" for q in quotes)
    return ExtractedArticle(Article(id=aid, source=source or aid, text=text), tuple(quotes))


def pair(
    a_text: str, b_text: str, speaker_a: str | None = ANN, speaker_b: str | None = ANN
) -> Report:
    """A two-article story with one quote each."""
    return build_report(
        [
            article("x", quote("x-q1", a_text, speaker_a)),
            article("y", quote("y-q1", b_text, speaker_b)),
        ]
    )


def only_comparison(report: Report) -> ReportComparison:
    assert len(report.comparisons) == 1, report.comparisons
    return report.comparisons[0]


def linked(report: Report) -> set[tuple[str, str]]:
    return {(c.a, c.b) for c in report.comparisons}


def changes(comparison: ReportComparison) -> list[tuple[str, list[str], list[str], str | None]]:
    """The non-equal diff ops as (op, a, b, kind)."""
    return [(op.op, op.a, op.b, op.kind) for op in comparison.diff if op.op != "equal"]
