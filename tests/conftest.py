"""Shared fixtures: real databases (SQLite file and a throwaway PostgreSQL database) and Redis.

- ``database_url`` is parametrised over the backends in ``QUOTELENS_TEST_BACKENDS``
  (default ``sqlite,postgresql``); each backend's database is created and migrated once per
  session, emptied after every test, and (PostgreSQL) dropped at the end. Pin one backend
  with ``@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)``.
- ``redis_url`` is Redis database 15 (``QUOTELENS_TEST_REDIS_URL``), flushed before and after.
- ``settings`` is a ``Settings`` for both, also exported to the environment so code calling
  ``get_settings()`` sees the same values.

PostgreSQL and Redis must be running (``.ci/run`` starts them); tests fail, not skip, when
they are not, so a green run always means the real services were exercised.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from scripts.stack import libpq_dsn
from worker.settings import Settings, get_settings

TEST_REDIS_URL = os.environ.get("QUOTELENS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TEST_PG_URL = os.environ.get(
    "QUOTELENS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = [
    b.strip()
    for b in os.environ.get("QUOTELENS_TEST_BACKENDS", "sqlite,postgresql").split(",")
    if b.strip()
]
ADMIN_TOKEN = "test-admin-token"
METRICS_TOKEN = "test-metrics-token"

# Never let a test (or a Celery app created at import) talk to a developer's Redis database 0.
os.environ["REDIS_URL"] = TEST_REDIS_URL
# Webhook secrets are stored encrypted; every process a test starts needs the same key.
TEST_SECRET_KEY = "mJ1kq5rS9W0Hk0m3sYy2bq1Qm7kSg6xg5m0eVq6Wc1E="
os.environ.setdefault("QUOTELENS_SECRET_KEY", TEST_SECRET_KEY)


@contextmanager
def throwaway_postgres(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(4)}"
    admin_dsn = libpq_dsn(TEST_PG_URL)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(TEST_PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite database file for the whole session."""
    from worker.storage.migrate import upgrade

    path: Path = tmp_path_factory.mktemp("sqlite") / "quotelens-test.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """A freshly created, migrated PostgreSQL database, dropped at the end of the session."""
    from worker.storage.db import get_engine
    from worker.storage.migrate import upgrade

    with throwaway_postgres("quotelens_test") as url:
        try:
            upgrade(url)
            yield url
        finally:
            get_engine.cache_clear()


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new database with no tables at all, on each backend of
    ``QUOTELENS_TEST_BACKENDS`` (the migration tests)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    with throwaway_postgres("quotelens_empty") as url:
        yield url


def empty_database(engine: Engine) -> None:
    """Delete every row (children first), keeping the migrated schema."""
    from worker.storage.models import Base

    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A migrated, empty database on each configured backend; emptied again afterwards."""
    from worker.storage.db import make_engine

    backend = request.param
    if backend not in ("sqlite", "postgresql"):
        raise ValueError(f"unknown test backend {backend!r}")
    fixture = "postgres_database_url" if backend == "postgresql" else "sqlite_database_url"
    url: str = request.getfixturevalue(fixture)
    engine = make_engine(url)
    try:
        empty_database(engine)
        yield url
        empty_database(engine)
    finally:
        engine.dispose()


@pytest.fixture
def db_engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test database, disposed after the test."""
    from worker.storage.db import make_engine

    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(db_engine: Engine) -> Iterator[Session]:
    """A session on the test database (the test commits what it needs)."""
    from worker.storage.db import make_sessionmaker

    session = make_sessionmaker(db_engine)()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The test Redis database, flushed before and after the test."""
    client = redis.Redis.from_url(TEST_REDIS_URL)
    client.flushdb()
    try:
        yield TEST_REDIS_URL
    finally:
        client.flushdb()
        client.close()


@pytest.fixture
def settings(
    database_url: str, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Settings for the test database and Redis, also visible through ``get_settings()``."""
    values = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "QUOTELENS_ADMIN_TOKEN": ADMIN_TOKEN,
        "METRICS_TOKEN": METRICS_TOKEN,
        "WEBHOOK_ALLOW_LOOPBACK": "true",
        "CHECK_DEBOUNCE_SECONDS": "0",
        "QUOTELENS_SECRET_KEY": os.environ["QUOTELENS_SECRET_KEY"],
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield Settings(_env_file=None)  # type: ignore[call-arg]
    get_settings.cache_clear()


# --- API -----------------------------------------------------------------------------------


# The API's OpenAPI document, generated by the first app of the session. Every app builds it on
# its first request (``api/allow.py`` reads it), about 0.1 s that most API tests would pay again
# for the same document: it is made from the routes and models, not from the settings
# (``tests/api/test_api_docs.py`` checks that).
_OPENAPI_DOCUMENT: dict[str, Any] = {}


@pytest.fixture
def make_client(settings: Settings) -> Iterator[Callable[..., TestClient]]:
    """Build API clients; keyword arguments override fields of ``settings``."""
    from api.main import create_app

    clients: list[TestClient] = []

    def build(**overrides: Any) -> TestClient:
        app = create_app(settings.model_copy(update=overrides))
        if not _OPENAPI_DOCUMENT:
            _OPENAPI_DOCUMENT.update(app.openapi())
        app.openapi_schema = _OPENAPI_DOCUMENT
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    """An API client on the test database and Redis."""
    return make_client()


@pytest.fixture
def auth_headers(client: TestClient) -> Callable[[str], dict[str, str]]:
    """Create an API key for a tenant through the admin endpoint; returns request headers."""

    def create(tenant: str = "acme") -> dict[str, str]:
        response = client.post(
            "/v1/keys", json={"tenant": tenant}, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
        )
        assert response.status_code == 201, response.text
        return {"Authorization": f"Bearer {response.json()['key']}"}

    return create
