"""The story's latest stored report, typed, for the routes that render it (page, CSV).

One place decides the two answers a reader can get instead of a report: 404 before the first
check, and 500 naming the version when a stored body no longer has the report shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import HTTPException, status
from pydantic import ValidationError
from sqlalchemy.orm import Session

from worker.storage import reports
from worker.storage.models import ReportRow

if TYPE_CHECKING:
    from worker.checker.report import Report


def latest_typed_report(session: Session, story_id: str, use: str) -> tuple[ReportRow, Report]:
    """The stored row and its ``Report``; ``use`` says what failed (`shown`, `exported`)."""
    from worker.checker.report import Report

    stored = reports.latest_report(session, story_id)
    if stored is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"Story {story_id} has no report yet; it is built once its articles are processed",
        )
    try:
        return stored, Report.from_dict(stored.body)
    except ValidationError as exc:
        raise HTTPException(
            status.HTTP_500_INTERNAL_SERVER_ERROR,
            f"Report version {stored.version} cannot be {use}: it does not have the "
            f"quotelens.report/1 shape ({exc.error_count()} problems)",
        ) from None
