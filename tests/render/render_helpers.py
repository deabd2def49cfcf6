"""A small story with every verdict, built from hand-made extraction records."""

from __future__ import annotations

from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.checker.report import Report
from worker.records import Article, ExtractedArticle, Quote

VARIANT_A = "The economy grew 12 percent this year, and we will not raise taxes on families."
VARIANT_B = "the economy grew 20 percent this year, and we will raise taxes on families"
CONFLICT = "We have made great progress on the bridge and the hospital will open in June."
SINGLE = "a lasting peace in Ukraine <script>alert(1)</script> & more"


def _quote(qid: str, text: str, speaker: str | None, start: int = 0) -> Quote:
    return quote_record(qid, text, speaker, start=start, speaker_type="person")


def _article(aid: str, source: str, *rows: tuple[str, str, str | None]) -> ExtractedArticle:
    text = ""
    quotes = []
    for qid, quote_text, speaker in rows:
        text += "She said “"
        quotes.append(_quote(qid, quote_text, speaker, len(text)))
        text += quote_text + "”.\n\n"
    return ExtractedArticle(Article(aid, source, text, title=f"{source} <story>"), tuple(quotes))


def story() -> list[ExtractedArticle]:
    return [
        _article(
            "x",
            "Daily <Planet> & Co",
            ("x-q1", VARIANT_A, "Ana Ortega"),
            ("x-q2", CONFLICT, "Ana Ortega"),
            ("x-q3", "great call", "Donald Trump"),
            ("x-q4", SINGLE, "White House"),
        ),
        _article(
            "y",
            "Gazette",
            ("y-q1", VARIANT_B, "Ortega"),
            ("y-q2", CONFLICT, "Pedro Ruiz"),
            ("y-q3", "Great call", "Trump"),
        ),
    ]


def report() -> Report:
    return build_report(story())


def article_texts() -> dict[str, str]:
    return {item.article.id: item.article.text for item in story()}
