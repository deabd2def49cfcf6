"""Every error leaves the API as JSON with a human-readable ``detail``.

FastAPI already does this for ``HTTPException``; the handlers here extend it to validation
errors (a one-line summary plus the field list), an unreachable broker or database (503, with
``Retry-After``) and unexpected exceptions (500 without internals).
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


def _location(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc) or "request"


def validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Field errors without the submitted values (which may be whole articles)."""
    return [
        {
            "loc": list(err.get("loc", ())),
            "msg": str(err.get("msg", "invalid value")),
            "type": str(err.get("type", "value_error")),
        }
        for err in errors
    ]


def invalid_request(loc: Sequence[str | int], msg: str, type_: str) -> RequestValidationError:
    """A 422 for checks that depend on settings (batch size, text length)."""
    return RequestValidationError([{"loc": tuple(loc), "msg": msg, "type": type_}])


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if exc.detail is not None else "HTTP error"
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = validation_errors(exc.errors())
    summary = "; ".join(f"{_location(e['loc'])}: {e['msg']}" for e in errors[:5])
    if len(errors) > 5:
        summary += f"; and {len(errors) - 5} more"
    return JSONResponse(
        {"detail": f"Invalid request: {summary}", "errors": errors}, status_code=422
    )


async def _broker_down(request: Request, exc: Exception) -> JSONResponse:
    log.warning("broker unavailable: %s", exc)
    return JSONResponse(
        {"detail": "The task queue (message broker) is unavailable; try again shortly."},
        status_code=503,
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable: %s", exc)
    return JSONResponse(
        {"detail": "The database is unavailable; try again shortly."},
        status_code=503,
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(BrokerUnavailable, _broker_down)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(Exception, _unexpected)
