"""The HTML report as a person sees it: served by the running API, opened in headless Chromium.

A story is built from the Port Talbin gold articles and the mayor's transcript (the real
extraction and checker), stored in a SQLite database, and served by uvicorn on a free loopback
port. Chromium (Debian's package, driven by Playwright) loads the page with an API key and the
test looks at what a reader would: the highlighted word changes, the "only problems" filter
(operated from the keyboard), the jump from a quote to its article, and that the page loads
nothing but itself. Screenshots go to ``artifacts/``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from scripts.stack import REPO, free_port, start_api, wait_until
from tests.records_helpers import quote_record
from worker.checker import build_report
from worker.checker.report import Report
from worker.nlp import extract_articles
from worker.render.common import is_problem
from worker.render.html_clusters import card_clusters

pytestmark = pytest.mark.subprocess  # starts processes: not in `make check`

CHROMIUM = Path("/usr/bin/chromium")
STORY_DIR = REPO / "tests/data/gold/port-talbin-flood"
ARTIFACTS = REPO / "artifacts"
STORY_NAME = "Port Talbin flood"
REFUSED = "fetch refused: address 10.0.0.5 is private"
FAILED = {"article_id": "-", "source": "Intranet", "error": REFUSED}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 1000}


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's Chromium, installed by scripts/install_browser.sh if it is missing."""
    if not CHROMIUM.exists():
        result = subprocess.run(
            ["bash", str(REPO / "scripts/install_browser.sh")],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if not CHROMIUM.exists():
            output = (result.stdout + result.stderr).strip().splitlines()[-5:]
            pytest.skip(
                "headless Chromium is not installed and scripts/install_browser.sh could not "
                "install it: " + " | ".join(output)
            )
    return CHROMIUM


@dataclass(frozen=True)
class Served:
    base: str
    story_id: str
    api_key: str
    report: Report

    @property
    def page_url(self) -> str:
        return f"{self.base}/v1/stories/{self.story_id}/report.html"


def _store_story(database_url: str) -> tuple[str, str, Report]:
    """The gold story and its report in a fresh database: (story id, API key, report)."""
    from worker.storage.articles import (
        NewArticle,
        get_article,
        store_quotes,
        submit_articles,
        to_primary,
        to_record,
    )
    from worker.storage.db import session_scope
    from worker.storage.keys import create_api_key
    from worker.storage.migrate import upgrade
    from worker.storage.reports import save_report
    from worker.storage.stories import create_story

    upgrade(database_url)
    items = [NewArticle(source=p.stem, text=p.read_text()) for p in sorted(STORY_DIR.glob("*.txt"))]
    items.append(
        NewArticle(
            source="City of Port Talbin",
            title="Transcript: news conference on the Quay Street flooding",
            text=(STORY_DIR / "primary/transcript.txt").read_text(),
            primary=True,
        )
    )
    with session_scope(database_url) as session:
        key_row, api_key = create_api_key(session, "newsroom")
        story = create_story(session, key_row.tenant_id, STORY_NAME)
        submitted = submit_articles(session, story.id, items)
        rows = [get_article(session, r.id) for r in submitted]
        records = [to_record(row) for row in rows if not row.is_primary]
        primaries = [to_primary(row) for row in rows if row.is_primary]
        story_id = story.id
    extracted = extract_articles(records)
    report = build_report(extracted, primaries=primaries)
    with session_scope(database_url) as session:
        for item in extracted:
            store_quotes(session, item.article.id, item.quotes)
        for primary in primaries:
            # As the extraction job does: a primary source is done with no quotes of its own.
            store_quotes(session, primary.id, ())
        save_report(session, story_id, {**report.to_dict(), "failed_articles": [FAILED]})
    return story_id, api_key, report


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("browser")
    database_url = f"sqlite:///{tmp / 'report.db'}"
    story_id, api_key, report = _store_story(database_url)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(REPO)}
    api = start_api(tmp, env, port, "--log-level", "warning")
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return httpx.get(f"{base}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_until(up, 60, "the API did not come up", [api])
        yield Served(base, story_id, api_key, report)
    finally:
        api.stop()


@pytest.fixture(scope="module")
def context(
    chromium: Path, served: Served, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-profile")  # new and empty
    with sync_playwright() as playwright:
        browser_context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport=VIEWPORT,
            extra_http_headers={"Authorization": f"Bearer {served.api_key}"},
            reduced_motion="reduce",
        )
        try:
            yield browser_context
        finally:
            browser_context.close()


@dataclass
class Opened:
    page: Page
    requests: list[str]
    errors: list[str]


@pytest.fixture
def opened(context: BrowserContext, served: Served) -> Iterator[Opened]:
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(served.page_url)
    assert response is not None and response.status == 200, response and response.text()
    try:
        yield Opened(page, requests, errors)
    finally:
        page.close()


def test_the_page_opens_with_the_story_summary_and_nothing_else_loads(
    opened: Opened, served: Served
) -> None:
    page = opened.page
    expect(page).to_have_title(f"Quote check: {STORY_NAME}")
    expect(page.locator("h1")).to_have_text(STORY_NAME)
    summary = served.report.summary
    expect(page.locator("ul.summary").first).to_contain_text(f"{summary.corroborated} corroborated")
    expect(page.locator("ul.summary").first).to_contain_text(f"{summary.variants} altered")
    primary = page.locator('ul.summary[aria-labelledby="primary-summary"]')
    expect(primary).to_contain_text(f"{summary.contradicted} contradicted")
    expect(page.locator(".failures")).to_contain_text(REFUSED)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    assert opened.requests == [served.page_url]  # no fonts, scripts or images from anywhere
    assert opened.errors == []  # the CSP lets the page's own style and script run


def test_changed_words_are_highlighted(opened: Opened) -> None:
    page = opened.page
    change = page.locator(".diff mark").filter(has=page.locator("del", has_text="next")).first
    expect(change.locator("del")).to_have_text("next")
    expect(change.locator("ins")).to_have_text("this")
    expect(change).to_have_attribute("title", "content")
    struck = change.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine")
    underlined = change.locator("ins").evaluate("e => getComputedStyle(e).textDecorationLine")
    assert (struck, underlined) == ("line-through", "underline")
    backgrounds = {
        change.locator(tag).evaluate("e => getComputedStyle(e).backgroundColor")
        for tag in ("del", "ins")
    }
    assert len(backgrounds) == 2 and "rgba(0, 0, 0, 0)" not in backgrounds
    card = page.locator(".cluster").filter(has=change)
    expect(card).to_contain_text("Altered · major")
    expect(card.locator(".version")).to_have_count(2)  # the two outlets side by side
    first, second = (card.locator(".version").nth(i).bounding_box() for i in (0, 1))
    assert first is not None and second is not None
    assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"] + first["width"] - 1


def test_the_problems_filter_works_from_the_keyboard(opened: Opened, served: Served) -> None:
    page = opened.page
    cards = card_clusters(served.report)
    problems = sum(1 for cluster in cards if is_problem(cluster))
    total = len(served.report.clusters)
    assert 0 < problems < len(cards)
    status = page.get_by_role("status")
    expect(status).to_have_text(f"Showing all {total} quotations")
    expect(page.locator(".cluster:visible")).to_have_count(len(cards))
    expect(page.locator("#h-single")).to_be_visible()

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # then the filter
    assert page.evaluate("document.activeElement.id") == "only-problems"
    page.keyboard.press("Space")
    expect(page.get_by_label("Only problems")).to_be_checked()
    expect(page.locator(".cluster:visible")).to_have_count(problems)
    expect(page.locator('.cluster[data-problem="false"]:visible')).to_have_count(0)
    expect(page.locator("#h-single")).to_be_hidden()
    expect(status).to_have_text(f"Showing {problems} of {total} quotations (problems only)")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "report-problems.png"))

    page.keyboard.press("Space")
    expect(page.locator(".cluster:visible")).to_have_count(len(cards))
    expect(status).to_have_text(f"Showing all {total} quotations")


