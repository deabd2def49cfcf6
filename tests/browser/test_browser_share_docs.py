"""Share links and ``/docs`` in headless Chromium, as a colleague without an API key sees them.

Reuses the served gold story of ``test_browser_report`` (same API process setup) but opens it
in a browser context that sends no Authorization header. The share link shows the report page
read-only and stops working once revoked; ``/docs`` renders Swagger UI with every request
answered by the API itself (anything else is aborted, as on a machine without internet).
Screenshots go to ``artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Route, expect, sync_playwright

from tests.browser.test_browser_report import (  # noqa: F401  (fixtures used by name)
    ARTIFACTS,
    CHROMIUM_FLAGS,
    STORY_NAME,
    VIEWPORT,
    Served,
    chromium,
    served,
)

pytestmark = pytest.mark.subprocess  # starts processes: not in `make check`


@pytest.fixture(scope="module")
def anonymous(
    chromium: Path,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-anonymous")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport=VIEWPORT,
            reduced_motion="reduce",
        )
        try:
            yield context
        finally:
            context.close()


def test_a_share_link_opens_the_page_without_a_key_until_revoked(
    anonymous: BrowserContext,
    served: Served,  # noqa: F811
) -> None:
    key = {"Authorization": f"Bearer {served.api_key}"}
    made = httpx.post(f"{served.base}/v1/stories/{served.story_id}/share", headers=key)
    assert made.status_code == 201, made.text
    link = made.json()
    page = anonymous.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        locked = page.goto(served.page_url)
        assert locked is not None and locked.status == 401  # the page itself needs the key
        page.goto("about:blank")
        requests.clear()
        errors.clear()
        response = page.goto(link["url"])
        assert response is not None and response.status == 200
        expect(page.locator("h1")).to_have_text(STORY_NAME)
        expect(page.locator(".cluster").first).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-shared.png"))
        assert requests == [link["url"]], requests  # nothing else loads
        assert errors == []  # the CSP lets the page's own style and script run
        revoked = httpx.delete(
            f"{served.base}/v1/stories/{served.story_id}/shares/{link['id']}", headers=key
        )
        assert revoked.status_code == 204
        again = page.goto(link["url"])
        assert again is not None and again.status == 404
    finally:
        page.close()


def test_docs_render_offline(anonymous: BrowserContext, served: Served) -> None:  # noqa: F811
    page = anonymous.new_page()
    outside: list[str] = []

    def only_the_api(route: Route) -> None:
        if route.request.url.startswith(served.base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_api)
    try:
        response = page.goto(f"{served.base}/docs")
        assert response is not None and response.status == 200
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("quotelens")
        expect(page.locator(".opblock-summary-description").first).not_to_be_empty()
        expect(
            page.get_by_text("Create a read-only, expiring link to the report page")
        ).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=False)
        assert outside == []
    finally:
        page.close()
