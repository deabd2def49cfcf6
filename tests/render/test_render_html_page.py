"""The HTML report with primary sources, failures and a story title; text marking in place."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.records_helpers import quote_record
from tests.render.render_helpers import report
from worker.checker import build_report
from worker.checker.report import Report
from worker.records import Article, ExtractedArticle, PrimarySource
from worker.render import render_html
from worker.render.html_article_text import Mark, marked_text, primary_anchor
from worker.render.html_page import FailedArticle

STATEMENT = (
    "We will rebuild the sea wall higher and stronger than before, and we will not ask the "
    "families of Quay Street to pay for it. That is a promise."
)
FULL = (
    "We will rebuild the sea wall higher and stronger than before, and we will not ask the "
    "families of Quay Street to pay for it."
)
ALTERED = FULL.replace("we will not ask", "we will ask")
PART = "We will rebuild the sea wall higher and stronger than before."


def _article(
    aid: str, source: str, *rows: tuple[str, str, str], url: str | None = None
) -> ExtractedArticle:
    text, quotes = "", []
    for qid, quote, speaker in rows:
        text += "She said “"
        quotes.append(quote_record(qid, quote, speaker, start=len(text), speaker_type="person"))
        text += quote + "”.\n\n"
    return ExtractedArticle(Article(aid, source, text, url=url), tuple(quotes))


def primary_story() -> list[ExtractedArticle]:
    return [
        _article(
            "x", "Harbor Herald", ("x-q1", FULL, "Ana Ortega"), url="https://herald.example/flood"
        ),
        _article(
            "y",
            "Daily Ledger",
            ("y-q1", ALTERED, "Ana Ortega"),
            ("y-q2", "That is a promise.", "Ana Ortega"),
            url="javascript:alert(1)",
        ),
        _article("z", "Capitol Report", ("z-q1", PART, "Richard Pell")),
    ]


PRIMARY = PrimarySource(
    "s", "City Hall", STATEMENT, title="Statement of the Mayor", speaker="Ana Ortega"
)


@pytest.fixture(scope="module")
def checked() -> Report:
    return build_report(primary_story(), primaries=[PRIMARY])


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {item.article.id: item.article.text for item in primary_story()} | {
        PRIMARY.id: PRIMARY.text
    }


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.extend(value for name, value in attrs if name == "id" and value)


def ids_of(page: str) -> list[str]:
    parser = _Ids()
    parser.feed(page)
    return parser.ids


def test_the_story_is_what_the_fixture_promises(checked: Report) -> None:
    statuses = {check.quote: check.status for check in checked.primary_checks}
    # z-q1 has the mayor's words, given to the governor: verified and misattributed.
    assert statuses == {
        "x-q1": "verified",
        "y-q1": "contradicted",
        "y-q2": "verified",
        "z-q1": "verified",
    }
    assert [check.quote for check in checked.primary_checks if check.misattributed] == ["z-q1"]


def test_summary_counts_the_checks_against_the_primary_source(checked: Report) -> None:
    page = render_html(checked)
    header = page[page.index("<header>") : page.index("</header>")]
    assert "Against the primary sources" in header
    assert re.findall(r'<li class="p-(\w+)"><strong>(\d+)</strong>', header) == [
        ("verified", "3"),
        ("contradicted", "1"),
        ("not_found", "0"),
    ]


def test_without_a_primary_source_there_is_no_primary_summary() -> None:
    page = render_html(report())
    assert "Against the primary" not in page
    assert 'class="p-' not in page


def test_a_contradicted_quote_shows_how_it_differs_from_the_original(checked: Report) -> None:
    page = render_html(checked)
    card = page[page.index('id="cluster-c1"') :]
    card = card[: card.index("</article>")]
    assert "Primary source: Contradicted" in card
    assert "settles the wording" in card  # the cluster's primary note
    assert '<span class="badge p-contradicted">Contradicted · major</span>' in card
    assert '<ins title="negation">not</ins>' in card  # the original has "not", the outlet not
    assert "these are Ana Ortega’s words, but the outlet names Richard Pell" in card


def test_checks_link_to_the_passage_in_the_primary_article(
    checked: Report, texts: dict[str, str]
) -> None:
    page = render_html(checked, texts)
    anchor = primary_anchor("s", 0, len(STATEMENT))
    assert f'<span class="primary-span" id="{anchor}">{STATEMENT}</span>' in page
    assert page.count(f'href="#{anchor}"') == 4  # every check cites the same passage
    ids = ids_of(page)
    assert len(ids) == len(set(ids))
    for target in re.findall(r'href="#([^"]*)"', page):
        assert target in ids
    assert "primary source</span></h3>" in page  # the statement is labelled as such


def test_a_primary_contradiction_makes_a_quotation_a_problem(checked: Report) -> None:
    consistent = [
        cluster.model_copy(update={"verdict": "consistent"}) if cluster.id == "c1" else cluster
        for cluster in checked.clusters
    ]
    page = render_html(checked.model_copy(update={"clusters": consistent}))
    assert 'data-verdict="consistent" data-problem="true"' in page


def test_a_single_source_quote_the_primary_contradicts_gets_a_card(checked: Report) -> None:
    single = next(c for c in checked.clusters if c.verdict == "single_source")
    assert 'id="cluster-' + single.id not in render_html(checked)
    contradicted = [
        c.model_copy(update={"primary_status": "contradicted"}) if c.id == single.id else c
        for c in checked.clusters
    ]
    page = render_html(checked.model_copy(update={"clusters": contradicted}))
    assert f'id="cluster-{single.id}" data-verdict="single_source" data-problem="true"' in page
    assert "with the primary source</h2>" in page


def test_single_source_rows_show_their_primary_status(checked: Report) -> None:
    page = render_html(checked)
    table = page[page.index('id="h-single"') :]
    assert '<th scope="col">Primary source</th>' in table
    assert '<tr class="single" data-problem="false">' in table
    assert '<span class="badge p-verified">Verified</span>' in table


def test_failed_articles_are_listed_and_escaped() -> None:
    failed = [
        FailedArticle("Intranet <b>", "fetch refused: address 10.0.0.5 is private"),
        FailedArticle("Blog", None),
    ]
    page = render_html(report(), failed=failed)
    header = page[page.index("<header>") : page.index("</header>")]
    assert "2 articles could not be read</strong> and are not part of this check" in header
    assert "<strong>Intranet &lt;b&gt;</strong>: fetch refused: address 10.0.0.5 is private" in (
        header
    )
    assert "<strong>Blog</strong>: could not be processed" in header
    single = render_html(report(), failed=failed[:1])
    assert "1 article could not be read</strong> and is not part" in single
    assert 'class="failures"' not in render_html(report())


def test_the_story_title_names_the_page_and_is_escaped() -> None:
    page = render_html(report(), title="Flood <wall> & harbor")
    assert "<title>Quote check: Flood &lt;wall&gt; &amp; harbor</title>" in page
    assert "<h1>Flood &lt;wall&gt; &amp; harbor</h1>" in page
    assert "<h1>Quote check</h1>" in render_html(report())


def test_article_addresses_are_links_only_when_http(checked: Report, texts: dict[str, str]) -> None:
    page = render_html(checked, texts)
    assert '<a href="https://herald.example/flood" rel="noopener noreferrer">Harbor Herald</a>' in (
        page
    )
    assert "javascript:" not in page


def test_nothing_is_loaded_from_elsewhere(checked: Report, texts: dict[str, str]) -> None:
    page = render_html(checked, texts)
    assert not re.search(r"\ssrc\s*=", page, re.I)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith("#") or href == "https://herald.example/flood"


def test_the_filter_has_a_live_status_and_counts_every_quotation(checked: Report) -> None:
    page = render_html(checked)
    assert '<p id="filter-status" role="status" aria-live="polite"></p>' in page
    assert page.count('class="cluster"') + page.count('class="single"') == len(checked.clusters)


def test_marks_that_overlap_or_do_not_fit_are_skipped() -> None:
    text = "one two three four"
    html, anchors = marked_text(
        text,
        [
            Mark(4, 13, "quote-span", "a", "q1"),  # "two three"
            Mark(8, 18, "quote-span", "b", "q2"),  # overlaps the first: skipped
            Mark(14, 40, "quote-span", "c", "q3"),  # beyond the end: skipped
            Mark(0, 3, "primary-span", None),  # "one", no anchor
        ],
    )
    assert html == (
        '<span class="primary-span">one</span> '
        '<span class="quote-span" id="a" data-quote="q1">two three</span> four'
    )
    assert anchors == {"a"}


def test_split_quotes_are_marked_piece_by_piece_with_one_anchor() -> None:
    text = "“We will win,” she said, “and we will rebuild.”"
    quote = quote_record(
        "a-q1",
        "We will win, and we will rebuild.",
        "Ana",
        start=1,
        end=46,
        mention="she",
        spans=((1, 13), (26, 46)),
    )
    extracted = ExtractedArticle(Article("a", "Herald", text), (quote,))
    page = render_html(build_report([extracted]), {"a": text})
    assert '<span class="quote-span" id="quote-a-q1" data-quote="a-q1">We will win,</span>' in page
    assert '<span class="quote-span" data-quote="a-q1">and we will rebuild.</span>' in page
