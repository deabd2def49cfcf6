"""The report as one self-contained HTML page.

The page is sent as a webhook body, saved to disk and opened offline, so it carries everything
inline (CSS and a few lines of script) and loads nothing from elsewhere. Every piece of text
comes from articles written by others and is escaped. The outlets' versions stand side by side
with the differing words marked up as ``<del>``/``<ins>`` (and ``<mark>`` around a replacement),
which keeps the meaning without colour (strike-through and underline) for readers who cannot
tell the colours apart. Given the article texts, each quote is also shown in place and the
versions link to it (``#quote-<id>``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape

from worker.checker.report import (
    Report,
    ReportArticle,
    ReportCluster,
    ReportComparison,
    ReportQuote,
)
from worker.render.common import (
    PROBLEM_VERDICTS,
    VERDICT_LABELS,
    Segment,
    change_kinds,
    comparisons_by_cluster,
    multi_source,
    segments,
    single_source,
    speakers_label,
    summary_items,
)

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")

_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--ink); background: #fff; }
header, main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem; }
header { border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { margin-top: 2rem; font-size: 1.3rem; }
h3 { margin: 0 0 .5rem; font-size: 1.1rem; }
.meta { color: var(--muted); margin: 0 0 .75rem; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 0; }
.summary li { padding: .4rem .8rem; border-radius: .4rem; border: 1px solid var(--line); }
.summary strong { font-size: 1.3rem; margin-right: .3rem; }
.filter { margin: .75rem 0 0; }
.filter input { width: 1.1rem; height: 1.1rem; vertical-align: -.15rem; }
.filter input:focus-visible { outline: 3px solid #1a56db; outline-offset: 2px; }
.v-consistent { background: #e6f4ea; color: #0b4d1a; }
.v-variant { background: #fff1d6; color: #6b3f00; }
.v-speaker_conflict { background: #fde8e8; color: #7d0000; }
.v-single_source { background: #eeeeee; color: #333333; }
.cluster { border: 1px solid var(--line); border-radius: .5rem; padding: 1rem;
  margin: 1rem 0; }
.badge { display: inline-block; padding: .1rem .5rem; border-radius: .3rem; font-size: .85rem;
  font-weight: 600; margin-right: .4rem; }
.versions { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
  gap: .75rem; margin: .5rem 0; }
.version { margin: 0; padding: .6rem .8rem; border-left: 4px solid var(--line);
  background: #fafafa; }
.version figcaption { font-size: .9rem; color: var(--muted); }
.version blockquote { margin: .3rem 0 0; }
.comparisons { padding-left: 1.2rem; }
.diff { margin: .2rem 0 .6rem; }
del { background: #fde8e8; color: #7d0000; text-decoration: line-through; }
ins { background: #e6f4ea; color: #0b4d1a; text-decoration: underline; }
mark { background: #fff1a8; color: var(--ink); padding: 0 .1rem; }
.gap { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem;
  border-bottom: 1px solid var(--line); }
.article-text { white-space: pre-wrap; border: 1px solid var(--line); padding: .75rem;
  max-height: 40rem; overflow: auto; }
.quote-span { background: #e8eefc; border-bottom: 2px solid #1a56db; }
.quote-span:target { background: #fff1a8; }
a { color: #1a4fb8; }
.only-problems [data-problem="false"] { display: none; }
""".strip()

_SCRIPT = """
(function () {
  var box = document.getElementById("only-problems");
  function apply() { document.body.classList.toggle("only-problems", box.checked); }
  box.addEventListener("change", apply);
  apply();
})();
""".strip()


def _e(text: str | None) -> str:
    return escape(text or "", quote=True)


def quote_anchor(quote_id: str) -> str:
    """The element id of a quote in the article text (ids may not contain spaces)."""
    return "quote-" + _ID_UNSAFE.sub("-", quote_id)


def _segment_html(segment: Segment) -> str:
    old, new = _e(" ".join(segment.old)), _e(" ".join(segment.new))
    title = f' title="{_e(segment.change)}"' if segment.change else ""
    if segment.kind == "same":
        return new
    if segment.kind == "gap":
        return '<span class="gap" title="not in both quotes">…</span>'
    if segment.kind == "editorial":
        return f'<span class="gap" title="editorial insertion">[{new or old}]</span>'
    if segment.kind == "inserted":
        return f"<ins{title}>{new}</ins>"
    if segment.kind == "deleted":
        return f"<del{title}>{old}</del>"
    return f"<mark{title}><del>{old}</del> <ins>{new}</ins></mark>"


