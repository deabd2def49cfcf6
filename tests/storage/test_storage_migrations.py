"""Migrations create the whole schema on an empty database, and the models agree with it."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from worker.storage.db import make_engine
from worker.storage.migrate import current_revision, downgrade, head_revision, main, upgrade
from worker.storage.models import Base

TEST_PG_URL = os.environ.get(
    "QUOTELENS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _admin_dsn() -> str:
    return make_url(TEST_PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)


TABLES = {
    "tenants",
    "api_keys",
    "stories",
    "articles",
    "reports",
    "deliveries",
    "delivery_attempts",
    "idempotency_keys",
    "share_links",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new database with no tables at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"quotelens_mig_{os.getpid()}_{secrets.token_hex(4)}"
    admin = _admin_dsn()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(TEST_PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_upgrade_on_empty_database_creates_every_table(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        assert current_revision(engine) is None
        upgrade(empty_url)
        assert current_revision(engine) == head_revision()
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == [], f"models and migrations disagree: {diff}"
        upgrade(empty_url)  # a second run is a no-op
        downgrade(empty_url, "base")
        assert not TABLES & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_module_entry_point_upgrades(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database-url", url]) == 0
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_sqlite_connections_use_wal_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert int(conn.execute(text("PRAGMA busy_timeout")).scalar_one()) >= 1000
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()
