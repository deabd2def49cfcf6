"""quotelens as a Python library: check quotes across articles from a notebook or a script.

    import quotelens
    report = quotelens.check(["a.txt", "b.html"], primaries=["statement.txt"],
                             primary_speakers=["Mayor Ann Lee"])
    report.summary.variants, report.to_json()

This package is the public surface; ``worker`` (the service's jobs, storage and pipeline) and
``api`` stay the service's own top level. Everything here is re-exported from there, so the
library, the CLI and the service produce the same report (``quotelens.report/1``).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from worker.checker import build_report
from worker.checker.report import SCHEMA_ID, Report, json_schema
from worker.cli.inputs import InputError, read_articles
from worker.cli.primary_inputs import read_primaries
from worker.nlp import extract_article, extract_articles
from worker.nlp.language import LanguageGuess, detect_language
from worker.nlp.model import ModelNotFoundError, load_model
from worker.pipeline import check_articles
from worker.records import Article, ExtractedArticle, PrimarySource, Quote
from worker.render import render_html, render_text
from worker.render.csv_report import render_csv

try:
    __version__ = version("quotelens")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "SCHEMA_ID",
    "Article",
    "ExtractedArticle",
    "InputError",
    "LanguageGuess",
    "ModelNotFoundError",
    "PrimarySource",
    "Quote",
    "Report",
    "__version__",
    "build_report",
    "check",
    "check_articles",
    "detect_language",
    "extract_article",
    "extract_articles",
    "json_schema",
    "load_model",
    "render_csv",
    "render_html",
    "render_text",
]


def check(
    files: Sequence[str | Path],
    primaries: Sequence[str | Path] = (),
    *,
    primary_speakers: Sequence[str] = (),
    allow_loopback: bool = False,
) -> Report:
    """The report on article ``files`` (text, JSON, saved HTML, or http(s) URLs), checked
    against ``primaries`` (statements or transcripts), exactly as ``quotelens check`` builds it.

    ``primary_speakers``: whose words an unlabelled statement is (once for all, or one per
    primary). Raises ``InputError`` naming every unreadable file, ``ModelNotFoundError`` when
    the spaCy model is missing.
    """
    items = [item if isinstance(item, str) else str(item) for item in files]
    articles = read_articles(items, allow_loopback=allow_loopback)
    primary_articles = read_primaries(
        [Path(p) for p in primaries], list(primary_speakers), {a.id for a in articles}
    )
    return check_articles(articles, primary_articles)
