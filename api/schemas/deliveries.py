"""Bodies of the webhook-deliveries listing: each delivery with its HTTP attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class DeliveryAttemptOut(BaseModel):
    # Read from the stored attempt: ``DeliveryAttemptOut.model_validate(row)``.
    model_config = ConfigDict(from_attributes=True)

    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int | None


class DeliveryOut(BaseModel):
    id: str
    story_id: str
    report_version: int
    webhook_id: str
    status: Literal["pending", "succeeded", "failed", "disabled"]
    attempt_count: int
    next_attempt_at: datetime | None = Field(description="Next retry (pending deliveries)")
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    attempts: list[DeliveryAttemptOut]


class DeliveryList(BaseModel):
    deliveries: list[DeliveryOut]
