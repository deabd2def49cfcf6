"""What every request and response body shares: strict requests, the error shape, text rules,
documented examples, answers copied from stored rows.

Requests forbid unknown fields (``extra="forbid"``), so a typo such as ``txt`` is a 422 and
not a silently ignored field. Limits that depend on settings (batch size, article length) are
checked in the routes, because they are only known at runtime.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)

_HTTP_URL: TypeAdapter[AnyHttpUrl] = TypeAdapter(AnyHttpUrl)


def http_url(value: str | None) -> str | None:
    """Validate an http(s) URL but keep the client's spelling."""
    if value is None:
        return None
    value = value.strip()
    _HTTP_URL.validate_python(value)
    return value


# An absolute http(s) URL with a host, as ``http_url`` accepts it (surrounding spaces allowed).
WEBHOOK_URL_PATTERN = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9._~%-]+(:[0-9]{1,5})?([/?#]\S*)?\s*$"

# Stated in the schema as the pattern below (``NOT_BLANK``), and checked by ``not_blank`` with
# the same meaning but a clearer message than a pattern mismatch: some character that is not
# white space, and no NUL anywhere (PostgreSQL cannot store it; ``StrictModel`` refuses it).
NOT_BLANK_PATTERN = r"^[^\x00]*[^\s\x00][^\x00]*$"
NOT_BLANK: dict[str, Any] = {"pattern": NOT_BLANK_PATTERN}
_NOT_BLANK = re.compile(NOT_BLANK_PATTERN)


def not_blank(value: str, what: str) -> str:
    """``value`` unchanged, or a ``ValueError`` naming ``what`` if it is blank or holds NUL."""
    if "\x00" in value:
        raise ValueError("must not contain NUL (\\u0000) characters")
    if not _NOT_BLANK.search(value):
        raise ValueError(f"{what} must not be empty or whitespace only")
    return value


def _stripped_name(value: str, info: ValidationInfo) -> str:
    return not_blank(value, str(info.field_name)).strip()


# A name-like field (tenant, story name, source): refused when blank, stored without the
# surrounding spaces; the error names the field.
Name = Annotated[str, AfterValidator(_stripped_name)]


# Example values shared by the documented requests and answers (invented story and outlets).
EXAMPLE_STORY_ID = "6f1c2a9e-3b7d-4e58-9a41-2c8d5f0b7e13"
EXAMPLE_ARTICLE_ID = "b3e9d4c1-8a2f-4f6e-b5d7-91c0a3e2f486"
EXAMPLE_CREATED = "2026-03-14T09:30:00Z"


def examples(*bodies: dict[str, Any]) -> ConfigDict:
    """The ``model_config`` of a request or answer body that the documentation shows by these
    examples (pydantic merges it with the config the model inherits, e.g. ``StrictModel``'s)."""
    return ConfigDict(json_schema_extra={"examples": list(bodies)})


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text columns; refuse it here instead of failing later.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL (\\u0000) characters")
        return value


Answer = TypeVar("Answer", bound=BaseModel)


def from_row(model: type[Answer], row: object, **values: Any) -> Answer:
    """``model`` with ``values``, and every other field read from ``row``'s attribute of the same
    name: answers mostly repeat a stored row, and a field added to both needs no code here."""
    copied = {name: getattr(row, name) for name in model.model_fields if name not in values}
    return model(**copied, **values)


class ErrorBody(BaseModel):
    """Shape of every error response."""

    detail: str


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """A route's ``responses=`` entry: each of these status codes answers an ``ErrorBody``."""
    return {code: {"model": ErrorBody} for code in codes}


class HealthStatus(BaseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)
