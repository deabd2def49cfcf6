"""Bodies of the story routes: create, rotate the webhook secret, status and listing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator

from api.schemas.common import (
    EXAMPLE_ARTICLE_ID,
    EXAMPLE_CREATED,
    EXAMPLE_STORY_ID,
    NOT_BLANK,
    WEBHOOK_URL_PATTERN,
    Name,
    StrictModel,
    examples,
    http_url,
)

# The story that the documented answers describe.
_EXAMPLE_STORY: dict[str, Any] = {
    "id": EXAMPLE_STORY_ID,
    "name": "Tarnwick harbour closure",
    "webhook_url": "https://hooks.example.com/quotelens",
}


class StoryCreate(StrictModel):
    model_config = examples(
        {"name": "Tarnwick harbour closure", "webhook_url": "https://hooks.example.com/quotelens"},
        {"name": "Vellmar council budget vote"},
    )

    name: Name = Field(min_length=1, max_length=300, json_schema_extra=NOT_BLANK)
    webhook_url: str | None = Field(
        default=None,
        min_length=8,
        max_length=2000,
        # Stated in the schema as validated (``http_url``): an http(s) URL with a host.
        pattern=WEBHOOK_URL_PATTERN,
        description="Receives each new report (Standard Webhooks); a public http(s) URL",
    )

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        return http_url(value)


class WebhookSecretRotated(BaseModel):
    id: str
    webhook_secret: str = Field(description="The new signing secret (whsec_...); shown once")
    previous_secret_valid_until: datetime = Field(
        description="Until then deliveries are also signed with the previous secret"
    )


class StoryCreated(BaseModel):
    model_config = examples(
        {
            **_EXAMPLE_STORY,
            "webhook_secret": "whsec_MfKQ9r8GKYqXzGF4ZmQ2dHNrQWxQbk1vN3VJc0VqY1Y=",
            "created_at": EXAMPLE_CREATED,
        }
    )

    id: str
    name: str
    webhook_url: str | None
    webhook_secret: str = Field(description="Standard Webhooks signing secret (whsec_...)")
    created_at: datetime


class ArticleCounts(BaseModel):
    queued: int
    processing: int
    done: int
    failed: int


class ArticleFailure(BaseModel):
    article_id: str
    source: str
    error: str | None


class StoryStatus(BaseModel):
    model_config = examples(
        {
            **_EXAMPLE_STORY,
            "webhook_disabled": False,
            "articles": {"queued": 0, "processing": 1, "done": 3, "failed": 1},
            "failures": [
                {
                    "article_id": EXAMPLE_ARTICLE_ID,
                    "source": "Harbour board",
                    "error": "whose statement is this? Give the article's "
                    '"speaker", or speaker labels in the text (...)',
                }
            ],
            "report_version": 2,
            "created_at": EXAMPLE_CREATED,
        }
    )

    id: str
    name: str
    webhook_url: str | None
    webhook_disabled: bool
    articles: ArticleCounts
    failures: list[ArticleFailure]
    report_version: int
    created_at: datetime


class StorySummary(BaseModel):
    id: str
    name: str
    report_version: int
    created_at: datetime


class StoryList(BaseModel):
    stories: list[StorySummary]
