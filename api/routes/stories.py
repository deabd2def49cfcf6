"""Stories: create, list, progress, latest report, and article submission.

Submission is validated here and done by ``api/submission.py`` (store, commit, then enqueue).
Another tenant's story id answers 404, exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Body, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api import idempotency
from api.deps import IdempotencyKeyDep, QueueDep, SessionDep, SettingsDep, StoryDep, TenantDep
from api.errors import invalid_request
from api.report_stream import report_response
from api.schemas.articles import ARTICLE_BATCH_EXAMPLES, ArticleBatch, ArticleIn, ArticlesAccepted
from api.schemas.common import ErrorBody, error_responses, from_row
from api.schemas.stories import (
    ArticleCounts,
    ArticleFailure,
    StoryCreate,
    StoryCreated,
    StoryList,
    StoryStatus,
    StorySummary,
    WebhookSecretRotated,
)
from api.submission import Submission, accept
from worker.net.addresses import forbidden_reason, literal_address
from worker.settings import Settings
from worker.storage import reports, secretbox, stories
from worker.storage.articles import NewArticle

router = APIRouter(prefix="/v1/stories", tags=["stories"])

NOT_FOUND = error_responses(401, 404)


def _check_webhook_host(url: str, settings: Settings) -> None:
    """Refuse literal non-public hosts early; names are checked again at delivery time."""
    address = literal_address((urlsplit(url).hostname or "").lower())
    if address is None:
        return
    reason = forbidden_reason(address, allow_loopback=settings.webhook_allow_loopback)
    if reason is not None:
        raise invalid_request(
            ("body", "webhook_url"),
            f"webhook_url is refused: {address} is a {reason}; webhooks go to public addresses",
            "webhook_url_unsafe",
        )


def _seal_secret(body: dict[str, Any]) -> dict[str, Any]:
    """The creation response as stored for Idempotency-Key replays: secret encrypted."""
    return {**body, "webhook_secret": secretbox.encrypt(body["webhook_secret"])}


def _reveal_secret(body: dict[str, Any]) -> dict[str, Any]:
    return {**body, "webhook_secret": secretbox.decrypt(body["webhook_secret"])}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=StoryCreated,
    responses=error_responses(401, 409),
    summary="Create a story",
)
def create_story(
    payload: StoryCreate,
    request: Request,
    tenant: TenantDep,
    session: SessionDep,
    settings: SettingsDep,
    key: IdempotencyKeyDep,
) -> Any:
    if payload.webhook_url:
        _check_webhook_host(payload.webhook_url, settings)
    req_hash = idempotency.request_hash("POST", request.url.path, payload.model_dump(mode="json"))
    if key is not None and (
        stored := idempotency.replay(session, tenant.id, key, req_hash, _reveal_secret)
    ):
        return stored
    story = stories.create_story(session, tenant.id, payload.name, payload.webhook_url)
    session.commit()
    body = from_row(StoryCreated, story).model_dump(mode="json")
    if key is not None and (
        stored := idempotency.remember(
            session, tenant.id, key, req_hash, body, 201, seal=_seal_secret, reveal=_reveal_secret
        )
    ):
        # A concurrent request with the same key won; drop ours and answer with theirs.
        session.delete(story)
        session.commit()
        return stored
    return JSONResponse(body, status_code=201)


@router.post(
    "/{story_id}/webhook-secret/rotate",
    responses=NOT_FOUND,
    summary="Replace the webhook signing secret (the old one stays valid for a while)",
)
def rotate_webhook_secret(
    story: StoryDep, session: SessionDep, settings: SettingsDep
) -> WebhookSecretRotated:
    """Deliveries carry signatures with both secrets until ``previous_secret_valid_until``,
    so the receiver can switch to the new one at any point of that window."""
    secret = stories.rotate_webhook_secret(session, story)
    rotated_at = story.webhook_secret_rotated_at
    assert rotated_at is not None
    session.commit()
    return WebhookSecretRotated(
        id=story.id,
        webhook_secret=secret,
        previous_secret_valid_until=rotated_at
        + timedelta(hours=settings.webhook_secret_rotation_hours),
    )


@router.get(
    "",
    responses=error_responses(401),
    summary="List the tenant's stories, newest first",
)
def list_stories(
    tenant: TenantDep,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=2_000_000_000)] = 0,
) -> StoryList:
    rows = stories.list_stories(session, tenant.id, limit=limit, offset=offset)
    return StoryList(stories=[from_row(StorySummary, row) for row in rows])


@router.get("/{story_id}", responses=NOT_FOUND, summary="Story progress")
def get_story(story: StoryDep, session: SessionDep) -> StoryStatus:
    progress = stories.story_progress(session, story.id)
    return from_row(
        StoryStatus,
        story,
        articles=ArticleCounts(**progress.counts),
        failures=[
            ArticleFailure(article_id=aid, source=source, error=error)
            for aid, source, error in progress.failures
        ],
    )


@router.get(
    "/{story_id}/report",
    responses=NOT_FOUND,
    summary="Latest report (schema quotelens.report/1) with story_id and version",
)
def get_report(story: StoryDep, session: SessionDep) -> dict[str, Any]:
    report = reports.latest_report(session, story.id)
    if report is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"Story {story.id} has no report yet; it is built once its articles are processed",
        )
    # Encoded in one C call and streamed when large (api/report_stream.py).
    return report_response(report.body, story.id, report.version)  # type: ignore[return-value]


def _new_article(article: ArticleIn) -> NewArticle:
    """The article to store: each of its fields copied from the submitted one's, but a missing
    ``text`` is stored empty (the page's text is extracted later, in the worker)."""
    copied = {field.name: getattr(article, field.name) for field in fields(NewArticle)}
    return NewArticle(**{**copied, "text": article.text or ""})


def _check_limits(payload: ArticleBatch, settings: Settings) -> None:
    if len(payload.articles) > settings.max_batch:
        raise invalid_request(
            ("body", "articles"),
            f"At most {settings.max_batch} articles per request ({len(payload.articles)} sent)",
            "too_long",
        )
    for index, article in enumerate(payload.articles):
        if len(article.text or "") > settings.max_article_chars:
            raise invalid_request(
                ("body", "articles", index, "text"),
                f"Article text is longer than {settings.max_article_chars} characters",
                "string_too_long",
            )
        if article.html is not None and len(article.html.encode()) > settings.max_html_bytes:
            raise invalid_request(
                ("body", "articles", index, "html"),
                f"Article html is larger than {settings.max_html_bytes} bytes (MAX_HTML_BYTES)",
                "string_too_long",
            )


@router.post(
    "/{story_id}/articles",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ArticlesAccepted,
    responses={
        **error_responses(401, 404, 409, 413),
        503: {"model": ErrorBody, "description": "Stored, but the broker is unavailable"},
    },
    summary="Submit articles for extraction",
)
async def submit(
    story_id: str,
    payload: Annotated[ArticleBatch, Body(openapi_examples=ARTICLE_BATCH_EXAMPLES)],
    request: Request,
    tenant: TenantDep,
    settings: SettingsDep,
    queue: QueueDep,
    key: IdempotencyKeyDep,
) -> Any:
    _check_limits(payload, settings)
    submission = Submission(
        tenant_id=tenant.id,
        story_id=story_id,
        items=[_new_article(article) for article in payload.articles],
        key=key,
        request_hash=None
        if key is None
        else idempotency.request_hash("POST", request.url.path, payload.model_dump(mode="json")),
        max_story_articles=settings.max_story_articles,
    )
    return await run_in_threadpool(accept, request.app.state.sessionmaker, queue, submission)
