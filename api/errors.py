"""Every error leaves the API as JSON with a human-readable ``detail``.

FastAPI already does this for ``HTTPException``; the handlers here extend it to validation
errors (a one-line summary plus the field list), an unreachable broker or database (503, with
``Retry-After``) and unexpected exceptions (500 without internals). Bodies FastAPI cannot parse
(not UTF-8, JSON nested deeper than the parser allows, not JSON at all) get a message that says
which of these it was instead of a generic "error parsing the body".

``describe_errors`` makes the OpenAPI document describe these bodies as they really are, so a
client generated from it (or a schema-driven fuzzer) is not told FastAPI's default shape.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.queue import BrokerUnavailable

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "5"


def unavailable(body: dict[str, Any]) -> JSONResponse:
    """A 503 with ``Retry-After``: something the API needs is down, so the same request may
    succeed shortly (the broker, the database)."""
    return JSONResponse(body, status_code=503, headers={"Retry-After": RETRY_AFTER_SECONDS})


def _location(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc) or "request"


def _message(err: Any) -> str:
    msg = str(err.get("msg", "invalid value"))
    reason = (err.get("ctx") or {}).get("error")
    if err.get("type") == "json_invalid" and isinstance(reason, str):
        return f"Invalid JSON: {reason}"  # the parser's reason ("Expecting value"), no input
    return msg


def validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Field errors without the submitted values (which may be whole articles)."""
    return [
        {
            "loc": list(err.get("loc", ())),
            "msg": _message(err),
            "type": str(err.get("type", "value_error")),
        }
        for err in errors
    ]


def invalid_request(loc: Sequence[str | int], msg: str, type_: str) -> RequestValidationError:
    """A 422 for checks that depend on settings (batch size, text length)."""
    return RequestValidationError([{"loc": tuple(loc), "msg": msg, "type": type_}])


def _unparseable_body(exc: StarletteHTTPException) -> str | None:
    """A precise message for FastAPI's 400 "error parsing the body", from its cause."""
    if exc.status_code != 400:
        return None
    cause = exc.__cause__
    if isinstance(cause, UnicodeDecodeError):
        return "Request body is not valid UTF-8; send JSON encoded as UTF-8"
    if isinstance(cause, RecursionError):
        return "Request body JSON is nested too deeply"
    return None


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = _unparseable_body(exc) or exc.detail
    if detail is None:
        detail = "HTTP error"
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


def _not_json(request: Request, errors: Sequence[dict[str, Any]]) -> bool:
    """FastAPI hands a body labelled as something else than JSON (``curl -d`` sends a form
    type) to validation as raw bytes; the only error is then that the whole body is not an
    object, which hides the real mistake. A body without a type stays a plain 422."""
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    is_json = not media or media == "application/json" or media.endswith("+json")
    return not is_json and any(
        tuple(e["loc"]) == ("body",) and e["type"] == "model_attributes_type" for e in errors
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = validation_errors(exc.errors())
    if _not_json(request, errors):
        return JSONResponse(
            {"detail": "Request body must be JSON sent with 'Content-Type: application/json'"},
            status_code=415,
        )
    summary = "; ".join(f"{_location(e['loc'])}: {e['msg']}" for e in errors[:5])
    if len(errors) > 5:
        summary += f"; and {len(errors) - 5} more"
    return JSONResponse(
        {"detail": f"Invalid request: {summary}", "errors": errors}, status_code=422
    )


async def _broker_down(request: Request, exc: Exception) -> JSONResponse:
    log.warning("broker unavailable: %s", exc)
    return unavailable(
        {"detail": "The task queue (message broker) is unavailable; try again shortly."}
    )


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable: %s", exc)
    return unavailable({"detail": "The database is unavailable; try again shortly."})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


_ERROR_BODY = {
    "title": "ErrorBody",
    "type": "object",
    "properties": {"detail": {"type": "string", "title": "Detail"}},
    "required": ["detail"],
}
_VALIDATION_BODY = {
    "title": "HTTPValidationError",
    "description": "A one-line summary in `detail` and every field error in `errors`.",
    "type": "object",
    "properties": {
        "detail": {"type": "string", "title": "Detail"},
        "errors": {
            "type": "array",
            "title": "Errors",
            "items": {"$ref": "#/components/schemas/ValidationError"},
        },
    },
    "required": ["detail", "errors"],
}
_FIELD_ERROR = {
    "title": "ValidationError",
    "type": "object",
    "properties": {
        "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
    "required": ["loc", "msg", "type"],
}
# Answered before a route runs (body limit middleware, body parsing), so no route lists them.
_BODY_ERRORS = {
    "400": "The body could not be read (not UTF-8, JSON nested too deeply) or a header is invalid",
    "413": "The request body is larger than MAX_BODY_BYTES",
    "415": "The body is not JSON",
}


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }


def describe_errors(schema: dict[str, Any]) -> None:
    """Describe the error bodies of this module in the generated OpenAPI ``schema``."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorBody"] = _ERROR_BODY
    components["HTTPValidationError"] = _VALIDATION_BODY
    components["ValidationError"] = _FIELD_ERROR
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation:
                for code, description in _BODY_ERRORS.items():
                    responses.setdefault(code, _error_response(description))
            if operation.get("security"):
                responses.setdefault("401", _error_response("Missing or invalid credentials"))


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(BrokerUnavailable, _broker_down)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(Exception, _unexpected)
