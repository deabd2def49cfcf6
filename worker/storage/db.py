"""Engines and sessions.

One engine per process and database URL (``get_engine``), created lazily so that importing
the package never touches the database. SQLite connections are switched to WAL with a busy
timeout because several worker processes on one machine write to the same file; foreign keys
are switched on so that SQLite enforces the same rules as PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def is_sqlite(url: str) -> bool:
    """Whether a database URL points at SQLite."""
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """A new engine for ``database_url`` with the per-backend connection setup applied."""
    if is_sqlite(database_url):
        connect_args = dict(kwargs.pop("connect_args", {}))
        # The sqlite3 module's own lock wait, in seconds, on top of the PRAGMA.
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        connect_args.setdefault("check_same_thread", False)
        engine = create_engine(database_url, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _configure_sqlite_connection)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(database_url, **kwargs)


@lru_cache(maxsize=8)
def get_engine(database_url: str | None = None) -> Engine:
    """The process-wide engine for a URL (default: ``Settings.database_url``)."""
    if database_url is None:
        from worker.settings import get_settings

        database_url = get_settings().database_url
    return make_engine(database_url)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (returned to callers)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(database_url: str | None = None) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error.

    Keep write transactions short and start them with the write (the repository
    functions do): on SQLite a transaction that has read and then tries to write can
    fail with "database is locked" if another process committed in between.
    """
    session = make_sessionmaker(get_engine(database_url))()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
