"""The latest report as a spreadsheet table: ``GET /v1/stories/{id}/report.csv``.

Two tables, chosen with ``?table=``: ``quotes`` (default; one row per quote with outlet,
speaker, cue, cluster and verdict) and ``comparisons`` (one row per compared pair). See
``worker/render/csv_report.py`` for the columns and why they are two files, not one. The
renderer is imported on the first request, as for the HTML page (the API process stays light).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import SessionDep, TenantDep, tenant_story
from api.latest_report import latest_typed_report
from api.routes.report_page import ERRORS

router = APIRouter(prefix="/v1/stories", tags=["stories"])

_CSV = {"content": {"text/csv": {"schema": {"type": "string"}}}}


@router.get(
    "/{story_id}/report.csv",
    response_class=Response,
    responses={200: {"description": "The table as UTF-8 CSV (with BOM)", **_CSV}, **ERRORS},
    summary="Latest report as CSV (quotes or comparisons) for a spreadsheet",
)
def report_csv(
    story_id: str,
    tenant: TenantDep,
    session: SessionDep,
    table: Annotated[
        Literal["quotes", "comparisons"],
        Query(description="quotes: one row per quote; comparisons: one row per compared pair"),
    ] = "quotes",
) -> Response:
    from worker.render.csv_report import render_csv

    story = tenant_story(story_id, tenant, session)  # once table is valid
    stored, report = latest_typed_report(session, story.id, "exported")
    filename = f"quotelens-{story.id}-v{stored.version}-{table}.csv"
    headers: dict[str, Any] = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-cache",
    }
    return Response(
        render_csv(report, table), media_type="text/csv; charset=utf-8", headers=headers
    )