def test_a_quote_links_to_its_place_in_the_article(opened: Opened) -> None:
    page = opened.page
    link = page.locator('.version a[href^="#quote-"]').first
    target = link.get_attribute("href")
    assert target is not None
    link.click()
    assert page.url.endswith(target)
    marked = page.locator(target)
    expect(marked).to_have_class("quote-span")
    expect(marked).to_be_in_viewport()
    assert " ".join(marked.inner_text().split()) == " ".join(link.inner_text().split())


def test_a_check_links_to_the_passage_in_the_transcript(opened: Opened) -> None:
    page = opened.page
    link = page.locator(".primary a.more").first
    target = link.get_attribute("href")
    assert target is not None and target.startswith("#primary-")
    link.click()
    passage = page.locator(target)
    expect(passage).to_have_class("primary-span")
    expect(passage).to_be_in_viewport()
    article = page.locator("article.article").filter(has=passage)
    expect(article).to_contain_text("primary source")


def test_each_quotes_speaker_mention_and_cue_are_marked_with_a_label(
    opened: Opened, served: Served
) -> None:
    page = opened.page
    speakers, cues = page.locator(".article-text .attr-speaker"), page.locator(".attr-cue")
    # The real extraction of the gold story gives every quote a cue or a mention nearby.
    assert speakers.count() > 0 and cues.count() > 0
    first = speakers.first
    first.scroll_into_view_if_needed()
    expect(first).to_be_visible()
    label = first.evaluate("e => getComputedStyle(e, '::after').content")
    assert label == '"speaker"'
    quote_ids = (first.get_attribute("data-quote") or "").split()
    quotes = served.report.quotes_by_id()
    assert quote_ids and all(q in quotes for q in quote_ids)
    assert first.inner_text() in {quotes[q].speaker_mention for q in quote_ids}
    note = page.locator(f'.attr-note[data-quote="{quote_ids[0]}"]')
    assert "confidence" in note.evaluate("e => getComputedStyle(e, '::after').content")
    page.screenshot(path=str(ARTIFACTS / "report-attribution.png"))


def test_the_filter_status_says_one_quotation_in_the_singular(context: BrowserContext) -> None:
    from worker.records import Article, ExtractedArticle
    from worker.render import render_html

    text = "“The ferry runs,” Mira Okafor said."
    quote = quote_record("a-q1", "The ferry runs,", "Mira Okafor", start=1)
    report = build_report([ExtractedArticle(Article("a", "Talbin Post", text), (quote,))])
    page = context.new_page()
    try:
        page.set_content(render_html(report, {"a": text}))
        expect(page.get_by_role("status")).to_have_text("Showing the one quotation")
        page.get_by_label("Only problems").check()
        expect(page.get_by_role("status")).to_have_text("Showing 0 of 1 quotation (problems only)")
    finally:
        page.close()
