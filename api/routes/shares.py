"""Share links: ``POST /v1/stories/{id}/share`` makes a URL that opens the report page without
an API key, for a colleague's browser.

The URL carries an unguessable token (32 random bytes; only its hash is stored). It is
read-only (it opens the HTML page of the latest report and nothing else), expires
(``expires_in_hours``, default a week, at most 30 days), and the story's owner can list and
revoke links. An unknown, expired or revoked token answers the same 404, so a probe learns
nothing. The page is served with ``noindex`` and ``no-store`` so it is neither indexed nor
kept in a shared cache after revocation.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.responses import HTMLResponse

from api.deps import SessionDep, StoryDep, TenantDep, tenant_story
from api.routes.report_page import ERRORS, story_page
from api.routes.stories import NOT_FOUND
from api.schemas.common import from_row
from api.schemas.shares import ShareCreate, ShareCreated, ShareInfo, ShareList
from worker.storage import reports, shares
from worker.storage.models import ShareLink

router = APIRouter(tags=["share links"])

_SHARED_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store"}


def _info(link: ShareLink) -> ShareInfo:
    return from_row(ShareInfo, link, revoked=link.revoked_at is not None)


@router.post(
    "/v1/stories/{story_id}/share",
    status_code=status.HTTP_201_CREATED,
    responses=NOT_FOUND,
    summary="Create a read-only, expiring link to the report page",
)
def create_share(
    story_id: str,
    request: Request,
    tenant: TenantDep,
    session: SessionDep,
    payload: ShareCreate | None = None,
) -> ShareCreated:
    story = tenant_story(story_id, tenant, session)  # once the body is valid
    if reports.latest_report(session, story.id) is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"Story {story_id} has no report yet; share it once its articles are processed",
        )
    hours = (payload or ShareCreate()).expires_in_hours
    made = shares.create_share(session, story.id, timedelta(hours=hours))
    session.commit()
    url = str(request.url_for("shared_report_page", token=made.token))
    return ShareCreated(**_info(made.link).model_dump(), url=url)


@router.get(
    "/v1/stories/{story_id}/shares",
    responses=NOT_FOUND,
    summary="List the story's share links (without their URLs)",
)
def list_shares(story: StoryDep, session: SessionDep) -> ShareList:
    return ShareList(shares=[_info(link) for link in shares.list_shares(session, story.id)])


@router.delete(
    "/v1/stories/{story_id}/shares/{share_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NOT_FOUND,
    summary="Revoke a share link (it stops working at once)",
)
def revoke_share(story: StoryDep, share_id: str, session: SessionDep) -> Response:
    if not shares.revoke_share(session, story.id, share_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Share link {share_id} not found")
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/shared/{token}",
    name="shared_report_page",
    response_class=HTMLResponse,
    responses={404: ERRORS[404], 500: ERRORS[500]},
    summary="The report page opened by a share link (no API key)",
)
def shared_report_page(token: str, session: SessionDep) -> HTMLResponse:
    story = shares.story_for_token(session, token)
    if story is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, "This link does not exist, has expired or was revoked"
        )
    return story_page(session, story, _SHARED_HEADERS)
