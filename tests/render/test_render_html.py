"""The HTML renderer: self-contained, escaped, highlighted, filterable, linked to the text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.render.render_helpers import article_texts, report
from worker.render import render_html
from worker.render.html_page import quote_anchor

VOID = {"meta", "input", "br", "img", "link", "hr"}


class _Structure(HTMLParser):
    """Checks that every element is closed in order and collects ids."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids.extend(value for name, value in attrs if name == "id" and value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def parse(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def test_page_is_well_formed_and_semantic() -> None:
    page = render_html(report(), article_texts())
    structure = parse(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for tag in ("header", "main", "section", "h1", "h2", "h3", "table", "th", "blockquote"):
        assert tag in structure.tags
    assert len(structure.ids) == len(set(structure.ids))


def test_summary_comes_first() -> None:
    page = render_html(report())
    header = page[page.index("<header>") : page.index("</header>")]
    counts = re.findall(r"<strong>(\d+)</strong> ([^<]+)</li>", header)
    assert counts == [
        ("1", "corroborated"),
        ("1", "altered"),
        ("1", "conflicting"),
        ("1", "single-source"),
        ("2", "same words"),
        ("1", "altered (1 major)"),
        ("2", "speaker agreed"),
        ("0", "with an attribution outlier"),
        ("1", "speaker in conflict"),
    ]
    assert page.index("</header>") < page.index('class="cluster"')


def test_all_text_is_escaped() -> None:
    page = render_html(report(), article_texts())
    assert page.count("<script>") == 1  # only the page's own filter script
    assert "alert(1)" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "Daily &lt;Planet&gt; &amp; Co" in page
    assert "Daily <Planet>" not in page
    assert "&lt;story&gt;" in page


def test_differing_words_are_highlighted() -> None:
    page = render_html(report())
    assert '<mark title="number"><del>12</del> <ins>20</ins></mark>' in page
    assert '<del title="negation">not</del>' in page
    assert "variant, <strong>major</strong> (number, negation)" in page


def test_only_problems_filter_is_an_accessible_checkbox() -> None:
    page = render_html(report())
    assert '<input type="checkbox" id="only-problems">' in page
    assert '<label for="only-problems">' in page
    verdicts = re.findall(r'data-verdict="([a-z_]+)" data-problem="(true|false)"', page)
    assert verdicts == [("variant", "true"), ("speaker_conflict", "true"), ("consistent", "false")]
    assert '.only-problems [data-problem="false"] { display: none; }' in page


def test_no_external_resources() -> None:
    page = render_html(report(), article_texts())
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page and "@import" not in page and "url(" not in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(href.startswith("#") for href in hrefs)


def test_quotes_link_to_their_place_in_the_article_text() -> None:
    page = render_html(report(), article_texts())
    assert quote_anchor("x-q1") == "quote-x-q1"
    assert quote_anchor("a b/c") == "quote-a-b-c"
    assert '<a href="#quote-x-q1">The economy grew 12 percent' in page
    assert (
        '<span class="quote-span" id="quote-x-q1" data-quote="x-q1">The economy grew 12 percent'
        in page
    )
    structure = parse(page)
    for target in re.findall(r'href="#([^"]*)"', page):
        assert target in structure.ids
    # The quote's span starts right after the opening mark; the cue before it is marked too.
    assert (
        'She <span class="attr attr-cue" data-quote="x-q1" data-label="cue" '
        'title="reporting verb of x-q1">said</span> “<span class="quote-span" id="quote-x-q1"'
    ) in page


def test_without_article_texts_there_are_no_quote_links() -> None:
    page = render_html(report())
    assert 'href="#quote-' not in page
    assert 'class="quote-span"' not in page


def test_offsets_that_do_not_fit_the_text_get_no_anchor_and_no_link() -> None:
    texts = article_texts()
    texts["y"] = "too short"
    page = render_html(report(), texts)
    assert 'id="quote-y-q1"' not in page
    assert 'href="#quote-y-q1"' not in page
    assert 'href="#quote-x-q1"' in page
    assert "too short" in page