def _diff_html(comparison: ReportComparison) -> str:
    return " ".join(_segment_html(segment) for segment in segments(comparison.diff))


class _Page:
    """Lookups shared by the sections of one page (built once, not per cluster)."""

    def __init__(self, report: Report, article_texts: Mapping[str, str] | None) -> None:
        self.report = report
        self.quotes = report.quotes_by_id()
        self.articles = report.article_of_quote()
        self.marked: dict[str, str] = {}
        self.anchored: set[str] = set()
        for article in report.articles:
            text = (article_texts or {}).get(article.id)
            if text is not None:
                self.marked[article.id], anchored = marked_article_text(article, text)
                self.anchored.update(anchored)

    def quote_text(self, quote: ReportQuote) -> str:
        """The quote, linked to its place in the article when that place is on the page."""
        text = _e(" ".join(quote.text.split()))
        if quote.id in self.anchored:
            return f'<a href="#{quote_anchor(quote.id)}">{text}</a>'
        return text


def _summary_html(report: Report) -> str:
    items = "".join(
        f'<li class="v-{item.key}"><strong>{item.count}</strong> {_e(item.label)}</li>'
        for item in summary_items(report)
    )
    summary = report.summary
    return (
        f'<p class="meta">{summary.articles} articles · {summary.quotes} quotes · '
        f"{summary.clusters} quotations</p>"
        f'<ul class="summary" aria-label="Summary">{items}</ul>'
        '<p class="filter"><input type="checkbox" id="only-problems"> '
        '<label for="only-problems">Only problems (altered or conflicting quotations)</label></p>'
    )


def _version_html(page: _Page, quote: ReportQuote) -> str:
    article = page.articles[quote.id]
    speaker = _e(quote.speaker) if quote.speaker else "<em>no speaker named</em>"
    reported = ""
    if quote.reported_speaker and quote.reported_speaker != quote.speaker:
        reported = f" (as “{_e(quote.reported_speaker)}”)"
    return (
        f'<figure class="version"><figcaption><strong>{_e(article.source)}</strong>: '
        f"{speaker}{reported}</figcaption>"
        f"<blockquote>{page.quote_text(quote)}</blockquote></figure>"
    )


def _comparison_html(page: _Page, comparison: ReportComparison) -> str:
    source_a = _e(page.articles[comparison.a].source)
    source_b = _e(page.articles[comparison.b].source)
    head = f"{source_a} → {source_b}: {_e(comparison.wording)}"
    if comparison.wording != "variant":
        return f"<li><p>{head}</p></li>"
    kinds = ", ".join(change_kinds(comparison))
    head += f", <strong>{_e(comparison.severity)}</strong>" + (f" ({_e(kinds)})" if kinds else "")
    return f'<li><p>{head}</p><p class="diff">{_diff_html(comparison)}</p></li>'


def _cluster_html(
    page: _Page, cluster: ReportCluster, comparisons: Sequence[ReportComparison]
) -> str:
    problem = "true" if cluster.verdict in PROBLEM_VERDICTS else "false"
    label = VERDICT_LABELS[cluster.verdict]
    severities = {c.severity for c in comparisons if c.severity}
    if cluster.verdict == "variant" and severities:
        label += " · " + ("major" if "major" in severities else "minor")
    members = [page.quotes[q] for q in cluster.quotes if q in page.quotes]
    versions = "".join(_version_html(page, quote) for quote in members)
    items = "".join(_comparison_html(page, comparison) for comparison in comparisons)
    heading_id = f"h-{_e(cluster.id)}"
    return (
        f'<article class="cluster" id="cluster-{_e(cluster.id)}" '
        f'data-verdict="{_e(cluster.verdict)}" data-problem="{problem}" '
        f'aria-labelledby="{heading_id}">'
        f'<h3 id="{heading_id}"><span class="badge v-{_e(cluster.verdict)}">{_e(label)}</span>'
        f"{_e(speakers_label(cluster, page.quotes))}</h3>"
        f'<div class="versions">{versions}</div>'
        f'<h4>Comparisons</h4><ul class="comparisons">{items}</ul>'
        "</article>"
    )


