"""The FastAPI application: ``uvicorn api.main:app`` (settings from the environment).

``create_app(settings)`` builds an independent app (own engine, broker client and metrics
registry), which is what the tests use. The database schema is not migrated here: run
``python -m worker.storage.migrate`` first (``/readyz`` reports a schema that is behind).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from api.allow import DocumentedRequests
from api.deps import path_parameters_in_path_order
from api.errors import describe_errors, install_error_handlers
from api.key_cache import KeyCache
from api.limits import BodySizeLimit
from api.metrics import Metrics, MetricsMiddleware
from api.openapi_report import describe_report
from api.queue import TaskQueue
from api.routes import (
    articles,
    deliveries,
    exports,
    health,
    keys,
    report_page,
    reports,
    shares,
    stories,
)
from worker.settings import Settings, get_settings
from worker.storage.db import make_engine, make_sessionmaker
from worker.storage.secretbox import box_for

DESCRIPTION = (
    "Submit news articles to a story; quotelens extracts the attributed quotes and checks them "
    "across sources, then stores a versioned report and sends it to the story's webhook. "
    "Authenticate with `Authorization: Bearer <API key>`."
)


def _complete_openapi(app: FastAPI, *edits: Callable[[dict[str, Any]], None]) -> None:
    """Let ``edits`` complete the OpenAPI document FastAPI generates (once: it is cached)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for edit in edits:
                edit(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None) -> FastAPI:
    """A fully wired app for ``settings`` (default: from the environment)."""
    settings = settings or get_settings()
    # Refuse to start without a usable key rather than fail on the first story.
    key = settings.quotelens_secret_key
    box_for(key.get_secret_value() if key is not None else "")
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        _app.state.queue.close()
        engine.dispose()

    # Swagger UI and ReDoc from assets shipped by fastapi-offline: /docs works without a CDN.
    app = FastAPIOffline(
        title="quotelens", version="0.1.0", description=DESCRIPTION, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.queue = TaskQueue(settings.redis_url)
    app.state.key_cache = KeyCache(settings.quotelens_key_cache_seconds)
    app.state.metrics = Metrics(app.state.queue, app.state.sessionmaker)

    install_error_handlers(app)
    _complete_openapi(app, describe_errors, describe_report, path_parameters_in_path_order)
    modules = (health, keys, stories, reports, report_page, exports, shares, articles, deliveries)
    for module in modules:
        app.include_router(module.router)
    # Last added runs first: metrics see every request, including refused oversized ones.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(DocumentedRequests)
    return app


app = create_app()
