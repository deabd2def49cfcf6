"""The report as spreadsheet tables: one CSV of quotes, one of comparisons.

Journalists sort and filter in a spreadsheet, so a report becomes two flat tables rather than
one file with two sections (a spreadsheet reads the first header as the header of everything):

- ``quotes``: one row per quote, with its outlet, speaker, cue, cluster and the cluster's verdict;
- ``comparisons``: one row per compared pair of quotes, with both outlets and the change kinds.

The files are UTF-8 with a byte-order mark and CRLF line ends, which LibreOffice and Excel both
open as UTF-8 without an import dialog guess. A cell that starts like a formula (``=``, ``+``,
``-``, ``@``) gets a leading apostrophe, so a quote can never run as a formula in the sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Literal

from worker.checker.report import Report
from worker.render.common import VERDICT_LABELS, change_kinds

Table = Literal["quotes", "comparisons"]
TABLES: tuple[Table, ...] = ("quotes", "comparisons")
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

QUOTE_COLUMNS = (
    "quote_id",
    "outlet",
    "article_id",
    "article_title",
    "primary_source",
    "speaker",
    "speaker_as_reported",
    "speaker_mention",
    "cue",
    "attribution",
    "confidence",
    "cluster",
    "verdict",
    "primary_status",
    "quote",
)
COMPARISON_COLUMNS = (
    "cluster",
    "verdict",
    "quote_a",
    "outlet_a",
    "quote_b",
    "outlet_b",
    "wording",
    "severity",
    "same_speaker",
    "changes",
    "text_a",
    "text_b",
)

Cell = str | int | float | bool | None


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return BOM + buffer.getvalue()


def quote_rows(report: Report) -> list[list[Cell]]:
    clusters = {cluster.id: cluster for cluster in report.clusters}
    rows: list[list[Cell]] = []
    for article in report.articles:
        for quote in article.quotes:
            cluster = clusters.get(quote.cluster or "")
            rows.append(
                [
                    quote.id,
                    article.source,
                    article.id,
                    article.title,
                    article.primary,
                    quote.speaker,
                    quote.reported_speaker,
                    quote.speaker_mention,
                    quote.cue,
                    quote.attribution,
                    round(quote.confidence, 2),
                    quote.cluster,
                    VERDICT_LABELS[cluster.verdict] if cluster else None,
                    cluster.primary_status if cluster else None,
                    quote.text,
                ]
            )
    return rows


def comparison_rows(report: Report) -> list[list[Cell]]:
    quotes = report.quotes_by_id()
    outlet = {quote_id: a.source for quote_id, a in report.article_of_quote().items()}
    cluster_of = {quote: cluster for cluster in report.clusters for quote in cluster.quotes}
    rows: list[list[Cell]] = []
    for comparison in report.comparisons:
        cluster = cluster_of.get(comparison.a)
        a, b = quotes.get(comparison.a), quotes.get(comparison.b)
        rows.append(
            [
                comparison.cluster or (cluster.id if cluster else None),
                VERDICT_LABELS[cluster.verdict] if cluster else None,
                comparison.a,
                outlet.get(comparison.a),
                comparison.b,
                outlet.get(comparison.b),
                comparison.wording,
                comparison.severity,
                comparison.same_speaker,
                ", ".join(change_kinds(comparison)),
                a.text if a else None,
                b.text if b else None,
            ]
        )
    return rows


def render_csv(report: Report, table: Table = "quotes") -> str:
    """One table of the report as CSV text (with BOM); ``table``: quotes or comparisons."""
    if table == "comparisons":
        return _write(COMPARISON_COLUMNS, comparison_rows(report))
    return _write(QUOTE_COLUMNS, quote_rows(report))
