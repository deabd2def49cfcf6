"""Liveness, readiness and metrics.

``/healthz`` says the process is up (no dependencies, for restarts); ``/readyz`` checks the
database (reachable and migrated to the code's schema) and the broker, for load balancers;
``/metrics`` is the Prometheus exposition, for the holder of ``METRICS_TOKEN`` only (its
counts span all tenants).
"""

from __future__ import annotations

import hmac
import logging

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import Engine

from api.deps import QueueDep
from api.schemas.common import HealthStatus
from worker.settings import Settings
from worker.storage.migrate import current_revision, head_revision

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Process is up")
def healthz() -> HealthStatus:
    return HealthStatus(status="ok")


def _database_check(engine: Engine, expected: str | None) -> str:
    try:
        revision = current_revision(engine)
    except Exception as exc:
        log.warning("readyz: database unavailable: %s", exc)
        return "unavailable"
    if revision != expected:
        return f"schema at {revision or 'none'}, expected {expected}; run migrations"
    return "ok"


@router.get(
    "/readyz",
    response_model=HealthStatus,
    summary="Database and broker reachable",
    responses={503: {"model": HealthStatus, "description": "Not ready"}},
)
def readyz(request: Request, queue: QueueDep) -> JSONResponse:
    checks = {
        "database": _database_check(request.app.state.engine, head_revision()),
        "broker": "ok" if queue.ping() else "unavailable",
    }
    failing = [f"{name}: {state}" for name, state in checks.items() if state != "ok"]
    if failing:
        return JSONResponse(
            {
                "status": "unavailable",
                "detail": "Not ready: " + "; ".join(failing),
                "checks": checks,
            },
            status_code=503,
        )
    return JSONResponse({"status": "ready", "checks": checks})


def _metrics_allowed(request: Request) -> None:
    """Only the holder of ``METRICS_TOKEN`` may scrape: the counts span every tenant.

    Unset token: 404, as if there were no endpoint (nothing to guess at). Wrong or missing
    bearer: 401.
    """
    settings: Settings = request.app.state.settings
    token = settings.metrics_token.get_secret_value() if settings.metrics_token else ""
    if not token:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Not Found")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Invalid or missing metrics token (METRICS_TOKEN)",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    _metrics_allowed(request)
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )
