"""Bodies of the share-link routes: a link is shown once with its URL, then listed without."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.schemas.common import EXAMPLE_STORY_ID, examples

DEFAULT_HOURS = 24.0 * 7
MAX_HOURS = 24.0 * 30


class ShareCreate(BaseModel):
    model_config = examples({"expires_in_hours": 48})

    expires_in_hours: float = Field(
        default=DEFAULT_HOURS, gt=0, le=MAX_HOURS, description="How long the link works"
    )


class ShareInfo(BaseModel):
    id: str = Field(description="The link's id, for revoking it")
    story_id: str
    created_at: datetime
    expires_at: datetime
    revoked: bool


class ShareCreated(ShareInfo):
    model_config = examples(
        {
            "id": "0d5b7c3e-6a14-4f2b-8e90-5c7a1d2f3b48",
            "story_id": EXAMPLE_STORY_ID,
            "created_at": "2026-03-14T10:00:00Z",
            "expires_at": "2026-03-16T10:00:00Z",
            "revoked": False,
            "url": "https://quotelens.example.com/shared/"
            "kH3v9QeZ2mXwR7tYpL0sNcB5uJ8aD1fG4iO6qE-yTzU",
        }
    )

    url: str = Field(description="Opens the report page without an API key; shown only once")


class ShareList(BaseModel):
    shares: list[ShareInfo]
