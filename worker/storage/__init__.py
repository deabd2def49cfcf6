"""Persistence for the quotelens service: models, sessions, migrations, repository functions.

The API and the Celery tasks share these modules; the NLP and checker code never import them.
Repository functions take a ``Session`` and flush but do not commit, so the caller decides the
transaction boundary (see ``worker.storage.db.session_scope``).
"""

from worker.storage.db import get_engine, make_engine, make_sessionmaker, session_scope
from worker.storage.models import (
    ApiKey,
    ArticleRow,
    Base,
    Delivery,
    DeliveryAttempt,
    IdempotencyKey,
    ReportRow,
    StoryRow,
    Tenant,
)
from worker.storage.types import utcnow

__all__ = [
    "ApiKey",
    "ArticleRow",
    "Base",
    "Delivery",
    "DeliveryAttempt",
    "IdempotencyKey",
    "ReportRow",
    "StoryRow",
    "Tenant",
    "get_engine",
    "make_engine",
    "make_sessionmaker",
    "session_scope",
    "utcnow",
]
