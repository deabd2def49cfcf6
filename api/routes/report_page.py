"""The latest report as a web page: ``GET /v1/stories/{id}/report.html``.

The JSON report holds offsets, not article texts; the page shows every quote in its article,
so the texts are read from the database here and handed to the renderer. The page is served
with a Content-Security-Policy that allows nothing but its own inline style and script (by
hash): the texts are escaped already, and the policy makes sure that, even so, nothing from
an article could load or run.

The renderer is imported on the first request, not with the API: it reads the report through
``worker.checker``, which the API process must not load at start-up (it stays light; see
``test_api_process_loads_no_nlp_and_no_tasks``).
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from api.deps import SessionDep, StoryDep
from api.latest_report import latest_typed_report
from api.schemas.common import ErrorBody
from worker.storage.articles import done_articles
from worker.storage.models import StoryRow

router = APIRouter(prefix="/v1/stories", tags=["stories"])

# Errors stay JSON like everywhere else in the API; only the page itself is HTML. Declared
# explicitly, because FastAPI would otherwise document them with the route's text/html type.
_JSON_ERROR = {"content": {"application/json": {"schema": ErrorBody.model_json_schema()}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or invalid API key", **_JSON_ERROR},
    404: {"description": "No such story, or it has no report yet", **_JSON_ERROR},
    500: {"description": "The stored report cannot be shown", **_JSON_ERROR},
}


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def security_headers() -> dict[str, str]:
    """The page's headers; the CSP allows exactly the page's own style and script."""
    from worker.render.html_style import CSS, SCRIPT

    policy = (
        f"default-src 'none'; style-src {_sha256(CSS)}; script-src {_sha256(SCRIPT)}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "private, no-cache",
    }


def _failed(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(source, error) of the articles the stored report lists as failed."""
    rows = body.get("failed_articles") or []
    return [
        (str(row.get("source") or row.get("article_id") or "?"), row.get("error"))
        for row in rows
        if isinstance(row, dict)
    ]


@router.get(
    "/{story_id}/report.html",
    response_class=HTMLResponse,
    responses=ERRORS,
    summary="Latest report as a self-contained web page",
)
def report_page(story: StoryDep, session: SessionDep) -> HTMLResponse:
    return story_page(session, story)


def story_page(
    session: Session, story: StoryRow, extra_headers: dict[str, str] | None = None
) -> HTMLResponse:
    """The story's latest report as the page (also served by share links, ``shares.py``)."""
    from worker.render.html_page import FailedArticle, render_html

    stored, report = latest_typed_report(session, story.id, "shown")
    texts = {article.id: article.text for article in done_articles(session, story.id)}
    failed = [FailedArticle(source, error) for source, error in _failed(stored.body)]
    page = render_html(report, texts, title=story.name, failed=failed)
    return HTMLResponse(page, headers={**security_headers(), **(extra_headers or {})})