def _singles_html(page: _Page, clusters: Sequence[ReportCluster]) -> str:
    rows = []
    for cluster in clusters:
        for quote_id in cluster.quotes:
            quote = page.quotes.get(quote_id)
            if quote is None:
                continue
            rows.append(
                f"<tr><td>{_e(page.articles[quote_id].source)}</td>"
                f"<td>{_e(quote.speaker) if quote.speaker else '—'}</td>"
                f"<td>{page.quote_text(quote)}</td></tr>"
            )
    return (
        '<section aria-labelledby="h-single" data-problem="false">'
        '<h2 id="h-single">Quotes found in one outlet only</h2>'
        '<table><thead><tr><th scope="col">Outlet</th><th scope="col">Speaker</th>'
        f'<th scope="col">Quote</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</section>"
    )


def _spans(quote: ReportQuote, length: int) -> list[tuple[int, int]]:
    spans = quote.spans or [(quote.start, quote.end)]
    return [(start, end) for start, end in spans if 0 <= start < end <= length]


def marked_article_text(article: ReportArticle, text: str) -> tuple[str, set[str]]:
    """The article text, escaped, with every quote wrapped in an element with its anchor id.

    Offsets that do not fit the text, or overlap an earlier quote, are skipped rather than
    trusted; the ids of the quotes that did get an anchor are returned so no link points
    nowhere.
    """
    pieces: list[tuple[int, int, str, bool]] = []
    for quote in article.quotes:
        for number, (start, end) in enumerate(_spans(quote, len(text))):
            pieces.append((start, end, quote.id, number == 0))
    pieces.sort()
    out: list[str] = []
    anchored: set[str] = set()
    cursor = 0
    for start, end, quote_id, first in pieces:
        if start < cursor:
            continue
        out.append(_e(text[cursor:start]))
        anchor = f' id="{quote_anchor(quote_id)}"' if first else ""
        if first:
            anchored.add(quote_id)
        out.append(
            f'<span class="quote-span"{anchor} data-quote="{_e(quote_id)}">'
            f"{_e(text[start:end])}</span>"
        )
        cursor = end
    out.append(_e(text[cursor:]))
    return "".join(out), anchored


def _articles_html(page: _Page) -> str:
    blocks = []
    for article in page.report.articles:
        marked = page.marked.get(article.id)
        if marked is None:
            continue
        title = _e(article.title) if article.title else _e(article.source)
        blocks.append(
            f'<article id="article-{_e(_ID_UNSAFE.sub("-", article.id))}" '
            f'aria-labelledby="ha-{_e(_ID_UNSAFE.sub("-", article.id))}">'
            f'<h3 id="ha-{_e(_ID_UNSAFE.sub("-", article.id))}">{title} '
            f"<small>({_e(article.source)})</small></h3>"
            f'<div class="article-text">{marked}</div></article>'
        )
    return (
        '<section aria-labelledby="h-articles">'
        f'<h2 id="h-articles">Articles</h2>{"".join(blocks)}</section>'
    )


def render_html(report: Report, article_texts: Mapping[str, str] | None = None) -> str:
    """The whole report as one HTML document (UTF-8, no external resources)."""
    page = _Page(report, article_texts)
    grouped = comparisons_by_cluster(report)
    clusters = sorted(
        multi_source(report), key=lambda cluster: cluster.verdict not in PROBLEM_VERDICTS
    )
    cluster_html = "".join(_cluster_html(page, c, grouped.get(c.id, [])) for c in clusters)
    if not clusters:
        cluster_html = "<p>No quotation was found in more than one outlet.</p>"
    singles = single_source(report)
    body = [
        "<header><h1>Quote check</h1>",
        _summary_html(report),
        "</header><main>",
        '<section aria-labelledby="h-clusters"><h2 id="h-clusters">'
        f"Quotations carried by more than one outlet</h2>{cluster_html}</section>",
        _singles_html(page, singles) if singles else "",
        _articles_html(page) if page.marked else "",
        "</main>",
        f"<script>{_SCRIPT}</script>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Quote check report</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
