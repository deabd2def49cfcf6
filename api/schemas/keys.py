"""Bodies of the API-key routes (``/v1/keys``): a key is shown once, then only its prefix."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.schemas.common import EXAMPLE_CREATED, NOT_BLANK, Name, StrictModel, examples


class KeyCreate(StrictModel):
    model_config = examples({"tenant": "tarnwick-gazette"})

    tenant: Name = Field(
        min_length=1,
        max_length=200,
        json_schema_extra=NOT_BLANK,
        description="Tenant name (created if new)",
    )


class KeyCreated(BaseModel):
    model_config = examples(
        {
            "id": 7,
            "tenant": "tarnwick-gazette",
            "prefix": "3fa9c01b",
            "key": "ql_3fa9c01b_Vq0n6cWm1xT8kZbR4yPj2sLd9eHuA7fG5oQiN3wXrKc",
            "created_at": EXAMPLE_CREATED,
        }
    )

    id: int
    tenant: str
    prefix: str
    key: str = Field(description="The API key. Shown only once; store it now.")
    created_at: datetime


class KeyInfo(BaseModel):
    """An API key as listed: no secret and no hash, only what tells keys apart."""

    id: int
    tenant: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None = None


class KeyList(BaseModel):
    keys: list[KeyInfo]
