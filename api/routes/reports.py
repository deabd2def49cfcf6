"""``GET /v1/stories/{id}/reports/{version}``: one stored version of a story's report.

Webhooks of large reports carry only the summary and this URL (``data.report_url``), so a
receiver fetches the version it was told about, not whatever is newest when it asks.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, status
from fastapi.responses import Response

from api.deps import SessionDep, TenantDep, tenant_story
from api.report_stream import report_response
from api.routes.stories import NOT_FOUND
from worker.storage import reports

router = APIRouter(prefix="/v1/stories", tags=["stories"])


@router.get(
    "/{story_id}/reports/{version}",
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}, **NOT_FOUND},
    response_class=Response,
    summary="One version of the report (schema quotelens.report/1) with story_id and version",
)
def get_report_version(
    story_id: str,
    version: Annotated[int, Path(ge=1, le=2**31 - 1)],
    tenant: TenantDep,
    session: SessionDep,
) -> Response:
    story = tenant_story(story_id, tenant, session)  # once version is valid
    report = reports.get_report(session, story.id, version)
    if report is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"Story {story_id} has no report version {version}"
        )
    body: dict[str, Any] = report.body
    return report_response(body, story.id, report.version)
